"""The one place where seeds become rows: in batches, idempotent, and careful with editors'
work.

``import_seeds`` (the command) and the tests call :class:`SeedImporter`; nothing else writes
articles from seeds.
"""

from __future__ import annotations

import enum
import gc
import json
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from itertools import islice
from pathlib import Path
from typing import NamedTuple

import reversion
from django.conf import settings
from django.db import (
    DEFAULT_DB_ALIAS,
    DatabaseError,
    IntegrityError,
    OperationalError,
    connection,
    connections,
    models,
    transaction,
)
from django.db.models import Model, Q
from django.db.models.functions import Lower
from django.utils import timezone

from articles import workflow
from articles.cache import invalidate_once, invalidate_public_pages
from articles.history import record_baseline
from articles.models import (
    Article,
    Quote,
    Source,
    Speaker,
    StatusChange,
    Tag,
    TaggedArticle,
    unique_slug,
    unique_slugs,
)
from articles.search import (
    Document,
    compact_after_import,
    index_documents,
    reindex_once,
    schedule_reindex,
)
from articles.seeds.entities import TagCandidate
from articles.seeds.pool import (
    Understood,
    collect_garbage_less_often,
    understand_file,
    understand_files,
)
from articles.seeds.quotes import ExtractedQuote, normalise_quote_text
from articles.seeds.understand import ArticleDraft
from articles.seeds.url import url_identity

# Bump when extraction changes, so that re-importing an unchanged seed applies the new rules.
EXTRACTION_VERSION = "1"
SEED_SUFFIXES = (".txt",)


class Outcome(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"
    FAILED = "failed"
    # The same article as an earlier file of the run: not applied. (Last, so the summary
    # still starts as it did.)
    DUPLICATE = "duplicate"
    # A file in a seed directory that is not a seed (not ``*.txt``): named, not read.
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class FileResult:
    path: str
    outcome: Outcome
    message: str = ""
    article_id: int | None = None


class ImportSummary:
    """Counts per outcome, and every failure's, conflict's and duplicate's message, in order."""

    # Outcomes whose message the summary keeps and the command prints at the end.
    PROBLEMS = (Outcome.FAILED, Outcome.CONFLICT, Outcome.DUPLICATE)

    def __init__(self) -> None:
        self.counts = {outcome: 0 for outcome in Outcome}
        self.problems: list[FileResult] = []

    def add(self, result: FileResult) -> None:
        self.counts[result.outcome] += 1
        if result.outcome in self.PROBLEMS:
            self.problems.append(result)

    @property
    def failed(self) -> int:
        return self.counts[Outcome.FAILED]

    @property
    def conflicts(self) -> int:
        return self.counts[Outcome.CONFLICT]

    @property
    def files(self) -> int:
        """Files done so far, skipped ones included."""
        return sum(self.counts.values())

    def __str__(self) -> str:
        return ", ".join(f"{self.counts[o]} {o.value}" for o in Outcome)

    def brief(self) -> str:
        """The counts that are not zero, for the progress line (which must fit a terminal)."""
        return ", ".join(f"{n:,} {o.value}" for o, n in self.counts.items() if n)


def is_seed_name(name: str) -> bool:
    """Whether a file met in a seed directory is a seed: ``*.txt``, not hidden."""
    return name.endswith(SEED_SUFFIXES) and not name.startswith(".")


def walk_seed_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[Path, bool]]:
    """(file, is a seed) for every file: files as given (always seeds), and every file of
    the directories, walked in name order, lazily."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    yield Path(root) / name, is_seed_name(name)
        else:
            yield path, True


def iter_seed_files(
    paths: Iterable[str | os.PathLike[str]], skipped: list[Path] | None = None
) -> Iterator[Path]:
    """Files as given, and directories walked in name order for ``*.txt`` seeds, lazily. The
    other files of the directories are appended to ``skipped`` as the walk meets them."""
    for path, is_seed in walk_seed_paths(paths):
        if is_seed:
            yield path
        elif skipped is not None:
            skipped.append(path)


def count_files(paths: Iterable[str | os.PathLike[str]], seconds: float) -> int | None:
    """How many files an import of ``paths`` meets (seeds and skipped ones), or None when
    listing them takes longer than ``seconds`` (the progress line then shows "of ?" until
    the import's own listing is done)."""
    deadline = time.monotonic() + seconds
    count = 0
    for count, _ in enumerate(walk_seed_paths(paths), start=1):
        if count % 1000 == 0 and time.monotonic() > deadline:
            return None
    return count


@cache
def known_outlets() -> dict[str, dict[str, str]]:
    """Names and homepages of well-known outlets, from the ``sources`` fixture, by domain."""
    with open(settings.BASE_DIR / "fixtures" / "sources.json", encoding="utf-8") as handle:
        rows = json.load(handle)
    return {row["fields"]["domain"]: row["fields"] for row in rows}


QUOTE_COLUMNS = (
    "article",
    "speaker",
    "text",
    "role",
    "block",
    "start",
    "end",
    "partial",
    "position",
    "speaker_fixed",
)


class QuoteRow(NamedTuple):
    """A new article's quote as the importer inserts it: the columns after ``article`` in
    ``QUOTE_COLUMNS`` order, then the speaker's name for the search index."""

    speaker_id: int | None
    text: str
    role: str
    block: int
    start: int
    end: int
    partial: bool
    position: int
    speaker_fixed: bool
    speaker_name: str

    def values(self) -> tuple:
        """The values of ``QUOTE_COLUMNS`` after ``article``."""
        return self[:-1]

    @classmethod
    def of(
        cls,
        position: int,
        quote: ExtractedQuote,
        speaker: Speaker | None,
        speaker_fixed: bool = False,
    ) -> QuoteRow:
        return cls(
            speaker.pk if speaker else None,
            quote.text,
            quote.role or "",
            quote.block,
            quote.start,
            quote.end,
            quote.partial,
            position,
            speaker_fixed,
            speaker.name if speaker else "",
        )


def insert_rows(model: type[Model], fields: Sequence[str], rows: list[tuple]) -> None:
    """Insert plain rows with one prepared statement (``executemany``).

    ``bulk_create`` builds a model instance and prepares every value of every row, several
    times the cost of the insert itself when an import writes a dozen quotes and tag links per
    article. The values must be ready for the database: numbers, strings, booleans, None, or
    values prepared with the field's ``get_db_prep_save``. No signals are sent.
    """
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


# Field classes whose preparation (``get_db_prep_save``) returns values of these types as they
# are, on SQLite and PostgreSQL: it converts only other types. Exact classes, as a subclass may
# prepare differently. (A foreign key is prepared as the auto key it points to.)
_KEPT_AS_IS: dict[type[models.Field], frozenset[type]] = {
    **dict.fromkeys(
        (models.CharField, models.SlugField, models.URLField, models.TextField),
        frozenset({str, type(None)}),
    ),
    **dict.fromkeys(
        (
            models.IntegerField,
            models.PositiveIntegerField,
            models.BigIntegerField,
            models.AutoField,
            models.BigAutoField,
        ),
        frozenset({int, type(None)}),
    ),
    models.BooleanField: frozenset({bool}),
}


def insert_new(model: type[Model], objs: list[Model], key: str) -> None:
    """``model.objects.bulk_create(objs)`` for new objects, through :func:`insert_rows`.

    Every column ``bulk_create`` would fill gets the value it would: each field's
    ``pre_save`` (``auto_now`` and the like) and ``get_db_prep_save``, except for a column
    whose values that preparation returns unchanged (text in a text field...), which is
    inserted as it is: preparing each value one by one is what makes ``bulk_create`` slow.
    The new primary keys are then read back in one query by ``key``, a unique field (no
    ``RETURNING`` from ``executemany``). No signals are sent, as with ``bulk_create``.
    """
    if not objs:
        return
    db = connections[DEFAULT_DB_ALIAS]  # not the ``connection`` proxy: a lookup per use
    names, columns = [], []
    for field in model._meta.concrete_fields:
        if isinstance(field, models.AutoField) or field.generated:
            continue  # as bulk_create: the database numbers the rows
        if field.db_default is not models.NOT_PROVIDED:
            raise NotImplementedError(f"insert_new() cannot insert {field}'s db_default")
        values = [field.pre_save(obj, add=True) for obj in objs]
        kept = _KEPT_AS_IS.get(type(field.target_field if field.is_relation else field), ())
        if not all(type(value) in kept for value in values):
            values = [field.get_db_prep_save(value, db) for value in values]
        names.append(field.name)
        columns.append(values)
    insert_rows(model, names, list(zip(*columns, strict=True)))
    keys = [getattr(obj, key) for obj in objs]
    new_rows = model._base_manager.using(db.alias).filter(**{f"{key}__in": keys})
    ids = dict(new_rows.values_list(key, "pk"))
    for obj, value in zip(objs, keys, strict=True):
        obj.pk = ids[value]
        obj._state.adding = False
        obj._state.db = db.alias


# Container objects allocated (net) before the cyclic garbage collector runs during an import.
GC_THRESHOLD = 50_000


@contextmanager
def fewer_gc_passes() -> Iterator[None]:
    """Let Python's cyclic garbage collector run far less often, for an import's duration.

    A batch allocates and frees a few hundred thousand objects (drafts arriving from the
    workers, model instances, rows) and leaves next to no cycles, yet with the default
    threshold (700) the collector ran about 900 times per 10,000 files, each pass walking
    the objects alive: 1.3-1.8 s of the writing process's time. Memory stays flat: what a
    batch allocates, it frees (no pass at all was needed in a 10,000-file import).
    """
    previous = collect_garbage_less_often(GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


class SeedImporter:
    """Turns seed files into articles. ``publish`` makes new articles public; ``dry_run``
    rolls every file back; ``overwrite`` lets a changed seed replace an editor's edits.

    Files are understood in ``workers`` processes and written ``batch_size`` at a time: new
    articles of a batch are created together in one transaction, with a few bulk inserts, while
    a file that changes an existing article goes through :meth:`save_draft` as before. If the
    batch fails in the database, it is rolled back and saved again file by file, each file in
    its own transaction, so one bad file is still rejected whole and the others land.
    """

    # A batch's inserts land all over the unique indexes (slugs, URLs) and the search index;
    # the more rows a commit carries, the fewer times each of those pages is written. Going
    # from 500 to 1,000 cut the writing process's CPU by about 12% at 100,000 articles, for
    # about 10 MB more memory.
    BATCH_SIZE = 1000
    # Sources, tags and speakers already seen are kept between batches, up to this many each.
    CACHE_LIMIT = 20_000

    def __init__(
        self,
        *,
        publish: bool = True,
        dry_run: bool = False,
        overwrite: bool = False,
        batch_size: int = BATCH_SIZE,
        workers: int = 1,
        file_seconds: float | None = None,
    ) -> None:
        self.publish = publish
        self.dry_run = dry_run
        self.overwrite = overwrite
        self.batch_size = max(1, batch_size)
        self.workers = workers
        # Each file's budget for reading and understanding (settings.IMPORT_FILE_SECONDS).
        if file_seconds is None:
            file_seconds = settings.IMPORT_FILE_SECONDS
        self.file_seconds = file_seconds if file_seconds > 0 else None
        # The first file of this run for each article (by ``url_key``): a second file naming
        # the same article is a duplicate, not applied. Keyed by the key's first 64 bits, with
        # the file's name: about 190 bytes a file (19 MB per 100,000 files, measured), the one
        # thing an import keeps per file.
        self._first_file: dict[int, str] = {}
        self._forget()
        # Files listed so far by :meth:`run` (seeds and skipped ones), and whether the listing
        # is complete: the progress line's total.
        self.listed = 0
        self.listing_done = False
        self.pending = 0  # results of the current batch not yet yielded by :meth:`run`

    def _listing(
        self, paths: Iterable[str | os.PathLike[str]], skipped: list[Path]
    ) -> Iterator[Path]:
        """The seed files of ``paths``, counting every file listed (``listed``)."""
        self.listed, self.listing_done = 0, False
        for path, is_seed in walk_seed_paths(paths):
            self.listed += 1
            if is_seed:
                yield path
            else:
                skipped.append(path)
        self.listing_done = True

    def _hand_out(self, results: list[FileResult]) -> Iterator[FileResult]:
        """Yield ``results`` (which arrive a batch at once), with ``pending`` saying how many
        of them are still to come: a progress line is drawn when none is."""
        for index, result in enumerate(results):
            self.pending = len(results) - index - 1
            yield result

    @staticmethod
    def _skipped_results(skipped: list[Path]) -> list[FileResult]:
        """The files not read since the last call, as ``skipped`` results (the list is
        emptied)."""
        results = [
            FileResult(
                str(path),
                Outcome.SKIPPED,
                f"{path}: not a seed file (only {', '.join(SEED_SUFFIXES)} files are read)",
            )
            for path in skipped
        ]
        skipped.clear()
        return results

    def run(self, paths: Iterable[str | os.PathLike[str]]) -> Iterator[FileResult]:
        """One result per file, each yielded once its batch is committed: in the given order
        when the files are read here, in the order they are done with worker processes."""
        skipped: list[Path] = []
        understood = understand_files(
            self._listing(paths, skipped),
            EXTRACTION_VERSION,
            self.workers,
            window=2 * self.batch_size,
            budget=self.file_seconds,
        )
        created = 0
        with self._sqlite_settings(), fewer_gc_passes():
            while batch := list(islice(understood, self.batch_size)):
                results = self._skipped_results(skipped) + self.save_batch(batch)
                created += sum(result.outcome is Outcome.CREATED for result in results)
                yield from self._hand_out(results)
            yield from self._hand_out(self._skipped_results(skipped))
            if not self.dry_run:
                compact_after_import(created)  # a bulk load leaves the search index in pieces

    # Pages SQLite's write-ahead log may hold before a commit copies them into the database
    # file (SQLite's default, 1,000 pages, is less than one batch writes). Batches rewrite many
    # of the same pages (indexes, the search index): checkpointing every few batches copies
    # each of them once instead of once per batch, and commits took about 40% less time on a
    # 50,000-article database. Commits still go to the log as before: durability is unchanged.
    WAL_AUTOCHECKPOINT = 20_000

    @contextmanager
    def _sqlite_settings(self) -> Iterator[None]:
        """The import's own connection settings (SQLite only), undone when it ends."""
        if connection.vendor != "sqlite":
            yield
            return
        with connection.cursor() as cursor:
            # The site maps the database file into memory for fast reads; an import touches the
            # whole file once, and every mapped page would count as the importer's memory.
            cursor.execute("PRAGMA mmap_size=0")
            cursor.execute("PRAGMA wal_autocheckpoint")
            (pages,) = cursor.fetchone()
            cursor.execute(f"PRAGMA wal_autocheckpoint={self.WAL_AUTOCHECKPOINT}")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA wal_autocheckpoint={pages}")
                if not connection.in_atomic_block:
                    # What the log still holds goes into the database file now, not in the
                    # next writer's commit (an editor saving an article, say).
                    cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def import_file(self, path: str | os.PathLike[str]) -> FileResult:
        understood = understand_file(path, EXTRACTION_VERSION, self.file_seconds)
        return self.save_batch([understood])[0]

    def save_batch(self, batch: list[Understood]) -> list[FileResult]:
        """Save a batch of understood files; results in the batch's order."""
        results: dict[int, FileResult] = {}
        drafts: list[tuple[int, str, ArticleDraft]] = []
        for index, item in enumerate(batch):
            if item.draft is None:
                results[index] = FileResult(item.name, Outcome.FAILED, item.failure)
            elif (first := self._first_file_of(item.draft, item.name)) is not None:
                results[index] = FileResult(
                    item.name,
                    Outcome.DUPLICATE,
                    f"{item.name}: the same article as {first} "
                    f"({url_identity(item.draft.url)}), read earlier in this import; "
                    "not applied",
                )
            else:
                drafts.append((index, item.name, item.draft))
        if drafts:
            try:
                with self._transaction():
                    results.update(self._save_together(drafts))
            except DatabaseError:
                # Rolled back whole: save again one file per transaction, so only a file that
                # cannot be saved fails (and a concurrent import's rows are seen).
                self._forget()
                for index, name, draft in drafts:
                    results[index] = self._save_with_retries(draft, name)
            if self.dry_run:
                self._forget()  # the rows behind the caches were rolled back
        return [results[index] for index in range(len(batch))]

    def _first_file_of(self, draft: ArticleDraft, name: str) -> str | None:
        """The earlier file of this run with the draft's article, or None when this file is
        the first (then it is remembered as that article's)."""
        key = int(draft.url_key[:16], 16)
        first = self._first_file.get(key)
        if first is None:
            self._first_file[key] = name
        return first

    # Another import running at the same time (PostgreSQL) can insert the same article, source,
    # speaker or tag between this file's read and its insert; the unique constraint then refuses
    # this transaction. Saving the file again sees the other's rows. Deadlocks and lock timeouts
    # (OperationalError) are retried the same way; a file that still fails is reported.
    SAVE_ATTEMPTS = 3

    def _save_with_retries(self, draft: ArticleDraft, name: str) -> FileResult:
        """Save in one transaction; retry when a concurrent import created the same article,
        source, speaker or tag between our read and our write (the retry then finds it)."""
        error: DatabaseError | None = None
        for _attempt in range(self.SAVE_ATTEMPTS):
            try:
                with self._transaction():
                    return self.save_draft(draft, name)
            except DatabaseError as exc:
                error = exc
                self._forget()  # remembered rows may have been rolled back
                if not isinstance(exc, (IntegrityError, OperationalError)):
                    break  # e.g. a value too long for its column: final
        return FileResult(name, Outcome.FAILED, f"{name}: could not be saved ({error})")

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """A transaction that commits, or with ``dry_run`` always rolls back."""
        with transaction.atomic():
            yield
            if self.dry_run:
                transaction.set_rollback(True)

    def _save_together(self, drafts: list[tuple[int, str, ArticleDraft]]) -> dict[int, FileResult]:
        """Inside the batch's transaction: new articles in bulk, the rest one by one."""
        keys = [draft.url_key for _, _, draft in drafts]  # one file per article (``save_batch``)
        existing = {
            article.url_key: article
            for article in Article.objects.select_for_update()
            .filter(url_key__in=keys)
            .only("pk", "url_key", "seed_sha256", "seed_layout")
        }
        results: dict[int, FileResult] = {}
        new: list[tuple[int, str, ArticleDraft]] = []
        one_by_one: list[tuple[int, str, ArticleDraft]] = []
        for index, name, draft in drafts:
            article = existing.get(draft.url_key)
            if article is None:
                new.append((index, name, draft))
            elif article.seed_sha256 == draft.seed_sha256:
                self._keep_layout(article, draft)
                results[index] = FileResult(name, Outcome.UNCHANGED, article_id=article.pk)
            else:
                one_by_one.append((index, name, draft))
        with invalidate_once(), reindex_once():
            created = self._create([draft for *_, draft in new])
            for (index, name, _draft), article in zip(new, created, strict=True):
                results[index] = FileResult(name, Outcome.CREATED, article_id=article.pk)
            for index, name, draft in one_by_one:
                results[index] = self.save_draft(draft, name)
        return results

    def _create(self, drafts: list[ArticleDraft]) -> list[Article]:
        """New articles with their quotes, tags, status history and search entries, in bulk."""
        if not drafts:
            return []
        sources = self._sources_for({draft.source_domain for draft in drafts})
        speakers = self._speakers_for(drafts)
        tags = self._tags_for(drafts)
        slugs = self._free_slugs(drafts)
        status = workflow.import_status(self.publish)
        now = timezone.now()
        articles, quote_rows, tag_ids, documents = [], [], [], []
        for draft, slug in zip(drafts, slugs, strict=True):
            article = Article(
                original_url=draft.url,
                url_key=draft.url_key,
                slug=slug,
                source=sources[draft.source_domain],
                imported_at=now,
            )
            self._fill(article, draft)
            article.date_from_wire(draft.url, now)
            workflow.transition(article, status)
            article._status_change = None  # written below, in bulk
            quotes = [
                QuoteRow.of(position, quote, speakers.get(quote.speaker or ""))
                for position, quote in enumerate(draft.quotes)
            ]
            # Deduplicated by name: hashing the Tag instances themselves costs a call each.
            article_tags = [
                tags[key] for key in dict.fromkeys(c.name.casefold() for c in draft.tags)
            ]
            article.imported_fingerprint = article.fingerprint(
                [tag.name for tag in article_tags], quotes
            )
            articles.append(article)
            quote_rows.append(quotes)
            tag_ids.append([tag.pk for tag in article_tags])
            documents.append(
                Document.build(
                    article.headline,
                    article.standfirst,
                    article.body,
                    [(q.text, q.speaker_name) for q in quotes],
                )
            )
        insert_new(Article, articles, key="url_key")
        ids = [article.pk for article in articles]
        insert_rows(
            Quote,
            QUOTE_COLUMNS,
            [(pk, *q.values()) for pk, qs in zip(ids, quote_rows, strict=True) for q in qs],
        )
        insert_rows(
            TaggedArticle,
            ("content_object", "tag"),
            [(pk, tag) for pk, tags_of in zip(ids, tag_ids, strict=True) for tag in tags_of],
        )
        at = StatusChange._meta.get_field("at").get_db_prep_save(now, connection)
        insert_rows(
            StatusChange,
            ("article", "old_status", "new_status", "at"),
            [(pk, "", status, at) for pk in ids],
        )
        index_documents(dict(zip(ids, documents, strict=True)))
        invalidate_public_pages()  # bulk inserts send no signals
        return articles

    def save_draft(self, draft: ArticleDraft, name: str = "<draft>") -> FileResult:
        """Create or update the article the draft describes; the caller owns the transaction."""
        article = Article.objects.select_for_update().filter(url_key=draft.url_key).first()
        if article is None:
            article = Article(
                url_key=draft.url_key,
                slug=self._free_slugs([draft])[0],
                source=self._sources_for({draft.source_domain})[draft.source_domain],
            )
            article.date_from_wire(draft.url, timezone.now())
            workflow.transition(article, workflow.import_status(self.publish))
            outcome = Outcome.CREATED
        elif article.seed_sha256 == draft.seed_sha256:
            self._keep_layout(article, draft)
            return FileResult(name, Outcome.UNCHANGED, article_id=article.pk)
        elif article.edited_since_import and not self.overwrite:
            return FileResult(
                name,
                Outcome.CONFLICT,
                f"{name}: the seed changed, but an editor has changed article {article.pk} "
                "since it was imported; kept the editor's version (use --overwrite to take "
                "the seed's)",
                article.pk,
            )
        else:
            outcome = Outcome.UPDATED
        self._apply(article, draft)
        return FileResult(name, outcome, article_id=article.pk)

    @staticmethod
    def _keep_layout(article: Article, draft: ArticleDraft) -> None:
        """The same seed in another layout (CRLF, a BOM, a final newline...) is unchanged, but
        an export gives back the file last imported: its layout is noted, and nothing else."""
        if article.seed_layout != draft.layout:
            Article.objects.filter(pk=article.pk).update(seed_layout=draft.layout)

    def _apply(self, article: Article, draft: ArticleDraft) -> None:
        updating = article.pk is not None
        if updating:
            record_baseline(article)  # the version this import replaces stays restorable
        # A re-import never moves the date; a changed story readers see is "Updated".
        seen = article.public_fingerprint() if updating else None
        with invalidate_once(), reindex_once():
            self._save_article(article, draft)
            article.note_content_change(seen)
        if updating:
            # A revision of the article as it now stands, with its new quotes and tags (saved
            # in bulk, so no per-row signal could have added them). A new article gets its
            # first revision when an editor first changes it (``record_baseline``).
            with reversion.create_revision():
                reversion.set_comment(f"Imported from the seed of {draft.url}")
                reversion.add_to_revision(article)

    @staticmethod
    def _fill(article: Article, draft: ArticleDraft) -> None:
        # What editors may change comes from the draft's fields of the same names: a field
        # the import writes that editors change is in the list, so their change is a conflict.
        for name in Article.editorial_columns():
            setattr(article, name, getattr(draft, name))
        article.original_url = draft.url  # as the latest seed writes it
        article.outlet_article_id = draft.outlet_id
        article.seed_line2 = draft.line2
        article.seed_line3 = draft.line3
        article.seed_sha256 = draft.seed_sha256
        article.seed_layout = draft.layout

    def _save_article(self, article: Article, draft: ArticleDraft) -> None:
        self._fill(article, draft)
        article.imported_at = timezone.now()
        if article.pk:
            article.version += 1
        article.save()
        quotes = self._save_quotes(article, draft)
        tags = self._save_tags(article, draft)
        article.imported_fingerprint = article.fingerprint([t.name for t in tags], quotes)
        Article.objects.filter(pk=article.pk).update(
            imported_fingerprint=article.imported_fingerprint
        )
        schedule_reindex(article.pk)  # bulk_create sent no signals for the quotes

    def _save_quotes(self, article: Article, draft: ArticleDraft) -> list[QuoteRow]:
        """Replace the article's quotes, keeping every speaker an editor chose by hand: matched
        by paragraph and text, else by text alone (an editor's body change moves quotes to
        other paragraphs, ``articles.requote``)."""
        fixed: dict[object, Speaker | None] = {}
        for q in article.quotes.filter(speaker_fixed=True).select_related("speaker"):
            fixed[q.block, normalise_quote_text(q.text)] = q.speaker
            fixed.setdefault(normalise_quote_text(q.text), q.speaker)
        article.quotes.all().delete()
        speakers = self._speakers_for([draft])
        rows = []
        for position, extracted in enumerate(draft.quotes):
            text = normalise_quote_text(extracted.text)
            key = (extracted.block, text) if (extracted.block, text) in fixed else text
            speaker = fixed[key] if key in fixed else speakers.get(extracted.speaker or "")
            rows.append(QuoteRow.of(position, extracted, speaker, speaker_fixed=key in fixed))
        insert_rows(Quote, QUOTE_COLUMNS, [(article.pk, *row.values()) for row in rows])
        return rows

    def _save_tags(self, article: Article, draft: ArticleDraft) -> list[Tag]:
        """Link the draft's tags; links change in bulk, without a signal per row (the revision
        and the page cache hear of the article once, at its end)."""
        by_name = self._tags_for([draft])
        tags = list(dict.fromkeys(by_name[c.name.casefold()] for c in draft.tags))
        links = TaggedArticle.objects.filter(content_object=article)
        links.exclude(tag__in=tags).delete()
        linked = set(links.values_list("tag_id", flat=True))
        TaggedArticle.objects.bulk_create(
            TaggedArticle(content_object=article, tag=tag) for tag in tags if tag.pk not in linked
        )
        return tags

    # Rows shared between articles, looked up a batch at a time and remembered ----------------

    def _forget(self) -> None:
        """Drop the remembered sources, tags and speakers (after a rollback, or when full)."""
        self._sources: dict[str, Source] = {}
        self._tags: dict[str, Tag] = {}
        self._speakers: dict[str, Speaker] = {}

    def _trim(self) -> None:
        if max(len(self._sources), len(self._tags), len(self._speakers)) > self.CACHE_LIMIT:
            self._forget()  # memory stays flat however many distinct names an archive holds

    def _sources_for(self, domains: set[str]) -> dict[str, Source]:
        self._trim()
        for domain in domains - self._sources.keys():
            known = known_outlets().get(domain, {})
            self._sources[domain], _ = Source.objects.get_or_create(
                domain=domain,
                defaults={
                    "name": known.get("name") or Source.name_from_domain(domain),
                    "homepage": known.get("homepage") or f"https://{domain}/",
                },
            )
        return self._sources

    def _speakers_for(self, drafts: list[ArticleDraft]) -> dict[str, Speaker]:
        """The drafts' speakers by name (``Speaker.for_names``: aliases, other cases; new ones
        created), remembered for the next batches."""
        self._trim()
        kinds: dict[str, str] = {}
        for draft in drafts:
            for quote in draft.quotes:
                if quote.speaker and quote.speaker not in self._speakers:
                    kinds.setdefault(quote.speaker, quote.speaker_kind)
        self._speakers.update(Speaker.for_names(kinds))
        return self._speakers

    def _tags_for(self, drafts: list[ArticleDraft]) -> dict[str, Tag]:
        """The drafts' tags by case-folded name: matched whatever the case, created when new."""
        self._trim()
        wanted: dict[str, TagCandidate] = {}
        for draft in drafts:
            for candidate in draft.tags:
                key = candidate.name.casefold()
                if key not in self._tags:
                    wanted.setdefault(key, candidate)
        if wanted:
            names = [candidate.name for candidate in wanted.values()]
            existing = Tag.objects.annotate(lower_name=Lower("name")).filter(
                Q(lower_name__in=[name.lower() for name in names]) | Q(name__in=names)
            )
            for tag in existing:
                self._tags.setdefault(tag.name.casefold(), tag)
            new: list[Tag] = []
            for key, candidate in wanted.items():
                if key not in self._tags:
                    self._tags[key] = Tag(name=candidate.name, kind=candidate.kind)
                    new.append(self._tags[key])
            for tag, slug in zip(new, unique_slugs(Tag, [t.name for t in new]), strict=True):
                tag.slug = slug
            Tag.objects.bulk_create(new)
        return self._tags

    def _free_slugs(self, drafts: list[ArticleDraft]) -> list[str]:
        """A free slug per draft: the headline's, else with the outlet's id, else numbered."""
        with_ids = [f"{d.slug[:180]}-{d.outlet_id}" if d.outlet_id else "" for d in drafts]
        candidates = {d.slug for d in drafts} | set(filter(None, with_ids))
        taken = set(Article.objects.filter(slug__in=candidates).values_list("slug", flat=True))
        slugs = []
        for draft, with_id in zip(drafts, with_ids, strict=True):
            if draft.slug not in taken:
                slug = draft.slug
            elif with_id and with_id not in taken:
                slug = with_id
            else:
                slug = unique_slug(Article, draft.slug, taken=taken)
            taken.add(slug)
            slugs.append(slug)
        return slugs
