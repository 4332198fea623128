"""Template helpers for the reader's pages, each a cheaper equivalent of what the templates
wrote before, giving the same text: a list page renders dozens of dates and over a hundred
links, and the general tags (``{% url %}``, ``|date``, a ``{% for %}`` per tag) cost more there
than the rest of the page.

* ``{% fixed_url 'articles:feed' %}``: ``{% url 'articles:feed' %}`` for a URL without
  arguments, reversed once.
* ``{{ when|iso_datetime }}``, ``{{ when|long_date }}``, ``{{ when|long_datetime }}``:
  ``{{ when|date:'c' }}``, ``{{ when|date:"j F Y" }}``, ``{{ when|date:"j F Y, H:i" }}``.
* ``{{ article.tag_list|tag_items }}``: one ``<li><a href="{{ tag.get_absolute_url }}">{{
  tag.name }}</a></li>`` per tag.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django import template
from django.utils.dates import MONTHS
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.links import fixed_url as _fixed_url
from articles.links import slug_url_maker
from articles.models import Tag

register = template.Library()


@register.simple_tag
def fixed_url(name: str) -> str:
    return _fixed_url(name)


# expects_localtime: the engine hands these filters the value in the current time zone, as it
# does for |date.


@register.filter(expects_localtime=True)
def iso_datetime(value: datetime | None) -> str:
    """``|date:'c'``."""
    return value.isoformat() if isinstance(value, datetime) else ""


@register.filter(expects_localtime=True)
def long_date(value: datetime | None) -> str:
    """``|date:"j F Y"``: 5 March 2026."""
    if not isinstance(value, datetime):
        return ""
    return f"{value.day} {MONTHS[value.month]} {value.year:04d}"


@register.filter(expects_localtime=True)
def long_datetime(value: datetime | None) -> str:
    """``|date:"j F Y, H:i"``: 5 March 2026, 09:07."""
    if not isinstance(value, datetime):
        return ""
    return (
        f"{value.day} {MONTHS[value.month]} {value.year:04d}, {value.hour:02d}:{value.minute:02d}"
    )


@register.filter
def tag_items(tags: Iterable[Tag]) -> SafeString:
    """``<li><a href="{{ tag.get_absolute_url }}">{{ tag.name }}</a></li>`` for each tag."""
    url = slug_url_maker("articles:tag")
    return mark_safe(
        "".join(
            f'<li><a href="{escape(url(tag.slug))}">{escape(tag.name)}</a></li>' for tag in tags
        )
    )
