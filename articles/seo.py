"""What search engines read on an article page as data: JSON-LD (schema.org NewsArticle),
serialised so that no text from a seed can close its ``<script>`` element. The canonical link
and the Open Graph and Twitter tags are markup, in ``jinja2/articles/article_detail.html``."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
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


def json_ld(data: dict[str, Any]) -> SafeString:
    """``data`` as JSON for a ``<script type="application/ld+json">`` element, safe for any
    text in it (the template writes the element)."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(payload.translate(_SCRIPT_ESCAPES))  # nothing left that HTML would read


def article_json_ld(article: Article, request: HttpRequest) -> dict[str, Any]:
    """The NewsArticle fields Google and others read; ``article`` has its source and tags
    loaded (``read_article_page()``), so this makes no query. ``url`` is the canonical URL."""
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
