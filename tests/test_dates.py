"""Dates readers can trust (issue 15): an imported article's date comes from its URL where the URL
carries one, else it is the time the wire delivered it, labelled so; times carry their time zone;
an editor's change to a live story adds "Updated"; the page, JSON-LD and feeds agree."""

from __future__ import annotations

import importlib
import json
import re
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import pytest
from django.apps import apps
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from articles.importer import EXTRACTION_VERSION, SeedImporter
from articles.models import Article
from articles.seeds.dates import date_from_url
from articles.seeds.pool import understand_file
from tests.conftest import EXAMPLES, REFERENCE_SEED, run_import_seeds
from tests.test_migrations import SchemaEditor
from tests.test_migrations import article as article_before_migrations
from tests.test_workflow import change_url, editor, form_data  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db

DATED_SEED = EXAMPLES / "004_antarctic_ice_core.txt"  # .../science/2024/mar/12/antarctic-...
REAL = Path(__file__).parent / "data" / "real"

dates_migration = importlib.import_module("articles.migrations.0012_article_dates")


def page(client, article: Article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def json_ld(html: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def time_elements(html: str) -> list[tuple[str, str]]:
    """The (datetime attribute, text) of each ``<time>`` in the article's header."""
    meta = re.search(r'<p class="meta">(.*?)</p>', html, re.S).group(1)
    return re.findall(r'<time datetime="([^"]+)">([^<]+)</time>', meta)


def feed_entry(client, name: str, article: Article):
    parsed = feedparser.parse(client.get(reverse(name)).content)
    (entry,) = [e for e in parsed.entries if e.title == article.headline]
    return entry


def test_a_dated_url_gives_the_date_and_page_json_ld_and_feeds_agree(client):
    code, _out, _err = run_import_seeds(str(DATED_SEED))
    assert code == 0
    article = Article.objects.get()

    noon = datetime(2024, 3, 12, 12, tzinfo=UTC)  # TIME_ZONE is UTC in the tests
    assert (article.published_at, article.date_basis) == (noon, Article.DateBasis.URL)
    html = page(client, article)
    # A URL gives a day, not a time: the page says the day.
    assert "Published <time" in html and "Received from the wire" not in html
    assert time_elements(html) == [(noon.isoformat(), "12 March 2024")]
    data = json_ld(html)
    assert data["datePublished"] == data["dateModified"] == noon.isoformat()
    assert f'article:published_time" content="{noon.isoformat()}"' in html
    rss = feed_entry(client, "articles:feed", article)
    assert datetime(*rss.published_parsed[:6], tzinfo=UTC) == noon
    atom = feed_entry(client, "articles:feed_atom", article)
    assert datetime(*atom.published_parsed[:6], tzinfo=UTC) == noon
    assert datetime(*atom.updated_parsed[:6], tzinfo=UTC) == noon


def test_the_kerry_seed_carries_no_date_and_shows_when_the_wire_delivered_it(client):
    before = timezone.now()
    run_import_seeds(str(REFERENCE_SEED))
    article = Article.objects.get()

    assert article.date_basis == Article.DateBasis.WIRE
    assert before <= article.published_at <= timezone.now()
    html = page(client, article)
    assert "Received from the wire <time" in html
    ((iso, text),) = time_elements(html)
    assert datetime.fromisoformat(iso) == article.published_at
    assert text.endswith(" UTC")  # the time zone is said
    assert json_ld(html)["datePublished"] == iso
    listing = client.get(reverse("articles:list")).content.decode()
    assert f'Received from the wire <time datetime="{iso}">{text}</time>' in listing


@override_settings(TIME_ZONE="Asia/Kolkata")
def test_times_are_shown_in_the_configured_time_zone(client):
    run_import_seeds(str(REFERENCE_SEED), str(DATED_SEED))
    wire = Article.objects.get(date_basis=Article.DateBasis.WIRE)
    dated = Article.objects.get(date_basis=Article.DateBasis.URL)

    assert dated.published_at == datetime(2024, 3, 12, 12, tzinfo=ZoneInfo("Asia/Kolkata"))
    ((iso, text),) = time_elements(page(client, wire))
    assert iso.endswith("+05:30") and text.endswith(" IST")
    ((iso, text),) = time_elements(page(client, dated))
    assert (iso, text) == ("2024-03-12T12:00:00+05:30", "12 March 2024")


def test_a_date_from_the_url_is_never_in_the_future():
    zone = timezone.get_default_timezone()
    early = datetime(2026, 5, 6, 8, 30, tzinfo=zone)  # the URL's day, before its noon
    article = Article()
    article.date_from_wire("https://example.com/2026/05/06/story", early)
    assert (article.published_at, article.date_basis) == (early, Article.DateBasis.URL)
    article.date_from_wire("https://example.com/2026/05/07/tomorrow", early)
    assert (article.published_at, article.date_basis) == (early, Article.DateBasis.WIRE)


def test_a_draft_import_keeps_its_date_for_when_it_is_published():
    run_import_seeds("--draft", str(DATED_SEED), str(REFERENCE_SEED))
    assert Article.objects.get(date_basis=Article.DateBasis.URL).published_at.date() == date(
        2024, 3, 12
    )
    assert Article.objects.get(date_basis=Article.DateBasis.WIRE).published_at is not None


def test_a_changed_seed_does_not_move_the_date_and_adds_updated(client, tmp_path):
    seed = tmp_path / "seed.txt"
    shutil.copy(REFERENCE_SEED, seed)
    run_import_seeds(str(seed))
    article = Article.objects.get()
    received = article.published_at
    run_import_seeds(str(seed))  # the same seed again: nothing changes
    article.refresh_from_db()
    assert article.content_updated_at is None

    seed.write_text(seed.read_text().replace("Medical supplies", "Medicine"))
    code, out, _err = run_import_seeds(str(seed))

    assert code == 0 and "1 updated" in out
    article.refresh_from_db()
    assert article.published_at == received
    assert article.date_basis == Article.DateBasis.WIRE
    assert article.content_updated_at is not None
    html = page(client, article)
    assert " · Updated <time" in html
    assert (
        json_ld(html)["dateModified"] == timezone.localtime(article.content_updated_at).isoformat()
    )


def test_an_editors_change_adds_updated_and_json_ld_and_feeds_agree(editor, client):  # noqa: F811
    run_import_seeds(str(DATED_SEED))
    article = Article.objects.get()
    assert "Updated" not in page(editor, article)

    response = editor.post(
        change_url(article), form_data(article, headline="Ice core shows an ancient warm spell")
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.content_updated_at is not None
    assert article.date_basis == Article.DateBasis.URL  # the date was not touched
    client.logout()
    html = page(client, article)
    published, updated = time_elements(html)
    assert published == ("2024-03-12T12:00:00+00:00", "12 March 2024")
    assert updated[0] == timezone.localtime(article.content_updated_at).isoformat()
    assert updated[1].endswith(" UTC")
    assert f'· Updated <time datetime="{updated[0]}">' in html
    assert json_ld(html)["dateModified"] == updated[0]
    atom = feed_entry(client, "articles:feed_atom", article)
    assert datetime(*atom.updated_parsed[:6], tzinfo=UTC) == article.content_updated_at.replace(
        microsecond=0
    )


def test_a_save_that_changes_no_content_adds_no_updated_line(editor):  # noqa: F811
    run_import_seeds(str(REFERENCE_SEED))
    article = Article.objects.get()
    assert editor.post(change_url(article), form_data(article)).status_code == 302
    article.refresh_from_db()
    assert article.content_updated_at is None


def test_a_save_as_a_browser_sends_it_with_crlf_line_breaks_changes_nothing(editor):  # noqa: F811
    """A textarea's text comes back with CRLF line breaks: the body is the same body."""
    run_import_seeds(str(REFERENCE_SEED))
    article = Article.objects.get()
    crlf = {name: getattr(article, name).replace("\n", "\r\n") for name in ("standfirst", "body")}
    response = editor.post(change_url(article), form_data(article, **crlf), follow=True)
    assert response.status_code == 200
    article.refresh_from_db()
    assert "\r" not in article.body
    assert article.content_updated_at is None and not article.edited_since_import
    assert not any("quotes" in str(m) for m in response.context["messages"])


def test_editing_a_draft_is_not_an_update(editor):  # noqa: F811
    run_import_seeds("--draft", str(REFERENCE_SEED))
    article = Article.objects.get()
    response = editor.post(change_url(article), form_data(article, headline="A better headline"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.content_updated_at is None


def test_a_date_an_editor_sets_is_the_editors(editor, client):  # noqa: F811
    run_import_seeds(str(REFERENCE_SEED))
    article = Article.objects.get()
    when = timezone.now().replace(microsecond=0) - timedelta(days=2)

    response = editor.post(change_url(article), form_data(article, published_at=when))

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.published_at, article.date_basis) == (when, Article.DateBasis.EDITOR)
    assert article.content_updated_at is None  # a date is not the story's content
    client.logout()
    html = page(client, article)
    assert "Received from the wire" not in html
    ((iso, text),) = time_elements(html)
    assert iso == when.isoformat() and text.endswith(" UTC")


def stored_article(n: int, url: str, published_at: datetime | None, *, imported: bool) -> Article:
    """An article as a database holds it before migration 0012: no date basis yet."""
    status = Article.Status.PUBLISHED if published_at else Article.Status.DRAFT
    imported_at = timezone.now() if imported else None
    return article_before_migrations(
        n, url, status, published_at=published_at, imported_at=imported_at
    )


def test_0012_dates_imported_articles_from_their_urls_and_keeps_editors_dates():
    now = timezone.now()
    dated = stored_article(1, "https://example.com/2016/08/25/story", now, imported=True)
    undated = stored_article(2, "https://example.com/news/story-2", now, imported=True)
    chosen = now - timedelta(days=5)
    edited = stored_article(3, "https://example.com/2016/08/26/story", chosen, imported=True)
    written = stored_article(4, "https://example.com/2016/08/27/story", now, imported=False)
    draft = stored_article(5, "https://example.com/2019/01/02/draft", None, imported=True)

    dates_migration.set_date_basis(apps, SchemaEditor())

    rows = {a.pk: (a.published_at, a.date_basis) for a in Article.objects.all()}
    noon = datetime(2016, 8, 25, 12, tzinfo=UTC)
    assert rows[dated.pk] == (noon, "url")
    assert rows[undated.pk] == (now, "wire")
    assert rows[edited.pk] == (chosen, "editor")  # an editor's date is not moved
    assert rows[written.pk] == (now, "editor")
    assert rows[draft.pk] == (datetime(2019, 1, 2, 12, tzinfo=UTC), "url")


# The real articles' URLs (tests/data/real, their seeds' first lines) that carry a full date,
# checked by hand: the figure the README gives.
REAL_DATED = {
    "https://onlinearabnews.com/2019/02/05/jarrah-after-ministerial-statement-meeting-we-have-"
    "finalized-statement-drafting/": date(2019, 2, 5),
    "https://upnewsinfo.com/2020/05/27/man-who-recorded-ahmaud-arberys-murder-arrested/": date(
        2020, 5, 27
    ),
    "https://www.rte.ie/news/dublin/2025/0730/1526078-dublin-garda": date(2025, 7, 30),
    "https://www.shropshirestar.com/uk-news/2025/09/29/emergency-services-respond-to-fatal-"
    "incident-in-co-louth/": date(2025, 9, 29),
    "https://inqld.com.au/news/2020/04/02/premier-says-no-need-for-nq-to-face-additional-"
    "restrictions/": date(2020, 4, 2),
    "https://laoferta.com/2018/05/24/iise-announces-list-of-10-most-important-newly-discovered-"
    "biological-species/": date(2018, 5, 24),
}


def test_six_of_the_46_real_urls_carry_a_date_and_no_other_gets_one():
    urls = [
        path.read_text(encoding="utf-8-sig").splitlines()[0].strip()
        for path in sorted(REAL.glob("*.txt"))
    ]
    assert len(urls) == 46
    found = {url: date_from_url(url, today=date(2026, 12, 6)) for url in urls}
    assert {url: day for url, day in found.items() if day} == REAL_DATED


def test_a_correction_to_a_live_story_adds_updated(editor, client):  # noqa: F811
    run_import_seeds(str(REFERENCE_SEED))
    article = Article.objects.get()
    now = timezone.localtime()
    data = form_data(article)
    data.update(
        {
            "corrections-TOTAL_FORMS": 1,
            "corrections-0-note": "An earlier version misspelt Aleppo.",
            "corrections-0-created_at_0": now.strftime("%Y-%m-%d"),
            "corrections-0-created_at_1": now.strftime("%H:%M:%S"),
        }
    )

    response = editor.post(change_url(article), data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.corrections.count() == 1
    assert article.content_updated_at is not None
    client.logout()
    html = page(client, article)
    assert "misspelt Aleppo" in html and " · Updated <time" in html


def test_an_update_before_the_date_an_editor_later_set_is_not_shown(editor, client):  # noqa: F811
    run_import_seeds(str(REFERENCE_SEED))
    article = Article.objects.get()
    editor.post(change_url(article), form_data(article, headline="A first fix"))
    article.refresh_from_db()
    assert article.content_updated_at is not None
    # Then an editor moves the date past that update (as a form save would, after it).
    later = timezone.now().replace(microsecond=0) - timedelta(minutes=1)
    Article.objects.filter(pk=article.pk).update(
        published_at=later, content_updated_at=later - timedelta(minutes=1)
    )

    client.logout()
    html = page(client, article)

    assert "Updated" not in html
    assert json_ld(html)["dateModified"] == json_ld(html)["datePublished"] == later.isoformat()


def test_a_file_saved_on_its_own_is_dated_as_a_batch_is():
    """The importer's one-file path (a batch that failed is saved again file by file) dates new
    articles as the bulk path does."""
    importer = SeedImporter()
    for seed in (DATED_SEED, REFERENCE_SEED):
        importer.save_draft(understand_file(seed, EXTRACTION_VERSION).draft, str(seed))

    dated = Article.objects.get(original_url__contains="/2024/mar/12/")
    assert (dated.published_at, dated.date_basis) == (
        datetime(2024, 3, 12, 12, tzinfo=UTC),
        Article.DateBasis.URL,
    )
    assert Article.objects.get(date_basis=Article.DateBasis.WIRE).published_at is not None


def test_the_sitemap_gives_the_page_s_date_modified(client):
    run_import_seeds(str(DATED_SEED))
    article = Article.objects.get()

    xml = client.get("/sitemap-articles.xml").content.decode()

    modified = json_ld(page(client, article))["dateModified"]
    assert modified == "2024-03-12T12:00:00+00:00"  # not the import's updated_at
    entry = re.search(rf"<loc>[^<]*{article.get_absolute_url()}</loc><lastmod>([^<]+)<", xml)
    assert entry.group(1) == modified[:10]  # a sitemap gives the day
