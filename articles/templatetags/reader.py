"""Template helpers for the reader's pages, each a cheaper equivalent of what the templates
wrote before, giving the same text: a list page renders dozens of dates and over a hundred
links, and the general tags (``{% url %}``, ``|date``, a ``{% for %}`` per tag) cost more there
than the rest of the page.

* ``{% fixed_url 'articles:feed' %}``: ``{% url 'articles:feed' %}`` for a URL without
  arguments, reversed once.
* ``{{ when|iso_datetime }}``, ``{{ when|long_date }}``, ``{{ when|long_datetime }}``:
  ``{{ when|date:'c' }}``, ``{{ when|date:"j F Y" }}``, ``{{ when|date:"j F Y, H:i T" }}``;
  ``{{ article|dateline }}``: the article's labelled publication and update times.
* ``{{ article.tag_list|tag_items }}``: one ``<li><a href="{{ tag.get_absolute_url }}">{{
  tag.name }}</a></li>`` per tag.
* ``{{ article.blocks|body_html }}``, ``{{ article.quote_list|quote_items:article.original_url
  }}``, ``{{ related|related_items }}``: an article page's paragraphs, quotes and related
  articles, each of which was a ``{% for %}`` over dozens of items with several lookups apiece;
  ``{{ hits|search_hits }}``: a page of search results.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import datetime

from django import template
from django.utils.dates import MONTHS
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime

from articles.links import fixed_url as _fixed_url
from articles.links import slug_url_maker
from articles.models import Article, Quote, Tag
from articles.search import Hit
from articles.seeds.format import Block

register = template.Library()


def escape(text: object) -> str:
    """``django.utils.html.escape``, the same characters escaped the same way, for the plain
    text these filters join: without its check for lazy strings and its ``SafeString``, which
    cost twice the escaping, and it runs dozens of times a page."""
    return html.escape(str(text))


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
    """``|date:"j F Y, H:i T"``: 5 March 2026, 09:07 GMT (the time zone: settings.TIME_ZONE,
    so that no reader has to guess whose 09:07 it is)."""
    if not isinstance(value, datetime):
        return ""
    return (
        f"{value.day} {MONTHS[value.month]} {value.year:04d}, {value.hour:02d}:{value.minute:02d}"
        f" {value.tzname() or ''}"
    ).rstrip()


def _time(value: datetime, text: str) -> str:
    return f'<time datetime="{iso_datetime(value)}">{text}</time>'


@register.filter
def dateline(article: Article) -> SafeString:
    """When the article was published, said as its ``date_basis`` allows, and when it was
    last updated: "Received from the wire 5 March 2026, 09:07 GMT" (a wire time), "Published
    12 March 2024" (a URL gives a day, not a time), "Published 5 March 2026, 09:07 GMT" (an
    editor's), then " · Updated ..." after a change readers saw. "" without a date."""
    published = template_localtime(article.published_at)
    if published is None:
        return mark_safe("")
    if article.date_basis == Article.DateBasis.URL:
        line = "Published " + _time(published, long_date(published))
    elif article.date_basis == Article.DateBasis.WIRE:
        line = "Received from the wire " + _time(published, long_datetime(published))
    else:
        line = "Published " + _time(published, long_datetime(published))
    updated = template_localtime(article.updated_for_readers)
    if updated is not None:
        line += " · Updated " + _time(updated, long_datetime(updated))
    return mark_safe(line)


@register.filter
def tag_items(tags: Iterable[Tag]) -> SafeString:
    """``<li><a href="{{ tag.get_absolute_url }}">{{ tag.name }}</a></li>`` for each tag."""
    url = slug_url_maker("articles:tag")
    return mark_safe(
        "".join(
            f'<li><a href="{escape(url(tag.slug))}">{escape(tag.name)}</a></li>' for tag in tags
        )
    )


@register.filter
def body_html(blocks: Iterable[Block]) -> SafeString:
    """Each block as ``<p id="pN">`` or, for a subheading, ``<h2 id="pN">``: N counts from 0, so
    quotes can link to their paragraph."""
    return mark_safe(
        "\n".join(
            f'<h2 id="p{n}">{escape(block.text)}</h2>'
            if block.is_subheading
            else f'<p id="p{n}">{escape(block.text)}</p>'
            for n, block in enumerate(blocks)
        )
    )


@register.filter
def quote_items(quotes: Iterable[Quote], cite: str) -> SafeString:
    """One ``<li>`` per quote: the words (citing ``cite``), who said them with their role, and
    a link to the paragraph they are in."""
    speaker_url = slug_url_maker("articles:speaker")
    cite = escape(cite)
    items = []
    for quote in quotes:
        speaker = quote.speaker
        who = (
            f'<a href="{escape(speaker_url(speaker.slug))}">{escape(speaker.name)}</a>'
            if speaker
            else "Unattributed"
        )
        if quote.role:
            who += f", {escape(quote.role)}"
        partial = " · partial quote" if quote.partial else ""
        items.append(
            f'<li>\n<blockquote cite="{cite}"><p>{escape(quote.text)}</p></blockquote>\n'
            f'<p class="attribution">\n{who}\n· <a href="#p{quote.block}">in paragraph '
            f"{quote.block + 1}</a>{partial}\n</p>\n</li>"
        )
    return mark_safe("\n".join(items))


def _dated(article: Article) -> str:
    """`` · <time datetime="...">5 March 2026</time>`` for a dated article, else ""."""
    when = template_localtime(article.published_at)
    return f' · <time datetime="{iso_datetime(when)}">{long_date(when)}</time>' if when else ""


@register.filter
def related_items(articles: Iterable[Article]) -> SafeString:
    """One ``<li>`` per related article (``Article.objects.related_to``): its headline as a
    link, its source and its date."""
    article_url = slug_url_maker("articles:detail")
    items = []
    for article in articles:
        items.append(
            f'<li>\n<a href="{escape(article_url(article.slug))}">{escape(article.headline)}</a>'
            f'\n<span class="meta">{escape(article.source_name)}{_dated(article)}</span>\n</li>'
        )
    return mark_safe("\n".join(items))


@register.filter
def search_hits(hits: Iterable[Hit]) -> SafeString:
    """One ``<li class="card">`` per search hit: headline link, source, section, date and the
    highlighted snippet (already escaped by the search)."""
    article_url = slug_url_maker("articles:detail")
    items = []
    for hit in hits:
        article = hit.article
        section = f" · {escape(article.section.name)}" if article.section else ""
        items.append(
            f'<li class="card">\n<h2><a href="{escape(article_url(article.slug))}">'
            f"{escape(article.headline)}</a></h2>\n"
            f'<p class="meta">\n{escape(article.source.name)}{section}\n{_dated(article)}\n</p>\n'
            f'<p class="snippet">{conditional_escape(hit.snippet)}</p>\n</li>'
        )
    return mark_safe("\n".join(items))
