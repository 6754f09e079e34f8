"""Writers for kg's graph: one module per format."""
from .graphml import write_graphml
from .html import write_html

__all__ = ["write_graphml", "write_html"]
