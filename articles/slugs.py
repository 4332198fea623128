"""Unique slugs for any model with a ``slug`` column."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from django.db import models
from django.utils.text import slugify

from articles.seeds import limits


def unique_slug(
    model: type[models.Model],
    text: str,
    max_length: int | None = None,
    taken: Collection[str] = (),
) -> str:
    """``slugify(text)``, with ``-2``, ``-3``... added until no row of ``model`` has it and it
    is not in ``taken`` (slugs about to be used by rows not yet saved). At most ``max_length``
    characters: by default, what the model's ``slug`` column holds (100 for a tag)."""
    max_length = max_length or _slug_length(model)
    base = slugify(text)[:max_length].strip("-") or "item"
    slug, n = base, 1
    while slug in taken or model._default_manager.filter(slug=slug).exists():
        n += 1
        suffix = f"-{n}"
        slug = base[: max_length - len(suffix)] + suffix
    return slug


def _slug_length(model: type[models.Model]) -> int:
    return min(model._meta.get_field("slug").max_length, limits.MAX_SLUG_LENGTH)


def unique_slugs(model: type[models.Model], texts: Iterable[str]) -> list[str]:
    """``unique_slug`` for many texts at once, also unique among themselves: one query for the
    plain slugs, and more only for those already taken."""
    texts = list(texts)
    max_length = _slug_length(model)
    bases = [slugify(text)[:max_length].strip("-") or "item" for text in texts]
    taken = set(model._default_manager.filter(slug__in=bases).values_list("slug", flat=True))
    slugs = []
    for text, base in zip(texts, bases, strict=True):
        slug = base if base not in taken else unique_slug(model, text, taken=taken)
        taken.add(slug)
        slugs.append(slug)
    return slugs
