"""kg: turn news articles into an entity knowledge graph.

>>> import kg
>>> sorted(kg.RELATIONS)
['competes-with', 'funds', 'partners-with']
"""
__version__ = "0.1.0"

from .api import Build, build, build_graph, build_graph_from_texts, extract
from .corpus import documents_from_texts, read_documents
from .export import show, to_pyvis, write_gexf, write_graphml, write_html
from .records import ENTITY_TYPES, RELATIONS, Document

__all__ = ["__version__", "build", "Build", "build_graph", "build_graph_from_texts", "extract", "Document",
           "read_documents", "documents_from_texts", "write_gexf", "write_graphml", "write_html", "show",
           "to_pyvis", "RELATIONS", "ENTITY_TYPES"]
