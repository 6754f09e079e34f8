"""Reading a GraphML file written by kg back into a graph, with a clear error on bad files."""
from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import ParseError

import networkx as nx

from .errors import InputError

__all__ = ["read_graph"]


def read_graph(path: str | Path) -> nx.MultiDiGraph:
    """Read a kg GraphML file; raises :class:`InputError` naming the file if it is not one."""
    try:
        return nx.read_graphml(path, force_multigraph=True)
    except (ParseError, nx.NetworkXError, OSError, ValueError, KeyError) as err:
        raise InputError(f"{path}: not a readable GraphML file ({err})") from err
