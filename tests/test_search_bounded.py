"""Search does bounded work whatever the archive's size: only the newest ``MAX_RANKED`` public
matches are ranked and counted, and the page says when there were more. Below the cap, results are
exact. Runs on SQLite (FTS5) and PostgreSQL (GIN)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles import search as search_module
from articles.models import Article
from articles.search import search
from tests.test_search import make_article

pytestmark = pytest.mark.django_db
SEARCH = reverse("articles:search")


def headlines(query: str) -> list[str]:
    return [hit.article.headline for hit in search(query)]


@pytest.fixture
def five_aleppo_stories():
    """Five matches, oldest first. The oldest is the best match (the word in its headline) but
    falls outside the three newest; among those, "Aleppo 4" has it in its headline."""
    for n in range(1, 6):
        if n in (1, 4):
            make_article(f"Aleppo {n}", body="The city was quiet.")
        else:
            make_article(f"Story {n}", body="The city of Aleppo was quiet.")
    make_article("Unrelated", body="Nothing about Syria here.")


def test_without_the_cap_the_oldest_best_match_ranks_first(five_aleppo_stories):
    # What the capped tests below change: every match is ranked, the headline matches first.
    assert headlines("aleppo") == ["Aleppo 4", "Aleppo 1", "Story 5", "Story 3", "Story 2"]
    results = search("aleppo")
    assert results.count() == 5
    assert not results.capped


def test_only_the_newest_matches_are_ranked_and_counted(monkeypatch, five_aleppo_stories):
    monkeypatch.setattr(search_module, "MAX_RANKED", 3)
    results = search("aleppo")
    assert results.count() == 3
    assert len(results) == 3
    assert results.capped
    # The three newest, by relevance among themselves (equal scores: newest first).
    assert [hit.article.headline for hit in results] == ["Aleppo 4", "Story 5", "Story 3"]
    assert [hit.article.headline for hit in results[1:3]] == ["Story 5", "Story 3"]
    assert results[0].score > results[1].score
    assert "<mark>Aleppo</mark>" in results[1].snippet


def test_exactly_the_cap_is_exact(monkeypatch, five_aleppo_stories):
    monkeypatch.setattr(search_module, "MAX_RANKED", 5)
    results = search("aleppo")
    assert results.count() == 5
    assert not results.capped
    assert headlines("aleppo") == ["Aleppo 4", "Aleppo 1", "Story 5", "Story 3", "Story 2"]


def test_the_cap_counts_public_matches_only(monkeypatch):
    """Newer drafts and scheduled articles take no place among the ranked matches."""
    monkeypatch.setattr(search_module, "MAX_RANKED", 3)
    make_article("Aleppo old", body="Aleppo.")
    make_article("Story old", body="The city of Aleppo.")
    make_article("Story newer", body="The city of Aleppo.")
    for n in range(3):
        make_article(f"Aleppo draft {n}", status=Article.Status.DRAFT)
    results = search("aleppo")
    assert results.count() == 3
    assert not results.capped
    assert headlines("aleppo") == ["Aleppo old", "Story newer", "Story old"]


def test_the_page_says_there_are_more(client, monkeypatch, five_aleppo_stories):
    monkeypatch.setattr(search_module, "MAX_RANKED", 3)
    response = client.get(SEARCH, {"q": "aleppo"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "More than 3 articles match “aleppo”" in html
    assert "the 3 most recent" in html
    assert "Add a word to narrow your search." in html
    assert "5 articles" not in html
    assert '<p class="result-count">3 articles' not in html
    assert html.count('class="card"') == 3
    assert html.index(">Aleppo 4</a>") < html.index(">Story 5</a>") < html.index(">Story 3</a>")
    assert ">Aleppo 1</a>" not in html
    assert "<h1>Search results</h1>" in html
    assert 'role="search"' in html


def test_an_uncapped_query_shows_the_exact_count(client, monkeypatch, five_aleppo_stories):
    monkeypatch.setattr(search_module, "MAX_RANKED", 3)
    make_article("Kerry in Geneva", body="Talks on Aleppo.")
    make_article("Kerry in Moscow")
    html = client.get(SEARCH, {"q": "kerry"}).content.decode()
    assert "2 articles match “kerry”." in html
    assert "More than" not in html
    html = client.get(SEARCH, {"q": "kerry geneva"}).content.decode()
    assert "1 article matches “kerry geneva”." in html


def test_pages_stop_at_the_cap(client, monkeypatch):
    monkeypatch.setattr(search_module, "MAX_RANKED", 25)
    for n in range(30):
        make_article(f"Aleppo report {n}")
    pages = [client.get(SEARCH, {"q": "aleppo", "page": n}).content.decode() for n in (1, 2, 3)]
    assert "More than 25 articles match" in pages[0]
    assert [page.count('class="card"') for page in pages] == [10, 10, 5]
    assert "Page 1 of 3" in pages[0]
    assert ">Aleppo report 5</a>" in pages[2]  # the 25 newest: reports 5 to 29
    assert ">Aleppo report 4</a>" not in "".join(pages)
    assert client.get(SEARCH, {"q": "aleppo", "page": 4}).status_code == 404


def test_the_real_cap_is_written_with_a_thousands_separator(client, monkeypatch):
    """Pretend the engine found more than ``MAX_RANKED`` matches: the count stops at the cap."""
    make_article("Aleppo under siege")
    real = search_module.engine()

    class Plenty:
        def candidates(self, cursor, terms, public_sql, params, most):
            (hit,) = real.candidates(cursor, terms, public_sql, params, most)
            return [hit] * most

        def snippets(self, *args):
            return real.snippets(*args)

    monkeypatch.setattr(search_module, "engine", Plenty)
    monkeypatch.setattr(search_module, "MAX_RANKED", 1000)
    assert search("aleppo").capped
    html = client.get(SEARCH, {"q": "aleppo"}).content.decode()
    assert "More than 1,000 articles match “aleppo”" in html
    assert "the 1,000 most recent" in html
