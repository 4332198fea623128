"""What the extraction stages share below the name runs: a cache for pure functions of a text,
and the small words that join the words of a name. Pure Python."""

from __future__ import annotations

from collections.abc import Callable, Sized
from functools import lru_cache, wraps
from typing import TypeVar

# Endings of occupation nouns ("farmer", "director", "scientist", "chairman").
OCCUPATION_ENDINGS = ("er", "or", "ist", "ian", "man", "woman", "ant", "ent")
# Small words inside a name ("Bank of England", "Department for Education").
CONNECT = frozenset({"of", "for", "and", "the", "on", "&"})

T = TypeVar("T")


def small_cache(
    maxsize: int, max_len: int = 2048
) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """``lru_cache(maxsize)`` for a pure function of a text (or a tuple of words), except for
    arguments longer than ``max_len``, which are computed afresh: the cache pays off on the
    stock paragraphs and clauses that wire copy repeats, and must not keep a megabyte-long
    paragraph alive for the rest of an import (memory bounded by ``maxsize * max_len``)."""

    def decorate(function: Callable[..., T]) -> Callable[..., T]:
        cached = lru_cache(maxsize=maxsize)(function)

        @wraps(function)
        def call(arg: Sized, *rest: object, **named: object) -> T:
            if len(arg) > max_len:
                return function(arg, *rest, **named)
            return cached(arg, *rest, **named)

        call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        call.cache_info = cached.cache_info  # type: ignore[attr-defined]
        return call

    return decorate
