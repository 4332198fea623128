"""A delayed introduction: the paragraph opens with a person described but not named (``A
Kilbeg man who tied up two boys called them "brats"``, ``A radio presenter who ended his
last show by calling his managers "dwarfs" said ...``), and the next paragraph names them
(``Tom Brennan, 46, appeared in court``; ``Jack Hollis, who made his comments on air,``).
The quotations of the described person's sentence are the named person's words.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import names as N
from .names_read import _ROLE_ENDINGS
from .registry import _Entity

if TYPE_CHECKING:
    from .references import _Ref
    from .spans import _Span

# "A Western Australian man who", "An off-duty officer who": up to four modifiers, then the
# head noun and the relative clause that says what the person did
_DESCRIBED = re.compile(r"An? ((?:[\w’'-]+ ){0,4}?)([a-z]+),? who ")

# "Tom Brennan, 46,", "Jack Hollis, who ...": the name the next paragraph opens with
_IDENTIFIED = re.compile(r", (?:\d{1,3},|who )")

# unnamed on purpose: a later name is someone else's
_SOURCE_NOUNS = frozenset(
    ("spokesman", "spokeswoman", "spokesperson", "source", "official", "aide", "insider")
)


def described_then_named(doc, bi: int, s: _Span) -> _Entity | None:
    """The person the next paragraph opens with, for a quotation in a sentence whose subject
    is an indefinite description with a relative clause."""
    info = doc.blocks[bi]
    if bi + 1 >= len(doc.blocks) or not info.sentences:
        return None
    a = info.sentences[s.sentence][0]
    if info.text[a : a + 2] not in ("A ", "An"):  # cheap: most sentences open otherwise
        return None
    m = _DESCRIBED.match(info.masked, a, s.mark)
    if m is None:
        return None
    head = m.group(2)
    if head in _SOURCE_NOUNS or head in N.NOT_PERSON_NOUNS:
        return None
    if not (head in N.PERSON_NOUNS or head in N.ROLE_WORDS or head.endswith(_ROLE_ENDINGS)):
        return None
    nxt = doc.blocks[bi + 1]
    first = next((mt for mt in nxt.mentions if mt.pos == 0), None)
    if first is None or first.run is None:
        return None
    ent = first.entity
    if ent.kind != "person" or len(ent.words) < 2:
        return None
    if not _IDENTIFIED.match(nxt.text, first.run.end) and not _same_noun(nxt.text, first, head):
        return None
    gender = {"man": "m", "woman": "f", "boy": "m", "girl": "f"}.get(head)
    if gender and ent.gender and ent.gender != gender:
        return None
    for earlier in doc.blocks[: bi + 1]:  # a new person: someone named before is not
        if any(mt.entity is ent for mt in earlier.mentions):
            return None
    return ent


def _same_noun(text: str, first, head: str) -> bool:
    """``Tom Brennan, a 46-year-old farmer from Kilbeg,`` after ``A farmer who``: an
    appositive that gives the person the same noun the description did."""
    end = first.run.end
    if not text.startswith((", a ", ", an "), end):
        return False
    stop = text.find(",", end + 2)
    appositive = text[end + 2 : stop if stop > 0 else end + 80]
    return head in appositive.split()


def unnamed_role(doc, bi: int, ref: _Ref) -> _Entity | None:
    """``The Kilbeg Press Agency recalls ...``, then ``The minister said he had only wanted to
    thank them``, with no minister named: an unnamed person is the latest speaker, and the
    quotation paragraphs after it are not the organisation's, which spoke last before."""
    if ref.kind != "rolenoun" or not ref.value:
        return None
    for b in range(bi - 1, max(-1, bi - 4), -1):
        said = doc.blocks[b].speakers
        if said:
            if said[-1][1].kind != "organisation":
                return None
            return _Entity(f"the {ref.value}", "anonymous", [], ref.gender)
    return None
