// Parse a kg GraphML or GEXF file exactly as Gephi Lite opens one, and print what it got as JSON.
//
//   node parse_graph.mjs FILE [Graph|MultiGraph]
//
// Gephi Lite (packages/gephi-lite/src/core/graph/import) calls
//   graphml.parse(Graph, content, {addMissingNodes: true})
//   gexf.parse(Graph, content, {allowUndeclaredAttributes: true, addMissingNodes: true})
// with graphology's Graph; MultiGraph is the constructor the kg tests use by default.
// Exit code 1 and the error on stderr when the parser throws.
import { readFileSync } from "node:fs";
import graphology from "graphology";
import gexf from "graphology-gexf";
import graphml from "graphology-graphml";

const [file, ctorName = "MultiGraph"] = process.argv.slice(2);
const Ctor = ctorName === "Graph" ? graphology.Graph : graphology.MultiGraph;
const text = readFileSync(file, "utf8");

const graph = file.endsWith(".gexf")
  ? gexf.parse(Ctor, text, { allowUndeclaredAttributes: true, addMissingNodes: true })
  : graphml.parse(Ctor, text, { addMissingNodes: true });

const typesOf = (attrs) => Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, typeof v]));
const out = {
  type: graph.type,
  multi: graph.multi,
  order: graph.order,
  size: graph.size,
  nodes: graph.mapNodes((key, attributes) => ({ key, attributes, types: typesOf(attributes) })),
  edges: graph.mapEdges((key, attributes, source, target, _s, _t, undirected) => ({
    key, source, target, undirected, attributes, types: typesOf(attributes),
  })),
};
process.stdout.write(JSON.stringify(out));
