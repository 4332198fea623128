"""What search engines and link previews read on an article page: the canonical link, Open
Graph and Twitter tags, and JSON-LD (schema.org NewsArticle), rendered so that no text from a
seed can close its ``<script>`` element."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime

from articles.links import fixed_url
from articles.models import Article, Tag, tags_of

PUBLISHER_NAME = "Newsroom"

# schema.org types for tag kinds; topics are plain Things.
SCHEMA_TYPES = {
    Tag.Kind.PERSON: "Person",
    Tag.Kind.PLACE: "Place",
    Tag.Kind.ORGANISATION: "Organization",
    Tag.Kind.TOPIC: "Thing",
}

# As django.utils.html.json_script: <, > and & as JSON escapes, so "</script>" and "<!--" in the
# data cannot end or confuse the element, and the JSON still parses to the same text.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _iso(when: datetime | None) -> str | None:
    """ISO 8601 in settings.TIME_ZONE, as the page's ``<time datetime>``."""
    return localtime(when).isoformat() if when else None


def json_ld_script(data: dict[str, Any]) -> SafeString:
    """``<script type="application/ld+json">`` holding ``data``, safe for any text in it."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


def article_json_ld(article: Article, request: HttpRequest) -> dict[str, Any]:
    """The NewsArticle fields Google and others read; ``article`` has its source and tags
    loaded (``Article.objects.page()``), so this makes no query. ``url`` is the canonical URL."""
    # request.build_absolute_uri(path) for the site's own paths (absolute, ASCII, already
    # quoted), with the scheme and host checked once rather than once a link.
    origin = request.build_absolute_uri("/")[:-1]
    url = origin + article.get_absolute_url()
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.headline[:110],
        "description": article.standfirst,
        # As the page's <time> elements give them: in settings.TIME_ZONE, the last change
        # readers saw (not every save: a status change is not a new version of the story).
        "datePublished": _iso(article.published_at),
        "dateModified": _iso(article.modified_at),
        "inLanguage": "en",
        "author": {
            "@type": "Organization",
            "name": article.source.name,
            "url": article.source.homepage or f"https://{article.source.domain}/",
        },
        "publisher": {
            "@type": "Organization",
            "name": PUBLISHER_NAME,
            "url": origin + fixed_url("articles:front"),
        },
        "isBasedOn": article.original_url,
        "about": [
            {
                "@type": SCHEMA_TYPES.get(tag.kind, "Thing"),
                "name": tag.name,
                "url": origin + tag.get_absolute_url(),
            }
            for tag in tags_of(article)
        ],
    }
    if article.section:
        data["articleSection"] = article.section.name
    return data


def article_head(article: Article, canonical_url: str) -> SafeString:
    """The canonical link and the Open Graph, article and Twitter ``<meta>`` tags, escaped.
    Built here rather than in the template: two dozen template lookups cost more than the rest
    of the page's head."""
    text = {
        "headline": escape(article.headline),
        "standfirst": escape(article.standfirst),
        "url": escape(canonical_url),
    }
    lines = [
        f'<link rel="canonical" href="{text["url"]}">',
        '<meta property="og:type" content="article">',
        '<meta property="og:site_name" content="Newsroom">',
        f'<meta property="og:title" content="{text["headline"]}">',
        f'<meta property="og:description" content="{text["standfirst"]}">',
        f'<meta property="og:url" content="{text["url"]}">',
        '<meta property="og:locale" content="en_GB">',
    ]
    if article.published_at:
        published = _iso(article.published_at)
        lines.append(f'<meta property="article:published_time" content="{published}">')
        modified = _iso(article.modified_at)
        lines.append(f'<meta property="article:modified_time" content="{modified}">')
    if article.section:
        lines.append(f'<meta property="article:section" content="{escape(article.section.name)}">')
    lines += [f'<meta property="article:tag" content="{escape(t.name)}">' for t in tags_of(article)]
    lines += [
        '<meta name="twitter:card" content="summary">',
        f'<meta name="twitter:title" content="{text["headline"]}">',
        f'<meta name="twitter:description" content="{text["standfirst"]}">',
    ]
    return mark_safe("\n  ".join(lines))  # every text above is escaped
