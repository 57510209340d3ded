"""``kg serve``: the SPARQL endpoint command (library in ``kg.server``)."""
from __future__ import annotations

import os

import click

from kg.cli import store_option


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Seconds a query may run before it is stopped.")
@click.option("--max-rows", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Most results (rows or triples) one query may return.")
@click.option("--workers", type=click.IntRange(1, 64), default=2, show_default=True,
              help="Query worker processes for the embedded store.")
@click.option("--allow-update", is_flag=True,
              help="Take SPARQL updates from clients that send Authorization: Bearer $KG_SERVE_TOKEN.")
@store_option
def serve(host: str, port: int, timeout: float, max_rows: int, workers: int, allow_update: bool,
          store_location: str | None) -> None:
    """Serve the graph as a SPARQL 1.1 endpoint at /sparql, a query page at / and maps at /view.

    Read-only unless started with --allow-update and KG_SERVE_TOKEN set in the environment. SERVICE
    and LOAD are refused. Queries see the union of all article graphs. Stop with Ctrl-C.

    \b
    Example:
      kg serve --port 7878
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' \\
           http://127.0.0.1:7878/sparql
      KG_SERVE_TOKEN=s3cret kg serve --allow-update
    """
    import uvicorn

    from kg.server import create_app
    from kg.server.app import Settings
    from kg.store import default_location

    settings = Settings(store_location or default_location(), timeout=timeout, max_rows=max_rows,
                        workers=workers, allow_update=allow_update,
                        token=os.environ.get("KG_SERVE_TOKEN") or None)
    app = create_app(settings)
    mode = "read-write (token required)" if allow_update else "read-only"
    click.echo(f"kg serve: {settings.location}, {mode}, at http://{host}:{port}/sparql", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


COMMANDS = [serve]
