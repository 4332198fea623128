"""Sources, sections, speakers and tags: the names articles are filed under, each with a public
page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import NaturalKeyManager, TagBase, TaggedItemBase

from articles.links import slug_url, str_url
from articles.seeds import limits
from articles.seeds.person_names import PeopleBySurname, surname_of
from articles.slugs import unique_slug, unique_slugs

if TYPE_CHECKING:
    from articles.models import Article


class SourceQuerySet(models.QuerySet):
    def public(self) -> SourceQuerySet:
        """Sources with an article readers may see: the others have no page."""
        from articles.models import Article  # articles.models imports this module

        return self.filter(Exists(Article.objects.published().filter(source=OuterRef("pk"))))


class Source(models.Model):
    """An outlet articles come from, keyed by its domain (``dnaindia.com``); ``aliases`` are its
    other domains (``bbc.co.uk`` for ``bbc.com``), which the importer maps to it."""

    name = models.CharField(max_length=limits.MAX_NAME_LENGTH)
    domain = models.CharField(max_length=limits.MAX_DOMAIN_LENGTH, unique=True)
    homepage = models.URLField(max_length=limits.MAX_HOMEPAGE_LENGTH, blank=True)
    aliases = models.JSONField(
        default=list,
        blank=True,
        help_text="Other domains of this outlet: the importer files their articles here.",
    )

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return str_url("articles:source", self.domain)

    @classmethod
    def for_domain(cls, domain: str) -> Source | None:
        """The source whose domain, or one of whose aliases, is ``domain``."""
        found = cls.objects.filter(domain=domain).first()
        if found is not None:
            return found
        # Few sources have aliases, and JSON containment is not portable (SQLite): read them.
        for source in cls.objects.exclude(aliases=[]).order_by("pk"):
            if domain in source.aliases:
                return source
        return None

    def merge(self, others: list[Source]) -> int:
        """Fold ``others`` into this source: their articles move here, their domains become
        aliases (the importer maps them here); returns the articles moved."""
        moved = 0
        aliases = list(self.aliases)
        for other in others:
            if other.pk == self.pk:
                continue
            # (Deleting the other source below tells the page cache.)
            moved += other.articles.update(source=self, updated_at=timezone.now())
            for domain in [other.domain, *other.aliases]:
                if domain != self.domain and domain not in aliases:
                    aliases.append(domain)
            other.delete()
        self.aliases = aliases
        self.save(update_fields=["aliases"])
        return moved

    @property
    def label(self) -> str:
        """The name, with the domain: what tells two sources of one name apart."""
        return f"{self.name} ({self.domain})"

    @staticmethod
    def name_from_domain(domain: str) -> str:
        """A readable stand-in name for an outlet nobody has named yet: ``the-hindu.co.uk`` ->
        ``The Hindu``."""
        label = domain.split(".")[0] if domain.count(".") else domain
        return " ".join(part.capitalize() for part in label.replace("_", "-").split("-") if part)


# Sections that outlets name in several ways, with the other names that mean them: a general
# list (plurals, synonyms), no rule for one outlet. A section the importer creates takes its name
# and aliases from here; migration 0014 merged the existing spellings by it.
COMMON_SECTIONS: dict[str, tuple[str, ...]] = {
    "Sport": ("sports",),
    "Tech": ("technology", "tech-news"),
    "World": ("world-news", "international"),
    "UK": ("uk-news",),
    "US": ("us-news",),
    "Opinion": ("opinions",),
    "Business": ("business-news",),
    "Politics": ("political",),
    "Science": ("sciences",),
    "Film": ("films", "movies", "movie"),
    "Video": ("videos",),
    "Lifestyle": ("life-style", "life-and-style"),
    "Entertainment": ("entertainment-news",),
}


def section_key(text: str) -> str:
    """What two spellings of one section share: ``Middle East``, ``middle-east`` and
    ``MIDDLE_EAST`` are one."""
    return slugify(text) or text.strip().casefold()


def common_section(text: str) -> tuple[str, tuple[str, ...]] | None:
    """The name and aliases ``COMMON_SECTIONS`` gives the section ``text`` names, if any."""
    key = section_key(text)
    for name, aliases in COMMON_SECTIONS.items():
        if key == section_key(name) or key in aliases:
            return name, aliases
    return None


class SectionQuerySet(models.QuerySet):
    def public(self) -> SectionQuerySet:
        """Sections with an article readers may see: the others have no page."""
        from articles.models import Article  # articles.models imports this module

        return self.filter(Exists(Article.objects.published().filter(section=OuterRef("pk"))))

    def by_keys(self) -> dict[str, Section]:
        """Every section by each of its keys (``section_key`` of its name, slug and aliases;
        a name or slug wins over another section's alias). Sections are few: all are read."""
        found: dict[str, Section] = {}
        sections = list(self.order_by("name", "pk"))
        for section in sections:
            found.setdefault(section_key(section.name), section)
            found.setdefault(section.slug, section)
        for section in sections:
            for alias in section.aliases:
                found.setdefault(section_key(alias), section)
        return found

    def named(self, text: str) -> Section | None:
        """The section ``text`` names: its slug, else any spelling of its name or aliases."""
        return self.filter(slug=text).first() or self.by_keys().get(section_key(text))


class Section(models.Model):
    """A part of the paper (World, Sport), with its page at ``/sections/<slug>/``. Its other
    names (``aliases``: old names, plurals, URL segments) map to it on import, and their
    addresses redirect to its page."""

    name = models.CharField(max_length=limits.MAX_SECTION_LENGTH)
    slug = models.SlugField(max_length=limits.MAX_SECTION_LENGTH, unique=True)
    aliases = models.JSONField(
        default=list,
        blank=True,
        help_text="Other names or URL segments that mean this section (sports for Sport): "
        "the importer files them here, and their addresses redirect here.",
    )

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="unique_section_name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return str_url("articles:section", self.slug)

    def names(self) -> set[str]:
        """Its keys (``section_key``): of its name, slug and aliases."""
        return {section_key(self.name), self.slug, *(section_key(a) for a in self.aliases)}

    def clean(self) -> None:
        """A name, slug or alias means one section only."""
        mine = self.names()
        for other in Section.objects.exclude(pk=self.pk):
            shared = mine & other.names()
            if shared:
                raise ValidationError(
                    f"“{sorted(shared)[0]}” already means the section {other.name}: "
                    "merge the two sections instead."
                )

    def remember(self, *names: str) -> None:
        """Keep ``names`` (old names and slugs) as aliases, so their addresses still lead here."""
        for name in names:
            if name and section_key(name) not in {section_key(self.name), self.slug} | {
                section_key(a) for a in self.aliases
            }:
                self.aliases = [*self.aliases, name]

    @classmethod
    def for_name(cls, name: str) -> Section:
        """The section ``name`` means, created when new (``for_names``)."""
        return cls.for_names({name})[name]

    @classmethod
    def for_names(cls, names: set[str]) -> dict[str, Section]:
        """The section each of ``names`` (URL segments as words) means, through names, slugs
        and aliases; an unknown one is created, named as ``COMMON_SECTIONS`` names it."""
        known = cls.objects.by_keys()
        found: dict[str, Section] = {}
        for text in sorted(names):
            if not text.strip():
                continue
            common = common_section(text)
            section = known.get(section_key(text))
            if section is None and common is not None:
                section = known.get(section_key(common[0]))
            if section is None:
                name, aliases = common if common else (text, ())
                section = cls(name=name, aliases=list(aliases))
                section.slug = unique_slug(cls, name)
                section.save()
                for key in section.names():
                    known.setdefault(key, section)
            found[text] = section
        return found

    def merge(self, others: list[Section]) -> int:
        """Fold ``others`` into this section: their articles move here, their names, slugs
        and aliases become this one's aliases; returns the articles moved. An article
        unchanged since its import stays so (its section is what an import would give it
        now, through the aliases)."""
        from articles.models import Article  # articles.models imports this module

        moved = 0
        now = timezone.now()
        for other in others:
            if other.pk == self.pk:
                continue
            articles = list(
                Article.objects.filter(section=other).prefetch_related("quotes", "tags")
            )
            refingerprinted = []
            for article in articles:
                tags = [tag.name for tag in article.tags.all()]
                quotes = sorted(article.quotes.all(), key=lambda quote: quote.position)
                unedited = article.imported_fingerprint == article.fingerprint(tags, quotes)
                article.section, article.updated_at = self, now
                if article.imported_fingerprint and unedited:
                    article.imported_fingerprint = article.fingerprint(tags, quotes)
                    refingerprinted.append(article)
            Article.objects.filter(section=other).update(section=self, updated_at=now)
            Article.objects.bulk_update(refingerprinted, ["imported_fingerprint"], batch_size=500)
            moved += len(articles)
            names = [other.name, other.slug, *other.aliases]
            other.delete()
            self.remember(*names)
        self.save(update_fields=["aliases"])
        return moved


class SpeakerQuerySet(models.QuerySet):
    def public(self) -> SpeakerQuerySet:
        """Speakers quoted in an article readers may see: the others have no page."""
        from articles.models import Quote, readers_may_see  # it imports this module

        quotes = Quote.objects.filter(readers_may_see("article__"), speaker=OuterRef("pk"))
        return self.filter(Exists(quotes))


class Speaker(models.Model):
    """Someone quoted: a person or an organisation, shared across articles."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"

    name = models.CharField(max_length=limits.MAX_NAME_LENGTH)
    slug = models.SlugField(max_length=limits.MAX_SPEAKER_SLUG_LENGTH, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PERSON)
    aliases = models.JSONField(default=list, blank=True, help_text="Other names for this speaker.")

    objects = SpeakerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return slug_url("articles:speaker", self.slug)

    @classmethod
    def for_name(cls, name: str, kind: str = Kind.PERSON) -> Speaker:
        """The speaker called ``name`` (or having it as an alias), created when new."""
        return cls.for_names({name: kind})[name]

    @classmethod
    def for_names(cls, kinds: dict[str, str]) -> dict[str, Speaker]:
        """``for_name`` for many names (name -> kind for new speakers), in a few queries: the
        first speaker by name whose name matches whatever the case or whose slug matches, else
        one that has the name as an alias, else, for a person, the one person the name can
        mean (``person_names``: "Donald J. Trump" is "Donald Trump"; "Trump" alone is him
        where no other Trump is quoted), else a new speaker (one per name and its variants)."""
        found: dict[str, Speaker] = {}
        if not kinds:
            return found
        keys = {name: (name.lower(), slugify(name)) for name in kinds}
        candidates = (
            cls.objects.annotate(lower_name=Lower("name"))
            .filter(
                Q(lower_name__in=[lower for lower, _ in keys.values()])
                | Q(name__in=list(kinds))
                | Q(slug__in=[slug for _, slug in keys.values()])
            )
            .order_by("name", "pk")
        )
        by_key: dict[str, Speaker] = {}
        for speaker in candidates:
            by_key.setdefault(speaker.name.lower(), speaker)
            by_key.setdefault(speaker.slug, speaker)
        if any(key not in by_key for pair in keys.values() for key in pair):
            for speaker in cls.objects.exclude(aliases=[]).order_by("name", "pk"):
                for alias in speaker.aliases:
                    by_key.setdefault(f"alias:{alias.lower()}", speaker)

        def known(name: str) -> Speaker | None:
            lower, slug = keys[name]
            return by_key.get(lower) or by_key.get(slug) or by_key.get(f"alias:{lower}")

        people = PeopleBySurname(
            cls._people_sharing_a_surname(
                [n for n in kinds if kinds[n] == cls.Kind.PERSON and known(n) is None]
            )
        )
        new: list[Speaker] = []
        # In the order the names come (the files' order): a name may be a person named earlier
        # in the batch, as it would be had the earlier file been imported alone before it, so
        # that batching never changes which speakers an import makes.
        for name in keys:
            speaker = known(name)
            if speaker is None and kinds[name] == cls.Kind.PERSON:
                speaker = people.match(name)  # "Donald J. Trump" is "Donald Trump"
            if speaker is None and kinds[name] == cls.Kind.PERSON:
                # "Kerry" was quoted before any article gave "John Kerry": the same person,
                # now with their full name, whichever order the articles come in.
                speaker = people.known_by_surname_alone(name)
                if speaker is not None:
                    speaker.rename(name)
                    people.renamed(speaker, speaker.aliases[-1])
                    lower, slug = keys[name]
                    by_key.setdefault(lower, speaker)
            if speaker is None:
                speaker = cls(name=name, kind=kinds[name])
                new.append(speaker)
                lower, slug = keys[name]
                by_key[lower] = by_key[slug] = speaker
                if speaker.kind == cls.Kind.PERSON:
                    people.add(speaker)
            found[name] = speaker
        for speaker, slug in zip(new, unique_slugs(cls, [s.name for s in new]), strict=True):
            speaker.slug = slug
        cls.objects.bulk_create(new)
        return found

    def rename(self, full_name: str) -> None:
        """Give a person known by a surname alone their full name (the surname becomes an
        alias; a saved speaker keeps its slug, so its page does not move)."""
        self.aliases = [*self.aliases, self.name]
        self.name = full_name
        if self.pk is not None:
            self.save(update_fields=["name", "aliases"])

    @classmethod
    def _people_sharing_a_surname(cls, names: list[str]) -> list[Speaker]:
        """The people whose last name, or whose one name, is the surname of one of ``names``,
        oldest first, in a query per 200 surnames (a surname is matched at the end of the
        name: no index serves it, and an import batch's new names are few)."""
        surnames = sorted({surname_of(name) for name in names} - {""})
        found: list[Speaker] = []
        for start in range(0, len(surnames), 200):
            endings = Q()
            for surname in surnames[start : start + 200]:
                endings |= Q(lower_name__endswith=f" {surname}") | Q(lower_name=surname)
            found += (
                cls.objects.filter(kind=cls.Kind.PERSON)
                .annotate(lower_name=Lower("name"))
                .filter(endings)
                .order_by("pk")
            )
        return found

    def merge(self, others: list[Speaker]) -> int:
        """Fold ``others`` into this speaker: their quotes and names move here; returns quotes
        moved."""
        moved = 0
        aliases = list(self.aliases)
        for other in others:
            if other.pk == self.pk:
                continue
            moved += other.quotes.update(speaker=self)
            for alias in [other.name, *other.aliases]:
                if alias.lower() != self.name.lower() and alias not in aliases:
                    aliases.append(alias)
            other.delete()
        self.aliases = aliases
        self.save(update_fields=["aliases"])
        return moved


class TagQuerySet(models.QuerySet):
    def public(self) -> TagQuerySet:
        """Tags of an article readers may see: the others have no page."""
        from articles.models import readers_may_see  # articles.models imports this module

        # On the link's copy of its article's status and date: no join to the articles.
        links = TaggedArticle.objects.filter(readers_may_see(), tag=OuterRef("pk"))
        return self.filter(Exists(links))


class Tag(TagBase):
    """A django-taggit tag with a kind: who or what the article is about."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        PLACE = "place", "Place"
        ORGANISATION = "organisation", "Organisation"
        TOPIC = "topic", "Topic"

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TOPIC)

    objects = NaturalKeyManager.from_queryset(TagQuerySet)()  # taggit's, with ``public()``

    class Meta:
        verbose_name = "tag"
        verbose_name_plural = "tags"
        ordering = ["name"]

    def get_absolute_url(self) -> str:
        return slug_url("articles:tag", self.slug)

    def merge(self, others: list[Tag]) -> int:
        """Fold ``others`` into this tag: their articles get this tag, and they are deleted;
        returns the articles that gained it. (Their articles count as changed by an editor,
        as when an editor retags them by hand: a changed seed is then a conflict, not an
        update that would bring the merged tags back.)"""
        ids = [other.pk for other in others if other.pk != self.pk]
        if not ids:
            return 0
        links = TaggedArticle.objects.filter(tag_id__in=ids)
        has_it = TaggedArticle.objects.filter(tag=self).values("content_object_id")
        gaining = set(
            links.exclude(content_object_id__in=has_it).values_list("content_object_id", flat=True)
        )
        TaggedArticle.objects.bulk_create(
            TaggedArticle(content_object_id=pk, tag=self) for pk in sorted(gaining)
        )
        copy_article_dates(sorted(gaining))  # bulk_create bypasses save()
        Tag.objects.filter(pk__in=ids).delete()  # and their links; the page cache hears of it
        return len(gaining)


class TaggedArticle(TaggedItemBase):
    # No index of their own: the unique (article, tag) and the (tag, article) index below lead
    # with each, and every index is one more write for each of the import's tag links.
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE, db_index=False)
    tag = models.ForeignKey(
        Tag, on_delete=models.CASCADE, related_name="tagged_articles", db_index=False
    )
    # The article's status and date, copied beside the link: a tag page reads its newest
    # public articles straight from the (tag, date) index below, where joining each of a busy
    # tag's 30,000 links to its article to sort them by date cost a third of a second. They
    # are a copy (``copy_article_dates``), never edited: whether readers may see the article
    # is still decided at query time (``readers_may_see`` on the link), so a scheduled
    # article's links go public when it falls due, with no job to run.
    status = models.CharField(max_length=20, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag")
        ]
        indexes = [
            # Related articles go from a tag to its newest article ids.
            models.Index(fields=["tag", "content_object"], name="tag_article_idx"),
            # A tag page: its articles newest first, the status in the index so that counting
            # and picking the public ones reads the index alone.
            models.Index(
                fields=["tag", "-published_at", "-content_object", "status"],
                name="tag_published_idx",
            ),
        ]

    def __str__(self) -> str:
        # taggit's own fetches the article and the tag; revisions name every link.
        return f"tag {self.tag_id} on article {self.content_object_id}"

    def save(self, *args: object, **kwargs: object) -> None:
        """A new link (taggit's ``tags.add``, an editor's form) takes its article's status
        and date."""
        if self._state.adding and self.content_object_id and not self.status:
            from articles.models import Article  # articles.models imports this module

            article = (
                self.content_object
                if TaggedArticle.content_object.is_cached(self)
                else Article.objects.only("status", "published_at").get(pk=self.content_object_id)
            )
            self.status, self.published_at = article.status, article.published_at
        super().save(*args, **kwargs)


def copy_article_dates(article_ids: list[int] | None = None, *, using: str = "default") -> int:
    """Copy each article's status and date onto its tag links (``TaggedArticle``), for the
    writes that go around ``Article.save()``: bulk inserts, ``update()``, restores. ``None``:
    every link. Returns the links written."""
    from articles.models import Article  # articles.models imports this module

    links = TaggedArticle.objects.using(using)
    if article_ids is not None:
        if not article_ids:
            return 0
        links = links.filter(content_object_id__in=article_ids)
    article = Article.objects.using(using).filter(pk=OuterRef("content_object_id"))
    return links.update(
        status=Subquery(article.values("status")[:1]),
        published_at=Subquery(article.values("published_at")[:1]),
    )


def tags_of(article: Article) -> list[Tag]:
    """The article's tags: the list ``for_listing()`` and ``page()`` read, else read now."""
    tags = getattr(article, "tag_list", None)
    return list(article.tags.all()) if tags is None else tags
