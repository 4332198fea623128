"""Articles, their quotes, corrections and status history; querysets carry the domain rules."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import datetime, time
from functools import cache

import reversion
from django.conf import settings
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from taggit.managers import TaggableManager

from articles.links import slug_url
from articles.seeds import limits
from articles.seeds import url as seed_url
from articles.seeds.dates import date_from_url
from articles.seeds.format import Block, split_blocks
from articles.slugs import unique_slug, unique_slugs  # noqa: F401 (their home was here)
from articles.taxonomy import (  # noqa: F401 (their home was here)
    Section,
    SectionQuerySet,
    Source,
    SourceQuerySet,
    Speaker,
    SpeakerQuerySet,
    Tag,
    TaggedArticle,
    TagQuerySet,
    copy_article_dates,
    section_key,
    tags_of,
)


def readers_may_see(path: str = "") -> Q:
    """The rule of what readers may see, as a condition on an article (``path``: the lookup
    that leads to one, such as ``"article__"``): published or scheduled, and due. A scheduled
    article goes live by itself when its time comes, with no job to run. Every public page,
    feed and name (tag, speaker, source, section) goes through it: ``published()``, the
    ``public()`` querysets below, and ``published_sql()``, its SQL twin."""
    return Q(
        **{f"{path}status__in": Article.LIVE_STATUSES, f"{path}published_at__lte": timezone.now()}
    )


class ArticleQuerySet(models.QuerySet):
    def update(self, **values: object) -> int:
        """``QuerySet.update``; a change of status or date is copied onto the articles' tag
        links too (``TaggedArticle``), as ``Article.save`` does."""
        if not {"status", "published_at"} & values.keys():
            return super().update(**values)
        ids = None if not self.query.where else list(self.values_list("pk", flat=True))
        updated = super().update(**values)
        if ids is None:
            copy_article_dates(using=self.db)
        for start in range(0, len(ids or ()), 5000):
            copy_article_dates(ids[start : start + 5000], using=self.db)
        return updated

    def published(self) -> ArticleQuerySet:
        """What readers may see (``readers_may_see``)."""
        return self.filter(readers_may_see())

    def in_section(self, section: Section) -> ArticleQuerySet:
        return self.filter(section=section)

    def public_section(self, text: str) -> Section | None:
        """The section ``text`` names (its slug, any spelling of its name, an alias), or None
        when there is none or readers may see no article in it: then it has no page."""
        section = Section.objects.public().filter(slug=text).first()  # its own address
        if section is None:  # another spelling, if any: the caller redirects
            section = Section.objects.public().by_keys().get(section_key(text))
        return section

    def in_review(self) -> ArticleQuerySet:
        return self.filter(status=Article.Status.IN_REVIEW)

    def scheduled(self) -> ArticleQuerySet:
        """Scheduled and not yet due."""
        return self.filter(status=Article.Status.SCHEDULED, published_at__gt=timezone.now())

    def for_listing(self) -> ArticleQuerySet:
        """Everything a list page shows, in a fixed number of queries: each article's source,
        and its tags as the list ``tag_list`` (a prefetched ``tags.all()`` costs a queryset
        built per article). The body is not shown, so it is not read."""
        return (
            self.select_related("source", "section")
            .prefetch_related(Prefetch("tags", to_attr="tag_list"))
            .defer("body")
        )

    @staticmethod
    def published_sql(alias: str) -> tuple[str, list[object]]:
        """``published()`` (``readers_may_see``) as an SQL condition on the article table
        called ``alias``, for the queries written in SQL (``article_page``, ``cards``...)."""
        statuses = ", ".join(["%s"] * len(Article.LIVE_STATUSES))
        return (
            f"{alias}.status IN ({statuses}) AND {alias}.published_at <= %s",
            [*Article.LIVE_STATUSES, timezone.now()],
        )

    def with_quote_count(self) -> ArticleQuerySet:
        return self.annotate(quote_count=Count("quotes", distinct=True))


class Article(models.Model):
    """One news story, imported from a seed and then owned by editors."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "review", "In review"
        SCHEDULED = "scheduled", "Scheduled"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class DateBasis(models.TextChoices):
        """Where ``published_at`` came from, so that readers are told how far to trust it."""

        URL = "url", "The date in the story's URL"
        WIRE = "wire", "When the wire delivered it"
        EDITOR = "editor", "Set by an editor"

    LIVE_STATUSES = (Status.PUBLISHED, Status.SCHEDULED)
    # A date from a URL carries no time of day: it becomes this time in settings.TIME_ZONE, so
    # that the page shows the URL's day, and feed readers a few hours either side still do.
    URL_DATE_HOUR = 12
    # What counts as an editor's change: what an editor may change in an article that an
    # import writes too. A change to any of them since the import makes a changed seed a
    # conflict (``edited_since_import``), not an update. The fields, then the related rows.
    # Changing it changes every stored fingerprint: add a migration like 0009 that makes again
    # those of the articles unchanged since their import.
    EDITORIAL_FIELDS = ("headline", "standfirst", "body", "section", "tags", "quotes")
    # Moving into (or out of) these needs the publish_article permission.
    PUBLISHING_STATUSES = (Status.SCHEDULED, Status.PUBLISHED, Status.WITHDRAWN)

    headline = models.CharField(max_length=limits.MAX_HEADLINE_LENGTH)
    slug = models.SlugField(max_length=limits.MAX_SLUG_LENGTH, unique=True)
    standfirst = models.TextField(help_text="One-sentence summary shown under the headline.")
    body = models.TextField(
        help_text="One paragraph a line, an empty line between paragraphs. A short line in "
        "CAPITALS with no closing punctuation is a subheading."
    )
    # A row, not a string: one section has one name, one page and one entry in the filters,
    # however outlets spell it (``Section.aliases``). Protected: merge a section away instead.
    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
        db_index=False,  # section_listing_idx leads with it
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="articles",
        db_index=False,  # source_listing_idx leads with it
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    date_basis = models.CharField(
        max_length=6,
        choices=DateBasis.choices,
        default=DateBasis.EDITOR,
        editable=False,
        help_text="Where the publication date came from: the story's URL, the time the wire "
        "delivered it (the import), or an editor.",
    )
    content_updated_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the editorial content (EDITORIAL_FIELDS) last changed while readers "
        'could see the article; shown as "Updated".',
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    tags = TaggableManager(through=TaggedArticle, blank=True)

    # Provenance: where the article came from, kept as the feed gave it.
    original_url = models.URLField(
        max_length=limits.MAX_URL_LENGTH,
        help_text="The article's URL as the seed wrote it (exported so).",
    )
    url_key = models.CharField(
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="Which article the URL names, however it is written: the SHA-256 of its "
        "identity (articles.seeds.url.url_identity). Imports match articles by it. Empty "
        "for an article whose URL names the same article as another one that has it "
        "(migration 0008_url_identity).",
    )
    outlet_article_id = models.CharField(max_length=limits.MAX_OUTLET_ID_LENGTH, blank=True)
    seed_line2 = models.CharField(
        max_length=limits.MAX_INTEGER_DIGITS,
        help_text="Undocumented integer from line 2 of the seed, kept verbatim.",
    )
    seed_line3 = models.CharField(
        max_length=limits.MAX_INTEGER_DIGITS,
        help_text="Undocumented integer from line 3 of the seed, kept verbatim.",
    )
    seed_sha256 = models.CharField(
        max_length=64, blank=True, help_text="Hash of the seed file last imported."
    )
    imported_fingerprint = models.CharField(
        max_length=64,
        blank=True,
        help_text="Fingerprint of the editable content as last imported; a different current "
        "fingerprint means an editor has changed the article since.",
    )
    imported_at = models.DateTimeField(null=True, blank=True)
    seed_layout = models.TextField(
        blank=True,
        editable=False,
        help_text="How the seed file was laid out beyond its canonical form (BOM, line endings, "
        "empty lines), so that an export of the unedited article gives back its bytes.",
    )

    # Workflow: optimistic locking and who touched it last.
    version = models.PositiveIntegerField(
        default=1, help_text="Raised by every save; a save from an older version is refused."
    )
    last_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        # Newest first is how every list reads: with this index (and no competing index on
        # status or published_at alone) SQLite reads the first page in order and stops,
        # instead of sorting every published article. With the status in it too, counting the
        # published articles (every list's paginator) reads only the index.
        # A section's and a source's pages read the same way from their own (section or
        # source first) twins of it; those lead with the foreign key, which needs no other.
        indexes = [
            models.Index(fields=["-published_at", "-id", "status"], name="article_listing_idx"),
            models.Index(
                fields=["section", "-published_at", "-id", "status"], name="section_listing_idx"
            ),
            models.Index(
                fields=["source", "-published_at", "-id", "status"], name="source_listing_idx"
            ),
        ]
        permissions = [
            ("publish_article", "Can publish, schedule and withdraw articles"),
        ]

    def __str__(self) -> str:
        return self.headline

    def save(self, *args: object, **kwargs: object) -> None:
        if self._state.adding and self.original_url:
            # A new article is the article its URL names. (Only then: one left without a key
            # by migration 0008 keeps none, as another article has it.)
            self.url_key = seed_url.url_key(self.original_url)
        change = getattr(self, "_status_change", None)
        adding = self._state.adding
        super().save(*args, **kwargs)
        dates = (self.status, self.published_at)
        if not adding and dates != getattr(self, "_dates_as_read", None):
            # Its tag links carry a copy of both (``TaggedArticle``): one write, on a change.
            self.taggedarticle_set.update(status=self.status, published_at=self.published_at)
        self._dates_as_read = dates
        if change:
            from articles.workflow import record_status_change

            record_status_change(self, *change)
        self._status_change = None

    def get_absolute_url(self) -> str:
        return slug_url("articles:detail", self.slug)

    @classmethod
    def from_db(cls, db: str | None, field_names: list[str], values: list[object]) -> Article:
        """As read, remembering its status and date: a save that changes either copies them
        onto its tag links (``save``)."""
        article = super().from_db(db, field_names, values)
        known = article.__dict__
        if "status" in known and "published_at" in known:
            article._dates_as_read = (known["status"], known["published_at"])
        return article

    @property
    def section_label(self) -> str:
        """The section's name ("" when none): what the API and plain text show."""
        return self.section.name if self.section_id else ""

    def get_section_url(self) -> str:
        """The section's page ("" when the article has no section)."""
        return self.section.get_absolute_url() if self.section_id else ""

    @property
    def blocks(self) -> tuple[Block, ...]:
        return split_blocks(self.body)

    @property
    def is_public(self) -> bool:
        """``readers_may_see`` for this article in memory."""
        return (
            self.status in self.LIVE_STATUSES
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def updated_for_readers(self) -> datetime | None:
        """The page's "Updated" time: the last content update, if after the publication date
        (an editor may since have moved the date past it); else None."""
        updated, published = self.content_updated_at, self.published_at
        return updated if updated and published and updated > published else None

    @property
    def modified_at(self) -> datetime | None:
        """When readers' version last changed: the last update, else the publication. JSON-LD
        ``dateModified``, ``article:modified_time`` and the feeds' ``updated``."""
        return self.updated_for_readers or self.published_at

    def date_from_wire(self, url: str, received_at: datetime) -> None:
        """A new imported article's date: the day its URL carries (at ``URL_DATE_HOUR`` in
        settings.TIME_ZONE, never later than ``received_at``), else ``received_at``, the
        time the wire delivered it; ``date_basis`` says which."""
        zone = timezone.get_default_timezone()
        found = date_from_url(url, today=timezone.localdate(received_at, zone))
        if found is None:
            self.published_at, self.date_basis = received_at, self.DateBasis.WIRE
            return
        midday = datetime.combine(found, time(self.URL_DATE_HOUR), tzinfo=zone)
        self.published_at, self.date_basis = min(midday, received_at), self.DateBasis.URL

    def public_fingerprint(self) -> str | None:
        """The fingerprint of the editorial content readers see now; None when they see
        none. What :meth:`note_content_change` compares with after a save."""
        return self.fingerprint() if self.is_public else None

    def note_content_change(self, before: str | None, *, corrected: bool = False) -> bool:
        """After a save: if readers saw the article before (``before``, its
        :meth:`public_fingerprint` then) and still do, and its editorial content changed or
        it was ``corrected`` (a correction note added), record the time as
        ``content_updated_at``. Status or date changes alone are not updates. Returns whether
        it recorded one."""
        if before is None or not self.is_public:
            return False
        if not corrected and self.fingerprint() == before:
            return False
        self.content_updated_at = timezone.now()
        Article.objects.filter(pk=self.pk).update(content_updated_at=self.content_updated_at)
        return True

    @staticmethod
    def needs_publish_permission(old_status: str | None, new_status: str) -> bool:
        """See :func:`articles.workflow.needs_publish_permission`."""
        from articles import workflow

        return workflow.needs_publish_permission(old_status, new_status)

    def transition(self, new_status: str, user: object | None = None, comment: str = "") -> None:
        """Move to ``new_status`` as ``user`` (None: the system), enforcing the permission and
        keeping the status history with ``comment`` (a withdrawal's reason: required)
        (:func:`articles.workflow.transition`). The caller saves."""
        from articles import workflow

        workflow.transition(self, new_status, user, comment)

    def fingerprint(
        self, tag_names: Iterable[str] | None = None, quotes: Iterable[Quote] | None = None
    ) -> str:
        """A hash of what editors can change: ``EDITORIAL_FIELDS``.

        The importer passes the tag names and quotes it has just written, saving two queries.
        """
        if quotes is None:
            quotes = self.quotes.order_by("position")
        if tag_names is None:
            tag_names = self.tags.values_list("name", flat=True)
        content: dict[str, object] = {}
        for name in self.EDITORIAL_FIELDS:
            if name == "section":  # the row, not its name: renaming a section edits no article
                content[name] = self.section_id
            elif name == "tags":
                content[name] = sorted(tag_names)
            elif name == "quotes":
                content[name] = [
                    [q.block, q.start, q.end, q.text, q.speaker_id, q.role, q.partial]
                    for q in quotes
                ]
            else:
                content[name] = getattr(self, name)
        return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()

    @classmethod
    @cache
    def editorial_columns(cls) -> tuple[str, ...]:
        """The ``EDITORIAL_FIELDS`` that are the article's own columns (not tags or quotes)."""
        return tuple(n for n in cls.EDITORIAL_FIELDS if not cls._meta.get_field(n).is_relation)

    @property
    def edited_since_import(self) -> bool:
        """Whether an editor has changed any of ``EDITORIAL_FIELDS`` since the last import."""
        return bool(self.imported_fingerprint) and self.fingerprint() != self.imported_fingerprint


class QuoteQuerySet(models.QuerySet):
    def public(self) -> QuoteQuerySet:
        """Quotes from articles readers may see, newest article first, with what a list shows."""
        return (
            self.filter(readers_may_see("article__"))
            .select_related("article", "article__source", "speaker")
            .order_by("-article__published_at", "-article_id", "position")
        )


class Quote(models.Model):
    """Words someone said in an article, where they stand in the body, and who said them."""

    # No index of their own: the unique (article, position) and the (speaker, article) index
    # lead with them, and every index is one more write for each quote an import adds.
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="quotes", db_index=False
    )
    speaker = models.ForeignKey(
        Speaker,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quotes",
        db_index=False,
    )
    text = models.TextField()
    role = models.CharField(
        max_length=limits.MAX_ROLE_LENGTH,
        blank=True,
        help_text="The speaker's role as the text gives it.",
    )
    block = models.PositiveIntegerField(help_text="Body block (from 0) where the quote starts.")
    start = models.PositiveIntegerField(default=0, help_text="Character offset in the block.")
    end = models.PositiveIntegerField(default=0)
    partial = models.BooleanField(
        default=False, help_text="Quoted words embedded in the writer's sentence."
    )
    position = models.PositiveIntegerField(help_text="Order of the quote in the article.")
    speaker_fixed = models.BooleanField(
        default=False,
        help_text="Set when an editor chose the speaker; re-imports keep it.",
    )

    objects = QuoteQuerySet.as_manager()

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "position"], name="unique_quote_position")
        ]
        indexes = [models.Index(fields=["speaker", "article"])]

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 60 else self.text[:59] + "…"
        if not Quote.speaker.is_cached(self):  # no query per row (revisions name every quote)
            return f"“{text}”"
        return f"“{text}” — {self.speaker or 'unknown'}"

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#p{self.block}"


class StatusChange(models.Model):
    """One step of an article's workflow: who moved it from which status to which, when."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="status_changes")
    old_status = models.CharField(max_length=20, blank=True, choices=Article.Status.choices)
    new_status = models.CharField(max_length=20, choices=Article.Status.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    at = models.DateTimeField(default=timezone.now)
    comment = models.TextField(
        blank=True, help_text="An Editor's reason, when a review sent the article back."
    )

    class Meta:
        ordering = ["-at", "-id"]
        get_latest_by = "at"

    def __str__(self) -> str:
        who = self.user or "import"
        return (
            f"{self.get_old_status_display() or 'new'} → {self.get_new_status_display()} by {who}"
        )


class Correction(models.Model):
    """A dated correction note that readers see at the foot of the article."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    note = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Correction of {self.created_at:%d %B %Y}"


# Revisions keep an article with its quotes, tags and corrections, so a restore brings back
# the whole story as it was.
reversion.register(Quote)
reversion.register(TaggedArticle)
reversion.register(Correction)
REVISION_FOLLOWS = ("quotes", "taggedarticle_set", "corrections")
reversion.register(Article, follow=REVISION_FOLLOWS)


@receiver(post_save, sender=Article)
@receiver(post_save, sender=TaggedArticle)
def _links_follow_restored_rows(
    sender: type, instance: object, raw: bool, using: str, **kw: object
):
    """A restored revision writes its rows raw (around ``save()``, with the links' copies of
    the article's status and date as they were): the links take the article's again."""
    if raw:
        article_id = instance.pk if sender is Article else instance.content_object_id
        copy_article_dates([article_id], using=using)


# Import runs and their issues, and pending changes, live in their own modules; importing them
# here registers them.
from articles.pending import PendingChange  # noqa: E402, F401
from articles.runs import ImportIssue, ImportRun  # noqa: E402, F401
