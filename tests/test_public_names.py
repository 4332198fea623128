"""Names readers may not see (issue 13, finding 9): a tag, speaker, source or section that occurs
only in articles readers cannot see (drafts, in review, withdrawn, scheduled and not yet due)
has no page and no feed: 404, without the name. And 404s are never stored in the page cache, nor
is a page again for parameters it does not read, so made-up URLs cannot fill it."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from articles import cache as page_cache
from articles.models import Article, Quote, Section, Source, Speaker, Tag
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
        section=Section.for_name(SECRET),
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
        "/sections/zanzibar-accord/",
        "/sections/zanzibar-accord/feed/",
        "/sections/zanzibar-accord/feed/atom/",
    ]


def secret_spellings() -> dict[str, str]:
    """Other spellings of the hidden section's address -> where they redirect once public."""
    section = quote(SECRET)
    return {
        f"/sections/{section}/": "/sections/zanzibar-accord/",
        f"/sections/{section.lower()}/": "/sections/zanzibar-accord/",
        f"/sections/{section}/feed/": "/sections/zanzibar-accord/feed/",
        f"/sections/{section.upper()}/feed/atom/": "/sections/zanzibar-accord/feed/atom/",
    }


@pytest.mark.parametrize("hidden", HIDDEN.values(), ids=list(HIDDEN))
def test_names_only_in_unpublished_articles_are_404_without_the_name(client, hidden):
    make_articles(1)  # the site has public pages of its own
    article = hidden_story(hidden["status"], hidden.get("future", False))
    for url in [*secret_urls(), *secret_spellings()]:
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
    for url, target in secret_spellings().items():
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (301, target), url


def test_the_public_querysets_share_one_rule():
    """``Tag/Speaker/Source.public()`` and ``public_section()`` see what ``published()`` sees."""
    make_articles(1)
    article = hidden_story(Article.Status.DRAFT)
    assert not Tag.objects.public().filter(slug="zanzibar-accord").exists()
    assert not Speaker.objects.public().filter(slug="zanzibar-accord").exists()
    assert not Source.objects.public().filter(domain="zanzibar-accord.example").exists()
    assert Article.objects.public_section(SECRET) is None
    assert Tag.objects.public().filter(slug="topic-0").exists()
    assert Article.objects.public_section("world").name == "World"
    article.transition(Article.Status.PUBLISHED)
    article.save()
    assert Tag.objects.public().filter(slug="zanzibar-accord").exists()
    assert Speaker.objects.public().filter(slug="zanzibar-accord").exists()
    assert Source.objects.public().filter(domain="zanzibar-accord.example").exists()
    assert Article.objects.public_section(SECRET.upper()).name == SECRET


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
        "/latest/?page={}0000",
    ]
    return [kinds[i % len(kinds)].format(i) for i in range(n)]


def page_key(url: str) -> str:
    """The page cache's key for ``url`` as the test client asks for it."""
    return page_cache._page_key(RequestFactory().get(url))


def cache_entries() -> int | None:
    """How many entries the cache holds, for the backends the suite runs with."""
    if isinstance(cache._cache, dict):  # local memory
        return len(cache._cache)
    if hasattr(cache._cache, "get_client"):  # Redis: the test run's own database number
        return cache._cache.get_client(None).dbsize()
    return None


def test_2000_made_up_urls_store_nothing_in_the_page_cache(client):
    make_articles(1)
    hidden_story(Article.Status.DRAFT)  # "World" and the hidden names exist, but not these
    urls = made_up_urls(2000)
    assert client.get(urls[0]).status_code == 404  # the page generation exists from here on
    # The real latest list's length, counted once per generation (``counts.counted``): what
    # its made-up pages (``/latest/?page=10000``) are checked against.
    assert client.get("/latest/").status_code == 200
    before = cache_entries()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "X-Page-Cache" not in response
    assert all(cache.get(page_key(url)) is None for url in urls)
    assert cache_entries() == before
    # A real page is still stored, so the test would see an entry if one were made.
    assert client.get("/sections/world/")["X-Page-Cache"] == "miss"
    assert cache.get(page_key("/sections/world/")) is not None
    assert before is None or cache_entries() > before


# -- query parameters no page reads -------------------------------------------------------------


def test_parameters_no_page_reads_share_the_cached_page(client):
    """``?utm_source=``, ``?fbclid=`` and made-up parameters change nothing on a page: they are
    served the cached page and make no entry of their own."""
    make_articles(1)
    pages = ["/", "/sections/world/", "/tags/topic-0/", "/quotes/?speaker=a-speaker"]
    for url in pages:
        assert client.get(url)["X-Page-Cache"] == "miss"
    before = cache_entries()
    for n in range(500):
        for url in pages:
            joiner = "&" if "?" in url else "?"
            junk = [f"utm_source=feed-{n}", f"made-up-{n}=1", f"fbclid={n}&utm_medium=x"][n % 3]
            response = client.get(f"{url}{joiner}{junk}")
            assert response["X-Page-Cache"] == "hit", (url, junk)
            assert f"made-up-{n}" not in response.content.decode()
    assert cache_entries() == before
    # ``?page=0001`` is page 1.
    assert client.get("/latest/?page=1")["X-Page-Cache"] == "miss"
    assert client.get("/latest/?page=0001")["X-Page-Cache"] == "hit"


class RecordQueryParameters:
    """Test middleware, just after the page cache's: which query parameters the views read."""

    read: set[str] = set()

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        recorder = type(self)

        class Recording(QueryDict):
            def __getitem__(self, key):
                recorder.read.add(key)
                return super().__getitem__(key)

            def getlist(self, key, default=None):
                recorder.read.add(key)
                return super().getlist(key, default)

            def __contains__(self, key):
                recorder.read.add(key)
                return super().__contains__(key)

        def everything(name):
            def method(self, *args, **kwargs):
                recorder.read.add(f"all of them ({name})")
                return getattr(QueryDict, name)(self, *args, **kwargs)

            return method

        for name in ("copy", "lists", "items", "keys", "values", "dict", "urlencode", "__iter__"):
            setattr(Recording, name, everything(name))
        query = QueryDict(request.META.get("QUERY_STRING", ""))
        query.__class__ = Recording  # once built: building it reads every key
        request.GET = query
        return self.get_response(request)


def test_views_read_only_the_parameters_the_page_cache_keys_by(client, settings):
    """The page cache leaves out of a page's key every parameter not in
    ``PAGE_QUERY_PARAMETERS``: a view reading another would be served the wrong page."""
    make_articles(2)
    # Last, next to the views (``RejectNulMiddleware`` above it reads every parameter).
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.RecordQueryParameters"]
    RecordQueryParameters.read = set()
    junk = "utm_source=x&made-up=1"
    urls = [
        f"/?{junk}",
        f"/latest/?page=1&{junk}",
        f"/sections/?{junk}",
        f"/tags/?page=1&{junk}",
        f"/speakers/?page=1&{junk}",
        f"/articles/story-0/?{junk}",
        f"/tags/topic-0/?page=1&{junk}",
        f"/tags/topic-0/feed/?{junk}",
        f"/sources/example.com/?{junk}",
        f"/sources/example.com/feed/atom/?{junk}",
        f"/sections/world/?page=1&{junk}",
        f"/sections/world/feed/?{junk}",
        f"/speakers/a-speaker/?page=1&{junk}",
        f"/quotes/?speaker=a-speaker&tag=topic-0&page=1&{junk}",
        f"/search/?q=story&sort=date&section=world&page=1&{junk}",
        f"/feed/atom/?{junk}",
    ]
    for url in urls:
        cache.clear()
        assert client.get(url).status_code == 200, url
    assert RecordQueryParameters.read <= page_cache.PAGE_QUERY_PARAMETERS
    assert {"page", "q", "section", "sort", "speaker", "tag"} <= RecordQueryParameters.read


def test_published_sql_is_published():
    """The pages' SQL (``published_sql``) and the ORM's ``published()`` see the same rows."""
    for n, hidden in enumerate([{"status": Article.Status.PUBLISHED}, *HIDDEN.values()]):
        story = hidden_story(hidden["status"], hidden.get("future", False))
        Article.objects.filter(pk=story.pk).update(slug=f"story-{n}", url_key=str(n))
        Source.objects.filter(pk=story.source_id).update(domain=f"{n}.example")
        Tag.objects.filter(slug="zanzibar-accord").update(name=str(n), slug=str(n))
        Speaker.objects.filter(slug="zanzibar-accord").update(slug=str(n))
    where, params = Article.objects.published_sql("a")
    table = connection.ops.quote_name(Article._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT a.id FROM {table} a WHERE {where}", params)
        by_sql = {row[0] for row in cursor.fetchall()}
    assert by_sql == set(Article.objects.published().values_list("pk", flat=True))
    assert len(by_sql) == 1
