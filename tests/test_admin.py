"""The editors' admin through the test client, as the demo editor."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, Quote, Speaker
from tests.test_views import make_articles

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    out = StringIO()
    call_command("demo_editor", "--password", "correct horse battery", stdout=out)
    assert "editor / correct horse battery" in out.getvalue()
    assert client.login(username="editor", password="correct horse battery")
    return client


CHANGELISTS = [
    "articles_article",
    "articles_source",
    "articles_quote",
    "articles_speaker",
    "articles_tag",
]


@pytest.mark.parametrize("model", CHANGELISTS)
def test_changelists_make_no_query_per_row(editor_client, model):
    url = reverse(f"admin:{model}_changelist")
    make_articles(1)
    with CaptureQueriesContext(connection) as one:
        assert editor_client.get(url).status_code == 200
    Article.objects.all().delete()
    make_articles(40)
    with CaptureQueriesContext(connection) as many:
        assert editor_client.get(url).status_code == 200
    assert len(many) == len(one)


def test_article_list_shows_quote_count_and_filters(editor_client, imported_article):
    url = reverse("admin:articles_article_changelist")
    html = editor_client.get(url).content.decode()
    assert imported_article.headline in html
    assert ">13<" in html  # the quote count column
    section = f"section__id__exact={imported_article.section_id}"
    for query in ["status=published", section, "tag=aleppo", "q=Peskov"]:
        response = editor_client.get(f"{url}?{query}")
        assert response.status_code == 200
        assert imported_article.headline in response.content.decode(), query


def test_article_change_page_has_quotes_inline_and_provenance(editor_client, imported_article):
    url = reverse("admin:articles_article_change", args=[imported_article.pk])
    html = editor_client.get(url).content.decode()
    assert "intrepid but delusional" in html
    assert "2259122" in html  # outlet id, read-only
    assert 'name="original_url"' not in html
    assert "View on site" in html


def test_publish_and_unpublish_actions(editor_client, imported_article):
    url = reverse("admin:articles_article_changelist")
    data = {"action": "unpublish", "_selected_action": [imported_article.pk]}
    editor_client.post(url, data)
    assert Article.objects.get().status == Article.Status.DRAFT
    editor_client.post(url, {**data, "action": "publish"})
    assert Article.objects.get().status == Article.Status.PUBLISHED


def test_editor_fixes_a_speaker_and_reimport_keeps_it(editor_client, imported_article, tmp_path):
    quote = Quote.objects.get(position=11)
    other = Speaker.objects.create(
        name="World Health Organisation", slug="who", kind=Speaker.Kind.ORGANISATION
    )
    url = reverse("admin:articles_quote_change", args=[quote.pk])
    response = editor_client.post(
        url,
        {
            "text": quote.text,
            "speaker": other.pk,
            "role": "",
            "block": quote.block,
            "start": quote.start,
            "end": quote.end,
            "position": quote.position,
            "article": imported_article.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    quote.refresh_from_db()
    assert quote.speaker == other and quote.speaker_fixed
    call_command("import_seeds", "--overwrite", str(_changed_seed(tmp_path)), verbosity=0)
    assert Quote.objects.get(position=11).speaker == other


def _changed_seed(tmp_path):
    from tests.conftest import REFERENCE_SEED

    seed = tmp_path / "seed.txt"
    seed.write_text(REFERENCE_SEED.read_text().replace("Medical supplies", "Medicine"))
    return seed


def test_merge_speakers_moves_all_quotes(editor_client, imported_article):
    kerry = Speaker.objects.get(name="John Kerry")
    duplicate = Speaker.objects.create(name="Secretary Kerry", slug="secretary-kerry")
    Quote.objects.filter(position=2).update(speaker=duplicate)
    url = reverse("admin:articles_speaker_changelist")
    selected = {"action": "merge_speakers", "_selected_action": [kerry.pk, duplicate.pk]}
    response = editor_client.post(url, selected)
    assert response.status_code == 200 and "Merge speakers" in response.content.decode()
    editor_client.post(url, {**selected, "target": kerry.pk})
    assert not Speaker.objects.filter(pk=duplicate.pk).exists()
    assert kerry.quotes.count() == 2
    kerry.refresh_from_db()
    assert "Secretary Kerry" in kerry.aliases


def test_admin_requires_login(client):
    response = client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 302
    assert get_user_model().objects.count() == 0
