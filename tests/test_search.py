"""Search: what it finds, how it ranks and highlights, that the index follows every change, and
that no input at all can break the page. Runs on SQLite (FTS5) and PostgreSQL (GIN)."""

from __future__ import annotations

import itertools
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article, Quote, Section, Source, Speaker, Tag
from articles.search import TABLE, search, search_terms
from articles.search_index import rebuild_index, reindex_article

pytestmark = pytest.mark.django_db
SEARCH = reverse("articles:search")
_numbers = itertools.count()


def make_article(
    headline: str = "A quiet day",
    *,
    standfirst: str = "Nothing much happened.",
    body: str = "Nobody said anything at all.",
    quotes: tuple[tuple[str, str | None], ...] = (),
    status: str = Article.Status.PUBLISHED,
    published_at: timezone.datetime | None = None,
    section: str = "World",
    index: bool = True,
) -> Article:
    """An article with quotes; indexed as the importer would (explicitly, after the quotes)."""
    n = next(_numbers)
    source, _ = Source.objects.get_or_create(domain="example.com", defaults={"name": "Example"})
    article = Article.objects.create(
        headline=headline,
        slug=f"story-{n}",
        standfirst=standfirst,
        body=body,
        source=source,
        section=Section.for_name(section),
        original_url=f"https://example.com/{section.lower()}/story-{n}",
        seed_line2="1",
        seed_line3="2",
        status=status,
        published_at=published_at or timezone.now(),
    )
    for position, (text, name) in enumerate(quotes):
        speaker = None
        if name:
            speaker, _ = Speaker.objects.get_or_create(
                name=name, defaults={"slug": name.lower().replace(" ", "-")}
            )
        Quote.objects.create(
            article=article, speaker=speaker, text=text, block=0, position=position
        )
    if index:
        reindex_article(article.pk)
    return article


def found(query: str) -> list[str]:
    return [hit.article.headline for hit in search(query)]


# -- what it finds --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("diplomacy", "headline"),
        ("ceasefire", "standfirst"),
        ("hospitals", "body"),
        ("prospect", "quote text"),
        ("Peskov", "speaker name"),
    ],
)
def test_finds_words_in_every_field(query, field):
    make_article(
        "Kerry defends diplomacy",
        standfirst="Russia blames the US for the failed ceasefire.",
        body="Victims poured into hospitals.\n\nThe bombing went on.",
        quotes=(("There is absolutely no prospect of talks", "Dmitry Peskov"),),
    )
    make_article("Unrelated story")
    assert found(query) == ["Kerry defends diplomacy"], field


def test_every_word_must_match_and_stems_match():
    make_article("Kerry defends diplomacy", body="Hospitals are running out of supplies.")
    make_article("Kerry visits Colombia")
    assert found("kerry hospital") == ["Kerry defends diplomacy"]
    assert set(found("KERRY")) == {"Kerry visits Colombia", "Kerry defends diplomacy"}


def test_headline_matches_rank_above_body_matches():
    make_article("A story about farming", body="It mentions Aleppo once, in passing.")
    make_article("Aleppo under siege", body="The city was bombed.")
    make_article("Another story", body="Nothing relevant.")
    assert found("aleppo") == ["Aleppo under siege", "A story about farming"]


def test_snippet_highlights_matches_and_escapes_the_text(client):
    make_article(
        "Markup in the body",
        body="Before <script>alert('x')</script> the talks on Aleppo collapsed & ended.",
    )
    (hit,) = search("aleppo")
    assert "<mark>Aleppo</mark>" in hit.snippet
    assert "<script" not in hit.snippet  # escaped (FTS5) or dropped as markup (ts_headline)
    assert "collapsed &amp; ended" in hit.snippet
    html = client.get(SEARCH, {"q": "aleppo"}).content.decode()
    assert "<mark>Aleppo</mark>" in html
    assert "<script>alert" not in html


def test_only_what_readers_may_see():
    make_article("Published Aleppo story")
    make_article("Draft Aleppo story", status=Article.Status.DRAFT)
    make_article("Future Aleppo story", published_at=timezone.now() + timezone.timedelta(hours=2))
    assert found("aleppo") == ["Published Aleppo story"]


def test_unpublishing_with_update_hides_at_once():
    """The admin's unpublish action is a queryset update (no signals): still hidden."""
    article = make_article("Aleppo story")
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    assert found("aleppo") == []


def test_search_page_paginates_and_keeps_the_query(client):
    """Ten hits a page (``SEARCH_RESULTS_PER_PAGE``), each with its snippet."""
    for i in range(25):
        make_article(f"Aleppo report {i}")
    first = client.get(SEARCH, {"q": "aleppo"})
    html = first.content.decode()
    assert first.status_code == 200
    assert html.count('class="card"') == 10
    assert "25 articles match" in html
    assert "Page 1 of 3" in html
    assert 'href="?q=aleppo&amp;page=2"' in html
    assert 'aria-label="Pages"' in html
    third = client.get(SEARCH, {"q": "aleppo", "page": 3}).content.decode()
    assert third.count('class="card"') == 5
    assert client.get(SEARCH, {"q": "aleppo", "page": 4}).status_code == 404


def test_empty_and_wordless_queries_get_a_friendly_page(client):
    for query in ["", "   ", "!!!", "🙂🙂", '"*"']:
        response = client.get(SEARCH, {"q": query})
        html = response.content.decode()
        assert response.status_code == 200
        assert '<label for="search-page-q">' in html
        assert "<h1>" in html


def test_no_results_page(client):
    make_article("Aleppo story")
    html = client.get(SEARCH, {"q": "zanzibar"}).content.decode()
    assert "0 articles match" in html
    assert "Nothing matched" in html


def test_search_form_is_in_every_page_header(client):
    html = client.get("/").content.decode()
    assert 'role="search"' in html
    assert '<label for="site-search">Search</label>' in html
    assert f'action="{SEARCH}"' in html


def test_the_reference_article_is_found_by_speaker(client, imported_article):
    html = client.get(SEARCH, {"q": "Peskov"}).content.decode()
    assert imported_article.get_absolute_url() in html
    assert "<mark>Peskov</mark>" in html


# -- the index follows the data ------------------------------------------------------------------


def test_index_follows_edits_deletes_and_speaker_renames(django_capture_on_commit_callbacks):
    article = make_article("Original headline", quotes=(("Talks will resume", "Maria Zakharova"),))
    with django_capture_on_commit_callbacks(execute=True):
        article.headline = "Revised wording"
        article.save()
    assert found("revised") == ["Revised wording"]
    assert found("original") == []

    with django_capture_on_commit_callbacks(execute=True):
        Quote.objects.create(article=article, text="A fresh quote", block=0, position=5)
    assert found("fresh") == ["Revised wording"]

    with django_capture_on_commit_callbacks(execute=True):
        Quote.objects.filter(text="A fresh quote").get().delete()
    assert found("fresh") == []

    with django_capture_on_commit_callbacks(execute=True):
        speaker = Speaker.objects.get(name="Maria Zakharova")
        speaker.name = "Maria V. Zakharova-Petrova"
        speaker.save()
    assert found("petrova") == ["Revised wording"]

    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert found("revised") == []
    assert index_rows() == 0


@pytest.mark.django_db(transaction=True)
def test_saves_outside_tests_transactions_reindex_on_commit():
    """As in production: autocommit saves and admin-style atomic blocks keep the index fresh,
    and a rolled-back change leaves the index as it was."""
    article = make_article("Committed headline", index=False)
    assert found("committed") == ["Committed headline"]
    from django.db import transaction

    with transaction.atomic():
        article.headline = "Edited in a transaction"
        article.save()
        Quote.objects.create(article=article, text="Words from Lavrov", block=0, position=0)
    assert found("lavrov") == ["Edited in a transaction"]

    with pytest.raises(RuntimeError), transaction.atomic():
        article.headline = "Never committed"
        article.save()
        raise RuntimeError
    assert found("committed") == []
    assert found("edited") == ["Edited in a transaction"]


def test_rebuild_index_restores_everything():
    make_article("Aleppo story")
    make_article("Second Aleppo story")
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")  # as after bulk SQL that bypassed the models
    assert found("aleppo") == []
    assert rebuild_index() == 2
    assert len(found("aleppo")) == 2


def test_the_operators_command_rebuilds_the_index():
    make_article("Aleppo story")
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert out.getvalue().strip() == "re-indexed 1 articles"
    assert len(found("aleppo")) == 1


def index_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {TABLE}")
        return cursor.fetchone()[0]


def test_the_index_is_the_databases_own():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [TABLE])
            assert "fts5" in cursor.fetchone()[0].lower()
        else:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s", [TABLE])
            assert any("USING gin" in row[0] for row in cursor.fetchall())


# -- hostile input --------------------------------------------------------------------------------


def test_search_terms_keep_only_words():
    assert search_terms('"Kerry" AND -Peskov* OR (NEAR x) headline:y') == [
        "kerry",
        "and",
        "peskov",
        "or",
        "near",
        "x",
        "headline",
        "y",
    ]
    assert search_terms("\x00🙂 ' ; -- ") == []
    assert len(search_terms("word " * 5000)) == 1
    assert len(search_terms(" ".join(f"w{i}" for i in range(100)))) == 12
    assert search_terms("Zürich São_Paulo") == ["zürich", "são", "paulo"]


HOSTILE = [
    '"',
    '""',
    '"unterminated',
    "AND",
    "OR",
    "NOT",
    "aleppo AND",
    "AND aleppo",
    "*",
    "aleppo*",
    "-",
    "-aleppo",
    "NEAR(aleppo kerry, 2)",
    "headline:aleppo",
    "{headline}: aleppo",
    "^aleppo",
    "(",
    ")",
    "'; DROP TABLE articles_article; --",
    "% _ \\",
    "%s %(x)s",
    "🙂",
    "aleppo 🇺🇦 👩‍👩‍👧",
    "a" * 10_000,
    "aleppo " * 2_000,
    "\x00",
    "ale\x00ppo",
    "\ue000aleppo\ue001",
    "<script>alert(1)</script>",
    "\u202eoppela",
    "ﷺ 𝕬𝖑𝖊𝖕𝖕𝖔",
    "!@#$%^&*()_+=[]{}|;:,.<>?/~`",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_get_a_page(client, query):
    make_article("Aleppo under siege", quotes=(("We will not stop", "Dmitry Peskov"),))
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    assert "Search" in response.content.decode()


@pytest.fixture
def some_articles(db):
    make_article("Aleppo under siege", quotes=(("We will not stop", "Dmitry Peskov"),))
    make_article("Kerry defends diplomacy", body="The ceasefire failed. Hospitals ran out.")


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    query=st.one_of(
        st.text(max_size=300),
        st.text(alphabet=st.sampled_from('"*-()^:{}ANDORNTaleppokry \x00🙂'), max_size=60),
        st.lists(st.sampled_from(HOSTILE[:22]), max_size=5).map(" ".join),
        st.binary(max_size=100).map(lambda b: b.decode("utf-8", "replace")),
    ),
    page=st.sampled_from([None, "1", "0", "-1", "abc", "2"]),
)
def test_generated_hostile_queries_never_fail(client, some_articles, query, page):
    params = {"q": query} if page is None else {"q": query, "page": page}
    response = client.get(SEARCH, params)
    # An unknown page of results is a 404 like any list's; every query itself gives a page.
    expected = {200} if page in (None, "1") else {200, 404}
    assert response.status_code in expected


# -- cost -----------------------------------------------------------------------------------------


def test_query_count_does_not_grow_with_results(client):
    from django.core.cache import cache

    make_article("Aleppo 0", quotes=(("Quote", "Someone"),))
    cache.clear()
    with CaptureQueriesContext(connection) as one:
        assert client.get(SEARCH, {"q": "aleppo"}).status_code == 200
    for i in range(1, 30):
        article = make_article(f"Aleppo {i}", quotes=(("Quote", "Someone"),))
        article.tags.add(Tag.objects.get_or_create(name=f"T{i}", slug=f"t{i}")[0])
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        assert client.get(SEARCH, {"q": "aleppo"}).status_code == 200
    assert len(many) == len(one)
    assert len(one) <= 6  # with the header's sections, read once per cache generation
