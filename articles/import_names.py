"""The sources, sections, speakers and tags an import's files name, found or created in bulk
and remembered between batches (up to ``CACHE_LIMIT`` each, so memory stays flat however many
distinct names an archive holds)."""

from __future__ import annotations

import json
from functools import cache

from django.conf import settings
from django.db.models import Q
from django.db.models.functions import Lower

from articles.models import Section, Source, Speaker, Tag
from articles.seeds.entities import TagCandidate
from articles.seeds.understand import ArticleDraft
from articles.slugs import unique_slugs


@cache
def known_outlets() -> dict[str, dict[str, str]]:
    """Names and homepages of well-known outlets, from the ``sources`` fixture, by domain."""
    with open(settings.BASE_DIR / "fixtures" / "sources.json", encoding="utf-8") as handle:
        rows = json.load(handle)
    return {row["fields"]["domain"]: row["fields"] for row in rows}


class KnownNames:
    """What :class:`articles.importer.SeedImporter` has already looked up. ``forget`` after a
    rollback: the rows behind what it remembers may be gone."""

    # Sources, tags and speakers already seen are kept between batches, up to this many each.
    CACHE_LIMIT = 20_000

    def __init__(self) -> None:
        self.forget()

    def forget(self) -> None:
        """Drop the remembered sources, tags and speakers (after a rollback, or when full)."""
        self._sources: dict[str, Source] = {}
        self._sections: dict[str, Section] = {}
        self._tags: dict[str, Tag] = {}
        self._speakers: dict[str, Speaker] = {}

    def _trim(self) -> None:
        if max(len(self._sources), len(self._tags), len(self._speakers)) > self.CACHE_LIMIT:
            self.forget()  # memory stays flat however many distinct names an archive holds

    def sources_for(self, domains: set[str]) -> dict[str, Source]:
        self._trim()
        for domain in domains - self._sources.keys():
            found = Source.for_domain(domain)  # its own, or one it was merged into
            if found is None:
                known = known_outlets().get(domain, {})
                found, _ = Source.objects.get_or_create(
                    domain=domain,
                    defaults={
                        "name": known.get("name") or Source.name_from_domain(domain),
                        "homepage": known.get("homepage") or f"https://{domain}/",
                    },
                )
            self._sources[domain] = found
        return self._sources

    def sections_for(self, drafts: list[ArticleDraft]) -> dict[str, Section]:
        """The drafts' sections by the name their URLs give (``Section.for_names``: names,
        slugs and aliases, ``sports`` is Sport; new ones created), remembered."""
        wanted = {d.section for d in drafts if d.section} - self._sections.keys()
        if wanted:
            self._sections.update(Section.for_names(wanted))
        return self._sections

    def speakers_for(self, drafts: list[ArticleDraft]) -> dict[str, Speaker]:
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

    def tags_for(self, drafts: list[ArticleDraft]) -> dict[str, Tag]:
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
