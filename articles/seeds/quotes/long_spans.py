"""Longer quoted spans (five words or more) that classification reads apart from speech: a
headline cited with its byline, a translation of a foreign phrase; and the cues that make a
five-word phrase in lower case someone's words (``his call for "..."``, ``used the words,
"..."``). Each predicate reads a span's context (``classify.SpanContext``), as in ``classify``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .classify import SpanContext

# A byline right after the quoted text: by Times' Ann Lee, by the Daily Record's Tom Hale.
_BYLINE_AFTER = re.compile(r"\s*by\s+(?:the\s+)?[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,4}[’']s?\b")

# Where a headline starts: the paragraph, or a roundup's label and its dash or colon.
_HEADLINE_START = re.compile(r"(?:^|[—–:(]|\s-)\s*$")


# A source and a date closing a bracket: ("...," Daily Courier, Thursday).
_SOURCE_AND_DATE_AFTER = re.compile(r"\s*[A-Z][^,()\"“”]{1,40},[^()\"“”]{1,30}\)")


def is_headline_with_byline(ctx: SpanContext) -> bool:
    """WEEKEND READ—"Town hall to close its doors after a century," by the Courier's Ann
    Lee; a letter citing ("Mayor backs the new bypass," Courier, Monday): a headline cited
    with its byline (the outlet's and writer's names after "by"), or in brackets with its
    outlet and date, is the title of an article, not anyone's words."""
    if not ctx.closed or not " ".join(ctx.words).endswith(","):
        return False
    if ctx.pre.endswith("("):
        return bool(_SOURCE_AND_DATE_AFTER.match(ctx.post))
    return (
        "by" in ctx.post[:6]
        and bool(_HEADLINE_START.search(ctx.pre))
        and bool(_BYLINE_AFTER.match(ctx.post))
    )


# A year in brackets right after the quoted text: "Night Tales" (2004), "..." (poster, 2009).
_DATED_AFTER = re.compile(r"\s*\((?:[^()]{0,40}\s)?(?:1[89]|20)\d\d\)")


def is_dated_citation(ctx: SpanContext) -> bool:
    """Her albums "Blue Hours at the Harbour" (1998) and "Late Light" (2003); the party's
    poster "Safe streets, safe homes, vote for us" (2011): a title or slogan cited with its
    year in brackets, not speech."""
    return ctx.closed and "(" in ctx.post[:3] and bool(_DATED_AFTER.match(ctx.post))


# "Latin for", "Spanish for": what follows is a translation, the writer's gloss.
_LANGUAGE_FOR = re.compile(
    r"\b(?:Latin|Greek|Hebrew|Arabic|French|German|Italian|Dutch|Russian|Persian|Hindi|Urdu|"
    r"Swahili|Yiddish|Gaelic|Welsh|Irish|Portuguese|Japanese|Chinese|Mandarin|Cantonese|"
    r"Korean|Turkish|Spanish|Polish|Swedish|Norwegian|Danish|Finnish)\s+for\s*$"
)


def is_translation(ctx: SpanContext) -> bool:
    """He signed off with "Carpe diem," Latin for "seize the day.": the writer's translation
    of a foreign phrase, not speech."""
    return "for" in ctx.tail and bool(_LANGUAGE_FOR.search(ctx.tail))


# A demand named by its noun: his call for "...", her calls to "...".
_CALL_FOR = re.compile(r"\bcall(?:s|ed|ing)?\s+(?:for|to)\s*$", re.I)


def is_call_for(ctx: SpanContext) -> bool:
    """After his call for "a complete and total freeze": what someone called for is their
    demand in their words, not a name given to something (``known as``, ``called``)."""
    return "call" in ctx.tail and bool(_CALL_FOR.search(ctx.tail))


_THE_WORDS = re.compile(r"\b(?:the|these|those|his|her|their|its|same)\s+words\s*[,:]\s*$", re.I)


def is_words_quoted(ctx: SpanContext) -> bool:
    """When Ann Lee used the words, "I am not there yet," she ...: a clause quoted after
    "the words" and a comma is what was said, not a term mentioned (the word "trust")."""
    return ctx.n >= 4 and ctx.terminal and "words" in ctx.tail and bool(_THE_WORDS.search(ctx.tail))


# Verbs that report a finding or a forecast: a five-word phrase in lower case in such a
# sentence is the source's wording ("the agency reported that prices had "...""), as after
# a speech verb.
_REPORTING = re.compile(
    r"\b(?:report(?:s|ed)|predict(?:s|ed)|(?:found|finds|concluded|concludes)(?:\s+[\w,]+){0,3}?"
    r"\s+that)\b"
)


_REPORTING_CUES = ("report", "predict", "found", "finds", "conclude")


def reports_finding(sentence: str) -> bool:
    """The review reported that staff had "raised concerns at every meeting"; the panel found
    that the ward was "the worst in the region": a sentence whose verb reports what a source
    found or forecast."""
    return any(cue in sentence for cue in _REPORTING_CUES) and bool(_REPORTING.search(sentence))


def is_markup(ctx: SpanContext) -> bool:
    """<embed author="@annlee">Vote early<embed/>: a span opened by the mark that closes a
    markup attribute (the text starts with ">") is markup and its content, not speech."""
    return bool(ctx.words) and ctx.words[0][:1] == ">"


def _double_marked(text: str) -> bool:
    return '"' in text or "“" in text or "”" in text


def single_marks_set_apart(paragraphs: list[tuple[str, bool]]) -> bool:
    """An article that quotes in double marks (three paragraphs or more, at least twice as
    many as those quoting in single marks alone) sets single marks apart for headlines and
    subheadings (a paragraph that is only 'A fight to the finish.'). ``paragraphs`` holds
    each paragraph's text and whether it has quoted spans."""
    double = single = 0
    for text, has_spans in paragraphs:
        if not has_spans:
            continue
        if _double_marked(text):
            double += 1
        else:
            single += 1
    return single > 0 and double >= 3 and double >= 2 * single


def single_marked_heading(text: str) -> bool:
    """A paragraph that is one phrase in single marks and nothing else: 'Totally fair.'"""
    inner = text.strip()
    return (
        len(inner) > 2
        and inner[0] in "'‘"
        and inner[-1] in "'’"
        and not _double_marked(inner)
        and all(mark not in inner[1:-1] for mark in ("' ", "’ ", " '", " ‘"))
    )
