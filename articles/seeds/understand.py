"""ParsedSeed -> ArticleDraft: everything the importer needs, still plain Python."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, replace

from articles.seeds.entities import TagCandidate, extract_tags
from articles.seeds.format import Block, ParsedSeed, join_blocks, render, split_blocks
from articles.seeds.layout import layout_of
from articles.seeds.limits import (
    MAX_HEADLINE_LENGTH,
    MAX_NAME_LENGTH,
    MAX_ROLE_LENGTH,
    MAX_SLUG_LENGTH,
    MAX_TAG_LENGTH,
)
from articles.seeds.quotes import ExtractedQuote, extract_quotes
from articles.seeds.records import reduce_to_call
from articles.seeds.url import (
    headline_from_slug,
    headline_from_standfirst,
    normalise_url,
    split_url,
    url_key,
)


@dataclass(frozen=True, slots=True)
class ArticleDraft:
    """One article as the seed describes it, before it meets the database."""

    url: str  # as the seed writes it (``Article.original_url``, exported as it came)
    url_key: str  # which article it is (``url.url_key``, ``Article.url_key``)
    source_domain: str
    section: str
    headline: str
    slug: str
    outlet_id: str
    line2: str
    line3: str
    standfirst: str
    # The body as the article stores it, not its blocks: a draft crosses from a worker process
    # to the importer, and a dozen Block objects cost more to pickle than the text they hold.
    body: str
    quotes: tuple[ExtractedQuote, ...]
    tags: tuple[TagCandidate, ...]
    seed_sha256: str
    # How the file was laid out beyond its canonical rendering (``layout.layout_of``), so an
    # export of the unedited article gives back its bytes; "" for a canonical file.
    layout: str = ""

    __reduce__ = reduce_to_call  # cheap to send from a worker process

    @property
    def blocks(self) -> tuple[Block, ...]:
        return split_blocks(self.body)


def slugify(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """ASCII, lower case, hyphens: the same rule as ``django.utils.text.slugify``."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text.lower())
    return re.sub(r"[-\s]+", "-", text).strip("-_")[:max_length].strip("-")


def understand(seed: ParsedSeed, version: str = "", data: bytes | None = None) -> ArticleDraft:
    """Read a parsed seed as an editor would: headline, source, section, quotes and tags.
    ``data``, the bytes it was parsed from, gives the draft its ``layout``."""
    parts = split_url(seed.url)
    texts = [seed.standfirst, *(b.text for b in seed.blocks if not b.is_subheading)]
    if parts.slug_words:
        headline = headline_from_slug(parts.slug_words, texts)
    else:
        headline = headline_from_standfirst(seed.standfirst)
    # format.parse checked the headline's length; a case mapping that lengthens a word
    # ("İ".lower() is two characters) must not take it past its column.
    headline = headline[:MAX_HEADLINE_LENGTH]
    quotes = tuple(within_limits(q) for q in extract_quotes(seed.blocks))
    tags = tuple(
        t
        for t in extract_tags(headline, seed.standfirst, seed.blocks, quotes)
        if len(t.name) <= MAX_TAG_LENGTH
    )
    return ArticleDraft(
        url=seed.url,
        url_key=url_key(seed.url),
        source_domain=parts.domain,
        section=parts.section or "",
        headline=headline,
        slug=slugify(headline) or slugify(parts.outlet_id) or "article",
        outlet_id=parts.outlet_id,
        line2=seed.line2,
        line3=seed.line3,
        standfirst=seed.standfirst,
        body=join_blocks(seed.blocks),
        quotes=quotes,
        tags=tags,
        seed_sha256=_seed_hash(seed, version),
        layout=layout_of(data, seed) if data is not None else "",
    )


def within_limits(quote: ExtractedQuote) -> ExtractedQuote:
    """The quote without a speaker or role longer than its column: such a "name" is a run of
    capitalised words, not someone's name (a tag that long is dropped the same way)."""
    if quote.speaker and len(quote.speaker) > MAX_NAME_LENGTH:
        quote = replace(quote, speaker=None, role=None)
    if quote.role and len(quote.role) > MAX_ROLE_LENGTH:
        quote = replace(quote, role=None)
    return quote


def _seed_hash(seed: ParsedSeed, version: str) -> str:
    """Hash of the seed as rendered with its URL's scheme and host in lower case
    (``normalise_url``), so that CRLF, a BOM or the URL's host case change nothing, and of
    ``version``, the extraction rules' version."""
    url = normalise_url(seed.url)
    # Most URLs are written in their normal form already: then the seed renders as it is.
    canonical = render(seed if url == seed.url else replace(seed, url=url))
    return hashlib.sha256(f"{version}\n{canonical}".encode()).hexdigest()
