"""What one segment of an attribution clause names: a person's name with the role words
before it, an organisation (``the ministry``, ``a spokesperson for X``), an office holder
(``the judge``), or someone left unnamed (``one resident``, ``analysts at a bank``), each as a
``_Ref`` for resolution to look up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import names as N
from ..names import _words
from ..runs import (
    Run,
    analyse,
    runs,
    small_cache,
    strip_common,
)
from .lexicon import (
    _ADVERBS,
    _CONJUNCTIONS,
    _EARLY_POSSESSIVE,
    _LINKS,
    _NOT_NOUNS,
    _PREPOSITIONS,
    _ROLE_DETERMINERS,
)


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


_REFLEXIVES = frozenset(("himself", "herself", "themselves", "itself"))


@small_cache(maxsize=4096)  # a pure function of a clause, which recurs: see _Ref
def _name_segment(seg: str) -> tuple[str, str | None] | None:
    """(name, role words before it) when a segment ends in a name run."""
    seg = seg.strip().rstrip(".,;:")
    if not seg:
        return None
    words = seg.split()
    while words and (words[-1].lower() in _ADVERBS or words[-1].lower() in _REFLEXIVES):
        words.pop()  # "Sanders himself": Sanders
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
    person = _person_of_place(last)
    if person is not None:  # "Chairman Tom Hale of North Kilbeg": Tom Hale
        return person, seg[: last.start].strip() or None
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
    if role and role.split()[-1].lower() in _PLACE_PREPOSITIONS and " " in role:
        return None  # "also campaigning in Wisconsin": where the person is, not who
    for lead in ("including", "and", "but", "with", "by", "from"):
        if role.lower().startswith(lead + " "):
            role = role[len(lead) + 1 :]
    first = role.split()[0].lower() if role else ""
    if first in _PREPOSITIONS or first.endswith(("ed", "ing")) or first in ("by", "of"):
        role = ""  # "written by Lady Justice X": not a description of X
    return last.text, role or None


_PLACE_PREPOSITIONS = frozenset(
    ("in", "at", "on", "near", "across", "outside", "inside", "throughout", "into", "around")
)


def _person_of_place(run: Run) -> str | None:
    """The person in a run that joined a name to its state or town with ``of``."""
    if "of" not in run.tokens:
        return None
    k = run.tokens.index("of")
    place = analyse(run.tokens[k + 1 :])
    if place is None or place.kind != "place":
        return None
    person = analyse(run.tokens[:k])
    if person is None or person.kind != "person":
        return None
    return " ".join(run.tokens[:k])


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
        if (
            info.kind == "single"
            and not (info.gender or info.role)
            and (k > 0 or run.start > 0 or not _AFFILIATION.match(seg, run.end))
        ):
            continue  # but "Lee of the Kilbeg Teachers" opening the segment: surname and body
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
    if m.group(2)[:1].isupper() and (m.group(1) or "")[:1].isupper():
        return None  # "Bernie Sanders", "Maxine Waters": a name, not "Local traders"
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


_OFFICE_ACRONYMS = frozenset(("mp", "mep", "msp", "td", "mla", "mpp"))


def _rolenoun_ref(seg: str, words: list[str]) -> _Ref | None:
    """``the judge``, ``the chief executive``: a person named earlier with that office."""
    if (
        len(words) > 2
        and words[1] == "the"
        and (words[0] in _ADVERBS or words[0][-2:] in ("ly", "ng"))
    ):
        words, seg = words[1:], seg.split(None, 1)[1]  # "Afterwards the coach", "Laughing the MP"
    if not (1 < len(words) <= 4 and words[0] == "the"):
        return None
    rest = seg.split()[1:]
    if any(not w.replace("-", "").isalpha() for w in rest):
        return None
    if not (
        rest[-1].islower()
        or rest[-1].lower() in _OFFICE_ACRONYMS
        or (len(rest) == 1 and rest[0].lower() in N.ROLE_WORDS)  # "the Premier said"
    ):
        return None  # "the Labour MP", "the Democratic senator": capitals before an office
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
        return _titled_name(seg, found)
    if not _TRAILING_PHRASE.match(seg, run.end):
        return _titled_name(seg, found)
    return run.text, " ".join(lead) or None


def _titled_name(seg: str, found: list[Run]) -> tuple[str, str | None] | None:
    """``ACLU executive director Ann Lee in a statement``: a person's full name after an
    organisation and the office held there, followed by a phrase of circumstance."""
    for run in found[1:3]:
        lead = seg[: run.start].split()
        if len(lead) > 5 or any(
            w.lower() in _PREPOSITIONS or w.lower() in _CONJUNCTIONS for w in lead
        ):
            return None
        info = analyse(run.tokens)
        if run.possessive or info is None or info.kind != "person" or " " not in info.name:
            continue
        if _TRAILING_PHRASE.match(seg, run.end) or run.end >= len(seg.rstrip(" .,;:")):
            return _person_of_place(run) or run.text, " ".join(lead)
    return None


_DESCRIBED_PERSON = re.compile(
    r"the\s+(?:[a-z-]+\s+){0,2}?(\d+-year-old|(?:father|mother|grandfather|grandmother)-of-\w+|"
    r"[a-z]+)(?:\s+(?:man|woman|boy|girl))?$"
)


def _described_person(seg: str) -> _Ref | None:
    """``the 47-year-old``, ``the married father-of-two``, ``the veteran campaigner``: a
    description of someone the article just named, resolved as a pronoun of its gender."""
    seg = re.sub(r"^[A-Za-z]+(?:ly|ing)\s+(?=the\s)", "", seg.strip())  # "Laughing the ..."
    m = _DESCRIBED_PERSON.fullmatch(seg.rstrip(".,;:"))
    if m is None:
        return None
    head = m.group(1)
    last = seg.strip().rstrip(".,;:").split()[-1].lower()
    if (
        not (
            head[0].isdigit()
            or "-of-" in head
            or head in N.PERSON_NOUNS
            or last in ("man", "woman", "boy", "girl")
        )
        or head in N.ORG_NOUNS
        or head in N.COMPANY_NOUNS
    ):
        return None
    female = head.startswith(("mother", "grandmother")) or last in ("woman", "girl")
    male = head.startswith(("father", "grandfather")) or last in ("man", "boy")
    gender = (
        "f" if female or head in N.FEMALE_NOUNS else "m" if male or head in N.MALE_NOUNS else None
    )
    return _Ref("pronoun", head, gender=gender)
