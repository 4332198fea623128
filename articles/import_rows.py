"""The rows an import writes, and how it inserts them faster than ``bulk_create``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.db.models import Model

if TYPE_CHECKING:
    from articles.models import Speaker
    from articles.seeds.quotes import ExtractedQuote


QUOTE_COLUMNS = (
    "article",
    "speaker",
    "text",
    "role",
    "block",
    "start",
    "end",
    "partial",
    "position",
    "speaker_fixed",
)


class QuoteRow(NamedTuple):
    """A new article's quote as the importer inserts it: the columns after ``article`` in
    ``QUOTE_COLUMNS`` order, then the speaker's name for the search index."""

    speaker_id: int | None
    text: str
    role: str
    block: int
    start: int
    end: int
    partial: bool
    position: int
    speaker_fixed: bool
    speaker_name: str

    def values(self) -> tuple:
        """The values of ``QUOTE_COLUMNS`` after ``article``."""
        return self[:-1]

    @classmethod
    def of(
        cls,
        position: int,
        quote: ExtractedQuote,
        speaker: Speaker | None,
        speaker_fixed: bool = False,
    ) -> QuoteRow:
        return cls(
            speaker.pk if speaker else None,
            quote.text,
            quote.role or "",
            quote.block,
            quote.start,
            quote.end,
            quote.partial,
            position,
            speaker_fixed,
            speaker.name if speaker else "",
        )


def insert_rows(model: type[Model], fields: Sequence[str], rows: list[tuple]) -> None:
    """Insert plain rows with one prepared statement (``executemany``).

    ``bulk_create`` builds a model instance and prepares every value of every row, several
    times the cost of the insert itself when an import writes a dozen quotes and tag links per
    article. The values must be ready for the database: numbers, strings, booleans, None, or
    values prepared with the field's ``get_db_prep_save``. No signals are sent.
    """
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


# Field classes whose preparation (``get_db_prep_save``) returns values of these types as they
# are, on SQLite and PostgreSQL: it converts only other types. Exact classes, as a subclass may
# prepare differently. (A foreign key is prepared as the auto key it points to.)
_KEPT_AS_IS: dict[type[models.Field], frozenset[type]] = {
    **dict.fromkeys(
        (models.CharField, models.SlugField, models.URLField, models.TextField),
        frozenset({str, type(None)}),
    ),
    **dict.fromkeys(
        (
            models.IntegerField,
            models.PositiveIntegerField,
            models.BigIntegerField,
            models.AutoField,
            models.BigAutoField,
        ),
        frozenset({int, type(None)}),
    ),
    models.BooleanField: frozenset({bool}),
}


def insert_new(model: type[Model], objs: list[Model], key: str) -> None:
    """``model.objects.bulk_create(objs)`` for new objects, through :func:`insert_rows`.

    Every column ``bulk_create`` would fill gets the value it would: each field's
    ``pre_save`` (``auto_now`` and the like) and ``get_db_prep_save``, except for a column
    whose values that preparation returns unchanged (text in a text field...), which is
    inserted as it is: preparing each value one by one is what makes ``bulk_create`` slow.
    The new primary keys are then read back in one query by ``key``, a unique field (no
    ``RETURNING`` from ``executemany``). No signals are sent, as with ``bulk_create``.
    """
    if not objs:
        return
    db = connections[DEFAULT_DB_ALIAS]  # not the ``connection`` proxy: a lookup per use
    names, columns = [], []
    for field in model._meta.concrete_fields:
        if isinstance(field, models.AutoField) or field.generated:
            continue  # as bulk_create: the database numbers the rows
        if field.db_default is not models.NOT_PROVIDED:
            raise NotImplementedError(f"insert_new() cannot insert {field}'s db_default")
        values = [field.pre_save(obj, add=True) for obj in objs]
        kept = _KEPT_AS_IS.get(type(field.target_field if field.is_relation else field), ())
        if not all(type(value) in kept for value in values):
            values = [field.get_db_prep_save(value, db) for value in values]
        names.append(field.name)
        columns.append(values)
    insert_rows(model, names, list(zip(*columns, strict=True)))
    keys = [getattr(obj, key) for obj in objs]
    new_rows = model._base_manager.using(db.alias).filter(**{f"{key}__in": keys})
    ids = dict(new_rows.values_list(key, "pk"))
    for obj, value in zip(objs, keys, strict=True):
        obj.pk = ids[value]
        obj._state.adding = False
        obj._state.db = db.alias
