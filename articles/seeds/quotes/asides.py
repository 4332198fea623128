"""A clause whose named subject is followed by a circumstance set off by a comma before its
verb: ``However, Ann Lee, while speaking with reporters in Kilbeg after a visit to the port,
described the claim as untrue``. The subject is the name before the aside (never a name inside
the aside, ``Gov. Tom Ryan's year in office``). Pure functions of a short clause.
"""

from __future__ import annotations

import re

from .. import names as N
from ..names import _words
from ..runs import analyse
from .lexicon import _PREPOSITIONS, _SUBORDINATORS
from .references import _Ref

# The name, then a comma and a word that opens a circumstance, then anything but a sentence
# end, a quotation or a second clause; the closing comma is often left out ("... in office
# described").
_ASIDE = re.compile(
    r"(?<![\w’'.-])((?:[A-Z][\w’'.-]*\s){0,3}[A-Z][\w’'-]*),\s+"
    r"(?:while|when|whilst|after|before|during|speaking|addressing|responding|reacting)\s"
    r"[^,;:!?\"“”]{3,200},?\s*$"
)

# words a main clause opens with before its subject, or that open a phrase or a subordinate
# clause ended by a comma before it ("On Sunday, Ann Lee, while ...")
_LEADS = _PREPOSITIONS | _SUBORDINATORS | _words("however but and yet meanwhile still now also")
_LEADS_ALONE = _words("however but and yet meanwhile still now also")


def aside_subject(text: str) -> _Ref | None:
    """``Ann Lee, while speaking in Kilbeg,`` before a verb: Lee is its subject."""
    if ", " not in text:  # the aside's comma: most clauses have none
        return None
    clause = text.strip()
    m = _ASIDE.search(clause)
    if m is None:
        return None
    prefix = clause[: m.start()]
    if prefix:  # "However, Ann Lee, ...", "On Sunday, Ann Lee, ..." (not "When Ann Lee, ...")
        first = prefix.split(None, 1)[0].rstrip(",").lower()
        alone = first in _LEADS_ALONE and len(prefix.split()) == 1
        if not (alone or (prefix.endswith(", ") and first in _LEADS)):
            return None
    words = m.group(1).split()
    if any(w.lower().rstrip(".") in N.WEEKDAYS_MONTHS for w in words):
        return None
    info = analyse(words)
    if info is None or info.kind not in ("person", "single"):
        return None
    return _Ref("name", info.name, info.role)
