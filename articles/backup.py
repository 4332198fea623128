"""A whole newsroom in one file and back: ``manage.py backup FILE`` and ``manage.py restore FILE``.

The file is JSON Lines: a header with the format's version, then one record per object, each
naming what it points to by a natural key rather than a database id (articles by their URL,
sources by domain, speakers and tags by slug, users by username, groups by name), so that it
restores into any empty database, SQLite or PostgreSQL. Records come in a fixed order (groups,
users, sources, speakers, tags, then each article by URL followed by its quotes, corrections and
status history, and an end record that counts them, so that a truncated file is refused) with
their fields in the models' order, so that backup, restore into an empty
database and backup again gives the same bytes.

What it holds: every article with its status, dates, editors' changes (headline, text, section,
tags, quotes and the speakers editors fixed), the seed's layout (so ``export_seeds`` still gives
the imported bytes), corrections and status history; sources, speakers (kind, aliases) and tags;
users with their password hashes, groups and permissions. Password hashes are kept so editors can
log in after a restore (they are salted one-way hashes; the file must be guarded like the
database itself, and ``backup`` writes it readable by its owner only).

What it leaves out: django-reversion's revisions, admin log entries, sessions and login
throttling records. Revisions are Django-serialised rows that name every object by its database
id (the article, each quote, tag link and speaker); in a restored database those ids belong to
other rows, and restoring such a revision would overwrite other articles' quotes. An article's
history starts again at its next change, when ``articles.history.record_baseline`` records it
as it was; the status history and corrections, the editorial record readers and editors rely on,
are kept.

``restore`` runs in one transaction: a record that is not valid stops it with
``file:line: reason`` and nothing is written. It refuses a database that already holds
articles, sources, speakers, tags, users or revisions, unless told to ``replace`` them (deleted
first, in the same transaction).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any, BinaryIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import DatabaseError, connection, models, transaction
from reversion.models import Revision

from articles.cache import invalidate_public_pages
from articles.importer import insert_rows
from articles.models import (
    Article,
    Correction,
    Quote,
    Source,
    Speaker,
    StatusChange,
    Tag,
    TaggedArticle,
)
from articles.search import Document, compact_after_import, index_documents

FORMAT = "newsroom-backup"
VERSION = 1
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
    """One record type: its model, its natural key (None: belongs to the article before it),
    and the fields it writes, all but the primary key unless ``fields`` says."""

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


def _kinds() -> list[Kind]:
    User = get_user_model()
    return [
        Kind("group", Group, "name"),
        Kind("user", User, User.USERNAME_FIELD),
        Kind("source", Source, "domain"),
        Kind("speaker", Speaker, "slug"),
        Kind("tag", Tag, "slug"),
        Kind("article", Article, "original_url"),
        Kind("quote", Quote, None),
        Kind("correction", Correction, None),
        Kind("status_change", StatusChange, None),
    ]


def _keys_of(kinds: dict[str, Kind]) -> dict[type[models.Model], str]:
    """Each referable model's natural key field."""
    return {kind.model: kind.key for kind in kinds.values() if kind.key}


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat()


# Writing -----------------------------------------------------------------------------------------


class _Writer:
    def __init__(self, out: BinaryIO) -> None:
        self.kinds = {kind.name: kind for kind in _kinds()}
        self.keys = _keys_of(self.kinds)
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
                value = _iso(value)
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
        for name in ("source", "speaker", "tag"):
            self.write_keyed(kinds[name])
        self.write_articles()
        self.emit({"type": "end", "records": sum(self.counts.values()) - 1})  # not the header
        return self.counts

    def write_articles(self) -> None:
        kinds = self.kinds
        article = kinds["article"]
        order = sorted(Article.objects.values_list("original_url", "pk"))
        self.natural[Article] = {pk: url for url, pk in order}
        tags = self.natural[Tag]
        tag_names = dict(Tag.objects.values_list("pk", "name"))
        for start in range(0, len(order), CHUNK):
            ids = [pk for _url, pk in order[start : start + CHUNK]]
            rows = {
                row["pk"]: row for row in self.rows(article, Article.objects.filter(pk__in=ids))
            }
            children = {
                name: _by_article(
                    self.rows(kinds[name], kinds[name].model.objects.filter(article_id__in=ids))
                )
                for name in ("quote", "correction", "status_change")
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
                for name, when in (("correction", "created_at"), ("status_change", "at")):
                    for row in sorted(children[name].get(pk, []), key=lambda r: (r[when], r["pk"])):
                        self.emit(self.record(kinds[name], row))


def _by_article(rows: list[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        found.setdefault(row["article_id"], []).append(row)
    return found


def _fingerprint(
    row: dict[str, Any], quotes: Iterable[dict[str, Any]], tag_names: Iterable[str]
) -> str:
    """``Article.fingerprint`` of a row and its quotes (``speaker_id`` as in this database)."""
    article = Article(headline=row["headline"], standfirst=row["standfirst"], body=row["body"])
    return article.fingerprint(list(tag_names), [SimpleNamespace(**q) for q in quotes])


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
    return UNEDITED if _fingerprint(row, quotes, names) == stored else stored


def write_backup(out: BinaryIO) -> dict[str, int]:
    """Write the whole editorial state to ``out``; returns records written per type."""
    with transaction.atomic():  # one consistent view (a snapshot on PostgreSQL)
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


# Reading -----------------------------------------------------------------------------------------


class DatabaseNotEmpty(ValueError):
    """``restore`` was pointed at a database that already holds a newsroom."""


def _existing_rows() -> dict[str, int]:
    User = get_user_model()
    models_ = [Article, Source, Speaker, Tag, User, Revision]
    counts = {model._meta.verbose_name_plural: model._default_manager.count() for model in models_}
    return {name: count for name, count in counts.items() if count}


def _replace_everything() -> None:
    """Delete what a backup restores (and the revisions, which name rows by id), in the
    caller's transaction. Groups stay: restore sets their permissions."""
    Revision.objects.all().delete()
    for model in (Article, Speaker, Tag, Source, get_user_model()):
        model._default_manager.all().delete()


@dataclass
class _Pending:
    """An article record read but not yet written, with the records that follow it."""

    line: int
    values: dict[str, Any]
    import_state: str
    tags: list[int]
    quotes: list[dict[str, Any]] = field(default_factory=list)
    corrections: list[dict[str, Any]] = field(default_factory=list)
    status_changes: list[dict[str, Any]] = field(default_factory=list)


_POSITIVE = (
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.PositiveBigIntegerField,
)
# Extra keys a record carries beside its model's fields.
_EXTRAS = {"group": {"permissions"}, "user": {"groups", "permissions"}, "article": {"tags"}}


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.kinds = {kind.name: kind for kind in _kinds()}
        self.order = {name: rank for rank, name in enumerate(self.kinds)}
        for child in ("quote", "correction", "status_change"):
            self.order[child] = self.order["article"]
        self.keys = _keys_of(self.kinds)
        self.ids: dict[type[models.Model], dict[Any, int]] = {m: {} for m in self.keys}
        self.unique_seen: dict[tuple[str, str], set[Any]] = {}
        self.line = 0
        self.rank = -1
        self.ended = False
        self.counts: dict[str, int] = {}
        self.buffer: list[tuple[int, Kind, dict[str, Any], dict[str, Any]]] = []
        self.articles: list[_Pending] = []
        self.permissions = {
            (app, codename): pk
            for pk, app, codename in Permission.objects.values_list(
                "pk", "content_type__app_label", "codename"
            )
        }
        self.tag_names: dict[int, str] = {}
        self.speaker_names: dict[int, str] = {}

    def fail(self, reason: str, line: int | None = None) -> BackupError:
        return BackupError(self.name, self.line if line is None else line, reason)

    def restore(self, lines: Iterable[bytes]) -> dict[str, int]:
        for self.line, raw in enumerate(lines, 1):
            record = self.decode(raw)
            if self.line == 1:
                self.check_header(record)
                continue
            self.take(record)
        if self.line == 0:
            raise self.fail("the file is empty; expected a backup header", 1)
        if not self.ended:
            raise self.fail("the file ends without its end record: it is truncated")
        self.flush()
        self.flush_articles()
        return self.counts

    def decode(self, raw: bytes) -> dict[str, Any]:
        if not raw.endswith(b"\n"):
            raise self.fail("the line is cut short (no newline): the file is truncated")
        try:
            record = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise self.fail(f"not UTF-8 (byte {exc.start + 1})") from None
        except json.JSONDecodeError as exc:
            raise self.fail(f"not JSON ({exc.msg}, column {exc.colno})") from None
        if not isinstance(record, dict):
            raise self.fail("expected a JSON object")
        return record

    def check_end(self, record: dict[str, Any]) -> None:
        read = sum(self.counts.values())
        if record.get("records") != read:
            raise self.fail(
                f"the end record counts {record.get('records')!r} records, the file has {read}"
            )
        self.ended = True

    def check_header(self, record: dict[str, Any]) -> None:
        if record.get("type") != "header" or record.get("format") != FORMAT:
            raise self.fail(f"not a Newsroom backup (expected a {FORMAT!r} header)")
        version = record.get("version")
        if version != VERSION:
            raise self.fail(
                f"backup format version {version!r}; this Newsroom reads version {VERSION}"
            )

    def take(self, record: dict[str, Any]) -> None:
        name = record.get("type")
        if self.ended:
            raise self.fail("a record after the end record")
        if name == "end":
            self.check_end(record)
            return
        kind = self.kinds.get(name) if isinstance(name, str) else None
        if kind is None:
            raise self.fail(f"unknown record type {name!r}")
        rank = self.order[name]
        if rank < self.rank:
            raise self.fail(f"a {name} record after the {list(self.kinds)[self.rank]} records")
        self.rank = rank
        self.counts[name] = self.counts.get(name, 0) + 1
        if self.buffer and (self.buffer[0][1] is not kind or len(self.buffer) >= CHUNK):
            self.flush()  # what this record may refer to is written first
        if kind.key is None:
            self.take_child(kind, record)
            return
        values, extras = self.values(kind, record)
        key = values[kind.key]
        if key in self.ids[kind.model]:
            raise self.fail(f"a second {name} {key!r}")
        self.ids[kind.model][key] = 0  # written at the next flush
        if name == "article":
            if len(self.articles) >= CHUNK:
                self.flush_articles()
            self.articles.append(self.pending_article(values, extras))
            return
        self.buffer.append((self.line, kind, values, extras))

    def take_child(self, kind: Kind, record: dict[str, Any]) -> None:
        url = record.get("article")
        if not self.articles or url != self.articles[-1].values["original_url"]:
            raise self.fail(f"a {kind.name} record must follow its article's record ({url!r})")
        values, _extras = self.values(kind, record, article=True)
        article = self.articles[-1]
        if kind.name == "quote":
            if any(q["position"] == values["position"] for q in article.quotes):
                raise self.fail(f"a second quote at position {values['position']} of {url}")
            article.quotes.append(values)
        elif kind.name == "correction":
            article.corrections.append(values)
        else:
            article.status_changes.append(values)

    # One record's values, checked --------------------------------------------------------------

    def values(
        self, kind: Kind, record: dict[str, Any], article: bool = False
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """The record's fields as the database takes them (by field name), and its extra keys."""
        allowed = {f.name for f in kind.fields} | _EXTRAS.get(kind.name, set()) | {"type"}
        unknown = sorted(set(record) - allowed)
        if unknown:
            raise self.fail(f"unknown field {unknown[0]!r} in a {kind.name} record")
        values: dict[str, Any] = {}
        for f in kind.fields:
            if article and f.name == "article":
                values["article"] = 0  # its id, once the article is written
                continue
            if f.name not in record:
                if not f.has_default() and not f.null and not f.empty_strings_allowed:
                    raise self.fail(f"{kind.name} record without its {f.name!r}")
                value = None if f.null and not f.has_default() else f.get_default()
            else:
                value = self.checked(kind, f, record[f.name])
            values[f.name] = value
        for f in kind.fields:
            if f.unique and kind.key != f.name and values.get(f.name) is not None:
                seen = self.unique_seen.setdefault((kind.name, f.name), set())
                if values[f.name] in seen:
                    raise self.fail(f"a second {kind.name} with {f.name} {values[f.name]!r}")
                seen.add(values[f.name])
        extras = {name: record.get(name, []) for name in _EXTRAS.get(kind.name, ())}
        for name, value in extras.items():
            if not isinstance(value, list):
                raise self.fail(f"{kind.name} field {name!r}: expected a list")
        return values, extras

    def checked(self, kind: Kind, f: models.Field, value: Any) -> Any:
        """``value`` for field ``f``, as the database takes it; wrong types, lengths, choices and
        unknown references are refused here, the same on every database."""
        where = f"{kind.name} field {f.name!r}"
        if value is None:
            if not f.null:
                raise self.fail(f"{where} may not be null")
            return None
        if f.is_relation:
            found = self.ids.get(f.related_model, {}).get(value)
            if found is None:
                target = f.related_model._meta.verbose_name
                raise self.fail(f"{where}: no {target} {value!r} earlier in the file")
            return found
        if isinstance(f, models.DateTimeField):
            try:
                parsed = datetime.fromisoformat(value) if isinstance(value, str) else None
            except ValueError:
                parsed = None
            if parsed is None or parsed.tzinfo is None:
                raise self.fail(
                    f"{where}: expected an ISO date and time with offset, got {value!r}"
                )
            value = parsed
        elif isinstance(f, models.BooleanField):
            if not isinstance(value, bool):
                raise self.fail(f"{where}: expected true or false, got {value!r}")
        elif isinstance(f, models.IntegerField):
            if not isinstance(value, int) or isinstance(value, bool):
                raise self.fail(f"{where}: expected an integer, got {value!r}")
            if isinstance(f, _POSITIVE) and value < 0:
                raise self.fail(f"{where}: expected a non-negative integer, got {value}")
        elif isinstance(f, models.JSONField):
            if kind.model is Speaker and not (
                isinstance(value, list) and all(isinstance(v, str) for v in value)
            ):
                raise self.fail(f"{where}: expected a list of names")
        elif isinstance(f, (models.CharField, models.TextField)):
            if not isinstance(value, str):
                raise self.fail(f"{where}: expected a string, got {value!r}")
            if f.max_length is not None and len(value) > f.max_length:
                raise self.fail(f"{where}: longer than {f.max_length} characters ({len(value)})")
            if "\x00" in value:
                raise self.fail(f"{where}: NUL character")
        if (
            f.choices
            and not (f.blank and value == "")
            and value not in {choice for choice, _label in f.flatchoices}
        ):
            raise self.fail(f"{where}: {value!r} is not one of its choices")
        return f.get_db_prep_save(value, connection)

    def pending_article(self, values: dict[str, Any], extras: dict[str, Any]) -> _Pending:
        state = values["imported_fingerprint"]
        tags = []
        for slug in extras["tags"]:
            if slug not in self.ids[Tag]:
                raise self.fail(f"article field 'tags': no tag {slug!r} earlier in the file")
            tags.append(self.ids[Tag][slug])
        return _Pending(self.line, values, state, tags)

    # Writing what was read ---------------------------------------------------------------------

    @staticmethod
    def insert(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
        if rows:
            names = list(rows[0])
            insert_rows(model, names, [tuple(row[n] for n in names) for row in rows])

    def written(self, first: int, last: int, write: Any) -> None:
        """Run ``write``; a database error names the lines it was writing."""
        try:
            with transaction.atomic():
                write()
        except DatabaseError as exc:
            lines = f"{first}" if first == last else f"{first}-{last}"
            raise BackupError(
                self.name, first, f"lines {lines} could not be written: {exc}"
            ) from exc

    def flush(self) -> None:
        """Write the buffered groups, users, sources, speakers or tags."""
        if not self.buffer:
            return
        buffer, self.buffer = self.buffer, []
        kind = buffer[0][1]
        self.written(buffer[0][0], buffer[-1][0], lambda: self.write_keyed(kind, buffer))

    def write_keyed(self, kind: Kind, buffer: list) -> None:
        model, key = kind.model, kind.key
        if model is Group:  # the roles' groups exist already (a data migration makes them)
            for line, _kind, values, extras in buffer:
                group, _ = Group.objects.get_or_create(name=values["name"])
                group.permissions.set(self.permission_ids(line, extras["permissions"]))
                self.ids[Group][values["name"]] = group.pk
            return
        self.insert(model, [values for _line, _kind, values, _extras in buffer])
        keys = [values[key] for _line, _kind, values, _extras in buffer]
        self.ids[model].update(
            model._default_manager.filter(**{f"{key}__in": keys}).values_list(key, "pk")
        )
        if model is Tag:
            self.tag_names.update((self.ids[Tag][v["slug"]], v["name"]) for _l, _k, v, _e in buffer)
        elif model is Speaker:
            self.speaker_names.update(
                (self.ids[Speaker][v["slug"]], v["name"]) for _l, _k, v, _e in buffer
            )
        elif model is get_user_model():
            groups, permissions = [], []
            for line, _kind, values, extras in buffer:
                user_id = self.ids[model][values[key]]
                for name in extras["groups"]:
                    if name not in self.ids[Group]:
                        raise self.fail(f"user field 'groups': no group {name!r}", line)
                    groups.append(
                        model.groups.through(user_id=user_id, group_id=self.ids[Group][name])
                    )
                permissions += [
                    model.user_permissions.through(user_id=user_id, permission_id=pk)
                    for pk in self.permission_ids(line, extras["permissions"])
                ]
            model.groups.through.objects.bulk_create(groups)
            model.user_permissions.through.objects.bulk_create(permissions)

    def permission_ids(self, line: int, permissions: list) -> list[int]:
        ids = []
        for permission in permissions:
            pk = self.permissions.get(tuple(permission)) if isinstance(permission, list) else None
            if pk is None:
                raise self.fail(f"unknown permission {permission!r}", line)
            ids.append(pk)
        return ids

    def flush_articles(self) -> None:
        if not self.articles:
            return
        articles, self.articles = self.articles, []
        self.written(articles[0].line, self.line, lambda: self.write_articles(articles))

    def write_articles(self, articles: list[_Pending]) -> None:
        for article in articles:
            if article.import_state == UNEDITED:
                names = [self.tag_names[pk] for pk in article.tags]
                quotes = [{**q, "speaker_id": q["speaker"]} for q in article.quotes]
                article.values["imported_fingerprint"] = _fingerprint(article.values, quotes, names)
        self.insert(Article, [article.values for article in articles])
        urls = [article.values["original_url"] for article in articles]
        ids = dict(Article.objects.filter(original_url__in=urls).values_list("original_url", "pk"))
        self.ids[Article].update(ids)
        quotes, links, corrections, changes, documents = [], [], [], [], {}
        for article in articles:
            pk = ids[article.values["original_url"]]
            for rows, found in (
                (quotes, article.quotes),
                (corrections, article.corrections),
                (changes, article.status_changes),
            ):
                rows += [{**row, "article": pk} for row in found]
            links += [{"content_object": pk, "tag": tag} for tag in article.tags]
            documents[pk] = Document.build(
                article.values["headline"],
                article.values["standfirst"],
                article.values["body"],
                [
                    (q["text"], self.speaker_names.get(q["speaker"]))
                    for q in sorted(article.quotes, key=lambda q: q["position"])
                ],
            )
        self.insert(Quote, quotes)
        self.insert(TaggedArticle, links)
        self.insert(Correction, corrections)
        self.insert(StatusChange, changes)
        index_documents(documents)


def restore_backup(
    lines: Iterable[bytes], name: str = "<backup>", *, replace: bool = False
) -> dict[str, int]:
    """Restore a backup (its lines, newline included) into this database, in one transaction;
    returns records read per type. Raises :class:`BackupError` (file, line, reason) for a bad
    record, and :class:`DatabaseNotEmpty` unless the database is empty or ``replace``."""
    with transaction.atomic():
        if replace:
            _replace_everything()
        elif existing := _existing_rows():
            held = ", ".join(f"{count} {name}" for name, count in existing.items())
            raise DatabaseNotEmpty(
                f"the database is not empty ({held}); restore into an empty database, or use "
                "--replace to delete all of it first"
            )
        counts = _Reader(name).restore(lines)
        invalidate_public_pages()
    compact_after_import(counts.get("article", 0))
    return counts


def restore_from_file(path: str | os.PathLike[str], *, replace: bool = False) -> dict[str, int]:
    with open(path, "rb") as handle:
        return restore_backup(handle, str(path), replace=replace)
