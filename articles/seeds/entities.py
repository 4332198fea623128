"""Tag candidates: the people, places and organisations an article is about. Pure Python.

Names are the capitalised runs of the text outside quotation marks (quoted text holds titles,
nicknames and other people's words). Short forms fold into the fullest form ("Kerry" into "John
Kerry", "U.S." into "United States", "SAMS" into the society it abbreviates), and salience comes
from frequency, position, the headline and standfirst, and being quoted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from . import names as N
from .format import Block
from .name_homes import without_home
from .quotes import ExtractedQuote, mask_quotes, paragraph_layout
from .records import reduce_to_call
from .runs import (
    Run,
    analyse,
    comma_org_names,
    dateline_end,
    first_name_gender,
    place_canonical,
    runs,
    small_cache,
    strip_common,
)

__all__ = ["TagCandidate", "extract_tags"]


@dataclass(frozen=True, slots=True)
class TagCandidate:
    """A tag: canonical name, kind, the other forms folded into it, and a salience score."""

    name: str
    kind: str
    aliases: tuple[str, ...]
    score: float

    __reduce__ = reduce_to_call  # cheap to send from a worker process


@dataclass(slots=True)
class _Cand:
    name: str
    kind: str
    forms: dict[str, None] = field(default_factory=dict)
    score: float = 0.0
    mentions: int = 0
    first: int = 10**6
    person_evidence: int = 0
    places: int = 0  # mentions after a place preposition


_COMPASS = frozenset(
    ["west", "east", "north", "south", "northern", "southern", "eastern", "western", "central"]
)
_PLACE_PREPOSITIONS = frozenset(
    ["in", "at", "near", "from", "across", "to", "into", "outside", "inside", "around"]
)


def _word_before(text: str, lo: int, hi: int) -> str:
    """The word that ``(\\w+)\\s+$`` finds in ``text[lo:hi]`` (the last word, then spaces up
    to ``hi``), or "": stepping back from ``hi`` costs a few characters, where the regular
    expression backtracks at every position of the window."""
    j = hi
    while j > lo and text[j - 1].isspace():
        j -= 1
    if j == hi:
        return ""
    space = text.rfind(" ", lo, j)
    word = text[space + 1 : j]
    if space >= 0 and word.replace("_", "a").isalnum():
        return word  # the usual case: the word runs back to a space
    i = j
    while i > lo and (text[i - 1].isalnum() or text[i - 1] == "_"):
        i -= 1
    return text[i:j]


_MASKED = re.compile("\x00+")
_LOWER_WORD = re.compile(r"\b[a-z][a-z’'-]+\b")
# Legislatures and seats of power named by one capitalised word ("the Senate").
_LEGISLATURES = N._words(
    "senate congress parliament kremlin pentagon bundestag knesset duma dáil dail oireachtas "
    "seanad storting riksdag folketing sejm"
)
# Names that end in a number ("Interstate 94", "BBC Radio 3", "Terminal 5").
_NUMBERED_HEADS = N._words(
    "interstate highway route motorway radio channel terminal pier platform gate runway "
    "formula apollo"
)
# Lower-case nouns written after a proper name that belong to it ("Nha Phu bay").
_GEO_NOUNS = N._words(
    "bay gulf lagoon estuary delta peninsula reef glacier canyon plateau basin atoll "
    "archipelago fjord"
)
_PRIZE_NOUNS = N._words("prize award trophy medal")
_NAME_TAIL = re.compile(
    r" (?:(\d{1,4})(?![\w.,]\d)|(" + "|".join(sorted(_GEO_NOUNS | _PRIZE_NOUNS)) + r"))\b(?![’'-])"
)
_SENTENCE_START = re.compile(r"(?:[.!?:;]\s+|[“\"(]\s*)$")


_PAREN_ACRONYM = re.compile(r"\s\(([A-Z][A-Za-z&-]*[A-Z][A-Za-z&-]*)\)")


def _initials(words: list[str]) -> str:
    return "".join(
        w[0] for w in words if w[:1].isupper() and w.lower() not in ("of", "for", "and", "the")
    )


class _Collector:
    def __init__(self) -> None:
        self.cands: dict[str, _Cand] = {}
        # (weight, order, sentence-initial, after a place preposition, after "the")
        self.singles: dict[str, list[tuple[float, int, bool, bool, bool]]] = {}
        self.body_masked: list[str] = []  # the body outside quotations, for ``is_lower_word``
        self._lower_words: set[str] | None = None
        self.quoted: list[tuple[str, str]] = []  # paragraphs with quotations, and masked
        self.acronyms: dict[str, str] = {}  # "IN-SPACe" -> the name it was given after

    def is_lower_word(self, low: str) -> bool:
        """Whether the body writes ``low`` as a lower-case word outside quotations. The words
        are listed only when some paragraph holds ``low`` at all, which is rarely."""
        if self._lower_words is None:
            if not any(low in text for text in self.body_masked):
                return False
            self._lower_words = set()
            for text in self.body_masked:
                self._lower_words.update(_LOWER_WORD.findall(text))
        return low in self._lower_words

    def add(self, name: str, kind: str, form: str, weight: float, order: int) -> _Cand:
        key = name.lower()
        cand = self.cands.get(key)
        if cand is None:
            cand = self.cands[key] = _Cand(name, kind)
        cand.forms[form] = None
        cand.score += weight
        cand.mentions += 1
        cand.first = min(cand.first, order)
        return cand

    def scan(self, text: str, weight: float, order: int, body: bool) -> None:
        masked = paragraph_layout(text).masked if body else mask_quotes(text)
        if body:
            self.body_masked.append(masked)
            if masked != text:
                self.quoted.append((text, masked))
            cut = dateline_end(masked) if order == 1 else 0
            if cut:  # "BRUSSELS, March 4 (Reuters) -": the byline, not the story
                masked = " " * cut + masked[cut:]
        for action in _read(masked):
            what = action[0]
            if what == "add":
                _what, name, kind, form, half, person, place = action
                cand = self.add(name, kind, form, 0.5 * weight if half else weight, order)
                if person:
                    cand.person_evidence += 1
                if place:
                    cand.places += 1
            elif what == "single":
                _what, word, at_start, after_place, after_the = action
                self.singles.setdefault(word, []).append(
                    (weight, order, at_start, after_place, after_the)
                )
            elif what == "evidence":
                self._single_evidence[action[1]] = self._single_evidence.get(action[1], 0) + 1
            else:  # "acronym"
                self.acronyms.setdefault(action[1], action[2])

    _single_evidence: dict[str, int]


# What reading a text contributes, in order, for the collector to apply with the text's
# weight and order: ("add", name, kind, form, at half weight, person evidence, after a place
# preposition), ("single", word, sentence-initial, after a place preposition, after "the"),
# ("evidence", a single name's key) or ("acronym", acronym, the name it abbreviates).
# Reading is kept apart from applying so that it is a pure function of the text.
_Action = tuple[str | bool, ...]


@small_cache(maxsize=8192)
def _read(masked: str) -> tuple[_Action, ...]:
    """The names in a text with its quotations masked: a pure function of the text, cached
    like :func:`runs` (wire copy repeats its stock paragraphs from story to story)."""
    out: list[_Action] = []
    spans = comma_org_names(masked)
    for _a, _b, name in spans:  # "Department for Environment, Food and Rural Affairs"
        out.append(("add", name, "organisation", name, False, False, False))
    found = runs(masked)
    if "(" in masked:
        out.extend(("acronym", short, name) for short, name in _acronyms(masked, found))
    for run in found:
        if spans and any(a <= run.start < b for a, b, _n in spans):
            continue
        before = _word_before(masked, max(0, run.start - 24), run.start)
        out.extend(_read_run(masked, run, before.lower()))
    return tuple(out)


def _acronyms(text: str, found: list[Run]) -> list[tuple[str, str]]:
    """``Indian National Space Promotion and Authorisation Centre (IN-SPACe)``: the
    acronym in brackets is a short form of the name just before it."""
    out = []
    by_end: dict[int, list[Run]] = {}
    for r in found:
        by_end.setdefault(r.end, []).append(r)
    for m in _PAREN_ACRONYM.finditer(text):
        before = by_end.get(m.start())
        if before:
            stripped = strip_common(before[-1].tokens)
            if len(stripped) > 1:
                info = analyse(stripped)
                if info is not None and info.kind in ("organisation", "place"):
                    out.append((m.group(1), place_canonical(info.name) or info.name))
    return out


def _places_side_by_side(words: list[str]) -> bool:
    """``EU Turkey``, ``Israel Gaza``: words that are each a place (or a union of them) on
    their own, where together they name no place, are places side by side, as in "the EU
    Turkey deal". (A person's name rarely has a place for both names: "Jordan Henderson"
    does not.)"""
    return (
        len(words) > 1
        and all(place_canonical(word) for word in words)
        and place_canonical(" ".join(words)) is None
    )


def _read_run(text: str, run: Run, prev: str) -> list[_Action]:
    """What one run of capitalised words in ``text`` contributes (``prev``: the word before)."""
    words = run.tokens
    nxt = text[run.end + 1 : run.end + 2]
    if not run.possessive and nxt and (nxt.isdigit() or nxt in "bglerdcpaftm"):
        tail = _NAME_TAIL.match(text, run.end)
        if tail is not None:
            if tail.group(1):  # "Interstate 94", "BBC Radio 3"
                if words[-1].lower() in _NUMBERED_HEADS:
                    words = [*words, tail.group(1)]
            else:  # "Nha Phu bay", "the Harland prize": a lower-case kind of thing
                stripped = strip_common(words)
                if stripped and all(w[:1].isupper() for w in stripped):
                    noun = tail.group(2)
                    kind = "place" if noun in _GEO_NOUNS else "topic"
                    name = " ".join([*stripped, noun])
                    return [("add", name, kind, name, False, False, False)]
    if words[0].isupper() and len(words[0]) > 6 and all(w.isupper() and len(w) > 6 for w in words):
        return []
    if words[-1].endswith(".") and len(words[-1]) == 2:
        words = [*words[:-1], words[-1][0]]
    if (
        len(words) > 1
        and words[-1].lower() in N.DEMONYMS
        and all(w.lower() in _COMPASS for w in words[:-1])
    ):
        return [("add", N.DEMONYMS[words[-1].lower()], "place", words[-1], True, False, False)]
    at_start = run.start == 0 or bool(
        _SENTENCE_START.search(text[max(0, run.start - 4) : run.start])
    )
    stripped = strip_common(words)
    if not stripped:
        return []
    if len(stripped) < len(words):
        at_start = True if len(stripped) == len(words) - 1 and at_start else at_start
        if words[-len(stripped) - 1].lower() == "the":
            prev = "the"  # "The Senate passed": the article belongs to the name
    low0 = stripped[0].lower()
    if len(stripped) == 1:
        word = stripped[0]
        demonym = N.DEMONYMS.get(word.split("-")[0].lower())
        if demonym and (word.islower() is False):
            return [("add", demonym, "place", word, True, False, False)]
        acronym = word.isupper() and len(word) > 1
        if not acronym and (low0 in N.PRONOUNS or low0 in N.COMMON_CAPITALISED):
            return []
        if len(word) < 2:
            return []
        return [("single", word, at_start, prev in _PLACE_PREPOSITIONS, prev == "the")]
    if _places_side_by_side(stripped):  # "the US Iran talks": two places, never one name
        return [
            ("single", word, at_start and i == 0, prev in _PLACE_PREPOSITIONS, prev == "the")
            for i, word in enumerate(stripped)
        ]
    info = analyse(stripped)
    if info is None:
        return []
    out: list[_Action] = []
    person = without_home(info)
    if person is not info and person is not None and "of" in stripped:
        # "James Cain of Harbour Planning Consultants", "Senator Ann Lee of Vermont": the
        # person, and where they work or come from as a tag of its own (never one for both)
        info = person
        home = stripped[len(stripped) - stripped[::-1].index("of") :]
        place = " ".join(home)
        if place.lower() in N.US_STATES or place_canonical(place) is not None:
            place = place_canonical(place) or place
            out.append(("add", place, "place", " ".join(home), False, False, True))
        else:  # where they work: read as any name is
            out.extend(_read_run(text, Run(home, run.end - len(place), run.end), "of"))
    if info.role:
        # "US Secretary of State John Kerry": the role may name a place too
        for w in info.role.split():
            canon = place_canonical(w)
            if canon and w.isupper():
                out.append(("add", canon, "place", w, False, False, False))
    if info.kind == "single":
        out.append(("single", info.name, False, False, False))
        if info.gender or info.role:
            out.append(("evidence", info.name.lower()))
        return out
    kind = {"event": "topic"}.get(info.kind, info.kind)
    form = info.name if info.kind == "person" else " ".join(stripped)
    if kind == "place" or kind == "organisation":
        canon = place_canonical(info.name)
        name = canon or info.name
    else:
        name = info.name
    person = info.kind == "person" and bool(info.gender or info.role)
    out.append(("add", name, kind, form, False, person, prev in _PLACE_PREPOSITIONS))
    return out


def extract_tags(
    headline: str,
    standfirst: str,
    blocks: Sequence[Block],
    quotes: Sequence[ExtractedQuote] = (),
    limit: int = 12,
) -> list[TagCandidate]:
    """People, places and organisations ranked by salience, short forms folded in."""
    col = _Collector()
    col._single_evidence = {}
    if headline:
        col.scan(headline, 3.0, 0, body=False)
    col.scan(standfirst, 2.0, 0, body=False)
    for index, block in enumerate(blocks):
        if block.is_subheading:
            continue
        col.scan(block.text, 1.0 + 1.0 / (1 + index), index + 1, body=True)
    for q in quotes:
        if q.speaker:
            key = q.speaker.lower()
            kind = "organisation" if q.speaker_kind == "organisation" else "person"
            canon = place_canonical(q.speaker)
            if canon:
                key, kind = canon.lower(), "place"
            cand = col.cands.get(key)
            if cand is None:
                cand = col.add(canon or q.speaker, kind, q.speaker, 0.0, q.block + 1)
                cand.mentions -= 1
            cand.score += 0.75
            if kind == "person" and cand.kind != "person" and cand.kind != "place":
                cand.kind = "person"
            if kind == "person":
                cand.person_evidence += 2
    _fold_suffixes(col)
    _fold_singles(col)
    _settle_kinds(col)
    ranked = sorted(
        (c for c in col.cands.values() if c.mentions > 0 or c.score > 1.0),
        key=lambda c: (-c.score, c.first, c.name),
    )
    out = []
    for c in ranked[:limit]:
        aliases = tuple(f for f in c.forms if f.lower() != c.name.lower())
        out.append(TagCandidate(c.name, c.kind, aliases, round(c.score, 3)))
    return out


def _merge(col: _Collector, source: _Cand, target: _Cand) -> None:
    target.forms[source.name] = None
    target.forms.update(source.forms)
    target.score += source.score
    target.mentions += source.mentions
    target.first = min(target.first, source.first)
    target.person_evidence += source.person_evidence
    col.cands.pop(source.name.lower(), None)


def _fold_suffixes(col: _Collector) -> None:
    """ "de Jong" folds into "Marieke de Jong"; "Opposition Konkan Jan Morcha" into the party.

    Only the suffixes as long as some candidate's name are looked up: a name of n words would
    otherwise build n suffixes of up to n words (a run of a million capitalised words)."""
    lengths = {len(key.split()) for key in col.cands}
    for key in sorted(col.cands, key=lambda k: -len(k.split())):
        long = col.cands.get(key)
        if long is None:
            continue
        words = long.name.split()
        for cut in range(1, len(words) - 0):
            if len(words) - cut not in lengths:
                continue  # no candidate's name has that many words: nothing to fold
            short = col.cands.get(" ".join(words[cut:]).lower())
            if short is None or short is long:
                continue
            lead = [w.lower() for w in words[:cut]]
            if long.kind == "person" or short.kind == "person":
                if long.kind == "person":
                    _merge(col, short, long)
            elif all(w in N.COMMON_CAPITALISED or w in N.PORTFOLIO_WORDS for w in lead):
                _merge(col, long, short)
                break


def _fold_singles(col: _Collector) -> None:
    """Fold one-word mentions into the full name they shorten, or keep them as tags."""
    multi = _MultiWordNames([c for c in col.cands.values() if len(c.name.split()) > 1])
    quoted_text: str | None = None  # the quotations: the speakers' mentions count too
    for word, uses in col.singles.items():
        low = word.lower()
        weight = sum(u[0] for u in uses)
        first = min(u[1] for u in uses)
        target = _single_target(col, multi, word)
        given = col.acronyms.get(word)
        if given is not None and given.lower() in col.cands:
            target = col.cands[given.lower()]
        if target is not None:
            target.forms[word] = None
            target.score += weight
            target.mentions += len(uses)
            target.first = min(target.first, first)
            if target.kind == "person" or low in col._single_evidence:
                target.person_evidence += 1
            continue
        canon = place_canonical(word)
        if canon:
            existing = col.cands.get(canon.lower())
            if existing is None:
                kind = "organisation" if canon in N.ORG_PLACES else "place"
                existing = col.add(canon, kind, word, 0.0, first)
                existing.mentions = 0
            existing.forms[word] = None
            existing.score += weight
            existing.mentions += len(uses)
            existing.first = min(existing.first, first)
            continue
        if low in N.NON_ENTITY_ACRONYMS or low in N.WEEKDAYS_MONTHS or low in N.TITLES:
            continue
        legislature = low in _LEGISLATURES and any(u[4] for u in uses)
        if not legislature and (
            low in N.ROLE_WORDS or low in N.PORTFOLIO_WORDS or low in N.ORG_CUES
        ):
            continue
        mid = [u for u in uses if not u[2] or legislature]
        if not mid:
            continue  # only ever sentence-initial: a common word, not a name
        if col.is_lower_word(low):
            continue
        if len(uses) == 1 and first_name_gender(word):
            continue
        if (word.isupper() and len(word) > 1) or legislature:
            kind = "organisation"
        elif sum(1 for u in uses if u[3]) * 2 >= len(uses):
            kind = "place"
        elif first_name_gender(word) or low in col._single_evidence:
            kind = "person"
        else:
            kind = "organisation"
        cand = col.add(word, kind, word, 0.0, first)
        # "the Barbican" names one place or body as surely as a second mention would
        named = len(mid) > 1 or any(u[4] for u in mid) or legislature
        if quoted_text is None:
            quoted_text = " ".join(
                t[m.start() : m.end()] for t, masked in col.quoted for m in _MASKED.finditer(masked)
            )
        said = (
            len(re.findall(rf"(?<![\w’'-]){re.escape(word)}(?![\w-])", quoted_text))
            if word in quoted_text
            else 0
        )
        cand.score += weight * (1.0 if named else 0.6) + 0.5 * said  # after any speaker bonus
        cand.mentions = len(uses)


class _MultiWordNames:
    """The candidates of more than one word, indexed by their initials, their last word (as a
    surname) and each of their words, in candidate order: a one-word mention looks up the
    names it can shorten instead of reading every name (their kinds and scores are read when
    asked, as they change while singles fold in)."""

    def __init__(self, cands: list[_Cand]) -> None:
        self.by_initials: dict[str, list[_Cand]] = {}
        self.by_surname: dict[str, list[_Cand]] = {}
        self.by_word: dict[str, list[_Cand]] = {}
        self.institution: set[int] = set()
        for c in cands:
            words = c.name.split()
            self.by_initials.setdefault(_initials(words), []).append(c)
            self.by_surname.setdefault(_bare(words[-1]), []).append(c)
            lowered = c.name.lower().split()
            for w in dict.fromkeys(lowered):
                self.by_word.setdefault(w, []).append(c)
            if any(w in N.INSTITUTION_CUES for w in lowered):
                self.institution.add(id(c))


def _single_target(col: _Collector, multi: _MultiWordNames, word: str) -> _Cand | None:
    low = word.lower()
    if word.isupper() and len(word) > 1:
        for c in multi.by_initials.get(word, ()):
            if c.kind != "person":
                return c
        return None
    if place_canonical(word):
        return None
    persons = [c for c in multi.by_surname.get(low, ()) if c.kind == "person"]
    if len(persons) >= 1:
        return max(persons, key=lambda c: c.score)
    containing = multi.by_word.get(low, ())
    others = [c for c in containing if c.kind != "place" and id(c) not in multi.institution]
    if len(others) == 1:
        return others[0]
    persons = [c for c in containing if c.kind == "person"]
    if len(persons) == 1:
        return persons[0]
    return None


def _bare(word: str) -> str:
    """A surname without its Arabic article: "al-Assad" -> "assad"."""
    low = word.lower()
    head, _, rest = low.partition("-")
    return rest if rest and head + "-" in N.ARTICLE_PREFIXES else low


def _settle_kinds(col: _Collector) -> None:
    """A two-word "person" with no person evidence whose first word stands alone is a brand."""
    for cand in col.cands.values():
        if cand.kind != "person" or cand.person_evidence:
            continue
        words = cand.name.split()
        if first_name_gender(words[0]):
            continue
        if cand.places and cand.places * 2 >= cand.mentions:
            cand.kind = "place"
        elif (
            words[0] in cand.forms
            or any(f.split()[0] == words[0] and len(f.split()) == 1 for f in cand.forms)
            or words[-1] not in cand.forms
        ):
            cand.kind = "organisation"
