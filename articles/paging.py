"""Pages of article lists that cost the same at any size: the length counted once per
generation, each page's ids picked from an index before its rows are read, and pages past the
first few found by their neighbour (``?before=<article id>``, ``?after=``: keyset pagination)
rather than by skipping every newer article, which costs more the deeper the page."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.functional import cached_property

from articles.cards import cards_in_order
from articles.counts import counted
from articles.models import Article


class ArticlePaginator(Paginator):
    """Pages of an article list whose length is counted once per generation
    (``counts.counted``, under ``count_key``), not on every request: counting the archive
    cost more than reading a page of it."""

    def __init__(self, *args: Any, count_key: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self) -> int:
        if not self.count_key:
            return super().count
        return counted(self.count_key, self.object_list.count)


class FilteredListPaginator(ArticlePaginator):
    """Pages of an article list (the latest, a tag's, a source's, a section's), each read in one
    query that first picks the page's ids from the sorted matches, reading only the columns it
    sorts on (from an index: ``section_listing_idx``, ``source_listing_idx``, or the tag links'
    own ``tag_published_idx``), then the page's rows. Sorting every match's whole row to keep
    twenty cost more than the rest of the page. ``id_field``: where the matches keep the
    article's id (``content_object_id`` for tag links). The latest list too: its deep pages
    (``?page=500``) skip thousands of index entries, where reading past whole rows cost a
    tenth of a second."""

    def __init__(self, *args: Any, id_field: str = "pk", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.id_field = id_field

    def page(self, number: int | str) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = self.object_list.values(self.id_field)[bottom:top]
        return self._get_page(self.rows(ids), number, self)

    def rows(self, ids: list[int] | QuerySet) -> list[Article]:
        """The page's articles, by ``ids`` (newest first), with what a list card shows."""
        return cards_in_order(ids)

    def _get_page(self, *args: Any, **kwargs: Any) -> Page:
        return ListPage(*args, **kwargs)

    def cursor_page(self, *, before: str | None = None, after: str | None = None) -> Page:
        """The page of articles just older than the article ``before`` names (its id), or
        just newer than ``after``'s, read from the index from that point: as fast at the
        10,000th page as at the first. 404 for an id that is not in this list, so that made-up
        cursors are not pages (nor cached ones)."""
        text = before if before is not None else after or ""
        if not (text.isdecimal() and len(text) <= 18):
            raise Http404("No such page.")
        anchor_id = int(text)
        ids_of = self.id_field if self.id_field != "pk" else "id"
        anchor = (
            self.object_list.filter(**{ids_of: anchor_id})
            .values_list("published_at", flat=True)
            .first()
        )
        if anchor is None:
            raise Http404("No such page.")
        if before is not None:
            side = Q(published_at__lt=anchor) | Q(
                published_at=anchor, **{f"{ids_of}__lt": anchor_id}
            )
            order = ("-published_at", f"-{ids_of}")
        else:
            side = Q(published_at__gt=anchor) | Q(
                published_at=anchor, **{f"{ids_of}__gt": anchor_id}
            )
            order = ("published_at", ids_of)
        found = list(
            self.object_list.filter(side)
            .order_by(*order)
            .values_list(ids_of, flat=True)[: self.per_page + 1]
        )
        more = len(found) > self.per_page
        ids = found[: self.per_page]
        rows = self.rows(ids if before is not None else ids[::-1])  # newest first, as listed
        if before is not None:
            return CursorPage(rows, self, has_older=more, has_newer=True)
        return CursorPage(rows, self, has_older=True, has_newer=more)


# Pages up to this number link to the next by number ("Page 3 of 5,000"); past it, by cursor.
NUMBERED_PAGES = 10


class ListPage(Page):
    """A numbered page of an article list, with the query strings of its neighbours:
    ``newer_query`` (``page=2``) and ``older_query`` (``page=4``, or past ``NUMBERED_PAGES``
    ``before=<the last article's id>``)."""

    @property
    def newer_query(self) -> str:
        return f"page={self.number - 1}" if self.has_previous() else ""

    @property
    def older_query(self) -> str:
        if not self.has_next():
            return ""
        if self.number < NUMBERED_PAGES:
            return f"page={self.number + 1}"
        return f"before={self[len(self) - 1].pk}"


class CursorPage(Page):
    """A page of an article list found by its neighbour (``?before=``, ``?after=``): it has
    no number (counting the newer articles would cost what the cursor saves)."""

    def __init__(
        self, object_list: Any, paginator: Paginator, *, has_older: bool, has_newer: bool
    ) -> None:
        super().__init__(object_list, None, paginator)
        self._has_older, self._has_newer = has_older, has_newer

    def has_next(self) -> bool:
        return self._has_older and len(self) > 0

    def has_previous(self) -> bool:
        return self._has_newer and len(self) > 0

    def next_page_number(self) -> None:
        return None  # unknown: links use ``older_query``

    def previous_page_number(self) -> None:
        return None  # unknown: links use ``newer_query``

    @property
    def newer_query(self) -> str:
        return f"after={self[0].pk}" if self.has_previous() else ""

    @property
    def older_query(self) -> str:
        return f"before={self[len(self) - 1].pk}" if self.has_next() else ""
