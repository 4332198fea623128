"""Issue 16, "readers trust": search ranking, snippets, sort and section filter; the
"Corrected" link; a withdrawal's reason; the About, Contact and Corrections-policy pages
editors manage; the favicon; quotes shown once and whole. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape
from pathlib import Path

import pytest
from django.contrib.flatpages.models import FlatPage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Correction, Quote, Speaker, StatusChange
from articles.reader_pages import ensure_pages
from tests.test_search import make_article
from tests.test_workflow import PASSWORD, make_user

pytestmark = pytest.mark.django_db
SEARCH = reverse("articles:search")
REAL = Path(__file__).parent / "data" / "real" / "612_waterloo_cul_de_sac.txt"


def story(
    headline: str,
    *,
    standfirst: str = "Nothing much happened.",
    body: str = "Nobody said anything at all.",
    section: str = "World",
    days_ago: float = 0,
    status: str = Article.Status.PUBLISHED,
) -> Article:
    """A published, indexed story ``days_ago`` old in ``section``."""
    return make_article(
        headline,
        standfirst=standfirst,
        body=body,
        section=section,
        status=status,
        published_at=timezone.now() - timedelta(days=days_ago),
    )


def fillers(n: int = 40) -> None:
    """Stories that match nothing searched here: a word is rare in a real archive."""
    for i in range(n):
        story(f"Filler story {i}", body="The weather was mild and the markets were calm.")


def hits(html: str) -> list[str]:
    """The result headlines of a search page, in order."""
    return [unescape(h) for h in re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', html)]


def snippets(html: str) -> list[str]:
    return [
        unescape(re.sub(r"<[^>]+>", "", s))
        for s in re.findall(r'<p class="snippet">(.*?)</p>', html, re.S)
    ]


def real_story(days_ago: float = 2) -> Article:
    lines = REAL.read_text(encoding="utf-8").split("\n")
    return story(
        "Waterloo council delays land sale after neighbours object",
        standfirst=lines[3],
        body="\n".join(lines[5:]).strip(),
        days_ago=days_ago,
    )


# --- search ----------------------------------------------------------------------------------


def test_one_real_story_ranks_above_ten_short_headlines_that_name_the_place(client):
    fillers()
    real = real_story(days_ago=2)
    for i in range(10):
        story(f"Waterloo update {i}", standfirst="An update.", body="More details will follow.")
    for i in range(3):  # a passing mention in the text
        story(f"Traffic report {i}", body="Roads near Waterloo were slow this morning.")
    html = client.get(SEARCH, {"q": "waterloo"}).content.decode()
    assert hits(html)[0] == real.headline
    assert "Waterloo update 9" in hits(html)  # found, below it


def test_a_month_old_story_gives_way_to_an_equal_one_of_today(client):
    fillers()
    story("Flood warning for Kendal", body="Kendal braces for floods.", days_ago=60)
    story("Flood warning for Kendal again", body="Kendal braces for floods.", days_ago=0)
    assert hits(client.get(SEARCH, {"q": "kendal"}).content.decode())[0].endswith("again")


def test_the_snippet_never_repeats_the_headline(client):
    fillers()
    real_story()
    story(
        "Waterloo mayor speaks",
        standfirst="The mayor spoke to reporters.",
        body="He said little of note.",
    )
    html = client.get(SEARCH, {"q": "waterloo"}).content.decode()
    shown = dict(zip(hits(html), snippets(html), strict=True))
    assert len(shown) == 2
    for headline, snippet in shown.items():
        assert snippet and snippet != headline and headline not in snippet
    # The match is in the real story's text: its passage, from the body or standfirst.
    assert "Waterloo" in shown["Waterloo council delays land sale after neighbours object"]
    # Only the headline matches: the standfirst stands in.
    assert shown["Waterloo mayor speaks"] == "The mayor spoke to reporters."


def test_sort_by_date_puts_the_newest_first(client):
    fillers()
    real_story(days_ago=0.5)
    story("Waterloo brief", body="Waterloo was quiet.", days_ago=3)
    story("Old Waterloo brief", body="Waterloo was quiet then.", days_ago=9)
    newest = hits(client.get(SEARCH, {"q": "waterloo", "sort": "date"}).content.decode())
    assert newest == [
        "Waterloo council delays land sale after neighbours object",
        "Waterloo brief",
        "Old Waterloo brief",
    ]


def test_section_filter_keeps_one_sections_stories(client):
    fillers()
    story("Waterloo match report", body="Waterloo won at home.", section="Sport")
    story("Waterloo council news", body="Waterloo council met.", section="Politics")
    html = client.get(SEARCH, {"q": "waterloo", "section": "sport"}).content.decode()
    assert hits(html) == ["Waterloo match report"]
    assert '<option value="sport" selected>' in html


def test_sort_and_section_are_form_controls_and_the_page_has_one_search_box(client):
    story("Anything", section="Sport")
    html = client.get(SEARCH, {"q": "anything"}).content.decode()
    assert html.count('role="search"') == 1
    assert html.count('type="search"') == 1
    assert 'id="site-search"' not in html  # the header's box is not on this page
    assert '<select id="search-section" name="section">' in html
    assert 'name="sort" value="date"' in html and 'name="sort" value="relevance"' in html
    assert '<label for="search-section">Section</label>' in html


def test_pagination_keeps_the_query_sort_and_section(client, settings):
    for i in range(25):
        story(f"Harbour story {i}", body="The harbour was busy.", section="Business")
    html = client.get(SEARCH, {"q": "harbour", "sort": "date", "section": "business"}).content
    links = re.findall(r'href="\?([^"]+)" rel="next"', html.decode())
    assert links == ["q=harbour&amp;sort=date&amp;section=business&amp;page=2"]
    second = client.get(f"{SEARCH}?q=harbour&sort=date&section=business&page=2")
    assert second.status_code == 200 and hits(second.content.decode())


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"q": "harbour", "sort": "sideways"}, "Unknown sort order"),
        ({"q": "harbour", "section": "no-such-section"}, "No such section"),
        ({"q": "harbour", "section": "x" * 5000, "sort": "\u2603"}, "No such section"),
    ],
)
def test_an_unknown_sort_or_section_is_ignored_with_a_message(client, query, message):
    story("Harbour story", body="The harbour was busy.")
    response = client.get(SEARCH, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and hits(html) == ["Harbour story"]


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        f"{SEARCH}?q=harbour",
        f"{SEARCH}?q=harbour&sort=date&section=world",
        "/about/",
        "ARTICLE",
    ],
)
def test_query_counts_stay_fixed_with_1_and_50_articles(client, url):
    ensure_pages()

    def make(n: int) -> Article:
        first = None
        for i in range(n):
            article = story(f"Harbour story {i}", body="The harbour was busy. " * 20)
            Correction.objects.create(article=article, note="A name was misspelt.")
            Quote.objects.create(article=article, text="We will win,", block=0, position=0)
            first = first or article
        return first

    first = make(1)
    target = first.get_absolute_url() if url == "ARTICLE" else url
    one = count_queries(client, target)
    make(49)
    assert count_queries(client, target) == one
    assert one <= 7


# --- the article page ------------------------------------------------------------------------


def test_corrected_beside_the_date_links_to_the_correction_note(client):
    article = story("A story with a mistake")
    assert "Corrected" not in client.get(article.get_absolute_url()).content.decode()
    Correction.objects.create(article=article, note="An earlier version misspelt a name.")
    latest = Correction.objects.create(article=article, note="The date was wrong.")
    html = client.get(article.get_absolute_url()).content.decode()
    meta = re.search(r'<p class="meta">(.*?)</p>', html, re.S).group(1)
    assert f'<a class="corrected" href="#correction-{latest.pk}">Corrected</a>' in meta
    assert f'<li id="correction-{latest.pk}">' in html
    assert 'id="corrections"' in html


def _quote(article, text, speaker, block, start, position):
    return Quote.objects.create(
        article=article,
        text=text,
        speaker=speaker,
        block=block,
        start=start,
        end=start + len(text),
        position=position,
    )


def test_quotes_are_listed_once_whole_and_with_clean_punctuation(client):
    body = (
        '"We will win," he said, "whatever it takes."\n\n'
        '"There is no military victory," Kerry said.\n\n'
        '"There is no military victory," he said again.'
    )
    article = story("Talks", body=body)
    kerry = Speaker.objects.create(name="John Kerry", slug="john-kerry")
    _quote(article, "We will win,", kerry, 0, 1, 0)
    _quote(article, "whatever it takes.", kerry, 0, body.index("whatever"), 1)
    _quote(article, "There is no military victory,", kerry, 1, 1, 2)
    _quote(article, "There is no military victory,", kerry, 2, 1, 3)
    html = client.get(article.get_absolute_url()).content.decode()
    section = html[html.index('id="quotes-heading"') :]
    quotes = [unescape(q) for q in re.findall(r"<blockquote[^>]*><p>(.*?)</p>", section)]
    assert quotes == ["We will win, whatever it takes.", "There is no military victory."]
    assert section.count(">John Kerry</a>") == 1  # grouped under the speaker, once


# --- withdrawal ------------------------------------------------------------------------------


@pytest.fixture
def editor():
    from django.test import Client

    make_user("editor", "Editors")
    client = Client()
    client.login(username="editor", password=PASSWORD)
    return client


def change_form(article: Article, **changes) -> dict:
    """What the article's change form posts, as an Editor's browser would."""
    from tests.admin_forms import main_form

    data = dict(main_form(changes.pop("_html")))
    data.update(changes)
    return data


def test_the_withdraw_button_asks_for_a_reason_and_readers_see_it(client, editor):
    article = story("A story to withdraw")
    url = reverse("admin:articles_article_change", args=[article.pk])
    page = editor.get(url).content.decode()
    assert 'name="withdrawal_reason"' in page and "Reason for withdrawal" in page
    refused = editor.post(url, change_form(article, _html=page, _action="withdraw"))
    assert refused.status_code == 200
    assert "Say why the story is withdrawn" in refused.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    reason = "A court order: the story named a protected witness."
    done = editor.post(
        url, change_form(article, _html=page, _action="withdraw", withdrawal_reason=reason)
    )
    assert done.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.WITHDRAWN
    assert StatusChange.objects.filter(article=article).latest().comment == reason
    gone = client.get(article.get_absolute_url())
    assert gone.status_code == 410
    assert reason in unescape(gone.content.decode())


def test_withdrawing_through_the_api_needs_the_reason_too(client):
    from rest_framework.authtoken.models import Token

    article = story("An API withdrawal")
    token = Token.objects.create(user=make_user("api-editor", "Editors"))
    url = reverse("api:article-workflow", args=[article.slug])
    auth = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    refused = client.post(url, {"action": "withdraw"}, content_type="application/json", **auth)
    assert refused.status_code == 400
    assert "Say why" in str(refused.json())
    done = client.post(
        url,
        {"action": "withdraw", "comment": "Legal advice."},
        content_type="application/json",
        **auth,
    )
    assert done.status_code == 200, done.content
    assert "Legal advice." in client.get(article.get_absolute_url()).content.decode()


# --- pages editors manage --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/about/", "About Newsroom"),
        ("/contact/", "Contact us"),
        ("/corrections-policy/", "Corrections policy"),
    ],
)
def test_the_footer_pages_answer_and_every_page_links_them(client, url, title):
    ensure_pages()
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html
    assert html.count('role="search"') == 1
    home = client.get("/").content.decode()
    footer = home[home.index('<footer class="site-footer">') :]
    assert f'href="{url}"' in footer


def test_an_editor_edits_the_about_page_in_the_admin_and_readers_see_it(client, editor):
    from tests.admin_forms import main_form

    ensure_pages()
    page = FlatPage.objects.get(url="/about/")
    assert client.get("/about/").status_code == 200  # cached now, for anonymous readers
    url = reverse("admin:flatpages_flatpage_change", args=[page.pk])
    form = editor.get(url)
    assert form.status_code == 200
    data = dict(main_form(form.content.decode()))
    data["content"] = "<p>We are a small newsroom.</p>"
    assert editor.post(url, data).status_code == 302
    assert "We are a small newsroom." in client.get("/about/").content.decode()


def test_writers_may_read_the_pages_in_the_admin_but_not_change_them():
    writer = make_user("writer", "Writers")
    editor = make_user("editor2", "Editors")
    assert writer.has_perm("flatpages.view_flatpage")
    assert not writer.has_perm("flatpages.change_flatpage")
    for action in ("add", "change", "delete", "view"):
        assert editor.has_perm(f"flatpages.{action}_flatpage")


def test_an_unknown_page_is_a_404(client):
    assert client.get("/pages/no-such-page/").status_code == 404


def test_feeds_keep_the_requests_host_with_sites_installed(client, settings):
    settings.ALLOWED_HOSTS = ["news.example.net"]
    story("A story for the feed")
    xml = client.get("/feed/", HTTP_HOST="news.example.net").content.decode()
    assert "http://news.example.net/articles/" in xml
    assert "example.com/articles" not in xml


# --- favicon ---------------------------------------------------------------------------------


def test_the_favicon_is_named_by_every_page_and_favicon_ico_redirects_to_it(client):
    html = client.get("/").content.decode()
    icon = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html)
    assert icon and icon.group(1).endswith(".svg")
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == icon.group(1)


def test_fts5_token_counts_are_read_as_sqlites_varints():
    from articles.search import varints

    assert varints(b"\x03\x03\x84\x26\x00") == [3, 3, 550, 0]
    assert varints(None) == []


def test_restoring_a_withdrawn_version_keeps_its_reason(client, editor):
    from reversion.models import Version

    from tests.admin_forms import main_form

    article = story("A story withdrawn, published again, then withdrawn by a restore")
    url = reverse("admin:articles_article_change", args=[article.pk])
    reason = "The named source retracted the claim."
    page = editor.get(url).content.decode()
    editor.post(url, change_form(article, _html=page, _action="withdraw", withdrawal_reason=reason))
    page = editor.get(url).content.decode()
    assert editor.post(url, change_form(article, _html=page, _action="publish")).status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    withdrawn = next(
        v
        for v in Version.objects.get_for_object(article)
        if v.field_dict["status"] == Article.Status.WITHDRAWN
    )
    revision = reverse("admin:articles_article_revision", args=[article.pk, withdrawn.pk])
    form = dict(main_form(editor.get(revision).content.decode()))
    assert editor.post(revision, form).status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.WITHDRAWN
    gone = client.get(article.get_absolute_url())
    assert gone.status_code == 410 and reason in unescape(gone.content.decode())


def test_the_quotes_and_speaker_pages_show_quotes_with_clean_punctuation(client):
    article = story("Talks", body='"There is no military victory," Kerry said.')
    kerry = Speaker.objects.create(name="John Kerry", slug="john-kerry")
    _quote(article, "There is no military victory,", kerry, 0, 1, 0)
    for url in (reverse("articles:quotes"), kerry.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "<p>There is no military victory.</p>" in html, url
        assert "victory,</p>" not in html
