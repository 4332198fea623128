"""Every reader's URL answers every HTTP method a hostile reader may send without a 500.

The URLs come from the URL configuration itself (every pattern outside the admin and the API,
which have matrices of their own), each filled with a real sample from an imported article; a
pattern nobody gave a sample here fails ``test_every_reader_pattern_has_a_sample`` until one
is added, so a new page is covered without anyone remembering to."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from articles.models import Article, Speaker
from articles.reader_pages import ensure_pages

METHODS = ["get", "head", "options", "post", "put", "patch", "delete"]
SKIPPED_PREFIXES = (settings.ADMIN_URL, "api/")


def reader_patterns(
    resolver: URLResolver | None = None, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str]]:
    """(name with its namespace, route) of every reader's URL pattern."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from reader_patterns(pattern, route, inner)
        elif isinstance(pattern, URLPattern):
            yield (f"{namespace}{pattern.name}" if pattern.name else route), route


# How to fill each pattern: its URL arguments from the imported article.
Sample = Callable[[Article], dict[str, Any]]


def _speaker(article: Article) -> Speaker:
    return Speaker.objects.public().filter(quotes__article=article).first()


SAMPLES: dict[str, Sample] = {
    "healthz": lambda a: {},
    "sitemap": lambda a: {},
    "sitemap_part": lambda a: {"section": "articles"},
    "news_sitemap": lambda a: {},
    "robots_txt": lambda a: {},
    "articles:front": lambda a: {},
    "articles:list": lambda a: {},
    "articles:sections": lambda a: {},
    "articles:tags": lambda a: {},
    "articles:speakers": lambda a: {},
    "articles:search": lambda a: {},
    "articles:detail": lambda a: {"slug": a.slug},
    "articles:preview": lambda a: {"pk": a.pk},
    "articles:tag": lambda a: {"slug": a.tags.first().slug},
    "articles:source": lambda a: {"domain": a.source.domain},
    "articles:section": lambda a: {"section": a.section.slug},
    "articles:speaker": lambda a: {"slug": _speaker(a).slug},
    "articles:quotes": lambda a: {},
    "articles:feed": lambda a: {},
    "articles:feed_atom": lambda a: {},
    "articles:tag_feed": lambda a: {"slug": a.tags.first().slug},
    "articles:tag_feed_atom": lambda a: {"slug": a.tags.first().slug},
    "articles:source_feed": lambda a: {"domain": a.source.domain},
    "articles:source_feed_atom": lambda a: {"domain": a.source.domain},
    "articles:section_feed": lambda a: {"section": a.section.slug},
    "articles:section_feed_atom": lambda a: {"section": a.section.slug},
    # The pages editors write (flatpages, ``ensure_pages``) and the favicon.
    "about": lambda a: {},
    "contact": lambda a: {},
    "corrections_policy": lambda a: {},
    "django.contrib.flatpages.views.flatpage": lambda a: {"url": "about/"},
    "favicon": lambda a: {},
}


def test_every_reader_pattern_has_a_sample():
    missing = [name for name, _ in reader_patterns() if name not in SAMPLES]
    assert not missing, f"add a sample for each new reader URL: {missing}"


@pytest.mark.parametrize("method", METHODS)
def test_every_reader_url_answers_every_method_without_a_500(imported_article, method):
    """As a hostile reader would send them: no session, CSRF checked as in production. GET
    and HEAD give the page; the others are refused (403 without a CSRF token, else 405)
    or, for views that ignore the method (feeds, sitemaps), the page itself."""
    ensure_pages()  # a transactional test before may have flushed the migration's pages
    reader = Client(enforce_csrf_checks=True, raise_request_exception=False)
    articles_before = Article.objects.count()
    for name, _ in reader_patterns():
        if name not in SAMPLES:
            continue  # test_every_reader_pattern_has_a_sample names it
        url = reverse(name, kwargs=SAMPLES[name](imported_article))
        response = getattr(reader, method)(url)
        assert response.status_code < 500, (name, method, response.status_code)
        if method in ("get", "head") and name != "articles:preview":
            assert response.status_code in (200, 301, 302), (name, method, response.status_code)
        if method in ("put", "patch", "delete", "post"):
            assert response.status_code in (200, 403, 405), (name, method, response.status_code)
    assert Article.objects.count() == articles_before
