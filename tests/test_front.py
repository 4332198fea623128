"""Issue 16: the front page and the index pages (sections, tags, speakers), the speaker and tag
pages' cross-links and the quotes page's filter form, through the test client: what they show,
that every link on them answers, that they never show what readers may not see, that their
counts follow imports, publications and withdrawals, and their fixed query counts."""

from __future__ import annotations

import re
import time
from datetime import timedelta
from html import unescape

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.cards import salient_tags
from articles.models import Article, Quote, Section, Source, Speaker, Tag
from tests.conftest import EXAMPLES, REFERENCE_SEED

pytestmark = pytest.mark.django_db

NEW_PAGES = ["/", "/sections/", "/tags/", "/speakers/", "/latest/"]
SECTIONS = ["World", "Sport", "Business", "Science"]


def make_stories(n: int, *, start: int = 0, status: str = Article.Status.PUBLISHED) -> None:
    """``n`` stories spread over four sections, three speakers and a dozen tags, an hour apart."""
    source, _ = Source.objects.get_or_create(domain="example.com", defaults={"name": "Example"})
    speakers = [
        Speaker.objects.get_or_create(slug=f"speaker-{k}", defaults={"name": f"Speaker {k}"})[0]
        for k in range(3)
    ]
    tags = [
        Tag.objects.get_or_create(slug=f"topic-{k}", defaults={"name": f"Topic {k}"})[0]
        for k in range(12)
    ]
    now = timezone.now()
    for i in range(start, start + n):
        article = Article.objects.create(
            headline=f"Story {i} about Topic {i % 12}",
            slug=f"story-{i}",
            standfirst=f"A standfirst naming Topic {(i + 1) % 12}.",
            body="First paragraph.\n\nSecond paragraph.",
            source=source,
            section=Section.for_name(SECTIONS[i % len(SECTIONS)]),
            original_url=f"https://example.com/world/story-{i}",
            seed_line2="1",
            seed_line3="2",
            status=status,
            published_at=now - timedelta(hours=i),
        )
        article.tags.set([tags[(i + j) % 12] for j in range(6)])
        Quote.objects.bulk_create(
            Quote(
                article=article,
                speaker=speakers[(i + j) % 3],
                text=f"Words {j}.",
                block=0,
                position=j,
                role="minister" if j == 0 else "",
            )
            for j in range(4)
        )


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def links(html: str) -> list[str]:
    """The site's own links on a page (``<a href>``), without fragments."""
    found = {unescape(href).split("#")[0] for href in re.findall(r'<a [^>]*href="([^"]+)"', html)}
    return sorted(href for href in found if href.startswith("/") and not href.startswith("//"))


def main_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", unescape(html)))


# -- the front page ------------------------------------------------------------------------------


def test_front_page_has_a_lead_secondary_stories_rails_and_who_is_talking(client):
    make_stories(30)
    html = page(client, "/")
    lead = re.search(r'<article class="lead.*?</article>', html, re.S).group(0)
    assert "Story 0 about Topic 0" in lead  # the newest story leads
    secondary = re.findall(r'<article class="card secondary.*?</article>', html, re.S)
    assert len(secondary) == 6 and "Story 1 about" in secondary[0]
    for name in SECTIONS:  # a rail per section, with its newest stories but the top ones
        rail = re.search(
            rf'<section class="rail"[^>]*>\s*<h2[^>]*>'
            rf'<a href="/sections/{name.lower()}/".*?</section>',
            html,
            re.S,
        )
        assert rail, name
        assert len(re.findall(r"<li", rail.group(0))) == 4
    assert "Story 7 about" in html and "Story 30" not in html
    talking = re.search(r'<section class="talking".*?</section>', html, re.S).group(0)
    for k in range(3):
        assert f'href="/speakers/speaker-{k}/"' in talking
    assert "<blockquote" in talking and "minister" in talking
    assert 'href="/latest/"' in html


def test_cards_carry_at_most_three_tags_the_salient_first(client):
    make_stories(3)
    html = page(client, "/")
    for card in re.findall(r"<article class=\"(?:lead|card).*?</article>", html, re.S):
        assert len(re.findall(r'href="/tags/', card)) <= 3
    lead = re.search(r'<article class="lead.*?</article>', html, re.S).group(0)
    tags = re.findall(r'href="/tags/([^/]+)/"', lead)
    assert tags[0] == "topic-0"  # in the headline
    assert tags[1] == "topic-1"  # in the standfirst


def test_salience_puts_quoted_people_and_the_headline_first():
    article = Article(headline="Kerry meets Lavrov in Geneva", standfirst="Talks on Syria.")
    article.tag_list = [
        Tag(name="Syria", slug="syria", kind=Tag.Kind.PLACE),
        Tag(name="Geneva", slug="geneva", kind=Tag.Kind.PLACE),
        Tag(name="Ban Ki-moon", slug="ban", kind=Tag.Kind.PERSON),
        Tag(name="Kerry", slug="kerry", kind=Tag.Kind.PERSON),
        Tag(name="United Nations", slug="un", kind=Tag.Kind.ORGANISATION),
    ]
    names = [t.name for t in salient_tags(article, quoted={"Ban Ki-moon"})]
    assert names == ["Kerry", "Ban Ki-moon", "Geneva"]  # named before quoted only; then Geneva


def test_front_page_of_a_quiet_archive_still_says_who_is_talking(client, imported_article):
    imported_article.published_at = timezone.now() - timedelta(days=60)
    imported_article.save()
    html = page(client, "/")
    talking = re.search(r'<section class="talking".*?</section>', html, re.S).group(0)
    assert 'href="/speakers/john-kerry/"' in talking
    assert imported_article.headline in html


def test_empty_site_front_page(client):
    html = page(client, "/")
    assert "No stories yet" in html


def test_header_names_the_public_sections_and_links_latest(client):
    make_stories(8)
    Section.objects.create(name="Empty", slug="empty")
    for url in NEW_PAGES:
        html = page(client, url)
        nav = re.search(r'<nav [^>]*aria-label="Sections".*?</nav>', html, re.S).group(0)
        for name in SECTIONS:
            assert f'href="/sections/{name.lower()}/"' in nav, url
        assert "/sections/empty/" not in nav
        assert 'href="/sections/"' in html and 'href="/latest/"' in html


def test_latest_list_is_still_paginated_with_its_feeds(client):
    make_stories(25)
    html = page(client, "/latest/")
    assert "Latest news" in html and "Story 0 about" in html and "Story 24" not in html
    assert 'href="/feed/"' in html
    assert "Story 24 about" in page(client, "/latest/?page=2")


# -- index pages ---------------------------------------------------------------------------------


def test_sections_index_lists_each_public_section_with_its_latest_story(client):
    make_stories(8)
    html = page(client, "/sections/")
    for i, name in enumerate(SECTIONS):
        item = re.search(
            rf'<li[^>]*>\s*<h2><a href="/sections/{name.lower()}/">.*?</li>', html, re.S
        )
        assert item, name
        assert f"Story {i} about" in item.group(0)  # its newest
        assert "2 articles" in item.group(0)


def test_tags_index_is_a_to_z_with_counts_and_letters(client):
    make_stories(12)
    Tag.objects.create(name="apple", slug="apple")  # on no article: not listed
    tag = Tag.objects.create(name="Zebra", slug="zebra")
    Article.objects.get(slug="story-0").tags.add(tag)
    html = page(client, "/tags/")
    text = main_text(html)
    assert "Topic 0 6 articles" in text.replace("(", "").replace(")", "")
    assert text.index("Topic 11") < text.index("Zebra")
    assert text.index("Topic 2 ") < text.index("Topic 10 ")  # numbers by value
    assert "apple" not in text
    assert 'href="?page=1#letter-T"' in html or 'href="#letter-T"' in html


def test_tags_index_pages_through_many_tags(client):
    make_stories(1)
    article = Article.objects.get()
    article.tags.add(
        *[Tag.objects.create(name=f"Many {k:03}", slug=f"many-{k:03}") for k in range(130)]
    )
    first = page(client, "/tags/")
    assert "Many 000" in first and "Topic 0" not in first
    second = page(client, "/tags/?page=2")
    assert "Topic 0" in second and "Many 000" not in second
    assert 'href="?page=2' in first


def test_speakers_index_most_quoted_first_with_counts(client):
    make_stories(5)
    html = page(client, "/speakers/")
    text = main_text(html)
    # 5 stories x 4 quotes over 3 speakers: speaker-0 has quotes 0,3 of story 0, ...
    counts = {s.slug: Quote.objects.filter(speaker=s).count() for s in Speaker.objects.all()}
    order = sorted(counts, key=lambda slug: (-counts[slug], slug))
    positions = [html.index(f'href="/speakers/{slug}/"') for slug in order]
    assert positions == sorted(positions)
    assert f"{counts[order[0]]} quotes" in text and "5 articles" in text


def test_speaker_page_has_role_counts_and_the_matching_tag(client, imported_article):
    Tag.objects.create(name="Another tag", slug="another")  # not the one of the same slug
    html = page(client, "/speakers/john-kerry/")
    text = main_text(html)
    quotes = Quote.objects.filter(speaker__slug="john-kerry").count()
    assert f"{quotes} quotes in 1 article" in text
    assert '<a href="/tags/john-kerry/">Articles tagged John Kerry</a>' in html
    text = main_text(page(client, "/speakers/osama-abo-ezz/"))
    assert "a general surgeon and Aleppo coordinator for SAMS · Person" in text
    assert "2 quotes in 1 article" in text


def test_tag_page_links_the_speaker_and_their_quotes(client, imported_article):
    html = page(client, "/tags/john-kerry/")
    assert 'href="/speakers/john-kerry/"' in html
    assert 'href="/quotes/?tag=john-kerry"' in html
    assert "absolutely no prospect" in page(client, "/quotes/?tag=john-kerry")


# -- the quotes page's filter form ---------------------------------------------------------------


def test_quotes_filter_form_by_name_or_slug(client, imported_article):
    html = page(client, "/quotes/")
    form = re.search(r'<form[^>]*class="filter-form".*?</form>', html, re.S).group(0)
    assert 'method="get"' in form and 'name="speaker"' in form and 'name="tag"' in form
    by_name = page(client, "/quotes/?speaker=Dmitry+Peskov&tag=")
    assert "absolutely no prospect" in by_name and "intrepid but delusional" not in by_name
    assert "absolutely no prospect" in page(client, "/quotes/?speaker=dmitry-peskov")
    assert "absolutely no prospect" in page(client, "/quotes/?speaker=Dmitry+Peskov&tag=Aleppo")


@pytest.mark.parametrize(
    "query",
    ["speaker=nobody", "tag=no-such-tag", "speaker=" + "x" * 5000, "tag=%FF%FE", "tag=%00x"],
)
def test_quotes_filter_bad_values_say_so(client, imported_article, query):
    response = client.get(f"/quotes/?{query}")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'class="filter-form"' in html
    assert re.search(r"No (speaker called|published article has the tag)", html)


# -- every link answers --------------------------------------------------------------------------


def test_every_link_on_the_new_pages_answers(client, imported_article):
    for example in sorted(EXAMPLES.glob("*.txt"))[:6]:
        call_command("import_seeds", str(example), verbosity=0)
    seen: set[str] = set()
    pages_to_check = [*NEW_PAGES, "/speakers/john-kerry/", "/tags/john-kerry/", "/quotes/"]
    for url in pages_to_check:
        for link in links(page(client, url)):
            if link in seen:
                continue
            seen.add(link)
            response = client.get(link)
            assert response.status_code == 200, (url, link, response.status_code)
    assert len(seen) > 40


# -- what readers may not see --------------------------------------------------------------------


def test_hidden_articles_and_their_names_never_show(client):
    make_stories(3)
    source = Source.objects.get()
    now = timezone.now()
    hidden = [
        (Article.Status.DRAFT, now - timedelta(minutes=5)),
        (Article.Status.IN_REVIEW, now - timedelta(minutes=5)),
        (Article.Status.WITHDRAWN, now - timedelta(minutes=5)),
        (Article.Status.SCHEDULED, now + timedelta(hours=2)),
        (Article.Status.PUBLISHED, now + timedelta(hours=2)),
    ]
    for i, (status, when) in enumerate(hidden):
        article = Article.objects.create(
            headline=f"Secret story {i}",
            slug=f"secret-{i}",
            standfirst="Not for readers.",
            body="Hidden.",
            source=source,
            section=Section.objects.create(name=f"Hiddensection{i}", slug=f"hiddensection{i}"),
            original_url=f"https://example.com/x/secret-{i}",
            seed_line2="1",
            seed_line3="2",
            status=status,
            published_at=when,
        )
        article.tags.add(Tag.objects.create(name=f"Hiddentag{i}", slug=f"hiddentag{i}"))
        Quote.objects.create(
            article=article,
            speaker=Speaker.objects.create(name=f"Hiddenspeaker{i}", slug=f"hiddenspeaker{i}"),
            text="Secret words",
            block=0,
            position=0,
        )
    for url in [*NEW_PAGES, "/quotes/", "/speakers/speaker-0/", "/tags/topic-0/"]:
        html = page(client, url)
        for word in ["Secret", "Hiddensection", "Hiddentag", "Hiddenspeaker", "hiddentag"]:
            assert word not in html, (url, word)
    assert client.get("/speakers/hiddenspeaker0/").status_code == 404
    assert client.get("/tags/hiddentag0/").status_code == 404
    assert client.get("/quotes/?speaker=hiddenspeaker0").status_code == 404


# -- counts stay fresh ---------------------------------------------------------------------------


def test_counts_follow_an_import_a_withdrawal_and_a_publication(client, imported_article):
    def kerry_row() -> str:
        text = main_text(page(client, "/speakers/"))
        found = re.search(r"John Kerry\W+(\d+) quotes?\W+(\d+) articles?", text)
        return found.groups() if found else None

    def aleppo_count() -> str | None:
        found = re.search(r"Aleppo\W+(\d+) articles?", main_text(page(client, "/tags/")))
        return found.group(1) if found else None

    quotes = str(Quote.objects.filter(speaker__slug="john-kerry").count())
    assert kerry_row() == (quotes, "1") and aleppo_count() == "1"
    assert "1 article" in main_text(page(client, "/sections/"))
    # An import of a second story that quotes Kerry and is tagged Aleppo.
    lines = REFERENCE_SEED.read_text(encoding="utf-8").splitlines()
    lines[0] = (
        lines[0]
        .replace("report-john-kerry", "report-again-john-kerry")
        .replace("2256153", "2256999")
    )
    second = REFERENCE_SEED.parent.parent / "second-kerry-tmp.txt"
    try:
        second.write_text("\n".join(lines), encoding="utf-8")
        call_command("import_seeds", str(second), verbosity=0)
    finally:
        second.unlink()
    assert Article.objects.count() == 2
    assert kerry_row() == (str(2 * int(quotes)), "2") and aleppo_count() == "2"
    # A withdrawal (a save, as the admin's action does) takes its counts away.
    newer = Article.objects.exclude(pk=imported_article.pk).get()
    newer.status = Article.Status.WITHDRAWN
    newer.save()
    assert kerry_row() == (quotes, "1") and aleppo_count() == "1"
    assert 'href="/speakers/john-kerry/"' in page(client, "/")
    # Unpublishing the last one empties the indexes and the header.
    imported_article.status = Article.Status.DRAFT
    imported_article.save()
    assert kerry_row() is None and aleppo_count() is None
    assert 'href="/sections/world/"' not in page(client, "/sections/")
    # Publishing brings it all back.
    imported_article.status = Article.Status.PUBLISHED
    imported_article.save()
    assert kerry_row() == (quotes, "1") and aleppo_count() == "1"
    assert 'href="/sections/world/"' in page(client, "/")


def test_counts_include_a_scheduled_story_once_it_is_due(client, imported_article):
    """No write happens when a scheduled story falls due: the counts, like the pages, are
    kept no longer than until then."""
    imported_article.status = Article.Status.SCHEDULED
    imported_article.published_at = timezone.now() + timedelta(seconds=2)
    imported_article.save()
    for url in ["/tags/", "/speakers/", "/sections/", "/"]:
        assert "Aleppo" not in page(client, url) and "John Kerry" not in page(client, url)
    time.sleep(2.2)
    assert "Aleppo" in page(client, "/tags/")
    assert "John Kerry" in page(client, "/speakers/")
    assert 'href="/sections/world/"' in page(client, "/sections/")
    assert 'href="/speakers/john-kerry/"' in page(client, "/")


# -- fixed query counts --------------------------------------------------------------------------

COUNTED_PAGES = [
    "/",
    "/latest/",
    "/sections/",
    "/tags/",
    "/speakers/",
    "/speakers/speaker-0/",
    "/tags/topic-0/",
    "/quotes/?speaker=speaker-0&tag=topic-0",
]


def count_queries(client, url: str) -> int:
    from django.core.cache import cache

    cache.clear()  # a cold cache: the most queries a page makes
    with CaptureQueriesContext(connection) as queries:
        page(client, url)
    return len(queries)


@pytest.mark.parametrize("url", COUNTED_PAGES)
def test_query_count_is_the_same_with_1_and_50_articles(client, url):
    make_stories(1)
    one = count_queries(client, url)
    make_stories(49, start=1)
    fifty = count_queries(client, url)
    assert 0 < fifty == one, (url, one, fifty)
    assert one <= 12, (url, one)


@pytest.mark.parametrize("url", ["/", "/sections/", "/tags/", "/speakers/"])
def test_warm_counts_save_queries(client, url):
    make_stories(10)
    cold = count_queries(client, url)
    client.cookies["sessionid"] = "x"  # skips the page cache, as an editor does
    with CaptureQueriesContext(connection) as warm:
        page(client, url)
    assert len(warm) < cold


def test_old_pages_of_the_home_page_move_to_latest(client):
    make_stories(25)
    response = client.get("/?page=2")
    assert response.status_code == 301 and response["Location"] == "/latest/?page=2"
    assert client.get("/latest/?page=abc").status_code == 404


def test_who_is_talking_reads_only_the_days_newest_stories(monkeypatch):
    """A busy day is bounded: only the newest ``TALKING_STORIES`` stories are counted (at
    100,000 articles imported in one day, counting all 389,000 quotes timed the page out)."""
    from articles import front

    source = Source.objects.create(domain="example.com", name="Example")
    now = timezone.now()
    speakers = [Speaker.objects.create(name=f"Person {i}", slug=f"person-{i}") for i in range(3)]
    for i, speaker in enumerate(speakers):  # Person 0's story is the oldest
        article = Article.objects.create(
            headline=f"Story {i}", slug=f"story-{i}", standfirst="S.", body="B.",
            source=source, original_url=f"https://example.com/{i}", seed_line2="1",
            seed_line3="2", status=Article.Status.PUBLISHED,
            published_at=now - timedelta(hours=3 - i),
        )  # fmt: skip
        for position in range(3 if i == 0 else 1):  # the oldest is the most quoted
            Quote.objects.create(
                article=article, text="Words.", block=0, position=position, speaker=speaker
            )
    assert front.who_is_talking(now)[0].speaker.name == "Person 0"
    monkeypatch.setattr(front, "TALKING_STORIES", 2)
    assert [t.speaker.name for t in front.who_is_talking(now)] == ["Person 1", "Person 2"]
