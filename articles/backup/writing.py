"""``manage.py backup``: the whole editorial state written as JSON Lines, in a fixed order."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from django.contrib.auth.models import Group, Permission
from django.db import connection, models, transaction

from articles.backup.records import (
    CHILDREN,
    CHUNK,
    FORMAT,
    NOT_IMPORTED,
    UNEDITED,
    VERSION,
    Kind,
    fingerprint,
    iso,
    keys_of,
    kinds,
)
from articles.models import Article, Tag, TaggedArticle


class _Writer:
    def __init__(self, out: BinaryIO) -> None:
        self.kinds = {kind.name: kind for kind in kinds()}
        self.keys = keys_of(self.kinds)
        self.out = out
        self.counts: dict[str, int] = {}
        self.natural: dict[type[models.Model], dict[int, str]] = {}

    def emit(self, record: dict[str, Any]) -> None:
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        self.out.write(line.encode("utf-8") + b"\n")
        self.counts[record["type"]] = self.counts.get(record["type"], 0) + 1

    def record(self, kind: Kind, row: dict[str, Any]) -> dict[str, Any]:
        """A row (``values()`` of the kind's fields by attname) as a record."""
        record: dict[str, Any] = {"type": kind.name}
        for f in kind.fields:
            value = row[f.attname]
            if f.is_relation:
                value = None if value is None else self.natural[f.related_model][value]
            elif isinstance(f, models.DateTimeField):
                value = iso(value)
            elif isinstance(value, dict):  # PostgreSQL's jsonb keeps no order: one order
                value = dict(sorted(value.items()))
            record[f.name] = value
        return record

    def rows(self, kind: Kind, queryset: models.QuerySet) -> list[dict[str, Any]]:
        return list(queryset.values("pk", *(f.attname for f in kind.fields)))

    def write_keyed(self, kind: Kind, extras: dict[int, dict[str, Any]] | None = None) -> None:
        """Every object of a top-level kind, by natural key, remembering pk -> key."""
        rows = sorted(self.rows(kind, kind.model._default_manager.all()), key=lambda r: r[kind.key])
        self.natural[kind.model] = {row["pk"]: row[kind.key] for row in rows}
        for row in rows:
            self.emit({**self.record(kind, row), **(extras or {}).get(row["pk"], {})})

    def write(self) -> dict[str, int]:
        self.emit({"type": "header", "format": FORMAT, "version": VERSION})
        kinds = self.kinds
        permissions = {
            pk: [app, codename]
            for pk, app, codename in Permission.objects.values_list(
                "pk", "content_type__app_label", "codename"
            )
        }

        def permission_lists(through: Any, owner: str) -> dict[int, dict[str, Any]]:
            found: dict[int, list] = {}
            for owner_id, permission_id in through.objects.values_list(owner, "permission_id"):
                found.setdefault(owner_id, []).append(permissions[permission_id])
            return {pk: {"permissions": sorted(perms)} for pk, perms in found.items()}

        group_extras = permission_lists(Group.permissions.through, "group_id")
        for pk in Group.objects.values_list("pk", flat=True):
            group_extras.setdefault(pk, {"permissions": []})
        self.write_keyed(kinds["group"], group_extras)

        User = kinds["user"].model
        user_extras: dict[int, dict[str, Any]] = {
            pk: {"groups": [], "permissions": []}
            for pk in User._default_manager.values_list("pk", flat=True)
        }
        groups = self.natural[Group]
        for user_id, group_id in User.groups.through.objects.values_list("user_id", "group_id"):
            user_extras[user_id]["groups"].append(groups[group_id])
        for pk, extra in permission_lists(User.user_permissions.through, "user_id").items():
            user_extras[pk]["permissions"] = extra["permissions"]
        for extra in user_extras.values():
            extra["groups"].sort()
        self.write_keyed(kinds["user"], user_extras)
        for name in ("source", "section", "speaker", "tag"):
            self.write_keyed(kinds[name])
        self.write_articles()
        self.emit({"type": "end", "records": sum(self.counts.values()) - 1})  # not the header
        return self.counts

    def write_articles(self) -> None:
        kinds = self.kinds
        article = kinds["article"]
        # By URL, then slug (unique): the URL need not be, see ``reading.write_articles``.
        order = sorted(Article.objects.values_list("original_url", "slug", "pk"))
        self.natural[Article] = {pk: url for url, _slug, pk in order}
        tags = self.natural[Tag]
        tag_names = dict(Tag.objects.values_list("pk", "name"))
        for start in range(0, len(order), CHUNK):
            ids = [pk for _url, _slug, pk in order[start : start + CHUNK]]
            rows = {
                row["pk"]: row for row in self.rows(article, Article.objects.filter(pk__in=ids))
            }
            children = {
                name: _by_article(
                    self.rows(kinds[name], kinds[name].model.objects.filter(article_id__in=ids))
                )
                for name in CHILDREN
            }
            tag_ids: dict[int, list[int]] = {}
            for article_id, tag_id in TaggedArticle.objects.filter(
                content_object_id__in=ids
            ).values_list("content_object_id", "tag_id"):
                tag_ids.setdefault(article_id, []).append(tag_id)
            for pk in ids:
                row = rows[pk]
                quotes = sorted(children["quote"].get(pk, []), key=lambda q: q["position"])
                record = self.record(article, row)
                record["imported_fingerprint"] = _import_state(
                    row, quotes, tag_ids.get(pk, []), tag_names
                )
                record["tags"] = sorted(tags[t] for t in tag_ids.get(pk, []))
                self.emit(record)
                for quote in quotes:
                    self.emit(self.record(kinds["quote"], quote))
                for name, when in (
                    ("correction", "created_at"),
                    ("status_change", "at"),
                    ("pending_change", "created_at"),
                ):
                    for row in sorted(children[name].get(pk, []), key=lambda r: (r[when], r["pk"])):
                        self.emit(self.record(kinds[name], row))


def _by_article(rows: list[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        found.setdefault(row["article_id"], []).append(row)
    return found


def _import_state(
    row: dict[str, Any], quotes: list[dict[str, Any]], tag_ids: list[int], tag_names: dict[int, str]
) -> str:
    """What ``imported_fingerprint`` means, without this database's ids: "" (never imported),
    ``as-is`` (unedited since its import: recomputed on restore) or the hash (edited: kept, so
    that it still differs)."""
    stored = row["imported_fingerprint"]
    if not stored:
        return NOT_IMPORTED
    names = [tag_names[pk] for pk in tag_ids]
    return UNEDITED if fingerprint(row, quotes, names) == stored else stored


@contextmanager
def snapshot() -> Iterator[None]:
    """One consistent view of the database for the whole backup, without holding writers up.

    SQLite: the site starts its transactions IMMEDIATE, which takes the write lock, and imports
    and editors' saves would wait for the whole backup; a DEFERRED one reads a snapshot (WAL)
    and locks nothing. PostgreSQL: REPEATABLE READ, so every chunk's query sees the same
    snapshot (READ COMMITTED would let an article read early miss a quote written later)."""
    db = connection
    if db.in_atomic_block:  # the caller's transaction is the view
        with transaction.atomic():
            yield
        return
    db.ensure_connection()  # connecting sets transaction_mode from the settings
    mode = getattr(db, "transaction_mode", None)
    if db.vendor == "sqlite":
        db.transaction_mode = "DEFERRED"
    try:
        with transaction.atomic():
            if db.vendor == "postgresql":
                with db.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    finally:
        if db.vendor == "sqlite":
            db.transaction_mode = mode


def write_backup(out: BinaryIO) -> dict[str, int]:
    """Write the whole editorial state to ``out``; returns records written per type."""
    with snapshot():
        return _Writer(out).write()


def backup_to_file(path: str | os.PathLike[str]) -> dict[str, int]:
    """:func:`write_backup` into ``path``, atomically (a temporary file renamed) and readable by
    its owner only: it holds password hashes."""
    target = Path(path)
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            counts = write_backup(handle)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return counts
