"""When Redis is down the site serves uncached pages, never errors; /healthz says it is down."""

from __future__ import annotations

import socket

import pytest
from django.core.cache import caches
from django.urls import reverse

from articles import cache as page_cache
from articles.counts import counted
from articles.models import Article
from tests.test_views import make_articles

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens once the probe is closed


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    caches["default"]._down_until = 0.0
    yield caches["default"]
    caches["default"].close()


def reader_urls() -> list[str]:
    article = Article.objects.get(slug="story-0")
    return [
        "/",
        "/latest/",
        article.get_absolute_url(),
        reverse("articles:tag", args=["topic-0"]),
        reverse("articles:section", args=["world"]),
        "/sections/",
        "/tags/",
        "/speakers/",
        "/quotes/",
        "/search/?q=story",
        "/feed/",
        "/sitemap.xml",
        "/api/v1/articles/",
    ]


def test_pages_are_served_uncached_while_redis_is_down(client, redis_down):
    make_articles(3)
    for url in reader_urls():
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200, url
            assert response.get("X-Page-Cache") != "hit", url


def test_healthz_says_the_cache_is_down(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "error"}


def test_nothing_is_kept_under_a_generation_that_could_not_be_read(redis_down):
    """With the generation unknown, a change could not be seen: counts are not kept."""
    assert page_cache.current_generation() == page_cache.LOST_GENERATION
    assert counted("test:down", lambda: 1) == 1
    assert counted("test:down", lambda: 2) == 2


def test_a_down_cache_is_not_asked_again_at_once(redis_down, monkeypatch):
    """Each attempt against an unreachable host waits for the timeout: after a failure the
    process serves without the cache for a few seconds before it tries again."""
    attempts = []
    client = redis_down._cache
    original = client.get

    def counting(*args, **kwargs):
        attempts.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(client, "get", counting)
    assert redis_down.get("a") is None
    assert redis_down.get("b", "default") == "default"
    assert len(attempts) == 1
