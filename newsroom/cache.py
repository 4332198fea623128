"""Django's Redis cache backend, keeping its ``redis.Redis`` clients, and missing rather than
failing when Redis is down.

Django's ``RedisCacheClient`` makes a new ``redis.Redis`` for every cache call, and redis-py
builds a table of about 165 response callbacks for each: a third of the CPU a cached page costs
(0.16 of 0.54 ms here). A client is only a thin, thread-safe handle on its connection pool, so
one per pool is kept and reused; the pools themselves are Django's, unchanged (and redis-py
resets a pool in a forked process).

The cache holds only what can be computed again (pages, counts, the page generation), so when
Redis cannot be reached every read is a miss and every write is dropped, and the site serves
uncached pages instead of errors (``/healthz`` still answers 503, which tells the operator).
After a failure this process does not try Redis again for ``RETRY_SECONDS``: each attempt
against an unreachable host waits for the connection timeout, several times per page. Counters
(``incr``/``decr``) and ``clear`` still raise: there is no value to pretend for them.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends import redis as django_redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
RETRY_SECONDS = 5.0
T = TypeVar("T")


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._client(connection_pool=self._get_connection_pool(write))
            self._clients[index] = client
        return client


class RedisCache(django_redis.RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` with :class:`RedisCacheClient`, whose
    reads miss and writes are dropped while Redis cannot be reached."""

    def __init__(self, server: str | list[str], params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
        self._down_until = 0.0

    def _unless_down(self, call: Callable[[], T], instead: T) -> T:
        if time.monotonic() < self._down_until:
            return instead
        try:
            result = call()
        except (RedisConnectionError, RedisTimeoutError):
            if not self._down_until:
                logger.exception("the cache is unreachable: serving without it")
            self._down_until = time.monotonic() + RETRY_SECONDS
            return instead
        if self._down_until:
            logger.warning("the cache answers again")
            self._down_until = 0.0
        return result

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._unless_down(
            lambda: super(RedisCache, self).get(key, default, version), default
        )

    def get_many(self, keys: Any, version: int | None = None) -> dict[Any, Any]:
        return self._unless_down(lambda: super(RedisCache, self).get_many(keys, version), {})

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._unless_down(lambda: super(RedisCache, self).has_key(key, version), False)

    def set(self, *args: Any, **kwargs: Any) -> None:
        self._unless_down(lambda: super(RedisCache, self).set(*args, **kwargs), None)

    def add(self, *args: Any, **kwargs: Any) -> bool:
        return self._unless_down(lambda: super(RedisCache, self).add(*args, **kwargs), False)

    def set_many(self, data: dict[Any, Any], *args: Any, **kwargs: Any) -> list[Any]:
        return self._unless_down(
            lambda: super(RedisCache, self).set_many(data, *args, **kwargs), list(data)
        )

    def touch(self, *args: Any, **kwargs: Any) -> bool:
        return self._unless_down(lambda: super(RedisCache, self).touch(*args, **kwargs), False)

    def delete(self, *args: Any, **kwargs: Any) -> bool:
        return self._unless_down(lambda: super(RedisCache, self).delete(*args, **kwargs), False)

    def delete_many(self, *args: Any, **kwargs: Any) -> None:
        self._unless_down(lambda: super(RedisCache, self).delete_many(*args, **kwargs), None)
