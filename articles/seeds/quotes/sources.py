"""Speakers that are not one person talking: the outlet or document a quotation is credited to
at the end of its sentence (``"...," Lee said, according to CNN.``), and the campaign or office
that speaks for a person (``the Lee campaign said``, ``Lee's office said``). Pure functions of a
short clause, cached.
"""

from __future__ import annotations

import re

from .. import names as N
from ..runs import analyse, runs, small_cache
from .references import _Ref

# ", according to X." closing the sentence after a quotation, with or without the reporting
# clause before it ("...," Lee said at a rally, according to CNN.), or ", reports X.".
_CREDIT = re.compile(
    r"(?:^|[,;—–]|\s)\s*(?P<kw>according to|(?<=, )(?:reports|reported))\s+(.+?)\s*[.;)]*\s*$",
    re.S,
)

_CREDITED_BY = re.compile(r"\b(?:by|from)\s+(?:[a-z][\w-]*\s+){0,3}(?=[A-Z])")

_DETERMINER = re.compile(r"(?:the|The)\s+")

_CLAUSE_BEFORE_CREDIT = re.compile(r"^[\s,;:—–-]*$|^[\s,;:—–-]*[^\s,].*,\s*$", re.S)


def _credited_name(text: str) -> str | None:
    """The outlet, organisation or person a credit names: the name it opens with (``CNN``,
    ``the Las Vegas Sun``), or the one a ``by``/``from`` gives (``a court document filed by
    state attorney Dave Aronberg``, ``audio provided by Wyoming Public Radio``)."""
    lead = _DETERMINER.match(text)
    start = lead.end() if lead else 0
    found = runs(text[start:], start)
    if found and found[0].start == start and not found[0].possessive:
        info = analyse(found[0].tokens)
        if info is not None and info.kind != "event" and info.name.lower() not in N.TITLES:
            return info.name
    by = _CREDITED_BY.search(text)
    if by is not None:
        after = [r for r in found if r.start == by.end()]
        if after and not after[0].possessive:
            info = analyse(after[0].tokens)
            if info is not None and info.kind != "event":
                return info.name
    return None


@small_cache(maxsize=4096)  # a pure function of the text after a quotation
def credit_ref(post: str) -> _Ref | None:
    """``"...," according to CNN.`` or ``"...," Lee said, according to CNN.``: the sentence
    closes by crediting the quotation to an outlet, an organisation or a person who reported
    it, and that source is given as the speaker. A credit to a document that names no one
    (``according to a transcript``) gives no speaker of its own: the reporting clause before
    it, if any, does; with none, the document is an unnamed source."""
    if "according to" not in post and ", report" not in post:
        return None
    m = _CREDIT.search(post)
    if m is None:
        return None
    clause = post[: m.start("kw")]
    if not _CLAUSE_BEFORE_CREDIT.match(clause) or len(clause) > 160:
        return None
    credited = m.group(2).split(", ")[0].strip()
    if not credited or len(credited) > 120:
        return None
    name = _credited_name(credited)
    if name is not None:
        return _Ref("name", name)
    if clause.strip(" ,;:—–-"):
        return None  # "Lee said, according to a transcript": Lee
    words = credited.split()
    if words and words[0].lower() in ("a", "an", "the") and len(words) <= 12:
        return _Ref("anon", credited)
    return None


# "the Lee campaign", "Lee's campaign", "Sen. Ann Lee's office": a group that speaks for the
# person it belongs to.
_OWNED = re.compile(
    r"(?:(?:[Tt]he|[Aa])\s+)?((?:[A-Z][\w.’'-]*\s+){0,4}?[A-Z][\w’'-]*?)(?:[’']s|(?<=s)[’'])?\s+"
    r"(campaign|camp|office|administration|team|lawyers|attorneys)$"
)


@small_cache(maxsize=4096)  # a pure function of a clause segment
def owned_group_ref(seg: str) -> _Ref | None:
    """``The Lee campaign`` / ``Lee's campaign`` / ``the Obama administration``: the group
    (an organisation named after its person: ``Lee campaign``), not the person."""
    m = _OWNED.fullmatch(seg.strip().rstrip(".,;:"))
    if m is None:
        return None
    words = m.group(1).split()
    info = analyse(words)
    if info is None or info.kind not in ("person", "single"):
        return None
    return _Ref("orgname", f"{info.name} {m.group(2)}")


_OWNED_OPENING = re.compile(
    r"((?:(?:[Tt]he|[Aa])\s+)?(?:[A-Z][\w.’'-]*\s+){0,4}?[A-Z][\w’'-]*?(?:[’']s|(?<=s)[’'])?\s+"
    r"(?:campaign|camp|office|administration|team|lawyers|attorneys))\s+(?:[a-z]+ly\s+)?[a-z]"
)


def owned_group_opening(clause: str) -> _Ref | None:
    """``Ann Lee's office slammed the suit``: the group a clause opens with as its subject."""
    m = _OWNED_OPENING.match(clause)
    return owned_group_ref(m.group(1)) if m else None
