"""Full-text search over articles: one interface, two engines.

SQLite uses an FTS5 table and PostgreSQL a ``tsvector`` column with a GIN index; both live in a
side table called ``articles_search`` (created by migration 0002) keyed by the article's id and
written only through ``articles.search_index``, which says what goes into it and keeps it in
step with the data. Drafts are indexed too: whether an article is public is decided when
searching, with ``Article.objects.published()``, so publishing and unpublishing (queryset
``update()``s in the admin) never leave the index stale.

Reader input never reaches a query language: :func:`search_terms` keeps only word characters, so
quotes, ``AND``, ``*``, ``-``, emoji, NUL bytes and 10,000-character strings are all safe.

A query's cost is bounded whatever the size of the archive: only the newest ``MAX_RANKED`` public
matches are ranked, and the count stops there too. A common word matches tens of thousands of
articles; scoring and counting them all made every search slower as the archive grew.

And whatever the size of an article: what is indexed of it is bounded (``INDEXED_CHARS``, one
rule for both engines, in ``search_index.Document.build``), so a 3.6 MB seed of distinct words never
meets PostgreSQL's 1 MB ``tsvector`` limit, and a long text's passage is cut from its first
match rather than by FTS5's ``snippet()``, whose time grows with the square of the matches
(66 s for one search of a 3.9 MB seed of one repeated word).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, overload

from django.db import connection
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.cards import read_cards
from articles.models import Article, Section

if TYPE_CHECKING:  # articles.search_index imports this module
    from articles.search_index import Document

TABLE = "articles_search"
MAX_TERMS = 12
MAX_TERM_LENGTH = 40
MAX_QUERY_LENGTH = 500
# A query ranks only its newest (highest id) MAX_RANKED public matches, and counts no further,
# so ranking, visibility checks and counting cost at most MAX_RANKED rows however many articles
# match (SQLite reads those newest matches straight off the FTS index). Below the cap, ranking
# and count are exact.
MAX_RANKED = 500
# Private-use characters mark highlighted words inside the engine's snippet; they are stripped
# from indexed text, so after HTML-escaping the snippet they can only be our markers.
START, STOP = "\ue000", "\ue001"
_MARKERS = str.maketrans("", "", START + STOP + "\x00")
_WORD = re.compile(r"\w+")
# What is indexed of an article's texts: the first this many characters of each, cut at a space
# (a headline has at most 300). Together at most 160,000 characters, at most 640 KB in UTF-8:
# PostgreSQL's tsvector holds 1 MB of words. The longest real articles are a few tens of
# thousands of characters: all of them is indexed.
INDEXED_CHARS = {"standfirst": 10_000, "body": 100_000, "quotes": 50_000}
# Above this many indexed characters, a hit's passage is cut around its first match instead of
# chosen by FTS5's snippet() (about 50 ms for 20,000 characters that all match, and 4 s for
# 160,000); PostgreSQL's ts_headline is linear and needs no such rule.
SNIPPET_CHARS = 20_000
# Words of context in a passage cut around a match: before it, and from it on.
PASSAGE_WORDS = (10, 20)
# Words of a hit's opening shown when its text does not match (only its headline does).
OPENING_WORDS = 30

# Ranking (``blend``): a story's relevance, weighed by its depth and by its age.
# Relevance is the text's match (standfirst, body, quotes), as a share of the best text match
# among the query's hits (so both engines' scores, on different scales, blend alike), plus
# HEADLINE_POINTS when the headline matches: a headline alone outranks a passing mention in
# another story, a story whose headline and text both match outranks both.
HEADLINE_POINTS = 1.2
# BM25's length normalisation (FTS5's b = 0.75, fixed) charges a long story for every word it
# spends on its subject, so that ten short items rank above the one real story; a story's
# text match is multiplied back by its depth, logarithmic in its length: about 1.03 at 10
# words, 1.5 at 150, 2.3 at 750, at most 2.5. (PostgreSQL's ts_rank, used without length
# normalisation, needs none: its engine reports no words.)
DEPTH_WORDS = 150
MAX_DEPTH = 2.5
# Recency: a hit's relevance is divided by 1 + its age / RECENCY_DAYS (a month-old story needs
# twice the relevance of today's to rank beside it).
RECENCY_DAYS = 30
SORTS = ("relevance", "date")


def search_terms(query: str) -> list[str]:
    """The words of a reader's query, lower-cased, deduplicated, at most ``MAX_TERMS``.

    Everything that is not a word character is dropped, so the engines only ever see plain words
    that are matched all together (AND), whatever the reader typed.
    """
    terms: list[str] = []
    for word in _WORD.findall(query[:MAX_QUERY_LENGTH].replace("_", " ")):
        word = word.lower()[:MAX_TERM_LENGTH]
        if word not in terms:
            terms.append(word)
        if len(terms) == MAX_TERMS:
            break
    return terms


def _clean(text: str) -> str:
    # Nearly every text is clean; testing first is far cheaper than str.translate on each.
    if START in text or STOP in text or "\x00" in text:
        return text.translate(_MARKERS)
    return text


def _bounded(text: str, most: int) -> str:
    """``text``, or its first ``most`` characters cut after the last whole word."""
    if len(text) <= most:
        return text
    cut = text[:most]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    return cut[:space] if space > 0 else cut


def passage(highlighted: str) -> str:
    """A few words around the first match of a text with our START/STOP markers: a passage
    whose cost grows with the text's length, not with the square of its matches."""
    at = highlighted.find(START)
    if at < 0:
        return ""
    before, after = PASSAGE_WORDS
    start, stop = max(0, at - 50 * before), at + 50 * after  # generous: words are shorter
    head, tail = highlighted[start:at].split(), highlighted[at:stop].split()
    text = " ".join(head[-before:] + tail[:after])
    if text.rfind(START) > text.rfind(STOP):  # cut inside a highlighted span: close it
        text += STOP
    if start > 0 or len(head) > before:
        text = "…" + text
    if stop < len(highlighted) or len(tail) > after:
        text += "…"
    return text


def _highlight(snippet: str) -> SafeString:
    """The engine's snippet, HTML-escaped, with our markers turned into ``<mark>``."""
    html = escape(snippet).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)  # escaped above: only our markers become tags


@dataclass(frozen=True, slots=True)
class Candidate:
    """A matching article as the engine scores it, before the blend: how well its text
    (standfirst, body, quotes) and its headline match (0: not at all; higher is better), when
    it was published, and how many words of text the engine's score was normalised by (0:
    the engine does not normalise by length)."""

    pk: int
    text_score: float
    headline_score: float
    published_at: datetime
    words: int


def depth(words: int) -> float:
    """How much a story's length multiplies its text's match (``DEPTH_WORDS``)."""
    return min(MAX_DEPTH, 1 + 0.5 * math.log2(1 + words / DEPTH_WORDS))


def blend(candidates: list[Candidate], now: datetime) -> list[tuple[int, float]]:
    """(id, score) of ``candidates`` for "most relevant": relevance blended with recency, the
    same rule for both engines (see ``HEADLINE_POINTS``, ``DEPTH_WORDS``, ``RECENCY_DAYS``).

    So one real story about a place, its name in the headline and all through the text, ranks
    above ten short items that only name it in a headline or in passing."""
    texts = [c.text_score * depth(c.words) for c in candidates]
    best = max(texts, default=0) or 1
    scores = []
    for candidate, text in zip(candidates, texts, strict=True):
        relevance = text / best + (HEADLINE_POINTS if candidate.headline_score > 0 else 0)
        age_days = max(0.0, (now - candidate.published_at).total_seconds() / 86400)
        scores.append((candidate.pk, relevance / (1 + age_days / RECENCY_DAYS)))
    return scores


def varints(data: bytes | None) -> list[int]:
    """The numbers in SQLite's variable-length integer encoding (FTS5's ``_docsize`` rows: the
    tokens of each column): 7 bits a byte, high bit set when more follow, a ninth byte whole."""
    numbers, value, length = [], 0, 0
    for byte in data or b"":
        length += 1
        if length == 9:
            numbers.append((value << 8) | byte)
            value = length = 0
        elif byte & 0x80:
            value = (value << 7) | (byte & 0x7F)
        else:
            numbers.append((value << 7) | byte)
            value = length = 0
    return numbers


def _aware(value: datetime | str) -> datetime:
    """A date as the engine's cursor gives it (SQLite: UTC text), as an aware datetime."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: the article (ready for a list), its score and a highlighted snippet."""

    article: Article
    score: float
    snippet: SafeString


class Engine:
    """What each database's search must do; SQL only, the ORM does the rest."""

    def write(self, cursor: Any, article_id: int, document: Document | None) -> None:
        raise NotImplementedError

    def write_many(self, cursor: Any, documents: dict[int, Document]) -> None:
        for article_id, document in documents.items():
            self.write(cursor, article_id, document)

    def candidates(
        self, cursor: Any, terms: list[str], public_sql: str, params: tuple, most: int
    ) -> list[Candidate]:
        """The newest ``most`` public articles matching every term, newest first, scored.
        ``public_sql`` selects ``pk`` and ``published_at``."""
        raise NotImplementedError

    def snippets(self, cursor: Any, terms: list[str], ids: list[int]) -> dict[int, str]:
        """The highlighted passage of each of ``ids`` (our START/STOP markers around words),
        from its text, never its headline: the best match in the body, else the standfirst,
        else the quotes; "" when only the headline matches."""
        raise NotImplementedError

    def compact(self, cursor: Any) -> None:
        """Reorganise the index for reading, after many entries were written (a bulk import)."""


class SQLiteEngine(Engine):
    """FTS5 with the porter stemmer; ranked by bm25 with the headline weighing most."""

    # bm25 twice: the text alone (standfirst, body, quotes) and the headline alone; ``blend``
    # weighs them. A zero weight leaves a column out of a score.
    TEXT_WEIGHTS = "0.0, 2.0, 1.0, 1.0"  # headline, standfirst, body, quotes
    HEADLINE_WEIGHTS = "1.0, 0.0, 0.0, 0.0"

    @staticmethod
    def match(terms: list[str]) -> str:
        # Each term is a quoted FTS5 string: no operator, column filter or prefix can leak in.
        return " ".join('"{}"'.format(term.replace('"', '""')) for term in terms)

    INSERT = (
        f"INSERT INTO {TABLE} (rowid, headline, standfirst, body, quotes) "
        "VALUES (%s, %s, %s, %s, %s)"
    )

    @staticmethod
    def row(article_id: int, document: Document) -> list[Any]:
        return [article_id, document.headline, document.standfirst, document.body, document.quotes]

    def write(self, cursor: Any, article_id: int, document: Document | None) -> None:
        cursor.execute(f"DELETE FROM {TABLE} WHERE rowid = %s", [article_id])
        if document is not None:
            cursor.execute(self.INSERT, self.row(article_id, document))

    def write_many(self, cursor: Any, documents: dict[int, Document]) -> None:
        cursor.executemany(f"DELETE FROM {TABLE} WHERE rowid = %s", [[pk] for pk in documents])
        cursor.executemany(self.INSERT, [self.row(pk, doc) for pk, doc in documents.items()])

    # The full-text match drives (CROSS JOIN keeps SQLite from turning it around): a
    # ``rowid IN (public articles)`` filter made SQLite run the match once per public article,
    # 200 ms at 10,000 articles instead of well under one. FTS5 serves ``ORDER BY rowid DESC
    # LIMIT`` by reading its index backwards and stopping, so bm25 is computed, and an article
    # looked up, for ``most`` matches at most.
    def candidates(
        self, cursor: Any, terms: list[str], public_sql: str, params: tuple, most: int
    ) -> list[Candidate]:
        # The words bm25 normalised by: FTS5's own count of each row's tokens, per column
        # (its ``_docsize`` table, read by key: reading the article's body would cost more).
        cursor.execute(
            f"SELECT {TABLE}.rowid, bm25({TABLE}, {self.TEXT_WEIGHTS}), "
            f"bm25({TABLE}, {self.HEADLINE_WEIGHTS}), public.published_at, "
            f"(SELECT sz FROM {TABLE}_docsize WHERE id = {TABLE}.rowid) "
            f"FROM {TABLE} CROSS JOIN ({public_sql}) AS public ON public.pk = {TABLE}.rowid "
            f"WHERE {TABLE} MATCH %s ORDER BY {TABLE}.rowid DESC LIMIT %s",
            [*params, self.match(terms), most],
        )
        # bm25 is better when lower; report it the conventional way round.
        return [
            Candidate(pk, -text, -headline, _aware(published_at), sum(varints(sizes)[1:]))
            for pk, text, headline, published_at, sizes in cursor.fetchall()
        ]

    # The text's columns, in the order a snippet is looked for in them.
    SNIPPET_COLUMNS = (2, 1, 3)  # body, standfirst, quotes

    def snippets(self, cursor: Any, terms: list[str], ids: list[int]) -> dict[int, str]:
        # SQLite evaluates only the CASE branch it takes: snippet() for ordinary texts, for a
        # long one its columns highlighted (linear) and the passage cut here.
        placeholders = ", ".join(["%s"] * len(ids))
        long = f"length(standfirst) + length(body) + length(quotes) > {SNIPPET_CHARS:d}"
        columns = ", ".join(
            f"CASE WHEN {long} THEN highlight({TABLE}, {column}, %s, %s) "
            f"ELSE snippet({TABLE}, {column}, %s, %s, '…', 30) END"
            for column in self.SNIPPET_COLUMNS
        )
        cursor.execute(
            f"SELECT rowid, {long}, {columns} "
            f"FROM {TABLE} WHERE {TABLE} MATCH %s AND rowid IN ({placeholders})",
            [*[START, STOP] * 2 * len(self.SNIPPET_COLUMNS), self.match(terms), *ids],
        )
        snippets = {}
        for pk, is_long, *texts in cursor.fetchall():
            if is_long:
                texts = [passage(text) for text in texts]
            # The first column the words are in (a snippet of one without is its opening).
            snippets[pk] = next((text for text in texts if START in text), "")
        return snippets

    def compact(self, cursor: Any) -> None:
        # Each transaction's new entries are a new segment of the FTS5 index, merged with the
        # others only now and then; a lookup by rowid (a hit's passage) searches every segment.
        # After a 100,000-article import, merging them into one (about 2 s) made a page's
        # passages 4x cheaper.
        cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')")


class PostgreSQLEngine(Engine):
    """A weighted ``tsvector`` (headline A, standfirst B, quotes C, body D) under a GIN index,
    ranked by ``ts_rank_cd``; snippets from ``ts_headline`` for the page's rows only."""

    CONFIG = "english"
    HEADLINE_OPTIONS = (
        f"StartSel={START}, StopSel={STOP}, MaxWords=35, MinWords=12, "
        'MaxFragments=2, FragmentDelimiter=" … "'
    )

    UPSERT = (
        f"INSERT INTO {TABLE} (article_id, document, content) VALUES (%s, "
        "setweight(to_tsvector(%s::regconfig, %s), 'A') || "
        "setweight(to_tsvector(%s::regconfig, %s), 'B') || "
        "setweight(to_tsvector(%s::regconfig, %s), 'C') || "
        "setweight(to_tsvector(%s::regconfig, %s), 'D'), %s) "
        "ON CONFLICT (article_id) DO UPDATE "
        "SET document = EXCLUDED.document, content = EXCLUDED.content"
    )

    def row(self, article_id: int, document: Document) -> list[Any]:
        return [
            article_id,
            self.CONFIG,
            document.headline,
            self.CONFIG,
            document.standfirst,
            self.CONFIG,
            document.quotes,
            self.CONFIG,
            document.body,
            "\n".join([document.standfirst, document.body, document.quotes]),
        ]

    def write(self, cursor: Any, article_id: int, document: Document | None) -> None:
        if document is None:
            cursor.execute(f"DELETE FROM {TABLE} WHERE article_id = %s", [article_id])
        else:
            cursor.execute(self.UPSERT, self.row(article_id, document))

    def write_many(self, cursor: Any, documents: dict[int, Document]) -> None:
        cursor.executemany(self.UPSERT, [self.row(pk, doc) for pk, doc in documents.items()])

    # ts_rank's weights, in PostgreSQL's order {D, C, B, A}: body, quotes, standfirst,
    # headline. The text alone, and the headline alone (``blend`` weighs them).
    TEXT_WEIGHTS = "{1.0, 1.0, 1.0, 0.0}"
    HEADLINE_WEIGHTS = "{0.0, 0.0, 0.0, 1.0}"

    def candidates(
        self, cursor: Any, terms: list[str], public_sql: str, params: tuple, most: int
    ) -> list[Candidate]:
        cursor.execute(
            "SELECT s.article_id, ts_rank(%s::float4[], s.document, q.query), "
            "ts_rank(%s::float4[], s.document, q.query), public.published_at "
            f"FROM {TABLE} s JOIN ({public_sql}) AS public ON public.pk = s.article_id, "
            "plainto_tsquery(%s::regconfig, %s) AS q(query) "
            "WHERE s.document @@ q.query ORDER BY s.article_id DESC LIMIT %s",
            [
                self.TEXT_WEIGHTS,
                self.HEADLINE_WEIGHTS,
                *params,
                self.CONFIG,
                " ".join(terms),
                most,
            ],
        )
        return [
            Candidate(pk, text, headline, published_at, 0)
            for pk, text, headline, published_at in cursor.fetchall()
        ]

    def snippets(self, cursor: Any, terms: list[str], ids: list[int]) -> dict[int, str]:
        cursor.execute(
            "SELECT article_id, ts_headline(%s::regconfig, content, "
            f"plainto_tsquery(%s::regconfig, %s), %s) FROM {TABLE} WHERE article_id = ANY(%s)",
            [self.CONFIG, self.CONFIG, " ".join(terms), self.HEADLINE_OPTIONS, ids],
        )
        return dict(cursor.fetchall())


ENGINES: dict[str, Engine] = {"sqlite": SQLiteEngine(), "postgresql": PostgreSQLEngine()}


def engine() -> Engine:
    """The engine for the default database (SQLite and PostgreSQL are supported)."""
    return ENGINES[connection.vendor]


class SearchResults(Sequence[Hit]):
    """Hits for a query, best first, fetched a page at a time: ``count()`` and slicing are all a
    ``Paginator`` needs (one query ranks every candidate, two more fetch a page's snippets and
    articles with their sources).

    Only the newest ``MAX_RANKED`` matches are ranked and counted, so that a common word costs
    no more than a rare one however large the archive: ``capped`` tells when there were more
    (``count()`` is then ``MAX_RANKED``), for the page to say so. The candidates are ranked
    once, with their scores only; snippets, the costly part, are made for the page's hits.

    ``section``: only that section's articles; ``sort``: "relevance" (``blend``: relevance
    with recency) or "date" (newest first)."""

    def __init__(self, query: str, section: Section | None = None, sort: str = "relevance") -> None:
        if sort not in SORTS:
            raise ValueError(f"unknown sort {sort!r}: one of {', '.join(SORTS)}")
        self.query = query
        self.terms = search_terms(query)
        self.section = section
        self.sort = sort
        self._ranked: list[tuple[int, float]] | None = None
        self._capped = False
        # Read once, so that counting and every page agree on the candidates.
        self.max_ranked = MAX_RANKED

    def _public(self) -> tuple[str, tuple]:
        # The reader's-visibility rule stays in one place: the model's queryset.
        # Columns "pk" and "published_at" (the engines join on ``public.pk``).
        articles = Article.objects.published().order_by()
        if self.section is not None:
            articles = articles.in_section(self.section)
        return articles.values("pk", "published_at").query.sql_with_params()

    def ranked(self) -> list[tuple[int, float]]:
        """(id, score) of every hit to page through, best first (ties: newest first)."""
        if self._ranked is None:
            found: list[Candidate] = []
            if self.terms:
                sql, params = self._public()
                with connection.cursor() as cursor:
                    # One more than the cap tells "exactly max_ranked" from "more".
                    found = engine().candidates(
                        cursor, self.terms, sql, params, self.max_ranked + 1
                    )
            self._capped = len(found) > self.max_ranked
            found = found[: self.max_ranked]  # newest first: the oldest one goes
            if self.sort == "date":
                found.sort(key=lambda c: (c.published_at, c.pk), reverse=True)
            rows = blend(found, timezone.now())
            if self.sort != "date":
                rows.sort(key=lambda row: (-row[1], -row[0]))
            self._ranked = rows
        return self._ranked

    def count(self) -> int:  # type: ignore[override]
        """How many hits there are to page through: at most ``max_ranked``."""
        return len(self.ranked())

    @property
    def capped(self) -> bool:
        """Whether more articles match than are ranked (only the newest ``max_ranked`` are)."""
        self.ranked()
        return self._capped

    def __len__(self) -> int:
        return self.count()

    @overload
    def __getitem__(self, index: int) -> Hit: ...
    @overload
    def __getitem__(self, index: slice) -> list[Hit]: ...
    def __getitem__(self, index: int | slice) -> Hit | list[Hit]:
        if isinstance(index, int):
            hits = self[index : index + 1]
            if not hits:
                raise IndexError(index)
            return hits[0]
        start, stop, step = index.indices(self.count())
        if step != 1:
            raise ValueError("search results only slice with step 1")
        page = self.ranked()[start:stop]
        if not page:
            return []
        ids = [pk for pk, _ in page]
        with connection.cursor() as cursor:
            snippets = engine().snippets(cursor, self.terms, ids)
        articles = read_cards(ids)  # what a hit shows: headline, source, date
        return [
            Hit(articles[pk], score, snippet_of(snippets.get(pk, ""), articles[pk]))
            for pk, score in page
            if pk in articles
        ]

    def __iter__(self) -> Iterator[Hit]:
        return iter(self[:])


def opening(text: str, words: int = OPENING_WORDS) -> str:
    """The first ``words`` words of ``text``, with "…" when there is more."""
    split = text.split()
    return " ".join(split[:words]) + ("…" if len(split) > words else "")


def snippet_of(highlighted: str, article: Article) -> SafeString:
    """What a hit shows under its headline: the engine's passage of its text when the words
    are in it; when only the headline matches, the standfirst's opening (never the headline
    again: the reader has just read it)."""
    if START not in highlighted:
        highlighted = opening(_clean(getattr(article, "standfirst", "") or ""))
    return _highlight(highlighted)


def search(query: str, section: Section | None = None, sort: str = "relevance") -> SearchResults:
    """Published articles matching every word of ``query`` (in ``section``, if given), most
    relevant first (``blend``) or newest first (``sort="date"``), among the newest
    ``MAX_RANKED`` matches (lazy)."""
    return SearchResults(query, section, sort)
