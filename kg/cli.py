"""The ``kg`` command: a thin layer over the library that parses options and prints results.

Exit codes: 0 success; 1 a failed run (bad input, unknown actor, no path, data not conformant);
2 a usage error or an ambiguous name.
"""
from __future__ import annotations

import functools
import sys
import traceback
from pathlib import Path

import click

from kg import __version__
from kg.errors import KgError

DEBUG = {"on": False}


# Commands of other topics live in their own CLI modules, each exposing COMMANDS; they are looked up
# when the group is used, so that importing one of those modules first cannot import it circularly.
TOPIC_MODULES = ("kg.cli_extract", "kg.cli_analysis", "kg.cli_view", "kg.cli_serve")


class KgGroup(click.Group):
    """Turns kg's errors into one line and an exit code; tracebacks only with --debug."""

    _topics: dict | None = None

    def _topic_commands(self) -> dict:
        if KgGroup._topics is None:
            import importlib

            KgGroup._topics = {c.name: c for m in TOPIC_MODULES for c in importlib.import_module(m).COMMANDS}
        return KgGroup._topics

    def list_commands(self, ctx):
        return sorted(set(super().list_commands(ctx)) | set(self._topic_commands()))

    def get_command(self, ctx, name):
        return super().get_command(ctx, name) or self._topic_commands().get(name)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KgError as exc:
            if DEBUG["on"]:
                traceback.print_exc()
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("Error: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            sys.exit(1)
        except Exception as exc:  # a bug, not bad input: say so in one line
            if DEBUG["on"]:
                traceback.print_exc()
            click.echo(f"Error: internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)",
                       err=True)
            sys.exit(2)


def store_option(fn):
    """``--store``: a folder for the embedded store, or the URL of a SPARQL 1.1 server."""
    return click.option("--store", "store_location", envvar="KG_STORE", metavar="PATH|URL",
                        help="Store folder or SPARQL server URL [env KG_STORE; default ~/.local/share/kg/store].")(fn)


def open_store_for(location: str | None):
    """Open the store, telling the user on stderr if it must wait for another process's lock."""
    from kg.store import open_store

    return open_store(location, on_wait=lambda msg: click.echo(msg, err=True))


def parse_params(values: tuple[str, ...]) -> dict[str, str]:
    """``k=v`` pairs from ``--param`` options."""
    params = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--param")
        params[key.strip()] = value.strip()
    return params


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="kg")
@click.option("--debug", is_flag=True, help="Show tracebacks of errors.")
def cli(debug: bool) -> None:
    """kg: news articles into a knowledge graph of political actors, their roles and interactions.

    \b
    Example:
      kg ingest examples/articles && kg query who-met --param actor=Putin
    """
    DEBUG["on"] = debug


@cli.command()
@click.argument("facts", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
def load(facts: tuple[Path, ...], store_location: str | None) -> None:
    """Load curated facts documents (JSON or YAML, the FORMAT.md layout) into the store.

    Every file is validated before anything is written; each article's graph is stored atomically,
    and loading an unchanged file again changes nothing. The article text is read from the file
    named in article.file, beside the facts file, so evidence offsets resolve.

    \b
    Example:
      kg load examples/facts/2025-03-15-putin-witkoff.facts.json
    """
    from kg.load import load_files

    with open_store_for(store_location) as store:
        report = load_files(store, facts)
    click.echo(f"loaded {len(report.added)} new, {len(report.replaced)} replaced, "
               f"{len(report.unchanged)} unchanged article(s); {report.triples} triples written")


@cli.command()
@click.argument("sparql")
@click.option("--param", "-p", multiple=True, metavar="KEY=ACTOR", help="Bind ?KEY to the actor named ACTOR.")
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True,
              help="Seconds before the query is given up.")
@click.option("--max-rows", type=click.IntRange(min=1), default=100_000, show_default=True)
@store_option
def query(sparql: str, param: tuple[str, ...], fmt: str, timeout: float, max_rows: int,
          store_location: str | None) -> None:
    """Run a saved query by NAME, or SPARQL text (a file with @FILE), over all articles.

    Saved queries (ontology/queries/*.rq): who-met, actors, roles, between, timeline, articles.

    \b
    Example:
      kg query who-met --param actor=Putin --format json
      kg query between -p a=Putin -p b=Trump
      kg query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
    """
    from kg.query import format_result, query_text, run_select

    text = _read_query_arg(sparql)
    with open_store_for(store_location) as store:
        result = run_select(store, query_text(text, parse_params(param), store), timeout, max_rows)
    click.echo(format_result(result, fmt), nl=False)


@cli.command()
@click.option("--format", "-f", "fmt", type=click.Choice(["ttl", "trig", "nq", "nt", "jsonld"]), default="trig",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write to this file instead of standard output.")
@store_option
def export(fmt: str, output: Path | None, store_location: str | None) -> None:
    """Export the whole graph: trig, nq and jsonld keep one named graph per article; ttl and nt merge them.

    \b
    Example:
      kg export --format trig -o graphs/kg.trig
    """
    from kg.graph import export as export_store

    with open_store_for(store_location) as store:
        chunks = export_store(store, fmt)
        _write_bytes(chunks, output)


@cli.command()
@store_option
def validate(store_location: str | None) -> None:
    """Check the stored graph against kg's SHACL shapes; exit 1 listing the violations.

    \b
    Example:
      kg validate
    """
    from kg.graph import validate_store

    with open_store_for(store_location) as store:
        outcome = validate_store(store)
    if outcome.conforms:
        click.echo("conforms: the store matches kg's SHACL shapes")
        return
    for line in outcome.violations:
        click.echo(line)
    click.echo(f"Error: {len(outcome.violations)} violation(s) of kg's SHACL shapes", err=True)
    sys.exit(1)


@cli.command()
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@store_option
def stats(fmt: str, store_location: str | None) -> None:
    """Counts per class, the number of articles and the span of interaction dates.

    \b
    Example:
      kg stats
    """
    import dataclasses
    import json

    from kg.graph import stats as store_stats

    with open_store_for(store_location) as store:
        found = store_stats(store)
    if fmt == "json":
        click.echo(json.dumps(dataclasses.asdict(found), indent=1))
        return
    click.echo(f"store      {store.location}\nquads      {found.quads}\narticles   {found.articles}")
    click.echo(f"dates      {found.first_date or '-'} .. {found.last_date or '-'}")
    for name, n in found.classes:
        click.echo(f"{name:<18} {n}")


@cli.command()
@click.argument("articles", nargs=-1, required=True)
@store_option
def remove(articles: tuple[str, ...], store_location: str | None) -> None:
    """Retract articles: drop each one's graph, named by its key (file name or URL) or graph IRI.

    \b
    Example:
      kg remove 2025-03-15-putin-witkoff.txt
    """
    from kg.graph import find_article_graph

    with open_store_for(store_location) as store:
        graphs = [find_article_graph(store, name) for name in articles]
        for name, graph in zip(articles, graphs):
            store.remove(graph)
            click.echo(f"removed {name}")


def _read_query_arg(text: str) -> str:
    if text.startswith("@"):
        path = Path(text[1:])
        try:
            return path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise click.BadParameter(f"cannot read {path}: {exc.strerror if isinstance(exc, OSError) else exc}")
    return text


def _write_bytes(chunks, output: Path | None) -> None:
    if output is None:
        out = sys.stdout.buffer
        for chunk in chunks:
            out.write(chunk)
        return
    from kg.fileio import atomic_write_bytes

    atomic_write_bytes(output, b"".join(chunks))
    click.echo(f"wrote {output}", err=True)

