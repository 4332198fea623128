"""``/healthz``: is this app server able to serve? For load balancers and orchestrators.

It checks what every page needs (the database and the cache) and nothing slow: a load balancer
calls it every few seconds on every server. 200 with ``{"status": "ok"}`` when both answer, 503
naming what failed otherwise. Never cached, needs no login, reveals no configuration.
"""

from __future__ import annotations

import logging
import time
import uuid

from django.core.cache import cache
from django.db import connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def check_database(alias: str = "default") -> None:
    """Raise if the database does not answer a trivial query."""
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    """Raise if a value written to the cache cannot be read back."""
    key = f"newsroom:healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    try:
        if cache.get(key) != "ok":
            raise RuntimeError("the cache did not return what was written")
    finally:
        cache.delete(key)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database and the cache answer, 503 (naming which did not) otherwise."""
    checks: dict[str, str] = {}
    started = time.perf_counter()
    for name, check in (("database", check_database), ("cache", check_cache)):
        try:
            check()
            checks[name] = "ok"
        except Exception:  # any failure means "do not send traffic here"
            logger.exception("health check %s failed", name)
            checks[name] = "error"
    healthy = all(value == "ok" for value in checks.values())
    body = {
        "status": "ok" if healthy else "error",
        "checks": checks,
        "ms": round((time.perf_counter() - started) * 1000, 1),
    }
    return JsonResponse(body, status=200 if healthy else 503)
