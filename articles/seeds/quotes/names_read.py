"""How a name run reads in its sentence: its words without what only capitalisation joined to
them (``Former``, ``Said``, a party, the state a politician represents), and whether it only
describes the person named after it (``Obama consultant Cornell Belcher``). Pure functions.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import names as N
from ..names import _words
from ..runs import NameInfo, Run, analyse, place_canonical
from .lexicon import (
    _CONJUNCTIONS,
    _PREPOSITIONS,
    _ROLE_DETERMINERS,
    _RUN_LEAD_MODIFIERS,
    _SUBORDINATORS,
    _US_STATES,
    _verb_like,
)

if TYPE_CHECKING:
    from .registry import _BlockInfo


def _name_words(run: Run) -> list[str]:
    """The run's words without a leading "Former"/"Acting" that only capitalisation joined."""
    tokens = run.tokens
    if len(tokens) > 1 and (
        tokens[0].lower() in _RUN_LEAD_MODIFIERS or tokens[0] in _LEAD_VERBS
    ):  # "Former Senator Ann Lee", "Said Ann Lee, who ...,"
        return tokens[1:]
    return tokens


_LEAD_VERBS = frozenset(("Said", "Says", "Added", "Wrote", "Asked"))


def _without_home(info: NameInfo | None) -> NameInfo | None:
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
    if home.lower() in _US_STATES or place_canonical(home) is not None or _affiliated(words, k):
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

_ROLE_BETWEEN = re.compile(r"(?:[’']s?)?\s+((?:[a-z][\w-]*\s+){1,3})(?=[A-Z])")


def _modifies_next_name(info: _BlockInfo, run: Run) -> bool:
    """``Obama consultant Cornell Belcher``, ``Clinton's spokesman Brian Fallon``: a name
    whose office words and a person's name follow it describes that person, who is the one
    the sentence is about (a pronoun after it stands for Belcher, not Obama)."""
    m = _ROLE_BETWEEN.match(info.text, run.end)
    if m is None:
        return False
    words = m.group(1).split()
    if any(w in _NOT_ROLE_WORDS or _verb_like(w) or w.endswith(("ly", "ing")) for w in words):
        return False
    head = words[-1]
    if not (
        head in N.ROLE_WORDS
        or head in N.PERSON_NOUNS
        or head in _MORE_ROLE_NOUNS
        or head.endswith(_ROLE_ENDINGS)
    ):
        return False  # "Ana Ruiz met Tom Brennan": a verb no list holds
    nxt = info.run_starting_at(m.end())
    if not nxt:
        return False
    after = analyse(nxt[0].tokens)
    return after is not None and after.kind == "person"


_ROLE_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person")

_MORE_ROLE_NOUNS = _words("ally aide host anchor chief head")

_NOT_ROLE_WORDS = (
    _PREPOSITIONS
    | _CONJUNCTIONS
    | _ROLE_DETERMINERS
    | _SUBORDINATORS
    | _words("and or but nor to than who whom whose which that what when where")
)
