"""Reporting verbs, and the lines and dashes roundups use to name a speaker: ``Kilbeg manager
Tom Ryan`` under a run of quotations, ``Jane Roe, The Daily Record:`` before one, ``‘...’ – Wales
coach Warren Gatland on ...`` after one. Pure functions of a short text, cached.
"""

from __future__ import annotations

import re

from ..names import _words
from ..runs import analyse, runs, small_cache, word_regex
from .lexicon import _CONJUNCTIONS, _MORE_REPORTING_VERBS, _PREPOSITIONS
from .references import _Ref
from .spans import _PARTICIPLES, _VERBS

# The speech verbs of detection and the further reporting verbs attribution reads.
_VERB_RE = re.compile(
    r"\b(?:" + word_regex([*_VERBS, *_MORE_REPORTING_VERBS, *_PARTICIPLES, "put it"]) + r")\b"
)
_FINITE_VERB_RE = re.compile(
    r"\b(?:" + word_regex([*_VERBS, *_MORE_REPORTING_VERBS, "put it", "puts it"]) + r")\b"
)


_NOT_LABEL = _CONJUNCTIONS | _words("who whose which that whom what when where")

_LABEL_TOPIC = re.compile(r",?\s+on\s+(?:that|the|this|his|her|their)\b[^,]*$")  # ", on that call"

_LABEL_MARKS = re.compile(r"[\"“”‘’«»]|'\s|\s'|^'|'$")


@small_cache(maxsize=4096)  # a pure function of a short line
def _label_name(text: str) -> str | None:
    """A line that only names a speaker, as roundups set them under or before quotations:
    ``Great Britain coach, Brian Noble``, ``Kilbeg manager Tom Ryan``, ``Sir Alex Ferguson``.
    The person's name ends the line (or, before a comma, starts it: ``Jane Roe, The Daily
    Record``); what comes before it is a short role with no verb. None for anything else."""
    line = _LABEL_TOPIC.sub("", text.strip().rstrip(":").strip())
    words = line.split()
    if not words or len(words) > 9 or len(line) > 90 or _LABEL_MARKS.search(line):
        return None
    if line.endswith((".", "?", "!", ";")) or _FINITE_VERB_RE.search(line) or line.isupper():
        return None
    found = runs(line)
    if not found:
        return None
    first = found[0]
    if first.start == 0 and line[first.end : first.end + 1] == ",":
        info = analyse(first.tokens)
        rest = [w for w in line[first.end + 1 :].replace(",", " ").split() if not w[:1].isupper()]
        if _label_person(info) and len(rest) <= 3 and not any(w in _NOT_LABEL for w in rest):
            return info.name  # Jane Roe, The Daily Record / Jane Roe, club secretary
    last = found[-1]
    if last.end == len(line) and not last.possessive:
        info = analyse(last.tokens)
        head = [w for w in line[: last.start].replace(",", " ").split() if not w[:1].isupper()]
        if (
            _label_person(info)
            and len(head) <= 2
            and not any(w.lower() in _PREPOSITIONS or w.lower() in _NOT_LABEL for w in head)
        ):
            return info.name
    return None


def _label_person(info) -> bool:
    return info is not None and info.kind == "person" and len(info.name.split()) >= 2


_DASH_LEAD = re.compile(r"\s*[–—―]\s+")  # the horizontal bar too: "...” ― Ann Lee"


@small_cache(maxsize=4096)  # a pure function of the text after a quotation
def _dash_ref(post: str) -> _Ref | None:
    """``‘...’ – Wales coach Warren Gatland on his team's escape``: roundups name the speaker
    after a dash that follows the quotation; the first person named within a few words."""
    m = _DASH_LEAD.match(post)
    if m is None:
        return None
    text = post[m.end() :]
    for k, r in enumerate(runs(text)[:3]):
        if r.start > 40:
            break
        info = analyse(r.tokens)
        if info is None:
            continue
        if info.kind == "person" and len(info.name.split()) >= 2:
            return _Ref("name", info.name)
        if k == 0 and r.start == 0 and info.kind == "single" and not r.possessive:
            rest = text[r.end :].split()
            if rest and rest[0].islower() and rest[0].endswith(("ed", "s")):
                return _Ref("name", info.name)  # "– Gatland rated France's performance"
    return None
