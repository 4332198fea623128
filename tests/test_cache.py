"""Cached public pages are never stale: every change readers could see shows at once."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import cache as page_cache
from articles.counts import counted
from articles.models import Article, Tag
from newsroom import routers
from newsroom.routers import PrimaryReplicaRouter, public_reads
from tests.test_views import make_articles

pytestmark = pytest.mark.django_db


def get(client, url: str, **extra):
    response = client.get(url, **extra)
    return response, response.content.decode()


@pytest.fixture
def story(db) -> Article:
    make_articles(1)
    return Article.objects.get(slug="story-0")


def pages(article: Article) -> list[str]:
    return [
        "/",
        article.get_absolute_url(),
        reverse("articles:tag", args=["topic-0"]),
        reverse("articles:source", args=[article.source.domain]),
    ]


def test_second_visit_is_served_from_the_cache_without_queries(client, story):
    first, _ = get(client, story.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second, html = get(client, story.get_absolute_url())
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert "Story 0" in html
    assert second["ETag"] == first["ETag"]
    assert second["Last-Modified"] == first["Last-Modified"]


class CountCalls:
    """A middleware that counts the requests it sees (placed last, next to the views)."""

    calls = 0

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        CountCalls.calls += 1
        return self.get_response(request)


def test_a_hit_runs_no_other_middleware_and_keeps_their_headers(client, story, settings):
    """The cache is the first middleware: a hit answers before sessions, CSRF, auth or CSP
    run, with the security headers the stack gave the page when it was stored."""
    assert settings.MIDDLEWARE[0] == "articles.cache.PublicPageCacheMiddleware"
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.CountCalls"]
    CountCalls.calls = 0
    first, _ = get(client, story.get_absolute_url())
    second, _ = get(client, story.get_absolute_url())
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert CountCalls.calls == 1
    for header in (
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "X-Frame-Options",
    ):
        assert second[header] == first[header], header


def test_plain_http_is_redirected_not_served_from_the_cache(client, story, settings):
    """A page stored before the site turned on its HTTPS redirect is not served over HTTP:
    the cache sits above ``SecurityMiddleware``, so it checks the redirect itself."""
    url = story.get_absolute_url()
    assert get(client, url)[0]["X-Page-Cache"] == "miss"
    assert get(client, url)[0]["X-Page-Cache"] == "hit"
    settings.SECURE_SSL_REDIRECT = True
    restarted = Client()  # middleware reads the setting when it is loaded
    response, _ = get(restarted, url)
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
    secure, _ = get(restarted, url, secure=True)
    assert secure.status_code == 200


def test_article_page_queries_cold_and_warm(client, story):
    """The issue's budget: at most 6 queries with an empty cache (and one for the header's
    sections, read once a generation for every page: issue 16), fewer once cached."""
    with CaptureQueriesContext(connection) as cold:
        assert client.get(story.get_absolute_url()).status_code == 200
    with CaptureQueriesContext(connection) as warm:
        assert client.get(story.get_absolute_url()).status_code == 200
    assert len(cold) <= 7
    assert len(warm) < len(cold)


def test_conditional_get_gives_304(client, story):
    first, _ = get(client, "/")
    again = client.get("/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    later = client.get("/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert later.status_code == 304


def test_edit_shows_at_once_everywhere(client, story):
    for url in pages(story):
        assert "Story 0" in get(client, url)[1]
    story.headline = "Corrected headline"
    story.save()
    for url in pages(story):
        _, html = get(client, url)
        assert "Corrected headline" in html, url
        assert "Story 0" not in html, url


def test_publish_shows_at_once(client, story):
    story.status = Article.Status.DRAFT
    story.save()
    assert "Story 0" not in get(client, "/")[1]
    assert client.get(story.get_absolute_url()).status_code == 404
    story.status = Article.Status.PUBLISHED
    story.save()
    assert "Story 0" in get(client, "/")[1]
    assert client.get(story.get_absolute_url()).status_code == 200


def test_withdraw_and_unpublish_show_at_once(client, story):
    for url in pages(story):
        assert "Story 0" in get(client, url)[1]
    story.status = getattr(Article.Status, "WITHDRAWN", Article.Status.DRAFT)
    story.save()
    for url in pages(story):
        response, html = get(client, url)
        assert "Story 0" not in html or response.status_code in (404, 410), url
    assert client.get(story.get_absolute_url()).status_code in (404, 410)


def test_queryset_update_needs_the_explicit_invalidation(client, story):
    assert "Story 0" in get(client, "/")[1]
    Article.objects.filter(pk=story.pk).update(status=Article.Status.DRAFT)
    page_cache.invalidate_public_pages()
    assert "Story 0" not in get(client, "/")[1]


def test_tag_changes_show_at_once(client, story):
    tag_url = reverse("articles:tag", args=["topic-0"])
    assert "Story 0" in get(client, tag_url)[1]
    story.tags.remove(Tag.objects.get(slug="topic-0"))
    assert "Story 0" not in get(client, tag_url)[1]
    tag = Tag.objects.get(slug="topic-1")
    tag.name = "Renamed Topic"
    tag.save()
    assert "Renamed Topic" in get(client, story.get_absolute_url())[1]


def test_import_shows_at_once(client, reference_seed, tmp_path: Path):
    assert "Kerry" not in get(client, "/")[1]
    call_command("import_seeds", str(reference_seed), verbosity=0)
    assert "John Kerry defends diplomacy" in get(client, "/")[1]
    article = Article.objects.get()
    url = article.get_absolute_url()
    assert "Russia blames the United States" in get(client, url)[1]
    lines = reference_seed.read_text(encoding="utf-8").splitlines()
    lines[3] = "A new standfirst from the wire."
    changed = tmp_path / "changed.txt"
    changed.write_text("\n".join(lines), encoding="utf-8")
    call_command("import_seeds", str(changed), verbosity=0)
    assert "A new standfirst from the wire." in get(client, url)[1]


def test_scheduled_article_appears_on_time_without_waiting(client, story, monkeypatch):
    now = timezone.now()
    later = make_scheduled(now + dt.timedelta(hours=1))
    response, html = get(client, "/")
    assert "Scheduled story" not in html and response["X-Page-Cache"] == "miss"
    assert get(client, "/")[0]["X-Page-Cache"] == "hit"  # cached, but only until then
    assert client.get(later.get_absolute_url()).status_code == 404
    monkeypatch.setattr(timezone, "now", lambda: now + dt.timedelta(hours=1, seconds=1))
    assert "Scheduled story" in get(client, "/")[1]
    assert client.get(later.get_absolute_url()).status_code == 200


def test_cache_timeout_stops_at_next_publication(story):
    generation = page_cache.current_generation()
    assert page_cache.seconds_until_next_publication(generation) is None
    make_scheduled(timezone.now() + dt.timedelta(seconds=90))
    generation = page_cache.current_generation()  # the save above started a new generation
    seconds = page_cache.seconds_until_next_publication(generation)
    assert seconds is not None and 0 < seconds <= 90


def test_a_page_asks_the_cache_for_the_generation_once(client, story, monkeypatch):
    """A page the cache does not serve (a session cookie) still reads the generation once,
    and the values kept per generation (its list's length, the header's sections) from this
    process's copy after the first request, not from the cache again."""
    reads = []
    read_generation = page_cache._read_generation
    monkeypatch.setattr(
        page_cache, "_read_generation", lambda: reads.append(1) or read_generation()
    )
    client.cookies["sessionid"] = "no-such-session"
    for url in ("/latest/", "/", story.get_absolute_url(), "/latest/"):
        reads.clear()
        assert client.get(url).status_code == 200
        assert len(reads) == 1, url
    gets = []
    backend = page_cache.caches["default"]
    original = backend.get
    monkeypatch.setattr(backend, "get", lambda *a, **k: gets.append(a[0]) or original(*a, **k))
    assert client.get("/latest/").status_code == 200
    assert [key for key in gets if key != page_cache.GENERATION_KEY] == []


def test_this_process_keeps_a_bounded_number_of_values(story, monkeypatch):
    monkeypatch.setattr(page_cache, "PROCESS_MEMO_ENTRIES", 5)
    for i in range(12):
        counted(f"test:many:{i}", lambda: 1)
    assert len(page_cache._process_memo) <= 5


def test_values_kept_in_this_process_are_as_fresh_as_the_cache(story):
    """``counted`` keeps a list's length in this process too: a change still shows at once,
    and so does a scheduled article that comes due."""
    assert counted("test:list", lambda: 1) == 1
    assert counted("test:list", lambda: 2) == 1  # this generation's, kept
    page_cache.invalidate_public_pages()
    assert counted("test:list", lambda: 2) == 2
    soon = timezone.now() + dt.timedelta(seconds=30)
    make_scheduled(soon)
    assert counted("test:list", lambda: 3) == 3
    later = soon + dt.timedelta(seconds=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(page_cache.timezone, "now", lambda: later)
        assert counted("test:list", lambda: 4) == 4  # it came due: a new count


def make_scheduled(when: dt.datetime) -> Article:
    article = Article.objects.get(slug="story-0")
    article.pk = None
    article._state.adding = True
    article.slug = "scheduled-story"
    article.headline = "Scheduled story"
    article.original_url = "https://example.com/world/scheduled-story"
    article.published_at = when
    article.save()
    return article


def test_logged_in_users_are_never_served_or_stored(client, story, django_user_model):
    get(client, "/")  # cached for anonymous readers
    user = django_user_model.objects.create_user("ed", password="x", is_staff=True)
    client.force_login(user)
    response = client.get("/")
    assert "X-Page-Cache" not in response
    client.logout()


def test_requests_with_messages_are_not_cached(client, story):
    client.cookies["messages"] = "something"
    assert "X-Page-Cache" not in client.get("/")


def test_admin_and_healthz_are_not_cached(admin_client, client, story):
    assert "X-Page-Cache" not in admin_client.get(reverse("admin:index"))
    response = client.get("/healthz")
    assert "X-Page-Cache" not in response
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_missing_pages_are_not_cached(client, story):
    assert client.get("/articles/nope/").status_code == 404
    assert "X-Page-Cache" not in client.get("/articles/nope/")


def test_responses_that_set_cookies_or_touch_the_session_are_not_stored():
    request = RequestFactory().get("/")
    response = HttpResponse("x")
    assert page_cache._cacheable_response(request, response)
    response.set_cookie("c", "1")
    assert not page_cache._cacheable_response(request, response)
    private = HttpResponse("x")
    private["Cache-Control"] = "private"
    assert not page_cache._cacheable_response(request, private)


def test_the_router_sends_public_reads_to_the_replica_and_writes_to_the_primary(monkeypatch):
    router = PrimaryReplicaRouter()
    with public_reads():  # no separate replica configured: everything reads the primary
        assert router.db_for_read(Article) == "default"
    monkeypatch.setattr(routers, "_replica_is_separate", lambda: True)
    assert router.db_for_read(Article) == "default"
    with public_reads():
        assert router.db_for_read(Article) == "replica"
        assert router.db_for_write(Article) == "default"
    assert router.db_for_read(Article) == "default"
    assert router.allow_migrate("default", "articles")
    assert not router.allow_migrate("replica", "articles")


def test_a_broken_cache_serves_pages_uncached(client, story, monkeypatch):
    def down(key: str) -> tuple[str, None]:
        raise ConnectionError("cache down")

    monkeypatch.setattr(page_cache, "_generation_and_entry", down)
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_local_memory_cache_shares_the_generation_between_processes(client, story):
    """With the per-process local-memory cache, another process (a second gunicorn worker, an
    import run) bumps the generation through a file every process on the host reads."""
    if not page_cache._uses_local_memory():
        pytest.skip("the generation lives in the shared cache")
    get(client, "/")
    assert get(client, "/")[0]["X-Page-Cache"] == "hit"
    page_cache._generation_file().write_text("bumped-by-another-process")
    assert page_cache.current_generation() == "bumped-by-another-process"
    assert get(client, "/")[0]["X-Page-Cache"] == "miss"


# -- the Redis backend ---------------------------------------------------------------------------


def test_the_redis_backend_keeps_one_client_per_pool_and_works():
    """``newsroom.cache.RedisCache`` (production's backend) reuses its ``redis.Redis`` client:
    Django's makes one per call, a third of a cached page's CPU. Redis runs on every machine
    this suite runs on; without it the test fails in CI and is skipped elsewhere."""
    import socket

    from newsroom.cache import RedisCache

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Redis is not answering on 127.0.0.1:6379")
        pytest.skip("no Redis on 127.0.0.1:6379")
    backend = RedisCache("redis://127.0.0.1:6379/13", {"KEY_PREFIX": "newsroom-test-client"})
    client = backend._cache.get_client()
    assert backend._cache.get_client() is client
    assert backend._cache.get_client(write=True) is client  # one server: one pool
    backend.set("page", {"content": b"<p>hello</p>"}, 30)
    assert backend.get_many(["page", "missing"]) == {"page": {"content": b"<p>hello</p>"}}
    backend.delete("page")
    assert backend.get("page") is None
