"""Whole-page caching for the reader's site, never stale.

Every public page is rendered once per *generation* and kept in the configured cache (Redis in
production). Any change to what readers can see (any row of the ``articles`` app or taggit saved
or deleted, tags added or removed) bumps the generation, so every page is fresh at once without
knowing which pages showed the changed row. Code that writes with ``QuerySet.update()`` (no
signals) calls :func:`invalidate_public_pages` itself.

Scheduled articles (live status, dated in the future) appear on their own: a page is never kept past
the next scheduled publication time.

Where the generation lives: in the cache when the cache is shared (Redis, Memcached, the database,
files); with the per-process local-memory cache it lives in a small file instead, so that two
gunicorn workers and an ``import_seeds`` run on the same host all see the same generation.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, URLResolver, get_resolver
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from articles.models import Article
from newsroom.routers import public_reads

logger = logging.getLogger(__name__)
GENERATION_KEY = "newsroom:pages:generation"
PAGE_KEY_PREFIX = "newsroom:page"
NEXT_PUBLICATION_KEY = "newsroom:pages:next-publication"
# Pages live at most this long even when nothing changes (a safety net, not a freshness rule).
DEFAULT_PAGE_SECONDS = int(getattr(settings, "PAGE_CACHE_SECONDS", 600))
CACHED_NAMESPACES = frozenset(getattr(settings, "PAGE_CACHE_NAMESPACES", ["articles"]))
_NO_SCHEDULED = "none"
# The generation when it cannot be read (the cache is down): nothing is kept under it.
LOST_GENERATION = "lost"
LIVE_STATUSES = tuple(getattr(Article, "LIVE_STATUSES", (Article.Status.PUBLISHED,)))


# -- the generation ------------------------------------------------------------------------------


def _uses_local_memory() -> bool:
    # ``cache`` is a proxy: ask the backend object itself.
    return isinstance(caches["default"], LocMemCache)


def _generation_file() -> Path:
    configured = getattr(settings, "PAGE_GENERATION_FILE", "")
    if configured:
        return Path(configured)
    database = str(settings.DATABASES["default"].get("NAME", ""))
    tag = hashlib.sha256(f"{settings.BASE_DIR}|{database}".encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"newsroom-pages-{tag}.generation"


# What one request has already asked the cache: the generation, and the next publication of
# that generation. A list page asked for them three to five times (its count, the header's
# sections, the page itself), each a round trip to Redis. Set by the page cache's middleware
# for every request; a bump forgets it.
_request_memo: ContextVar[dict[Any, str] | None] = ContextVar("pages_request_memo", default=None)


def current_generation() -> str:
    """The token every cached page key includes; a new one means every page is stale."""
    memo = _request_memo.get()
    if memo is not None and "generation" in memo:
        return memo["generation"]
    generation = _read_generation()
    if memo is not None:
        memo["generation"] = generation
    return generation


def _read_generation() -> str:
    if _uses_local_memory():
        try:
            return _generation_file().read_text() or _start_generation()
        except OSError:
            return _start_generation()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # A fresh random start: if the key was evicted, pages of an older generation stay dead.
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        generation = cache.get(GENERATION_KEY) or LOST_GENERATION
    return str(generation)


def _start_generation() -> str:
    _bump()
    try:
        return _generation_file().read_text() or LOST_GENERATION
    except OSError:
        return LOST_GENERATION


def _bump() -> None:
    if (memo := _request_memo.get()) is not None:
        memo.clear()
    token = uuid.uuid4().hex
    if _uses_local_memory():
        path = _generation_file()
        temporary = path.with_name(f"{path.name}.{os.getpid()}.{token}")
        try:
            temporary.write_text(token)
            os.replace(temporary, path)
        except OSError:
            cache.clear()  # cannot share the generation: drop this process's pages instead
        return
    cache.set(GENERATION_KEY, token, timeout=None)


def invalidate_public_pages(using: str | None = None) -> None:
    """Make every cached public page stale, now and again when the current transaction commits.

    The immediate bump covers code running outside a transaction; the one on commit covers a
    reader who rendered the old rows between the bump and the commit. Inside
    :func:`invalidate_once` it is noted, and done once when the block ends.
    """
    pending = _pending.get()
    if pending is not None:
        pending.add(using)
        return
    _bump()
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and not any(
        func is _bump for _sids, func, _robust in connection.run_on_commit
    ):
        transaction.on_commit(_bump, using=using)


_pending: ContextVar[set[str | None] | None] = ContextVar("pages_pending", default=None)


@contextmanager
def invalidate_once() -> Iterator[None]:
    """Invalidate once for a block of writes (an import writes dozens of rows per article)."""
    if _pending.get() is not None:  # an outer block invalidates
        yield
        return
    pending: set[str | None] = set()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
        for using in pending:
            invalidate_public_pages(using)


# Any row of these apps can show on a public page (articles, quotes, tags, sources, speakers,
# corrections...); a save of anything else (sessions, users, log entries) changes no page.
WATCHED_APPS = frozenset({"articles", "taggit", "flatpages"})  # flatpages: About, Contact...


def _on_change(sender: type, **kwargs: Any) -> None:
    if sender._meta.app_label in WATCHED_APPS:
        invalidate_public_pages(kwargs.get("using"))


def _on_m2m_change(sender: type, action: str, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear") and (
        sender._meta.app_label in WATCHED_APPS
    ):
        invalidate_public_pages(kwargs.get("using"))


def connect_signals() -> None:
    """Called from ``ArticlesConfig.ready`` so every process (web, ``import_seeds``, shell)
    invalidates; connecting twice is harmless."""
    post_save.connect(_on_change, dispatch_uid="newsroom-pages-save")
    post_delete.connect(_on_change, dispatch_uid="newsroom-pages-delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="newsroom-pages-m2m")


connect_signals()


# -- scheduled publications ----------------------------------------------------------------------


def seconds_until_next_publication(generation: str) -> float | None:
    """Seconds until the earliest article that is published but dated in the future goes
    public, or None when none is scheduled. Remembered per generation, so one query per change."""
    stored = _next_publication(generation)
    if stored == _NO_SCHEDULED:
        return None
    return max(0.0, float(stored) - timezone.now().timestamp())


def _next_publication(generation: str) -> str:
    """The timestamp of the next scheduled publication (``seconds_until_next_publication``),
    as remembered, or ``_NO_SCHEDULED``."""
    key = f"{NEXT_PUBLICATION_KEY}:{generation}"
    now = timezone.now()
    memo = _request_memo.get()
    stored = memo.get(key) if memo is not None else None
    if stored is None:
        stored = remembered(key)
    if stored is None:
        stored = cache.get(key)
    if stored is None or (stored != _NO_SCHEDULED and float(stored) <= now.timestamp()):
        upcoming = (
            Article.objects.filter(status__in=LIVE_STATUSES, published_at__gt=now)
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )
        stored = _NO_SCHEDULED if upcoming is None else str(upcoming.timestamp())
        cache.set(key, stored, timeout=DEFAULT_PAGE_SECONDS)
    if memo is not None:
        memo[key] = str(stored)
    remember(key, str(stored), DEFAULT_PAGE_SECONDS)
    return str(stored)


# -- keys as fresh as the pages -------------------------------------------------------------------


def fresh_key(kind: str, name: str) -> str:
    """A cache key for what the thing called ``name`` shows readers now: good for the
    current generation and until the next scheduled publication (which changes what readers
    see with no write), and never after either."""
    generation = current_generation()
    upcoming = _next_publication(generation)
    digest = hashlib.sha256(name.encode()).hexdigest()[:32]
    return f"newsroom:{kind}:{generation}:{upcoming}:{digest}"


# -- this process's copy of what is kept per generation ----------------------------------------

# Values kept in the cache under a generation's key (a list's length, the header's sections)
# are read by most requests: each read was a round trip to Redis and an unpickling. Their key
# names their generation, so a copy in this process's memory is exactly as fresh as the cache's
# (a new generation is a new key), as long as it also expires when the cache's copy does (the
# next scheduled publication). Only the current generation's values are kept, and at most
# PROCESS_MEMO_ENTRIES of them (a crawler reading every tag page's count in one generation).
PROCESS_MEMO_ENTRIES = 10_000
_process_memo: dict[str, tuple[float, Any]] = {}
_process_memo_generation = ""


def remembered(key: str) -> Any:
    """This process's copy of the cache's value under ``key`` (of the current generation), or
    None."""
    found = _process_memo.get(key)
    if found is None or found[0] <= time.monotonic():
        return None
    return found[1]


def remember(key: str, value: Any, seconds: float) -> None:
    """Keep ``value`` (not to be changed by anyone) for ``seconds`` at most, as ``key``."""
    global _process_memo_generation
    generation = current_generation()
    if generation == LOST_GENERATION:  # a change now would not be seen: keep nothing
        return
    if generation != _process_memo_generation or len(_process_memo) >= PROCESS_MEMO_ENTRIES:
        _process_memo.clear()
        _process_memo_generation = generation
    _process_memo[key] = (time.monotonic() + seconds, value)


# -- the middleware ------------------------------------------------------------------------------


def _cacheable_request(request: HttpRequest) -> bool:
    """Anonymous GET/HEAD with no session, no messages and no credentials, over HTTPS when
    the site redirects plain HTTP (the cache sits above ``SecurityMiddleware``, which does)."""
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SECURE_SSL_REDIRECT and not request.is_secure():
        return False
    cookies = request.COOKIES
    if (
        settings.SESSION_COOKIE_NAME in cookies
        or getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in cookies
    ):
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def _cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if "Cookie" in response.get("Vary", "") or "Set-Cookie" in response:
        return False
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control:
        return False
    session = getattr(request, "session", None)
    return not (session is not None and (session.accessed or session.modified))


# The query parameters the reader's pages read: a list's ``page`` (or ``before``/``after``, an
# article id: only real ones are pages), the search's ``q``, ``sort`` and ``section``, the
# quotes page's ``speaker`` and ``tag``. A page's key holds only these, so any other parameter
# (``?utm_source=``, ``?fbclid=``, made-up ones), which changes nothing on the page, neither
# misses the cached page nor makes an entry of its own: a reader cannot fill the cache with
# ``/?x=1``, ``/?x=2``... A view that reads another parameter must be added here (a test
# records what the views read).
PAGE_QUERY_PARAMETERS = frozenset(
    {"page", "before", "after", "q", "section", "sort", "speaker", "tag"}
)
# The content API's (articles/api/views.py): its filters, cursor and page size.
API_QUERY_PARAMETERS = frozenset(
    {"cursor", "page_size", "q", "section", "tag", "source", "speaker", "article", "since", "until"}
)
QUERY_PARAMETERS = {"articles": PAGE_QUERY_PARAMETERS, "api": API_QUERY_PARAMETERS}


_NUMBERS = frozenset({"page", "before", "after"})


def _short_number(text: str) -> bool:
    return text.isdecimal() and len(text) <= 18


def _page_key(request: HttpRequest, namespace: str = "articles") -> str:
    # Host and scheme are part of the page (absolute links); ALLOWED_HOSTS has vetted the host.
    read = [
        # ``?page=007`` is page 7: one entry, not one per number of zeros.
        (name, str(int(value)) if name in _NUMBERS and _short_number(value) else value)
        for name, values in sorted(request.GET.lists())
        if name in QUERY_PARAMETERS.get(namespace, PAGE_QUERY_PARAMETERS)
        for value in values
    ]
    query = f"?{urlencode(read)}" if read else ""
    url = f"{request.scheme}://{request.get_host()}{request.path}{query}"
    return f"{PAGE_KEY_PREFIX}:{hashlib.sha256(url.encode()).hexdigest()}"


def _generation_and_entry(key: str) -> tuple[str, dict[str, Any] | None]:
    """The current generation and the stored page, in one round trip to a shared cache."""
    if _uses_local_memory():
        return current_generation(), cache.get(key)
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        return current_generation(), None
    if (memo := _request_memo.get()) is not None:
        memo["generation"] = str(generation)
    return str(generation), found.get(key)


def _response_from(entry: dict[str, Any]) -> HttpResponse:
    response = HttpResponse(entry["content"], content_type=entry["content_type"])
    for header, value in entry["headers"]:
        response[header] = value
    return response


def _public_match(request: HttpRequest) -> str | None:
    """The URL namespace of a page the cache keeps (None: not one)."""
    return _cached_namespace(get_resolver(getattr(request, "urlconf", None)), request.path_info)


@lru_cache(maxsize=2048)
def _cached_namespace(resolver: URLResolver, path: str) -> str | None:
    """Resolving a path (again: Django resolves it once more for the view) was an eighth of a
    cached page's time; the readers' busy pages are few. Keyed by the resolver, which
    ``clear_url_caches()`` replaces, so a changed URLconf is never answered from here."""
    try:
        match = resolver.resolve(path)
    except Resolver404:
        return None
    return match.namespace if match.namespace in CACHED_NAMESPACES else None


_NOT_STORED_HEADERS = frozenset({"set-cookie", "x-page-cache", "content-type"})


class PublicPageCacheMiddleware:
    """Serves the reader's pages (URL namespaces in ``PAGE_CACHE_NAMESPACES``) from the cache.

    First in ``MIDDLEWARE``, so a hit runs no other middleware (security headers, sessions,
    CSRF, auth, messages, CSP): a hit, its one round trip to the cache included, costs what an
    empty view behind that middleware costs (``make bench``). A miss runs the whole stack and
    the page is stored with every header the stack gave it, security headers and CSP included,
    which a hit sends again. Requests with a session or messages cookie or credentials, other
    URLs (admin, /healthz) and responses that set cookies or touch the session are never
    stored.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request_memo.set({})
        try:
            return self._respond(request)
        finally:
            _request_memo.reset(token)

    def _respond(self, request: HttpRequest) -> HttpResponse:
        namespace = _public_match(request) if _cacheable_request(request) else None
        if DEFAULT_PAGE_SECONDS <= 0 or namespace is None:
            return self.get_response(request)
        key = _page_key(request, namespace)
        try:
            generation, entry = _generation_and_entry(key)
        except Exception:  # the cache is down: serve the page uncached rather than fail
            logger.exception("page cache unavailable")
            return self.get_response(request)
        # A page is good for the generation it was rendered in, and is checked against Django's
        # clock as well as the cache's TTL, so it never outlives the next scheduled publication.
        if (
            entry is not None
            and entry["generation"] == generation
            and entry["expires"] > timezone.now().timestamp()
        ):
            response = _response_from(entry)
            response["X-Page-Cache"] = "hit"
            return get_conditional_response(
                request,
                etag=response.get("ETag"),
                last_modified=entry["last_modified"],
                response=response,
            )
        with public_reads():
            response = self.get_response(request)
            if not _cacheable_response(request, response):
                return response
            until_next = seconds_until_next_publication(generation)
        timeout: float = DEFAULT_PAGE_SECONDS
        if until_next is not None:
            timeout = min(timeout, until_next)
        content = response.content
        if not response.has_header("ETag"):
            response["ETag"] = f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'
        last_modified = int(time.time())
        response["Last-Modified"] = http_date(last_modified)
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        if timeout >= 1:
            entry = {
                "content": content,
                "content_type": response["Content-Type"],
                "headers": [
                    (name, value)
                    for name, value in response.items()
                    if name.lower() not in _NOT_STORED_HEADERS
                ],
                "expires": timezone.now().timestamp() + timeout,
                "generation": generation,
                "last_modified": last_modified,
            }
            try:
                cache.set(key, entry, timeout=int(timeout))
            except Exception:
                logger.exception("page cache unavailable")
        response["X-Page-Cache"] = "miss"
        return response
