"""Comparing revisions in the admin, as an editor does: from the history page, word by word,
with tags, quotes, corrections and status; bad ids are 404s; the first save changes no date."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.models import Article, Speaker
from tests.test_workflow import PASSWORD, change_url, form_data, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    make_user("editor", "Editors")
    client.login(username="editor", password=PASSWORD)
    return client


@pytest.fixture
def article(imported_article):
    """The reference seed, imported (published) through the command."""
    return imported_article


def compare_url(article: Article, **query: int) -> str:
    url = reverse("admin:articles_article_compare", args=[article.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def revisions(article: Article) -> list[int]:
    """The article's revision ids, newest first."""
    return [v.revision_id for v in Version.objects.get_for_object(article)]


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_the_first_save_changes_no_publication_date(editor, article):
    """The import's time has microseconds; the admin's date and time inputs hold seconds.
    A save that did not touch the date wrote it back cut to the second: a real change of
    ``published_at`` in the database, shown by every first compare."""
    published = article.published_at
    assert published.microsecond  # what an import writes (timezone.now())
    response = editor.post(change_url(article), form_data(article, headline="A new headline"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.published_at == published
    assert article.date_basis != Article.DateBasis.EDITOR
    html = editor.get(compare_url(article)).content.decode()
    assert "Publication date" not in html
    assert "A new headline" in html


def test_a_date_the_editor_changes_is_still_saved(editor, article):
    later = timezone.now().replace(microsecond=0) - timezone.timedelta(days=2)
    editor.post(change_url(article), form_data(article, published_at=later))
    article.refresh_from_db()
    assert article.published_at == later
    assert article.date_basis == Article.DateBasis.EDITOR
    assert "Publication date" in editor.get(compare_url(article)).content.decode()


def test_compare_shows_words_paragraphs_tags_quotes_and_status(editor, article):
    # A draft sent to review: quotes and corrections of a live story cannot wait in a
    # pending change, a draft's are saved with it.
    Article.objects.filter(pk=article.pk).update(status="draft")
    quote = article.quotes.order_by("position").first()
    body = article.body.replace(article.body.split("\n")[0], "A brand new first paragraph.", 1)
    data = form_data(
        article,
        headline=article.headline.replace("defends", "praises"),
        body=body,
        tags='"Climate", "Kerry"',
        status="review",
    )
    speaker = Speaker.objects.create(name="A Spokesman", slug="a-spokesman")
    data.update(
        {
            "quotes-TOTAL_FORMS": 1,
            "quotes-INITIAL_FORMS": 1,
            "quotes-0-id": quote.pk,
            "quotes-0-article": article.pk,
            "quotes-0-text": quote.text,
            "quotes-0-speaker": speaker.pk,
            "quotes-0-role": "",
            "corrections-TOTAL_FORMS": 1,
            "corrections-0-note": "An earlier version misnamed the minister.",
            "corrections-0-created_at_0": timezone.localdate().isoformat(),
            "corrections-0-created_at_1": "10:00:00",
        }
    )
    response = editor.post(change_url(article), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    response = editor.get(compare_url(article))
    assert response.status_code == 200
    html = response.content.decode()
    assert "@@" not in html and "<pre" not in html
    assert '<del><span class="visually-hidden">[deleted: </span>defends' in html
    assert '<ins><span class="visually-hidden">[inserted: </span>praises' in html
    assert "[inserted: A brand new first paragraph]" in text_of(html)
    assert "unchanged paragraph" in html  # the untouched body is folded
    text = text_of(html)
    assert "Status[before: Draft][after: In review]" in text
    assert "Added: Climate" in text
    assert f"Speaker changed: “{quote.text}”" in text and "A Spokesman" in text
    assert "Corrections Added Paragraph added: [inserted: An earlier version misnamed" in text
    assert 'href="/static/css/desk.css"' in html  # the admin's variables, dark mode too


def test_the_history_page_links_to_compare_each_revision_with_the_previous(editor, article):
    for headline in ("Second headline", "Third headline"):
        editor.post(change_url(article), form_data(article, headline=headline))
    newest, middle, oldest = revisions(article)
    history = editor.get(reverse("admin:articles_article_history", args=[article.pk]))
    html = history.content.decode()
    links = re.findall(r'href="([^"]*compare/\?new=\d+)"', html)
    assert links == [compare_url(article, new=middle), compare_url(article, new=newest)]
    assert f'name="old" value="{middle}"' in html and f'name="new" value="{newest}"' in html
    # Pressing the first link: the middle revision against the one before it (the import).
    page = text_of(editor.get(links[0]).content.decode())
    page = page.split("From the revision of")[1]
    assert "Second headline" in page and "Third headline" not in page
    # Two chosen revisions, oldest against newest.
    page = text_of(editor.get(compare_url(article, old=oldest, new=newest)).content.decode())
    page = page.split("From the revision of")[1]
    assert "Third headline" in page and "[deleted: ]Second" not in page


def test_bad_revision_ids_are_not_found(editor, article):
    editor.post(change_url(article), form_data(article, headline="Changed"))
    other = Article.objects.create(
        headline="Other", slug="other", standfirst="S.", body="B.", source=article.source,
        original_url="https://example.com/other", seed_line2="1", seed_line3="2",
    )  # fmt: skip
    editor.post(change_url(other), form_data(other, headline="Other changed"))
    foreign = revisions(other)[0]
    for query in ({"old": 999999}, {"new": "x"}, {"old": foreign}, {"new": foreign}):
        url = compare_url(article) + "?" + "&".join(f"{k}={v}" for k, v in query.items())
        assert editor.get(url).status_code == 404, query
    missing = reverse("admin:articles_article_compare", args=[999999])
    assert editor.get(missing).status_code == 404


def test_an_article_with_one_revision_or_none_says_so(editor, article):
    html = editor.get(compare_url(article)).content.decode()
    assert "There is only one revision so far" in html
    from articles.history import record_baseline

    record_baseline(article)
    (only,) = revisions(article)
    response = editor.get(compare_url(article, new=only))
    assert response.status_code == 200
    assert "There is only one revision so far" in response.content.decode()


def test_a_writer_compares_a_draft_but_needs_a_login(client, article):
    Article.objects.update(status="draft")
    url = compare_url(article)
    assert client.get(url).status_code == 302  # to the login page
    make_user("writer", "Writers")
    client.login(username="writer", password=PASSWORD)
    assert client.get(url).status_code == 200
