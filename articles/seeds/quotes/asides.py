"""A clause whose named subject is followed by a circumstance set off by a comma before its
verb: ``However, Ann Lee, while speaking with reporters in Kilbeg after a visit to the port,
described the claim as untrue``. The subject is the name before the aside (never a name inside
the aside, ``Gov. Tom Ryan's year in office``). Pure functions of a short clause.
"""

from __future__ import annotations

import re

from ..runs import analyse
from .references import _Ref

# The name, then a comma and a word that opens a circumstance, then anything but a sentence
# end or a quotation; the closing comma is often left out ("... in office described").
_ASIDE = re.compile(
    r"((?:[A-Z][\w’'.-]*\s){0,3}[A-Z][\w’'-]*),\s+"
    r"(?:while|when|whilst|after|before|during|speaking|addressing|responding|reacting)\s"
    r"[^,;:!?\"“”]{3,200},?\s*$"
)

# words a main clause opens with before its subject (never "When", which opens a subordinate)
_LEADS = frozenset(("however", "but", "and", "yet", "meanwhile", "still", "now", "also"))


def aside_subject(text: str) -> _Ref | None:
    """``Ann Lee, while speaking in Kilbeg,`` before a verb: Lee is its subject."""
    if ", " not in text:  # the aside's comma: most clauses have none
        return None
    clause = text.strip()
    first, _, rest = clause.partition(" ")
    if first.rstrip(",").lower() in _LEADS:  # "However, Ann Lee, while ...," (not "When")
        clause = rest
    m = _ASIDE.match(clause)
    if m is None:
        return None
    info = analyse(m.group(1).split())
    if info is None or info.kind not in ("person", "single"):
        return None
    return _Ref("name", info.name, info.role)
