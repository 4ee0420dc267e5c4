"""Directory benchmark on PostgreSQL (issue 17): near-me at 2,000 organizations + 500 stops.

Usage: .venv/bin/python bench/directory.py [--organizations 2000] [--stops 500] [--requests 50]

Builds a fresh database `retorno_bench_directory` (or BENCH_DATABASE_URL) with the demo site,
`--organizations` synthetic, illustrative organization pages at places in US cities (opening
hours, services, languages) and `--stops` mobile-consulate stops in the coming days, then times
through Django's test client, with production settings and no page cache (every answer
computed): the directory near a postal code, with and without filters, and an organization page;
with the SQL statements each runs. The ranking and the cards of a query are kept until any record
changes (culture.directory): the "after a change" columns time the first request after one (the
site version moved before each), when everything is worked out again. Prints a table and writes
bench/results/directory-*.json. Figures are measured, never asserted; the goal is p95 < 50 ms.
With `--profile`, each request is also run under cProfile (after the timings) and its heaviest
functions printed.
"""

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.catalog import (  # noqa: E402
    QueryCounter,
    percentile,
    prepare_environment,
    time_requests,
    write_results,
)


def time_after_a_change(client, path: str, count: int) -> dict:
    """The request right after a change to the records (the site version moved, untimed): the
    ranking, the cards and the routes read afresh."""
    import statistics

    from django.db import connection

    from core import routes

    timings, cpu, counter = [], [], QueryCounter()
    for number in range(count):
        routes.changed()
        start, used = time.perf_counter(), time.process_time()
        if number:
            client.get(path)
        else:
            with connection.execute_wrapper(counter):
                client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - used) * 1000)
    return {"p50_ms": round(statistics.median(timings), 2),
            "p95_ms": round(percentile(timings, 0.95), 2),
            "cpu_p50_ms": round(statistics.median(cpu), 2), "queries": counter.count}  # fmt: skip


def make_directory(organizations: int, stops: int) -> None:
    import zipcodes
    from django.utils import timezone

    from culture.models import (
        DirectoryPage,
        MobileConsulateRoute,
        OpeningHours,
        OrganizationPage,
        ProgramLanguage,
        RouteStop,
        Service,
        Venue,
    )

    rng = random.Random(2026)  # noqa: S311 - repeatable synthetic data, not secrets
    directory = DirectoryPage.objects.get()
    rows = [row for row in zipcodes.list_all() if row.get("lat") and row.get("timezone")]
    places = Venue.objects.bulk_create(
        Venue(name=f"Sede sintética {n}", name_es=f"Sede sintética {n}", city=row["city"],
              state=row["state"], postal_code=row["zip_code"], timezone=row["timezone"],
              latitude=Decimal(row["lat"]), longitude=Decimal(row["long"]), is_illustrative=True)
        for n, row in enumerate(rng.sample(rows, 400))
    )  # fmt: skip
    OpeningHours.objects.bulk_create(
        OpeningHours(venue=place, weekday=day, opens="09:00", closes="17:00")
        for place in places for day in range(5)
    )  # fmt: skip
    services, languages = list(Service.objects.all()), list(ProgramLanguage.objects.all())
    kinds = [kind for kind, _label in OrganizationPage.Kind.choices]
    for n in range(organizations):
        page = OrganizationPage(
            title=f"Organización sintética {n}", title_es=f"Organización sintética {n}",
            slug=f"organizacion-sintetica-{n}", slug_es=f"organizacion-sintetica-{n}",
            kind=rng.choice(kinds), venue=rng.choice(places), phone="(312) 555-0100",
            website="https://example.org", cost="free", is_illustrative=True,
        )  # fmt: skip
        directory.add_child(instance=page)
        page.services.set(rng.sample(services, 3))
        page.languages_served.set(rng.sample(languages, 2))
        page.languages_on_request.set(rng.sample(languages, 1))
        page.save(update_fields=["services", "languages_served", "languages_on_request"])
    today = timezone.localdate()
    for r in range(stops // 10):
        route = MobileConsulateRoute.objects.create(name=f"Ruta sintética {r}", live=True,
                                                    is_illustrative=True)  # fmt: skip
        for s in range(10):
            stop = RouteStop(route=route, venue=rng.choice(places), opens_at="09:00",
                             closes_at="14:00", day=today + timedelta(days=rng.randint(0, 13)),
                             sort_order=s)  # fmt: skip
            stop.save()
            stop.services.set(rng.sample(services, 3))
            stop.languages_served.set(rng.sample(languages, 2))
            stop.save(update_fields=["services", "languages_served"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organizations", type=int, default=2000)
    parser.add_argument("--stops", type=int, default=500)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--reuse", action="store_true", help="Keep an earlier run's database.")
    parser.add_argument("--profile", action="store_true",
                        help="Print each request's heaviest functions (cProfile).")  # fmt: skip
    args = parser.parse_args()
    prepare_environment("retorno_bench_directory", fresh=not args.reuse,
                        SEARCH_INDEX_PREFIX="bench", OPENSEARCH_URL="", ELASTICSEARCH_URL="",
                        LOG_LEVEL="WARNING",
                        # one client: the per-client limits would answer 429 (bench/programs.py)
                        API_RATE_LIMIT="100000000", SEARCH_RATE_LIMIT="100000000")  # fmt: skip
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    # The manifest storage refuses the vendored OpenSeadragon (its sourceMappingURL names a file
    # not shipped): plain static files here, not what is measured.
    from django.test import override_settings

    override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()  # fmt: skip
    from culture.models import OrganizationPage

    call_command("migrate", "--noinput", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    synthetic = OrganizationPage.objects.filter(title_es__startswith="Organización sintética")
    generated = None
    if not args.reuse or not synthetic.exists():
        with open(os.devnull, "w") as quiet:
            call_command("load_demo", stdout=quiet)
        start = time.perf_counter()
        make_directory(args.organizations, args.stops)
        generated = round(time.perf_counter() - start, 1)
    paths = {
        "directory, no place": "/es/directorio/",
        "near 60607, 250 mi": "/es/directorio/?near=60607&radius=250",
        "near 60607, legal + Mixtec": "/en/directory/?near=60607&service=legal-immigration"
                                      "&language=mix",
        "near 90057, open now": "/es/directorio/?near=90057&open_now=on",
        "organization page": synthetic.first().url,
    }  # fmt: skip
    client = Client()
    figures = {"organizations": args.organizations, "stops": args.stops,
               "generated_s": generated, "rows": {}}  # fmt: skip
    print(f"{'request':32} {'p50 ms':>8} {'p95 ms':>8} {'cpu ms':>8} {'SQL':>5}"
          f" | after a change: {'p50 ms':>8} {'p95 ms':>8} {'cpu ms':>8} {'SQL':>5}")  # fmt: skip
    for name, path in paths.items():
        row = time_requests(client, path, args.requests)
        cold = time_after_a_change(client, path, max(5, args.requests // 5))
        figures["rows"][name] = {**row, "after_a_change": cold}
        print(f"{name:32} {row['p50_ms']:8} {row['p95_ms']:8} {row['cpu_p50_ms']:8} "
              f"{row['queries']:5} | {'':16} {cold['p50_ms']:8} {cold['p95_ms']:8} "
              f"{cold['cpu_p50_ms']:8} {cold['queries']:5}")  # fmt: skip
    write_results("directory", figures)
    if args.profile:
        for name, path in paths.items():
            profile(client, name, path, args.requests)


def profile(client, name: str, path: str, count: int) -> None:
    """The request `path` run `count` times under cProfile (caches warm, as timed above): the
    functions with the most time of their own and below them."""
    import cProfile
    import pstats

    client.get(path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(count):
        client.get(path)
    profiler.disable()
    print(f"\n--- {name}: {path} ({count} requests)")
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("cumulative").print_stats(60)
    stats.sort_stats("tottime").print_stats(20)


if __name__ == "__main__":
    main()
