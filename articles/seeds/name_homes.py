"""A person's name with where they come from or work glued on by ``of``: ``Senator Ann Lee of
Vermont``, ``James Cain of Harbour Planning Consultants``, and a party before the name
(``Democrat Hillary Clinton``). Both the quote registry and the tag extractor read names through
``without_home``, so a speaker and a tag are the same person. Pure functions.
"""

from __future__ import annotations

from . import names as N
from .names import _words
from .runs import NameInfo, place_canonical


def without_home(info: NameInfo | None) -> NameInfo | None:
    """``Senator Ann Lee of Vermont``: a person's name followed by ``of`` and the state or
    country they represent is the person (the place is where they are from, not their name).
    ``Duke of York`` and ``Democrat of Indiana`` are no such names: one word before ``of``."""
    if info is None or info.kind != "person":
        return info
    if info.role and info.role.endswith((" of", " of the")) and (held := _holder_of(info)):
        return held
    words = info.name.split()
    party = 0
    while len(words) - party > 2 and words[party].lower() in _PARTY_WORDS:
        party += 1  # "Democrat Hillary Clinton": her party, then her name
    if party:
        role = " ".join(words[:party]) if info.role is None else f"{info.role} {words[0]}"
        words = words[party:]
        info = NameInfo("person", " ".join(words), role, info.gender)
    if "of" not in words:
        return info
    k = words.index("of")
    home = " ".join(words[k + 1 :])
    if k < 2:
        return info
    if home.lower() in N.US_STATES or place_canonical(home) is not None or _affiliated(words, k):
        return NameInfo("person", " ".join(words[:k]), info.role, info.gender)
    return info


def _affiliated(words: list[str], k: int) -> bool:
    """``James Cain of Harbour Planning Consultants``: a given name and a surname, then ``of``
    and a body's name (two or more capitalised words): the person, and where they work. Not
    ``Duke of York`` (one word before ``of``) nor ``Minister of State`` (an office)."""
    first, last = words[0].lower(), words[k - 1].lower()
    body = [w for w in words[k + 1 :] if w.lower() not in _LINKS]
    return (
        k <= 3
        and len(words) - k >= 3
        and (
            first in N.MALE_FIRST_NAMES
            or first in N.FEMALE_FIRST_NAMES
            or any((w.isupper() and len(w) > 1) or w.lower() in N.ORG_CUES for w in body)
        )  # a given name, or a body named as one ("KLM Planning", "Kilbeg Holdings")
        and last not in N.ROLE_WORDS
        and all(w[:1].isupper() for w in body)
    )


def _holder_of(info: NameInfo) -> NameInfo | None:
    """``Professor Tom Ryan of Dunmore Tech``, read as the body with the rest as its role:
    the person is the given name and surname before ``of``, the title their role."""
    lead = info.role.split() if info.role else []
    lead = lead[: lead.index("of")] if "of" in lead else []
    if len(info.name.split()) < 2:
        return None
    for i, w in enumerate(lead):
        low = w.lower()
        if low in N.MALE_FIRST_NAMES or low in N.FEMALE_FIRST_NAMES:
            if not 2 <= len(lead) - i <= 3 or lead[-1].lower() in N.ROLE_WORDS:
                return None
            gender = "m" if low in N.MALE_FIRST_NAMES else "f"
            return NameInfo("person", " ".join(lead[i:]), " ".join(lead[:i]) or None, gender)
    return None


_LINKS = _words("of for and the on &")


_PARTY_WORDS = _words(
    "democrat democratic republican gop conservative liberal labour tory independent socialist"
)
