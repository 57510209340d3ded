/* kg view: draws the map's tables (the #kg-data JSON block) with vis-network and wires the controls.
   Text from articles only ever reaches the page through textContent or vis-network's canvas labels,
   never through HTML parsing, so markup in a quote or a name is shown, not run. */
(function () {
  "use strict";

  var KINDS = {
    Person: { shape: "dot", color: "#3b6fb6", symbol: "\u25CF", label: "person" },
    State: { shape: "square", color: "#c0392b", symbol: "\u25A0", label: "state" },
    Organization: { shape: "triangle", color: "#27865a", symbol: "\u25B2", label: "organisation" },
    Place: { shape: "diamond", color: "#8e5ea2", symbol: "\u25C6", label: "place" },
    Actor: { shape: "dot", color: "#7f8791", symbol: "\u25CF", label: "other actor" }
  };
  var TYPES = {
    meeting: "#d35400", call: "#2878b8", contact: "#16a085", visit: "#e67e22",
    correspondence: "#6c7a89", statement: "#b7950b", proposal: "#8e44ad", agreement: "#27ae60",
    exchange: "#a93226", role: "#a3abb8", part_of: "#c8ccd4", other: "#555555"
  };

  /* Standing relations (a post, an organ of a state) have no date: a date range never hides them. */
  var STANDING = { role: true, part_of: true };

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var N = columns(data.fields.nodes), I = columns(data.fields.interactions), A = columns(data.fields.articles);
  var big = data.positions.length > 0;
  var filters = { types: {}, from: "", to: "", undated: true };
  var selected = null;

  function columns(names) {
    var index = {};
    names.forEach(function (name, i) { index[name] = i; });
    return index;
  }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  // Names, places and titles from articles may be right-to-left or carry direction controls: each
  // sits in its own <bdi>, so that it cannot reorder the text around it.
  function joined(tag, parts, separator, cls) {
    var node = el(tag, null, cls);
    parts.forEach(function (part, i) {
      if (i) node.appendChild(document.createTextNode(separator));
      node.appendChild(el("bdi", part));
    });
    return node;
  }

  function kindOf(row) { return KINDS[row[N.kind]] || KINDS.Actor; }

  function nodeItem(row, i) {
    var item = { id: i, label: row[N.label], group: KINDS[row[N.kind]] ? row[N.kind] : "Actor",
                 size: Math.min(40, 9 + 3 * Math.sqrt(row[N.degree])) };
    if (big) { item.x = data.positions[i][0]; item.y = data.positions[i][1]; }
    if (i === data.focus) { item.borderWidth = 4; item.font = { size: 18, bold: true }; }
    return item;
  }

  /* An interaction passes the filters when its type is ticked and its span meets the date range
     (undated ones only while "undated" is ticked). */
  function passes(k) {
    var row = data.interactions[k];
    if (!filters.types[row[I.type]]) return false;
    var start = row[I.start], end = row[I.end] || start;
    if (!start) return filters.undated || STANDING[row[I.type]] === true;
    if (filters.from && end < filters.from) return false;
    if (filters.to && start > filters.to) return false;
    return true;
  }

  function mostCommonType(shown) {
    var counts = {}, best = null;
    shown.forEach(function (k) {
      var type = data.interactions[k][I.type];
      counts[type] = (counts[type] || 0) + 1;
      if (best === null || counts[type] > counts[best]) best = type;
    });
    return best;
  }

  function edgeLabel(shown) {
    var seen = [];
    shown.forEach(function (k) {
      var row = data.interactions[k];
      var text = row[I.date] || row[I.title];
      if (text && seen.indexOf(text) < 0) seen.push(text);
    });
    if (seen.length > 2) return seen[0] + " +" + (seen.length - 1);
    return seen.join(", ");
  }

  function edgeItem(link, i) {
    var shown = link[2].filter(passes);
    var type = mostCommonType(shown);
    var planned = shown.every(function (k) { return data.interactions[k][I.status] !== "occurred"; });
    return {
      id: i, from: link[0], to: link[1], hidden: shown.length === 0,
      label: big ? undefined : edgeLabel(shown) || undefined,  /* thousands of labels slow every redraw */
      color: TYPES[type] || TYPES.other,
      dashes: shown.length > 0 && planned, width: 1.5 + Math.log2(Math.max(1, shown.length))
    };
  }

  /* Shape and colour per kind as vis-network groups: set once, not copied into every node. */
  function groups() {
    var found = {};
    Object.keys(KINDS).forEach(function (name) {
      var kind = KINDS[name];
      found[name] = { shape: kind.shape,
        color: { background: kind.color, border: "#1d2430", highlight: { background: kind.color, border: "#000" },
                 hover: { background: kind.color, border: "#000" } } };
    });
    return found;
  }

  function options() {
    return {
      groups: groups(),
      autoResize: true,
      layout: { improvedLayout: !big && data.nodes.length <= 150, randomSeed: 7 },
      physics: big ? false : {
        solver: "barnesHut", barnesHut: { gravitationalConstant: -4000, springLength: 150, avoidOverlap: 0.2 },
        stabilization: { iterations: 250, fit: true }
      },
      nodes: { borderWidth: 1, font: { size: 14, strokeWidth: 3, strokeColor: "#fff" } },
      edges: {
        smooth: big ? false : { type: "continuous" }, selectionWidth: 2.5, hoverWidth: 2,
        font: { size: 11, align: "middle", strokeWidth: 3, strokeColor: "#fff", color: "#333" }
      },
      interaction: { hover: true, tooltipDelay: 200, hideEdgesOnDrag: big, hideEdgesOnZoom: big, multiselect: false }
    };
  }

  function describeArticle(row) {
    var article = row[I.article] === null ? null : data.articles[row[I.article]];
    if (!article) return el("p", "source article unknown", "kg-source");
    var parts = [article[A.title] || article[A.iri], article[A.date], article[A.publisher]];
    return joined("p", parts.filter(Boolean), " \u2014 ", "kg-source");
  }

  function describeInteraction(k) {
    var row = data.interactions[k], item = el("li");
    var head = [row[I.title] ? row[I.type] + ": " + row[I.title] : row[I.type]];
    if (row[I.status] && row[I.status] !== "occurred") head.push("(" + row[I.status] + ")");
    item.appendChild(el("strong", head.join(" ")));
    var meta = [row[I.date] || (STANDING[row[I.type]] ? "" : "undated"), row[I.place] ? "in " + row[I.place] : "", row[I.via]].filter(Boolean);
    item.appendChild(joined("div", meta, ", ", "kg-meta"));
    if (row[I.quote]) item.appendChild(el("blockquote", row[I.quote], "kg-quote"));
    item.appendChild(describeArticle(row));
    return item;
  }

  function showLink(i) {
    var link = data.links[i], panel = document.getElementById("kg-details");
    var shown = link[2].filter(passes);
    panel.replaceChildren(joined("h2", [data.nodes[link[0]][N.label], data.nodes[link[1]][N.label]], " \u2014 "));
    panel.appendChild(el("p", shown.length + " of " + link[2].length + " interaction(s) shown", "kg-meta"));
    var list = el("ol");
    shown.forEach(function (k) { list.appendChild(describeInteraction(k)); });
    panel.appendChild(list);
    panel.dataset.link = String(i);
  }

  function showNode(i) {
    var row = data.nodes[i], panel = document.getElementById("kg-details");
    panel.replaceChildren(joined("h2", [row[N.label]], ""));
    panel.appendChild(el("p", kindOf(row).label + ", linked to " + row[N.degree] + " actor(s)", "kg-meta"));
    var posts = el("ul");
    row[N.posts].forEach(function (post) { posts.appendChild(el("li", post)); });
    if (row[N.posts].length) panel.appendChild(posts);
    panel.appendChild(el("p", row[N.iri], "kg-source"));
    delete panel.dataset.link;
  }

  function showSelected() {
    if (!selected) return;
    if (selected.edge !== undefined) showLink(selected.edge); else showNode(selected.node);
  }

  function updateCounts() {
    var links = 0, interactions = 0;
    data.links.forEach(function (link) {
      var shown = link[2].filter(passes).length;
      interactions += shown;
      if (shown) links += 1;
    });
    document.getElementById("kg-counts").textContent = data.nodes.length + " actors \u00B7 " + links + " of " +
      data.links.length + " links \u00B7 " + interactions + " of " + data.interactions.length + " interactions";
  }

  function applyFilters(edges) {
    edges.update(data.links.map(edgeItem));
    updateCounts();
    showSelected();
  }

  function presentTypes() {
    var present = {};
    data.interactions.forEach(function (row) { present[row[I.type]] = true; });
    return Object.keys(present).sort();
  }

  /* Every type present starts ticked. */
  function typeFilter() {
    presentTypes().forEach(function (type) { filters.types[type] = true; });
  }

  function typeBoxes(edges) {
    var box = document.getElementById("kg-types");
    presentTypes().forEach(function (type) {
      var label = el("label"), tick = el("input");
      tick.type = "checkbox"; tick.checked = true; tick.value = type;
      tick.addEventListener("change", function () { filters.types[type] = tick.checked; applyFilters(edges); });
      var swatch = el("span", null, "kg-swatch");
      swatch.style.background = TYPES[type] || TYPES.other;
      label.append(tick, swatch, type);
      box.appendChild(label);
    });
  }

  function dateFilter(edges) {
    var from = document.getElementById("kg-from"), to = document.getElementById("kg-to");
    var undated = document.getElementById("kg-undated");
    function read() {
      filters.from = from.value; filters.to = to.value; filters.undated = undated.checked;
      applyFilters(edges);
    }
    [from, to, undated].forEach(function (input) { input.addEventListener("change", read); });
  }

  /* The actor named exactly so (any case), else the first whose name contains the words typed. */
  function findActor(wanted) {
    var names = data.nodes.map(function (row) { return String(row[N.label]).toLowerCase(); });
    var exact = names.indexOf(wanted);
    if (exact >= 0 || !wanted) return exact;
    for (var i = 0; i < names.length; i++) if (names[i].indexOf(wanted) >= 0) return i;
    return -1;
  }

  function search(network) {
    var input = document.getElementById("kg-search"), list = document.getElementById("kg-names");
    var result = document.getElementById("kg-search-result");
    data.nodes.forEach(function (row) { var o = el("option"); o.value = row[N.label]; list.appendChild(o); });
    document.getElementById("kg-search-form").addEventListener("submit", function (event) {
      event.preventDefault();
      var found = findActor(input.value.trim().toLowerCase());
      result.textContent = found < 0 ? "no actor named \u201C" + input.value + "\u201D" : "";
      if (found < 0) return;
      network.selectNodes([found]);
      network.focus(found, { scale: 1.2, animation: { duration: 400 } });
      selected = { node: found };
      showNode(found);
    });
  }

  function legend() {
    var box = document.getElementById("kg-legend"), kinds = {}, types = {};
    data.nodes.forEach(function (row) { kinds[row[N.kind]] = true; });
    data.interactions.forEach(function (row) { types[row[I.type]] = true; });
    box.appendChild(el("h2", "Legend"));
    var list = el("ul");
    Object.keys(kinds).sort().forEach(function (name) {
      var kind = KINDS[name] || KINDS.Actor, item = el("li"), shape = el("span", kind.symbol, "kg-shape");
      shape.style.color = kind.color;
      item.append(shape, kind.label);
      list.appendChild(item);
    });
    Object.keys(types).sort().forEach(function (type) {
      var item = el("li"), swatch = el("span", null, "kg-swatch");
      swatch.style.background = TYPES[type] || TYPES.other;
      item.append(swatch, type);
      list.appendChild(item);
    });
    var dashed = el("li"), swatch = el("span", null, "kg-swatch kg-dashed");
    dashed.append(swatch, "dashed: planned or denied, not known to have happened");
    list.appendChild(dashed);
    box.appendChild(list);
    box.appendChild(el("p", "Node size: number of actors linked. Line width: number of interactions.", "kg-hint"));
  }

  function wire(network, edges) {
    network.on("hoverEdge", function (p) { showLink(p.edge); });
    network.on("hoverNode", function (p) { showNode(p.node); });
    network.on("blurEdge", showSelected);
    network.on("blurNode", showSelected);
    network.on("click", function (p) {
      selected = p.nodes.length ? { node: p.nodes[0] } : p.edges.length ? { edge: p.edges[0] } : null;
      showSelected();
    });
    typeBoxes(edges);
    dateFilter(edges);
    search(network);
    legend();
  }

  function start() {
    var marks = { script: performance.now() };
    var nodes = new vis.DataSet(data.nodes.map(nodeItem));
    typeFilter();
    var edges = new vis.DataSet(data.links.map(edgeItem));
    marks.datasets = performance.now();
    var container = document.getElementById("kg-network");
    var network = new vis.Network(container, { nodes: nodes, edges: edges }, options());
    marks.network = performance.now();
    wire(network, edges);
    updateCounts();
    marks.wired = performance.now();
    window.kgView = { network: network, nodes: nodes, edges: edges, data: data, showLink: showLink, drawn: false, settled: false, marks: marks };
    function settle() { window.kgView.settled = true; document.body.dataset.settled = "1"; }
    network.once("stabilized", settle);
    network.once("afterDrawing", function () {
      if (big) settle();
      window.kgView.drawn = true;
      window.kgView.drawnAt = performance.now();  /* ms since navigation started: bench/view.py reads it */
      document.body.dataset.drawn = "1";
    });
    if (data.focus !== null) { network.selectNodes([data.focus]); selected = { node: data.focus }; showNode(data.focus); }
  }

  start();
})();
