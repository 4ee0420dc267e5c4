"""Catalog benchmark on PostgreSQL: import throughput, piece page and listing timings and queries.

Usage: .venv/bin/python bench/catalog.py [--rows 15000] [--requests 200]

Runs against BENCH_DATABASE_URL, or a database `retorno_bench` on the local PostgreSQL that
`make test` uses (created afresh each run). Prints a table and writes bench/results/*.json.
Outside the test suite on purpose: figures are measured, never asserted.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def prepare_environment(database: str = "retorno_bench", fresh: bool = True, **extra: str) -> str:
    """Production settings (DEBUG off) on BENCH_DATABASE_URL, or on `database` on the local
    PostgreSQL (created afresh unless `fresh` is false); `extra` environment variables on top."""
    url = os.environ.get("BENCH_DATABASE_URL")
    if not url:
        if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode != 0:
            subprocess.run(["bash", str(ROOT / "tools" / "postgres.sh")], check=True)
        psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c"]
        if fresh:
            subprocess.run([*psql, f"DROP DATABASE IF EXISTS {database}"], check=True)
        subprocess.run([*psql, f"CREATE DATABASE {database}"], check=False,
                       capture_output=True)  # fmt: skip
        url = f"postgres://postgres@127.0.0.1:5432/{database}"
    static_root = tempfile.mkdtemp(prefix="retorno-bench-static-")
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": url,
            "DEBUG": "0",
            "SECRET_KEY": "benchmark-only-not-a-secret",
            "ALLOWED_HOSTS": "testserver",
            "SECURE_SSL_REDIRECT": "0",
            "STATIC_ROOT": static_root,
            "MEDIA_ROOT": tempfile.mkdtemp(prefix="retorno-bench-media-"),
            **extra,
        }
    )
    return url


def write_results(name: str, figures: dict) -> None:
    """bench/results/<name>-<time>.json (git-ignored), so runs can be compared."""
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    out = results / f"{name}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(figures, indent=2))
    print(f"\nwrote {out.relative_to(ROOT)}")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))
    return ordered[index]


class QueryCounter:
    """Counts SQL statements through a connection wrapper (DEBUG is off, as in production)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def time_requests(client, path: str, count: int, **headers) -> dict:
    from django.db import connection

    response = client.get(path, **headers)  # warm caches
    assert response.status_code == 200, (path, response.status_code)
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        client.get(path, **headers)
    timings, cpu = [], []
    for _ in range(count):
        start, used = time.perf_counter(), time.process_time()
        client.get(path, **headers)
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - used) * 1000)
    return {
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        # CPU time of this process alone (no wait for the database, nor for other processes
        # sharing the machine): the work "in process" of one request.
        "cpu_p50_ms": round(statistics.median(cpu), 2),
        "queries": counter.count,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=15000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    url = prepare_environment()
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from heritage.exporting import to_csv
    from heritage.importing import PIECE_COLUMNS
    from heritage.models import Piece, ProvenanceEvent
    from heritage.services import catalog_import
    from heritage.synthetic import synthetic_rows

    call_command("migrate", "--noinput", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115

    figures: dict = {"database": url.rsplit("@", 1)[-1], "rows": args.rows}

    columns = [
        column
        for column in PIECE_COLUMNS
        if column not in {"restricted", "find_site", "find_lat", "find_lon"}
    ]
    rows = synthetic_rows(count=args.rows, seed=42)
    data = to_csv(([{c: row.get(c, "") for c in columns} for row in rows]), columns).encode()
    start = time.perf_counter()
    report = catalog_import(data=data, filename="bench.csv", publish_new=True)
    elapsed = time.perf_counter() - start
    assert report.ok and report.applied, report.errors[:5]
    figures["import_rows_per_s"] = round(args.rows / elapsed)
    figures["import_seconds"] = round(elapsed, 1)
    start = time.perf_counter()
    again = catalog_import(data=data, filename="bench.csv")
    figures["reimport_noop_seconds"] = round(time.perf_counter() - start, 1)
    assert again.unchanged == args.rows

    client = Client()
    for events in (1, 10, 50):
        number = f"BENCH-EVENTS-{events:03d}"
        piece = Piece(catalog_number=number, title_es=f"Banco {events}", is_illustrative=True)
        piece.provenance_events = [
            ProvenanceEvent(event_type="sale", year_start=1900 + n, year_end=1900 + n)
            for n in range(events)
        ]
        piece.save()
        piece.save_revision().publish()
        figures[f"piece_page_{events}_events"] = time_requests(
            client, f"/es/catalogo/{number}/", args.requests
        )
    figures["catalog_listing"] = time_requests(client, "/es/catalogo/", max(20, args.requests // 4))
    figures["catalog_listing_filtered"] = time_requests(
        client,
        "/es/catalogo/?culture=maya&period=clasico-tardio&year_from=500&year_to=700",
        max(20, args.requests // 4),
    )
    figures["api_pieces"] = time_requests(client, "/api/v1/pieces?limit=25", args.requests)

    print(f"\nCatalog benchmark — {figures['database']}, {args.rows} imported rows\n")
    print(f"{'measure':<36}{'p50 ms':>10}{'p95 ms':>10}{'queries':>10}")
    for key in (
        "piece_page_1_events",
        "piece_page_10_events",
        "piece_page_50_events",
        "catalog_listing",
        "catalog_listing_filtered",
        "api_pieces",
    ):
        item = figures[key]
        print(f"{key:<36}{item['p50_ms']:>10}{item['p95_ms']:>10}{item['queries']:>10}")
    print(f"{'import (rows/s)':<36}{figures['import_rows_per_s']:>10}")
    print(f"{'import (s)':<36}{figures['import_seconds']:>10}")
    print(f"{'re-import, no changes (s)':<36}{figures['reimport_noop_seconds']:>10}")

    write_results("catalog", figures)


if __name__ == "__main__":
    main()
