"""How long each thing a seed gives may be: one home for every limit, the same on SQLite and
PostgreSQL.

SQLite stores a 1,900-character headline in a ``varchar(300)``; PostgreSQL refuses the whole
file with a database error that names neither line nor rule. So a seed is checked against
these limits once, when it is parsed (:func:`check_fields`, called by ``format.parse``), and
refused with ``file:line: rule``; the models take their ``max_length`` from here, so the
database never has the last word. What extraction guesses (speakers, roles, tags) is not the
seed's data: a guess longer than its limit is dropped (:func:`within_limits` in
``understand``), not the file. Plain Python: no Django here.
"""

from __future__ import annotations

from articles.seeds.url import (
    MAX_HOST_LENGTH,
    headline_from_standfirst,
    split_url,
)

# The file: a body of a few thousand words is a long article; 5 MB is far past any.
MAX_SEED_BYTES = 5 * 1024 * 1024
# Article.original_url; the header integers (Article.seed_line2 / seed_line3), kept verbatim.
MAX_URL_LENGTH = 2000
MAX_INTEGER_DIGITS = 30
# What the URL (or, without slug words, the standfirst) gives an article.
MAX_HEADLINE_LENGTH = 300  # Article.headline
MAX_SECTION_LENGTH = 100  # Article.section: the URL's first path segment, as words
MAX_OUTLET_ID_LENGTH = 50  # Article.outlet_article_id: the URL's trailing number
# Source.domain: what DNS allows, 253 characters in labels of at most 63 (checked with the URL,
# by ``url.check_host``); Source.name is made of the first label.
MAX_DOMAIN_LENGTH = MAX_HOST_LENGTH
MAX_HOMEPAGE_LENGTH = len("https://") + MAX_DOMAIN_LENGTH + len("/")  # Source.homepage
MAX_SLUG_LENGTH = 200  # Article.slug (cut, never refused: a slug is made, not given)
# What extraction finds; longer guesses are dropped.
MAX_NAME_LENGTH = 200  # Speaker.name (its slug, Speaker.slug, has room for a "-NN" suffix)
MAX_SPEAKER_SLUG_LENGTH = 220
MAX_ROLE_LENGTH = 300  # Quote.role
MAX_TAG_LENGTH = 100  # Tag.name and Tag.slug (django-taggit's columns)


def check_fields(url: str, standfirst: str) -> tuple[int, str] | None:
    """The first limit the fields made from a seed's URL (line 1) and standfirst (line 4)
    break, as (line, rule); None when they keep to every one. ``url`` is a valid URL (its
    length and host already checked by ``format.check_url``)."""
    parts = split_url(url)  # its host was checked with it (``url.check_host``)
    if parts.section and len(parts.section) > MAX_SECTION_LENGTH:
        return 1, (
            f"the section (the first part of the path) is longer than {MAX_SECTION_LENGTH} "
            f"characters ({len(parts.section)})"
        )
    if len(parts.outlet_id) > MAX_OUTLET_ID_LENGTH:
        return 1, f"the article number in the URL has more than {MAX_OUTLET_ID_LENGTH} digits"
    if parts.slug_words:
        length = len(" ".join(parts.slug_words))
        if length > MAX_HEADLINE_LENGTH:
            return 1, (
                f"the headline the URL gives is longer than {MAX_HEADLINE_LENGTH} characters "
                f"({length})"
            )
    else:
        length = len(headline_from_standfirst(standfirst))
        if length > MAX_HEADLINE_LENGTH:
            return 4, (
                f"the headline taken from the standfirst is longer than {MAX_HEADLINE_LENGTH} "
                f"characters ({length})"
            )
    return None
