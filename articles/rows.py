"""Model instances from hand-written SQL: a faster ``Manager.raw`` for the pages' queries."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from django.db import connection, connections, models, router


def table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


@dataclass(frozen=True, slots=True)
class RowReader:
    """How to turn rows with given column names into instances of a model: which columns fill
    which fields, the database converters they need, which are extra attributes."""

    model: type[models.Model]
    names: list[str]  # the fields' attnames, in the model's order
    positions: list[int]  # where each of them is in a row
    converters: list[tuple[int, list[Callable[..., Any]], Any]]
    extras: list[tuple[str, int]]

    @classmethod
    def plan(cls, model: type[models.Model], columns: tuple[str, ...], db: Any) -> RowReader:
        position = {db.introspection.identifier_converter(c): i for i, c in enumerate(columns)}
        fields = [f for f in model._meta.concrete_fields if f.column in position]
        if model._meta.pk not in fields:
            raise ValueError(f"a query for {model.__name__} rows must select its primary key")
        converters = []
        for field in fields:
            column = field.get_col(model._meta.db_table)
            found = db.ops.get_db_converters(column) + column.get_db_converters(db)
            if found:
                converters.append((position[field.column], found, column))
        known = {f.column for f in fields}
        return cls(
            model,
            [f.attname for f in fields],
            [position[f.column] for f in fields],
            converters,
            [(column, i) for column, i in position.items() if column not in known],
        )

    def instance(self, alias: str, row: tuple[Any, ...], db: Any) -> models.Model:
        if self.converters:
            row = list(row)
            for i, functions, expression in self.converters:
                for function in functions:
                    row[i] = function(row[i], expression, db)
        instance = self.model.from_db(alias, self.names, [row[i] for i in self.positions])
        for column, i in self.extras:
            setattr(instance, column, row[i])
        return instance


# Per connection (connections are per thread), as the converters are its operations' methods.
_row_readers: WeakKeyDictionary[Any, dict[tuple[Any, ...], RowReader]] = WeakKeyDictionary()


def read_rows(model: type[models.Model], sql: str, params: Iterable[object]) -> list[Any]:
    """``list(model.objects.raw(sql, params))``, for the pages' hand-written queries: the same
    instances (fields from the columns named after them, the rest deferred; other columns as
    attributes), read from the same database, but with the column map and converters worked
    out once per query shape instead of on every query, which cost more than the SQL itself."""
    alias = router.db_for_read(model)
    db = connections[alias]
    with db.cursor() as cursor:
        cursor.execute(sql, params)
        columns = tuple(column[0] for column in cursor.description)
        rows = cursor.fetchall()
    readers = _row_readers.setdefault(db, {})
    reader = readers.get((model, columns))
    if reader is None:
        reader = readers[model, columns] = RowReader.plan(model, columns, db)
    return [reader.instance(alias, row, db) for row in rows]


def joined_columns(alias: str, prefix: str, fields: tuple[str, ...]) -> str:
    """``s.name AS source_name, ...``: a joined row's fields, for :func:`joined_instance`."""
    return ", ".join(f"{alias}.{field} AS {prefix}_{field}" for field in fields)


def joined_instance(
    row: models.Model, prefix: str, model: type[models.Model], fields: tuple[str, ...]
) -> models.Model | None:
    """The row's ``prefix`` foreign key target built from the columns :func:`joined_columns`
    selected (its other fields deferred), or None when the key is null: what
    ``select_related`` gives, for the queries written in SQL."""
    pk = getattr(row, f"{prefix}_id")
    if pk is None:
        return None
    values = [pk, *(getattr(row, f"{prefix}_{field}") for field in fields)]
    return model.from_db(row._state.db, ["id", *fields], values)
