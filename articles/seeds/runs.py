"""Name runs: maximal sequences of capitalised words in a text (where a name starts and ends,
what joins its words, when a month or a place beside it is part of it); what kind of name each
one is, ``name_kinds``.

Shared by quote attribution and tag extraction so both see the same names. Pure Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain

from . import names as N
from .name_kinds import (  # noqa: F401 (re-exported: the stages read names through runs)
    _MONTH_FIRST_NAMES,
    PARTY_AFFILIATION,
    NameInfo,
    _role_word,
    analyse,
    first_name_gender,
    place_canonical,
    strip_common,
)
from .textcache import CONNECT as _CONNECT
from .textcache import small_cache

_TOKEN = re.compile(r"[^\W_](?:[\w’'\-]|\.(?=[^\W_]))*\.?")
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|at|ash|az|an|ul|ur)-[^\W\d_]")
_KEEP_DOT = N.TITLES | N.ROLE_WORDS | N.POSTNOMINALS | frozenset({"st.", "a.m.", "p.m."})


@dataclass(slots=True)
class Token:
    text: str  # stripped of a trailing full stop and possessive
    start: int
    end: int  # end of the stripped text
    raw_end: int
    possessive: bool = False

    @property
    def low(self) -> str:
        return self.text.lower()


@dataclass(slots=True)
class Run:
    """A run of name words in some text: ``tokens`` are the words, ``start``/``end`` offsets."""

    tokens: list[str]
    start: int
    end: int
    possessive: bool = False

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


def tokens(text: str, offset: int = 0) -> list[Token]:
    """Word tokens with offsets; a trailing full stop is kept only on abbreviations."""
    out = []
    words = text.split(" ")
    if all(word.isalpha() for word in words):  # "Hana van der Berg": each word is a token
        pos = offset
        for word in words:
            out.append(Token(word, pos, pos + len(word), pos + len(word)))
            pos += len(word) + 1
        return out
    for m in _TOKEN.finditer(text):
        word = m.group()
        start = m.start() + offset
        raw_end = m.end() + offset
        if word.isalpha():  # most words: no full stop, apostrophe or hyphen to look at
            out.append(Token(word, start, raw_end, raw_end))
            continue
        if word.endswith(".") and word.lower() not in _KEEP_DOT and "." not in word[:-1]:
            initial = len(word) == 2 and word[0].isupper()
            if not (initial and text[m.end() : m.end() + 2][1:2].isupper()):
                word = word[:-1]
        possessive = False
        if len(word) > 2 and word[-2:] in ("’s", "'s"):
            word, possessive = word[:-2], True
        elif len(word) > 2 and word[-1] in "’'" and word[-2] == "s":
            word, possessive = word[:-1], True
        word = word.strip("’'-")
        if word:
            out.append(Token(word, start, start + len(word), raw_end, possessive))
    return out


@small_cache(maxsize=16384, max_len=64)
def is_cap(word: str) -> bool:
    """A word that can be part of a name: capitalised, or ``al-Aref``; never a weekday/month.
    Cached: it is asked of the same words again and again."""
    if not word:
        return False
    if word[0].isupper():
        low = word.lower()
        return low.rstrip(".") not in N.WEEKDAYS_MONTHS and not low.endswith(_ADJECTIVE_ENDINGS)
    return bool(_ARTICLE_PREFIX.match(word))


# "Nairobi-based", "Russian-backed": adjectives made from a name, never part of one.
_ADJECTIVE_ENDINGS = ("-based", "-born", "-backed", "-led", "-owned", "-funded", "-headquartered")


def word_regex(words: list[str]) -> str:
    """A regular expression alternation of ``words`` factored as a trie, which matches faster."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſ"
# Tries rather than plain alternations: the same matches (a particle must be followed by a
# space and a prefix by "-", so at most one alternative can succeed), found with fewer tries.
_PARTICLE_RE = word_regex(sorted(N.PARTICLES))
# The repetitions that can run over a whole text are possessive (``*+``): what follows them
# can never match inside what they took, so the matches are the same, but the engine keeps
# no backtracking state for each word or character taken (a megabyte-long run of capitalised
# words cost over a kilobyte of it per word).
_NAME_WORD = (
    rf"(?:[{_UPPER}]|(?:{word_regex([p[:-1] for p in N.ARTICLE_PREFIXES])})-[{_UPPER}])"
    r"(?:[\w’'\-]|\.(?=\w))*+\.?"
)
_CANDIDATE = re.compile(
    rf"(?<![\w’'\-])(?:(?:{_PARTICLE_RE}) )*{_NAME_WORD}"
    rf"(?:(?: (?:(?:{_PARTICLE_RE}) )*| (?:(?:of|for|and|the|on|&) )+){_NAME_WORD})*+"
)


def runs(text: str, offset: int = 0) -> list[Run]:
    """Maximal runs of capitalised words joined by single spaces, particles and connectors.

    ``van der Berg`` and ``Department of Fire and Emergency Services`` are one run each;
    ``Russia and Assad`` is two ("and" joins only inside an ``X of Y and Z`` name).
    A regular expression finds the stretches worth a closer look; only those are tokenised.
    """
    found = _runs_cached(text)
    if not offset:
        return list(found)
    return [Run(r.tokens, r.start + offset, r.end + offset, r.possessive) for r in found]


@small_cache(maxsize=8192)
def _runs_cached(text: str) -> tuple[Run, ...]:
    out: list[Run] = []
    for m in _candidates(text):
        found = word = m.group()
        if found[-1] == "." and len(found) > 2 and found.lower() not in _KEEP_DOT:
            word = found[:-1]  # "Quito.": a sentence's full stop, as ``tokens`` reads it
        if word.isalpha():  # one plain word, the commonest case: what _runs_in makes of it
            low = word.lower()
            if is_cap(word) and low not in _CONNECT and low not in N.PARTICLES:
                out.append(Run([word], m.start(), m.start() + len(word)))
            continue
        head, _, rest = found.partition(" ")
        if head.lower() in _MONTH_FIRST_NAMES and _month_is_a_name(text, m.start(), rest):
            inner = _runs_in(rest, m.start() + len(head) + 1)
            if inner and inner[0].start == m.start() + len(head) + 1:  # "April Lee said"
                first = inner[0]
                inner[0] = Run([head, *first.tokens], m.start(), first.end, first.possessive)
            out.extend(inner)
            continue
        out.extend(_runs_in(found, m.start()))
    return tuple(out)


# A month after a word like these is a date, never a given name ("in April Lee's ...").
_BEFORE_A_DATE = N._words(
    "in on since until till by last next early late mid of from through during before after "
    "this that every each between and or to for a an the"
)


def _month_is_a_name(text: str, start: int, rest: str) -> bool:
    """``April Lee, a spokeswoman``: a month that is also a given name, before a capitalised
    word that is not a date's, and after no word that makes it a date (``in April Lee``)."""
    word = rest.split(" ", 1)[0]
    if not word[:1].isupper() or word.lower().rstrip(".") in N.WEEKDAYS_MONTHS:
        return False
    before = text[max(0, start - 16) : start].split()
    return not before or (
        before[-1].lower() not in _BEFORE_A_DATE and not before[-1][-1:].isdigit()
    )


_UNMASKED = re.compile("[^\x00]+")


def _candidates(text: str) -> Iterator[re.Match[str]]:
    """``_CANDIDATE.finditer(text)``, reading only the stretches between the NULs that mask
    quotations: a candidate holds no NUL, and a NUL before or after a stretch reads as its
    start or end does, so the matches are the same without trying every masked position.
    (An iterator, not a generator: most texts mask nothing, and then the matches come
    straight from ``finditer``.)"""
    if "\x00" not in text:
        return _CANDIDATE.finditer(text)
    return chain.from_iterable(
        _CANDIDATE.finditer(text, stretch.start(), stretch.end())
        for stretch in _UNMASKED.finditer(text)
    )


def _runs_in(text: str, offset: int) -> list[Run]:
    words = text.split(" ")
    if all(word.isalpha() and is_cap(word) for word in words):
        # "Quentin Fernandes", the commonest case: every word joins the run, so it is what
        # the loop below makes of the words, without tokenising them one by one.
        while words and (words[-1].lower() in _CONNECT or words[-1].lower() in N.PARTICLES):
            words.pop()
        return [Run(words, offset, offset + len(text))] if words else []
    toks = tokens(text, offset)
    out: list[Run] = []
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if not (
            is_cap(t.text) or (t.low in N.PARTICLES and _particle_leads(toks, i, text, offset))
        ):
            i += 1
            continue
        words = [t.text]
        start, end = t.start, t.end
        possessive = t.possessive
        has_of = False
        j = i + 1
        while j < n and (not possessive or _plural_possessive_name(toks, j, text, offset)):
            joined = possessive
            if possessive:  # "Shopworkers' Alliance": the apostrophe belongs to the name
                words[-1] = text[toks[j - 1].start - offset : toks[j - 1].raw_end - offset]
                possessive = False
            prev, cur = toks[j - 1], toks[j]
            gap = text[prev.raw_end - offset : cur.start - offset]
            if gap != " " or (
                prev.raw_end != prev.end and not prev.text.endswith(".") and not joined
            ):
                break
            if is_cap(cur.text) or (
                cur.low in N.PARTICLES and _particle_leads(toks, j, text, offset)
            ):
                words.append(cur.text)
            elif (
                cur.low in _CONNECT
                and j + 1 < n
                and _joins(toks, j, text, offset, has_of)
                and not (cur.low == "of" and _person_of_body(words, toks, j))
            ):
                words.append(cur.text)
                has_of = has_of or cur.low in ("of", "for")
            else:
                break
            end = cur.end
            possessive = cur.possessive
            j += 1
        # drop trailing connectors/particles
        while words and (words[-1].lower() in _CONNECT or words[-1].lower() in N.PARTICLES):
            words.pop()
        if words:
            out.append(Run(words, start, end, possessive))
        i = j
    return out


def _person_of_body(words: list[str], toks: list[Token], j: int) -> bool:
    """``Nandini Rao of Pune University``: a person's name, then the body they belong to,
    which is a name of its own (the ``of`` at ``toks[j]`` does not join them)."""
    if not 2 <= len(words) <= 6 or not words[-1][:1].isupper():
        return False
    if words[-1].lower() in N.ROLE_WORDS:  # "Minister of State": an office, not a person
        return False
    info = analyse(words)
    if info is None or info.kind != "person" or not 2 <= len(info.name.split()) <= 4:
        return False
    if any(w.isupper() or w.lower() in N.COMMON_CAPITALISED for w in info.name.split()):
        return False
    nxt = toks[j + 1 : j + 3]
    if nxt and place_canonical(nxt[0].text) and (len(nxt) == 1 or not is_cap(nxt[1].text)):
        return True  # "Abebe Kebede of Ethiopia": a person and the country they represent
    for tok in toks[j + 1 : j + 7]:
        if not (is_cap(tok.text) or tok.low in _CONNECT):
            break
        if tok.low in N.ORG_CUES:
            return True
    return False


_IRREGULAR_PLURALS = frozenset({"women", "men", "children", "people"})
_POSSESSIVE_OFFICES = frozenset(
    {
        "sheriff",
        "governor",
        "mayor",
        "prosecutor",
        "attorney",
        "general",
        "coroner",
        "marshal",
        "president",
        "commissioner",
        "auditor",
        "comptroller",
        "treasurer",
        "ombudsman",
    }
)


def _plural_possessive_name(toks: list[Token], j: int, text: str, offset: int) -> bool:
    """``Farmers' Union``: a plural possessive followed by a capitalised organisation word."""
    prev, cur = toks[j - 1], toks[j]
    raw = text[prev.start - offset : prev.raw_end - offset]
    if (
        prev.low in _POSSESSIVE_OFFICES
        and raw[-2:] in ("’s", "'s")
        and text[prev.raw_end - offset : cur.start - offset] == " "
        and is_cap(cur.text)
        and cur.low in N.INSTITUTION_CUES
        and j >= 2
        and is_cap(toks[j - 2].text)
    ):  # "Franklin County Sheriff’s Office": an office named after its holder
        return True
    if prev.low in _IRREGULAR_PLURALS and raw[-2:-1] in "'’":  # "Women’s FA Cup"
        return text[prev.raw_end - offset : cur.start - offset] == " " and is_cap(cur.text)
    return (
        (
            (raw[-1:] in "'’" and raw[-2:-1] == "s")
            or (prev.low.endswith("men") and raw[-2:-1] in "'’")
        )
        and text[prev.raw_end - offset : cur.start - offset] == " "
        and is_cap(cur.text)
        and cur.low in N.ORG_CUES
    )


def _particle_leads(toks: list[Token], i: int, text: str, offset: int) -> bool:
    """A lower-case particle is part of a name only when a capitalised word follows."""
    j = i + 1
    while j < len(toks) and toks[j].low in N.PARTICLES:
        j += 1
    if j >= len(toks) or j - i > 3:
        return False
    gap = text[toks[j - 1].raw_end - offset : toks[j].start - offset]
    return gap == " " and is_cap(toks[j].text) and not toks[j].text.isupper()


def _joins(toks: list[Token], j: int, text: str, offset: int, has_of: bool) -> bool:
    word = toks[j].low
    nxt = toks[j + 1]
    if text[toks[j].raw_end - offset : nxt.start - offset] != " ":
        return False
    if word in ("of", "for"):  # "Department of Health", never "head of The ..."
        return is_cap(nxt.text) and (
            nxt.low not in N.COMMON_CAPITALISED or nxt.low in N.PORTFOLIO_WORDS
        )
    if word == "on" and toks[j - 1].low in _ON_HEADS and is_cap(nxt.text):
        return nxt.low not in N.COMMON_CAPITALISED or nxt.low in N.PORTFOLIO_WORDS
    if word in ("and", "&", "the", "on"):
        if has_of:  # never "... of India Ann Roy and Justices Bo Lee": a second office holder
            return is_cap(nxt.text) and not (word == "and" and _role_word(nxt.low))
        return (
            word in ("and", "&")
            and place_canonical(toks[j - 1].text) is None
            and _org_follows(toks, j + 1, text, offset)
        )
    return False


# Bodies and instruments named by their subject: "Convention on Climate Change",
# "Committee on Foreign Affairs", "Conference on Disarmament".
_ON_HEADS = frozenset(
    {"convention", "committee", "commission", "conference", "council", "panel", "tribunal"}
    | {"treaty", "protocol", "forum", "subcommittee", "task", "force", "agreement"}
)


def _org_follows(toks: list[Token], k: int, text: str, offset: int) -> bool:
    """``Nurses and Midwives Organisation``: after "and", at most four capitalised words
    end in an organisation word, so the "and" is inside one name."""
    for m in range(k, min(k + 4, len(toks))):
        tok = toks[m]
        if not is_cap(tok.text) or (m == k and tok.low in N.COMMON_CAPITALISED):
            return False
        if m > k and text[toks[m - 1].raw_end - offset : tok.start - offset] != " ":
            if not (m - k >= 2 and tok.low in N.INSTITUTION_CUES):
                return False
            if not _plural_possessive_name(toks, m, text, offset):
                return False
        if tok.low in N.INSTITUTION_CUES and m > k:
            return True
    return False


_ORG_HEADS = (
    "Department|Ministry|Office|Agency|Council|Commission|Committee|Institute|Federation|"
    "Association|Union|Society|Organisation|Organization|Bureau|Authority|Board|Foundation|"
    "Centre|Center|School|College|University|Academy|Museum|Directorate|Secretariat|Fund"
)
_CAPS = rf"{_NAME_WORD}(?: {_NAME_WORD})*"
_COMMA_ORG = re.compile(
    rf"(?<![\w’'\-])(?:{_ORG_HEADS}) (?:of|for) (?:the )?{_CAPS}(?:, {_CAPS})+,? and {_CAPS}"
)


_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]+(?:,[^()\n]{0,40}?)?\s*\([^()\n]{1,30}\)\s*[-—–]+\s"
    # "Washington (AFP) –": a city in capitals and lower case, with the agency
    r"|^[A-Z][a-z]+(?: [A-Z][a-z]+)?\s*\((?![DRI]-)[A-Z][^()\n]{1,29}\)\s*[-—–]+\s"
    r"|^[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*(?:, [A-Z][\w.]*(?: [A-Z][\w.]*)?)? [—–] "
    r"(?=[A-Z“\"‘'])"  # "DES MOINES, Iowa — The ...", "WASHINGTON — A ..."
)


def dateline_end(text: str) -> int:
    """Where the wire dateline (``BRUSSELS, March 4 (Reuters) -``) a body opens with ends,
    or 0: the city and agency there are the byline, never the story's speakers or subjects."""
    m = _DATELINE.match(text)
    return m.end() if m else 0


def comma_org_names(text: str) -> list[tuple[int, int, str]]:
    """Institutions whose name holds a ``, X and Y`` list after an organisation word:
    ``Department for Environment, Food and Rural Affairs`` as (start, end, name)."""
    if ", " not in text or " and " not in text:
        return []
    return [(m.start(), m.end(), m.group()) for m in _COMMA_ORG.finditer(text)]
