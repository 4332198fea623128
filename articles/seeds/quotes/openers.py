"""Who introduces a quotation with no speech verb before it: the subject of the clause a colon
ends (``Club official Ann Lee hit back: "..."``), of a participle (``X gave another account,
saying ...``), of a clause of manner (``As Ann Lee wrote, "..."``) or of a second verb (``Ann
Lee won and called it "..."``); and the asides (party labels, ages) no clause names a speaker by.
Pure functions of a short clause.
"""

from __future__ import annotations

import re

from ..runs import analyse, dateline_end, place_canonical, runs, strip_common
from .labels import _label_name
from .lexicon import (
    _ADVERBS,
    _LINKS,
    _PREPOSITIONS,
    _RUN_LEAD_MODIFIERS,
    _after_intro,
    _verb_like,
)
from .references import _Ref
from .sources import owned_group_opening

_ASIDES = re.compile(
    r",\s*[DRI]-[A-Z][\w.]*(?:\s[A-Z][\w.]*)?(?=,|\s|$)"  # ", D-Colo.," party and state
    r"|\s*\((?:[DRI]-[^()]{1,16}|Lab|Con|LD|Lib Dem|SNP|DUP|Ind|SF|PC|Green)\)"  # "(R-Texas)"
    r"|\s*\([DRI]\)"  # "Gov. Phil Bryant (R) said": a party letter alone
    r"|\s*\([A-Z][A-Za-z&.-]{1,9}\)"  # "(NDRF)": an acronym given after a name
    r"|(?<=[^\W\d_]),\s*\d{1,3}(?=,)"  # ", 62,": an age
)


def _clean_clause(text: str) -> str:
    """A clause without the asides that are never speakers: party labels, acronyms, ages."""
    if "," not in text and "(" not in text:
        return text
    return _ASIDES.sub("", text)


_NAME_THEN_PARTICIPLE = re.compile(
    r"((?:[A-Z][\w’'.-]*\s){1,4})(?:[a-z]{2,}ly\s)?[a-z]+ing(?:\s+back)?$"
)  # "with Tom Hale (reportedly) replying:"


def _named_participle(pre: str) -> _Ref | None:
    """``..., which ended with Tom Hale replying: "..."``: the one replying, whatever verb
    came earlier in the sentence."""
    clause = pre.rstrip()
    ending = _NAME_THEN_PARTICIPLE.search(clause, 0, len(clause) - 1)
    if not clause.endswith(":") or ending is None:
        return None
    words = ending.group(1).split()
    while words and words[0].lower() in _PREPOSITIONS:
        words.pop(0)
    info = analyse(words) if words else None
    if info is not None and info.kind in ("person", "single"):
        return _Ref("name", " ".join(words))
    return None


def _colon_subject(pre: str) -> _Ref | None:
    """``Club official Ann Lee hit back on Monday: "..."``: with no speech verb, the person
    who is the subject of the clause the colon ends introduces the quotation."""
    clause = pre.rstrip()
    if not clause.endswith(":"):
        return None
    clause = _clean_clause(clause[:-1] + " ").rstrip()  # "Rep. Ann Lee (R-S.C.):"
    label = _label_name(clause)
    here = _HERE_IS.match(clause)
    if label is None and here is not None:
        label = _dash_label(here.group(1))  # "Here's Ann Lee in December 1992:"
    if label is None and (dash := _DASH_LABEL.search(clause)) is not None:
        label = _dash_label(dash.group(1).strip())  # "Polls did predict it - Jane Roe:"
    if label is not None:  # a roundup: ``Sir Jim Reid: "..."``, ``Jane Roe, The Record: "..."``
        return _Ref("name", label)
    alone = clause.strip()
    if alone and " " not in alone and _dash_label(alone) is not None:
        return _Ref("anon", alone)  # "Lee: "..."": the Lee the article named, if any
    for r in runs(clause):
        rest = clause[r.end :].split()
        if r.possessive or not rest or not rest[0].islower() or rest[0] in _PREPOSITIONS:
            continue
        if r.tokens[0].lower() in _RUN_LEAD_MODIFIERS and not _verb_like(rest[0]):
            continue  # "Former Kilbeg presidential candidate Ann Lee broke down ...:"
        info = analyse(r.tokens)
        if info is not None and info.kind == "person" and len(info.name.split()) >= 2:
            return _Ref("name", info.name)
        if (
            not clause[: r.start].strip()
            and info is not None
            and info.kind in ("single", "organisation")
            and (rest[0].endswith("ed") or _verb_like(rest[0]))
            and len(rest) <= 5
        ):  # "Kasich resisted:", "Rubio fired back forcefully:", "Kilbeg Post reveals facts:"
            return _Ref("name", info.name)
    last = runs(clause)[-1:]
    if last and last[0].end == len(clause) and not last[0].possessive:
        info = analyse(last[0].tokens)  # "The result does not surprise pollster Ann Lee:"
        if info is not None and info.kind == "person" and len(info.name.split()) >= 2:
            return _Ref("name", info.name)
    return None


_HERE_IS = re.compile(r"Here(?:[’']s| is)\s+([A-Z][\w.’'-]*(?:\s[A-Z][\w.’'-]*){0,3})\b")

_ASKED_BY = re.compile(
    r"\b(?:was|were|is|being|been)\s+(?:then\s+|later\s+|also\s+)?"
    r"(?:asked|pressed|questioned)\s+by\s+(?:[a-z][\w-]*\s+){0,3}(?=[A-Z])"
)

_ROLE_GAP = re.compile(r"\s+(?:[a-z][\w-]*\s+){1,3}")


def _asked_by(pre: str) -> _Ref | None:
    """``Lee was asked by host Tom Hale whether ... "..."``: the question is the asker's
    (``by Kilbeg TV moderator Tom Hale``: the person after the station and the office)."""
    m = _ASKED_BY.search(pre) if " by " in pre else None
    if m is None:
        return None
    text = pre[m.end() : m.end() + 100]
    found = runs(text)[:3]
    for k, run in enumerate(found):
        if k + 1 < len(found) and _ROLE_GAP.fullmatch(text[run.end : found[k + 1].start]):
            continue
        info = analyse(run.tokens)
        if info is not None and info.kind in ("person", "single"):
            return _Ref("name", info.name)
        return None
    return None


_INVERTED_SAID = re.compile(r"(?:Said|Says|Added|Wrote)\s+(?=[A-Z])")


def _inverted_said(pre: str) -> _Ref | None:
    """``Said Ann Lee, who grew up nearby, "..."``: the verb first, then the speaker."""
    m = _INVERTED_SAID.match(pre.lstrip())
    if m is None:
        return None
    found = runs(pre.lstrip()[m.end() :])
    if not found or found[0].start != 0:
        return None
    info = analyse(found[0].tokens)
    if info is None or info.kind not in ("person", "single"):
        return None
    return _Ref("name", info.name)


# "... caucus - Jane Roe:" a roundup's line that names the speaker after a dash
_DASH_LABEL = re.compile(r"\s[-–—]+\s*([^-–—:]{2,60})$")


def _dash_label(text: str) -> str | None:
    """``Jane Roe``, ``Kilbeg Research``: after a dash and before the colon, a name alone (of
    a person or an organisation) is who the quotation is from."""
    found = runs(text)
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(text):
        return None
    info = analyse(found[0].tokens)
    if info is None or info.kind not in ("person", "organisation", "single"):
        return None
    return info.name


_FIRST_VERB = re.compile(
    r"[a-z]+(?:ed|[^s]s)|won|went|took|led|ran|made|set|came|got|beat|lost|saw|held|gave|left|"
    r"became|began|broke|wrote|spoke|sent|met|put|cut|hit|fell|rose|told|said|was|is|"
    r"shook|stood|sat|kept|felt|found|thought|brought|chose|drew|fought|grew|knew|paid|"
    r"spent|struck|threw|wore|sought|stuck|swore|shot"
)


_LEAD_POSSESSIVE = re.compile(r"^[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?[’']s\s+")


def _coordinated_subject(clause: str) -> _Ref | None:
    """``Kenya's Ann Oduya won the race for a third time and called it "..."``: the name
    that opens the sentence, followed by its first verb, is the subject of the second."""
    if "," in clause:  # "Asked whether X would run, Ann Lee shook her head and said"
        clause = _after_intro(clause)
    if any(mark in clause for mark in ",;:—–"):
        return None
    lead = _LEAD_POSSESSIVE.match(clause)
    start = lead.end() if lead and place_canonical(lead.group()[:-3].strip()) else 0
    found = runs(clause[start:])
    if not found or found[0].start != 0 or found[0].possessive:
        return None
    rest = clause[start + found[0].end :].split()
    if not rest or not _FIRST_VERB.fullmatch(rest[0]):
        return None
    info = analyse(found[0].tokens)
    if info is None or info.kind not in ("person", "single"):
        return None
    return _Ref("name", found[0].text)


_PARTICIPLE_AFTER_CLAUSE = re.compile(
    r",\s*(?:saying|adding|warning|noting|holding|telling|cautioning|arguing|insisting|"
    r"claiming|calling|writing|declaring|explaining|stressing|vowing|promising|urging|"
    r"asking|suggesting|accusing|describing|dismissing|responding|demanding)\b"
)


_LEADING_JOINS = re.compile(r"^(?:(?:and|but|then|so|yet|also)\s+)+", re.I)


def _participle_subject(pre: str) -> _Ref | None:
    """``The Foreign Ministry gave another account, saying ... "..."``: the name the
    sentence opens with is the subject of the participle."""
    m = _PARTICIPLE_AFTER_CLAUSE.search(pre)
    if m is None:
        return None
    # "Hours later, Lee ...", "Kilbeg (AFP) – Lee ...": after the dateline and the intro
    clause = _after_intro(_clean_clause(pre[dateline_end(pre) : m.start()]).strip())
    clause = _LEADING_JOINS.sub("", clause)  # "And then Lee went on the attack, saying"
    owned = owned_group_opening(clause)
    if owned is not None:  # "Ann Lee's office slammed the suit, calling it "...""
        return owned
    found = [r for r in runs(clause) if strip_common(r.tokens)]
    for k, run in enumerate(found[:3]):
        lead = clause[: run.start].split()
        if run.possessive or "," in clause[: run.start]:
            return None
        if k == 0 and (len(lead) > 1 or (lead and lead[0].lower() not in ("the", "a", "an"))):
            return None
        if k > 0 and (len(lead) > 4 or any(_verb_like(w) for w in lead if w.islower())):
            return None
        rest = clause[run.end :].split()
        while len(rest) > 1 and rest[0] in _ADVERBS:
            rest = rest[1:]  # "Ann Lee also sent out a call, asking ..."
        if not rest or not rest[0].islower() or rest[0] in _PREPOSITIONS or rest[0] in _LINKS:
            return None
        if (
            k + 1 < len(found)
            and not _verb_like(rest[0])
            and not rest[0].endswith("ly")
            and len(clause[run.end : found[k + 1].start].split()) <= 2
        ):
            continue  # "Band member Ann Lee shared ...": the name after the role words
        return _Ref("name", run.text)
    return None


_AS_WHOLE = re.compile(r"\s*(?:As|Like)\s+([^,]{3,120}),\s*$")


def _as_clause_subject(pre: str) -> _Ref | None:
    """``As the columnist Ann Lee had written, "..."``: a clause of manner that opens the
    sentence and names who put it so, with a verb no list holds."""
    m = _AS_WHOLE.match(pre)
    if m is None:
        return None
    inner = m.group(1)
    for run in runs(inner)[:3]:
        lead = inner[: run.start].split()
        if run.possessive or len(lead) > 3 or any(_verb_like(w) for w in lead if w.islower()):
            continue
        rest = inner[run.end :].split()
        if rest and rest[0].islower() and _verb_like(rest[0]):
            return _Ref("name", run.text)
    return None
