"""Which named entity a gendered pronoun can stand for: the cues that a name is a person's
(referred to by surname alone or with a title) and that a name is not the subject of its
sentence (inside the prepositional phrase the sentence opens with).
"""

from __future__ import annotations

import re

from .. import names as N
from ..names import _words
from ..runs import Run
from .lexicon import _AUXILIARIES
from .subjects import _verb_follows

# Prepositions that open a phrase of place or circumstance, never a clause with a subject of
# its own (unlike "after", "before", "since", "as", which may open one: "After Lee left, he"),
# nor a point of view ("For Ann Lee, the plan is ...", "To Lee, ...": hers).
_PHRASE_PREPOSITIONS = _words(
    "in on at from with by during under over about near inside outside across through "
    "into against among between without despite amid beyond behind"
) | {"when it comes to"}

# The word a sentence opens with, after a conjunction ("But"); "when it comes to" is a
# preposition ("But when it comes to Kelso, ..., he said": not Kelso).
_OPENING_WORD = re.compile(
    r"[\s“\"‘']*(?:(?:But|And|Yet|So)\s+)?(when it comes to|[A-Za-z]+)\s", re.I
)

_APPOSITION = re.compile(r",\s+(?:[a-z]|\d+,)")  # "Ray Cole, a consultant,", "Ray Cole, 34,"

_TITLE_WORDS = frozenset(t.lower().rstrip(".") for t in N.TITLES)


def in_prepositional_opening(text: str, start: int, end: int, run: Run) -> bool:
    """``Outside Kelso's plant in Dunmore, a welder named Ian Pike has ...``: a name inside
    the prepositional phrase a sentence opens with (up to its first comma) is not the
    sentence's subject, whatever follows the comma."""
    m = _OPENING_WORD.match(text, start, end)
    if m is None or m.start(1) > run.start or m.group(1).lower() not in _PHRASE_PREPOSITIONS:
        return False
    comma = text.find(",", start, end)
    if comma < run.end or not text[comma + 1 : end].strip():
        return False
    # "Among those waiting is Ann Lee, 71, ...": a verb before the comma makes her the subject
    return not any(w in _AUXILIARIES for w in text[m.end(1) : comma].split())


def surname_alone(run: Run, words: list[str]) -> bool:
    """A mention of a full name by its last word alone (after any title): ``Mr. Pike`` or
    ``Pike`` for Ian Pike. Articles refer to people that way, not to schools or laws."""
    toks = [t.lower() for t in run.tokens]
    while toks and toks[0].rstrip(".") in _TITLE_WORDS:
        toks = toks[1:]
    return len(words) > 1 and len(toks) == 1 and toks[0] == words[-1]


def person_cues(blocks) -> tuple[set[int], set[int], set[int]]:
    """Ids of the entities some mention shows to be a person's: by surname alone (``Pike``
    for Ian Pike), or with a title (``Mr. Pike``); of those some sentence opens with as its
    subject; and of those every mention has "the" before (``the Fed``, ``the Guardian``: no
    one's name). One pass over the mentions."""
    out: set[int] = set()
    subjects: set[int] = set()
    articled: set[int] = set()
    bare: set[int] = set()
    for info in blocks:
        for m in info.mentions:
            run = m.run
            after = info.text[run.end : run.end + 80] if run is not None else ""
            if m.subject and (_verb_follows(after) or _APPOSITION.match(after)):
                subjects.add(id(m.entity))  # "Lu Kang repeated", not "the same Dirty Dancing,"
            the = info.text[max(0, m.pos - 4) : m.pos].lower() == "the " or (
                run is not None and run.tokens[0].lower() == "the"
            )
            (articled if the else bare).add(id(m.entity))
            if run is None or len(m.entity.words) < 2:
                continue
            titled = run.tokens[0].lower().rstrip(".") in _TITLE_WORDS
            if titled or surname_alone(run, m.entity.words):
                out.add(id(m.entity))
    return out, subjects, articled - bare


# "He" or "she" opening a main clause: at a sentence's start, after a comma or after "but"
# (not "said she should ...", where she is someone the subject talks about).
_SUBJECT_PRONOUN = re.compile(r"(?:^|[,;]\s*|\b(?:[Bb]ut|[Aa]nd|[Yy]et)\s+)([Hh]e|[Ss]he)\b")


def pronoun_gender(text: str, ranges: list[tuple[int, int]]) -> str | None:
    """The gender of the first "he" or "she" opening a clause in the ranges of ``text``."""
    for lo, hi in ranges:
        m = _SUBJECT_PRONOUN.search(text[lo:hi].strip())
        if m is not None:
            return "m" if m.group(1).lower() == "he" else "f"
    return None


_KIN_GENDER = {
    "wife": "f", "widow": "f", "daughter": "f", "mother": "f", "sister": "f", "fiancée": "f",
    "husband": "m", "widower": "m", "son": "m", "father": "m", "brother": "m", "fiancé": "m",
}  # fmt: skip

# "his wife, Jane,", "Trump's daughter, Ivana,": a relative named by a given name alone.
_KIN_APPOSITIVE = re.compile(
    r"(?:\b[Hh](?:is|er)|[A-Z][\w’'.-]+(?:’s|'s))\s+(?:(?:first|second|former|late|eldest|"
    r"youngest|older|younger)\s+)?(" + "|".join(_KIN_GENDER) + r"),\s+([A-Z][a-z]+),"
)


_AGE = re.compile(r"\s*\d+,")


def kin_names(text: str) -> list[tuple[int, str, str, str, bool]]:
    """(position, given name, gender, kin word, whether a verb follows) of each relative the
    text names by a given name alone after a kin word and a comma: ``his wife, Jane, said``,
    ``Her father, Brad, 39, worried``."""
    if not any(k + "," in text for k in _KIN_GENDER):
        return []
    out = []
    for m in _KIN_APPOSITIVE.finditer(text):
        age = _AGE.match(text, m.end())
        after = text[age.end() if age else m.end() :][:80]
        out.append(
            (m.start(2), m.group(2), _KIN_GENDER[m.group(1)], m.group(1), _verb_follows(after))
        )
    return out
