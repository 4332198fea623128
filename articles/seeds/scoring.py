"""The rules that decide whether an extracted quote matches a truth quote. Pure Python.

Two rule sets. ``strict`` is the product's own: same block, the same text after
``normalise_quote_text``, and the same speaker name, case aside. ``lenient`` is the rule of the
shared PolNeAR scorer (``../shared/polnear/score_lenient.py``, which builds on ``score_quotes.py``),
restated here so that ``evaluate_quotes --lenient`` gives its figures without reading ``../shared``:
texts match when, normalised, they are equal or one contains the other and is at least 0.8 of its
length; speakers match when, titles and case aside, the names are equal, share their last word, or
one is a contiguous run of the other's words ("Clinton campaign" and "Clinton").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

from .quotes import normalise_quote_text

__all__ = [
    "lenient_text",
    "match_one_to_one",
    "same_speaker_lenient",
    "same_speaker_strict",
    "text_match_lenient",
    "text_match_strict",
]

# Quote marks, primes and the ellipsis character, as the shared scorer folds them.
_MARKS = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u2039": "'",
        "\u203a": "'",
        "`": "'",
        "\u2026": "...",
    }
)
# Punctuation (any Unicode P* category below U+3000), whitespace and quote marks, stripped from
# both ends of a quote's text: "We will appeal," and "We will appeal" are the same quote.
_EDGE = (
    "".join(
        chr(c)
        for c in range(0x3000)
        if unicodedata.category(chr(c)).startswith("P") or chr(c).isspace()
    )
    + "'\"`"
)
_SPACES = re.compile(r"\s+")

# Leading titles removed (repeatedly) before names are compared. Single words that also open
# organisation names ("General", "Major", "Chief") are left out, as the shared scorer leaves them.
_TITLE_TEXT = """mr mrs ms miss mx dr prof professor sir dame lord lady president senator sen rep
representative congressman congresswoman gov governor mayor judge justice gen col capt captain lt
sgt adm rev reverend sheikh councillor councilor alderman commissioner inspector detective
superintendent constable ambassador minister the"""
_TITLE_PHRASES = ["prime minister", "vice president", "secretary of state", "foreign minister"]
_TITLES = sorted(
    [p.split() for p in _TITLE_PHRASES] + [[w] for w in _TITLE_TEXT.split()], key=len, reverse=True
)
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_POSSESSIVE = re.compile(r"('s|’s)\b")
_NOT_NAME_CHARS = re.compile(r"[^\w\s&'-]")


def lenient_text(text: str) -> str:
    """NFC, straight quote marks, one space, no punctuation or space at either end."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", text or "").translate(_MARKS))
    return text.strip(_EDGE)


def text_match_lenient(a: str, b: str) -> float:
    """1.0 for equal texts; len(shorter)/len(longer) when one contains the other and that ratio
    is at least 0.8 ("We will appeal" inside "We will appeal, and win"); otherwise 0."""
    a, b = lenient_text(a), lenient_text(b)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if short in long_ and len(short) / len(long_) >= 0.8:
        return len(short) / len(long_)
    return 0.0


def text_match_strict(a: str, b: str) -> float:
    """1.0 when the texts are the same after ``normalise_quote_text``, else 0."""
    return 1.0 if normalise_quote_text(a) == normalise_quote_text(b) else 0.0


def same_speaker_strict(found: str | None, truth: str | None) -> bool:
    """The product's rule: the same name, case and quote-mark style aside; None matches None
    (a quote the truth leaves anonymous is right when extraction names nobody)."""
    if found is None or truth is None:
        return found is truth
    return normalise_quote_text(found).casefold() == normalise_quote_text(truth).casefold()


def _name_words(name: str | None) -> list[str]:
    text = unicodedata.normalize("NFC", name or "").translate(_MARKS)
    text = _SPACES.sub(" ", text).strip(" ,;:.\"'()[]").casefold()
    words = text.split(" ")
    stripped = True
    while stripped:
        stripped = False
        for title in _TITLES:
            if len(words) > len(title) and [w.rstrip(".") for w in words[: len(title)]] == title:
                words = words[len(title) :]
                stripped = True
                break
    text = _NOT_NAME_CHARS.sub(" ", _POSSESSIVE.sub("", " ".join(words)))
    words = text.split()
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words = words[:-1]
    while len(words) > 1 and words[0] == "the":
        words = words[1:]
    return words


def _contains(longer: list[str], shorter: list[str]) -> bool:
    return any(
        longer[i : i + len(shorter)] == shorter for i in range(len(longer) - len(shorter) + 1)
    )


def same_speaker_lenient(found: str | None, truth: str | None) -> bool:
    """PolNeAR's truth names a speaker as the article writes it at that point ("Trump", "the
    Clinton campaign"), so a surname or a contained name counts; an empty name never does."""
    p, t = _name_words(found), _name_words(truth)
    if not p or not t:
        return False
    if p == t or p[-1] == t[-1]:
        return True
    return _contains(p, t) or _contains(t, p)


def match_one_to_one(
    found: Sequence[tuple[int, str]],
    truth: Sequence[tuple[int, str]],
    text_match: Callable[[str, str], float],
) -> list[tuple[int, int]]:
    """Pair (block, text) items: same block and a positive text score, each item used once,
    best score first (ties in found order, then truth order). Returns (found, truth) indexes."""
    candidates = []
    for fi, (f_block, f_text) in enumerate(found):
        for ti, (t_block, t_text) in enumerate(truth):
            if f_block != t_block:
                continue
            score = text_match(f_text, t_text)
            if score > 0:
                candidates.append((-score, fi, ti))
    candidates.sort()
    used_found: set[int] = set()
    used_truth: set[int] = set()
    pairs = []
    for _score, fi, ti in candidates:
        if fi in used_found or ti in used_truth:
            continue
        used_found.add(fi)
        used_truth.add(ti)
        pairs.append((fi, ti))
    return pairs
