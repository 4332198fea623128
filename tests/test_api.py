"""The content API's read side (issue 17): anonymous clients see exactly what readers see,
through every endpoint and filter (generated from the API's router; every method and role is
tests/test_api_editors.py's matrix), with cursor pages,
conditional GETs, the page cache, fixed query counts, and an OpenAPI schema with local docs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import requote
from articles.api.urls import router
from articles.models import Article, Section, Source, Speaker

pytestmark = pytest.mark.django_db

BODY = (
    "The council met on Monday.\n\n"
    '"We will not back down," said Jane Smith, the council leader.\n\n'
    '"{secret} will be finished by spring," Smith said.'
)
# Every status readers may not see, with a word only that article has.
HIDDEN = {
    "draft": {"status": "draft"},
    "review": {"status": "review"},
    "withdrawn": {"status": "withdrawn"},
    "future": {"status": "scheduled", "future": True},
    "published-future": {"status": "published", "future": True},
}


def make_article(word: str, status: str = "published", future: bool = False) -> Article:
    source, _ = Source.objects.get_or_create(
        domain=f"{word}.example", defaults={"name": f"{word} news"}
    )
    when = timezone.now() + timedelta(days=1 if future else -1)
    article = Article.objects.create(
        headline=f"Story {word}",
        slug=f"story-{word}",
        standfirst=f"About {word}.",
        body=BODY.format(secret=word.title()),
        section=Section.for_name(f"Section{word}"),
        source=source,
        original_url=f"https://{word}.example/story",
        status=status,
        published_at=when,
    )
    requote.requote(article)
    article.tags.add(f"tag{word}")
    speaker = Speaker.objects.create(name=f"Speaker {word}", slug=f"speaker-{word}")
    article.quotes.update(speaker=speaker)
    return article


@pytest.fixture
def newsroom() -> dict[str, Article]:
    articles = {"public": make_article("visible")}
    for word, fields in HIDDEN.items():
        articles[word] = make_article(word.replace("-", ""), **fields)
    return articles


def endpoints() -> list[tuple[str, str]]:
    """(list URL name, basename) for every endpoint of the router that lists."""
    return [
        (f"api:{basename}-list", basename)
        for _prefix, viewset, basename in router.registry
        if hasattr(viewset, "list")  # (seeds are pushed, not read)
    ]


def hidden_values(article: Article) -> dict[str, str]:
    """The filter values that would find ``article``."""
    return {
        "section": article.section.name,
        "tag": article.tags.get(name__startswith="tag").slug,
        "source": article.source.domain,
        "speaker": article.quotes.first().speaker.slug,
        "article": article.slug,
        "q": article.standfirst.split()[-1].strip("."),
    }


@pytest.mark.parametrize("hidden", sorted(HIDDEN))
def test_no_endpoint_or_filter_shows_an_unpublished_article(newsroom, hidden):
    article = newsroom[hidden]
    client = Client()
    word = article.slug.removeprefix("story-")
    for name, _basename in endpoints():
        url = reverse(name)
        for parameter, value in [(None, None), *hidden_values(article).items()]:
            query = {parameter: value} if parameter else {}
            response = client.get(url, query)
            assert response.status_code == 200, (url, query)
            assert word not in response.content.decode().lower(), (url, query)
    # Nor its detail URLs.
    for path in [
        reverse("api:article-detail", args=[article.slug]),
        reverse("api:speaker-detail", args=[f"speaker-{word}"]),
        reverse("api:tag-detail", args=[f"tag{word}"]),
        reverse("api:source-detail", args=[article.source.domain]),
        *[reverse("api:quote-detail", args=[q.pk]) for q in article.quotes.all()],
    ]:
        assert client.get(path).status_code == 404, path


def test_the_public_article_is_found_through_every_filter(newsroom):
    client = Client()
    article = newsroom["public"]
    for parameter, value in hidden_values(article).items():
        if parameter == "article":
            continue
        data = client.get(reverse("api:article-list"), {parameter: value}).json()
        assert [a["slug"] for a in data["results"]] == [article.slug], parameter
    detail = client.get(reverse("api:article-detail", args=[article.slug])).json()
    assert detail["headline"] == "Story visible"
    assert [q["speaker"]["slug"] for q in detail["quotes"]] == ["speaker-visible"] * 2
    quotes = client.get(reverse("api:quote-list"), {"speaker": "speaker-visible"}).json()
    assert len(quotes["results"]) == 2
    speakers = client.get(reverse("api:speaker-list")).json()["results"]
    assert speakers == [
        {
            "name": "Speaker visible",
            "slug": "speaker-visible",
            "kind": "person",
            "aliases": [],
            "quotes": 2,
        }
    ]
    sections = client.get(reverse("api:section-list")).json()
    assert sections == [{"name": "Sectionvisible", "slug": "sectionvisible", "articles": 1}]


def test_bad_filters_are_a_clear_400_not_a_500(newsroom):
    response = Client().get(reverse("api:article-list"), {"since": "last tuesday"})
    assert response.status_code == 400
    assert "since" in response.json()
    # Offsets PostgreSQL refuses (past 15:59) are read in UTC; instants outside UTC's years
    # are a 400 (found by Schemathesis on PostgreSQL).
    wide = Client().get(reverse("api:article-list"), {"until": "0432-02-17T08:51:23+22:15"})
    assert wide.status_code == 200
    edge = Client().get(reverse("api:article-list"), {"since": "0001-01-01T00:30:00+23:00"})
    assert edge.status_code == 400
    response = Client().get(reverse("api:article-list"), {"cursor": "not-a-cursor"})
    assert response.status_code == 404


def test_pages_follow_a_cursor_newest_first():
    for index in range(5):
        article = make_article(f"n{index}")
        Article.objects.filter(pk=article.pk).update(
            published_at=timezone.now() - timedelta(hours=index + 1)
        )
    client = Client()
    page = client.get(reverse("api:article-list"), {"page_size": 2}).json()
    slugs = [a["slug"] for a in page["results"]]
    while page["next"]:
        page = client.get(page["next"]).json()
        slugs += [a["slug"] for a in page["results"]]
    assert slugs == [f"story-n{i}" for i in range(5)]


def test_conditional_gets_answer_304(newsroom):
    client = Client()
    url = reverse("api:article-detail", args=[newsroom["public"].slug])
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_answers_are_cached_like_pages_and_fresh_after_a_change(newsroom):
    client = Client()
    url = reverse("api:article-detail", args=[newsroom["public"].slug])
    assert client.get(url).get("X-Page-Cache") != "hit"
    assert client.get(url)["X-Page-Cache"] == "hit"
    article = newsroom["public"]
    article.headline = "A corrected headline"
    article.save()
    assert client.get(url).json()["headline"] == "A corrected headline"


@pytest.mark.parametrize("name, basename", endpoints())
def test_lists_cost_the_same_queries_with_1_and_50_articles(name, basename):
    def queries() -> int:
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert Client().get(reverse(name)).status_code == 200
        return len(captured)

    make_article("first")
    one = queries()
    for index in range(49):
        make_article(f"more{index}")
    assert queries() == one


def test_the_schema_is_openapi_3_and_the_docs_are_served_locally():
    client = Client()
    schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    document = schema.json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/articles/" in document["paths"]
    docs = client.get(reverse("api:docs"))
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "swagger-ui" in html and "cdn" not in html.lower()


def test_anonymous_clients_are_throttled(newsroom, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    client = Client()
    statuses = [
        client.get(reverse("api:article-list"), {"q": f"word{n}"}).status_code for n in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]


@pytest.mark.parametrize("path", ["no-such/", "articles/a.b/c/", "articles/x%0Ay/"])
def test_any_other_api_address_is_a_json_404(path):
    for method in ("get", "post", "patch"):
        response = getattr(Client(), method)(f"/api/v1/{path}")
        # (a write is refused for want of a token first, where a route takes the address)
        assert response.status_code in ((404,) if method == "get" else (401, 404)), path
        assert response["Content-Type"] == "application/json"
