"""Names readers may not see (issue 13, finding 9): a tag, speaker, source or section that occurs
only in articles readers cannot see (drafts, in review, withdrawn, scheduled and not yet due)
has no page and no feed: 404, without the name. And 404s are never stored in the page cache, so
made-up URLs cannot fill it."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from articles import cache as page_cache
from articles.models import Article, Quote, Source, Speaker, Tag
from tests.test_views import make_articles

pytestmark = pytest.mark.django_db

SECRET = "Zanzibar Accord"  # the tag, speaker, source and section names of the hidden story
HIDDEN = {
    "draft": {"status": Article.Status.DRAFT},
    "in review": {"status": Article.Status.IN_REVIEW},
    "withdrawn": {"status": Article.Status.WITHDRAWN},
    "scheduled, not yet due": {"status": Article.Status.SCHEDULED, "future": True},
    "published, dated in the future": {"status": Article.Status.PUBLISHED, "future": True},
}


def hidden_story(status: str, future: bool = False) -> Article:
    """A story whose tag, speaker, source and section occur nowhere else."""
    source = Source.objects.create(name=SECRET, domain="zanzibar-accord.example")
    speaker = Speaker.objects.create(name=SECRET, slug="zanzibar-accord")
    tag = Tag.objects.create(name=SECRET, slug="zanzibar-accord")
    when = timezone.now() + (dt.timedelta(days=1) if future else dt.timedelta(days=-1))
    article = Article.objects.create(
        headline="Not for readers yet",
        slug="not-for-readers-yet",
        standfirst="A standfirst.",
        body="A paragraph.",
        source=source,
        section=SECRET,
        original_url="https://zanzibar-accord.example/zanzibar-accord/story-1",
        seed_line2="1",
        seed_line3="2",
        status=status,
        published_at=when,
    )
    article.tags.set([tag])
    Quote.objects.create(article=article, speaker=speaker, text="Words.", block=0, position=0)
    return article


def secret_urls() -> list[str]:
    section = quote(SECRET)
    return [
        reverse("articles:tag", args=["zanzibar-accord"]),
        reverse("articles:tag_feed", args=["zanzibar-accord"]),
        reverse("articles:tag_feed_atom", args=["zanzibar-accord"]),
        reverse("articles:speaker", args=["zanzibar-accord"]),
        reverse("articles:quotes") + "?speaker=zanzibar-accord",
        reverse("articles:quotes") + "?tag=zanzibar-accord",
        reverse("articles:source", args=["zanzibar-accord.example"]),
        reverse("articles:source_feed", args=["zanzibar-accord.example"]),
        reverse("articles:source_feed_atom", args=["zanzibar-accord.example"]),
        f"/sections/{section}/",
        f"/sections/{section.lower()}/",
        f"/sections/{section}/feed/",
        f"/sections/{section}/feed/atom/",
    ]


@pytest.mark.parametrize("hidden", HIDDEN.values(), ids=list(HIDDEN))
def test_names_only_in_unpublished_articles_are_404_without_the_name(client, hidden):
    make_articles(1)  # the site has public pages of its own
    article = hidden_story(hidden["status"], hidden.get("future", False))
    for url in secret_urls():
        response = client.get(url)
        assert response.status_code == 404, url
        assert SECRET not in response.content.decode(), url

    # The same URLs are pages once readers may see the story.
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.PUBLISHED, published_at=timezone.now()
    )
    page_cache.invalidate_public_pages()
    for url in secret_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET in response.content.decode(), url


def test_the_public_querysets_share_one_rule():
    """``Tag/Speaker/Source.public()`` and ``public_section()`` see what ``published()`` sees."""
    make_articles(1)
    article = hidden_story(Article.Status.DRAFT)
    assert not Tag.objects.public().filter(slug="zanzibar-accord").exists()
    assert not Speaker.objects.public().filter(slug="zanzibar-accord").exists()
    assert not Source.objects.public().filter(domain="zanzibar-accord.example").exists()
    assert Article.objects.public_section(SECRET) is None
    assert Tag.objects.public().filter(slug="topic-0").exists()
    assert Article.objects.public_section("world") == "World"
    article.transition(Article.Status.PUBLISHED)
    article.save()
    assert Tag.objects.public().filter(slug="zanzibar-accord").exists()
    assert Speaker.objects.public().filter(slug="zanzibar-accord").exists()
    assert Source.objects.public().filter(domain="zanzibar-accord.example").exists()
    assert Article.objects.public_section(SECRET.upper()) == SECRET


def made_up_urls(n: int) -> list[str]:
    kinds = [
        "/sections/made-up-{}/",
        "/sections/made-up-{}/feed/",
        "/sections/made-up-{}/feed/atom/",
        "/tags/made-up-{}/",
        "/tags/made-up-{}/feed/",
        "/speakers/made-up-{}/",
        "/sources/made-up-{}.example/",
        "/sources/made-up-{}.example/feed/atom/",
        "/articles/made-up-{}/",
        "/quotes/?speaker=made-up-{}",
        "/quotes/?tag=made-up-{}",
        "/?page={}0000",
    ]
    return [kinds[i % len(kinds)].format(i) for i in range(n)]


def page_key(url: str) -> str:
    """The page cache's key for ``url`` as the test client asks for it."""
    return page_cache._page_key(RequestFactory().get(url))


def test_2000_made_up_urls_store_nothing_in_the_page_cache(client):
    make_articles(1)
    hidden_story(Article.Status.DRAFT)  # "World" and the hidden names exist, but not these
    stored = len(cache._cache) if hasattr(cache, "_cache") else None  # local memory: count
    urls = made_up_urls(2000)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "X-Page-Cache" not in response
    assert all(cache.get(page_key(url)) is None for url in urls)
    if stored is not None:
        assert len(cache._cache) == stored
    # A real page is still stored, so the test would see an entry if one were made.
    assert client.get("/sections/World/")["X-Page-Cache"] == "miss"
    assert cache.get(page_key("/sections/World/")) is not None
