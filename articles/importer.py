"""The one place where seeds become rows: one transaction per file, idempotent, and careful with
editors' work.

``import_seeds`` (the command) and the tests call :class:`SeedImporter`; nothing else writes
articles from seeds.
"""

from __future__ import annotations

import enum
import json
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import reversion
from django.conf import settings
from django.db import DatabaseError, IntegrityError, OperationalError, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from articles.cache import invalidate_once
from articles.models import Article, Quote, Source, Speaker, Tag, TaggedArticle, unique_slug
from articles.search import reindex_once, schedule_reindex
from articles.seeds.format import SeedFormatError, read
from articles.seeds.quotes import normalise_quote_text
from articles.seeds.understand import ArticleDraft, understand

logger = logging.getLogger(__name__)

# Bump when extraction changes, so that re-importing an unchanged seed applies the new rules.
EXTRACTION_VERSION = "1"
SEED_SUFFIXES = (".txt",)


class Outcome(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class FileResult:
    path: str
    outcome: Outcome
    message: str = ""
    article_id: int | None = None


class ImportSummary:
    """Counts per outcome, and every failure's and conflict's message, in order."""

    def __init__(self) -> None:
        self.counts = {outcome: 0 for outcome in Outcome}
        self.problems: list[FileResult] = []

    def add(self, result: FileResult) -> None:
        self.counts[result.outcome] += 1
        if result.outcome in (Outcome.FAILED, Outcome.CONFLICT):
            self.problems.append(result)

    @property
    def failed(self) -> int:
        return self.counts[Outcome.FAILED]

    def __str__(self) -> str:
        return ", ".join(f"{self.counts[o]} {o.value}" for o in Outcome)


def iter_seed_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Files as given, and directories walked in name order for ``*.txt`` seeds, lazily."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    if name.endswith(SEED_SUFFIXES) and not name.startswith("."):
                        yield Path(root) / name
        else:
            yield path


@cache
def known_outlets() -> dict[str, dict[str, str]]:
    """Names and homepages of well-known outlets, from the ``sources`` fixture, by domain."""
    with open(settings.BASE_DIR / "fixtures" / "sources.json", encoding="utf-8") as handle:
        rows = json.load(handle)
    return {row["fields"]["domain"]: row["fields"] for row in rows}


class SeedImporter:
    """Turns seed files into articles. ``publish`` makes new articles public; ``dry_run``
    rolls every file back; ``overwrite`` lets a changed seed replace an editor's edits."""

    def __init__(
        self, *, publish: bool = True, dry_run: bool = False, overwrite: bool = False
    ) -> None:
        self.publish = publish
        self.dry_run = dry_run
        self.overwrite = overwrite

    def run(self, paths: Iterable[str | os.PathLike[str]]) -> Iterator[FileResult]:
        for path in iter_seed_files(paths):
            yield self.import_file(path)

    # Another import running at the same time (PostgreSQL) can insert the same article, source,
    # speaker or tag between this file's read and its insert; the unique constraint then refuses
    # this transaction. Saving the file again sees the other's rows. Deadlocks and lock timeouts
    # (OperationalError) are retried the same way; a file that still fails is reported.
    SAVE_ATTEMPTS = 3

    def import_file(self, path: str | os.PathLike[str]) -> FileResult:
        name = str(path)
        try:
            draft = understand(read(path), EXTRACTION_VERSION)
        except SeedFormatError as exc:
            return FileResult(name, Outcome.FAILED, str(exc))
        except Exception as exc:  # a bug in extraction must not stop the other files
            logger.exception("extraction failed for %s", name)
            message = f"{name}: extraction failed ({type(exc).__name__}: {exc})"
            return FileResult(name, Outcome.FAILED, message)
        return self._save_with_retries(draft, name)

    def _save_with_retries(self, draft: ArticleDraft, name: str) -> FileResult:
        """Save in one transaction; retry when a concurrent import created the same article,
        source, speaker or tag between our read and our write (the retry then finds it)."""
        error: DatabaseError | None = None
        for _attempt in range(self.SAVE_ATTEMPTS):
            try:
                with transaction.atomic():
                    result = self.save_draft(draft, name)
                    if self.dry_run:
                        transaction.set_rollback(True)
                return result
            except (IntegrityError, OperationalError) as exc:
                error = exc
            except DatabaseError as exc:  # e.g. a value too long for its column: final
                error = exc
                break
        return FileResult(name, Outcome.FAILED, f"{name}: could not be saved ({error})")

    def save_draft(self, draft: ArticleDraft, name: str = "<draft>") -> FileResult:
        """Create or update the article the draft describes; the caller owns the transaction."""
        article = Article.objects.select_for_update().filter(original_url=draft.url).first()
        if article is None:
            article = Article(
                original_url=draft.url,
                slug=self._free_slug(draft),
                source=self._source(draft.source_domain),
            )
            article.transition(Article.Status.PUBLISHED if self.publish else Article.Status.DRAFT)
            outcome = Outcome.CREATED
        elif article.seed_sha256 == draft.seed_sha256:
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

    def _apply(self, article: Article, draft: ArticleDraft) -> None:
        with invalidate_once(), reindex_once():
            self._save_article(article, draft)
        # One revision of the article as it now stands, with its new quotes and tags (saved in
        # bulk, so no per-row signal could have added them).
        with reversion.create_revision():
            reversion.set_comment(f"Imported from the seed of {draft.url}")
            reversion.add_to_revision(article)

    def _save_article(self, article: Article, draft: ArticleDraft) -> None:
        article.headline = draft.headline
        article.standfirst = draft.standfirst
        article.body = draft.body
        article.section = draft.section
        article.outlet_article_id = draft.outlet_id
        article.seed_line2 = draft.line2
        article.seed_line3 = draft.line3
        article.seed_sha256 = draft.seed_sha256
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

    def _save_quotes(self, article: Article, draft: ArticleDraft) -> list[Quote]:
        """Replace the article's quotes, keeping every speaker an editor chose by hand."""
        fixed = {
            (q.block, normalise_quote_text(q.text)): q.speaker
            for q in article.quotes.filter(speaker_fixed=True).select_related("speaker")
        }
        article.quotes.all().delete()
        speakers = self._speakers(draft)
        rows = []
        for position, quote in enumerate(draft.quotes):
            key = (quote.block, normalise_quote_text(quote.text))
            rows.append(
                Quote(
                    article=article,
                    speaker=fixed[key] if key in fixed else speakers.get(quote.speaker or ""),
                    text=quote.text,
                    role=quote.role or "",
                    block=quote.block,
                    start=quote.start,
                    end=quote.end,
                    partial=quote.partial,
                    position=position,
                    speaker_fixed=key in fixed,
                )
            )
        return Quote.objects.bulk_create(rows)

    def _speakers(self, draft: ArticleDraft) -> dict[str, Speaker]:
        """The draft's speakers by name: one query for those already known by that exact name,
        ``Speaker.for_name`` (aliases, other cases) for the rest."""
        kinds = {q.speaker: q.speaker_kind for q in draft.quotes if q.speaker}
        found = {s.name: s for s in Speaker.objects.filter(name__in=list(kinds))}
        for name, kind in kinds.items():
            if name not in found:
                found[name] = Speaker.for_name(name, kind)
        return found

    def _save_tags(self, article: Article, draft: ArticleDraft) -> list[Tag]:
        """Link the draft's tags in a few queries: tags match by name whatever the case and are
        created when new; links change in bulk, without a signal per row (the revision and the
        page cache hear of the article once, at its end)."""
        names = [candidate.name for candidate in draft.tags]
        existing = Tag.objects.annotate(lower_name=Lower("name")).filter(
            Q(lower_name__in=[name.lower() for name in names]) | Q(name__in=names)
        )
        by_name = {tag.name.casefold(): tag for tag in existing}
        tags: list[Tag] = []
        for candidate in draft.tags:
            tag = by_name.get(candidate.name.casefold())
            if tag is None:
                tag = Tag.objects.create(
                    name=candidate.name, slug=unique_slug(Tag, candidate.name), kind=candidate.kind
                )
                by_name[candidate.name.casefold()] = tag
            if tag not in tags:
                tags.append(tag)
        links = TaggedArticle.objects.filter(content_object=article)
        links.exclude(tag__in=tags).delete()
        linked = set(links.values_list("tag_id", flat=True))
        TaggedArticle.objects.bulk_create(
            TaggedArticle(content_object=article, tag=tag) for tag in tags if tag.pk not in linked
        )
        return tags

    def _source(self, domain: str) -> Source:
        known = known_outlets().get(domain, {})
        source, _ = Source.objects.get_or_create(
            domain=domain,
            defaults={
                "name": known.get("name") or Source.name_from_domain(domain),
                "homepage": known.get("homepage") or f"https://{domain}/",
            },
        )
        return source

    def _free_slug(self, draft: ArticleDraft) -> str:
        if not Article.objects.filter(slug=draft.slug).exists():
            return draft.slug
        if draft.outlet_id:
            candidate = f"{draft.slug[:180]}-{draft.outlet_id}"
            if not Article.objects.filter(slug=candidate).exists():
                return candidate
        return unique_slug(Article, draft.slug)
