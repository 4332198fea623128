"""Named speakers the other clause readers pass over, so that a quotation went to the previous
speaker or to an organisation named near the person (issue 14, real copy). Pure functions of a
clause, each with its pattern:

* a reporting verb put before its speaker at the end of a clause (``In other words, explained
  Ann Lee: "..."``): :func:`verb_then_name`;
* a long description between a sentence's subject and its verb (``Ann Lee, co-founder of X
  and advocate of Y, welcomed "..."``): :func:`after_long_description`;
* a conjunction after the quotation that opens a clause with a subject of its own
  (``Lee said "...," for instance, and Hale vowed to "..."``): :func:`joins_new_clause`,
  :func:`join_before_speaker`;
* a relative clause on a person (``..., from President Ann Lee, who called``; ``Ann Lee, who
  chairs the Kilbeg Fund said``) and two people of an organisation (``experts Ann Lee and Tom
  Hale of the Kilbeg Institute wrote``): :func:`named_subject`, :func:`unclosed_relative`;
* a clause that ends in its own speech verb and "that" (``even as Lee claimed that "..."``):
  :func:`ends_in_own_verb`;
* whose claim or naming a clause reports (``Lee's assertion that "..."``, ``one which
  historian Ann Lee calls "..."``): :func:`claimant`; ``as described by Ann Lee`` after a
  quotation: :func:`as_described_by`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..runs import analyse, small_cache
from .references import _clean_role, _name_segment, _Ref

# After a comma or a semicolon (or opening the clause), a reporting verb, an optional office in
# lower case ("the moderator"), then a name that ends the clause before a colon or a comma.
_VERB_THEN_NAME = re.compile(
    r"(?:^|[,;]\s+)(?:said|says|explained|explains|added|adds|wrote|writes|noted|notes|"
    r"argued|argues|recalled|recalls|continued|continues|insisted|insists|replied|replies|"
    r"responded|responds|countered|counters|observed|observes)\s+"
    r"(?:(?:the|a|an)\s+)?(?:(?!(?:of|to|about|with|for|on|in|at|by|from|that|after|as)\b)"
    r"[a-z][\w-]*\s+){0,3}?"
    r"(?P<name>(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*)\s*[,:]\s*$"
)


@small_cache(maxsize=4096)
def verb_then_name(pre: str) -> _Ref | None:
    """``Because of the schedule, said Tom Rosenfeld, "..."``, ``In other words, explained
    the moderator Ann Lee: "..."``: the clause before a quotation ends in a reporting verb and
    the person it puts after the verb. The name must read as a person (a single capitalised
    word too: ``..., said Rosenfeld, "..."``)."""
    tail = pre[-160:]
    if "," not in tail and ":" not in tail:
        return None
    m = _VERB_THEN_NAME.search(tail)
    if m is None:
        return None
    name = m.group("name")
    info = analyse(name.split())
    if info is None or info.kind not in ("person", "single"):
        return None
    return _Ref("name", name)


# How far a description between a subject and its verb may run, and how many commas it holds.
_DESCRIPTION_REACH = 240
_DESCRIPTION_COMMAS = 4


def after_long_description(after: str, verb_follows: Callable[[str], bool]) -> str | None:
    """``Ann Lee, co-founder of the Barrow Institute and advocate of a far larger effort to
    cultivate new technologies, welcomed "..."``, ``Tom Hale, founder of X, a member in the
    1960s and committeeman from Ohio, endorsed ...``: ``after`` is what follows the name; when
    it opens with a comma and, within a few commas, a comma is followed by a verb in lower
    case, what comes after that comma (the description is passed over); else None.
    ``verb_follows`` tells whether a text opens with a verb."""
    if not after.startswith(","):
        return None
    head = after[1:_DESCRIPTION_REACH]
    if not head.lstrip()[:1].islower() and not head.lstrip()[:1].isdigit():
        return None  # "Lee, Hale and Roe signed": a list of names, not a description
    pos, seen = 0, 0
    while seen < _DESCRIPTION_COMMAS:
        comma = head.find(",", pos)
        if comma < 0:
            return None
        seen += 1
        rest = head[comma + 1 :]
        if ";" in head[:comma] or ":" in head[:comma]:
            return None
        if rest.lstrip()[:1].islower() and verb_follows(rest.lstrip()):
            return rest.lstrip()
        pos = comma + 1
    return None


# A short aside after a quotation ("for instance", "too", "in turn"), then a conjunction that
# opens a new clause: what follows is another subject's, not the quotation's attribution.
_ASIDE_THEN_JOIN = re.compile(
    r"[\s,;]*(?:[a-z]+(?:\s[a-z]+){0,2},\s+)?(?:though|although|but|and|while|whereas|as|because)\s"
)


def joins_new_clause(post: str) -> bool:
    """``Lee said he'd make sand "glow in the dark," for instance, and Hale vowed to``: after
    the quotation an aside and a conjunction open a clause with a subject of its own."""
    return _ASIDE_THEN_JOIN.match(post) is not None


def unclosed_relative(segs: list[str]) -> _Ref | None:
    """``Ann Lee, who is chairman of the Kilbeg Fund said``: the clause before a verb ends in a
    relative clause on a person that no comma closes; the verb is the person's, not the
    organisation's the relative clause names."""
    if len(segs) < 2 or not segs[-1].startswith("who ") or len(segs[-1].split()) < 3:
        return None
    named = _name_segment(segs[-2])
    if named is None or named[0] != segs[-2].strip().removeprefix(named[1] or "").strip():
        return None  # the segment is the name (and its office), nothing after it
    info = analyse(named[0].split())
    if info is None or info.kind != "person":
        return None
    return _Ref("name", named[0], _clean_role(named[1]))


_WHO_AFTER_NAME = re.compile(
    r"(?P<name>(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*),\s+who"
    r"(?:\s+(?:had|has|have|was|is|also|earlier|previously|once|already|repeatedly|long))*\s*$"
)


@small_cache(maxsize=4096)
def relative_antecedent(text: str) -> _Ref | None:
    """``..., a damning reaction from President Ann Lee, who called``: the clause before a
    verb ends in a name and ``who``: the name is the verb's subject, whatever opens the
    sentence (``Domestically, the row triggered ...``)."""
    if "who" not in text[-40:]:
        return None
    m = _WHO_AFTER_NAME.search(text[-120:])
    if m is None:
        return None
    name = m.group("name")
    info = analyse(name.split())
    if info is None or info.kind != "person":
        return None
    head = text[: len(text) - len(text[-120:]) + m.end("name")]
    named = _name_segment(head[head.rfind(",") + 1 :].strip())  # "senator John McCain"
    if named is not None and named[0].endswith(info.name.split()[-1]):
        return _Ref("name", named[0], _clean_role(named[1]))
    return _Ref("name", name)


# A speech verb (and a day, a complementiser) that ends the clause right before a quotation:
# ``even as Lee claimed on Tuesday that "..."``: the quotation is that clause's.
_OWN_VERB_END = re.compile(
    r"\b(?:said|says|claimed|claims|argued|argues|insisted|insists|warned|warns|declared|"
    r"declares|wrote|writes|told reporters|added|adds|asserted|asserts|stated|states)"
    r"(?:\s+(?:on|last|this)\s+[A-Z]?[a-z]+)?\s+(?:that\s+)?$"
)


def ends_in_own_verb(pre: str) -> bool:
    """``But even as Lee claimed on Tuesday that "..."``: the clause before the quotation ends
    in its own speech verb, so a speaker named after the quotation (``one of the prosecutors
    said``) is another sentence's subject, not this quotation's."""
    return "that" in pre[-12:] and _OWN_VERB_END.search(pre[-60:]) is not None


# Within the clause after a quotation, before the speaker it names: a conjunction that opens a
# new clause ("... an "artful smear" regarding her links while Hale suggests ...").
_JOIN_INSIDE = re.compile(r"\s(?:while|whereas|although|though)\s|[,;]\s+(?:but|and)\s")


def join_before_speaker(post: str, name: str) -> bool:
    """Whether a conjunction opening a new clause comes before ``name`` in ``post``."""
    at = post.find(name)
    return at > 0 and _JOIN_INSIDE.search(post, 0, at) is not None


_PAIR_OF = re.compile(
    r"^\s*(?:[a-z]+\s+){0,3}(?P<first>(?:[A-Z][\w’'.-]*\s+){1,3}?[A-Z][\w’'-]*)\s+and\s+"
    r"(?:[A-Z][\w’'.-]*\s+){1,3}?[A-Z][\w’'-]*\s+(?:of|at|from)\s+(?:the\s+)?[A-Z]"
)


def pair_of_organisation(text: str) -> _Ref | None:
    """``nuclear experts Dan Albury and Sera Kell of Washington's Institute for Science
    Studies wrote``: two people and where they work, before a verb: the first person (the
    organisation is where they work, not who wrote)."""
    if " and " not in text or (" of " not in text and " at " not in text):
        return None
    m = _PAIR_OF.match(text)
    if m is None:
        return None
    info = analyse(m.group("first").split())
    if info is None or info.kind != "person" or info.gender is None:
        return None
    return _Ref("name", m.group("first"))


def named_subject(text: str) -> _Ref | None:
    """The person the clause before a verb names that other readers would pass over for an
    organisation or an opening word: :func:`relative_antecedent`, :func:`pair_of_organisation`."""
    return relative_antecedent(text.rstrip()) or pair_of_organisation(text)


_CLAIM_NOUNS = (
    r"(?:claim|assertion|contention|insistence|argument|statement|remark|comment|promise|"
    r"pledge|vow|warning|suggestion|charge|accusation|aside|belief|complaint|boast|view|"
    r"declaration|prediction|description|characterization|characterisation)"
)
_NAME_RUN = r"(?P<name>(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*)"
# "Ann Lee's recent assertion that ...", "the contention of former minister Ann Lee that ...",
# "one which historian Ann Lee calls": whose words the quotation that follows gives.
_CLAIMANT = re.compile(
    r"(?:" + _NAME_RUN + r"(?:’s|'s)\s+(?:[a-z][\w-]*\s+){0,3}" + _CLAIM_NOUNS + r"|"
    r"\b(?:the|a)\s+"
    + _CLAIM_NOUNS
    + r"\s+(?:of|by)\s+(?:[a-z][\w-]*\s+){0,5}"
    + _NAME_RUN.replace("name", "name2")
    + r")\s+that\s+(?:(?!\b(?:said|says|told|wrote)\b)[^.;:!?])*$"
    r"|\b(?:which|that|what|whom)\s+(?:[A-Z][\w’'.-]*\s+|[a-z][\w-]*\s+){0,5}?"
    + _NAME_RUN.replace("name", "name3")
    + r"\s+(?:has\s+|had\s+)?(?:calls|called|describes|described|dubbed|terms|termed|labels|"
    r"labelled|labeled|brands|branded)\s+(?:it\s+|them\s+)?(?:as\s+)?(?:an?\s+|the\s+)?$"
)


_CLAIM_CUES = ("that ", " call", "describ", "dubbed", "term", "label", "brand")


@small_cache(maxsize=4096)
def claimant(pre: str) -> _Ref | None:
    """``For example, Ann Lee's recent assertion that "thousands" ...``, ``the contention of
    former minister Ann Lee that her emails were subject to "over-classification"``, ``one
    which historian Ann Lee calls "a foundation"``: the person whose claim, or whose naming,
    the clause before the quotation reports (a person, not an organisation)."""
    tail = pre[-240:]
    if not any(w in tail for w in _CLAIM_CUES):
        return None
    m = _CLAIMANT.search(tail)
    if m is None:
        return None
    name = m.group("name") or m.group("name2") or m.group("name3")
    words = name.split()
    info = analyse(words)
    if info is None or info.kind not in ("person", "single"):
        return None
    return _Ref("name", name)


_AS_BY = re.compile(
    r"^[^.;:!?]{0,80}?(?:^|[\s,(—–-])as\s+(?:described|put|noted|phrased|characterized|"
    r"characterised|termed|called|dubbed|labelled|labeled)\s+(?:it\s+)?by\s+"
)


def as_described_by(post: str) -> str | None:
    """``"extremely careless" in handling it - as described by FBI Director Ann Lee -``:
    the clause after a quotation credits its words with "as described by" someone; the text
    after "by" (where the speaker is read), or None."""
    if " by " not in post[:140] or "as " not in post[:120]:
        return None
    m = _AS_BY.search(post)
    return post[m.end() :] if m is not None else None


_GAVE_NAME = re.compile(
    r"\b(?:(?:gave|giving|gives|identified|identifying)\s+(?:(?:her|his|their)\s+)?(?:only\s+)?"
    r"(?:(?:first\s+|given\s+)?name\s+)?(?:only\s+)?as|call(?:ing|ed|s)\s+(?:him|her)self|"
    r"going\s+by\s+(?:the\s+)?(?:handle|name|username))\s+([A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?)"
)


def gave_name(text: str) -> _Ref | None:
    """``a woman who gave her name only as Lakshmi``, ``a man calling himself Karl Karl``, ``a
    user going by the handle Pulvermeier``: the name someone is known by in the clause."""
    if " as " not in text and "self " not in text and " by " not in text:
        return None
    m = _GAVE_NAME.search(text)
    return _Ref("name", m.group(1)) if m is not None else None
