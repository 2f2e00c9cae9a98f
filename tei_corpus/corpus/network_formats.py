"""Write a :class:`~tei_corpus.corpus.network.Network`: CSV edge list, GraphML, GEXF 1.3.

Plain Python and lxml, no graph library. Every writer returns the bytes of
the whole file (the caller writes them atomically, or to stdout); the output
is deterministic (nodes and edges sorted by id, no date in the GEXF ``meta``).

- CSV: one row per edge, ``source,target,weight,interpreted,documents``;
- GraphML (``http://graphml.graphdrawing.org/xmlns``): a directed graph, the
  node and edge attributes declared as ``key`` elements (``attr.name`` as in
  :data:`~tei_corpus.corpus.network.NODE_FIELDS` and ``EDGE_FIELDS``);
- GEXF 1.3 (``http://gexf.net/1.3``): ``label`` and ``weight`` in the
  element's own attributes, the others as declared ``attvalue`` s.
"""
from __future__ import annotations

import csv
import io

from lxml import etree

from .network import EDGE_FIELDS, Network

FORMATS = ("csv", "graphml", "gexf")
GRAPHML = "http://graphml.graphdrawing.org/xmlns"
GEXF = "http://gexf.net/1.3"
_NODE_TYPES = {"label": "string", "role": "string", "turns": "int", "words": "int",
               "weighted_in": "int", "weighted_out": "int", "self_loops": "int"}
_EDGE_TYPES = {"weight": "int", "interpreted": "int", "documents": "int"}


def render_network(net: Network, fmt: str) -> bytes:
    """Return ``net`` written in ``fmt`` (one of :data:`FORMATS`)."""
    return {"csv": edges_csv, "graphml": graphml_bytes, "gexf": gexf_bytes}[fmt](net)


def edges_csv(net: Network) -> bytes:
    """Return the edge list as CSV with a header row (``\\r\\n`` line ends, as csv writes)."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf)
    w.writerow(("source", "target", *EDGE_FIELDS))
    for (s, t), e in net.edges.items():
        w.writerow((s, t, *(getattr(e, f) for f in EDGE_FIELDS)))
    return buf.getvalue().encode("utf-8")


def _xml(root: etree._Element) -> bytes:
    etree.indent(root, space=" ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def graphml_bytes(net: Network) -> bytes:
    """Return the network as a GraphML document."""
    g = f"{{{GRAPHML}}}"
    root = etree.Element(g + "graphml", nsmap={None: GRAPHML})
    for domain, types in (("node", _NODE_TYPES), ("edge", _EDGE_TYPES)):
        for name, typ in types.items():
            etree.SubElement(root, g + "key", {"id": f"{domain[0]}_{name}", "for": domain,
                                               "attr.name": name, "attr.type": typ})
    graph = etree.SubElement(root, g + "graph", id=net.kind, edgedefault="directed")
    for n in net.nodes.values():
        el = etree.SubElement(graph, g + "node", id=n.id)
        for name in _NODE_TYPES:
            etree.SubElement(el, g + "data", key=f"n_{name}").text = str(getattr(n, name))
    for i, ((s, t), e) in enumerate(net.edges.items()):
        el = etree.SubElement(graph, g + "edge", id=f"e{i}", source=s, target=t)
        for name in _EDGE_TYPES:
            etree.SubElement(el, g + "data", key=f"e_{name}").text = str(getattr(e, name))
    return _xml(root)


def _gexf_attributes(graph, cls: str, names) -> None:
    attrs = etree.SubElement(graph, f"{{{GEXF}}}attributes", {"class": cls})
    for name in names:
        etree.SubElement(attrs, f"{{{GEXF}}}attribute", id=name, title=name,
                         type="integer" if name != "role" else "string")


def _attvalues(el, obj, names) -> None:
    values = etree.SubElement(el, f"{{{GEXF}}}attvalues")
    for name in names:
        etree.SubElement(values, f"{{{GEXF}}}attvalue", {"for": name, "value": str(getattr(obj, name))})


def gexf_bytes(net: Network) -> bytes:
    """Return the network as a GEXF 1.3 document."""
    x = f"{{{GEXF}}}"
    root = etree.Element(x + "gexf", nsmap={None: GEXF}, version="1.3")
    meta = etree.SubElement(root, x + "meta")
    etree.SubElement(meta, x + "creator").text = "tei-corpus"
    etree.SubElement(meta, x + "description").text = f"{net.kind} network; documents: {net.documents}"
    graph = etree.SubElement(root, x + "graph", defaultedgetype="directed", mode="static")
    node_names = [k for k in _NODE_TYPES if k != "label"]
    edge_names = [k for k in _EDGE_TYPES if k != "weight"]
    _gexf_attributes(graph, "node", node_names)
    _gexf_attributes(graph, "edge", edge_names)
    nodes = etree.SubElement(graph, x + "nodes")
    for n in net.nodes.values():
        _attvalues(etree.SubElement(nodes, x + "node", id=n.id, label=n.label), n, node_names)
    edges = etree.SubElement(graph, x + "edges")
    for i, ((s, t), e) in enumerate(net.edges.items()):
        el = etree.SubElement(edges, x + "edge", id=f"e{i}", source=s, target=t,
                              weight=str(e.weight))
        _attvalues(el, e, edge_names)
    return _xml(root)
