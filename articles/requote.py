"""Quotes and tags follow the text: what an article's quotes and tags become when an editor
changes its body or standfirst, and where a quote an editor typed stands in the body.

One home for the rule, so the admin's save (and later the API) call the same function:

- the quotes are extracted again from the new body (``articles.seeds.quotes.extract_quotes``);
  a quote already there is matched by its text (normalised: quote marks, spaces, case), keeps
  its row, and moves to wherever its text now stands (so "in paragraph N" stays right);
- a speaker an editor chose (``Quote.speaker_fixed``) is kept, with its role; any other speaker
  is the new extraction's;
- a quote whose text is still in the body but that extraction no longer finds (one an editor
  added by hand, say) stays, at its new place; a quote whose text is gone is deleted;
- tags: which tags an editor added or removed is not recorded, so the machine's tags are told
  apart from the editor's by extracting them from the old text too: tags extraction found in
  the old text but not in the new one are removed, tags it finds only in the new text are
  added, and every other tag (an editor's own, or a machine tag the editor removed) is left as
  the editor left it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max, Q
from django.db.models.functions import Lower

from articles.cache import invalidate_once
from articles.models import Article, Quote, Speaker, Tag, TaggedArticle, unique_slugs
from articles.search_index import reindex_once
from articles.seeds.entities import extract_tags
from articles.seeds.format import Block, split_blocks
from articles.seeds.limits import MAX_NAME_LENGTH, MAX_ROLE_LENGTH, MAX_TAG_LENGTH
from articles.seeds.quotes import ExtractedQuote, extract_quotes

# Characters an editor may type for one another when giving a quote's text.
_EQUIVALENT = {
    '"': '"“”„«»',
    "'": "'‘’‚`´",
    "-": "-‐‑‒–—―",
}
for _group in list(_EQUIVALENT.values()):
    for _char in _group:
        _EQUIVALENT[_char] = _group
_QUOTE_MARKS = "\"“”„«»'‘’‚"
_SPACES = re.compile(r"\s+")


def normalised(text: str) -> str:
    """The text as quotes are matched: quote marks, dashes and spaces made plain, no case."""
    plain = "".join(_EQUIVALENT.get(c, c)[0] for c in text)
    return _SPACES.sub(" ", plain).strip().casefold()


@dataclass(frozen=True, slots=True)
class Place:
    """Where a quote's text stands: its block (from 0) and character offsets in it."""

    block: int
    start: int
    end: int


def _pattern(text: str) -> re.Pattern[str] | None:
    """A regular expression matching ``text`` with any spacing, quote mark, dash or case."""
    text = text.strip().strip(_QUOTE_MARKS).strip()
    if not text:
        return None
    parts = []
    for word in text.split():
        parts.append(
            "".join(
                f"[{re.escape(_EQUIVALENT[c])}]" if c in _EQUIVALENT else re.escape(c) for c in word
            )
        )
    return re.compile(r"\s+".join(parts), re.IGNORECASE)


def locate(
    blocks: Sequence[Block], text: str, near: Place | None = None, taken: Iterable[Place] = ()
) -> Place | None:
    """Where ``text`` stands in ``blocks``: an exact match first, else one that differs only in
    spacing, quote marks, dashes or case; of several, the first not ``taken`` (another quote's
    place), the one nearest ``near`` (where the quote stood before). None: not in the body."""
    taken = set(taken)
    if not text.strip():
        return None
    for exact in (True, False):
        found: list[Place] = []
        if exact:
            for index, block in enumerate(blocks):
                at = block.text.find(text)
                while at >= 0:
                    found.append(Place(index, at, at + len(text)))
                    at = block.text.find(text, at + 1)
        else:
            pattern = _pattern(text)
            if pattern is None:
                return None
            for index, block in enumerate(blocks):
                found += [Place(index, m.start(), m.end()) for m in pattern.finditer(block.text)]
        free = [place for place in found if place not in taken] or found
        if free:
            if near is None:
                return free[0]
            return min(free, key=lambda p: (abs(p.block - near.block), abs(p.start - near.start)))
    return None


@dataclass
class Requoted:
    """What re-extraction changed, for the editor's message."""

    added: int = 0
    removed: int = 0
    speakers_kept: int = 0
    moved: int = 0
    tags_added: list[str] = field(default_factory=list)
    tags_removed: list[str] = field(default_factory=list)

    def message(self) -> str:
        """``2 quotes added, 1 removed, 1 speaker kept, 3 moved; tags added: X; removed: Y``."""
        parts = [
            f"{self.added} quote{'s' * (self.added != 1)} added",
            f"{self.removed} removed",
        ]
        if self.speakers_kept:
            parts.append(
                f"{self.speakers_kept} speaker{'s' * (self.speakers_kept != 1)} kept "
                "as an editor set"
            )
        if self.moved:
            parts.append(f"{self.moved} moved to another paragraph")
        text = "The text changed, so its quotes were found again: " + ", ".join(parts) + "."
        if self.tags_added:
            text += f" Tags added: {', '.join(self.tags_added)}."
        if self.tags_removed:
            text += f" Tags removed: {', '.join(self.tags_removed)}."
        return text


def _within_limits(quote: ExtractedQuote) -> tuple[str | None, str]:
    """The quote's speaker and role, without a guess longer than its column."""
    speaker = quote.speaker if quote.speaker and len(quote.speaker) <= MAX_NAME_LENGTH else None
    role = (quote.role or "") if speaker else ""
    return speaker, role if len(role) <= MAX_ROLE_LENGTH else ""


@transaction.atomic
def requote(
    article: Article,
    old_text: tuple[str, str, str] | None = None,
    dropped: Iterable[str] = (),
) -> Requoted:
    """Make the saved ``article``'s quotes and tags follow its text (see the module's rules).
    ``old_text``: its (headline, standfirst, body) before the change, to tell the machine's
    tags from the editor's; None: a new article, whose tags are all the machine's to add.
    ``dropped``: texts of quotes the editor deleted in the same save, not to be found again.
    (Quotes deleted in earlier saves are not recorded: extraction may find them again.)"""
    result = Requoted()
    blocks = split_blocks(article.body)
    dropped = {normalised(text) for text in dropped}
    extracted = extract_quotes(blocks)
    with invalidate_once(), reindex_once():
        _follow_quotes(
            article, blocks, [q for q in extracted if normalised(q.text) not in dropped], result
        )
        _follow_tags(article, blocks, extracted, old_text, result)
    return result


def _follow_quotes(
    article: Article, blocks: Sequence[Block], extracted: list[ExtractedQuote], result: Requoted
) -> None:
    existing = list(article.quotes.order_by("position"))
    by_text: dict[str, list[Quote]] = {}
    for quote in existing:
        by_text.setdefault(normalised(quote.text), []).append(quote)
    speakers = Speaker.for_names(
        {name: q.speaker_kind for q in extracted if (name := _within_limits(q)[0])}
    )
    kept: list[tuple[Quote, Place]] = []
    new: list[tuple[ExtractedQuote, Place]] = []
    for found in extracted:
        place = Place(found.block, found.start, found.end)
        matches = by_text.get(normalised(found.text))
        if not matches:
            new.append((found, place))
            continue
        quote = matches.pop(0)
        if not quote.speaker_fixed:
            name, role = _within_limits(found)
            quote.speaker = speakers.get(name) if name else None
            quote.role = role
        quote.partial = found.partial
        quote.text = found.text  # the body's own words (marks and spacing)
        kept.append((quote, place))
    matched = {quote.pk for quote, _ in kept}
    taken = {place for _, place in [*kept, *new]}
    gone = []
    for quote in existing:
        if quote.pk in matched:
            continue
        place = locate(blocks, quote.text, Place(quote.block, quote.start, quote.end), taken)
        if place is None:
            gone.append(quote.pk)
        else:
            taken.add(place)
            kept.append((quote, place))
    result.removed = len(gone)
    result.speakers_kept = sum(1 for quote, _ in kept if quote.speaker_fixed)
    Quote.objects.filter(pk__in=gone).delete()
    rows: list[tuple[Place, Quote]] = []
    for quote, place in kept:
        if quote.block != place.block:
            result.moved += 1
        quote.block, quote.start, quote.end = place.block, place.start, place.end
        quote.text = blocks[place.block].text[place.start : place.end]
        rows.append((place, quote))
    for found, place in new:
        name, role = _within_limits(found)
        quote = Quote(
            article=article,
            text=found.text,
            speaker=speakers.get(name) if name else None,
            role=role,
            partial=found.partial,
            block=place.block,
            start=place.start,
            end=place.end,
        )
        rows.append((place, quote))
    result.added = len(new)
    rows.sort(key=lambda row: (row[0].block, row[0].start, row[0].end))
    _save_in_order(article, [quote for _, quote in rows])


def _save_in_order(article: Article, quotes: list[Quote]) -> None:
    """Save ``quotes`` numbered 0, 1, 2... in this order. Positions are unique per article, so
    the rows first step past every position in use, then take their own."""
    ceiling = article.quotes.aggregate(top=Max("position"))["top"]
    offset = (ceiling or 0) + len(quotes) + 1
    for step in (offset, 0):
        for position, quote in enumerate(quotes):
            quote.position = position + step
            quote.article = article
            quote.save()


def renumber(article: Article) -> None:
    """Number the article's quotes in the order they stand in the body (after a quote was
    added, or its text moved)."""
    quotes = list(article.quotes.order_by("block", "start", "end", "position"))
    if [q.position for q in quotes] != list(range(len(quotes))):
        _save_in_order(article, quotes)


def _tag_names(
    headline: str, standfirst: str, blocks: Sequence[Block], quotes: Sequence[ExtractedQuote]
) -> dict[str, tuple[str, str]]:
    """The tags extraction finds: case-folded name -> (name, kind)."""
    found = extract_tags(headline, standfirst, blocks, quotes)
    return {t.name.casefold(): (t.name, t.kind) for t in found if len(t.name) <= MAX_TAG_LENGTH}


def _follow_tags(
    article: Article,
    blocks: Sequence[Block],
    extracted: list[ExtractedQuote],
    old_text: tuple[str, str, str] | None,
    result: Requoted,
) -> None:
    new = _tag_names(article.headline, article.standfirst, blocks, extracted)
    if old_text is None:
        old: dict[str, tuple[str, str]] = {}
    else:
        headline, standfirst, body = old_text
        old_blocks = split_blocks(body)
        old = _tag_names(headline, standfirst, old_blocks, extract_quotes(old_blocks))
    links = TaggedArticle.objects.filter(content_object=article).select_related("tag")
    linked = {link.tag.name.casefold(): link for link in links}
    for key in old.keys() - new.keys():
        if key in linked:
            result.tags_removed.append(linked[key].tag.name)
            linked[key].delete()
    wanted = [new[key] for key in new if key not in old and key not in linked]
    for tag in _tags_named(wanted):
        TaggedArticle.objects.create(content_object=article, tag=tag)
        result.tags_added.append(tag.name)


def _tags_named(wanted: list[tuple[str, str]]) -> list[Tag]:
    """The tags with these (name, kind)s, matched whatever the case, created when new."""
    if not wanted:
        return []
    names = [name for name, _ in wanted]
    existing: dict[str, Tag] = {}
    query = Q(lower_name__in=[n.lower() for n in names]) | Q(name__in=names)
    for tag in Tag.objects.annotate(lower_name=Lower("name")).filter(query).order_by("pk"):
        existing.setdefault(tag.name.casefold(), tag)
    fresh = [Tag(name=name, kind=kind) for name, kind in wanted if name.casefold() not in existing]
    for tag, slug in zip(fresh, unique_slugs(Tag, [t.name for t in fresh]), strict=True):
        tag.slug = slug
        tag.save()
        existing[tag.name.casefold()] = tag
    return [existing[name.casefold()] for name in names]
