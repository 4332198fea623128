"""Sources, speakers and tags: the names articles are filed under, each with a public page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.utils.text import slugify
from taggit.models import NaturalKeyManager, TagBase, TaggedItemBase

from articles.links import slug_url, str_url
from articles.seeds import limits
from articles.slugs import unique_slugs

if TYPE_CHECKING:
    from articles.models import Article


class SourceQuerySet(models.QuerySet):
    def public(self) -> SourceQuerySet:
        """Sources with an article readers may see: the others have no page."""
        from articles.models import Article  # articles.models imports this module

        return self.filter(Exists(Article.objects.published().filter(source=OuterRef("pk"))))


class Source(models.Model):
    """An outlet articles come from, keyed by its domain (``dnaindia.com``)."""

    name = models.CharField(max_length=limits.MAX_NAME_LENGTH)
    domain = models.CharField(max_length=limits.MAX_DOMAIN_LENGTH, unique=True)
    homepage = models.URLField(max_length=limits.MAX_HOMEPAGE_LENGTH, blank=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return str_url("articles:source", self.domain)

    @staticmethod
    def name_from_domain(domain: str) -> str:
        """A readable stand-in name for an outlet nobody has named yet: ``the-hindu.co.uk`` ->
        ``The Hindu``."""
        label = domain.split(".")[0] if domain.count(".") else domain
        return " ".join(part.capitalize() for part in label.replace("_", "-").split("-") if part)


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
        one that has the name as an alias, else a new speaker (one per name and its variants)."""
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
        new: list[Speaker] = []
        for name, (lower, slug) in keys.items():
            speaker = by_key.get(lower) or by_key.get(slug) or by_key.get(f"alias:{lower}")
            if speaker is None:
                speaker = cls(name=name, kind=kinds[name])
                new.append(speaker)
                by_key[lower] = by_key[slug] = speaker
            found[name] = speaker
        for speaker, slug in zip(new, unique_slugs(cls, [s.name for s in new]), strict=True):
            speaker.slug = slug
        cls.objects.bulk_create(new)
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

        links = TaggedArticle.objects.filter(
            readers_may_see("content_object__"), tag=OuterRef("pk")
        )
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


class TaggedArticle(TaggedItemBase):
    # No index of their own: the unique (article, tag) and the (tag, article) index below lead
    # with each, and every index is one more write for each of the import's tag links.
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE, db_index=False)
    tag = models.ForeignKey(
        Tag, on_delete=models.CASCADE, related_name="tagged_articles", db_index=False
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag")
        ]
        # Tag pages and related articles go from a tag to its articles.
        indexes = [models.Index(fields=["tag", "content_object"], name="tag_article_idx")]

    def __str__(self) -> str:
        # taggit's own fetches the article and the tag; revisions name every link.
        return f"tag {self.tag_id} on article {self.content_object_id}"


def tags_of(article: Article) -> list[Tag]:
    """The article's tags: the list ``for_listing()`` and ``page()`` read, else read now."""
    tags = getattr(article, "tag_list", None)
    return list(article.tags.all()) if tags is None else tags
