"""Load on ``kg serve``: N concurrent clients for T seconds; requests/s, p50 and p99 latency, errors.

Starts ``kg serve`` on a free port of 127.0.0.1 over a store holding the founding article (or uses
``--url`` of a running endpoint) and sends a mix of kg's saved queries (who-met, between, roles,
actors) with asyncio clients.

    .venv/bin/python bench/serve_load.py                      # 50 clients, 60 s
    .venv/bin/python bench/serve_load.py --clients 10 --seconds 5 --workers 2
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from kg.load import load_files  # noqa: E402
from kg.query import query_text  # noqa: E402
from kg.store import open_store  # noqa: E402
from store_fixtures import FOUNDING, free_port, stop, wait_for  # noqa: E402

MIX = [("who-met", {"actor": "Putin"}), ("between", {"a": "Putin", "b": "Witkoff"}),
       ("roles", {"actor": "Peskov"}), ("actors", {})]


def main() -> None:
    args = _arguments()
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(str(Path(folder) / "store"))
        load_files(store, [FOUNDING])
        queries = [query_text(name, params, store) for name, params in MIX]
        process = None
        url = args.url
        if url is None:
            process, url = _start(store.location, args.workers)
        try:
            latencies, errors, elapsed = asyncio.run(_load(url + "/sparql", queries, args.clients, args.seconds))
        finally:
            if process is not None:
                stop(process)
    _report(latencies, errors, elapsed, args)


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2, help="kg serve --workers")
    parser.add_argument("--url", help="an endpoint base URL already running (its store must hold the seed)")
    return parser.parse_args()


def _start(location: str, workers: int):
    port = free_port()
    kg = str(Path(sys.executable).with_name("kg"))
    process = subprocess.Popen([kg, "serve", "--store", location, "--port", str(port), "--workers", str(workers)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    wait_for(url + "/", process)
    return process, url


async def _load(endpoint: str, queries: list[str], clients: int, seconds: float):
    latencies: list[float] = []
    errors: list[str] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=60) as http:
        started = time.monotonic()
        deadline = started + seconds
        await asyncio.gather(*(_client(http, endpoint, queries, i, deadline, latencies, errors)
                               for i in range(clients)))
        return latencies, errors, time.monotonic() - started


async def _client(http, endpoint, queries, number, deadline, latencies, errors) -> None:
    turn = number
    while time.monotonic() < deadline:
        query = queries[turn % len(queries)]
        turn += 1
        sent = time.perf_counter()
        try:
            response = await http.post(endpoint, data={"query": query},
                                       headers={"Accept": "application/sparql-results+json"})
            ok = response.status_code == 200 and "results" in response.json()
        except httpx.HTTPError as exc:
            ok, response = False, exc
        latencies.append(time.perf_counter() - sent)
        if not ok:
            errors.append(str(getattr(response, "status_code", response)))


def _report(latencies: list[float], errors: list[str], elapsed: float, args) -> None:
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    print(f"kg serve --workers {args.workers}: {args.clients} clients for {elapsed:.1f} s")
    print(f"requests   {len(latencies)}  ({len(latencies) / elapsed:.1f}/s)")
    print(f"latency    p50 {cuts[49] * 1000:.0f} ms   p99 {cuts[98] * 1000:.0f} ms   max {max(latencies) * 1000:.0f} ms")
    print(f"errors     {len(errors)}" + (f"  (first: {errors[0]})" if errors else ""))


if __name__ == "__main__":
    main()
