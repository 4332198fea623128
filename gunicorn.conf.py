"""gunicorn settings for Newsroom (``gunicorn -c gunicorn.conf.py``), overridable from the
environment so that the same file serves a laptop, a benchmark and each production app server.

Workers default to 2 x CPU + 1 with a database server (PostgreSQL: a sync worker waits for each
query, and another can use the CPU meanwhile) and CPU + 1 with the embedded SQLite, whose reads
are calls into the worker's own process: more workers than that only take turns on the same
cores, evicting each other's caches. WEB_CONCURRENCY overrides it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Mapping

wsgi_app = "newsroom.wsgi:application"
bind = os.environ.get(
    "GUNICORN_BIND", f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
)


def default_workers(environ: Mapping[str, str]) -> int:
    """Sync workers for this machine: see the module's docstring."""
    cores = multiprocessing.cpu_count()
    database_server = environ.get("DATABASE_URL", "").startswith(("postgres", "postgis"))
    return cores * 2 + 1 if database_server else cores + 1


workers = int(os.environ.get("WEB_CONCURRENCY") or default_workers(os.environ))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))  # a stuck request is killed after this
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))  # behind a load balancer: keep > 2
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "1000"))
# "-" is stdout (collected by the process manager); GUNICORN_ACCESS_LOG="" turns it off, which
# the benchmark does so that logging is not what it measures.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# gunicorn 27 otherwise opens a control socket in ~/.gunicorn: app servers may have no writable
# home, and nothing here uses it (same as --no-control-socket).
control_socket_disable = True
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# The application is loaded, and warmed (URLs, templates: newsroom.wsgi.warm_up), once in the
# master process; workers are forked from it, so each one, including every replacement for a
# worker recycled after max_requests, serves its first page as fast as the next. Nothing opens
# a database or cache connection before the fork: Django connects lazily, in each worker.
preload_app = True


def when_ready(server: object) -> None:
    if os.environ.get("BENCH_BARE") == "1":  # make bench's floor: not Newsroom (bench/bare.py)
        return
    from newsroom.wsgi import warm_up

    warm_up()
