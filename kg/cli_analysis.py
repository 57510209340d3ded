"""``kg path``, ``who-met``, ``timeline``, ``centrality``, ``communities`` and ``export-graph``:
who met whom, through whom, when, and how we know."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click

from kg.cli import open_store_for, store_option
from kg.errors import NoPath

CONTACT_LABELS = {"call": "phone call"}
HOP_FIELDS = ("type", "title", "via", "date", "start", "end", "precision", "place", "status", "quote",
              "quote_source", "article", "article_title", "article_date", "publisher", "event")


def _types(value: str | None) -> tuple[str, ...]:
    from kg.vocab import CONTACT_TYPES

    if not value:
        return CONTACT_TYPES
    return tuple(t.strip() for t in value.split(",") if t.strip())


def dates_options(fn):
    """``--since`` / ``--until``: ISO dates of any precision bounding what is counted."""
    fn = click.option("--until", metavar="DATE", help="Only contacts on or before DATE (ISO: 2025, 2025-03, 2025-03-14).")(fn)
    return click.option("--since", metavar="DATE", help="Only contacts on or after DATE; undated ones are dropped.")(fn)


def projection_options(fn):
    """The options that choose the projection's edges."""
    fn = dates_options(fn)
    fn = click.option("--via", type=click.Choice(["roles"]), default=None,
                      help="Also link people to the organisations and states whose posts they hold.")(fn)
    fn = click.option("--include-planned", is_flag=True, help="Count planned contacts as well as occurred ones.")(fn)
    return click.option("--types", metavar="T1,T2", default=None,
                        help="Interaction types that link actors [default: meeting,call,contact].")(fn)


def _projection(store, types, include_planned, since, until, via):
    from kg.analysis import build_projection

    return build_projection(store, types=_types(types), include_planned=include_planned, since=since,
                            until=until, via_roles=via == "roles")


def _emit(text: str) -> None:
    click.echo(text, nl=not text.endswith("\n"))


# -- kg path ------------------------------------------------------------------------------------

@click.command("path")
@click.argument("source", metavar="A")
@click.argument("target", metavar="B")
@click.option("--all", "all_paths", is_flag=True, help="Every shortest path (at most 100).")
@click.option("-k", "k", type=click.IntRange(min=1), default=None, help="The K shortest simple paths.")
@click.option("--time-respecting", is_flag=True,
              help="The earliest-arrival path whose hops are in date order.")
@click.option("--start", metavar="DATE", help="With --time-respecting: the first hop on or after DATE.")
@projection_options
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@store_option
def path_command(source, target, all_paths, k, time_respecting, start, types, include_planned, via,
                 since, until, fmt, store_location):
    """How A is connected to B: the shortest chain of contacts, each hop with its evidence.

    Every hop shows the interaction, its date and place, the quote and the article. Exit 1 with
    the reason when there is no path.

    \b
    Example:
      kg path Putin Trump
      kg path Peskov Trump --via roles
      kg path Alpha Delta --time-respecting --start 2025-03-01 --format json
    """
    from kg.actors import resolve_actor
    from kg.analysis import paths as p
    from kg.analysis.evidence import fill_role_quotes

    if sum([all_paths, k is not None, time_respecting]) > 1:
        raise click.UsageError("choose one of --all, -k and --time-respecting")
    if start and not time_respecting:
        raise click.UsageError("--start goes with --time-respecting")
    with open_store_for(store_location) as store:
        a, b = resolve_actor(store, source).iri, resolve_actor(store, target).iri
        graph = _projection(store, types, include_planned, since, until, via)
        try:
            if time_respecting:
                found = [p.time_respecting_path(graph, a, b, start)]
            elif all_paths:
                found = p.all_shortest_contact_paths(graph, a, b)
            elif k:
                found = p.k_shortest_contact_paths(graph, a, b, k)
            else:
                found = [p.shortest_contact_path(graph, a, b)]
        except NoPath as exc:
            raise NoPath(f"{exc}{_hint(include_planned, via, since, until)}") from None
        fill_role_quotes(store, found)
    _emit(_paths_json(graph, found) if fmt == "json" else _paths_text(graph, found))


def _hint(include_planned, via, since, until) -> str:
    hints = []
    if not include_planned:
        hints.append("--include-planned")
    if via is None:
        hints.append("--via roles")
    if since or until:
        hints.append("without --since/--until")
    return f" (try {', '.join(hints)})" if hints else ""


def _label(edge: dict) -> str:
    if edge["type"] in ("role", "part_of"):
        return edge.get("title") or edge["type"]
    words = [CONTACT_LABELS.get(edge["type"], edge["type"])]
    if edge.get("status") and edge["status"] != "occurred":
        words.append(edge["status"])
    words.append(edge.get("date") or "undated")
    return ", ".join(words)


def _paths_text(graph, found) -> str:
    out = []
    for number, path in enumerate(found, 1):
        names = [graph.nodes[n]["name"] for n in path.nodes]
        chain = names[0] + "".join(f" -> {names[i + 1]} ({_label(h.edge)})" for i, h in enumerate(path.hops))
        head = f"{number}. " if len(found) > 1 else ""
        out.append(f"{head}{chain}\n{len(path)} hop(s)")
        for i, hop in enumerate(path.hops, 1):
            out.append(_hop_text(i, names[i - 1], names[i], hop))
        out.extend(f"note: {n}" for n in path.notes)
        out.append("")
    return "\n".join(out)


def _hop_text(i: int, a: str, b: str, hop) -> str:
    e = hop.edge
    lines = [f"  {i}. {a} -> {b}: {_hop_what(e)}"]
    if e.get("quote"):
        where = " (found in the article text)" if e.get("quote_source") else ""
        lines.append(f"     “{e['quote']}”{where}")
    elif e["type"] == "part_of":
        lines.append("     (recorded as part of it in the article's actors)")
    else:
        lines.append("     (no quote recorded)")
    if e.get("article"):
        about = ", ".join(x for x in (e.get("publisher"), e.get("article_date")) if x)
        lines.append(f"     article: {e['article']}" + (f" ({about})" if about else ""))
    if hop.others:
        lines.append(f"     and {hop.others} other link(s) between them")
    return "\n".join(lines)


def _hop_what(e: dict) -> str:
    if e["type"] == "role":
        return f"role: {e.get('title')}" + (f" ({e['via']})" if e.get("via") else "")
    if e["type"] == "part_of":
        return "part of"
    parts = [CONTACT_LABELS.get(e["type"], e["type"]), e.get("date") or "undated"]
    if e.get("precision") not in (None, "day"):
        parts[-1] += f" ({e['precision']}: {e['start']} to {e['end']})"
    if e.get("place"):
        parts.append(f"in {e['place']}")
    if e.get("status") != "occurred":
        parts.append(e.get("status") or "")
    return ", ".join(parts)


def _paths_json(graph, found) -> str:
    def actor(n):
        return {"iri": n, "name": graph.nodes[n]["name"], "kind": graph.nodes[n].get("kind")}

    items = []
    for path in found:
        hops = [{"from": actor(h.source), "to": actor(h.target),
                 **{f: h.edge.get(f) for f in HOP_FIELDS}, "other_links": h.others} for h in path.hops]
        items.append({"actors": [actor(n) for n in path.nodes], "length": len(path), "hops": hops,
                      "notes": path.notes})
    return json.dumps({"paths": items}, ensure_ascii=False, indent=1) + "\n"


# -- kg who-met, kg timeline --------------------------------------------------------------------

CONTACT_COLUMNS = ("with_name", "type", "date", "place", "status", "quote", "article")
TIMELINE_COLUMNS = ("date", "type", "status", "with", "place", "quote", "article")


@click.command("who-met")
@click.argument("actor")
@projection_options
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@store_option
def who_met_command(actor, types, include_planned, via, since, until, fmt, store_location):
    """Everyone ACTOR met, called or contacted, newest first, with date, place and evidence.

    \b
    Example:
      kg who-met Putin
      kg who-met Putin --include-planned --format csv
    """
    from kg.actors import resolve_actor
    from kg.analysis.measures import who_met

    with open_store_for(store_location) as store:
        found = resolve_actor(store, actor)
        graph = _projection(store, types, include_planned, since, until, via)
    contacts = who_met(graph, found.iri)
    if fmt == "text":
        _emit(_contacts_text(found.name, contacts))
    else:
        _emit(_rows(contacts, CONTACT_COLUMNS, fmt, {"with_name": "with"}))


def _contacts_text(name: str, contacts: list[dict]) -> str:
    if not contacts:
        return f"{name}: no recorded contacts\n"
    lines = [f"{name}: {len(contacts)} contact(s), newest first"]
    for c in contacts:
        when = c.get("date") or "undated"
        extra = "".join(f", {x}" for x in (f"in {c['place']}" if c.get("place") else None,
                                             c["status"] if c["status"] != "occurred" else None) if x)
        lines.append(f"  {when:<10}  {CONTACT_LABELS.get(c['type'], c['type'])} with {c['with_name']}{extra}")
        if c.get("quote"):
            lines.append(f"              “{c['quote']}” ({c.get('article')})")
    return "\n".join(lines) + "\n"


@click.command("timeline")
@click.argument("actor")
@dates_options
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@store_option
def timeline_command(actor, since, until, fmt, store_location):
    """Every interaction of ACTOR, of any type and status, in date order (undated ones last).

    \b
    Example:
      kg timeline Putin
      kg timeline Putin --since 2025-03 --format json
    """
    from kg.actors import resolve_actor
    from kg.analysis.measures import timeline

    with open_store_for(store_location) as store:
        found = resolve_actor(store, actor)
        items = timeline(store, found.iri, since, until)
    if fmt != "text":
        _emit(_rows(items, TIMELINE_COLUMNS, fmt))
        return
    if not items:
        _emit(f"{found.name}: no recorded interactions\n")
        return
    lines = [f"{found.name}: {len(items)} interaction(s)"]
    for i in items:
        who = f" with {i['with']}" if i.get("with") else ""
        place = f" in {i['place']}" if i.get("place") else ""
        lines.append(f"  {i.get('date') or 'undated':<10}  {i['type']:<11} {i['status']:<8}{who}{place}")
        if i.get("quote"):
            lines.append(f"              “{i['quote']}” ({i.get('article')})")
    _emit("\n".join(lines) + "\n")


def _rows(items: list[dict], columns: tuple[str, ...], fmt: str, rename: dict | None = None) -> str:
    rename = rename or {}
    if fmt == "json":
        return json.dumps(items, ensure_ascii=False, indent=1) + "\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([rename.get(c, c) for c in columns])
    for item in items:
        writer.writerow(["" if item.get(c) is None else item.get(c) for c in columns])
    return buffer.getvalue()


# -- kg centrality, kg communities --------------------------------------------------------------

@click.command("centrality")
@click.option("--measure", type=click.Choice(["degree", "betweenness", "eigenvector"]), default="degree",
              show_default=True)
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--samples", type=click.IntRange(min=1), default=None,
              help="Betweenness: sample this many source actors (seeded) [default: 500].")
@projection_options
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@store_option
def centrality_command(measure, top, samples, types, include_planned, via, since, until, fmt, store_location):
    """The most central actors of the contact graph: degree, betweenness or eigenvector.

    \b
    Example:
      kg centrality --measure betweenness --top 10
      kg centrality --since 2025-01 --format csv
    """
    from kg.analysis.measures import centrality

    with open_store_for(store_location) as store:
        graph = _projection(store, types, include_planned, since, until, via)
    scores = centrality(graph, measure, top, samples)
    items = [{"rank": i, "name": s.name, "kind": s.kind, "score": round(s.score, 6), "actor": s.actor}
             for i, s in enumerate(scores, 1)]
    if fmt != "text":
        _emit(_rows(items, ("rank", "name", "kind", "score", "actor"), fmt))
        return
    if not items:
        _emit("no actor has a recorded contact\n")
        return
    lines = [f"{measure} centrality, top {len(items)}"]
    lines += [f"  {i['rank']:>3}. {i['score']:.4f}  {i['name']} ({i['kind']})" for i in items]
    _emit("\n".join(lines) + "\n")


@click.command("communities")
@click.option("--seed", type=int, default=42, show_default=True, help="Seed of the Louvain method.")
@click.option("--resolution", type=click.FloatRange(min=0.0, min_open=True), default=1.0, show_default=True,
              help="Above 1 favours smaller groups.")
@projection_options
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@store_option
def communities_command(seed, resolution, types, include_planned, via, since, until, fmt, store_location):
    """Groups of actors who deal mostly with each other (Louvain modularity, seeded), largest first.

    \b
    Example:
      kg communities
      kg communities --since 2025 --format json
    """
    from kg.analysis.measures import communities

    with open_store_for(store_location) as store:
        graph = _projection(store, types, include_planned, since, until, via)
    groups = communities(graph, seed=seed, resolution=resolution)
    items = [{"community": i, "size": len(g), "members": [graph.nodes[n]["name"] for n in g], "actors": g}
             for i, g in enumerate(groups, 1)]
    if fmt == "json":
        _emit(json.dumps(items, ensure_ascii=False, indent=1) + "\n")
    elif fmt == "csv":
        flat = [{"community": c["community"], "name": graph.nodes[n]["name"], "actor": n}
                for c in items for n in c["actors"]]
        _emit(_rows(flat, ("community", "name", "actor"), "csv"))
    elif not items:
        _emit("no actor has a recorded contact\n")
    else:
        _emit("\n".join(f"{c['community']}. ({c['size']}) {', '.join(c['members'])}" for c in items) + "\n")


# -- kg export-graph ----------------------------------------------------------------------------

@click.command("export-graph")
@click.option("--format", "-f", "fmt", type=click.Choice(["graphml", "gexf"]), default="graphml", show_default=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="The file to write.")
@projection_options
@store_option
def export_graph_command(fmt, output, types, include_planned, via, since, until, store_location):
    """Write the actor graph (who met whom) as GraphML or GEXF for Gephi, Cytoscape or yEd.

    Edges carry the contact's type, dates (GEXF start/end, which Gephi's timeline reads), place,
    status, quote and article. For the RDF itself use `kg export`.

    \b
    Example:
      kg export-graph --format gexf -o contacts.gexf
      kg export-graph -o contacts.graphml --via roles --since 2025
    """
    from kg.analysis.export import write_graph

    with open_store_for(store_location) as store:
        graph = _projection(store, types, include_planned, since, until, via)
    write_graph(graph, fmt, output)
    click.echo(f"wrote {output}: {graph.number_of_nodes()} actors, {graph.number_of_edges()} links", err=True)


COMMANDS = [path_command, who_met_command, timeline_command, centrality_command, communities_command,
            export_graph_command]
