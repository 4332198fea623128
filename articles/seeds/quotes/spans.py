"""Quoted spans and sentences: quote marks paired into spans, paragraphs cut into sentences,
quotations masked out. Shared with tag extraction (``entities``), which reads names outside them.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..names import _words
from ..runs import small_cache, word_regex

_NORMALISE = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "\u00a0": " "})

_SPACES = re.compile(r"\s+")

if TYPE_CHECKING:  # a span's speaker, once attributed
    from .registry import _Entity


def normalise_quote_text(s: str) -> str:
    """Collapse whitespace, straighten quote marks and apostrophes, strip: for matching text."""
    return _SPACES.sub(" ", s.translate(_NORMALISE)).strip()


_VERBS = _words(
    "said says say told tells tell added adds asked asks replied replies wrote writes "
    "described describes called warned warns urged urges accused accuses insisted insists "
    "argued argues explained explains noted notes stated states declared declares announced "
    "acknowledged admitted admits conceded concedes claimed claims suggested suggests "
    "recalled recalls responded responds answered answers joked complained predicted promised "
    "vowed pledged cautioned stressed stresses testified remarked observed shouted quipped "
    "concluded agreed denied dismissed labelled labeled branded hailed praised condemned "
    "criticised criticized tweeted posted continued reiterated confirmed maintained wondered "
    "exclaimed boasted mused countered estimated emphasised emphasized ruled talked spoke"
)

_PARTICIPLES = _words("saying adding telling asking describing calling warning urging noting")

_VERB_RE = re.compile(r"\b(?:" + word_regex([*_VERBS, *_PARTICIPLES, "put it"]) + r")\b")

_FINITE_VERB_RE = re.compile(r"\b(?:" + word_regex([*_VERBS, "put it"]) + r")\b")

_ABBREVIATIONS = _words(
    "a.m adm approx apr atty aug brig capt cllr cmdr co col corp cpl dec dept det dr e.g est etc "
    "feb fig fr ft gen gov hon i.e inc insp jan jr jul jun lt ltd maj mar messrs mr mrs ms mt "
    "no nov oct p.m pres prof pte rep rev sen sep sept sgt sr st supt u.k u.n u.s vs"
)

_ABBREV_DOT = re.compile(
    r"\b(" + word_regex(sorted(w for w in _ABBREVIATIONS if "." not in w)) + r")\.(?=\s)", re.I
)

# Matched from the stop itself (not a lookbehind), so the search can skip ahead to the next
# stop instead of trying every position: a sentence break starts one character in.
_SENTENCE_END = re.compile(r"[.!?…][”\"’')\]]*\s+(?=[“\"‘'(\[]?[^\W_a-z])")

_MARK = re.compile('["“”]')

_OPEN_MARKS = '"“'

_CLOSE_MARKS = '"”'


@dataclass(slots=True)
class _Span:
    block: int
    mark: int  # index of the opening mark
    start: int
    end: int
    close: int | None  # index of the closing mark, None when unclosed
    text: str
    sentence: int = 0
    is_quote: bool = False
    partial: bool = False
    speaker: str | None = None
    kind: str = "person"
    role: str | None = None
    explicit: bool = False
    who: _Entity | None = None


def _find_spans(index: int, text: str) -> list[_Span]:
    """Pair quote marks: ``"`` toggles, ``“`` opens, ``”`` closes; unclosed runs to the end.
    A paragraph with no double mark at all is read in the single-quote style instead
    (:func:`_find_single_spans`); one with double marks keeps its single marks as inner
    quotes and apostrophes."""
    spans: list[_Span] = []
    if '"' not in text and "“" not in text and "”" not in text:
        if "'" in text or "‘" in text or "’" in text:
            return _find_single_spans(index, text)
        return spans  # most paragraphs quote nobody: no need to start the scan
    if '"' not in text:
        nested = _find_nested_spans(index, text)
        if nested is not None:
            return nested
    open_at: int | None = None
    n = len(text)
    tags = _tag_ranges(text) if "<" in text else []
    marks = [
        (m.start(), m.group())
        for m in _MARK.finditer(text)
        if not (tags and _in_ranges(tags, m.start()))  # <tweet author="@ann">: markup
    ]
    k = -1
    while k + 1 < len(marks):
        k += 1
        i, ch = marks[k]
        if open_at is None:
            if ch in _OPEN_MARKS or _turned_opening(text, i, n):
                open_at = i
        elif ch in _CLOSE_MARKS or _turned_closing(text, i, n):
            spans.append(_Span(index, open_at, open_at + 1, i, i, text[open_at + 1 : i]))
            open_at = None
        elif _curly_inside_straight(text, marks, k, open_at):
            k += 1  # the inner pair is part of the outer quotation
        elif ch == "“":
            end = i  # ``len(text[:i].rstrip())``, without copying the text before ``i``
            while end and text[end - 1].isspace():
                end -= 1
            spans.append(_Span(index, open_at, open_at + 1, end, None, text[open_at + 1 : end]))
            open_at = i
    if open_at is not None:
        end = len(text.rstrip())
        spans.append(_Span(index, open_at, open_at + 1, end, None, text[open_at + 1 : end]))
    return [s for s in spans if s.text.strip()]


def _curly_inside_straight(text: str, marks: list[tuple[int, str]], k: int, open_at: int) -> bool:
    """``"The board met. “We will appeal,” the chair wrote in May."``: a curly pair inside
    a quotation opened and closed with straight marks is quoted within it, not the end of
    it (but ``"“`` at the opening wraps a quotation that itself starts the paragraph)."""
    return (
        text[open_at] == '"'
        and marks[k][0] > open_at + 1
        and k + 2 < len(marks)
        and marks[k][1] == "“"
        and marks[k + 1][1] == "”"
        and marks[k + 2][1] == '"'
    )


# A tag of embedded markup copied with the text (``<tweet id="6721" author="@ann">``), whose
# attribute values are in quote marks but quote nobody. Bounded, so the scan stays linear.
_TAG = re.compile(r"</?[A-Za-z][\w-]{0,30}(?:\s[^<>]{0,500})?(?:>|$)")  # or cut at the end


def _tag_ranges(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _TAG.finditer(text)]


def _in_ranges(ranges: list[tuple[int, int]], pos: int) -> bool:
    k = bisect_right(ranges, (pos, float("inf"))) - 1
    return k >= 0 and ranges[k][0] <= pos < ranges[k][1]


def _turned_closing(text: str, i: int, n: int) -> bool:
    """An opening mark typed where a closing one belongs: ``for her here,“ said Ann Lee``,
    right after a word or punctuation and before a space, punctuation or the end."""
    if i == 0 or text[i - 1].isspace() or text[i - 1] in _BEFORE_OPENING:
        return False
    return i + 1 >= n or text[i + 1].isspace() or text[i + 1] in _AFTER_CLOSING


def _turned_opening(text: str, i: int, n: int) -> bool:
    """A closing mark typed where an opening one belongs: `` ”We will appeal,” she said``."""
    return (
        (i == 0 or text[i - 1].isspace()) and i + 1 < n and text[i + 1].isalnum() and text[i] == "”"
    )


def _find_nested_spans(index: int, text: str) -> list[_Span] | None:
    """Curly marks that nest, ``“It is not about “law” any more,” she said``: when every
    ``“`` of the paragraph has its ``”`` and at least one opens inside another, the inner
    quotes are part of the outer ones, which alone are spans. None when the marks do not
    balance or never nest (then the usual pairing, which also mends a missing mark)."""
    depth, deepest, open_at = 0, 0, 0
    pairs: list[tuple[int, int]] = []
    for m in _MARK.finditer(text):
        if m.group() == "“":
            if depth == 0:
                open_at = m.start()
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
            if depth < 0:
                return None
            if depth == 0:
                pairs.append((open_at, m.start()))
    if depth != 0 or deepest < 2:
        return None
    spans = [_Span(index, a, a + 1, b, b, text[a + 1 : b]) for a, b in pairs]
    return [s for s in spans if s.text.strip()]


_SINGLE_MARK = re.compile("['‘’]")

# A mark before one of these is an elision, not an opening quote: 'em, rock 'n' roll, the '90s.
_ELISION = re.compile(r"(?:em|n|til|cause|tis|twas|round|bout)\b|\d", re.I)

_BEFORE_OPENING = "([{—–-/"

_AFTER_CLOSING = ".,;:!?)]}—–-…"


def _find_single_spans(index: int, text: str) -> list[_Span]:
    """Pair single quote marks, British and Commonwealth style: ``'We will appeal,' said Ms
    Reid.`` and ``‘...’``. A mark opens only after a space, a bracket or a dash and before a
    word; it closes only after a word or punctuation and before a space, punctuation or the
    end; so apostrophes inside words (``O'Neill``, ``I'm``, ``don’t``) do neither. A plural
    possessive before a word (``pupils’ union``, ``Davis’ lawyer``) is taken as a closing
    mark only when no other closing mark comes before the next opening one. An unclosed
    quote runs to the end of its paragraph only when it opens the paragraph (a quote that
    continues in the next one); elsewhere a lone mark is an apostrophe. One pass, in order."""
    spans: list[_Span] = []
    n = len(text)
    open_at: int | None = None
    possessive: int | None = None  # the first ``s’ word`` after the open mark, if any

    def close(at: int) -> None:
        assert open_at is not None
        spans.append(_Span(index, open_at, open_at + 1, at, at, text[open_at + 1 : at]))

    for m in _SINGLE_MARK.finditer(text):
        i, ch = m.start(), m.group()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < n else " "
        can_open = (
            ch != "’"
            and (before.isspace() or before in _BEFORE_OPENING)
            and not after.isspace()
            and _ELISION.match(text, i + 1) is None
        )
        can_close = (
            ch != "‘"
            and i > 0
            and not before.isspace()
            and (after.isspace() or after in _AFTER_CLOSING)
        )
        if open_at is None:
            if can_open:
                open_at, possessive = i, None
            continue
        if can_close and i > open_at + 1:
            if before in "sS" and after == " " and text[i + 2 : i + 3].isalnum():
                if possessive is None:
                    possessive = i
                continue
            close(i)
            open_at = None
        elif can_open and possessive is not None:
            close(possessive)
            open_at, possessive = i, None
    if open_at is not None:
        if possessive is not None:
            close(possessive)
        elif open_at == 0:
            end = len(text.rstrip())
            spans.append(_Span(index, 0, 1, end, None, text[1:end]))
    return [s for s in spans if s.text.strip()]


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """(start, stop) of every quoted span including its marks; for masking quoted text."""
    out = []
    for s in _find_spans(0, text):
        out.append((s.mark, (s.close + 1) if s.close is not None else s.end))
    return out


def mask_quotes(text: str, spans: list[_Span] | None = None) -> str:
    """``text`` with every quoted span (marks included) blanked out by NUL characters, so
    that words inside quotations are never read as names; offsets are unchanged."""
    if spans is None:
        spans = _find_spans(0, text)
    if not spans:
        return text
    parts, pos = [], 0
    for s in spans:
        stop = (s.close + 1) if s.close is not None else s.end
        parts.append(text[pos : s.mark])
        parts.append("\x00" * (stop - s.mark))
        pos = stop
    parts.append(text[pos:])
    return "".join(parts)


def _inside(spans: list[_Span], pos: int) -> bool:
    """Whether ``pos`` is inside a quoted span, its marks included. The spans are in order
    and do not overlap: only the last one that opens at or before ``pos`` can hold it."""
    k = bisect_right(spans, pos, key=_mark_of) - 1
    if k < 0:
        return False
    s = spans[k]
    return pos <= (s.close if s.close is not None else s.end)


def _opens_at(spans: list[_Span], pos: int) -> bool:
    """Whether a quoted span opens at ``pos`` (its mark is there)."""
    k = bisect_right(spans, pos, key=_mark_of) - 1
    return k >= 0 and spans[k].mark == pos


def _mark_of(span: _Span) -> int:
    return span.mark


_WORD = re.compile(r"\S+")


def _tight_attribution(text: str, pos: int = 0, after_stop: bool = False) -> bool:
    """Text right after a quote (``text`` from ``pos``) that continues its sentence ("she
    asked", "Ms Kavanagh said"). Only its first six words are read, never the rest."""
    words = list(itertools.islice((m.group() for m in _WORD.finditer(text, pos)), 6))
    if not words:
        return False
    if words[0][0] in ",;:" or words[0][0].islower():
        return True
    for k, w in enumerate(words):
        if _FINITE_VERB_RE.fullmatch(w.strip(".,;:")):
            if not (k > 0 and all(x[0].isupper() for x in words[:k])):
                return False
            if not after_stop or w[-1:] in ".,;:" or k + 1 >= len(words):
                return True
            # after a full stop, "Ann Lee said." closes the quotation's sentence, but "Ann Lee
            # called Tom Hale a "..."" or "Ann Lee said the ..." opens the next one
            nxt = words[k + 1]
            return nxt[:1].islower() and nxt not in _NEW_CLAUSE_WORDS
    return False


# Words after "Ann Lee called" that open its object (a new sentence after a quotation that
# ended with a full stop, as a capitalised word does), not the rest of an attribution ("in a
# statement", "that ..."); "Ann Lee said." itself ends the quotation's sentence.
_NEW_CLAUSE_WORDS = _words("the a an his her their its this these those he she they it we i")


def _sentences(text: str, spans: list[_Span]) -> list[tuple[int, int]]:
    cuts = {0}
    for m in _SENTENCE_END.finditer(text):
        dot = m.start()
        if spans and (
            _inside(spans, dot) or (_inside(spans, m.end()) and not _opens_at(spans, m.end()))
        ):
            continue
        word = _word_before_dot(text, dot + 1)
        if word:
            w = word.lower()
            if w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha()):
                continue
            if "." in word and _INITIALS_ONLY.fullmatch(word):
                continue  # initials before a surname: "said its chair, P.J. Okafor"
        cuts.add(m.end())
    for s in spans:
        if s.close is None:
            continue
        inner = s.text.rstrip(" ’'")
        if (
            inner
            and inner[-1] in ".!?…"
            and not _tight_attribution(text, s.close + 1, inner[-1] == ".")
        ):
            nxt = s.close + 1
            while nxt < len(text) and text[nxt] == " ":
                nxt += 1
            cuts.add(nxt)
    ordered = sorted(c for c in cuts if c < len(text))
    # Each sentence runs from its cut to the next, the last one to the end (an empty text,
    # with no cut, has no sentence: the end is left over, hence not strict).
    return list(zip(ordered, [*ordered[1:], len(text)], strict=False))


_INITIALS_ONLY = re.compile(r"(?:[A-Z]\.)+[A-Z]")


def _word_before_dot(text: str, end: int) -> str | None:
    """What ``re.search(r"([\\w.]+)\\.$", text[:end])`` captures (the word and dots before a
    full stop at ``end - 1``), found by stepping back from ``end`` instead of searching the
    whole text before it, which made sentence splitting quadratic in a paragraph's length."""
    if end and text[end - 1] == "\n":  # ``$`` also matches before a final newline
        end -= 1
    if end < 2 or text[end - 1] != ".":
        return None
    space = text.rfind(" ", max(0, end - 40), end - 1)
    word = text[space + 1 : end - 1]
    if space >= 0 and word.replace(".", "a").replace("_", "a").isalnum():
        return word  # the usual case: a word after a space
    i = end - 1
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] in "._"):
        i -= 1
    return text[i : end - 1] if i < end - 1 else None


@dataclass(frozen=True, slots=True)
class _Layout:
    """A paragraph's quoted spans (as ``_Span`` fields: mark, start, end, close, text), its
    sentences, its text with the quotations masked, and for each sentence without a quotation
    where its first speech verb is and which (None for none, and for the others)."""

    spans: tuple[tuple[int, int, int, int | None, str], ...]
    sentences: tuple[tuple[int, int], ...]
    masked: str
    verbs: tuple[tuple[int, str] | None, ...]


@small_cache(maxsize=8192)
def paragraph_layout(text: str) -> _Layout:
    """The layout of a body paragraph, a pure function of its text. Cached like
    :func:`runs`: quotation extraction reads every paragraph and tag extraction reads the same
    paragraphs again, and wire copy repeats its stock paragraphs from story to story."""
    spans = _find_spans(0, text)
    sentences = _sentences(text, spans)
    quoted = {_sentence_at(sentences, s.mark) for s in spans}
    verbs: list[tuple[int, str] | None] = []
    for k, (a, b) in enumerate(sentences):
        # Searched in place, not in a copy of the sentence: the same match, as a sentence
        # starts after a space or a quotation mark, so ``\b`` reads the same at its start.
        m = None if k in quoted else _FINITE_VERB_RE.search(text, a, b)
        verbs.append((m.start(), m.group()) if m else None)
    return _Layout(
        tuple((s.mark, s.start, s.end, s.close, s.text) for s in spans),
        tuple(sentences),
        mask_quotes(text, spans),
        tuple(verbs),
    )


def _sentence_at(sentences: Sequence[tuple[int, int]], pos: int) -> int:
    """The index of the sentence that holds ``pos`` (the last one when none does). The
    sentences are in order and each starts where the one before ends: a binary search."""
    k = bisect_right(sentences, pos, key=_start_of) - 1
    if k >= 0 and pos < sentences[k][1]:
        return k
    return len(sentences) - 1


def _start_of(sentence: tuple[int, int]) -> int:
    return sentence[0]


def _end_of(bounds: tuple[int, int]) -> int:
    return bounds[1]
