"""Titles among quoted spans: the name of a work, a programme or a book, told by its capitals
(``"Flip the Script with Ann Lee"``, ``"Backfire: A Battle for the Company"``) or by what comes
before it (``on CNN’s "State of the Union"``, ``an interview on "Meet the Nation."``). Each
exclusion is a predicate of the span's context (``classify.SpanContext``), as in ``classify``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import names as N
from ..names import _words
from .spans import _FINITE_VERB_RE

if TYPE_CHECKING:
    from .classify import SpanContext


# Prepositions a title leaves in lower case however long they are ("The Nightly Show with
# Larry Wilmore", "Notes from Underground").
_TITLE_SMALL_WORDS = _words(
    "with from into onto upon over than without within through between against"
)


def _small_title_word(words: list[str], k: int) -> bool:
    """A preposition between capitalised words ("Show with Larry"), not "I'm with her"."""
    return words[k] in _TITLE_SMALL_WORDS and k + 1 < len(words) and words[k + 1][:1].isupper()


def _title_like(words: list[str]) -> bool:
    """Every significant word capitalised: a title, brand or name, not speech."""
    sig = [w.strip("“”\"'‘’,.:;!?()") for w in words]
    sig = [
        w
        for k, w in enumerate(sig)
        if w and (k == 0 or (len(w) > 3 and not _small_title_word(sig, k)) or w[0].isdigit())
    ]
    if not sig:
        return False
    capitals = sum(1 for w in words if w.strip("“”\"'‘’,.:;!?()")[:1].isupper())
    return all(w[0].isupper() or w[0].isdigit() for w in sig) and not (
        len(sig) == 1 and sig[0].lower() in N.COMMON_CAPITALISED and capitals < 2
    )  # "New Day": two capitals, however common the first


_BROADCASTER_BEFORE = re.compile(
    r"(?:\b[A-Z][A-Z0-9&]{1,5}|\b(?:[Cc]hannel|[Nn]etwork|[Rr]adio))(?:’s|'s)\s+$"
    r"|\b[A-Z][A-Z0-9&]{0,4}S[’']\s+$"  # "on CBS' "60 Minutes""
    r"|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|News|TV|Radio)"
    r"(?:’s|'s)\s+$"  # "on Wednesday's "Late Talk,"", "on KBC News's "This Week""
)


def is_show_title(ctx: SpanContext) -> bool:
    """On CNN’s "State of the Union," Ann Lee said (or on Sunday's "Face the Press"): a
    broadcaster's programme, by name."""
    return (
        ctx.n <= 6
        and (ctx.words[0][:1].isupper() or ctx.words[0][:1].isdigit())
        and bool(_BROADCASTER_BEFORE.search(ctx.pre[-40:]))
    )


_ON_OR_WITH_BEFORE = re.compile(r"\b(?:on|with|of|to)\s+$")


def is_title_after_preposition(ctx: SpanContext) -> bool:
    """He said it on "Meet the Press." / an interview with "Fox News Sunday": every word
    capitalised after on, with, of or to is a programme's or a work's name, even with a stop."""
    return (
        ctx.n <= 6
        and _title_like(ctx.words)
        and not any("!" in w for w in ctx.words)  # chants of "Lock her up!"
        and bool(_ON_OR_WITH_BEFORE.search(ctx.pre))
    )


def is_title_with_subtitle(ctx: SpanContext) -> bool:
    """Her memoir "Backfire: A Battle for the Soul of the Company": every word capitalised on
    both sides of a colon is a work's title and subtitle, however long."""
    if ctx.n < 3 or not any(w.endswith(":") for w in ctx.words):
        return False
    text = " ".join(ctx.words)
    head, colon, tail = text.partition(": ")
    return (
        bool(colon)
        and ctx.n <= 16
        and _title_like(head.split())
        and _title_like(tail.split())
        and len(tail.split()) >= 2
    )


_TOLD_BEFORE = re.compile(r"\btold\s+$")


def is_told_programme(ctx: SpanContext) -> bool:
    """Ann Lee told "Morning Call" that she would run: what one tells is an addressee, and
    a capitalised one in quotation marks is a programme or a publication."""
    return ctx.n <= 6 and _title_like(ctx.words) and bool(_TOLD_BEFORE.search(ctx.pre[-12:]))


_APPOSITION_AFTER = re.compile(r"\s*,?\s*(?:which|whose|an?\s+\w)")


def is_title_as_subject(ctx: SpanContext) -> bool:
    """ "Open Season," which opens on Friday, is a remake; "Night Tales," an old TV series,
    returns: a capitalised name that opens its sentence with a relative clause or an
    apposition after it is the sentence's subject, not speech (but "Oh, my God," a woman
    exclaimed: a speech verb after it reports it)."""
    return (
        not ctx.pre.strip()
        and ctx.n <= 6
        and ctx.words[-1][-1:] not in ".!?"
        and _title_like(ctx.words)
        and bool(_APPOSITION_AFTER.match(ctx.post))
        and not _FINITE_VERB_RE.search(ctx.post[:80])
    )
