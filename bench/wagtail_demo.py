"""The piece page against the Wagtail demo's bread page, side by side (issue 13's comparison).

    .venv/bin/python bench/wagtail_demo.py --bakerydemo PATH [--duration 20] [--reuse]

Both sites run their demo data on the local PostgreSQL behind gunicorn with 2 workers, without
Redis (so without a page cache), loaded by wrk with 8 concurrent connections walking every
page of their kind: each public piece page (`load_demo`) and each bread page of the demo.
Prints one table (req/s and latencies) and the ratio of the two throughputs.

PATH is a checkout of wagtail/bakerydemo whose requirements this machine's Python can install:
its commit 5a01dcd (Django 5.2, Wagtail 7.2; later ones need Django 6 and Python 3.12). On first
use the script makes its virtualenv (requirements/base.txt, gunicorn, psycopg, whitenoise, and
django-tasks 0.8: Wagtail 7.2 enqueues its search index updates with that API) and its database
`bakerydemo_bench` (migrate, load_initial_data, collectstatic); `--reuse` keeps both databases.
The demo's production settings redirect HTTP to HTTPS behind a proxy: its requests carry
`X-Forwarded-Proto: https`, as a proxy would send them.
"""

import argparse
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.catalog import prepare_environment, write_results  # noqa: E402
from bench.run import PORT, Server, ensure_program, load  # noqa: E402

CONNECTIONS, WORKERS = 8, 2
DEMO_PORT = 8766
PROXY = {"X-Forwarded-Proto": "https"}


def demo_environment(checkout: Path) -> dict:
    return dict(
        os.environ,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/bakerydemo_bench",
        DJANGO_SETTINGS_MODULE="bakerydemo.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(32),  # a throw-away key of each run
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        PATH=f"{checkout / '.venv' / 'bin'}:{os.environ['PATH']}",
    )


def prepare_demo(checkout: Path, reuse: bool) -> dict:
    """The demo's virtualenv and database (made once; the database afresh unless `reuse`)."""
    environment = demo_environment(checkout)
    python = checkout / ".venv" / "bin" / "python"
    if not python.exists():
        print("== the demo's virtualenv", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(checkout / ".venv")], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "-r",
                        "requirements/base.txt", "gunicorn", "psycopg[binary]",
                        "whitenoise==6.6.0", "django-tasks==0.8.1"],
                       cwd=checkout, check=True)  # fmt: skip
    marker = checkout / ".bench-loaded"
    if reuse and marker.exists():
        return environment
    print("== the demo's database and data", flush=True)
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c"]
    subprocess.run([*psql, "DROP DATABASE IF EXISTS bakerydemo_bench"], check=True)
    subprocess.run([*psql, "CREATE DATABASE bakerydemo_bench"], check=True)
    for command in (["migrate", "--noinput"], ["load_initial_data"],
                    ["collectstatic", "--noinput"]):  # fmt: skip
        subprocess.run([str(python), "manage.py", *command, "-v0"], cwd=checkout,
                       env=environment, check=True, capture_output=True)  # fmt: skip
    marker.touch()
    return environment


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer of its own here, not the page measured


def answers_200(port: int, paths: list[str], headers: dict | None = None) -> None:
    """Every path answers the page itself (wrk counts 4xx and 5xx, not a redirect)."""
    opener = urllib.request.build_opener(_NoRedirect)
    for path in paths:
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers or {})
        try:
            status = opener.open(request, timeout=30).status
        except urllib.error.HTTPError as error:
            status = error.code
        if status != 200:
            sys.exit(f"bench: {path} answered {status}")


def demo_paths() -> list[str]:
    request = urllib.request.Request(f"http://127.0.0.1:{DEMO_PORT}/breads/", headers=PROXY)
    with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310 - loopback
        listing = answer.read().decode()
    return sorted(set(re.findall(r'href="(/breads/[a-z0-9-]+/)"', listing)))


def serve_demo(checkout: Path, environment: dict) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(checkout / ".venv" / "bin" / "gunicorn"), "-w", str(WORKERS), "-b",
         f"127.0.0.1:{DEMO_PORT}", "bakerydemo.wsgi"],
        cwd=checkout, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while True:
        try:
            return server if demo_paths() else sys.exit("bench: the demo lists no bread")
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.terminate()
                sys.exit("bench: the demo's gunicorn did not start")
            time.sleep(0.2)  # polling a server that is starting, not synchronising a test


def piece_paths() -> list[str]:
    from heritage.models import Piece
    from heritage.selectors import piece_public_q

    numbers = Piece.objects.filter(piece_public_q()).values_list("catalog_number", flat=True)
    return [f"/es/catalogo/{number}/" for number in sorted(numbers)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bakerydemo", type=Path, required=True, help="A bakerydemo checkout.")
    parser.add_argument("--duration", type=int, default=20, help="Seconds of load per site.")
    parser.add_argument("--reuse", action="store_true", help="Keep both databases.")
    args = parser.parse_args()
    wrk = ensure_program("wrk", "wrk")
    checkout = args.bakerydemo.resolve()
    demo = prepare_demo(checkout, args.reuse)

    prepare_environment("retorno_bench_demo", fresh=not args.reuse, OPENSEARCH_URL="",
                        ELASTICSEARCH_URL="", REDIS_URL="", LOG_LEVEL="WARNING",
                        ALLOWED_HOSTS="127.0.0.1")  # fmt: skip
    import django

    django.setup()
    from django.core.management import call_command

    from heritage.models import Piece

    call_command("migrate", "--noinput", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    if not Piece.objects.exists():
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    rows = {}
    server = serve_demo(checkout, demo)
    try:
        paths = demo_paths()
        answers_200(DEMO_PORT, paths, PROXY)
        print(f"== load: the demo's bread pages ({len(paths)} URLs)", flush=True)
        rows["Wagtail demo: bread page"] = load(wrk, paths, args.duration, CONNECTIONS,
                                                DEMO_PORT, PROXY)  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=60)
    ours = Server(GUNICORN_WORKERS=str(WORKERS), REDIS_URL="", PAGE_CACHE_SECONDS="0")
    try:
        paths = piece_paths()
        answers_200(PORT, paths)
        print(f"== load: Retorno's piece pages ({len(paths)} URLs)", flush=True)
        rows["Retorno: piece page"] = load(wrk, paths, args.duration, CONNECTIONS)
    finally:
        ours.stop()

    print(f"\nPostgreSQL, gunicorn {WORKERS} workers each, no Redis (no page cache), "
          f"wrk {CONNECTIONS} connections × {args.duration} s, demo data\n")  # fmt: skip
    print("| page                     |  req/s |  p50 ms |  p95 ms |  p99 ms | errors |")
    print("|--------------------------|--------|---------|---------|---------|--------|")
    for name, row in rows.items():
        print(f"| {name:24s} | {row['requests_per_s']:6d} | {row['p50_ms']:7.1f} | "
              f"{row['p95_ms']:7.1f} | {row['p99_ms']:7.1f} | {row['errors']:6d} |")  # fmt: skip
    ratio = (
        rows["Retorno: piece page"]["requests_per_s"]
        / rows["Wagtail demo: bread page"]["requests_per_s"]
    )
    print(f"\nthroughput ratio (Retorno / demo): {ratio:.2f}× (issue 13's goal: ≥ 1.5×)")
    write_results("wagtail-demo", {"rows": rows, "ratio": round(ratio, 2)})


if __name__ == "__main__":
    main()
