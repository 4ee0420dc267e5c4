"""Programs benchmark on PostgreSQL: the listing, month view, API and full-calendar feed.

Usage: .venv/bin/python bench/programs.py [--programs 500] [--sessions 10] [--requests 100]

Builds a fresh database `retorno_bench_programs` (or BENCH_DATABASE_URL) with the demo site and
`--programs` synthetic programs of `--sessions` sessions each (5,000 by default: weekly, daily
and monthly rules, one-off dates, cancellations) at venues in 60 US cities, then times, through
Django's test client with production settings: the listing (first page, filtered by city and
language, near a postal code sorted by distance), the month view, GET /api/v1/programs and
/api/v1/sessions, and the whole-calendar iCalendar feed; with the SQL statements each runs.
With `--load`, the listing is then served by gunicorn (config/gunicorn.py, 2 workers, production
settings) without Redis and without the page cache — every answer computed — and loaded by wrk
with 8 connections for `--duration` seconds over the URLs `make bench` walks (bench/run.py):
p50/p95/p99 and requests/s beside issue 15's goal, p95 < 50 ms.
Prints a table and writes bench/results/programs-*.json. Figures are measured, never asserted.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.catalog import (  # noqa: E402
    percentile,
    prepare_environment,
    time_requests,
    write_results,
)

RULES = ["FREQ=WEEKLY;COUNT=12", "FREQ=DAILY;COUNT=5", "FREQ=MONTHLY;BYDAY=1SA;COUNT=6", "", ""]


def make_programs(count: int, sessions_each: int) -> None:
    """Synthetic, illustrative programs under the demo's program index (one revision each)."""
    import zipcodes
    from django.utils import timezone

    from culture.models import (
        Audience,
        Organizer,
        ProgramCategory,
        ProgramIndexPage,
        ProgramLanguage,
        ProgramPage,
        ProgramSession,
        Venue,
    )

    rng = random.Random(2026)  # noqa: S311 - repeatable synthetic data, not secrets
    index = ProgramIndexPage.objects.get()
    rows = [row for row in zipcodes.list_all() if row.get("lat") and row.get("timezone")]
    venues = []
    for row in rng.sample(rows, 60):
        name = f"Sede sintética {row['city']} (ilustrativa)"
        venues.append(
            Venue.objects.create(
                name=name,
                name_es=name,
                city=row["city"],
                state=row["state"],
                postal_code=row["zip_code"],
                latitude=row["lat"],
                longitude=row["long"],
                timezone=row["timezone"],
                is_illustrative=True,
            )  # fmt: skip
        )
    name = "Organizador sintético"
    organizer = Organizer.objects.create(name=name, name_es=name, kind="partner",
                                         is_illustrative=True)  # fmt: skip
    categories = list(ProgramCategory.objects.all())
    audiences = list(Audience.objects.all())
    languages = list(ProgramLanguage.objects.all())
    now = timezone.now()
    for number in range(count):
        program = ProgramPage(
            title=f"Programa sintético {number:04}", title_es=f"Programa sintético {number:04}",
            title_en=f"Synthetic program {number:04}", slug=f"sintetico-{number:04}",
            slug_es=f"sintetico-{number:04}", summary_es="Programa inventado para medir.",
            category=rng.choice(categories), organizer=organizer, is_illustrative=True,
            cost=rng.choice([None, None, 5, 20]),
        )  # fmt: skip
        for _ in range(sessions_each):
            venue = rng.choice(venues)
            zone = ZoneInfo(venue.timezone)
            day = (now + timedelta(days=rng.randint(-20, 120))).astimezone(zone).date()
            begins = datetime.combine(day, datetime.min.time(), tzinfo=zone) + timedelta(
                hours=rng.choice([9, 11, 17, 18, 19])
            )
            program.sessions.add(
                ProgramSession(
                    start=begins,
                    end=begins + timedelta(hours=2),
                    timezone=venue.timezone,
                    venue=venue,
                    recurrence=rng.choice(RULES),
                    status="cancelled" if rng.random() < 0.05 else "scheduled",
                )  # fmt: skip
            )
        program.audiences = rng.sample(audiences, 2)
        program.languages = rng.sample(languages, 2)
        index.add_child(instance=program)
        program.save_revision().publish()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programs", type=int, default=500)
    parser.add_argument("--sessions", type=int, default=10, help="Sessions per program.")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument(
        "--load",
        action="store_true",
        help="Also load the listing under gunicorn and wrk (no Redis).",
    )
    parser.add_argument("--duration", type=int, default=20, help="Seconds of load (--load).")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (--load).")
    parser.add_argument("--port", type=int, default=8766, help="gunicorn's port (--load).")
    parser.add_argument(
        "--reuse", action="store_true",
        help="Keep the database of an earlier run (skips generating programs).",
    )  # fmt: skip
    args = parser.parse_args()

    url = prepare_environment("retorno_bench_programs", fresh=not args.reuse,
                              SEARCH_INDEX_PREFIX="bench", OPENSEARCH_URL="",
                              ELASTICSEARCH_URL="", LOG_LEVEL="WARNING",
                              ALLOWED_HOSTS="127.0.0.1,testserver",
                              # one client (wrk) on loopback: the per-client limits would answer 429
                              API_RATE_LIMIT="100000000",
                              SEARCH_RATE_LIMIT="100000000")  # fmt: skip
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    # The search index is kept by a queue in production; not what is measured here.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from culture.models import ProgramPage, ProgramSession
    from culture.selectors import sessions_matching

    call_command("migrate", "--noinput", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    synthetic = ProgramPage.objects.filter(title_es__startswith="Programa sintético")
    generated = None
    if not (args.reuse and synthetic.count() == args.programs):
        with open(os.devnull, "w") as quiet:
            call_command("load_demo", stdout=quiet)
        start = time.perf_counter()
        make_programs(args.programs, args.sessions)
        generated = round(time.perf_counter() - start, 1)
    client = Client()
    city = ProgramSession.objects.filter(program__title_es__startswith="Programa sintético")
    city = city.select_related("venue").first().venue.city
    paths = {
        "listing, first page": "/es/programas/",
        "listing, city + language": f"/es/programas/?city={city}&language=es&language=nah",
        "listing, near a postal code": "/es/programas/?near=60607&sort=nearest",
        "month view": "/es/programas/?view=month",
        "API /programs": "/api/v1/programs?lang=es",
        "API /sessions (200)": "/api/v1/sessions?limit=200",
    }
    figures: dict = {
        "database": url.rsplit("@", 1)[-1],
        "programs": ProgramPage.objects.live().count(),
        "sessions": ProgramSession.objects.count(),
        "generate_seconds": generated,
        "requests": args.requests,
        "pages": {},
    }
    paths["full-calendar feed (.ics)"] = "/es/programas/calendar/ics/"
    for label, path in paths.items():
        # Warm: the cached ranking/feed serves (as between two changes); cold: cache emptied
        # before each request (the first request after a program is published).
        row = time_requests(client, path, args.requests)
        cold = []
        for _ in range(max(5, args.requests // 5)):
            cache.clear()
            began = time.perf_counter()
            response = client.get(path)
            cold.append((time.perf_counter() - began) * 1000)
        row["cold_p50_ms"] = round(statistics.median(cold), 1)
        row["cold_p95_ms"] = round(percentile(cold, 0.95), 1)
        figures["pages"][label] = row
    figures["feed"] = {"bytes": len(response.content), "events": len(sessions_matching(filters={}))}
    if args.load:
        figures["load"] = load_listing(args)
    connection.close()

    print(
        f"\nPrograms benchmark — {figures['programs']} live programs, {figures['sessions']} "
        f"sessions, PostgreSQL ({figures['database']}), {args.requests} requests per row"
    )
    if generated is not None:
        print(f"generated in {generated} s ({args.programs / generated:.1f} programs/s)")
    print()
    head = ("measure", "cold p50", "cold p95", "warm p50", "warm p95", "warm CPU", "SQL")
    line = "| {:<28} | {:>9} | {:>9} | {:>9} | {:>9} | {:>8} | {:>4} |"
    print(line.format(*head))
    print("|" + "|".join("-" * (width + 2) for width in (28, 9, 9, 9, 9, 8, 4)) + "|")
    for label, row in figures["pages"].items():
        cells = (label, row["cold_p50_ms"], row["cold_p95_ms"], row["p50_ms"], row["p95_ms"],
                 row["cpu_p50_ms"], row["queries"])  # fmt: skip
        print(line.format(*cells))
    feed = figures["feed"]
    print(
        "(milliseconds; warm CPU = p50 of this process's CPU time per warm request, the work in "
        "process;\n SQL = statements of a warm request)"
    )
    print(f"\nfeed: {feed['events']} events, {feed['bytes'] / 1024:.0f} KiB")
    if args.load:
        row = figures["load"]
        print(f"\nprogram listing (no Redis, no page cache) under load: gunicorn "
              f"{row['workers']} workers, wrk {args.connections} connections x {args.duration} s, "
              f"{row['urls']} URLs\n p50 {row['p50_ms']} ms, p95 {row['p95_ms']} ms "
              f"(goal < 50: {'met' if row['p95_ms'] < 50 else 'MISSED'}), p99 {row['p99_ms']} ms, "
              f"{row['requests_per_s']} req/s, {row['errors']} errors")  # fmt: skip
    write_results("programs", figures)


def load_listing(args) -> dict:
    """The listing under gunicorn without Redis and the page cache, loaded by wrk."""
    from bench.run import Server, ensure_program, load, program_listing_paths

    wrk = ensure_program("wrk", "wrk")
    paths = program_listing_paths(random.Random(7))  # noqa: S311 - repeatable choice of URLs
    server = Server(port=args.port, REDIS_URL="", SHARED_CACHE="0", PAGE_CACHE_SECONDS="0",
                    GUNICORN_WORKERS="2")  # fmt: skip
    try:
        print(f"== load: program listing (no Redis) ({len(paths)} URLs)", flush=True)
        row = load(wrk, paths, args.duration, args.connections, port=args.port)
    finally:
        server.stop()
    return {**row, "workers": 2}


if __name__ == "__main__":
    main()
