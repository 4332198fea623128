"""Pickling for the records extraction hands from its worker processes to the importer.

A frozen, slotted dataclass pickles its fields as state that loading puts back one by one,
through ``dataclasses.fields()`` and ``object.__setattr__``: for a draft with its quotes and
tags, about 60 microseconds each way, and the importing process loads every draft of an import.
Pickled as a call of the class with its fields, the same records cost half as much.
"""

from __future__ import annotations

from dataclasses import fields
from functools import cache
from typing import Any


@cache
def _arguments(cls: type) -> tuple[str, ...]:
    declared = fields(cls)
    if any(not field.init or field.kw_only for field in declared):
        raise TypeError(f"{cls.__name__} has a field that is not a positional __init__ argument")
    return tuple(field.name for field in declared)


def reduce_to_call(record: Any) -> tuple[type, tuple[Any, ...]]:
    """``__reduce__`` for a dataclass whose fields are all positional ``__init__`` arguments:
    pickled as ``cls(*fields)``."""
    cls = type(record)
    return cls, tuple(getattr(record, name) for name in _arguments(cls))
