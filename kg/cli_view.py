"""``kg view``: the interactive relationship map, as one offline HTML page."""
from __future__ import annotations

from pathlib import Path

import click

from kg.cli import open_store_for, store_option


def _make_folder(output: Path) -> None:
    """The output's folder, created if missing; an error naming the output when it cannot be."""
    from kg.errors import KgError

    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KgError(f"cannot write {output}: cannot make its folder {output.parent} ({exc.strerror})") from None


def _split_types(ctx, param, values: tuple[str, ...]) -> tuple[str, ...]:
    """``--types meeting,call --types contact``: comma lists, each word a known interaction type."""
    from kg.vocab import CONTACT_TYPES, INTERACTION_CLASSES  # rdflib: not at start-up

    types = tuple(t.strip() for value in values for t in value.split(",") if t.strip())
    unknown = sorted(set(types) - set(INTERACTION_CLASSES))
    if unknown:
        raise click.BadParameter(f"no such interaction type: {', '.join(unknown)} "
                                 f"(choose from {', '.join(INTERACTION_CLASSES)})")
    return types or CONTACT_TYPES


@click.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("graphs/view.html"),
              show_default=True, help="The HTML file to write (its folder is created).")
@click.option("--focus", metavar="ACTOR", help="Only the actors within --hops links of this one (any name or alias).")
@click.option("--hops", type=click.IntRange(min=0), default=None, help="Links from --focus to keep [default: 2].")
@click.option("--since", metavar="DATE", help="Only interactions that may fall on or after DATE (any ISO precision).")
@click.option("--until", metavar="DATE", help="Only interactions that may fall on or before DATE.")
@click.option("--types", multiple=True, callback=_split_types, metavar="TYPE[,TYPE]",
              help="Interaction types drawn as lines [default: meeting,call,contact].")
@click.option("--include-planned", is_flag=True, help="Also planned contacts (drawn dashed).")
@click.option("--via", type=click.Choice(["contacts", "roles"]), default=None,
              help="roles: also link people to the states and bodies they hold posts in "
                   "[default: roles with --focus, else contacts].")
@click.option("--title", default=None, help="The page title [default: from the focus].")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default browser.")
@store_option
def view(output: Path, focus: str | None, hops: int | None, since: str | None, until: str | None,
         types: tuple[str, ...], include_planned: bool, via: str | None, title: str | None, open_browser: bool,
         store_location: str | None) -> None:
    """Draw who met whom as an interactive map: one self-contained HTML page that works offline.

    Actors are nodes (shape and colour by kind, size by number of links); a line joins two actors
    and lists every interaction between them, each with its date, place, quote and article. The
    page can search an actor, filter by interaction type and hide lines outside a date range.
    With --focus, people are also linked to the states and bodies they hold posts in (--via roles).

    \b
    Example:
      kg view -o graphs/view.html
      kg view --focus Putin --hops 2 -o graphs/putin.html --open
      kg view --types meeting,call --since 2025-01 --until 2025-03
    """
    from kg.actors import resolve_actor
    from kg.analysis.projection import build_projection
    from kg.views import build_view, write_html

    via_roles = (via or ("roles" if focus else "contacts")) == "roles"
    with open_store_for(store_location) as store:
        actor = resolve_actor(store, focus) if focus else None
        graph = build_projection(store, types=types, include_planned=include_planned,
                                 since=since, until=until, via_roles=via_roles)
    page = build_view(graph, focus=actor.iri if actor else None, hops=hops,
                      title=title or _title(actor, hops))
    _make_folder(output)
    write_html(page, output)
    click.echo(f"wrote {output}: {len(page.nodes)} actors, {len(page.links)} links, "
               f"{len(page.interactions)} interactions")
    if open_browser:
        import webbrowser

        webbrowser.open(output.resolve().as_uri())


def _title(actor, hops: int | None) -> str:
    if actor is None:
        return "Who met whom"
    return f"Who met whom: {actor.name}, {2 if hops is None else hops} hops"


COMMANDS = [view]
