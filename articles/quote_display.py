"""How an article's quotes are shown to readers: once each, whole, with clean punctuation.

The extractor (``articles.seeds.quotes``) stores what stands between quotation marks, as it
stands: "...a military victory," keeps the comma that led into "he said"; a sentence the
attribution splits ("We will win," he said, "whatever it takes.") is two quotes; a quote
repeated in the story is stored twice. That is right for finding them in the body, not for
reading them after it. This module turns the stored quotes into the list the article page
shows, in plain Python (no database): split quotes joined, dangling punctuation and stray
quotation marks removed, repeats dropped, grouped by who said them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

# How many characters may stand between the halves of a split quote (", he said, "): more
# and they are two quotes.
MAX_SPLIT_GAP = 60
# Quotation marks, straight and curly, single and double, and guillemets.
QUOTE_MARKS = "\"'“”‘’«»„‟‚‛"
# What a quote may end with, dangling: the writer's sentence went on ("...," he said).
DANGLING = ",;:–—-"
SENTENCE_END = ".!?…"
_PAIRS = (("“", "”"), ("«", "»"))
_SPACE = re.compile(r"\s+")


@dataclass(slots=True)
class QuoteItem:
    """One quote as readers see it: its whole text, where it starts in the body (``block``,
    the paragraph's anchor), and whether it is a fragment of the writer's sentence."""

    text: str
    block: int
    partial: bool


@dataclass(slots=True)
class SpeakerQuotes:
    """A speaker (None: unattributed), their role as first given, and what they said."""

    speaker: Any
    role: str
    quotes: list[QuoteItem] = field(default_factory=list)


def _strip_marks(text: str) -> str:
    """``text`` without quotation marks at its ends, and without inner ones left unpaired."""
    text = text.strip().strip(QUOTE_MARKS + " ").strip()
    for opening, closing in _PAIRS:
        if text.count(opening) != text.count(closing):
            text = text.replace(opening, "").replace(closing, "")
    if text.count('"') % 2:
        text = text.replace('"', "")
    return text


def clean(text: str, partial: bool = False) -> str:
    """A quote's text for display: one line, no quotation marks left half, no dangling
    comma (or semicolon, colon, dash) at its end; a whole quote ends as a sentence does
    ("...a military victory," -> "...a military victory.")."""
    text = _strip_marks(_SPACE.sub(" ", text))
    text = text.rstrip(DANGLING + " ").strip()
    text = _strip_marks(text)  # marks that stood before the dangling comma
    if text and not partial and text[-1] not in SENTENCE_END + ")]" + QUOTE_MARKS:
        text += "."
    return text


def continues(first: Any, second: Any) -> bool:
    """Whether ``second`` is the rest of ``first``'s sentence, split by its attribution:
    same paragraph and speaker, ``first`` ends with a comma (or nothing that ends a sentence),
    ``second`` starts in lower case, and only a few characters ("he said,") stand between."""
    if first.block != second.block or _speaker_key(first) != _speaker_key(second):
        return False
    head, tail = _strip_marks(first.text), _strip_marks(second.text)
    if not head or not tail or head[-1] in SENTENCE_END or not tail[0].islower():
        return False
    gap = second.start - first.end
    return bool(first.end or second.start) and 0 <= gap <= MAX_SPLIT_GAP


def _speaker_key(quote: Any) -> Any:
    return getattr(quote, "speaker_id", None)


def joined(quotes: Iterable[Any]) -> list[tuple[Any, str, bool]]:
    """(first quote, whole text, partial) for ``quotes`` in order, split ones joined."""
    items: list[tuple[Any, str, bool]] = []
    previous = None
    for quote in quotes:
        if previous is not None and items and continues(previous, quote):
            first, text, partial = items[-1]
            head = _strip_marks(text).rstrip(DANGLING + " ")
            items[-1] = (first, f"{head}, {_strip_marks(quote.text)}", partial and quote.partial)
        else:
            items.append((quote, quote.text, bool(quote.partial)))
        previous = quote
    return items


def display_quotes(quotes: Iterable[Any]) -> list[SpeakerQuotes]:
    """The article's quotes (its ``quote_list``, in order) as the page lists them: grouped by
    speaker in the order they first speak (unattributed ones last), each quote whole and
    clean, and each text once."""
    groups: dict[Any, SpeakerQuotes] = {}
    seen: set[str] = set()
    for first, text, partial in joined(quotes):
        text = clean(text, partial)
        key = text.casefold().rstrip(SENTENCE_END)
        if not text or key in seen:
            continue
        seen.add(key)
        speaker_key = _speaker_key(first)
        group = groups.get(speaker_key)
        if group is None:
            speaker = first.speaker if speaker_key is not None else None
            group = groups[speaker_key] = SpeakerQuotes(speaker, first.role or "")
        group.quotes.append(QuoteItem(text, first.block, partial))
    unattributed = groups.pop(None, None)
    return [*groups.values(), *([unattributed] if unattributed else [])]
