"""What a card on the reader's lists shows: headline, source, section, date, standfirst and the
few tags that say most about the story, read for a page of article ids in three short queries
written in SQL (the cards, their tags, the names of the speakers they quote).

Built with the ORM (``select_related``, a tags ``Prefetch`` and a query for the quoted names),
twenty cards with their tags cost 3.7 ms at 100,000 articles, 0.3 ms of it SQL: more than the
rest of a list page together. Read here, as ``article_page`` reads the article page, they cost
1.4 ms, 0.4 ms of it choosing each card's tags. What readers may see is decided by whoever
picked the ids (``published()``); this module only reads what those cards show.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db import connections, router
from django.db.models import QuerySet

from articles.models import Article, Quote, Section, Source, Speaker, Tag, TaggedArticle, tags_of
from articles.rows import joined_columns, joined_instance, read_rows, table

CARD_TAGS = 3  # at most this many tags on a card (the article page lists them all)
SOURCE_FIELDS = ("name", "domain")
SECTION_FIELDS = ("name", "slug")


def _placeholders(ids: Sequence[int]) -> str:
    return ", ".join(["%s"] * len(ids))


def read_cards(ids: Sequence[int] | QuerySet) -> dict[int, Article]:
    """Articles by id with what a card shows (headline, slug, standfirst, date and how it was
    known, the content update, the source's name and domain, the section's name and slug; the
    rest deferred), in one query. ``ids`` may be a query for them (``.values("id")[:20]``),
    which becomes a subquery, and then the articles come newest first, as lists show them."""
    if isinstance(ids, QuerySet):
        db = connections[router.db_for_read(Article)]
        subquery, params = ids.query.get_compiler(connection=db).as_sql()
        where, order = f"a.id IN ({subquery})", " ORDER BY a.published_at DESC, a.id DESC"
    elif ids:
        where, params, order = f"a.id IN ({_placeholders(ids)})", list(ids), ""
    else:
        return {}
    rows = read_rows(
        Article,
        "SELECT a.id, a.headline, a.slug, a.section_id, a.standfirst, a.published_at, "
        "a.date_basis, a.content_updated_at, a.source_id, "
        f"{joined_columns('s', 'source', SOURCE_FIELDS)}, "
        f"{joined_columns('c', 'section', SECTION_FIELDS)} "
        f"FROM {table(Article)} a JOIN {table(Source)} s ON s.id = a.source_id "
        f"LEFT JOIN {table(Section)} c ON c.id = a.section_id "
        f"WHERE {where}{order}",
        params,
    )
    cards = {}
    for article in rows:
        article.source = joined_instance(article, "source", Source, SOURCE_FIELDS)
        article.section = joined_instance(article, "section", Section, SECTION_FIELDS)
        cards[article.pk] = article
    return cards


def cards_in_order(ids: Sequence[int] | QuerySet) -> list[Article]:
    """:func:`read_cards` as a list in the order of ``ids`` (an id with no row is left out),
    or newest first when ``ids`` is a query."""
    found = read_cards(ids)
    if isinstance(ids, QuerySet):
        return list(found.values())
    return [found[pk] for pk in ids if pk in found]


def attach_tags(articles: Iterable[Article]) -> None:
    """Give each article ``tag_list``, its tags in name order (as ``for_listing()`` and
    ``read_article_page()`` do), in one query for all of them."""
    articles = [a for a in articles if getattr(a, "tag_list", None) is None]
    if not articles:
        return
    ids = [a.pk for a in articles]
    tags = read_rows(
        Tag,
        f"SELECT t.*, l.content_object_id AS tagged_article_id FROM {table(Tag)} t "
        f"JOIN {table(TaggedArticle)} l ON l.tag_id = t.id "
        f"WHERE l.content_object_id IN ({_placeholders(ids)}) ORDER BY t.name, t.id",
        ids,
    )
    by_article: dict[int, list[Tag]] = defaultdict(list)
    for tag in tags:
        by_article[tag.tagged_article_id].append(tag)
    for article in articles:
        article.tag_list = by_article.get(article.pk, [])


def quoted_names(ids: Sequence[int]) -> dict[int, set[str]]:
    """The names of the speakers each article quotes, in one query."""
    names: dict[int, set[str]] = defaultdict(set)
    if not ids:
        return names
    with connections[router.db_for_read(Quote)].cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT q.article_id, p.name FROM {table(Quote)} q "
            f"JOIN {table(Speaker)} p ON p.id = q.speaker_id "
            f"WHERE q.article_id IN ({_placeholders(ids)})",
            list(ids),
        )
        for article_id, name in cursor.fetchall():
            names[article_id].add(name)
    return names


# -- which tags a card carries -------------------------------------------------------------------

KIND_ORDER = {Tag.Kind.PERSON: 0, Tag.Kind.ORGANISATION: 1, Tag.Kind.PLACE: 2, Tag.Kind.TOPIC: 3}


def _mentions(name: str, text: str, folded: str) -> int:
    """How often ``name`` appears in ``text`` as whole words, ignoring case; ``folded`` is
    ``text.casefold()``, which rules out most tags before any pattern is built."""
    if name.casefold() not in folded:
        return 0
    return len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", text, flags=re.IGNORECASE))


def salient_tags(article: Article, quoted: set[str], limit: int = CARD_TAGS) -> list[Tag]:
    """The ``limit`` tags that say most about ``article``: first people and organisations it
    quotes (``quoted``: its speakers' names) or names in its headline, then any tag in the
    headline, then the tags its headline and standfirst mention most, people and organisations
    before places before topics. (What a card shows; the article page lists them all.)"""
    headline = article.headline
    both = f"{headline} {article.standfirst}"
    folded_headline, folded_both = headline.casefold(), both.casefold()

    def salience(tag: Tag) -> tuple[int, int, int, str]:
        in_headline = _mentions(tag.name, headline, folded_headline) > 0
        who = tag.kind in (Tag.Kind.PERSON, Tag.Kind.ORGANISATION)
        tier = 0 if who and (in_headline or tag.name in quoted) else 1 if in_headline else 2
        often = _mentions(tag.name, both, folded_both)
        return (tier, -often, KIND_ORDER.get(tag.kind, 4), tag.name.casefold())

    return sorted(tags_of(article), key=salience)[:limit]


def with_card_tags(articles: Iterable[Article], limit: int = CARD_TAGS) -> list[Article]:
    """Give each article ``card_tags``, its most salient tags: two queries for all of them
    (their tags, unless already read, and the names of the speakers they quote)."""
    articles = list(articles)
    attach_tags(articles)
    quoted = quoted_names([a.pk for a in articles])
    for article in articles:
        article.card_tags = salient_tags(article, quoted.get(article.pk, set()), limit)
    return articles
