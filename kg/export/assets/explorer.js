/* kg explorer: legend, filters, search, neighbourhood view and details for the graph in #kg-data.
 *
 * What is drawn is decided in one place, applyVisibility(): entity-type and relation filters, the
 * "hide entities without relations" control, and the neighbourhood view.
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
  var lonely = data.nodes.filter(function (n) { return !edgesOf[n.id].length; });
  var isLonely = {};
  lonely.forEach(function (n) { isLonely[n.id] = true; });
  var labelsAlways = data.edge_labels === "always";

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
    var item = { id: n.id, label: n.label, size: n.size, color: nodeColor(n), borderWidth: 1, font: { color: "#222" },
                 title: tooltip(n.label + " (" + n.type + ") · " + plural(n.degree, "relation")) };
    if (n.x !== undefined) { item.x = n.x; item.y = n.y; }
    // Hidden from the start: out of the layout too (vis keeps hidden nodes in its physics).
    if (hideLonely && isLonely[n.id]) { item.hidden = true; item.physics = false; }
    return item;
  }
  function visEdge(e) {
    var st = style(e.relation);
    var item = { id: e.id, from: e.from, to: e.to, width: e.width,
                 color: { color: st.color, highlight: st.color, hover: st.color, opacity: 0.9 },
                 dashes: st.dashes, arrows: { to: { enabled: !!st.arrows, scaleFactor: 0.8 } },
                 title: tooltip(nodeById[e.from].label + " " + e.relation + " " + nodeById[e.to].label +
                                (e.amount ? " (" + e.amount + ")" : "")) };
    if (data.options.edges.smooth) {
      item.smooth = st.roundness ? { enabled: true, type: st.roundness < 0 ? "curvedCCW" : "curvedCW", roundness: Math.abs(st.roundness) }
                                 : { enabled: false };
    }
    if (labelsAlways) item.label = e.relation;
    return item;
  }

  // On by default whenever the graph has relations: a first look shows who relates to whom.
  var hideLonely = data.edges.length > 0 && lonely.length > 0;
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
      applyVisibility(false);
    });
  });
  data.relations.forEach(function (r) {
    checkbox(relSet, r.name, relCounts[r.name] || 0, lineSwatch(r), function (name, hide) {
      hiddenRelations[name] = hide;
      applyVisibility(false);
    });
  });
  var lonelyBox = document.getElementById("kg-lonely");
  lonelyBox.checked = hideLonely;
  document.getElementById("kg-lonely-count").textContent = String(lonely.length);
  lonelyBox.addEventListener("change", function () { hideLonely = lonelyBox.checked; applyVisibility(true); });

  // -- what is drawn ------------------------------------------------------------------------
  var focus = null, inFocus = null, nodeHidden = {}, edgeHidden = {}, placed = {};
  data.nodes.forEach(function (n) { nodeHidden[n.id] = !!(hideLonely && isLonely[n.id]); placed[n.id] = !nodeHidden[n.id]; });
  data.edges.forEach(function (e) { edgeHidden[e.id] = false; });

  function neighbourhood(id, hops) {
    var seen = {}, ring = [id];
    seen[id] = true;
    for (var h = 0; h < hops; h++) {
      var next = [];
      ring.forEach(function (m) {
        edgesOf[m].forEach(function (e) {
          var other = e.from === m ? e.to : e.from;
          if (!hiddenRelations[e.relation] && !seen[other]) { seen[other] = true; next.push(other); }
        });
      });
      ring = next;
    }
    return seen;
  }
  function wantsHidden(n) {
    if (focus) return !inFocus[n.id] || (!!hiddenTypes[n.type] && n.id !== focus.id);
    return !!hiddenTypes[n.type] || (hideLonely && !!isLonely[n.id]);
  }
  // Entities shown for the first time after the layout (those without relations) go in rows
  // under the drawn graph, in name order, instead of wherever vis would drop them.
  function placeNew(ids) {
    if (!ids.length) return;
    var pos = network.getPositions(data.nodes.filter(function (n) { return placed[n.id]; }).map(function (n) { return n.id; }));
    var keys = Object.keys(pos), minX = 0, maxX = 0, maxY = 0;
    if (keys.length) {
      minX = Math.min.apply(null, keys.map(function (k) { return pos[k].x; }));
      maxX = Math.max.apply(null, keys.map(function (k) { return pos[k].x; }));
      maxY = Math.max.apply(null, keys.map(function (k) { return pos[k].y; }));
    }
    var step = 170, perRow = Math.max(6, Math.ceil(Math.sqrt(ids.length * 2)), Math.floor((maxX - minX) / step) + 1);
    ids.sort(function (a, b) { return nodeById[a].label < nodeById[b].label ? -1 : 1; });
    nodes.update(ids.map(function (id, i) {
      placed[id] = true;
      return { id: id, x: minX + (i % perRow) * step, y: maxY + 120 + Math.floor(i / perRow) * 70 };
    }));
  }
  function applyVisibility(fit) {
    inFocus = focus ? neighbourhood(focus.id, focus.hops) : null;
    var nodeChanges = [], edgeChanges = [], fresh = [];
    data.nodes.forEach(function (n) {
      var hide = wantsHidden(n);
      if (hide !== nodeHidden[n.id]) {
        nodeHidden[n.id] = hide;
        nodeChanges.push({ id: n.id, hidden: hide });
        if (!hide && !placed[n.id]) fresh.push(n.id);
      }
    });
    data.edges.forEach(function (e) {
      var hide = !!hiddenRelations[e.relation];
      var label = focus || labelsAlways ? e.relation : "";
      if (hide !== edgeHidden[e.id] || label !== edges.get(e.id).label) {
        edgeHidden[e.id] = hide;
        edgeChanges.push({ id: e.id, hidden: hide, label: label });
      }
    });
    if (kgExplorer.ready) placeNew(fresh);
    nodes.update(nodeChanges);
    edges.update(edgeChanges);
    showFocusBar();
    if (fit && kgExplorer.ready) fitView();
  }
  function fitView() {
    var shown = data.nodes.filter(function (n) { return !nodeHidden[n.id]; }).map(function (n) { return n.id; });
    network.fit({ nodes: shown, animation: false });
    // fit() frames the dots, not their labels: a margin keeps the outer labels whole. A lone
    // entity or a pair would fill the canvas: no closer than 1.5 times life size.
    network.moveTo({ scale: Math.min(1.5, 0.9 * network.getScale()), animation: false });
  }

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
  function show(children) {  // absent parts (null) are left out, never written as text
    details.replaceChildren.apply(details, children.filter(function (c) { return c !== null && c !== undefined; }));
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
      hoodButtons(id),
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

  // -- neighbourhood view -------------------------------------------------------------------
  var focusBar = document.getElementById("kg-focus");
  function showNeighbourhood(id, hops) {
    if (!nodeById[id]) return;
    focus = { id: id, hops: hops };
    fade(null);  // the neighbourhood is the answer: no search hit greys its members
    applyVisibility(true);
    network.selectNodes([id]);
    showNode(id);
  }
  function showWholeGraph() {
    if (!focus) return;
    var id = focus.id;
    focus = null;
    applyVisibility(true);
    if (!nodeHidden[id]) network.selectNodes([id]);
  }
  function showFocusBar() {
    if (!focus) { focusBar.hidden = true; focusBar.replaceChildren(); return; }
    var count = Object.keys(inFocus).length - 1;
    var back = el("button", "kg-back", ["Back to the whole graph"]);
    back.type = "button";
    back.addEventListener("click", showWholeGraph);
    focusBar.replaceChildren("Neighbourhood of ", el("strong", null, [nodeById[focus.id].label]), " (" +
      plural(focus.hops, "hop") + "): " + plural(count, "neighbour") + " ", back);
    focusBar.hidden = false;
  }
  function hoodButtons(id) {
    var buttons = [1, 2].map(function (hops) {
      var b = el("button", "kg-hood-button", [plural(hops, "hop")]);
      b.type = "button";
      b.value = String(hops);
      b.addEventListener("click", function () { showNeighbourhood(id, hops); });
      return b;
    });
    return el("p", "kg-hood", ["Neighbourhood: ", buttons[0], " ", buttons[1]]);
  }

  function focusNode(id) {
    if (!nodeById[id]) return;
    // An entity that is not drawn (filtered out, or outside the neighbourhood) opens its own.
    if (nodeHidden[id]) return showNeighbourhood(id, 1);
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
    fade(q && !focus ? hit : null);
    searchCount.textContent = q ? plural(matches.length, "match", "matches") : "";
    searchResults.replaceChildren.apply(searchResults, matches.slice(0, 50).map(function (n) {
      // Say which alias matched when the name itself does not.
      var alias = n.keys[0].indexOf(q) === -1 ? n.aliases.filter(function (a) { return fold(a).indexOf(q) !== -1; })[0] : null;
      return el("li", null, [goTo(n.id), alias ? el("span", "kg-alias", ["alias: " + alias]) : null]);
    }));
  }
  // Grey out every entity but the hits (null: none greyed).
  function fade(hit) {
    if (!hit && !faded) return;
    nodes.update(data.nodes.map(function (n) {
      var on = !hit || hit[n.id];
      return { id: n.id, color: on ? nodeColor(n) : FADED, borderWidth: hit && on ? 4 : 1,
               font: { color: on ? "#222" : "#bbb" } };
    }));
    faded = !!hit;
  }
  search.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(runSearch, 120); });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { clearTimeout(timer); runSearch(); if (matches.length) focusNode(matches[0].id); }
    if (ev.key === "Escape") { search.value = ""; clearTimeout(timer); runSearch(); showWholeGraph(); }
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
    fitView();  // nothing cropped at the edges once the layout has settled
  });
  if (!data.nodes.length) ready();
  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
    else clearDetails();
  });
  network.on("doubleClick", function (p) { if (p.nodes.length) showNeighbourhood(p.nodes[0], 1); });
  if (!labelsAlways) {  // many entities: no edge labels, but the hovered edge shows its own
    network.on("hoverEdge", function (p) { if (!focus) edges.update({ id: p.edge, label: edgeById[p.edge].relation }); });
    network.on("blurEdge", function (p) { if (!focus) edges.update({ id: p.edge, label: "" }); });
  }

  kgExplorer.data = data;
  kgExplorer.showNode = showNode;
  kgExplorer.showEdge = showEdge;
  kgExplorer.focusNode = focusNode;
  kgExplorer.showNeighbourhood = showNeighbourhood;
  kgExplorer.showWholeGraph = showWholeGraph;
  kgExplorer.search = function (q) { search.value = q; runSearch(); return matches.map(function (n) { return n.id; }); };
})();
