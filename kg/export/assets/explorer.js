/* kg explorer: legend, filters, search and details for the graph embedded in #kg-data.
 *
 * Every piece of article text reaches the page through textContent or text nodes, never as
 * markup; tooltips are DOM elements holding plain text. The globals network, nodes and edges are
 * the ones pyvis pages define (vis Network and DataSets), for scripts and tests.
 */
/* global vis */
var network, nodes, edges;
var kgExplorer = { ready: false, stabilisedMs: null };

(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var FADED = { background: "#ececec", border: "#d6d6d6", highlight: { background: "#ececec", border: "#999" },
                hover: { background: "#ececec", border: "#999" } };
  var typeColor = {}, relStyle = {}, nodeById = {}, edgeById = {}, edgesOf = {};
  data.types.forEach(function (t) { typeColor[t.name] = t.color; });
  data.relations.forEach(function (r) { relStyle[r.name] = r; });
  data.nodes.forEach(function (n) {
    nodeById[n.id] = n;
    edgesOf[n.id] = [];
    n.keys = [n.label].concat(n.aliases).map(fold);
  });
  data.edges.forEach(function (e) {
    edgeById[e.id] = e;
    edgesOf[e.from].push(e);
    if (e.to !== e.from) edgesOf[e.to].push(e);
  });

  // -- DOM helpers: text only ---------------------------------------------------------------
  function el(tag, className, children) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    (children || []).forEach(function (c) { if (c !== null && c !== undefined) node.append(c); });
    return node;
  }
  function fold(s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  function plural(n, word, many) { return n.toLocaleString("en") + " " + (n === 1 ? word : many || word + "s"); }
  function tooltip(text) { var div = el("div", "kg-tooltip"); div.textContent = text; return div; }
  function swatch(color) { var s = el("span", "kg-swatch"); s.style.background = color; return s; }
  function style(relation) { return relStyle[relation] || { color: "#7f7f7f", dashes: false, arrows: false, roundness: 0 }; }
  function svgEl(tag, attrs) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function lineSwatch(st) {
    var svg = svgEl("svg", { width: "34", height: "12", viewBox: "0 0 34 12", "class": "kg-line", "aria-hidden": "true" });
    var line = svgEl("line", { x1: "1", y1: "6", x2: st.arrows ? "26" : "33", y2: "6", stroke: st.color, "stroke-width": "2.5" });
    if (st.dashes) line.setAttribute("stroke-dasharray", st.dashes.join(" "));
    svg.append(line);
    if (st.arrows) svg.append(svgEl("polygon", { points: "24,1 33,6 24,11", fill: st.color }));
    return svg;
  }

  // -- vis data -----------------------------------------------------------------------------
  function nodeColor(n) {
    var c = typeColor[n.type] || "#7f7f7f";
    return { background: c, border: "#333", highlight: { background: c, border: "#000" }, hover: { background: c, border: "#000" } };
  }
  function visNode(n) {
    var item = { id: n.id, label: n.label, size: Math.min(48, 7 + 6 * Math.sqrt(n.degree)), color: nodeColor(n),
             borderWidth: 1, font: { color: "#222" },
             title: tooltip(n.label + " (" + n.type + ") · " + plural(n.degree, "relation")) };
    if (n.x !== undefined) { item.x = n.x; item.y = n.y; }
    return item;
  }
  function visEdge(e) {
    var st = style(e.relation);
    var item = { id: e.id, from: e.from, to: e.to, width: 1.5 + Math.min(4, Math.log2(Math.max(1, e.weight))),
                 color: { color: st.color, highlight: st.color, hover: st.color, opacity: 0.9 },
                 dashes: st.dashes, arrows: { to: { enabled: !!st.arrows, scaleFactor: 0.8 } },
                 title: tooltip(nodeById[e.from].label + " " + e.relation + " " + nodeById[e.to].label +
                                (e.amount ? " (" + e.amount + ")" : "")) };
    if (data.options.edges.smooth) {
      item.smooth = st.roundness ? { enabled: true, type: st.roundness < 0 ? "curvedCCW" : "curvedCW", roundness: Math.abs(st.roundness) }
                                 : { enabled: false };
      item.label = e.relation;
    }
    return item;
  }

  nodes = new vis.DataSet(data.nodes.map(visNode));
  edges = new vis.DataSet(data.edges.map(visEdge));
  var status = document.getElementById("kg-status");
  var details = document.getElementById("kg-details");
  var hint = details.firstElementChild;

  // -- legend and filters -------------------------------------------------------------------
  var hiddenTypes = {}, hiddenRelations = {};
  function counts(items, key) {
    var out = {};
    items.forEach(function (i) { out[i[key]] = (out[i[key]] || 0) + 1; });
    return out;
  }
  function checkbox(fieldset, name, count, mark, onChange) {
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = name;
    box.addEventListener("change", function () { onChange(name, !box.checked); });
    fieldset.append(el("label", "kg-check", [box, mark, el("span", "kg-name", [name]), el("span", "kg-count", [String(count)])]));
  }
  var typeCounts = counts(data.nodes, "type"), relCounts = counts(data.edges, "relation");
  var typeSet = document.getElementById("kg-types"), relSet = document.getElementById("kg-relations");
  data.types.forEach(function (t) {
    checkbox(typeSet, t.name, typeCounts[t.name] || 0, swatch(t.color), function (name, hide) {
      hiddenTypes[name] = hide;
      nodes.update(data.nodes.filter(function (n) { return n.type === name; })
                             .map(function (n) { return { id: n.id, hidden: hide }; }));
    });
  });
  data.relations.forEach(function (r) {
    checkbox(relSet, r.name, relCounts[r.name] || 0, lineSwatch(r), function (name, hide) {
      hiddenRelations[name] = hide;
      edges.update(data.edges.filter(function (e) { return e.relation === name; })
                             .map(function (e) { return { id: e.id, hidden: hide }; }));
    });
  });

  // -- details panel ------------------------------------------------------------------------
  function goTo(id) {
    var b = el("button", "kg-link", [nodeById[id].label]);
    b.type = "button";
    b.addEventListener("click", function () { focusNode(id); });
    return b;
  }
  function section(title, body) { return el("section", "kg-section", [el("h3", null, [title]), body]); }
  function textList(items, className) {
    return el("ul", className, items.map(function (t) { return el("li", null, [t]); }));
  }
  function badge(relation) {
    var b = el("span", "kg-badge", [relation]);
    b.style.borderColor = style(relation).color;
    return b;
  }
  function fmt(x) { return Number(x).toLocaleString("en", { maximumFractionDigits: 3 }); }
  function show(children) {
    details.replaceChildren.apply(details, children);
    details.scrollTop = 0;
  }

  function showNode(id) {
    var n = nodeById[id];
    if (!n) return clearDetails();
    var rels = edgesOf[id].slice().sort(function (a, b) {
      var oa = nodeById[a.from === id ? a.to : a.from].label, ob = nodeById[b.from === id ? b.to : b.from].label;
      return a.relation < b.relation ? -1 : a.relation > b.relation ? 1 : oa < ob ? -1 : oa > ob ? 1 : 0;
    });
    var sources = {};
    var items = rels.map(function (e) {
      e.sources.forEach(function (s) { sources[s] = true; });
      var head = e.from === id ? [el("strong", null, [n.label]), " ", badge(e.relation), " ", goTo(e.to)]
                               : [goTo(e.from), " ", badge(e.relation), " ", el("strong", null, [n.label])];
      var meta = "confidence " + fmt(e.confidence) + " · " + plural(e.weight, "mention") + (e.amount ? " · " + e.amount : "");
      return el("li", "kg-relation", [el("p", "kg-triple", head), el("p", "kg-meta", [meta]),
                                      textList(e.evidence_all, "kg-evidence"),
                                      el("p", "kg-sources", ["sources: " + e.sources.join(", ")])]);
    });
    show([
      el("h2", null, [n.label]),
      el("p", "kg-meta", [swatch(typeColor[n.type] || "#7f7f7f"), n.type + " · " + plural(n.mentions, "mention") +
                          " in " + plural(n.documents, "document") + " · " + plural(n.degree, "relation")]),
      section("Aliases", n.aliases.length ? textList(n.aliases, "kg-aliases") : el("p", "kg-none", ["none"])),
      section("Relations and evidence", items.length ? el("ul", "kg-relations", items)
                                                     : el("p", "kg-none", ["no relation drawn"])),
      section("Source documents", Object.keys(sources).length ? textList(Object.keys(sources).sort(), "kg-docs")
                                                              : el("p", "kg-none", ["none"])),
    ]);
  }

  function showEdge(id) {
    var e = edgeById[id];
    if (!e) return clearDetails();
    var others = e.evidence_all.filter(function (s) { return s !== e.evidence; });
    var facts = el("dl", "kg-facts", [
      el("dt", null, ["confidence"]), el("dd", null, [fmt(e.confidence)]),
      el("dt", null, ["weight"]), el("dd", null, [plural(e.weight, "supporting mention")]),
      el("dt", null, ["amount"]), el("dd", null, [e.amount || "—"]),
    ]);
    show([
      el("h2", null, [badge(e.relation)]),
      el("p", "kg-triple", [goTo(e.from), style(e.relation).arrows ? " → " : " ↔ ", goTo(e.to)]),
      facts,
      section("Evidence", textList(e.evidence ? [e.evidence] : [], "kg-evidence")),
      others.length ? section("Other supporting sentences", textList(others, "kg-evidence")) : null,
      section("Sources", e.sources.length ? textList(e.sources, "kg-docs") : el("p", "kg-none", ["none"])),
    ]);
  }

  function clearDetails() { show([hint]); }

  function focusNode(id) {
    if (!nodeById[id]) return;
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1), animation: { duration: 300 } });
    showNode(id);
  }

  // -- search -------------------------------------------------------------------------------
  var search = document.getElementById("kg-search");
  var searchCount = document.getElementById("kg-search-count");
  var searchResults = document.getElementById("kg-search-results");
  var matches = [], faded = false, timer = null;
  function runSearch() {
    var q = fold(search.value.trim());
    matches = !q ? [] : data.nodes.filter(function (n) {
      return !hiddenTypes[n.type] && n.keys.some(function (k) { return k.indexOf(q) !== -1; });
    }).sort(function (a, b) {
      var pa = a.keys[0].indexOf(q) === 0 ? 0 : 1, pb = b.keys[0].indexOf(q) === 0 ? 0 : 1;
      return pa - pb || b.degree - a.degree || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
    });
    var hit = {};
    matches.forEach(function (n) { hit[n.id] = true; });
    if (q || faded) {
      nodes.update(data.nodes.map(function (n) {
        var on = !q || hit[n.id];
        return { id: n.id, color: on ? nodeColor(n) : FADED, borderWidth: q && on ? 4 : 1,
                 font: { color: on ? "#222" : "#bbb" } };
      }));
      faded = !!q;
    }
    searchCount.textContent = q ? plural(matches.length, "match", "matches") : "";
    searchResults.replaceChildren.apply(searchResults, matches.slice(0, 50).map(function (n) {
      return el("li", null, [goTo(n.id)]);
    }));
  }
  search.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(runSearch, 120); });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { clearTimeout(timer); runSearch(); if (matches.length) focusNode(matches[0].id); }
    if (ev.key === "Escape") { search.value = ""; clearTimeout(timer); runSearch(); }
  });

  // -- network ------------------------------------------------------------------------------
  function ready() {
    if (kgExplorer.ready) return;
    kgExplorer.ready = true;
    kgExplorer.stabilisedMs = Math.round(performance.now());
    status.textContent = plural(data.nodes.length, "entity", "entities") + " · " +
      plural(data.edges.length, "relation") + " · drag to move, scroll to zoom, click for details";
  }
  network = new vis.Network(document.getElementById("mynetwork"), { nodes: nodes, edges: edges }, data.options);
  network.on("stabilizationProgress", function (p) {
    status.textContent = "laying out the graph… " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });
    ready();
  });
  if (!data.nodes.length) ready();
  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
    else clearDetails();
  });

  kgExplorer.data = data;
  kgExplorer.showNode = showNode;
  kgExplorer.showEdge = showEdge;
  kgExplorer.focusNode = focusNode;
  kgExplorer.search = function (q) { search.value = q; runSearch(); return matches.map(function (n) { return n.id; }); };
})();
