"""The endpoint's home page: a form to type a SPARQL query and see the answer, with no outside files."""
from __future__ import annotations

EXAMPLE = """PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX schema: <http://schema.org/>
SELECT ?type (SAMPLE(?n) AS ?actor) (COUNT(DISTINCT ?e) AS ?interactions)
WHERE { ?e kg:interactionType ?type ; sem:hasActor ?a . ?a schema:name ?n }
GROUP BY ?type ?a ORDER BY DESC(?interactions) LIMIT 20"""

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kg SPARQL endpoint</title>
<style>
body { font: 15px/1.4 system-ui, sans-serif; margin: 2em auto; max-width: 70em; padding: 0 1em; }
textarea { width: 100%%; height: 14em; font: 13px monospace; }
table { border-collapse: collapse; margin-top: 1em; font-size: 13px; }
td, th { border: 1px solid #ccc; padding: 2px 6px; text-align: left; vertical-align: top; }
#status { color: #555; margin-left: 1em; } .error { color: #b00; white-space: pre-wrap; }
</style></head>
<body>
<h1>kg SPARQL endpoint</h1>
<p>Queries see every article graph at once. Send them to <code>/sparql</code> from any SPARQL client;
see a map at <a href="/view">/view</a> (<code>/view?focus=Putin&amp;hops=2</code>).</p>
<form id="form" method="post" action="/sparql">
<textarea id="query" name="query" spellcheck="false">%(example)s</textarea><br>
<button type="submit">Run</button><span id="status"></span>
</form>
<div id="out"></div>
<script>
const form = document.getElementById("form"), out = document.getElementById("out"),
      status = document.getElementById("status");
function cell(term) {
  const td = document.createElement("td");
  if (term) td.textContent = term.type === "uri" ? "<" + term.value + ">" : term.value;
  return td;
}
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  status.textContent = "running…"; out.textContent = "";
  const started = performance.now();
  const response = await fetch("/sparql", {method: "POST",
    headers: {"Accept": "application/sparql-results+json, text/turtle;q=0.5"},
    body: new URLSearchParams({query: document.getElementById("query").value})});
  const text = await response.text();
  status.textContent = response.status + " in " + Math.round(performance.now() - started) + " ms";
  if (!response.ok || !(response.headers.get("content-type") || "").includes("json")) {
    const pre = document.createElement("pre"); pre.textContent = text;
    if (!response.ok) pre.className = "error";
    out.appendChild(pre); return;
  }
  const data = JSON.parse(text);
  if ("boolean" in data) { out.textContent = String(data.boolean); return; }
  const table = document.createElement("table"), head = table.insertRow();
  for (const v of data.head.vars) { const th = document.createElement("th"); th.textContent = v; head.appendChild(th); }
  for (const b of data.results.bindings) {
    const row = table.insertRow();
    for (const v of data.head.vars) row.appendChild(cell(b[v]));
  }
  out.appendChild(table);
  status.textContent += ", " + data.results.bindings.length + " rows";
});
</script>
</body></html>
"""


def query_page() -> str:
    """The HTML of the home page, the example query in its text box."""
    from html import escape

    return _PAGE % {"example": escape(EXAMPLE)}
