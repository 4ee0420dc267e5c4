"""Search benchmark on PostgreSQL: the database engine and a live OpenSearch node, side by side.

Usage: .venv/bin/python bench/search.py [--pieces 15000] [--requests 200] [--no-opensearch]

Builds a fresh database `retorno_bench_search` (or BENCH_DATABASE_URL) with the demo site and
`--pieces` synthetic pieces, rebuilds each engine's index (timed), then times the search
contract in-process — text only, text + 3 facets + a date range, facets only, autocomplete —
and the same combined search through the HTTP API. Search words, cultures and periods rotate
so no answer comes from a cache. OpenSearch: OPENSEARCH_URL, or the node `make search-server`
starts (started here when Java and Maven are present). Prints a table and writes
bench/results/search-*.json. Outside the test suite on purpose: figures are measured, never
asserted.
"""

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.catalog import percentile, prepare_environment, write_results  # noqa: E402


def opensearch_url(wanted: bool) -> str:
    if not wanted:
        return ""
    if os.environ.get("BENCH_OPENSEARCH_URL"):
        return os.environ["BENCH_OPENSEARCH_URL"]
    subprocess.run(["bash", str(ROOT / "tools" / "search_server.sh"), "start"], check=True)
    return "http://127.0.0.1:9200"


def timed(function, arguments: list, count: int) -> dict:
    function(arguments[0])  # warm up
    timings = []
    for argument in itertools.islice(itertools.cycle(arguments), count):
        start = time.perf_counter()
        function(argument)
        timings.append((time.perf_counter() - start) * 1000)
    return {
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        "requests": count,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pieces", type=int, default=15000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--no-opensearch", action="store_true")
    parser.add_argument(
        "--reuse", action="store_true",
        help="Keep the database of an earlier run with as many pieces (skips generating them).",
    )  # fmt: skip
    args = parser.parse_args()

    url = prepare_environment(
        "retorno_bench_search",
        fresh=not args.reuse,
        SEARCH_INDEX_PREFIX="bench",
        OPENSEARCH_URL="",
        ELASTICSEARCH_URL="",
    )
    node = opensearch_url(not args.no_opensearch)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db.models import Max, Min
    from django.test import Client

    # Index upkeep is a queue's work in production: here the rebuilds below do it, timed.
    # (Set before the first task is enqueued, when django-tasks reads TASKS.)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from heritage.catalog import CatalogQuery
    from heritage.models import Culture, Material, ObjectType, Piece
    from search import service
    from search.database import DatabaseEngine
    from search.engines import get_engine

    call_command("migrate", "--noinput", verbosity=0)
    start = time.perf_counter()
    synthetic = Piece.objects.filter(catalog_number__startswith="SYN-").count()
    reused = args.reuse and synthetic == args.pieces
    if not reused:
        quiet = open(os.devnull, "w")  # noqa: SIM115
        call_command("load_demo", stdout=quiet)
        call_command("generate_catalog", pieces=args.pieces, verbosity=0, stdout=quiet)
    figures: dict = {
        "database": url.rsplit("@", 1)[-1],
        "pieces": args.pieces,
        "generate_seconds": None if reused else round(time.perf_counter() - start, 1),
        "engines": {},
    }

    words = [term.label_es for term in ObjectType.objects.all()[:6]]
    words += [term.label_es for term in Material.objects.all()[:4]]
    cultures = list(Culture.objects.values_list("code", flat=True)[:8])
    # Synthetic pieces tie a culture to the periods its span overlaps and to what it made
    # (heritage.illustrative): combine a culture, period and material that pieces have, and
    # the middle half of those pieces' years, as a researcher would.
    together = list(
        Piece.objects.filter(catalog_number__startswith="SYN-")
        .values_list("culture__code", "period__code", "materials__code")
        .annotate(low=Min("date_start"), high=Max("date_end"))
        .order_by("culture__code", "period__code", "materials__code")
    )
    together = together[:: max(1, len(together) // len(words))]
    combined = [
        CatalogQuery(
            text=word,
            filters={"culture": (culture,), "period": (period,), "material": (material,)},
            date_from=low + (high - low) // 4,
            date_to=high - (high - low) // 4,
        )
        for word, (culture, period, material, low, high) in zip(
            words, itertools.cycle(together), strict=False
        )
    ]
    facets_only = [
        CatalogQuery(filters={"culture": (culture,), "method": ("seizure", "donation")})
        for culture in cultures
    ]
    client = Client()

    engines = [("database", "")] + ([("opensearch", node)] if node else [])
    for name, node_url in engines:
        settings.OPENSEARCH_URL = node_url
        engine = get_engine() if node_url else DatabaseEngine()
        rebuilt = engine.rebuild()
        if node_url:
            engine.refresh()
        row = {
            "rebuild_seconds": rebuilt["seconds"],
            "rebuild_docs_per_s": round(rebuilt["documents"] / rebuilt["seconds"]),
            "documents": rebuilt["documents"],
        }
        row["text_only"] = timed(
            lambda text: service.search_pieces(CatalogQuery(text=text)), words, args.requests
        )
        row["combined"] = timed(service.search_pieces, combined, args.requests)
        row["facets_only"] = timed(service.search_pieces, facets_only, args.requests)
        row["autocomplete"] = timed(
            lambda text: service.suggest(text[:4], "es"), words, args.requests
        )

        def api(request):
            query = {"q": request.text, "date_from": request.date_from, "date_to": request.date_to}
            query.update({name: values[0] for name, values in request.filters.items()})
            response = client.get("/api/v1/search/pieces", query)
            assert response.status_code == 200, response.content[:300]

        row["api_combined"] = timed(api, combined, args.requests)
        figures["engines"][name] = row
        if node_url:
            engine.drop()

    print(f"\nSearch benchmark — {figures['database']}, {args.pieces} synthetic pieces "
          f"(+ demo), {args.requests} requests each\n")  # fmt: skip
    measures = ("text_only", "combined", "facets_only", "autocomplete", "api_combined")
    header = f"{'measure':<28}" + "".join(f"{name + ' p50/p95 ms':>28}" for name, _u in engines)
    print(header)
    for measure in measures:
        cells = "".join(
            f"{figures['engines'][name][measure]['p50_ms']:>18} / "
            f"{figures['engines'][name][measure]['p95_ms']:<7}"
            for name, _u in engines
        )
        print(f"{measure:<28}{cells}")
    for label, key in (
        ("rebuild (s)", "rebuild_seconds"),
        ("rebuild (docs/s)", "rebuild_docs_per_s"),
    ):
        cells = "".join(f"{figures['engines'][name][key]:>28}" for name, _u in engines)
        print(f"{label:<28}{cells}")

    write_results(f"search-{args.pieces}", figures)


if __name__ == "__main__":
    main()
