"""The one place where seeds become rows: in batches, idempotent, and careful with editors'
work.

``import_seeds`` (the command) and the tests call :class:`SeedImporter`; nothing else writes
articles from seeds.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

import reversion
from django.conf import settings
from django.db import (
    DatabaseError,
    IntegrityError,
    OperationalError,
    connection,
    transaction,
)
from django.utils import timezone

from articles import workflow
from articles.cache import invalidate_once, invalidate_public_pages
from articles.history import record_baseline
from articles.import_names import KnownNames
from articles.import_outcomes import FileResult, ImportSummary, Outcome  # noqa: F401 (re-exported)
from articles.import_rows import QUOTE_COLUMNS, QuoteRow, insert_new, insert_rows
from articles.models import (
    Article,
    Quote,
    Speaker,
    StatusChange,
    Tag,
    TaggedArticle,
    unique_slug,
)
from articles.search_index import (
    Document,
    compact_after_import,
    index_documents,
    reindex_once,
    schedule_reindex,
)
from articles.seed_files import (  # noqa: F401 (re-exported: their home was here)
    SEED_SUFFIXES,
    count_files,
    is_seed_name,
    iter_seed_files,
    walk_seed_paths,
)
from articles.seeds.export import SeedRow, seed_text
from articles.seeds.pool import (
    Understood,
    collect_garbage_less_often,
    understand_bytes,
    understand_file,
    understand_files,
)
from articles.seeds.quotes import normalise_quote_text
from articles.seeds.understand import ArticleDraft
from articles.seeds.url import url_identity

# Bump when extraction changes, so that re-importing an unchanged seed applies the new rules.
EXTRACTION_VERSION = "1"


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


def draft_seed_text(draft: ArticleDraft) -> str:
    """The seed file ``draft`` was read from, as its text (its layout too): what a conflict
    keeps so that an editor can take the wire's version later."""
    return seed_text(
        SeedRow(
            pk=0,
            slug=draft.slug,
            outlet_id=draft.outlet_id,
            url=draft.url,
            line2=draft.line2,
            line3=draft.line3,
            standfirst=draft.standfirst,
            body=draft.body,
            layout=draft.layout,
        )
    )


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
        self.names = KnownNames()
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

    def import_bytes(self, data: bytes, name: str) -> FileResult:
        """One seed's bytes, as if read from a file called ``name`` (``POST /api/v1/seeds/``)."""
        understood = understand_bytes(data, name, EXTRACTION_VERSION, self.file_seconds)
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
                self.names.forget()
                for index, name, draft in drafts:
                    results[index] = self._save_with_retries(draft, name)
            if self.dry_run:
                self.names.forget()  # the rows behind the caches were rolled back
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
                self.names.forget()  # remembered rows may have been rolled back
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
        sources = self.names.sources_for({draft.source_domain for draft in drafts})
        sections = self.names.sections_for(drafts)
        speakers = self.names.speakers_for(drafts)
        tags = self.names.tags_for(drafts)
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
            article.section = sections.get(draft.section)
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
        dated = TaggedArticle._meta.get_field("published_at")
        insert_rows(
            TaggedArticle,
            ("content_object", "tag", "status", "published_at"),
            [
                (pk, tag, article.status, dated.get_db_prep_save(article.published_at, connection))
                for pk, article, tags_of in zip(ids, articles, tag_ids, strict=True)
                for tag in tags_of
            ],
        )
        at = StatusChange._meta.get_field("at").get_db_prep_save(now, connection)
        insert_rows(
            StatusChange,
            ("article", "old_status", "new_status", "at", "comment"),
            [(pk, "", status, at, "") for pk in ids],
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
                source=self.names.sources_for({draft.source_domain})[draft.source_domain],
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
                seed=draft_seed_text(draft),
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
        article.section = self.names.sections_for([draft]).get(draft.section)
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
        speakers = self.names.speakers_for([draft])
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
        by_name = self.names.tags_for([draft])
        tags = list(dict.fromkeys(by_name[c.name.casefold()] for c in draft.tags))
        links = TaggedArticle.objects.filter(content_object=article)
        links.exclude(tag__in=tags).delete()
        linked = set(links.values_list("tag_id", flat=True))
        TaggedArticle.objects.bulk_create(
            TaggedArticle(
                content_object=article,
                tag=tag,
                status=article.status,
                published_at=article.published_at,
            )
            for tag in tags
            if tag.pk not in linked
        )
        return tags

    # Rows shared between articles, looked up a batch at a time and remembered ----------------

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
