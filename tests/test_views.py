"""The reader's site through the test client: content, drafts hidden, fixed query counts."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Quote, Section, Source, Speaker, Tag

pytestmark = pytest.mark.django_db


def make_articles(n: int, *, tags: int = 5, quotes: int = 5) -> None:
    """``n`` published articles, each with many tags and quotes."""
    source, _ = Source.objects.get_or_create(domain="example.com", defaults={"name": "Example"})
    speaker, _ = Speaker.objects.get_or_create(slug="a-speaker", defaults={"name": "A Speaker"})
    for i in range(n):
        article = Article.objects.create(
            headline=f"Story {i}",
            slug=f"story-{i}",
            standfirst="A standfirst.",
            body="First paragraph.\n\nSECOND\n\nThird paragraph.",
            source=source,
            section=Section.for_name("World"),
            original_url=f"https://example.com/world/story-{i}",
            seed_line2="1",
            seed_line3="2",
            status=Article.Status.PUBLISHED,
            published_at=timezone.now(),
        )
        names = [f"Topic {j}" for j in range(tags)]
        for name in names:
            Tag.objects.get_or_create(name=name, defaults={"slug": name.lower().replace(" ", "-")})
        article.tags.set(list(Tag.objects.filter(name__in=names)))
        Quote.objects.bulk_create(
            Quote(article=article, speaker=speaker, text=f"Words {j}", block=0, position=j)
            for j in range(quotes)
        )


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


PAGES = [
    ("articles:list", {}),
    ("articles:detail", {"slug": "story-0"}),
    ("articles:tag", {"slug": "topic-0"}),
    ("articles:source", {"domain": "example.com"}),
    ("articles:section", {"section": "world"}),
    ("articles:speaker", {"slug": "a-speaker"}),
    ("articles:quotes", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), PAGES, ids=[p[0] for p in PAGES])
def test_query_count_does_not_grow_with_the_data(client, name, kwargs):
    url = reverse(name, kwargs=kwargs)
    make_articles(1)
    one = count_queries(client, url)
    make_articles(0)
    Article.objects.all().delete()
    make_articles(50)
    assert count_queries(client, url) == one
    # 6, and the header's sections (issue 16): one query a page-cache generation, shared by
    # every page (none once some page has read them).
    assert one <= 7


def test_home_lists_the_kerry_article(client, imported_article):
    response = client.get("/")
    assert response.status_code == 200
    assert imported_article.headline in response.content.decode()
    assert imported_article.get_absolute_url() in response.content.decode()


def test_article_page_shows_everything(client, imported_article):
    response = client.get(imported_article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>John Kerry defends diplomacy as Russian-backed forces pound Aleppo</h1>" in html
    assert imported_article.standfirst in html
    assert 'href="http://www.dnaindia.com/world/report-john-kerry' in html
    assert "DNA India" in html and "World" in html
    assert '<h2 id="p10">NO RESPITE</h2>' in html
    assert '<p id="p0">' in html and '<p id="p20">' in html
    assert html.count("<blockquote") == 13
    for name in ["John Kerry", "Dmitry Peskov", "Osama Abo Ezz", "Tarik Jasarevic"]:
        speaker = Speaker.objects.get(name=name)
        assert f'href="{speaker.get_absolute_url()}"' in html
    for tag in imported_article.tags.all():
        assert f'href="{tag.get_absolute_url()}"' in html


def test_drafts_are_never_shown(client, imported_article):
    Article.objects.update(status=Article.Status.DRAFT)
    assert imported_article.headline not in client.get("/").content.decode()
    assert client.get(imported_article.get_absolute_url()).status_code == 404
    tag = imported_article.tags.first()
    assert imported_article.headline not in client.get(tag.get_absolute_url()).content.decode()
    speaker = Speaker.objects.get(name="John Kerry")
    assert "The cause of what" not in client.get(speaker.get_absolute_url()).content.decode()


def test_future_dated_articles_wait(client, imported_article):
    Article.objects.update(published_at=timezone.now() + timezone.timedelta(hours=1))
    assert client.get(imported_article.get_absolute_url()).status_code == 404


def test_tag_source_and_section_pages(client, imported_article):
    tag = Tag.objects.get(name="Aleppo")
    for url in [
        tag.get_absolute_url(),
        imported_article.source.get_absolute_url(),
        reverse("articles:section", args=["world"]),
    ]:
        response = client.get(url)
        assert response.status_code == 200
        assert imported_article.headline in response.content.decode()


def test_speaker_page_links_each_quote_to_its_paragraph(client, imported_article):
    speaker = Speaker.objects.get(name="Osama Abo Ezz")
    html = client.get(speaker.get_absolute_url()).content.decode()
    assert f'{imported_article.get_absolute_url()}#p12"' in html
    assert f'{imported_article.get_absolute_url()}#p13"' in html


def test_quotes_page_filters_by_speaker_and_tag(client, imported_article):
    html = client.get(reverse("articles:quotes"), {"speaker": "dmitry-peskov"}).content.decode()
    assert "absolutely no prospect" in html and "intrepid but delusional" not in html
    html = client.get(reverse("articles:quotes"), {"tag": "aleppo"}).content.decode()
    assert "absolutely no prospect" in html
    assert client.get(reverse("articles:quotes"), {"speaker": "nobody"}).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/articles/no-such-story/",
        "/tags/nothing/",
        "/sources/nowhere.example/",
        "/latest/?page=999999",
        "/latest/?page=abc",
        "/speakers/nobody/",
    ],
)
def test_unknown_things_are_friendly_404s(client, url, imported_article):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_stylesheet_and_no_javascript(client, imported_article):
    html = client.get(imported_article.get_absolute_url()).content.decode()
    assert 'rel="stylesheet"' in html
    scripts = re.findall(r"<script[^>]*>", html)
    assert all('type="application/ld+json"' in tag for tag in scripts)  # data, not code
    assert '<html lang="en">' in html
