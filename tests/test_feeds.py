"""RSS and Atom feeds: they parse cleanly, hold only what readers may see, are advertised on the
pages, and cost a fixed number of queries."""

from __future__ import annotations

import feedparser
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Section, Source, Tag

pytestmark = pytest.mark.django_db


def make(n: int, *, status: str = Article.Status.PUBLISHED, prefix: str = "Story") -> None:
    source, _ = Source.objects.get_or_create(
        domain="example.com", defaults={"name": "Example", "homepage": "https://example.com/"}
    )
    tag, _ = Tag.objects.get_or_create(name="Aleppo", slug="aleppo", defaults={"kind": "place"})
    other, _ = Tag.objects.get_or_create(name="Kerry", slug="kerry", defaults={"kind": "person"})
    start = Article.objects.count()
    for i in range(start, start + n):
        article = Article.objects.create(
            headline=f"{prefix} {i} & <friends>",
            slug=f"{prefix.lower()}-{i}",
            standfirst=f"Standfirst {i} with <b>markup</b> & an ampersand.",
            body="A paragraph.",
            source=source,
            section=Section.for_name("World"),
            original_url=f"https://example.com/world/{prefix.lower()}-{i}",
            seed_line2="1",
            seed_line3="2",
            status=status,
            published_at=timezone.now(),
        )
        article.tags.set([tag, other])


FEEDS = [
    ("articles:feed", [], "rss20"),
    ("articles:feed_atom", [], "atom10"),
    ("articles:tag_feed", ["aleppo"], "rss20"),
    ("articles:tag_feed_atom", ["aleppo"], "atom10"),
    ("articles:section_feed", ["world"], "rss20"),
    ("articles:section_feed_atom", ["world"], "atom10"),
    ("articles:source_feed", ["example.com"], "rss20"),
    ("articles:source_feed_atom", ["example.com"], "atom10"),
]
IDS = [name.split(":")[1] for name, _, _ in FEEDS]


@pytest.mark.parametrize(("name", "args", "version"), FEEDS, ids=IDS)
def test_feeds_parse_without_bozo_and_hold_only_public_articles(client, name, args, version):
    make(3)
    make(1, status=Article.Status.DRAFT, prefix="Draft")
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == version
    titles = [entry.title for entry in feed.entries]
    assert sorted(titles) == sorted(f"Story {i} & <friends>" for i in range(3))
    entry = feed.entries[0]
    assert entry.link.startswith("http://testserver/articles/story-")
    assert entry.published_parsed
    if version == "atom10":
        assert entry.updated_parsed
    assert {tag.term for tag in entry.tags} == {"Aleppo", "Kerry"}
    assert entry.author == "Example"
    # The plain-text standfirst is escaped, not read as markup by feed readers.
    assert "&lt;b&gt;markup&lt;/b&gt; &amp; an" in entry.summary
    assert "<b>" not in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/tags/nothing/feed/", "/tags/nothing/feed/atom/", "/sources/nowhere.example/feed/"]
)
def test_feeds_of_unknown_things_are_404(client, url):
    assert client.get(url).status_code == 404


def test_a_section_readers_see_no_article_in_has_no_feed(client):
    make(1, status=Article.Status.DRAFT, prefix="Draft")  # in World, but a draft
    for url in ("/sections/Nowhere/feed/atom/", "/sections/World/feed/", "/sections/world/feed/"):
        assert client.get(url).status_code == 404
    make(1)
    feed = feedparser.parse(client.get("/sections/world/feed/atom/").content)
    assert not feed.bozo and feed.feed.title == "Newsroom: World"
    # Any other spelling of the section is a permanent redirect to its own feed.
    for url, target in [
        ("/sections/World/feed/", "/sections/world/feed/"),
        ("/sections/WORLD/feed/atom/", "/sections/world/feed/atom/"),
        ("/sections/world-news/feed/", "/sections/world/feed/"),  # an alias
    ]:
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (301, target)


@pytest.mark.parametrize(("name", "args", "version"), FEEDS, ids=IDS)
def test_feed_query_count_is_fixed(client, name, args, version):
    url = reverse(name, args=args)
    make(1)
    cache.clear()
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    make(25)
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(one) <= 4  # object, items, their tags (+ page cache bookkeeping)


@pytest.mark.parametrize(
    ("url", "feeds"),
    [
        ("/", ["/feed/", "/feed/atom/"]),
        ("/tags/aleppo/", ["/feed/", "/tags/aleppo/feed/", "/tags/aleppo/feed/atom/"]),
        ("/sources/example.com/", ["/sources/example.com/feed/"]),
        ("/sections/world/", ["/sections/world/feed/", "/sections/world/feed/atom/"]),
        ("/articles/story-0/", ["/feed/atom/"]),
    ],
)
def test_pages_advertise_their_feeds(client, url, feeds):
    make(1)
    html = client.get(url).content.decode()
    for feed in feeds:
        assert f'href="{feed}"' in html
        link = html[: html.index(f'href="{feed}"')].rsplit("<link", 1)[1]
        assert 'rel="alternate"' in link
        assert 'type="application/' in link
        assert client.get(feed).status_code == 200
