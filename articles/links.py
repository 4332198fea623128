"""Cheap URL building for the links a page renders by the dozen (cards, tags, quotes).

``reverse()`` costs tens of microseconds a call (namespace lookup, regex check, quoting); a list
page has over a hundred links. Here each URL name is reversed once per URL configuration and
script prefix, with a placeholder for its one argument, and later links are a concatenation.

The result is the same string ``reverse(name, args=[value])`` gives: the fast path is taken only
for values that the URL's converter accepts unchanged (``slug_url``: slug characters;
``str_url``: no "/", quoted as ``reverse()`` quotes), and anything else goes to ``reverse()``
itself, with its checks and its ``NoReverseMatch``. It assumes URL patterns are not translated
per language (this site has no ``i18n_patterns``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.http import RFC3986_SUBDELIMS

# The slug converter's own pattern; quote() leaves these characters alone.
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_PLACEHOLDER = "zz0placeholder0zz"
_SAFE = RFC3986_SUBDELIMS + "/~:@"  # what reverse() leaves unquoted

_halves: dict[tuple[Any, str, str], tuple[str, str]] = {}
_fixed: dict[tuple[Any, str, str], str] = {}


def _split(name: str) -> tuple[str, str]:
    key = (get_urlconf(), get_script_prefix(), name)
    try:
        return _halves[key]
    except KeyError:
        pass
    url = reverse(name, args=[_PLACEHOLDER])
    if url.count(_PLACEHOLDER) != 1:  # pragma: no cover - no such URL here
        raise ValueError(f"{name} does not take exactly one argument")
    head, _, tail = url.partition(_PLACEHOLDER)
    _halves[key] = (head, tail)
    return head, tail


def slug_url(name: str, value: object) -> str:
    """``reverse(name, args=[value])`` for a URL whose one argument is a ``<slug:...>``."""
    if isinstance(value, str) and _SLUG.fullmatch(value):
        head, tail = _split(name)
        return head + value + tail
    return reverse(name, args=[value])


def slug_url_maker(name: str) -> Callable[[object], str]:
    """``slug_url`` with ``name`` looked up once, for a loop over many values."""
    head, tail = _split(name)

    def url(value: object) -> str:
        if isinstance(value, str) and _SLUG.fullmatch(value):
            return head + value + tail
        return reverse(name, args=[value])

    return url


def str_url(name: str, value: object) -> str:
    """``reverse(name, args=[value])`` for a URL whose one argument is a ``<str:...>``."""
    if isinstance(value, str) and value and "/" not in value:
        head, tail = _split(name)
        return head + (value if _SLUG.fullmatch(value) else quote(value, safe=_SAFE)) + tail
    return reverse(name, args=[value])


def fixed_url(name: str) -> str:
    """``reverse(name)`` for a URL without arguments, reversed once."""
    key = (get_urlconf(), get_script_prefix(), name)
    try:
        return _fixed[key]
    except KeyError:
        url = _fixed[key] = reverse(name)
        return url


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs: object) -> None:
    """Tests that swap the URL configuration get fresh URLs (as Django clears its own caches)."""
    if setting in ("ROOT_URLCONF", "FORCE_SCRIPT_NAME"):
        clear()


def clear() -> None:
    _halves.clear()
    _fixed.clear()
