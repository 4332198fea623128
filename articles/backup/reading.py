"""``manage.py restore``: a backup file back into an empty database, checked line by line, in
one transaction."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction
from reversion.models import Revision

from articles.backup.records import (
    CHILDREN,
    CHUNK,
    FORMAT,
    READABLE_VERSIONS,
    SECTIONS_BY_NAME,
    UNEDITED,
    BackupError,
    Kind,
    fingerprint,
    keys_of,
    kinds,
)
from articles.cache import invalidate_public_pages
from articles.importer import insert_rows
from articles.models import (
    Article,
    Correction,
    Quote,
    Section,
    Source,
    Speaker,
    StatusChange,
    Tag,
    TaggedArticle,
)
from articles.pending import PENDING_FIELDS, PendingChange
from articles.search_index import Document, compact_after_import, index_documents


class DatabaseNotEmpty(ValueError):
    """``restore`` was pointed at a database that already holds a newsroom."""


def _existing_rows() -> dict[str, int]:
    User = get_user_model()
    models_ = [Article, Source, Section, Speaker, Tag, User, Revision]
    counts = {model._meta.verbose_name_plural: model._default_manager.count() for model in models_}
    return {name: count for name, count in counts.items() if count}


def _replace_everything() -> None:
    """Delete what a backup restores (and the revisions, which name rows by id), in the
    caller's transaction. Groups stay: restore sets their permissions."""
    Revision.objects.all().delete()
    for model in (Article, Speaker, Tag, Source, Section, get_user_model()):
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
    pending_changes: list[dict[str, Any]] = field(default_factory=list)  # one at most
    positions: set[int] = field(default_factory=set)  # of its quotes so far
    last_line: int = 0  # of its last record

    def __post_init__(self) -> None:
        self.last_line = self.line


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
        self.db = connections[DEFAULT_DB_ALIAS]  # not the proxy: a lookup per use
        self.kinds = {kind.name: kind for kind in kinds()}
        self.order = {name: rank for rank, name in enumerate(self.kinds)}
        for child in CHILDREN:
            self.order[child] = self.order["article"]
        self.keys = keys_of(self.kinds)
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
        self.plans: dict[str, list[tuple[models.Field, Callable[[Any], Any]]]] = {}
        self.allowed = {
            name: {f.name for f in kind.fields} | _EXTRAS.get(name, set()) | {"type"}
            for name, kind in self.kinds.items()
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
        self.version = version
        if version not in READABLE_VERSIONS:
            raise self.fail(
                f"backup format version {version!r}; this Newsroom reads versions "
                f"{', '.join(map(str, READABLE_VERSIONS))}"
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
        if name == "article" and self.version in SECTIONS_BY_NAME:
            record = self.named_section(record)
        values, extras = self.values(kind, record)
        key = values[kind.key]
        if kind.model._meta.get_field(kind.key).unique:  # (the unique fields are checked too)
            if key in self.ids[kind.model]:
                raise self.fail(f"a second {name} {key!r}")
            self.ids[kind.model][key] = 0  # written at the next flush
        if name == "article":
            if len(self.articles) >= CHUNK:
                self.flush_articles()
            self.articles.append(self.pending_article(values, extras))
            return
        self.buffer.append((self.line, kind, values, extras))

    def named_section(self, record: dict[str, Any]) -> dict[str, Any]:
        """A version 1 or 2 article names its section by its name: the section it means now."""
        name = record.get("section")
        if not isinstance(name, str) or not name.strip():
            return {**record, "section": None}
        section = Section.for_name(name)
        self.ids[Section][section.slug] = section.pk
        return {**record, "section": section.slug}

    def take_child(self, kind: Kind, record: dict[str, Any]) -> None:
        url = record.get("article")
        if not self.articles or url != self.articles[-1].values["original_url"]:
            raise self.fail(f"a {kind.name} record must follow its article's record ({url!r})")
        values, _extras = self.values(kind, record, article=True)
        article = self.articles[-1]
        article.last_line = self.line
        if kind.name == "quote":
            if values["position"] in article.positions:
                raise self.fail(f"a second quote at position {values['position']} of {url}")
            article.positions.add(values["position"])
            article.quotes.append(values)
        elif kind.name == "correction":
            article.corrections.append(values)
        elif kind.name == "pending_change":
            if article.pending_changes:
                raise self.fail(f"a second pending change of {url}")
            article.pending_changes.append(values)
        else:
            article.status_changes.append(values)

    # One record's values, checked --------------------------------------------------------------

    def values(
        self, kind: Kind, record: dict[str, Any], article: bool = False
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """The record's fields as the database takes them (by field name), and its extra keys."""
        plan = self.plans.get(kind.name)
        if plan is None:
            plan = self.plans[kind.name] = [(f, self.checker(kind, f)) for f in kind.fields]
        if not record.keys() <= self.allowed[kind.name]:
            unknown = sorted(record.keys() - self.allowed[kind.name])
            raise self.fail(f"unknown field {unknown[0]!r} in a {kind.name} record")
        values: dict[str, Any] = {}
        for f, check in plan:
            name = f.name
            if article and name == "article":
                values[name] = 0  # its id, once the article is written
            elif name in record:
                values[name] = check(record[name])
            elif f.has_default() or f.null or f.empty_strings_allowed:
                values[name] = None if f.null and not f.has_default() else f.get_default()
            else:
                raise self.fail(f"{kind.name} record without its {name!r}")
        for f in kind.fields:
            if article and f.name == "article":  # one per article: checked by take_child
                continue
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

    def checker(self, kind: Kind, f: models.Field) -> Callable[[Any], Any]:
        """A function from a record's value for field ``f`` to what the database takes; wrong
        types, lengths, choices and unknown references are refused here, the same on every
        database. Made once per field: a restore checks millions of values."""
        where = f"{kind.name} field {f.name!r}"
        fail, db = self.fail, self.db
        choices = {c for c, _label in f.flatchoices} | ({""} if f.blank else set())
        choices = choices if f.choices else set()

        def check(value: Any) -> Any:
            if value is None:
                if not f.null:
                    raise fail(f"{where} may not be null")
                return None
            value = convert(value)
            if choices and value not in choices:
                raise fail(f"{where}: {value!r} is not one of its choices")
            return value

        if f.is_relation:
            ids = self.ids.setdefault(f.related_model, {})
            target = f.related_model._meta.verbose_name

            def convert(value: Any) -> Any:
                found = ids.get(value) if isinstance(value, str) else None
                if found is None:
                    raise fail(f"{where}: no {target} {value!r} earlier in the file")
                return found

        elif isinstance(f, models.DateTimeField):

            def convert(value: Any) -> Any:
                try:
                    parsed = datetime.fromisoformat(value) if isinstance(value, str) else None
                except ValueError:
                    parsed = None
                if parsed is None or parsed.tzinfo is None:
                    raise fail(f"{where}: expected an ISO date and time with offset, got {value!r}")
                return f.get_db_prep_save(parsed, db)

        elif isinstance(f, models.BooleanField):

            def convert(value: Any) -> Any:
                if not isinstance(value, bool):
                    raise fail(f"{where}: expected true or false, got {value!r}")
                return value

        elif isinstance(f, models.IntegerField):
            least = 0 if isinstance(f, _POSITIVE) else None

            def convert(value: Any) -> Any:
                if not isinstance(value, int) or isinstance(value, bool):
                    raise fail(f"{where}: expected an integer, got {value!r}")
                if least is not None and value < least:
                    raise fail(f"{where}: expected a non-negative integer, got {value}")
                return value

        elif isinstance(f, models.JSONField):
            names_only = kind.model in (Speaker, Section, Source)  # aliases
            form_values = kind.model is PendingChange  # the form's fields, as text

            def convert(value: Any) -> Any:
                if names_only and not (
                    isinstance(value, list) and all(isinstance(v, str) for v in value)
                ):
                    raise fail(f"{where}: expected a list of names")
                if form_values and not (
                    isinstance(value, dict)
                    and set(value) <= set(PENDING_FIELDS)
                    and all(isinstance(v, str) and "\x00" not in v for v in value.values())
                ):
                    raise fail(f"{where}: expected the article form's fields, as text")
                return f.get_db_prep_save(value, db)

        elif isinstance(f, (models.CharField, models.TextField)):
            longest = f.max_length

            def convert(value: Any) -> Any:
                # A str checked here is what preparing it would give, on SQLite and PostgreSQL
                # alike (as ``importer.insert_new`` relies on).
                if not isinstance(value, str):
                    raise fail(f"{where}: expected a string, got {value!r}")
                if longest is not None and len(value) > longest:
                    raise fail(f"{where}: longer than {longest} characters ({len(value)})")
                if "\x00" in value:
                    raise fail(f"{where}: NUL character")
                return value

        else:
            raise TypeError(f"a backup cannot hold {where} ({type(f).__name__})")
        return check

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
        last = articles[-1].last_line
        self.written(articles[0].line, last, lambda: self.write_articles(articles))

    def write_articles(self, articles: list[_Pending]) -> None:
        for article in articles:
            if article.import_state == UNEDITED:
                names = [self.tag_names[pk] for pk in article.tags]
                quotes = [{**q, "speaker_id": q["speaker"]} for q in article.quotes]
                article.values["imported_fingerprint"] = fingerprint(article.values, quotes, names)
        self.insert(Article, [article.values for article in articles])
        # Read back by slug: unique, where the URL an article is named by need not be (an
        # article left without a url_key by migration 0008 may share it).
        slugs = [article.values["slug"] for article in articles]
        ids = dict(Article.objects.filter(slug__in=slugs).values_list("slug", "pk"))
        quotes, links, corrections, changes, pending, documents = [], [], [], [], [], {}
        for article in articles:
            pk = ids[article.values["slug"]]
            for rows, found in (
                (quotes, article.quotes),
                (corrections, article.corrections),
                (changes, article.status_changes),
                (pending, article.pending_changes),
            ):
                rows += [{**row, "article": pk} for row in found]
            # Each link carries its article's status and date (``TaggedArticle``).
            dated = {name: article.values.get(name) for name in ("status", "published_at")}
            links += [{"content_object": pk, "tag": tag, **dated} for tag in article.tags]
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
        self.insert(PendingChange, pending)
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
