"""How a name run reads in its sentence: its words without what only capitalisation joined to
them (``Former``, ``Said``; a party or a home: ``name_homes``), and whether it only describes the
person named after it (``Obama consultant Cornell Belcher``). Pure functions.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import names as N
from ..names import _words
from ..runs import Run, analyse
from .lexicon import (
    _CONJUNCTIONS,
    _PREPOSITIONS,
    _ROLE_DETERMINERS,
    _RUN_LEAD_MODIFIERS,
    _SUBORDINATORS,
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
