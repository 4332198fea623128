"""Appositives: what follows a name in an attribution clause and describes it (``Jane Roe, a
Democrat,``, ``Lee, at the Kilbeg Institute,``, ``Ann Lee, Democrat of Kansas,``) rather than
naming someone new, and the person such a clause opens with.
"""

from __future__ import annotations

import re

from .. import names as N
from ..names import _words
from ..runs import analyse, place_canonical, runs
from .labels import _NOT_LABEL, _VERB_RE
from .lexicon import _PREPOSITIONS, _US_STATES
from .references import _clean_role, _is_role_segment, _name_segment, _Ref


def _starts_appositive(seg: str) -> bool:
    """``director of X``, ``a California Democrat``, ``from Filby``: a segment that describes
    the name before it (it opens with a lower-case word) rather than naming someone new."""
    words = seg.split()
    first = words[0] if words else ""
    if first[:1].islower():
        return first.lower() not in _NOT_LABEL and not _VERB_RE.fullmatch(first)
    if len(words) > 2 and first.lower() in _PARTY_MEMBERS and words[1] in ("of", "from"):
        return True  # "Ann Lee, Democrat of Kansas,": her party and state
    named = _name_segment(seg)  # "South Carolina director for Sanders": whom they work for
    if named is None or not named[1]:
        return False
    role = named[1].split()
    return len(role) >= 2 and role[-1] in _AFFILIATING and role[-2][:1].islower()


_AFFILIATING = _words("of for at with to")

_DETERMINERS = _words("a an the its their his her our")

_PARTY_MEMBERS = _words("democrat republican independent conservative liberal tory socialist")


def _person_before_appositives(segs: list[str], idx: int) -> _Ref | None:
    """The person a clause opens with when every segment after it, up to the name at ``idx``,
    is an appositive: ``Colin Gillis, analyst at BGC Partners,`` gives Colin Gillis, not the
    firm; ``Cllr Ann Lee, of Garden Close, Hook,`` gives Ann Lee, not the place."""
    if idx == 0 or not _starts_appositive(segs[1]) or not segs[0][:1].isupper():
        return None
    named = _name_segment(segs[idx])
    if (
        named is not None
        and named[1]
        and " " in named[0]
        and named[1].split()[0].lower() not in _DETERMINERS
    ):
        info = analyse(named[0].split())
        if (
            info is not None
            and info.kind == "person"
            and not any(w in _AFFILIATING for w in named[1].lower().split())
        ):
            return None  # "Or maybe Roe, digital consultant Ann Lee says": a new subject
    if segs[0].split()[0].lower() in _PREPOSITIONS:  # "At Piccadilly Gardens, nurse Ann Lee"
        return None
    for j in range(2, idx + 1):
        seg = segs[j]
        if not seg or _starts_appositive(seg):
            continue
        if _names_the_noun_before(segs[j - 1]):
            continue  # "editor of the city's evening paper, The Kilbeg Herald,": the paper
        words = seg.rstrip(".,;:").split()
        info = analyse(words)
        after_place = (
            segs[j - 1].split()[0].lower() in ("of", "from", "in")
            and len(words) <= 2
            and (info is None or info.kind != "person")
        )
        if not after_place and (info is None or info.kind != "place"):
            return None  # "of Garden Close, Hook": a place after it, not a new subject
    named = _name_segment(segs[0])
    if named is None:
        return None
    name, pre_role = named
    info = analyse(name.split())
    alone = segs[0].strip() == name and segs[1][:1].islower()  # "Lee, at the bank,"
    if info is None or not (
        info.kind == "person" or (info.kind == "single" and (info.role or alone))
    ):
        return None  # a person, a title and a surname ("Cllr Lee"), or "Lee, at the bank,"
    described = (_is_role_segment(segs[1]) or segs[1][:1].isupper()) and segs[1].split()[
        0
    ].lower() not in _PREPOSITIONS
    role = pre_role or (segs[1] if described else None)
    return _Ref("name", name, _clean_role(role))


# What a description can end in that the next segment then names: an organisation or a title.
_NAMED_NOUNS = (
    N.ORG_NOUNS
    | N.COMPANY_NOUNS
    | _words("newspaper paper magazine channel station broadcaster website outlet programme")
)


def _names_the_noun_before(seg: str) -> bool:
    """``the editor in chief of the city's evening newspaper``: a description in lower case
    that ends in a kind of organisation, so that the segment after it is that
    organisation's name, not a new subject."""
    words = seg.split()
    return (
        len(words) > 1
        and words[0][:1].islower()
        and words[-1].islower()
        and words[-1] in _NAMED_NOUNS
    )


def _is_place(name: str) -> bool:
    """A place the name reader knows, or a US state or a place it reads as a single name
    ("New York", "Wisconsin")."""
    if name.lower() in _US_STATES or place_canonical(name) is not None:
        return True
    info = analyse(name.split())
    return info is not None and info.kind == "place"


def _is_org(name: str) -> bool:
    info = analyse(name.split())
    return info is not None and info.kind == "organisation"


def _opening_person(seg: str) -> _Ref | None:
    """The person a segment opens with, by full name or title, before lower-case words."""
    found = runs(seg)
    if not found or found[0].start != 0 or found[0].possessive:
        return None
    info = analyse(found[0].tokens)
    rest = seg[found[0].end :].split()
    if info is None or not rest or not rest[0].islower():
        return None
    if info.kind == "person" and (info.gender or info.role) and " " in info.name:
        return _Ref("name", found[0].text)
    return None


def _is_gendered_person(name: str) -> bool:
    """``nurse Abena Owusu``: a name with a known given name is a person of its own."""
    info = analyse(name.split())
    return info is not None and info.kind == "person" and info.gender is not None


# "Pemberton Hale, the law firm,", "said Fenwick Lomax, the utility.": a name and then, as an
# appositive, what kind of organisation it is.
_DESCRIBED = re.compile(
    r"\b([A-Z][\w'’&-]*(?: [A-Z][\w'’&-]*)+), (?:the|a|an) ((?:[a-z][\w-]* ){0,2}[a-z][\w-]*)"
    r"(?=[,.;])"
)


def described_as_organisations(text: str) -> list[str]:
    """The names ``text`` describes, in an appositive, as an organisation: ``Pemberton Hale,
    the law firm,`` (a firm, a utility, a bank; ``N.ORG_NOUNS`` and ``N.COMPANY_NOUNS``)."""
    if ", the " not in text and ", a " not in text and ", an " not in text:
        return []
    return [
        m.group(1)
        for m in _DESCRIBED.finditer(text)
        if (noun := m.group(2).split()[-1]) in N.ORG_NOUNS or noun in N.COMPANY_NOUNS
    ]
