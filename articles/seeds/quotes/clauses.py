"""Attribution clauses: who a clause before or after a quotation names as its speaker, as a
reference (a name, a pronoun, "the ministry", "the judge", an unnamed resident...).
Pure functions of a short clause, cached: clauses recur within and across articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .. import names as N
from ..names import _words
from ..runs import (
    Run,
    analyse,
    comma_org_names,
    place_canonical,
    runs,
    small_cache,
    strip_common,
    word_regex,
)
from .lexicon import (
    _ACCORDING,
    _ADVERBS,
    _CONJUNCTIONS,
    _DESCRIBING_AS,
    _EARLY_POSSESSIVE,
    _LINKS,
    _NOT_NOUNS,
    _PREPOSITIONS,
    _ROLE_DETERMINERS,
    _SUBJECT_PRONOUNS,
    _WHAT_CALLED,
)
from .spans import _ABBREV_DOT, _ABBREVIATIONS, _FINITE_VERB_RE, _PARTICIPLES, _VERB_RE


# Frozen because shared: the readers of attribution clauses (_subject_ref, _object_ref,
# _pre_ref, _post_ref, _name_segment) are cached, being pure functions of a short clause, and
# clauses ("he said", "said the spokesman") recur within an article and from one to the next.
@dataclass(frozen=True, slots=True)
class _Ref:
    kind: str  # name, pronoun, orgnoun, rolenoun, thenoun, given, anon, inherit
    value: str = ""
    role: str | None = None
    gender: str | None = None
    at: int | None = None  # where a pronoun subject stands, when before the quote


def _split_segments(text: str) -> list[str]:
    return [seg.strip() for seg in re.split(r",\s|\s[—–]\s|\(|\)", text)]


@small_cache(maxsize=4096)  # a pure function of a clause, which recurs: see _Ref
def _name_segment(seg: str) -> tuple[str, str | None] | None:
    """(name, role words before it) when a segment ends in a name run."""
    seg = seg.strip().rstrip(".,;:")
    if not seg:
        return None
    words = seg.split()
    while words and words[-1].lower() in _ADVERBS:
        words.pop()
    seg = " ".join(words)
    found = [r for r in runs(seg) if strip_common(r.tokens)]
    if not found:
        return None
    affiliated = _affiliated_name(seg, found)
    if affiliated is not None:
        return affiliated
    last = found[-1]
    if last.end < len(seg) or last.possessive:
        return None
    first_word = words[0].lower()
    if first_word in _ROLE_DETERMINERS or first_word in _PREPOSITIONS:
        between = seg[len(words[0]) : last.start].lower().split()
        if any(w in _LINKS for w in between):
            return None
    if found[0].possessive and len(found) > 1 and found[0].start == 0:
        between = seg[found[0].end : last.start].split()
        if not between or any(w[:1].isupper() for w in between):
            return None
    role = seg[: last.start].strip()
    for lead in ("including", "and", "but", "with", "by", "from"):
        if role.lower().startswith(lead + " "):
            role = role[len(lead) + 1 :]
    first = role.split()[0].lower() if role else ""
    if first in _PREPOSITIONS or first.endswith(("ed", "ing")) or first in ("by", "of"):
        role = ""  # "written by Lady Justice X": not a description of X
    return last.text, role or None


_AFFILIATION = re.compile(r"\s+(?:of|from|at|in|with)\s+(?:the\s+)?(?=[^\W\d_])")


def _affiliated_name(seg: str, found: list[Run]) -> tuple[str, str | None] | None:
    """``Dr Ingrid Halvorsen of the University of Tromsø``: a person's name that the segment
    starts with (after role words), followed by the place or body they belong to."""
    for k, run in enumerate(found):
        if run.possessive:
            return None
        info = analyse(run.tokens)
        if info is None or info.kind not in ("person", "single"):
            continue
        if info.kind == "single" and not (info.gender or info.role):
            continue
        lead = seg[: run.start].split()
        if any(w[:1].isupper() for w in lead[1:]) or len(lead) > 3:
            return None
        if not _AFFILIATION.match(seg, run.end) or k + 1 >= len(found):
            return None
        return run.text, seg[: run.start].strip() or None
    return None


def _anon_ref(seg: str) -> _Ref | None:
    """An unnamed person: "one truck driver", "a woman in Orta", "her neighbour"."""
    m = _ANON.match(seg.strip())
    if m is None:
        return None
    words = m.group(2).split()
    head = words[-1].lower().strip(",.;:")
    if any(w[:1].isupper() for w in words):
        return None
    person = (
        head in N.PERSON_NOUNS
        or (head.endswith(_PERSON_ENDINGS) and head not in N.NOT_PERSON_NOUNS and len(head) > 4)
        or (  # "said one mason": "one" before a plain noun is a person the text leaves unnamed
            m.group(1).lower() in ("one", "another")
            and head.isalpha()
            and head not in _TIME_NOUNS
            and head not in N.NOT_PERSON_NOUNS
        )
    )
    if not person or head in N.ORG_NOUNS or head in N.COMPANY_NOUNS:
        return None
    gender = "f" if head in N.FEMALE_NOUNS else "m" if head in N.MALE_NOUNS else None
    text = re.split(r"\s+(?:who|which|whose)\s", seg.strip())[0].rstrip(".,;: ")
    return _Ref("anon", text, text, gender)


_ANON = re.compile(
    r"(one|a|an|another|her|his|their|its|a local|a fellow)\s+((?:[\w’'-]+\s+){0,3}?[\w’'-]+)"
    r"(?=$|[.;:]|\s+(?:in|from|at|of|on|near|who|with|outside|inside)\b|,)",
    re.I,
)

_PERSON_ENDINGS = ("er", "or", "ist", "ian", "ant")

_TIME_NOUNS = _words(
    "day days week weeks month months year years time times morning evening night afternoon "
    "hour hours minute minutes moment occasion point thing things way case reason"
)

_PLACE_TAIL = re.compile(r"\s+(?:in|at|based in)\s+[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?")

_GROUP = re.compile(
    r"(?:(?:some|many|several|other|most|two|three|four|a few|a group of|a number of|"
    r"dozens of|hundreds of)\s+)?([A-Za-z][a-z-]+\s+)?([a-z][a-z-]+s)"
    r"(?=$|\s+(?:at|from|in|with|for|of|on|close to|familiar with)\s)",
    re.I,
)


def _group_ref(seg: str) -> _Ref | None:
    """Unnamed people in the plural (``Analysts at one bank``, ``some residents``): a speaker
    the text leaves anonymous, never a name mentioned earlier."""
    m = _GROUP.match(seg.strip())
    if m is None:
        return None
    modifier = (m.group(1) or "").strip().lower()
    if modifier and (
        modifier.endswith(("ing", "ed", "ly"))
        or modifier in _PREPOSITIONS
        or modifier in _ROLE_DETERMINERS
        or modifier in _CONJUNCTIONS
    ):
        return None  # "addressing supporters at ...": not a group that speaks
    rest = seg.strip()[m.end() :]
    if any(w[:1].isupper() for w in rest.split()[:1]):
        return None  # "Friends of the Earth": a name
    at = re.match(r"\s*(?:at|from|with)\s+(?:the\s+)?", rest)
    body = rest[at.end() :] if at else ""
    found = runs(body) if body else []
    if (
        found
        and found[0].start == 0
        and (
            found[0].end >= len(body.rstrip(" .,;:"))
            or _PLACE_TAIL.fullmatch(body[found[0].end :].rstrip(" .,;:"))
        )
    ):
        info = analyse(found[0].tokens)
        if info is not None and info.kind == "organisation":
            return _Ref("name", found[0].text)  # "Analysts at Corbell Bank": the bank speaks
    plural = m.group(2).lower()
    single = plural[:-1]
    person = (
        single in N.PERSON_NOUNS
        or single in N.ROLE_WORDS
        or (
            single.endswith(_PERSON_ENDINGS)
            and single not in N.NOT_PERSON_NOUNS
            and len(single) > 4
        )
    )
    if not person or single in N.ORG_NOUNS or single in N.COMPANY_NOUNS:
        return None
    text = seg.strip().rstrip(".,;: ")
    return _Ref("anon", text, text, None)


def _is_role_segment(seg: str) -> bool:
    words = seg.split()
    if not words:
        return False
    first = words[0].lower()
    if first in ("who", "whose", "which", "where", "when", "whom") or first.endswith("ing"):
        return False
    if first in _PREPOSITIONS or first in _CONJUNCTIONS:
        return False
    if first in _ROLE_DETERMINERS:
        return True
    if words[0][0].islower():
        return True
    return bool(_EARLY_POSSESSIVE.match(seg))


def _clean_role(seg: str | None) -> str | None:
    if not seg:
        return None
    seg = re.split(r"\s+(?:who|which|whose)\s", seg)[0]
    return seg.strip().rstrip(".,;:") or None


_ASIDES = re.compile(
    r",\s*[DRI]-[A-Z][\w.]*(?:\s[A-Z][\w.]*)?(?=,|\s|$)"  # ", D-Colo.," party and state
    r"|\s*\((?:[DRI]-[^()]{1,16}|Lab|Con|LD|Lib Dem|SNP|DUP|Ind|SF|PC|Green)\)"  # "(R-Texas)"
    r"|\s*\([A-Z][A-Za-z&.-]{1,9}\)"  # "(NDRF)": an acronym given after a name
    r"|(?<=[^\W\d_]),\s*\d{1,3}(?=,)"  # ", 62,": an age
)

_GAVE_NAME = re.compile(
    r"\b(?:gave|giving|gives|identified|identifying)\s+(?:(?:her|his|their)\s+)?(?:only\s+)?"
    r"(?:(?:first\s+|given\s+)?name\s+)?(?:only\s+)?as\s+([A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?)"
)


def _clean_clause(text: str) -> str:
    """A clause without the asides that are never speakers: party labels, acronyms, ages."""
    if "," not in text and "(" not in text:
        return text
    return _ASIDES.sub("", text)


_TRAILING_RELATIVE = re.compile(
    r",?\s*\b(?:who|which|that)(?:\s+(?:had|has|have|was|were|is|are|also|earlier|previously|"
    r"once|already|repeatedly|long))*\s*$"
)

_RELATIVE_CLAUSE = re.compile(r",\s*(?:who|whose|which|where|whom)\b(?:[^,]|,(?=\d))*,")


@small_cache(maxsize=4096)  # a pure function of a clause, which recurs: see _Ref
def _subject_ref(text: str) -> _Ref | None:
    """Who is the subject of a verb, from the clause text just before it."""
    gave = _GAVE_NAME.search(text) if " as " in text else None
    if gave:  # "a woman who gave her name only as Lakshmi"
        return _Ref("name", gave.group(1))
    t = " " + _clean_clause(text.strip()) + " "
    orgs = comma_org_names(t)
    if orgs and orgs[-1][1] == len(t) - 1:  # "The Department for Environment, Food and ..."
        return _Ref("name", orgs[-1][2])
    t = _RELATIVE_CLAUSE.sub(",", t)
    t = _TRAILING_RELATIVE.sub("", t.rstrip())
    segs = [x for x in _split_segments(t)]
    while segs and not segs[-1]:
        segs.pop()
    if not segs:
        return _Ref("inherit")
    last_words = [w.lower() for w in segs[-1].split()]
    while last_words and last_words[-1] in _ADVERBS:
        last_words.pop()
    if not last_words or all(w in _CONJUNCTIONS for w in last_words):
        return _Ref("inherit")
    if last_words[-1] in _SUBJECT_PRONOUNS and (
        len(last_words) <= 2 or last_words[-2] in _SUBORDINATORS
    ):  # "he said", "hours after she urged": the pronoun is the subject
        return _Ref("pronoun", last_words[-1], gender=_SUBJECT_PRONOUNS[last_words[-1]])
    if last_words[-1] == "police" and (len(last_words) == 1 or last_words == ["the", "police"]):
        return _Ref("orgnoun", "police")  # "police said": the force the article named
    members = _ORG_MEMBERS.fullmatch(segs[-1].rstrip(" ,.;:"))
    if members:  # "the mission's monitors", "the union's negotiators"
        noun = members.group(1).lower()
        if noun in N.ORG_NOUNS or noun in N.COMPANY_NOUNS:
            return _Ref("orgnoun", noun)
        return _Ref("thenoun", noun)
    named_org = _ORG_APPOSITION.match(segs[-1].rstrip(" ,.;:"))
    if named_org:  # "The campaign group Zero by 2040"
        return _Ref("orgname", named_org.group(1))
    last = segs[-1].split()[-1]
    if (
        len(last_words) == 1
        and last[:1].isupper()
        and last.lower() in N.COMMON_CAPITALISED
        and not (last.isupper() and len(last) > 1)  # "WHO said": an acronym
    ):
        return _Ref("given", last)  # "An said": a short given name the article gave before
    orgnoun = (
        _orgnoun_ref(segs[-1], last_words)
        or _rolenoun_ref(segs[-1], last_words)
        or _thenoun_ref(segs[-1], last_words)
    )
    if orgnoun is not None:
        return orgnoun
    group = _group_ref(segs[-1]) or _spokesman_for(segs[-1])
    if group is not None:
        return group
    if re.match(r"(?:one|another)\s+[a-z]", segs[-1], re.I):  # "One trader, who ..., said"
        anon = _anon_ref(segs[-1])
        if anon is not None:
            return anon
    after_role: str | None = None
    fallback: _Ref | None = None
    head: str | None = None
    for idx in range(len(segs) - 1, -1, -1):
        seg = segs[idx]
        if not seg:
            continue
        named = _name_segment(seg)
        if named is not None:
            name, pre_role = named
            role = after_role or pre_role
            if role is None and idx > 0 and _is_role_segment(segs[idx - 1]):
                role = segs[idx - 1]
            return _Ref("name", name, _clean_role(role))
        if _is_role_segment(seg):
            after_role = head = seg
            if fallback is None:
                fallback = _spokesman_for(seg)
            continue
        if idx == len(segs) - 1 and seg.split()[0].lower() in _PREPOSITIONS:
            continue
        break
    if fallback is None and head is not None:
        return _anon_ref(head)
    return fallback


_SUBORDINATORS = _words(
    "after before when as because since while until once although though if whereas"
)

_ORG_MEMBERS = re.compile(
    r"(?:[Tt]he|[Ii]ts|[Tt]heir)\s+([a-z]+)[’']s\s+(?:[a-z]+\s+)?"
    r"(?:monitors|observers|staff|experts|officials|engineers|researchers|negotiators|"
    r"lawyers|inspectors|scientists|analysts|economists|investigators|members|leaders)"
)

_ORG_KINDS = sorted(
    N.ORG_NOUNS
    | N.COMPANY_NOUNS
    | N._words("charity ngo non-profit nonprofit think-tank lobby pressure advocacy")
)

_ORG_APPOSITION = re.compile(
    r"(?:[Tt]he|[Aa]n?)\s+(?:[a-z-]+\s+){0,2}?(?:" + word_regex(_ORG_KINDS) + r")\s+"
    r"((?:[A-Z][\w’'&.-]*|\d+(?:,\d{3})*)(?:\s(?:[A-Z][\w’'&.-]*|\d+(?:,\d{3})*|of|for|by|and|the|on|&))*)$"
)


def _orgnoun_ref(seg: str, words: list[str]) -> _Ref | None:
    """``the ministry``, ``the operators' association``: an organisation by its kind; the words
    as written (without the article) are kept for when no name in the text fits."""
    if not (1 < len(words) <= 4 and words[0] in ("the", "its", "their")):
        return None
    if words[-1] not in N.ORG_NOUNS and words[-1] not in N.COMPANY_NOUNS:
        return None
    if any(
        (kept := strip_common(r.tokens)) and not (len(kept) == 1 and kept[0].lower() in N.DEMONYMS)
        for r in runs(seg)
    ):  # "the Dutch club" is still the club
        return None
    written = seg.split(None, 1)[1].strip(" ,.;:")
    return _Ref("orgnoun", words[-1], written)


def _thenoun_ref(seg: str, words: list[str]) -> _Ref | None:
    """``the patrol``: any other noun, which names an organisation only when an earlier
    organisation's name ends in it ("Minnesota State Patrol")."""
    if not (len(words) == 2 and words[0] == "the" and words[1].isalpha()):
        return None
    if not seg.split()[-1].islower() or words[1] in _NOT_NOUNS or words[1] in N.PRONOUNS:
        return None
    return _Ref("thenoun", words[1])


_IN_JUDGMENT = re.compile(
    r"\b(?:described|called|criticised|criticized|branded)\s+in\s+(?:the|her|his|its)\s+"
    r"(?:judgment|judgement|ruling)\s+as\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,4}$"
)

_INDEFINITE_ROLE = re.compile(
    r"\b(?:a|an)\s+(?:[A-Za-z-]+\s+){0,3}?([a-z]+)\s+(?:ruled|found|held|concluded|decided|"
    r"said|says|wrote|warned)\b"
)

_ROLE_SYNONYMS = {
    "judge": ("justice", "magistrate"),
    "justice": ("judge",),
    "minister": ("secretary",),
    "boss": ("manager", "coach", "chief", "executive"),
    "manager": ("boss",),
    "coach": ("manager", "boss"),
    "governor": ("gov", "gov."),
    "senator": ("sen", "sen."),
    "chairman": ("chair", "chairwoman", "chairperson"),
    "chairwoman": ("chair", "chairman", "chairperson"),
    "chair": ("chairman", "chairwoman", "chairperson"),
}


def _rolenoun_ref(seg: str, words: list[str]) -> _Ref | None:
    """``the judge``, ``the chief executive``: a person named earlier with that office."""
    if len(words) > 2 and words[1] == "the" and (words[0] in _ADVERBS or words[0][-2:] == "ly"):
        words, seg = words[1:], seg.split(None, 1)[1]  # "Afterwards the coach said"
    if not (1 < len(words) <= 4 and words[0] == "the"):
        return None
    if any(not w.replace("-", "").isalpha() or not w.islower() for w in seg.split()[1:]):
        return None
    head = words[-1]
    if head not in N.ROLE_WORDS or head in N.ORG_NOUNS or head in N.COMPANY_NOUNS:
        return None
    return _Ref("rolenoun", head, seg.split(None, 1)[1].strip(" ,.;:"))


_APPOSITIVE_AFTER = re.compile(r",\s+(?:the|a|an|its|their)\s+([^,.;:()“”\"]{2,60})")

_APPOSITIVE_BEFORE = re.compile(r"\b(?:the|its|their)\s+([a-z][^,.;:()“”\"]{1,60}),\s*$")


def _appositive_role(text: str, run: Run) -> str | None:
    """The office an appositive gives a name: ``X, the judge,`` or ``the judge, X``."""
    m = _APPOSITIVE_AFTER.match(text, run.end + (1 if run.possessive else 0))
    if m is None and not run.possessive:
        m = _APPOSITIVE_BEFORE.search(text, max(0, run.start - 64), run.start)
    return m.group(1).strip() if m else None


_SPOKES = (
    r"(?:spokesman|spokeswoman|spokesperson|spokespeople|representative|statement|source|"
    r"press office|press officer|media officer|official)"
)

_SPOKES_HINTS = ("spokes", "representative", "statement", "source", "press", "media", "official")

_ORG_SPOKESPERSON = re.compile(rf"(?:an?|the)\s+(.+?)\s+{_SPOKES}$", re.I)


def _spokesman_for(seg: str) -> _Ref | None:
    """``a spokesperson for Kessland Rail`` or ``a Kessland Rail spokesperson``: the
    organisation speaks."""
    low = seg.lower()
    if not any(w in low for w in _SPOKES_HINTS):
        return None
    m = _ORG_SPOKESPERSON.match(seg.strip().rstrip(".,;:"))
    if m:
        found = runs(m.group(1))
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(m.group(1)):
            info = analyse(found[0].tokens)
            if info is not None and not (info.kind == "person" and info.gender):
                return _Ref("name", found[0].text)
    m = re.match(
        r"(?:an?|the)\s+(?:\w+\s+)?(?:spokesman|spokeswoman|spokesperson|representative|"
        r"official|statement)\s+(?:for|from|of|at)\s+(?:the\s+)?(.*)$",
        seg,
        re.I,
    )
    if m:
        found = runs(m.group(1))
        if found and found[0].start == 0:
            return _Ref("name", found[0].text)
    return None


_STOP = re.compile(r"([\w.]*[a-z])\.\s")


def _first_clause(text: str) -> str:
    """``text`` up to its first full stop that ends a sentence, not an abbreviation's
    (``said Sen. Ada Marsh, the chair. Later...`` -> ``said Sen. Ada Marsh, the chair``)."""
    for m in _STOP.finditer(text):
        if m.group(1).lower() in _ABBREVIATIONS:
            continue
        return text[: m.start() + len(m.group(1))]
    return text


def _strip_abbreviations(text: str) -> str:
    """``text`` with the full stops of abbreviations (``Sen.``, ``Dr.``) removed."""
    return _ABBREV_DOT.sub(r"\1", text)


@small_cache(maxsize=4096)  # a pure function of a clause, which recurs: see _Ref
def _object_ref(text: str) -> _Ref | None:
    """Who follows a speech verb: ``said Aref al-Aref, a medic`` / ``said the spokesman, X``."""
    text = _first_clause(text)
    gave = _GAVE_NAME.search(text) if " as " in text else None
    if gave:  # said a woman in Orta, who gave her name only as Lakshmi
        return _Ref("name", gave.group(1))
    text = _clean_clause(text)
    segs = [x for x in _split_segments(text) if x]
    if not segs:
        return None
    first = segs[0]
    named = _name_segment(first) or _leading_name(first)
    if named is not None and _plain_lead(first):
        name, pre_role = named
        role = pre_role
        if len(segs) > 1 and _is_role_segment(segs[1]):
            role = segs[1]
        return _Ref("name", name, _clean_role(role))
    words = first.lower().split()
    if (
        words
        and (words[0] in ("the", "a", "an", "its", "their") or _EARLY_POSSESSIVE.match(first))
        and len(segs) > 1
    ):
        nxt = _name_segment(segs[1])
        if nxt is not None and runs(segs[1])[0].start == 0:
            return _Ref("name", nxt[0], _clean_role(first))
    if words and words[0] == "the" and len(words) <= 3:
        ref = (
            _orgnoun_ref(first, words) or _rolenoun_ref(first, words) or _thenoun_ref(first, words)
        )
        if ref is not None:
            return ref
    return _spokesman_for(first) or _anon_ref(first)


_TRAILING_PHRASE = re.compile(
    r"\s+(?:on|in|at|during|after|before|outside|inside|from|to|via|when|while|as|"
    r"speaking|standing|addressing|told|adding|referring)\b"
)


def _plain_lead(seg: str) -> bool:
    """The first name in ``seg`` comes after at most three lower-case role words."""
    found = runs(seg)
    if not found:
        return False
    lead = seg[: found[0].start].split()
    if len(lead) <= 1:
        return True
    return len(lead) <= 3 and not any(
        w in _PREPOSITIONS or w in _CONJUNCTIONS or not w.islower() for w in lead
    )


def _leading_name(seg: str) -> tuple[str, str | None] | None:
    """``chief executive Nadia Brennan on a call with analysts``: a name after at most three
    lower-case role words, followed by a phrase of circumstance."""
    found = [r for r in runs(seg) if strip_common(r.tokens)]
    if not found:
        return None
    run = found[0]
    lead = seg[: run.start].split()
    if run.possessive or len(lead) > 3 or any(not w[:1].islower() for w in lead):
        return None
    if not _TRAILING_PHRASE.match(seg, run.end):
        return None
    return run.text, " ".join(lead) or None


_CLAUSE_JOIN = re.compile(r"[\s,;]*(?:though|although|but|and|while|as|because)\s", re.I)


@small_cache(maxsize=4096)  # a pure function of a clause, which recurs: see _Ref
def _post_ref(post: str, tight: bool) -> _Ref | None:
    s = post.lstrip(" ,;:—–-")
    m = _VERB_RE.search(s)
    if not m or m.group() in _PARTICIPLES:
        return None
    before = s[: m.start()]
    if not before.strip():
        return _object_ref(s[m.end() :])
    if tight and (len(before.split()) > 8 or "." in _strip_abbreviations(before).rstrip(".")):
        return None
    return _subject_ref(before)


@small_cache(maxsize=4096)  # a pure function of a clause, which recurs: see _Ref
def _pre_ref(pre: str) -> _Ref | None:
    plural = _PLURAL_RELATIVE.search(pre)
    if plural and plural.group(1) not in _NOT_PLURAL_NOUNS:  # "which analysts described as"
        return _Ref("anon", plural.group(1))
    called = _WHAT_CALLED.search(pre)
    if called:  # what she called "..."
        ref = _subject_ref(called.group(1))
        if ref is not None and ref.kind != "inherit":
            return ref
    acc = list(_ACCORDING.finditer(pre))
    verbs = [m for m in _FINITE_VERB_RE.finditer(pre)]
    if acc and (not verbs or verbs[-1].start() < acc[-1].start()):
        ref = _object_ref(pre[acc[-1].end() :])
        if ref is not None:
            if ref.role and not pre.rstrip().endswith((",", "—", "–")):
                ref = replace(ref, role=None)  # according to X, the strike could cost "..."
            return ref
    for m in verbs:
        ref = _subject_ref(pre[: m.start()])
        if ref is None and _AND_END.search(pre, 0, m.start()):
            ref = _coordinated_subject(pre[: m.start()])
        if ref is not None:
            return ref
    if not verbs:
        described = _DESCRIBING_AS.search(pre)
        if described:  # "X, its leader, had spent weeks describing the plan as a "...""
            clause = re.sub(r"(?:\s+[a-z][\w’'-]*)+\s*$", "", pre[: described.start()])
            ref = _subject_ref(clause)
            if ref is not None and ref.kind != "inherit":
                return ref
        return _participle_subject(pre) or _colon_subject(pre)
    return None


def _colon_subject(pre: str) -> _Ref | None:
    """``Club official Ann Lee hit back on Monday: "..."``: with no speech verb, the person
    who is the subject of the clause the colon ends introduces the quotation."""
    clause = pre.rstrip()
    if not clause.endswith(":"):
        return None
    clause = clause[:-1]
    for r in runs(clause):
        rest = clause[r.end :].split()
        if r.possessive or not rest or not rest[0].islower() or rest[0] in _PREPOSITIONS:
            continue
        info = analyse(r.tokens)
        if info is not None and info.kind == "person" and len(info.name.split()) >= 2:
            return _Ref("name", info.name)
    return None


_PLURAL_RELATIVE = re.compile(
    r"\b(?:which|that|what|whom)\s+(?:many\s+|some\s+|other\s+|the\s+)?([a-z]{3,}s)\s+"
    r"(?:[a-z]+\s+){0,4}?(?:described|called|dubbed|termed|labelled|labeled|branded)"
    r"\s+(?:it\s+|them\s+)?(?:as\s+)?(?:an?\s+|the\s+)?$"
)

_NOT_PLURAL_NOUNS = _words("this has was is does its thus always perhaps sometimes")

_AND_END = re.compile(r"\s(?:and|then|and then|before)\s+$")

_FIRST_VERB = re.compile(
    r"[a-z]+(?:ed|[^s]s)|won|went|took|led|ran|made|set|came|got|beat|lost|saw|held|gave|left|"
    r"became|began|broke|wrote|spoke|sent|met|put|cut|hit|fell|rose|told|said"
)

_LEAD_POSSESSIVE = re.compile(r"^[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?[’']s\s+")


def _coordinated_subject(clause: str) -> _Ref | None:
    """``Kenya's Ann Oduya won the race for a third time and called it "..."``: the name
    that opens the sentence, followed by its first verb, is the subject of the second."""
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


_PARTICIPLE_AFTER_CLAUSE = re.compile(r",\s*(?:saying|adding|warning|noting|holding)\b")


def _participle_subject(pre: str) -> _Ref | None:
    """``The Foreign Ministry gave another account, saying ... "..."``: the name the
    sentence opens with is the subject of the participle."""
    m = _PARTICIPLE_AFTER_CLAUSE.search(pre)
    if m is None:
        return None
    clause = _clean_clause(pre[: m.start()]).strip()
    found = [r for r in runs(clause) if strip_common(r.tokens)]
    if not found or found[0].possessive:
        return None
    lead = clause[: found[0].start].split()
    if len(lead) > 1 or (lead and lead[0].lower() not in ("the", "a", "an")):
        return None
    rest = clause[found[0].end :].split()
    if not rest or not rest[0].islower() or rest[0] in _PREPOSITIONS or rest[0] in _LINKS:
        return None
    return _Ref("name", found[0].text)
