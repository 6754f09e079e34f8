"""Writers for kg's graph: one module per format."""
from .gexf import write_gexf
from .graphml import write_graphml
from .html import write_html

__all__ = ["write_gexf", "write_graphml", "write_html"]
