"""What a backup file is made of: its version, its record types and their natural keys."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models

from articles.models import (
    Article,
    Correction,
    Quote,
    Section,
    Source,
    Speaker,
    StatusChange,
    Tag,
)
from articles.pending import PendingChange

FORMAT = "newsroom-backup"
# 2: articles' pending changes; 3: sections are records (an article names its section's slug).
VERSION = 3
# Versions this Newsroom restores: a version 1 file has no pending changes, and means the same;
# in versions 1 and 2 an article names its section by its name (``SECTIONS_BY_NAME``).
READABLE_VERSIONS = (1, 2, 3)
SECTIONS_BY_NAME = (1, 2)
# An article's records that follow it, in this order.
CHILDREN = ("quote", "correction", "status_change", "pending_change")
CHUNK = 500  # articles read or written at a time, with their quotes, corrections and history

# imported_fingerprint holds database ids (a quote's speaker); it is written as what it means.
NOT_IMPORTED, UNEDITED = "", "as-is"


class BackupError(ValueError):
    """A backup file that cannot be restored: names the file, the line and why."""

    def __init__(self, file: str, line: int, reason: str) -> None:
        self.file, self.line, self.reason = file, line, reason
        super().__init__(f"{file}:{line}: {reason}")


@dataclass(frozen=True)
class Kind:
    """One record type: its model, its natural key (None: belongs to the article before it;
    what other records name it by, and the order records are written in), and the fields it
    writes: all but the primary key and ``skip``."""

    name: str
    model: type[models.Model]
    key: str | None
    skip: tuple[str, ...] = ()
    fields: tuple[models.Field, ...] = field(init=False)

    def __post_init__(self) -> None:
        fields = tuple(
            f
            for f in self.model._meta.concrete_fields
            if not f.primary_key and f.name not in self.skip
        )
        object.__setattr__(self, "fields", fields)


def kinds() -> list[Kind]:
    User = get_user_model()
    return [
        Kind("group", Group, "name"),
        Kind("user", User, User.USERNAME_FIELD),
        Kind("source", Source, "domain"),
        Kind("section", Section, "slug"),
        Kind("speaker", Speaker, "slug"),
        Kind("tag", Tag, "slug"),
        Kind("article", Article, "original_url"),
        Kind("quote", Quote, None),
        Kind("correction", Correction, None),
        Kind("status_change", StatusChange, None),
        Kind("pending_change", PendingChange, None),
    ]


def keys_of(kinds: dict[str, Kind]) -> dict[type[models.Model], str]:
    """Each referable model's natural key field."""
    return {kind.model: kind.key for kind in kinds.values() if kind.key}


def iso(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat()


def fingerprint(
    row: dict[str, Any], quotes: Iterable[dict[str, Any]], tag_names: Iterable[str]
) -> str:
    """``Article.fingerprint`` of a row (its ``editorial_columns`` and section, ``section_id``
    or ``section`` by id as in this database) with its quotes (``speaker_id`` as in this
    database) and tag names."""
    article = Article(**{name: row[name] for name in Article.editorial_columns()})
    article.section_id = row["section_id"] if "section_id" in row else row["section"]
    return article.fingerprint(list(tag_names), [SimpleNamespace(**q) for q in quotes])
