"""Short quotations a clause hands to its subject: a phrase of four words or fewer that someone
calls a thing, or that they describe someone as, is their word (a quotation), whatever the
exclusions of ``classify`` would make of it as a name, a label or a term. Each pattern is a
predicate of the span's context (``classify.SpanContext``), with its example as docstring.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .clauses import _subject_ref
from .titles import _title_like

if TYPE_CHECKING:
    from .classify import SpanContext

SHORT = 4

_DETERMINER = r"(?:an?\s+|the\s+|his\s+|her\s+|its\s+|their\s+|our\s+|my\s+|your\s+)?"

# "what one local critic has dubbed", "what Ann Lee, a former aide, called", "what it calls":
# an active clause (never "what is called", "what has been described as", which name nobody).
_WHAT_SOMEONE_CALLS = re.compile(
    r"\b(?:what|which|that)\s+"
    r"(?!(?:is|was|are|were|be|been|being|has|have|had|’s|'s|now|today|often|once)\b)"
    r"(?P<who>[^.;:!?\"“”]{1,90}?)\s+"
    r"(?:(?:has|have|had|once|often|later|previously|would|now|then|also|even)\s+)*"
    r"(?:calls?|called|dubs?|dubbed|terms?|termed|labels?|label(?:l)?ed|brands?|branded|"
    r"(?:describes?|described|refers?\s+to|referred\s+to)\s+as)\s+" + _DETERMINER + r"$"
)

# "call him a", "calls it her", "called Dunne": the verb and its object, right before the
# quotation (a thing "called "X"" with nothing between is its name: see classify._NAMING).
_CALLS_OBJECT = re.compile(
    r"(?<![\w-])(?:calls?|called|calling)\s+"
    r"(?:it|him|her|them|this|that|these|those|us|me|you|"
    r"(?:[A-Z][\w’'.-]*\s+){0,2}[A-Z][\w’'-]*)\s+" + _DETERMINER + r"$"
)

# "portrayed the plan as a", "cast himself as the", "dismissed the claim as": a verb of
# characterising with its object, then "as" (never "such as", "as well as").
_CHARACTERISED_AS = re.compile(
    r"\b(?:portray(?:s|ed|ing)?|depict(?:s|ed|ing)?|paint(?:s|ed|ing)?|cast(?:s|ing)?|"
    r"fram(?:e|es|ed|ing)|position(?:s|ed|ing)?|postur(?:e|es|ed|ing)|"
    r"present(?:s|ed|ing)?|pitch(?:es|ed|ing)?|introduc(?:e|es|ed|ing)|"
    r"view(?:s|ed|ing)?|regard(?:s|ed|ing)?|"
    r"dismiss(?:es|ed|ing)?|reject(?:s|ed|ing)?|describ(?:e|es|ed|ing)|"
    r"characteri[sz](?:e|es|ed|ing)|refer(?:s|red|ring)?\s+to|tout(?:s|ed|ing)?|"
    r"hail(?:s|ed|ing)?|mock(?:s|ed|ing)?|derid(?:e|es|ed|ing)|denounc(?:e|es|ed|ing)|"
    r"critici[sz](?:e|es|ed|ing)|slam(?:s|med|ming)?|blast(?:s|ed|ing)?|"
    r"address(?:es|ed|ing)?|identif(?:y|ies|ied|ying)|rebuk(?:e|es|ed|ing)|"
    r"condemn(?:s|ed|ing)?|defend(?:s|ed|ing)?|prais(?:e|es|ed|ing))\b"
    r"[^.;:!?\"“”]{0,60}?(?<!such)(?<!well)(?<!soon)(?<!long)(?<!much)(?<!same)"
    r"\s+as\s+" + _DETERMINER + r"$"
)

# "the crowd chanted back at him,", "shouting", "to chants of", "a chorus of": a verb or noun
# of uttering aloud, right before the quotation.
_UTTERED = re.compile(
    r"(?:\b(?:chant(?:s|ed|ing)?|shout(?:s|ed|ing)?|yell(?:s|ed|ing)?|scream(?:s|ed|ing)?|"
    r"echo(?:es|ed|ing)?|cr(?:y|ies|ied|ying))(?:\s+(?:back|out|again))?(?:\s+at\s+\w+)?"
    r"|\b(?:chants?|shouts?|cries|calls|chorus|cheers?|roars?)\s+of)\s*[,:]?\s*$",
    re.I,
)


def _one_speaker(clause: str) -> bool:
    """The clause names one speaker: a name, or he, she or it (never a group that calls a
    thing so by habit: "locals call it", "what engineers call", "her team-mates call her")."""
    ref = _subject_ref(clause)
    if ref is None:
        return False
    return ref.kind == "name" or (ref.kind == "pronoun" and ref.gender is not None)


def what_someone_calls(ctx: SpanContext) -> bool:
    """In what Ann Lee, a former aide, called "hand-to-hand combat"; what it calls
    "psychographic" profiles; charges that Tom Hale, for one, called "lazy lingo": what one
    speaker calls a thing is their word (but what locals
    call "the bunker", or what the Treasury has branded the "Road Renewal Levy", is a name)."""
    if ctx.n > SHORT or ("at " not in ctx.pre and "ich " not in ctx.pre) or _title_like(ctx.words):
        return False
    m = _WHAT_SOMEONE_CALLS.search(ctx.pre[-160:])
    return m is not None and _one_speaker(m.group("who"))


def calls_someone_so(ctx: SpanContext) -> bool:
    """Within minutes, he called Dunne "Little Tom"; Ann Lee calls it her "responsibility
    gene": what one speaker calls someone or something, named right after the verb, is
    their word (not a name: a show called "Brokers"; her team-mates call her "the Closer")."""
    if ctx.n > SHORT or "call" not in ctx.pre:
        return False
    window = ctx.pre[-80:]
    m = _CALLS_OBJECT.search(window)
    return m is not None and _one_speaker(ctx.pre[: len(ctx.pre) - len(window) + m.start()])


def characterised_as(ctx: SpanContext) -> bool:
    """For years, Tellbird has positioned itself as a "global town square"; Trump, who has
    postured himself as the "law and order" man: how one speaker characterises someone or
    something is their word, unless the phrase is a title or a name ("Operation Dawn")."""
    if ctx.n > SHORT or " as " not in ctx.pre[-24:] + " " or _title_like(ctx.words):
        return False
    window = ctx.pre[-120:]
    m = _CHARACTERISED_AS.search(window)
    return m is not None and _one_speaker(ctx.pre[: len(ctx.pre) - len(window) + m.start()])


def uttered(ctx: SpanContext) -> bool:
    """The crowd chanted back at him, "Send Them Home"; to near-constant calls of "Feel the
    Heat": words chanted, shouted or cried aloud are speech, whatever their capitals (but
    see ``Classifier._glossed``: chanted "Hatari!" (Danger!) cites a word)."""
    tail = ctx.pre[-40:]
    return any(c in tail for c in "hHyYcCrR") and bool(_UTTERED.search(tail))


_LEADING_JOIN = re.compile(r"^(?:when|as|while|and|but|then|with|after|before|until)\s+", re.I)


def uttering_group(pre: str) -> str | None:
    """As Dunne attacked Hale, the attendees chanted, "...": a chant's speaker is the group
    that chants it ("the attendees"), never the person named earlier in the sentence; None
    when the clause before the verb of uttering names one speaker, or no group."""
    tail = pre[-40:]
    if not any(c in tail for c in "hHyYcCrR"):
        return None
    m = _UTTERED.search(tail)
    if m is None:
        return None
    clause = pre[: len(pre) - len(tail) + m.start()]
    segment = _LEADING_JOIN.sub("", re.split(r"[,;:—–(]", clause)[-1].strip())
    ref = _subject_ref(segment) if segment else None
    if ref is None or ref.kind not in ("thenoun", "anon"):
        return None
    return f"the {ref.value}" if ref.kind == "thenoun" else ref.value


ATTRIBUTED_SHORT: tuple = (what_someone_calls, calls_someone_so, characterised_as, uttered)


def attributed_short_quote(ctx: SpanContext) -> str | None:
    """The name of the first pattern that makes a short span its clause subject's words."""
    for predicate in ATTRIBUTED_SHORT:
        if predicate(ctx):
            return predicate.__name__
    return None
