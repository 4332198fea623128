"""The subject of a sentence that holds a quotation but no speech verb: ``Moore thanked him for
"stepping up"``, ``On Twitter, Senator Ann Lee derided the "so-called plan"``. The person the
sentence opens with (after a phrase of time, place or circumstance) is the one whose words the
quotation gives, rather than the previous paragraph's speaker. A pure function of the clause.
"""

from __future__ import annotations

import re

from ..names import _words
from ..runs import analyse, runs, small_cache
from .clauses import _object_ref
from .labels import _FINITE_VERB_RE
from .lexicon import (
    _ADVERBS,
    _AUXILIARIES,
    _INTRO_WORDS,
    _IRREGULAR_PAST,
    _after_intro,
    _verb_like,
)
from .named import after_long_description
from .openers import _clean_clause
from .references import _Ref

_SKIPPED = _ADVERBS | _words(
    "not never also just even already first then on often sometimes always now"
)

_WORD = re.compile(r"[^\s,;:()]+?(?=[.!?”’\"']*(?:[\s,;:()]|$))")


def _verb_follows(text: str) -> bool:
    """``text`` (what follows a name) opens with a verb, after adverbs and a day
    (``on Saturday criticized``, ``frequently emphasizes``, ``earlier Tuesday backed``)."""
    words = _WORD.findall(text[:80])
    for k, word in enumerate(words[:5]):
        low = word.lower()
        if word[:1].isupper() and k > 0 and words[k - 1].lower() in ("on", "earlier", "later"):
            continue  # "on Saturday", "earlier Tuesday"
        if word[:1].isupper() or not word[:1].isalpha():
            return False
        if low in _SKIPPED or (low.endswith("ly") and len(low) > 4):
            continue
        if not _verb_like(low) and low not in _IRREGULAR_PAST:
            return False
        nxt = words[k + 1].lower() if k + 1 < len(words) else ""
        # "Lee supporters responded", "Veltron shares have fallen": a plural noun, its verb
        plural = low.endswith("s") and low not in _AUXILIARIES  # "is reported": a verb
        return not (plural and (nxt.endswith("ed") or nxt in _AUXILIARIES))
    return False


# How much of a sentence's opening is read for its subject: the subject opens the sentence, and
# a paragraph of one long sentence with many quotations is not read once per quotation.
SUBJECT_REACH = 300

_CONTRAST_JOIN = re.compile(  # '"Mr. Dorsey," while Dorsey calls her': the comma quoted
    r"(?:,\s+(?:while|whereas|but)|[”\"\x00]\s+(?:while|whereas)|;)\s+"
)

# Adverbs that open a sentence before its subject with no comma ("Now Ann Lee, a rival, is"),
# unlike a phrase ("After Ann Lee spoke, ..."), which runs to its comma.
_OPENING_ADVERBS = _words("now then still also later meanwhile yet so and but today instead again")

_NAME_COMMA_VERB = re.compile(r"[A-Z][\w’'-]*(?:\s[A-Z][\w’'-]*){0,2},\s+[a-z]")

_ROLE_LEAD = re.compile(
    r"(?:(?:Her|His|Their|Its|Our|The|One|Another)\s+|[A-Z][\w.’'-]*(?:’s|'s)\s+)"
    r"(?:[a-z][\w-]*\s+){0,4}[a-z][\w-]*,\s+(?=[A-Z])"
)

_APPOSITIVE = re.compile(r",\s+(?:[^,;:]{1,90}?),\s*")


# "But he wanted to know, ...": a conjunction before the pronoun that opens a sentence.
_CONJUNCTION_BEFORE_PRONOUN = re.compile(
    r"(?:(?:but|and|so|yet|then)\s+(?=(?:he|she|they)\s))?", re.I
)


_ASIDE_AFTER_PRONOUN = re.compile(
    r"^((?:[Hh]e|[Ss]he|[Tt]hey)),\s+(?:too|however|though|meanwhile|instead|in turn),\s+"
)


@small_cache(maxsize=4096)
def sentence_subject(clause: str) -> _Ref | None:
    """The person or organisation that opens ``clause`` (a sentence up to a quotation) as the
    subject of a verb, or a subject pronoun; None when the clause opens otherwise. After a
    contrast (``X signed an order, while Ann Lee proposed "..."``) the clause after it."""
    joins = list(_CONTRAST_JOIN.finditer(clause))
    if joins and clause[joins[-1].end() :][:1].isupper():  # not ", while attending the"
        later = sentence_subject(clause[joins[-1].end() :])
        if later is not None:
            return later
    cleaned = _clean_clause(clause.strip())
    text = _after_intro(cleaned)
    head = cleaned.split(None, 2)
    if (
        len(head) > 2
        and head[0].lower() in _OPENING_ADVERBS
        and head[1][:1].isupper()
        and "," in cleaned[: len(cleaned) - len(text)]
    ):
        named = analyse(cleaned[len(head[0]) :].split(",", 1)[0].split())
        if named is not None and named.kind == "person":
            text = cleaned[len(head[0]) :].lstrip()  # "Now Ann Lee, a rival, is ..."
    text = text[_CONJUNCTION_BEFORE_PRONOUN.match(text).end() :]  # "But he asked": he
    text = _ASIDE_AFTER_PRONOUN.sub(r"\1 ", text, count=1)  # "She, too, is": she is
    role = _ROLE_LEAD.match(text)
    if role is not None:  # "Her chief policy aide, Jake Sullivan, calls ...": the name
        text = text[role.end() :]
        if _NAME_COMMA_VERB.match(text):
            text = text.replace(",", "", 1)  # "Lee's son, Grant, defended": his name's comma
    first = text.split(None, 1)[0].lower() if text.split() else ""
    if first in ("he", "she", "they"):
        rest = text.split(None, 1)[1] if " " in text else ""
        if _verb_follows(rest):
            return _Ref("pronoun", first, gender={"he": "m", "she": "f"}.get(first))
        return None
    for r in runs(text)[:4]:
        lead = text[: r.start]
        if any(mark in lead for mark in ",;:—–(") or len(lead.split()) > 6:
            return None
        if any(w.islower() and _verb_like(w) for w in lead.split()):
            return None
        if r.possessive:
            continue  # "Trump's primary rival Senator Ann Lee"
        if len(r.tokens) == 1 and lead.rstrip().rsplit(None, 1)[-1:] == ["of"]:
            continue  # "The former secretary of State began": a description's object
        info = analyse(r.tokens)
        if info is None or info.kind in ("place", "event"):
            continue
        after = text[r.end :]
        if after.startswith((" himself,", " herself,")):
            after = after[8:]  # "Ann Lee herself, who was not there, has toned down"
        appositive = _APPOSITIVE.match(after)
        if appositive is not None and after[appositive.end() :][:1].islower():
            after = after[appositive.end() :]  # "X, a Democrat, praised"
        if _verb_follows(after) or after_long_description(text[r.end :], _verb_follows):
            return _Ref("name", r.text)
    return None


_AFTER_LEAD = re.compile(r"[\s,]*")

_CLAUSE_END = re.compile(r"\s*(?:(?:back|on|out|up|in|again)\s*)?(?:[.,;:!?]|$|\s+and\s)")


@small_cache(maxsize=4096)
def reporting_clause_after(after: str, continues: bool) -> _Ref | None:
    """Who a quotation's own clause names with a verb no list holds: ``"...," Ann Lee barked``,
    ``"...!" beamed Ann Lee``, ``"...," she shot back``. ``after`` is the text that follows
    the closing mark; ``continues`` says the quotation ended in a comma or a dash, so the
    sentence goes on (after ``?`` or ``!`` the clause must end right after its verb, or put
    the verb first, for a new sentence could start there)."""
    text = after[_AFTER_LEAD.match(after).end() :][:120]
    words = text.split(None, 1)
    if not words:
        return None
    first = words[0].lower()
    if first in ("he", "she", "they"):
        rest = words[1] if len(words) > 1 else ""
        if _verb_follows(rest) and (continues or _verb_ends_clause(rest)):
            return _Ref("pronoun", first, gender={"he": "m", "she": "f"}.get(first))
        return None
    found = runs(text)
    if not found:
        return None
    r = found[0]
    info = analyse(r.tokens)
    if info is None or info.kind in ("place", "event"):
        return None
    lead = text[: r.start].split()
    described = len(lead) <= 3 and all(w.isalpha() and w.islower() for w in lead)
    if described and not any(_verb_like(w) for w in lead) and not r.possessive:
        rest = text[r.end :]  # "Ann Lee barked", "an angry Lee retaliated"
        appositive = _APPOSITIVE.match(rest)
        if appositive is not None and rest[appositive.end() :][:1].islower():
            rest = rest[appositive.end() :]
        if _verb_follows(rest) and (
            continues or _verb_ends_clause(rest) or _FINITE_VERB_RE.match(rest.lstrip())
        ):  # after "?" or "!", a speech verb ("Lee said pleasantly") or a clause's last word
            return _Ref("name", r.text)
        return None
    if len(lead) == 1 and lead[0].islower() and _verb_like(lead[0]) and r.possessive:
        named = _object_ref(text[r.start :])  # "exhorted Lee's introducer, actress Ann Roe"
        return named if named is not None and named.kind == "name" and named.role else None
    if (
        len(lead) == 1
        and lead[0].islower()
        and _verb_like(lead[0])
        and (info.kind != "single" or re.match(r"\s*[.,;]", text[r.end :]))
    ):
        return _Ref("name", r.text)  # "beamed Donald Hartley of Kilbeg", "reacted Trump."
    if (
        2 <= len(lead) <= 4
        and info.kind == "person"
        and all(w.isalpha() and w.islower() for w in lead)
        and _verb_like(lead[0])
        and not any(_verb_like(w) for w in lead[1:])
    ):
        return _Ref("name", r.text)  # "exhorted actress Jamie Dunne"
    return None


def _verb_ends_clause(rest: str) -> bool:
    """``barked.``, ``shot back,``: the verb after a name is the clause's last word."""
    m = _WORD.search(rest)
    return m is not None and _CLAUSE_END.match(rest, m.end()) is not None


_NAME_VERB_BEFORE = re.compile(
    r"(?:^|[,;—–]\s+|\s)((?:[A-Z][\w’'.-]*\s){0,3}[A-Z][\w’'-]*)\s+(?:[a-z]+ly\s+)?"
    r"([a-z]{3,}(?:ed|s))(?:\s+(?:back|out|up|in|on))?\s*[,:]\s*$"
)


@small_cache(maxsize=4096)
def reporting_clause_before(pre: str) -> _Ref | None:
    """``..., Ann Lee cracked, "..."``, ``Lee quipped: "..."``: a name and a verb no list
    holds, ending the clause right before a quotation."""
    m = _NAME_VERB_BEFORE.search(pre[-120:])
    if m is None:
        return None
    words = m.group(1).split()
    if words[-1].endswith(("'s", "’s", "s'", "s’")):
        return None  # "Lee's campaign insists,": whose, not who
    while words and words[0].lower() in _INTRO_WORDS:
        words.pop(0)  # "Then Lee quipped:"
    info = analyse(words) if words else None
    if info is None or info.kind not in ("person", "single", "organisation"):
        return None
    return _Ref("name", " ".join(words))


_CLAUSE_OPENER = re.compile(
    r"\b(?:when|after|as|because|while|since|before|until|which|whom|where|"
    r"(?:so|such)\s+[a-z]+\s+that)\s+",  # "so subdued that Lee was prompted to say"
    re.I,
)


@small_cache(maxsize=4096)
def clause_subject(text: str) -> _Ref | None:
    """``... was underscored when House Speaker Ann Lee lamented the "..."``, ``an interview
    in which Lee expressed confidence that "..."``: with no speech verb and no subject opening
    the sentence, the person named right after the last subordinator or relative word before
    the quotation, as the subject of a verb, is the one whose words it gives."""
    openers = list(_CLAUSE_OPENER.finditer(text))
    if not openers:
        return None
    rest = text[openers[-1].end() :]
    found = runs(rest)[:1]
    if not found or found[0].start != 0 or found[0].possessive:
        return None
    info = analyse(found[0].tokens)
    if info is None or info.kind not in ("person", "single"):
        return None
    after = rest[found[0].end :]
    appositive = _APPOSITIVE.match(after)
    if appositive is not None and after[appositive.end() :][:1].islower():
        after = after[appositive.end() :]  # "when Ann Lee, who had lost, called for"
    if not _verb_follows(after):
        return None
    tokens = list(found[0].tokens)
    if "of" in tokens[1:]:  # "Speaker Ann Lee of Kilbeg": the person, not her home
        head = analyse(tokens[: tokens.index("of")])
        if head is not None and head.kind == "person":
            return _Ref("name", " ".join(tokens[: tokens.index("of")]))
    return _Ref("name", found[0].text)
