"""The cheap stand-ins the reader's templates use give exactly what Django's own tags gave:
``slug_url``/``str_url``/``fixed_url`` as ``reverse()``, and the Jinja2 date filters as
Django's ``|date``."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.template import engines
from django.test import override_settings
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import timezone, translation

from articles.links import fixed_url, slug_url, slug_url_maker, str_url

SLUGS = ["kerry", "a-b_c-9", "X"]
STRINGS = ["example.com", "Middle East", "50% off", "naïve café", "a?b#c", "~:@!$&'()*+,;="]


@pytest.fixture(autouse=True)
def _prefix():
    yield
    set_script_prefix("/")


@pytest.mark.parametrize("prefix", ["/", "/news/", "/n e/"])
def test_urls_are_what_reverse_gives(prefix):
    set_script_prefix(prefix)
    for slug in SLUGS:
        for name in ("articles:detail", "articles:tag", "articles:speaker"):
            assert slug_url(name, slug) == reverse(name, args=[slug])
            assert slug_url_maker(name)(slug) == reverse(name, args=[slug])
    for value in SLUGS + STRINGS:
        for name in ("articles:source", "articles:section"):
            assert str_url(name, value) == reverse(name, args=[value])
    for name in ("articles:list", "articles:feed", "articles:feed_atom", "articles:search"):
        assert fixed_url(name) == reverse(name)


def test_values_reverse_refuses_are_still_refused():
    for bad in ("with space", "a/b", "", "naïve"):
        with pytest.raises(NoReverseMatch):
            slug_url("articles:tag", bad)
        with pytest.raises(NoReverseMatch):
            slug_url_maker("articles:tag")(bad)
    for bad in ("a/b", ""):
        with pytest.raises(NoReverseMatch):
            str_url("articles:section", bad)


def test_a_new_urlconf_gives_new_urls():
    assert fixed_url("articles:front") == "/"
    assert slug_url("articles:tag", "x") == "/tags/x/"
    with override_settings(ROOT_URLCONF="tests.urls_prefixed"):
        assert fixed_url("articles:front") == "/site/"
        assert slug_url("articles:tag", "x") == "/site/tags/x/"
    assert fixed_url("articles:front") == "/"


WHEN = [
    datetime(2026, 3, 5, 9, 7, 3, tzinfo=UTC),
    datetime(2025, 12, 31, 23, 59, 59, 123456, tzinfo=UTC),
    datetime(999, 1, 1, 0, 0, tzinfo=UTC),
]


@pytest.mark.parametrize("zone", ["UTC", "Asia/Kolkata", "America/New_York"])
@pytest.mark.parametrize("language", ["en-gb", "fr"])
def test_date_filters_match_the_date_filter(zone, language):
    ours = engines["jinja2"].from_string(
        "{{ when|iso_datetime }}|{{ when|long_date }}|{{ when|long_datetime }}"
    )
    django = engines["django"].from_string(
        '{{ when|date:\'c\' }}|{{ when|date:"j F Y" }}|{{ when|date:"j F Y, H:i T" }}'
    )
    with timezone.override(zone), translation.override(language):
        for when in [*WHEN, None]:
            assert ours.render({"when": when}) == django.render({"when": when})


@pytest.mark.django_db
def test_hand_written_queries_read_rows_as_manager_raw_does(imported_article):
    """``_read`` (the article page's and search's row reader) gives what ``Manager.raw`` gave:
    the same fields, converted the same way (aware datetimes), the rest deferred, and the
    other columns as attributes."""
    from articles.models import Article, Quote
    from articles.rows import read_rows as _read

    table = Article._meta.db_table
    queries = [
        (Article, f"SELECT * FROM {table}"),
        (Article, f"SELECT id, headline, published_at, 7 AS extra FROM {table}"),
        (Quote, f"SELECT q.*, q.text AS said FROM {Quote._meta.db_table} q ORDER BY q.id"),
    ]
    for model, sql in queries:
        expected = list(model.objects.raw(sql))
        read = _read(model, sql, [])
        assert len(read) == len(expected) > 0
        for mine, theirs in zip(read, expected, strict=True):
            assert type(mine) is type(theirs)
            assert mine.get_deferred_fields() == theirs.get_deferred_fields()
            ours = {k: v for k, v in vars(mine).items() if k != "_state"}
            assert ours == {k: v for k, v in vars(theirs).items() if k != "_state"}
            assert mine._state.db == theirs._state.db and not mine._state.adding
    assert timezone.is_aware(_read(Article, f"SELECT * FROM {table}", [])[0].published_at)
    with pytest.raises(ValueError, match="primary key"):
        _read(Article, f"SELECT headline FROM {table}", [])
