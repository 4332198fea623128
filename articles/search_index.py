"""What goes into the search index, and keeping it in step with the data.

One article's entry is a :class:`Document`: its headline, standfirst, body and quotes (with
their speakers), each bounded (``search.INDEXED_CHARS``). The index follows the data three ways:

* the importer indexes each file's new articles at once (:func:`index_documents`), after their
  quotes are bulk-created (``bulk_create`` sends no signals), and compacts the index after a
  bulk load (:func:`compact_after_import`);
* saving or deleting an Article, Quote or Speaker (the admin, a shell) re-indexes the articles
  involved, in the same transaction (the signal handlers below; :func:`reindex_once` batches a
  block of writes);
* :func:`rebuild_index` rebuilds everything, for operators.

How each database stores and queries the index is ``articles.search``'s engines.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from articles.models import Article, Quote, Speaker
from articles.search import INDEXED_CHARS, _bounded, _clean, engine


@dataclass(frozen=True, slots=True)
class Document:
    """What is indexed for one article, in the columns the engines weigh differently."""

    headline: str
    standfirst: str
    body: str
    quotes: str

    @classmethod
    def build(
        cls, headline: str, standfirst: str, body: str, quotes: Iterable[tuple[str, str | None]]
    ) -> Document:
        """The document for an article's text and its quotes as (text, speaker name) pairs:
        the first ``INDEXED_CHARS`` of each (what both engines index and show passages of)."""
        lines = [f"{text} — {speaker}" if speaker else text for text, speaker in quotes]
        return cls(
            _clean(headline),
            _clean(_bounded(standfirst, INDEXED_CHARS["standfirst"])),
            _clean(_bounded(body, INDEXED_CHARS["body"])),
            _clean(_bounded("\n".join(lines), INDEXED_CHARS["quotes"])),
        )

    @classmethod
    def for_article(cls, article_id: int) -> Document | None:
        row = (
            Article.objects.filter(pk=article_id)
            .values_list("headline", "standfirst", "body")
            .first()
        )
        if row is None:
            return None
        quotes = Quote.objects.filter(article_id=article_id).order_by("position")
        return cls.build(*row, quotes.values_list("text", "speaker__name"))


def reindex_article(article_id: int) -> None:
    """Bring one article's index entry up to date (or remove it when the article is gone).

    Call it after changing an article's quotes in bulk; saving through models does it for you.
    """
    document = Document.for_article(article_id)
    with connection.cursor() as cursor:
        engine().write(cursor, article_id, document)


def index_documents(documents: dict[int, Document]) -> None:
    """Write the index entries of many articles at once (the importer's new articles)."""
    if documents:
        with connection.cursor() as cursor:
            engine().write_many(cursor, documents)


# An import that adds at least this share of the index's articles compacts it at the end:
# compacting costs time in proportion to the whole index, so a share keeps its cost per imported
# article bounded (at most four times that of compacting one entry), whatever the archive's size.
COMPACT_SHARE = 0.25


def compact_after_import(added: int) -> bool:
    """Compact the index when an import just added at least ``COMPACT_SHARE`` of its articles
    (a bulk load); returns whether it did. Outside a transaction: it writes the whole index."""
    if added <= 0 or added < COMPACT_SHARE * Article.objects.count():
        return False
    with connection.cursor() as cursor:
        engine().compact(cursor)
    return True


def rebuild_index() -> int:
    """Re-index every article; returns how many. For operators, after bulk SQL changes."""
    ids = list(Article.objects.values_list("pk", flat=True))
    for article_id in ids:
        reindex_article(article_id)
    return len(ids)


# Keeping the index in step with saves and deletes ----------------------------------------------


_pending: ContextVar[set[int] | None] = ContextVar("search_pending_reindex", default=None)


def schedule_reindex(article_id: int) -> None:
    """Re-index at once, inside the caller's transaction: the index commits or rolls back with
    the change, and no write is left for after the commit, when another writer may hold the
    database (SQLite). Inside :func:`reindex_once`, it is noted and done once at the end."""
    pending = _pending.get()
    if pending is None:
        reindex_article(article_id)
    else:
        pending.add(article_id)


@contextmanager
def reindex_once() -> Iterator[None]:
    """Batch the re-indexing of a block of writes (an import saves an article, deletes and
    creates its quotes...): each touched article is re-indexed once, when the block succeeds,
    still inside the caller's transaction."""
    if _pending.get() is not None:  # already batching: the outer block re-indexes
        yield
        return
    pending: set[int] = set()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    for article_id in sorted(pending):
        reindex_article(article_id)


@receiver(post_save, sender=Article, dispatch_uid="search_article_saved")
@receiver(post_delete, sender=Article, dispatch_uid="search_article_deleted")
def _article_changed(sender: type, instance: Article, **kwargs: Any) -> None:
    schedule_reindex(instance.pk)


@receiver(post_save, sender=Quote, dispatch_uid="search_quote_saved")
@receiver(post_delete, sender=Quote, dispatch_uid="search_quote_deleted")
def _quote_changed(sender: type, instance: Quote, **kwargs: Any) -> None:
    schedule_reindex(instance.article_id)


@receiver(post_save, sender=Speaker, dispatch_uid="search_speaker_saved")
def _speaker_changed(sender: type, instance: Speaker, **kwargs: Any) -> None:
    if kwargs.get("created"):
        return
    for article_id in set(instance.quotes.values_list("article_id", flat=True)):
        schedule_reindex(article_id)


@receiver(pre_delete, sender=Speaker, dispatch_uid="search_speaker_deleted")
def _speaker_deleted(sender: type, instance: Speaker, **kwargs: Any) -> None:
    # Before the quotes lose their speaker; deletes run in a transaction, so this waits for it.
    _speaker_changed(sender, instance)
