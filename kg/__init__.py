"""kg: turn news articles into an entity knowledge graph.

>>> import kg
>>> sorted(kg.RELATIONS)
['competes-with', 'funds', 'partners-with']
"""
__version__ = "0.1.0"

from .api import build_graph, build_graph_from_texts, extract
from .export import write_gexf, write_graphml, write_html
from .records import ENTITY_TYPES, RELATIONS

__all__ = ["__version__", "build_graph", "build_graph_from_texts", "extract", "write_gexf", "write_graphml",
           "write_html", "RELATIONS", "ENTITY_TYPES"]
