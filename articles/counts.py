"""Counts and rankings the reader's index pages show, computed once per page-cache generation.

Counting every public article of each tag, speaker or section is an aggregation over the whole
archive: too dear for every request. It is done once and kept in the cache under the current
page-cache *generation* (``articles.cache``), which every change readers could see bumps
(an import, a publish, an unpublish, an edit), and never past the next scheduled publication:
so a count is as fresh as a cached page, and never older.

A long ranking (every speaker, every tag) is stored in pages of a fixed size, each under its own
key, so that a request reads one page of it from the cache, never the whole list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.core.cache import cache

from articles.cache import (
    DEFAULT_PAGE_SECONDS,
    current_generation,
    fresh_key,
    remember,
    remembered,
    seconds_until_next_publication,
)

COUNTS_KEY_PREFIX = "newsroom:counts"
T = TypeVar("T")


def _timeout(generation: str) -> int:
    """How long a value computed now stays true: the page cache's own rule."""
    seconds: float = DEFAULT_PAGE_SECONDS
    until_next = seconds_until_next_publication(generation)
    if until_next is not None:
        seconds = min(seconds, until_next)
    return int(seconds)


def per_generation(name: str, compute: Callable[[], T]) -> T:
    """``compute()``, kept until readers' view of the site next changes: its key
    (``cache.fresh_key``) names the generation and the next scheduled publication, so a
    change, or a scheduled article coming due, is a new key. Kept in the cache and, as
    ``cache.remember`` explains, in this process."""
    key = fresh_key("value", name)
    found = remembered(key) or cache.get(key)
    if found is None:
        found = {"value": compute()}
        cache.set(key, found, timeout=DEFAULT_PAGE_SECONDS)
    remember(key, found, DEFAULT_PAGE_SECONDS)
    return found["value"]


def counted(name: str, count: Callable[[], int]) -> int:
    """The length of the list called ``name`` (a paginator's count: "Page 3 of 1,512"),
    counted by ``count`` once per generation: counting 100,000 articles, or a tag's 30,000
    links, on every request cost more than the rest of the page."""
    return int(per_generation(f"count:{name}", count))


class CachedRanking(Sequence):
    """A long list (``compute()``'s rows, in order) kept in the cache in chunks of ``per_page``;
    a ``Paginator`` over it with the same ``per_page`` reads one chunk per page. ``extra`` holds
    what ``summarise(rows)`` says about the whole list (a letter index), kept beside it."""

    def __init__(
        self,
        name: str,
        compute: Callable[[], list[Any]],
        per_page: int,
        summarise: Callable[[list[Any]], Any] | None = None,
    ) -> None:
        self.name, self.compute, self.per_page = name, compute, per_page
        self.summarise = summarise or (lambda rows: None)
        self.generation = current_generation()
        self._head: dict[str, Any] | None = None
        self._rows: list[Any] | None = None  # when computed in this request

    def _key(self, part: str) -> str:
        return f"{COUNTS_KEY_PREFIX}:{self.name}:{self.generation}:{part}"

    def _fill(self) -> dict[str, Any]:
        rows = self.compute()
        head = {"total": len(rows), "extra": self.summarise(rows)}
        timeout = _timeout(self.generation)
        if timeout >= 1:
            chunks = {
                self._key(str(start // self.per_page)): rows[start : start + self.per_page]
                for start in range(0, len(rows), self.per_page)
            }
            cache.set_many(chunks, timeout=timeout)
            cache.set(self._key("head"), head, timeout=timeout)
        self._rows = rows
        return head

    @property
    def head(self) -> dict[str, Any]:
        if self._head is None:
            self._head = cache.get(self._key("head")) or self._fill()
        return self._head

    @property
    def extra(self) -> Any:
        return self.head["extra"]

    def __len__(self) -> int:
        return self.head["total"]

    def __getitem__(self, index: Any) -> Any:
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start = index.start or 0
        stop = len(self) if index.stop is None else min(index.stop, len(self))
        if stop <= start:
            return []
        if self._rows is not None:
            return self._rows[start:stop]
        found: list[Any] = []
        for chunk in range(start // self.per_page, (max(stop, 1) - 1) // self.per_page + 1):
            rows = cache.get(self._key(str(chunk)))
            if rows is None:  # evicted: compute the whole list again
                self._head = self._fill()
                return self._rows[start:stop]  # type: ignore[index]
            found.extend(rows)
        offset = (start // self.per_page) * self.per_page
        return found[start - offset : stop - offset]
