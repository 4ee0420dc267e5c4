"""`make bench`: the site under concurrent load, on PostgreSQL, at 15,000 and 150,000 pieces.

Usage: .venv/bin/python bench/run.py [--sizes 15000 150000] [--duration 10] [--connections 4]
                                     [--engine auto|opensearch|database] [--programs 500]
                                     [--reuse] [--pages "catalog search" ...]

For each size, in one database `retorno_bench_load` (or BENCH_DATABASE_URL) that grows from one
size to the next: imports synthetic, illustrative pieces through the catalog importer in files of
15,000 rows (rows/s; index upkeep goes to the task queue, as in production), rebuilds every search
index (`search_rebuild`, timed), then serves the site with gunicorn (config/gunicorn.py,
production settings) and loads it from a separate process, wrk on loopback, for `--duration`
seconds per page after a 5-second warm-up: piece pages, the researcher search (text + 3 facets +
a date range), the program listing and the API search, each walking hundreds of different
URLs taken from the data so that no answer is one cached page. Reports p50/p95/p99 latency and
requests/s, the SQL statements of one request of each page (counted in-process), and the
resident memory of the gunicorn workers. Prints one table and writes bench/results/run-*.json.
`--reuse` keeps the database and the index of an earlier run (imports only the pieces it lacks;
rebuilds after an import, or when the database's own index does not hold every public piece, as
after a node's restart); `--pages` loads only the pages named. The table's head gives
the time of a fixed pure-Python loop on the machine, so figures from two machines compare.

The search engine is a live OpenSearch node (OPENSEARCH_URL, or the one `make search-server`
starts when Java and Maven are present) unless `--engine database`. Outside the test suite on
purpose: figures are measured here, never asserted; the goals are printed beside them.
"""

import argparse
import json
import logging
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.catalog import QueryCounter, prepare_environment, write_results  # noqa: E402
from tools.redis_server import RedisServer  # noqa: E402

BATCH = 15_000  # rows per imported file, as a curator would send them
PORT = 8765
GOALS = {  # measure → (figure, limit, "below" or "above")
    "piece page": ("p95_ms", 25, "below"),
    "catalog search": ("p95_ms", {15_000: 50, 150_000: 80}, "below"),
    "catalog search (no page cache)": ("p95_ms", {15_000: 25}, "below"),
    "catalog search (database engine, no Redis)": ("p95_ms", {150_000: 80}, "below"),
    # issue 15: 500 programs / 5,000 sessions (--programs), every answer computed
    "program listing (no page cache)": ("p95_ms", 50, "below"),
    "program listing (no Redis)": ("p95_ms", 50, "below"),
    "import": ("rows_per_s", 1000, "above"),
    "worker memory": ("max_rss_mb", 200, "below"),
}
PAGES = ("piece page", "catalog search", "program listing", "API search")
# Each page is loaded as served (whole answers cached for visitors without cookies,
# core/pagecache.py), with that cache off (every answer computed), without Redis (each worker's
# own memory: no page cache, routes checked against the site version in the database,
# core/routes.py), and the searches once more answered by the database engine without Redis.
# mode → (environment of the server, the pages loaded in it)
MODES = {
    "": ({}, PAGES),
    " (no page cache)": ({"PAGE_CACHE_SECONDS": "0"}, PAGES),
    " (no Redis)": ({"REDIS_URL": "", "PAGE_CACHE_SECONDS": "0"}, PAGES),
    " (database engine, no Redis)": (
        {"REDIS_URL": "", "PAGE_CACHE_SECONDS": "0", "OPENSEARCH_URL": ""},
        ("catalog search", "API search"),
    ),
}


def ensure_program(program: str, package: str) -> str:
    """The path of `program`, installed from Debian's `package` when missing (as root)."""
    found = shutil.which(program)
    if found:
        return found
    if os.geteuid() != 0:
        sys.exit(f"bench: {program} is missing (Debian package `{package}`); install it.")
    print(f"== installing Debian's {package}", flush=True)
    install = ["apt-get", "install", "-y", "-q", package]
    if subprocess.run(install, capture_output=True).returncode:
        subprocess.run(["apt-get", "update", "-q"], capture_output=True, check=True)
        subprocess.run(install, capture_output=True, check=True)
    return shutil.which(program) or sys.exit(f"bench: {package} could not be installed")


class Redis(RedisServer):
    """A throw-away Redis on loopback: the cache every gunicorn worker shares, as in production."""

    def __init__(self):
        program = ensure_program("redis-server", "redis-server")
        self.directory = tempfile.mkdtemp(prefix="retorno-bench-redis-")
        super().__init__(program, self.directory, "--maxmemory", "1gb",
                         "--maxmemory-policy", "allkeys-lru")  # fmt: skip

    def empty(self) -> None:
        """Every mode starts from an empty shared cache: what an earlier mode computed (counts,
        routes, pages) would make a later one look faster than it is."""
        self.client.flushall()

    def stop(self) -> None:
        super().stop()
        shutil.rmtree(self.directory, ignore_errors=True)


def search_node(engine: str) -> str:
    """The OpenSearch URL to use, or "" for the database engine."""
    if engine == "database":
        return ""
    if os.environ.get("OPENSEARCH_URL"):
        return os.environ["OPENSEARCH_URL"]
    if engine == "auto" and not (shutil.which("java") and shutil.which("mvn")):
        print("== no Java/Maven for an OpenSearch node: the database search engine serves")
        return ""
    subprocess.run(["bash", str(ROOT / "tools" / "search_server.sh"), "start"], check=True)
    return "http://127.0.0.1:9200"


def import_pieces(start: int, count: int) -> dict:
    """Import `count` synthetic rows numbered from `start`, in files of BATCH rows."""
    from heritage.exporting import to_csv
    from heritage.importing import PIECE_COLUMNS
    from heritage.services import catalog_import
    from heritage.synthetic import synthetic_rows

    hidden = {"restricted", "find_site", "find_lat", "find_lon"}
    columns = [column for column in PIECE_COLUMNS if column not in hidden]
    seconds = 0.0
    for first in range(start, start + count, BATCH):
        size = min(BATCH, start + count - first)
        rows = synthetic_rows(count=size, seed=42, start=first)
        data = to_csv([{c: row.get(c, "") for c in columns} for row in rows], columns).encode()
        began = time.perf_counter()
        report = catalog_import(data=data, filename="bench.csv", publish_new=True)
        seconds += time.perf_counter() - began
        if not (report.ok and len(report.created) == size):
            sys.exit(f"bench: import failed: {report.errors[:5]}")
        print(f"   imported {first + size - 1:,} pieces", flush=True)
    return {"rows": count, "seconds": round(seconds, 1), "rows_per_s": round(count / seconds)}


def rebuild_indexes() -> dict:
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    began = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("search_rebuild", verbosity=0, stdout=quiet)
    seconds = round(time.perf_counter() - began, 1)
    # The import queued index updates for a worker; the rebuild has done their work.
    DBTaskResult.objects.all().delete()
    # A fresh index merges its segments in the background for minutes, competing with the
    # load for the same cores: merged here, once, as a live site would be by then.
    from search.engines import get_engine
    from search.kinds import KINDS

    began = time.perf_counter()
    for kind in KINDS:
        engine = get_engine(kind)
        if hasattr(engine, "client"):
            engine.client.client.indices.forcemerge(
                index=engine.alias, max_num_segments=1, request_timeout=900
            )
    return {"seconds": seconds, "merge_seconds": round(time.perf_counter() - began, 1)}


def index_is_whole() -> bool:
    """The search server's piece index holds every public piece (a node started afresh, or
    an index left by an interrupted run, holds fewer)."""
    from heritage.models import Piece
    from heritage.selectors import piece_public_q
    from search.engines import get_engine

    engine = get_engine("piece")
    try:
        held = engine.client.client.count(index=engine.alias)["count"]
    except Exception:  # noqa: BLE001 - no index (or no alias) yet: not whole
        return False
    return held == Piece.objects.filter(piece_public_q()).count()


def page_paths(rng: random.Random, count: int = 400) -> dict[str, list[str]]:
    """URLs for each measured page, drawn from the data so that searches find something."""
    from heritage.models import Piece

    synthetic = Piece.objects.filter(catalog_number__startswith="SYN-", live=True)
    ids = sorted(synthetic.values_list("pk", flat=True))
    picked = rng.sample(ids, min(count, len(ids)))
    pieces = synthetic.filter(pk__in=picked).order_by("pk")
    pieces = list(pieces.select_related("culture", "period", "object_type")
                  .prefetch_related("materials"))  # fmt: skip
    rng.shuffle(pieces)
    searches, api = [], []
    for piece in pieces:
        material = next(iter(piece.materials.all()), None)
        year = piece.date_start if piece.date_start is not None else 0
        query = {
            "q": piece.object_type.label if piece.object_type else "",
            "culture": piece.culture.code if piece.culture else "",
            "period": piece.period.code if piece.period else "",
            "material": material.code if material else "",
        }
        query = {name: value for name, value in query.items() if value}
        low, high = year - rng.randint(50, 400), year + rng.randint(50, 400)
        page = dict(query, date_from=abs(low), date_from_era="bce" if low < 0 else "ce",
                    date_to=abs(high), date_to_era="bce" if high < 0 else "ce")  # fmt: skip
        searches.append("/es/catalogo/?" + urlencode(page))
        api.append("/api/v1/search/pieces?" + urlencode(dict(query, date_from=low, date_to=high)))
    return {
        "piece page": [f"/es/catalogo/{piece.catalog_number}/" for piece in pieces],
        "catalog search": searches,
        "program listing": program_listing_paths(rng),
        "API search": api,
    }


def program_listing_paths(rng: random.Random) -> list[str]:
    """The program listing as visitors ask for it: plain in two languages, near a place, by
    city and language (every city of the venues), and the month view."""
    from culture.models import ProgramLanguage, ProgramSession, Venue

    cities = sorted(set(Venue.objects.values_list("city", flat=True)))
    # the languages programs are taught in (the vocabulary's first three), or any
    languages = [*ProgramLanguage.objects.order_by("pk").values_list("code", flat=True)[:3], ""]
    programs = ["/es/programas/", "/en/programs/", "/es/programas/?near=60607&sort=nearest"]
    for city in cities:
        language = rng.choice(languages)
        programs.append("/es/programas/?" + urlencode({"city": city, "language": language}))
    programs += ["/es/programas/?near=90012&radius=50", "/es/programas/?view=month"]
    assert ProgramSession.objects.exists()
    return programs


def queries_per_page(paths: dict[str, list[str]], **environment) -> dict[str, int]:
    """SQL statements of one request of each page, after a first one has warmed the caches,
    under a mode's settings (no page cache always: every statement of an answer counted)."""
    from django.db import connection
    from django.test import Client, override_settings

    overrides = {"PAGE_CACHE_SECONDS": 0}
    if environment.get("REDIS_URL") == "":
        overrides["SHARED_CACHE"] = False
    if environment.get("OPENSEARCH_URL") == "":
        overrides["OPENSEARCH_URL"] = ""
    client = Client()
    counts = {}
    for name, urls in paths.items():
        with override_settings(**overrides):
            first = client.get(urls[0])
            if first.status_code != 200:
                sys.exit(f"bench: {urls[0]} answered {first.status_code}")
            counter = QueryCounter()
            with connection.execute_wrapper(counter):
                client.get(urls[0])
            counts[name] = counter.count
    return counts


class Server:
    """gunicorn with config/gunicorn.py and the production settings of this environment."""

    def __init__(self, port: int = PORT, **environment: str):
        self.log = Path(tempfile.mkstemp(prefix="retorno-bench-gunicorn-", suffix=".log")[1])
        output = self.log.open("w")  # noqa: SIM115 - gunicorn writes to it while it runs
        environment = dict(os.environ, GUNICORN_BIND=f"127.0.0.1:{port}",
                           GUNICORN_ACCESS_LOG="/dev/null", **environment)  # fmt: skip
        self.process = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "config/gunicorn.py", "config.wsgi"],
            cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while True:
            try:
                health = f"http://127.0.0.1:{port}/healthz"
                with urllib.request.urlopen(health, timeout=5) as answer:  # noqa: S310 - loopback
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                sys.exit("bench: gunicorn did not start:\n" + self.log.read_text()[-3000:])
            time.sleep(0.2)  # polling a server that is starting, not synchronising a test

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def memory(self) -> dict:
        """Resident (RSS) and proportional (PSS: shared pages split among sharers) memory."""
        rss, pss = [], []
        for pid in self.workers():
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                name, _colon, rest = line.partition(":")
                if name in ("Rss", "Pss"):
                    (rss if name == "Rss" else pss).append(int(rest.split()[0]) / 1024)
        return {
            "workers": len(rss),
            "max_rss_mb": round(max(rss), 1),
            "mean_pss_mb": round(sum(pss) / len(pss), 1),
        }

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)


def load(wrk: str, paths: list[str], duration: int, connections: int, port: int = PORT,
         headers: dict[str, str] | None = None) -> dict:  # fmt: skip
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(paths) + "\n")
    sent = [f"--header={name}: {value}" for name, value in (headers or {}).items()]
    command = [wrk, "-t1", f"-c{connections}", "-s", str(ROOT / "bench" / "load.lua"), *sent,
               "--timeout", "10s", f"http://127.0.0.1:{port}", "--", listing.name]  # fmt: skip
    # Warm-up: every URL asked once, so that what is kept for it is kept (a timed pass alone
    # left the URLs it had not reached, up to a tenth of them on a slow day, to be computed
    # for the first time inside the measured run: its p95 then measured first visits); then a
    # timed pass, in which every worker opens its connections and fills its own caches, and
    # the search node's JIT compiles its hot paths.
    for path in paths:
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers or {})
        with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310 - loopback
            answer.read()
    subprocess.run([*command[:1], "-d5s", *command[1:]], capture_output=True, check=True)
    ran = subprocess.run([*command[:1], f"-d{duration}s", *command[1:]], capture_output=True,
                         text=True, check=True)  # fmt: skip
    os.unlink(listing.name)
    figures = json.loads(ran.stdout.strip().splitlines()[-1])
    return {
        "p50_ms": round(figures["p50_us"] / 1000, 1),
        "p95_ms": round(figures["p95_us"] / 1000, 1),
        "p99_ms": round(figures["p99_us"] / 1000, 1),
        "requests_per_s": round(figures["requests"] / (figures["duration_us"] / 1e6)),
        "requests": figures["requests"],
        "errors": figures["status_errors"] + figures["socket_errors"],
        "status_errors": figures["status_errors"],  # answers 4xx or 5xx
        "socket_errors": figures["socket_errors"],  # connect, read, write or timeout
        "cache_hit_ratio": round(figures["cache_hits"] / max(1, figures["requests"]), 2),
        "urls": len(paths),
    }


def machine_speed() -> float:
    """Seconds for 10 million additions in a pure-Python loop: the speed of this machine's
    cores, printed with the figures (they scale with it)."""
    began = time.perf_counter()
    total = 0
    for step in range(10_000_000):
        total += step
    return round(time.perf_counter() - began, 2)


def goal_for(measure: str, size: int) -> tuple[str, float, str] | None:
    if measure not in GOALS:
        return None
    figure, limit, direction = GOALS[measure]
    if isinstance(limit, dict):  # the goal of the nearest size at or above this one, if any
        nearest = min((key for key in limit if key >= size), default=None)
        if nearest is None:
            return None
        limit = limit[nearest]
    return figure, limit, direction


def verdict(value: float, goal) -> str:
    if goal is None:
        return ""
    _figure, limit, direction = goal
    met = value < limit if direction == "below" else value >= limit
    sign = "<" if direction == "below" else "≥"
    return f"{sign} {limit:g} {'met' if met else 'MISSED'}"


def print_table(figures: dict) -> None:
    sizes = figures["sizes"]
    print(f"\nRetorno under load — PostgreSQL ({figures['database']}), "
          f"search: {figures['engine']}, "
          f"gunicorn {figures['gunicorn_workers']} workers, wrk {figures['connections']} "
          f"connections × {figures['duration_s']} s per page, loopback; "
          f"CPU reference: 10^7 Python additions in {figures['machine_s']} s\n")  # fmt: skip
    head = ("pieces", "measure", "p50 ms", "p95 ms", "p99 ms", "req/s", "hits", "SQL", "goal")
    widths = (8, 46, 7, 7, 7, 6, 5, 4, 14)
    line = "| " + " | ".join(f"{{:{'<' if i < 2 or i == 8 else '>'}{w}}}" for i, w in
                             enumerate(widths)) + " |"  # fmt: skip
    print(line.format(*head))
    print("|" + "|".join("-" * (width + 2) for width in widths) + "|")
    for size, row in sizes.items():
        label = f"{int(size):,}"
        for name in PAGES:
            for mode, (_environment, pages) in MODES.items():
                if name not in pages or name + mode not in row["pages"]:
                    continue
                cell = row["pages"][name + mode]
                goal = goal_for(name + mode, int(size))
                print(line.format(label, name + mode, cell["p50_ms"], cell["p95_ms"],
                                  cell["p99_ms"], cell["requests_per_s"],
                                  f"{cell['cache_hit_ratio']:.0%}", row["queries"][mode][name],
                                  verdict(cell["p95_ms"], goal)))  # fmt: skip
        single = (
            ("import rows/s", row.get("import", {}).get("rows_per_s"), "import"),
            ("search_rebuild s", row.get("rebuild", {}).get("seconds"), None),
            ("worker RSS MB", row.get("memory", {}).get("max_rss_mb"), "worker memory"),
        )
        for measure, value, goal in single:
            if value is None:  # not measured in this run (--reuse, --pages)
                continue
            judged = verdict(value, goal_for(goal, int(size))) if goal else ""
            print(line.format(label, measure, "", "", "", value, "", "", judged))
    failed = [
        f"{size} {name}: {cell.get('status_errors', '?')} non-2xx, "
        f"{cell.get('socket_errors', '?')} socket"
        for size, r in sizes.items() for name, cell in r["pages"].items() if cell["errors"]
    ]  # fmt: skip
    print("\n(latencies and req/s measured by wrk against gunicorn; SQL = statements of one warm "
          "request without the page cache,\n counted in-process; import rows/s over files of "
          "15,000 rows with index upkeep queued;\n RSS = the largest worker's resident memory;\n"
          " errors (non-2xx answers or socket errors) under load: "
          f"{sum(cell['errors'] for r in sizes.values() for cell in r['pages'].values())}"
          + "".join(f"\n   {line}" for line in failed) + ";\n"
          " hits = share of answers served whole from the page cache (Redis))")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[15_000, 150_000])
    parser.add_argument("--duration", type=int, default=10, help="Seconds of load per page.")
    parser.add_argument(
        "--connections", type=int, default=2,
        help="Concurrent connections (2: one per core of the machine these figures come from).",
    )  # fmt: skip
    parser.add_argument("--engine", choices=("auto", "opensearch", "database"), default="auto")
    parser.add_argument("--programs", type=int, default=500, help="Of 10 sessions each.")
    parser.add_argument("--reuse", action="store_true",
                        help="Keep the database and index of an earlier run.")  # fmt: skip
    parser.add_argument("--pages", nargs="+", choices=PAGES, default=list(PAGES))
    args = parser.parse_args()

    wrk = ensure_program("wrk", "wrk")
    node = search_node(args.engine)
    redis_server = Redis()
    database = urlparse(os.environ.get("BENCH_DATABASE_URL", "")).path.strip("/")
    url = prepare_environment(
        "retorno_bench_load",
        fresh=not args.reuse,
        # an index of each database's own: a --reuse of one database finds its index as left
        SEARCH_INDEX_PREFIX=f"bench_{database or 'retorno_bench_load'}".lower(),
        OPENSEARCH_URL=node,
        ELASTICSEARCH_URL="",
        TASKS_BACKEND="database",
        ALLOWED_HOSTS="127.0.0.1,testserver",
        # One client (wrk) on loopback: the per-client limits would answer 429.
        API_RATE_LIMIT="100000000",
        SEARCH_RATE_LIMIT="100000000",
        LOG_LEVEL="WARNING",
        REDIS_URL=redis_server.url,
    )
    import django

    django.setup()
    # A missing alias before the first rebuild is expected, not worth a warning line.
    logging.getLogger("opensearch").setLevel(logging.ERROR)
    from django.core.management import call_command

    from bench.programs import make_programs
    from config import gunicorn as gunicorn_settings

    quiet = open(os.devnull, "w")  # noqa: SIM115
    call_command("migrate", "--noinput", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    from culture.models import ProgramPage
    from heritage.models import Piece

    synthetic = Piece.objects.filter(catalog_number__startswith="SYN-")
    if not (args.reuse and ProgramPage.objects.filter(slug__startswith="sintetico-").exists()):
        call_command("load_demo", stdout=quiet)
        print(f"== {args.programs} synthetic programs", flush=True)
        make_programs(args.programs, 10)
    imported = synthetic.count() if args.reuse else 0
    if imported > min(args.sizes):
        sys.exit(f"bench: the database holds {imported:,} pieces; --sizes must not be fewer")

    figures: dict = {
        "database": url.rsplit("@", 1)[-1],
        "engine": f"OpenSearch ({node})" if node else "database",
        "gunicorn_workers": gunicorn_settings.workers,
        "connections": args.connections,
        "duration_s": args.duration,
        "machine_s": machine_speed(),
        "sizes": {},
    }
    rng = random.Random(7)  # noqa: S311 - repeatable choice of URLs
    for size in sorted(args.sizes):
        row: dict = {}
        if size > imported:
            print(f"== {size:,} pieces: importing {size - imported:,}", flush=True)
            row["import"] = import_pieces(imported + 1, size - imported)
            imported = size
            print("== search_rebuild", flush=True)
            row["rebuild"] = rebuild_indexes()
        elif node and not index_is_whole():
            print("== search_rebuild (the index does not hold every public piece)", flush=True)
            row["rebuild"] = rebuild_indexes()
        paths = page_paths(rng)
        row["queries"] = {
            mode: queries_per_page(paths, **environment)
            for mode, (environment, _pages) in MODES.items()
        }
        row["pages"] = {}
        for mode, (environment, pages) in MODES.items():
            if not set(pages) & set(args.pages):
                continue
            redis_server.empty()
            server = Server(**environment)
            try:
                for name in (page for page in pages if page in args.pages):
                    print(f"== load: {name}{mode} ({len(paths[name])} URLs)", flush=True)
                    row["pages"][name + mode] = load(wrk, paths[name], args.duration,
                                                     args.connections)  # fmt: skip
                memory = server.memory()
                if not mode:
                    row["memory"] = memory
            finally:
                server.stop()
        figures["sizes"][str(size)] = row
    redis_server.stop()
    print_table(figures)
    write_results("run", figures)


if __name__ == "__main__":
    main()
