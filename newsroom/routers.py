"""Reads for the public site go to the read replica; everything else stays on the primary.

Only requests that :class:`articles.cache.PublicPageCacheMiddleware` renders for anonymous readers
are marked "public" (a context variable, so it follows the request in threads and async code).
Editors, the admin, imports and health checks always read the primary, so nobody sees their own
change missing because the replica lags.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import connections, models

_public_read: ContextVar[bool] = ContextVar("newsroom_public_read", default=False)


@contextmanager
def public_reads() -> Iterator[None]:
    """Inside this block, reads may be served by the replica."""
    token = _public_read.set(True)
    try:
        yield
    finally:
        _public_read.reset(token)


def _replica_is_separate() -> bool:
    """False when "replica" is the primary under another name: the same server and database, as
    in the test suite, where it is a test mirror of "default" (and reading "default" keeps each
    test's transaction and database-access rules)."""
    if "replica" not in connections.settings:
        return False
    keys = ("HOST", "PORT", "NAME")
    replica, primary = connections["replica"].settings_dict, connections["default"].settings_dict
    return any(str(replica.get(k)) != str(primary.get(k)) for k in keys)


class PrimaryReplicaRouter:
    """``DATABASE_ROUTERS`` entry used when ``DATABASE_REPLICA_URL`` is set."""

    def db_for_read(self, model: type[models.Model], **hints: Any) -> str:
        return "replica" if _public_read.get() and _replica_is_separate() else "default"

    def db_for_write(self, model: type[models.Model], **hints: Any) -> str:
        return "default"

    def allow_relation(self, obj1: models.Model, obj2: models.Model, **hints: Any) -> bool:
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"  # the replica follows the primary's schema by replication
