"""Pages of article lists that cost the same at any size: the length counted once per
generation, and each page's ids picked from an index before its rows are read."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet, Subquery
from django.utils.functional import cached_property

from articles.cache import counted
from articles.models import Article


class ArticlePaginator(Paginator):
    """Pages of an article list whose length is counted once per generation
    (``cache.counted``, under ``count_key``), not on every request: counting the archive
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
        return self._get_page(self.rows(Subquery(ids)), number, self)

    def rows(self, ids: Subquery) -> QuerySet[Article]:
        """The page's articles, by ``ids``, with what a list card shows."""
        return Article.objects.filter(pk__in=ids).for_listing().order_by(*Article._meta.ordering)
