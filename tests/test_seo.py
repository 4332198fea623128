"""What search engines and link previews read: sitemaps, robots.txt, canonical and social tags,
JSON-LD; related articles; conditional GET; and the accessibility basics the HTML itself must
get right (the browser tests run axe-core on top)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import article_page
from articles.models import Article, Section, Source, Tag

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
NEWS_NS = {**SITEMAP_NS, "news": "http://www.google.com/schemas/sitemap-news/0.9"}
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def make(
    slug: str,
    *,
    headline: str | None = None,
    tags: tuple[Tag, ...] = (),
    status: str = Article.Status.PUBLISHED,
    age: timedelta = timedelta(minutes=5),
    domain: str = "example.com",
) -> Article:
    source, _ = Source.objects.get_or_create(
        domain=domain, defaults={"name": domain.split(".")[0].title()}
    )
    article = Article.objects.create(
        headline=headline or slug.replace("-", " ").capitalize(),
        slug=slug,
        standfirst=f"What happened in {slug}.",
        body="A paragraph.",
        source=source,
        section=Section.for_name("World"),
        original_url=f"https://{domain}/world/{slug}-123",
        seed_line2="1",
        seed_line3="2",
        status=status,
        published_at=timezone.now() - age,
    )
    article.tags.set(tags)
    return article


def tag(name: str, kind: str = Tag.Kind.TOPIC) -> Tag:
    return Tag.objects.create(name=name, slug=name.lower().replace(" ", "-"), kind=kind)


# -- sitemaps and robots.txt ---------------------------------------------------------------------


def test_sitemap_lists_every_public_article_tag_and_source_and_no_draft(client):
    aleppo, hidden = tag("Aleppo", Tag.Kind.PLACE), tag("Only on drafts")
    public = [make(f"story-{i}", tags=(aleppo,)) for i in range(30)]
    make("a-draft", status=Article.Status.DRAFT, tags=(hidden,), domain="drafts.example")
    make("in-the-future", age=-timedelta(hours=3))
    urls = sitemap_urls(client)
    locations = [url.find("s:loc", SITEMAP_NS).text for url in urls]
    assert len(locations) == len(set(locations))
    for article in public:
        assert f"http://testserver{article.get_absolute_url()}" in locations
    assert "http://testserver/articles/a-draft/" not in locations
    assert "http://testserver/articles/in-the-future/" not in locations
    assert "http://testserver/tags/aleppo/" in locations
    assert "http://testserver/tags/only-on-drafts/" not in locations
    assert "http://testserver/sources/example.com/" in locations
    assert "http://testserver/sources/drafts.example/" not in locations
    assert all(url.find("s:lastmod", SITEMAP_NS) is not None for url in urls)


def test_news_sitemap_has_the_last_two_days_only(client):
    make("fresh", headline="Fresh & <new>")
    make("yesterday", age=timedelta(hours=30))
    make("old", age=timedelta(days=3))
    make("fresh-draft", status=Article.Status.DRAFT)
    response = client.get("/sitemap-news.xml")
    root = ET.fromstring(response.content)
    urls = root.findall("s:url", NEWS_NS)
    locations = [url.find("s:loc", NEWS_NS).text for url in urls]
    assert locations == [
        "http://testserver/articles/fresh/",
        "http://testserver/articles/yesterday/",
    ]
    news = urls[0].find("news:news", NEWS_NS)
    assert news.find("news:publication/news:name", NEWS_NS).text == "Newsroom"
    assert news.find("news:publication/news:language", NEWS_NS).text == "en"
    assert news.find("news:title", NEWS_NS).text == "Fresh & <new>"
    datetime.fromisoformat(news.find("news:publication_date", NEWS_NS).text)


def sitemap_urls(client) -> list[ET.Element]:
    """Every ``<url>`` of the sitemap: its index, then each part it lists (valid XML each)."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    index = ET.fromstring(response.content)  # valid XML, or this raises
    urls = []
    for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS):
        part = client.get(loc.text.removeprefix("http://testserver"))
        assert part.status_code == 200, loc.text
        assert part["Content-Type"].startswith("application/xml")
        urls += ET.fromstring(part.content).findall("s:url", SITEMAP_NS)
    return urls


@pytest.mark.parametrize(
    "url", ["/sitemap.xml", "/sitemap-articles.xml", "/sitemap-tags.xml", "/sitemap-sources.xml"]
)
def test_sitemap_query_count_is_fixed(client, url):
    aleppo = tag("Aleppo")
    make("one", tags=(aleppo,))
    cache.clear()
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for i in range(20):
        make(f"more-{i}", tags=(aleppo, tag(f"Tag {i}")), domain=f"site{i}.example")
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(one)


def test_the_sitemap_index_lists_bounded_parts(client, monkeypatch):
    """A big archive's sitemap is an index of parts of at most ``limit`` URLs each (2,000:
    fifty article parts at 100,000 articles), every part valid XML."""
    from articles import sitemaps

    for sitemap in sitemaps.SITEMAPS.values():
        monkeypatch.setattr(sitemap, "limit", 4)
    aleppo = tag("Aleppo")
    public = [make(f"story-{i}", tags=(aleppo,), domain=f"s{i % 6}.example") for i in range(10)]
    index = ET.fromstring(client.get("/sitemap.xml").content)
    parts = [loc.text for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS)]
    assert parts == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-articles.xml?p=2",
        "http://testserver/sitemap-articles.xml?p=3",
        "http://testserver/sitemap-tags.xml",
        "http://testserver/sitemap-sources.xml",
        "http://testserver/sitemap-sources.xml?p=2",
        "http://testserver/sitemap-sections.xml",
    ]
    urls = sitemap_urls(client)
    assert all(len(ET.fromstring(client.get(p).content)) <= 4 for p in parts)
    locations = [url.find("s:loc", SITEMAP_NS).text for url in urls]
    assert [f"http://testserver{a.get_absolute_url()}" for a in reversed(public)] == [
        loc for loc in locations if "/articles/" in loc
    ]
    assert client.get("/sitemap-articles.xml?p=4").status_code == 404
    assert client.get("/sitemap-articles.xml?p=x").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_sitemap_parts_are_kept_until_a_change(client):
    aleppo = tag("Aleppo")
    make("one", tags=(aleppo,))
    for url in ["/sitemap.xml", "/sitemap-articles.xml", "/sitemap-tags.xml"]:
        first = client.get(url)
        with CaptureQueriesContext(connection) as again:
            second = client.get(url)
        assert len(again) == 0 and second.content == first.content
        assert second["X-Robots-Tag"] == first["X-Robots-Tag"]
    make("two", tags=(aleppo,))  # a change: the next generation's parts
    assert b"/articles/two/" in client.get("/sitemap-articles.xml").content


def test_robots_txt_points_at_the_sitemaps(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/sitemap-news.xml" in text
    assert "User-agent: *" in text


# -- the article page's metadata -----------------------------------------------------------------


def json_ld(html: str) -> dict:
    (payload,) = JSON_LD.findall(html)
    return json.loads(payload)


def test_article_page_has_canonical_social_tags_and_news_article_json_ld(client):
    kerry = tag("John Kerry", Tag.Kind.PERSON)
    aleppo = tag("Aleppo", Tag.Kind.PLACE)
    un = tag("United Nations", Tag.Kind.ORGANISATION)
    war = tag("War")
    article = make("kerry-defends-diplomacy", tags=(kerry, aleppo, un, war))
    html = client.get(article.get_absolute_url()).content.decode()
    url = "http://testserver/articles/kerry-defends-diplomacy/"
    assert f'<link rel="canonical" href="{url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert f'<meta property="og:title" content="{article.headline}">' in html
    assert f'<meta property="og:description" content="{article.standfirst}">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert f'<meta name="twitter:title" content="{article.headline}">' in html

    data = json_ld(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.headline
    assert data["description"] == article.standfirst
    assert data["url"] == url and data["mainEntityOfPage"]["@id"] == url
    published = datetime.fromisoformat(data["datePublished"].replace("Z", "+00:00"))
    modified = datetime.fromisoformat(data["dateModified"].replace("Z", "+00:00"))
    assert abs(published - article.published_at) < timedelta(seconds=1)
    assert modified >= published
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "Newsroom",
        "url": "http://testserver/",
    }
    assert data["author"]["@type"] == "Organization"
    assert data["isBasedOn"] == article.original_url
    about = {item["name"]: item["@type"] for item in data["about"]}
    assert about == {
        "John Kerry": "Person",
        "Aleppo": "Place",
        "United Nations": "Organization",
        "War": "Thing",
    }
    assert all(item["url"].startswith("http://testserver/tags/") for item in data["about"])


def test_json_ld_cannot_be_broken_out_of(client):
    hostile = "Breaking </script><script>alert(1)</script> <!-- & \u2028 news"
    article = make("hostile", headline=hostile)
    Article.objects.filter(pk=article.pk).update(standfirst="</SCRIPT><img src=x onerror=alert(1)>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert html.lower().count("</script>") == 1
    data = json_ld(html)
    assert data["headline"] == hostile
    assert data["description"] == "</SCRIPT><img src=x onerror=alert(1)>"


# -- related articles ----------------------------------------------------------------------------


def related_headlines(html: str) -> list[str]:
    section = html.split('id="related-heading"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<a href="/articles/[^"]+/">([^<]+)</a>', section)


def test_related_articles_share_the_most_tags_first_and_only_public_ones(client):
    a, b, c, d = tag("A"), tag("B"), tag("C"), tag("D")
    article = make("main", tags=(a, b, c))
    make("shares-one", tags=(a, d), age=timedelta(minutes=1))
    make("shares-three", tags=(a, b, c), age=timedelta(hours=5))
    make("shares-two", tags=(b, c))
    make("shares-none", tags=(d,))
    make("draft-shares-all", tags=(a, b, c), status=Article.Status.DRAFT)
    html = client.get(article.get_absolute_url()).content.decode()
    assert related_headlines(html) == ["Shares three", "Shares two", "Shares one"]


def test_related_articles_weigh_only_each_tags_newest_articles(client, monkeypatch):
    """A tag on thousands of articles costs no more than a rare one: each tag brings only its
    newest ``RELATED_WINDOW`` articles, and a scheduled one not yet due never shows."""
    monkeypatch.setattr(article_page, "RELATED_WINDOW", 2)
    busy, rare = tag("Busy"), tag("Rare")
    article = make("main", tags=(busy, rare))
    make("old-shares-both", tags=(busy, rare), age=timedelta(days=3))
    make("busy-1", tags=(busy,), age=timedelta(days=1))
    make("busy-2", tags=(busy,), age=timedelta(days=2))
    make("not-yet-due", tags=(busy, rare), status=Article.Status.SCHEDULED, age=-timedelta(hours=1))
    html = client.get(article.get_absolute_url()).content.decode()
    # Windows hold the most recently added: the busy tag's is the scheduled story and busy-2
    # (busy-1 falls out of it), the rare tag's the scheduled story and the old one.
    assert related_headlines(html) == ["Busy 2", "Old shares both"]


def test_an_article_page_lists_its_tags_by_name(client):
    article = make("main", tags=(tag("Zanzibar"), tag("Aleppo"), tag("Mali")))
    html = client.get(article.get_absolute_url()).content.decode()
    assert re.findall(r'<meta property="article:tag" content="([^"]+)">', html) == [
        "Aleppo",
        "Mali",
        "Zanzibar",
    ]


def test_an_article_without_tags_has_no_related_section(client):
    article = make("lonely")
    make("other")
    assert 'id="related-heading"' not in client.get(article.get_absolute_url()).content.decode()


def test_related_articles_cost_one_query_however_many(client):
    topics = [tag(f"T{i}") for i in range(4)]
    article = make("main", tags=tuple(topics))
    make("first", tags=tuple(topics))
    cache.clear()
    with CaptureQueriesContext(connection) as one:
        client.get(article.get_absolute_url())
    for i in range(12):
        make(f"more-{i}", tags=tuple(topics[: 1 + i % 4]), domain=f"s{i}.example")
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        html = client.get(article.get_absolute_url()).content.decode()
    assert len(related_headlines(html)) == 5
    assert len(many) == len(one)


# -- conditional GET -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/", "/tags/aleppo/", "/sources/example.com/", "/articles/story/", "/feed/"]
)
def test_pages_answer_304_when_unchanged(client, url):
    make("story", tags=(tag("Aleppo"),))
    first = client.get(url)
    assert first.status_code == 200
    assert first.has_header("ETag") or first.has_header("Last-Modified")
    headers = {}
    if first.has_header("ETag"):
        headers["HTTP_IF_NONE_MATCH"] = first["ETag"]
    else:
        headers["HTTP_IF_MODIFIED_SINCE"] = first["Last-Modified"]
    again = client.get(url, **headers)
    assert again.status_code == 304
    assert again.content == b""


def test_a_changed_page_is_sent_again(client):
    article = make("story")
    first = client.get(article.get_absolute_url())
    article.headline = "A new headline"
    article.save()
    cache.clear()
    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert "A new headline" in again.content.decode()


# -- accessibility basics in the HTML ------------------------------------------------------------


PAGES = [
    "/",
    "/articles/story/",
    "/tags/aleppo/",
    "/search/?q=story",
    "/search/",
    "/nowhere/",
    # issue 16
    "/latest/",
    "/sections/",
    "/tags/",
    "/speakers/",
    "/quotes/",
]


@pytest.mark.parametrize("url", PAGES)
def test_pages_have_landmarks_one_h1_a_skip_link_and_a_labelled_search(client, url):
    make("story", tags=(tag("Aleppo"),))
    html = client.get(url).content.decode()
    assert '<html lang="en">' in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert '<a class="skip-link" href="#main">' in html and '<main id="main"' in html
    assert "<header" in html and "<footer" in html and '<nav aria-label="Main">' in html
    for form in re.findall(r'<form[^>]*role="search"[^>]*>.*?</form>', html, re.S):
        (input_id,) = re.findall(r'<input type="search" id="([^"]+)"', form)
        assert f'<label for="{input_id}">' in form
    assert 'role="search"' in html


def test_pagination_is_a_labelled_nav_with_the_current_page(client):
    for i in range(25):
        make(f"story-{i}")
    html = client.get("/latest/").content.decode()
    assert '<nav class="pagination" aria-label="Pages">' in html
    assert '<span aria-current="page">Page 1 of 2</span>' in html
    assert 'rel="next">Older<span class="visually-hidden">: page 2</span></a>' in html


def test_search_results_are_not_indexed_by_search_engines(client):
    assert (
        '<meta name="robots" content="noindex">'
        in client.get(reverse("articles:search")).content.decode()
    )
