"""What the front page and the index pages show: the lead and secondary stories, a rail per
section, who is talking and the sections readers can browse (a card's tags: ``articles.cards``).

Each is a fixed number of queries whatever the archive's size; what needs a count over the
whole archive (a section's articles, a speaker's quotes) comes from ``articles.counts``. What
readers may see is ``published()`` / ``public()`` / ``published_sql()``, never restated here.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import DatabaseError, connection
from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone

from articles.cards import attach_tags, read_cards, with_card_tags
from articles.counts import CachedRanking, per_generation
from articles.models import Article, Quote, Section, Speaker, Tag, readers_may_see
from articles.rows import table

logger = logging.getLogger(__name__)
TOP_STORIES = 7  # the lead and six secondary stories
RAIL_SECTIONS = 6  # sections with a rail on the front page, the busiest first
RAIL_STORIES = 4
NAV_SECTIONS = 8  # sections named in the site header, the busiest first
TALKING_SPEAKERS = 5
TALKING_WINDOW = timedelta(days=1)
# The most of the day's stories "who is talking" reads (who_is_talking says why).
TALKING_STORIES = 500


# -- sections ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SectionSummary:
    """A public section as the header and the index show it: name, slug, public article count
    and its newest story's id."""

    pk: int
    name: str
    slug: str
    article_count: int
    latest_id: int | None

    def get_absolute_url(self) -> str:
        return Section(pk=self.pk, name=self.name, slug=self.slug).get_absolute_url()


def _compute_sections() -> list[SectionSummary]:
    newest = (
        Article.objects.published().filter(section=OuterRef("pk")).order_by("-published_at", "-id")
    )
    rows = (
        Section.objects.annotate(
            article_count=Count("articles", filter=readers_may_see("articles__")),
            latest_id=Subquery(newest.values("pk")[:1]),
        )
        .filter(article_count__gt=0)
        .order_by("name", "pk")
        .values_list("pk", "name", "slug", "article_count", "latest_id")
    )
    return [SectionSummary(*row) for row in rows]


def public_sections() -> list[SectionSummary]:
    """Every section readers have an article in, A-Z, with its count: one query a generation."""
    return per_generation("sections", _compute_sections)


def busiest_sections(limit: int) -> list[SectionSummary]:
    """The ``limit`` sections with the most public articles, in that order."""
    return sorted(public_sections(), key=lambda s: (-s.article_count, s.name))[:limit]


def nav_sections() -> list[SectionSummary]:
    """The sections the site header names: the busiest, A-Z. None when the database cannot
    say: the header is on the error pages too, which must render when it is down."""
    try:
        return sorted(busiest_sections(NAV_SECTIONS), key=lambda s: s.name)
    except DatabaseError:
        logger.exception("the header's sections are unavailable")
        return []


def newest_stories(
    sections: Iterable[SectionSummary], per_section: int, overall: int
) -> tuple[list[Article], dict[int, list[Article]]]:
    """The ``overall`` newest public stories (with their tags, ``cards.attach_tags``),
    and each section's ``per_section`` newest other ones (with what a rail shows), in one query
    for their ids, one for their rows and one for the top stories' tags, whether there are
    many or few. Each list comes from its own ``LIMIT``, so nothing but a few rows per section
    is read, however many articles the archive holds."""
    articles = table(Article)
    public, public_params = Article.objects.published_sql("a")
    top_public, top_params = Article.objects.published_sql("b")
    newest = "ORDER BY {0}.published_at DESC, {0}.id DESC LIMIT %s"
    parts = [
        f"SELECT * FROM (SELECT a.id, 0 AS section_id FROM {articles} a WHERE {public} "
        f"{newest.format('a')}) AS s0"
    ]
    params: list[object] = [*public_params, overall]
    on_top = (
        f"SELECT t.id FROM (SELECT b.id FROM {articles} b WHERE {top_public} "
        f"{newest.format('b')}) AS t"
    )
    for i, section in enumerate(sections, start=1):
        parts.append(
            f"SELECT * FROM (SELECT a.id, a.section_id FROM {articles} a "
            f"WHERE a.section_id = %s AND {public} AND a.id NOT IN ({on_top}) "
            f"{newest.format('a')}) AS s{i}"
        )
        params += [section.pk, *public_params, *top_params, overall, per_section]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        pairs = cursor.fetchall()
    rows = read_cards([pk for pk, _ in pairs])
    top: list[Article] = []
    by_section: dict[int, list[Article]] = defaultdict(list)
    for pk, section_id in pairs:
        if pk in rows:
            (by_section[section_id] if section_id else top).append(rows[pk])
    attach_tags(top)
    return top, by_section


# -- who is talking ------------------------------------------------------------------------------


@dataclass(slots=True)
class Talker:
    speaker: Speaker
    quote_count: int  # in the day
    quote: Quote


def who_is_talking(newest: datetime | None, limit: int = TALKING_SPEAKERS) -> list[Talker]:
    """The speakers most quoted in the day up to the newest public story (``newest``; now, if
    that is later than now), each with one of those quotes: a whole sentence when there is one.

    Only the day's newest ``TALKING_STORIES`` stories are read: a busy day (or an archive
    imported in one day: 389,000 quotes at 100,000 articles) otherwise made this a count and a
    per-speaker search over every quote of the day, and the front page timed out. Two queries,
    over at most a few thousand quotes."""
    if newest is None:
        return []
    until = min(newest, timezone.now())
    stories = (
        Article.objects.published()
        .filter(published_at__gt=until - TALKING_WINDOW)
        .order_by("-published_at", "-id")
        .values("pk")[:TALKING_STORIES]
    )
    said = (
        Quote.objects.filter(article__in=Subquery(stories), speaker__isnull=False)
        .values_list("pk", "speaker_id")
        .order_by("partial", "-article__published_at", "-article_id", "position")
    )
    counts: dict[int, int] = defaultdict(int)
    best: dict[int, int] = {}  # speaker -> their first quote in the order above
    for pk, speaker_id in said:
        counts[speaker_id] += 1
        best.setdefault(speaker_id, pk)
    top = sorted(counts, key=lambda speaker_id: (-counts[speaker_id], speaker_id))[:limit]
    quotes = (
        Quote.objects.filter(pk__in=[best[speaker_id] for speaker_id in top])
        .select_related("article", "article__source", "speaker")
        .defer("article__body", "article__source__aliases", "speaker__aliases")
        .in_bulk()
        if top
        else {}
    )
    return [
        Talker(quote.speaker, counts[speaker_id], quote)
        for speaker_id in top
        if (quote := quotes.get(best[speaker_id])) is not None
    ]


# -- the front page ------------------------------------------------------------------------------


@dataclass(slots=True)
class FrontPage:
    lead: Article | None
    secondary: list[Article]
    rails: list[tuple[SectionSummary, list[Article]]] = field(default_factory=list)
    talking: list[Talker] = field(default_factory=list)


def front_page() -> FrontPage:
    """The front page: the newest story as the lead, the next ones as secondary stories, then
    the busiest sections' newest other stories, and who is talking."""
    sections = busiest_sections(RAIL_SECTIONS)
    top, by_section = newest_stories(sections, RAIL_STORIES, TOP_STORIES)
    rails = [(s, by_section[s.pk]) for s in sections if by_section.get(s.pk)]
    with_card_tags(top)
    return FrontPage(
        lead=top[0] if top else None,
        secondary=top[1:],
        rails=rails,
        # What changes only when readers' view does: kept as the counts are.
        talking=per_generation(
            "talking", lambda: who_is_talking(top[0].published_at if top else None)
        ),
    )


# -- rankings for the index pages ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    name: str
    slug: str
    quote_count: int
    article_count: int

    def get_absolute_url(self) -> str:
        return Speaker(name=self.name, slug=self.slug).get_absolute_url()


def _compute_speakers() -> list[SpeakerRow]:
    rows = (
        Speaker.objects.annotate(
            quote_count=Count("quotes", filter=readers_may_see("quotes__article__")),
            article_count=Count(
                "quotes__article", filter=readers_may_see("quotes__article__"), distinct=True
            ),
        )
        .filter(quote_count__gt=0)
        .order_by("-quote_count", "name", "pk")
        .values_list("name", "slug", "quote_count", "article_count")
    )
    return [SpeakerRow(*row) for row in rows]


def speaker_ranking(per_page: int) -> CachedRanking:
    """Every public speaker, most quoted first, with quote and article counts."""
    return CachedRanking("speakers", _compute_speakers, per_page)


@dataclass(frozen=True, slots=True)
class TagRow:
    name: str
    slug: str
    article_count: int

    @property
    def letter(self) -> str:
        first = self.name[:1].upper()
        return first if first.isalpha() and first.isascii() else "#"

    def get_absolute_url(self) -> str:
        return Tag(name=self.name, slug=self.slug).get_absolute_url()


def _compute_tags() -> list[TagRow]:
    rows = (
        Tag.objects.annotate(
            article_count=Count(
                "tagged_articles", filter=readers_may_see("tagged_articles__content_object__")
            )
        )
        .filter(article_count__gt=0)
        .values_list("name", "slug", "article_count")
    )
    found = [TagRow(*row) for row in rows]
    # A-Z as readers read it: case aside, numbers by value ("G7" before "G20"); names not
    # starting with a letter first.
    found.sort(key=lambda t: (t.letter != "#", t.letter, reading_order(t.name), t.slug))
    return found


_NUMBER = re.compile(r"(\d+)")


def reading_order(name: str) -> list[tuple[int, int | str]]:
    """A sort key for names as a reader orders them: case aside, and runs of digits by their
    value ("Topic 2" before "Topic 10"). Text and numbers never compare with each other."""
    return [
        (1, int(part)) if part.isdigit() else (0, part)
        for part in _NUMBER.split(name.casefold())
        if part
    ]


def _letter_pages(per_page: int) -> Callable[[list[TagRow]], list[tuple[str, int]]]:
    def summarise(rows: list[TagRow]) -> list[tuple[str, int]]:
        """Each initial letter with the page its first tag is on."""
        letters: dict[str, int] = {}
        for i, row in enumerate(rows):
            letters.setdefault(row.letter, i // per_page + 1)
        return list(letters.items())

    return summarise


def tag_ranking(per_page: int) -> CachedRanking:
    """Every public tag A-Z with its public article count, and where each letter starts."""
    return CachedRanking("tags", _compute_tags, per_page, _letter_pages(per_page))


@dataclass(frozen=True, slots=True)
class SpeakerCounts:
    quote_count: int
    article_count: int
    role: str  # the latest role a public quote gives them
    tag: Tag | None  # the public tag of the same slug: the same person, as a subject


def speaker_counts(speaker: Speaker) -> SpeakerCounts:
    """One speaker's public quote and article counts, latest role and matching tag, in one
    query over their own quotes (never the archive), once a generation."""

    def compute() -> SpeakerCounts:
        theirs = Quote.objects.public().filter(speaker=OuterRef("pk")).order_by()
        role = theirs.exclude(role="").order_by("-article__published_at", "-article_id", "position")
        tag = Tag.objects.public().filter(slug=OuterRef("slug"))
        row = (
            Speaker.objects.filter(pk=speaker.pk)
            .annotate(
                quote_count=Count("quotes", filter=readers_may_see("quotes__article__")),
                article_count=Count(
                    "quotes__article", filter=readers_may_see("quotes__article__"), distinct=True
                ),
                role=Subquery(role.values("role")[:1]),
                tag_id=Subquery(tag.values("pk")[:1]),
                tag_name=Subquery(tag.values("name")[:1]),
            )
            .values("quote_count", "article_count", "role", "tag_id", "tag_name", "slug")
            .get()
        )
        found = row["tag_id"] and Tag(pk=row["tag_id"], name=row["tag_name"], slug=row["slug"])
        return SpeakerCounts(
            row["quote_count"], row["article_count"], row["role"] or "", found or None
        )

    return per_generation(f"speaker:{speaker.pk}", compute)
