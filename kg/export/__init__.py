"""Writers for kg's graph: one module per format, and the views for notebooks."""
from .gexf import write_gexf
from .graphml import write_graphml
from .html import show, write_html
from .pyvis_network import to_pyvis

__all__ = ["write_gexf", "write_graphml", "write_html", "show", "to_pyvis"]
