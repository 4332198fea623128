"""The name registry: the people and organisations an article names, each mention of them by
paragraph and sentence, names resolved to their fullest form, and genders from pronouns.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from .. import names as N
from ..name_homes import without_home
from ..records import reduce_to_call
from ..runs import (
    NameInfo,
    Run,
    analyse,
    dateline_end,
    first_name_gender,
    place_canonical,
    runs,
    small_cache,
)
from .appositives import described_as_organisations
from .lexicon import _AUXILIARIES, _PREPOSITIONS, _SUBORDINATORS, _US_STATES, _verb_like
from .names_read import _modifies_next_name, _name_words
from .pronoun_fit import in_prepositional_opening
from .spans import _Span, paragraph_layout
from .subjects import _verb_follows


@dataclass(frozen=True, slots=True)
class ExtractedQuote:
    """One quoted span that is a quotation, with its speaker when the article gives one."""

    block: int
    start: int
    end: int
    text: str
    speaker: str | None
    role: str | None
    partial: bool
    order: int
    speaker_kind: str

    __reduce__ = reduce_to_call  # cheap to send from a worker process


_GENDER_WORDS = {"he": "m", "his": "m", "him": "m", "himself": "m"} | {
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}

_GENDER_WORD_RE = re.compile(r"\b(?:he|his|him|himself|she|her|hers|herself|its)\b", re.I)


@dataclass(slots=True)
class _Entity:
    name: str
    kind: str  # person, organisation or anonymous (then ``name`` is the description)
    words: list[str]
    gender: str | None = None


def _given_name_gender(word: str) -> str | None:
    w = word.lower()
    if w in N.MALE_FIRST_NAMES:
        return "m"
    return "f" if w in N.FEMALE_FIRST_NAMES else None


def _unglued(info: NameInfo | None) -> NameInfo | None:
    """``Taoiseach Simon Harris``, ``Dublin Metropolitan Region Paul Cleary``: an office or
    place the name reader did not know, glued to a person's name. When a later word of a
    three-or-more-word name is a known given name and no word before it is one (nor an
    initial), the person is the name from that word on, and the words before are the role."""
    if info is None or info.kind != "person" or info.gender is not None:
        return info
    words = info.name.split()
    if len(words) < 3:
        return info
    for i in range(1, len(words) - 1):
        gender = _given_name_gender(words[i])
        if gender is None:
            if words[i].endswith(".") or not words[i][:1].isupper():
                return info
            continue
        role = " ".join(words[:i])
        if info.role:
            role = f"{info.role} {role}"
        return NameInfo("person", " ".join(words[i:]), role, gender)
    return info


@dataclass(slots=True)
class _Mention:
    pos: int
    sentence: int
    entity: _Entity
    subject: bool
    role: str | None = None
    run: Run | None = None


@dataclass(slots=True)
class _BlockInfo:
    text: str
    spans: list[_Span] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[_Mention] = field(default_factory=list)
    speakers: list[tuple[int, _Entity]] = field(default_factory=list)  # (pos, who)
    runs: list[Run] = field(default_factory=list)  # name runs outside quotations
    gap_list: list[tuple[int, int]] | None = None  # ranges outside quoted spans, once found
    # The mentions and speakers of each sentence (speakers in the order of ``speakers``), and
    # the name runs by where they end and start: looked up, never searched, per quotation.
    mentions_by_sentence: dict[int, list[_Mention]] | None = None
    speakers_by_sentence: dict[int, list[tuple[int, _Entity]]] = field(default_factory=dict)
    runs_by_end: dict[int, list[Run]] | None = None
    runs_by_start: dict[int, list[Run]] | None = None
    roled: set[int] = field(default_factory=set)  # ids of speakers given a role here so far
    sentence_says: dict[int, bool] = field(default_factory=dict)  # a speech verb outside quotes
    last_said: dict[int, tuple[_Entity, str | None]] = field(default_factory=dict)
    masked: str = ""  # the text with its quoted spans blanked (``spans.mask_quotes``)

    def sentence_mentions(self, sentence: int) -> list[_Mention]:
        if self.mentions_by_sentence is None:
            self.mentions_by_sentence = {}
            for m in self.mentions:
                self.mentions_by_sentence.setdefault(m.sentence, []).append(m)
        return self.mentions_by_sentence.get(sentence, [])

    def run_ending_at(self, pos: int) -> list[Run]:
        if self.runs_by_end is None:
            self.runs_by_end, self.runs_by_start = {}, {}
            for r in self.runs:
                self.runs_by_end.setdefault(r.end, []).append(r)
                self.runs_by_start.setdefault(r.start, []).append(r)
        return self.runs_by_end.get(pos, [])

    def run_starting_at(self, pos: int) -> list[Run]:
        self.run_ending_at(pos)
        assert self.runs_by_start is not None
        return self.runs_by_start.get(pos, [])


_MENTIONS_BACK = 2000

_ACRONYM = re.compile(r"[A-Z][A-Za-z&-]*[A-Z][A-Za-z&-]*")

_PAREN_ACRONYM = re.compile(r"\s\(([A-Z][A-Za-z&-]*[A-Z][A-Za-z&-]*)\)")


def _initials(words: list[str]) -> str:
    """First letters of a name's significant words: ``world health organization`` -> who."""
    return "".join(w[0] for w in words if w not in ("of", "for", "and", "the", "on", "&", "in"))


def _entity_gender(ent: _Entity) -> str | None:
    return ent.gender or first_name_gender(ent.words[0]) if ent.words else ent.gender


def _org_role(role: str) -> bool:
    """An appositive that describes an organisation ("Britain's largest supermarket chain")."""
    words = re.split(r"\s+(?:of|for|in|at|with|which|that|who)\s", role.lower())[0].split()
    return bool(words) and (words[-1] in N.ORG_NOUNS or words[-1] in N.COMPANY_NOUNS)


def _org_head(ent: _Entity) -> str:
    """The kind word of an organisation's name: its word before ``of``/``for``, else its last
    ("University of York" -> university, "University and College Union" -> union)."""
    for k, w in enumerate(ent.words):
        if k and w in ("of", "for"):
            return ent.words[k - 1]
    return ent.words[-1] if ent.words else ""


_AIR_WORDS = frozenset({"air", "airline", "airlines", "airways", "aviation", "jet", "airlink"})

_NOT_BUSINESS_HEADS = frozenset({"airport", "station", "port", "terminal", "hospital", "school"})


def _kind_fits(noun: str, ent: _Entity) -> bool:
    """Whether an organisation can be "the airline", "the company" and so on: an airline's
    name has an air word in it; an airport or a hospital is never the business."""
    if noun in ("airline", "carrier"):
        return any(w in _AIR_WORDS for w in ent.words)
    return _org_head(ent) not in _NOT_BUSINESS_HEADS


def _company_like(ent: _Entity) -> bool:
    """An organisation that is not a place, a government body or a public institution."""
    if place_canonical(ent.name) is not None:
        return False
    return not any(w in N.INSTITUTION_CUES or w in N.PORTFOLIO_WORDS for w in ent.words)


@small_cache(maxsize=4096, max_len=64)
def _bare(word: str) -> str:
    """A surname without its Arabic article: "al-assad" -> "assad"."""
    head, _, rest = word.partition("-")
    return rest if rest and head + "-" in N.ARTICLE_PREFIXES else word


def _run_role(info: NameInfo | None) -> str | None:
    """The office words in front of an analysed name ("Trade Minister"), honorifics dropped."""
    if info is None or not info.role or info.kind not in ("person", "single"):
        return None
    kept = [w for w in info.role.split() if w.lower() not in N.TITLES]
    return " ".join(kept) or None


# How far after a surname named once a "he" or "she" is looked for (a bound, so a paragraph of
# many capitalised words is not read again for each).
_PRONOUN_REACH = 600

_SPACES_AT = re.compile(r"\s*")

_FIRST_WORD = re.compile(r"[\s“\"‘']*([A-Za-z]+)")

_GENDER_PRONOUN_RE = re.compile(r"\b(?:he|she)\b", re.I)

_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")


def _object_pronoun(text: str, match: re.Match[str]) -> bool:
    """``Obama backed her up``, ``Lee thanked him``: "him", or "her" after a verb, is the
    object of the subject's verb, someone else, so it says nothing of the subject's gender."""
    word = match.group().lower()
    if word == "him":
        return True
    if word != "her":
        return False
    before = text[max(0, match.start() - 30) : match.start()].split()
    if not before or not before[-1].islower() or before[-1] in _AUXILIARIES:
        return False  # "what are her qualifications": hers
    return _verb_like(before[-1])


_OPENING_WORDS = _PREPOSITIONS | _SUBORDINATORS


def _in_opening_phrase(info: _BlockInfo, run: Run, sentence: int) -> bool:
    """``Since launching his bid, Trump has``, ``Growing up in El Paso, Mendoza``: a name in the
    phrase a sentence opens with (to its first comma) is not the sentence's subject when a name
    follows the comma (that name is), nor ever when a preposition opens it (``At Boca West``)."""
    a, b = info.sentences[sentence]
    if in_prepositional_opening(info.text, a, b, run):
        return True
    opening = _FIRST_WORD.match(info.text, a, run.start)
    head = opening.group(1).lower() if opening else ""
    if head not in _OPENING_WORDS and not (head.endswith("ing") and len(head) > 5):
        return False  # nor "Growing up in El Paso, Mendoza ..."
    comma = info.text.find(",", a, b)
    if comma < run.end or info.text.find(",", run.end, b) != comma:
        return False
    space = _SPACES_AT.match(info.text, comma + 1, b)
    return bool(info.run_starting_at(space.end()))  # a name opens the rest: "..., Trump has"


_ABSOLUTE = re.compile(r"\s+[a-z]+,")

_PLURAL_VERB = re.compile(r"\s+(?:are|were|have|say|do)\b")


class Registry:
    """The registry stage of ``_Doc`` (a mixin: the document's state lives there)."""

    def build_registry(self) -> None:
        found: list[tuple[int, int, Run]] = []
        described: list[str] = []  # "Pemberton Hale, the law firm,": organisations
        for bi, info in enumerate(self.blocks):
            # one pass over the block with its quotations blanked; ``extract_tags`` reads the
            # same masked text, so the runs are found once per article
            masked = paragraph_layout(info.text).masked if info.text else ""
            cut = dateline_end(masked) if bi == 0 else 0
            if cut:
                masked = " " * cut + masked[cut:]
            info.runs = runs(masked) if masked else []
            described.extend(described_as_organisations(masked))
            for run in info.runs:
                found.append((bi, 0, run))
                if len(run.tokens) == 1:
                    key = run.tokens[0].lower()
                    self.single_counts[key] = self.single_counts.get(key, 0) + 1
        found.extend(self._nickname_names())
        # read each run once
        named = [(bi, run, self._unglued(analyse(_name_words(run)))) for bi, _a, run in found]
        for _bi, _run, nameinfo in named:
            if nameinfo is None or nameinfo.kind not in ("person", "organisation", "place"):
                continue
            ent = self._register(nameinfo.name, nameinfo.kind, nameinfo.gender)
            if ent.kind == "person" and ent.gender is None and nameinfo.gender:
                ent.gender = nameinfo.gender
        for name in described:  # unless a given name or a pronoun says it is a person
            ent = self.by_key.get(name.lower())
            if ent and ent.kind == "person" and _entity_gender(ent) is None:
                ent.kind = "organisation"
        self._link_acronyms()
        for _bi, _run, nameinfo in named:
            if (
                nameinfo is not None
                and nameinfo.kind == "single"
                and nameinfo.gender
                and self._resolve(nameinfo) is None
            ):  # "Mr Halvorsen", no first name given
                self._register(nameinfo.name, "person", nameinfo.gender)
            elif self._surname_subject(_bi, _run, nameinfo):
                self._register(nameinfo.name, "person", None)  # "Carson defied the question"
        mentioned: set[tuple[int, int]] = set()  # (block, sentence) already holding a mention
        for bi, run, nameinfo in named:
            ent = self._resolve(nameinfo)
            if ent is None:
                continue
            info = self.blocks[bi]
            sent = self._sentence_of(info, run.start)
            first = (bi, sent) not in mentioned
            if first and (_modifies_next_name(info, run) or _in_opening_phrase(info, run, sent)):
                first = False  # "Obama consultant Cornell Belcher": the subject comes next
            else:
                mentioned.add((bi, sent))
            info.mentions.append(_Mention(run.start, sent, ent, first, _run_role(nameinfo), run))
        self._gender_from_pronouns()

    def _surname_subject(self, bi: int, run: Run, info: NameInfo | None) -> bool:
        """``Carson defied the question.``: a surname the article repeats, with no first name
        given anywhere, that opens a sentence as the subject of its verb is a person (whom a
        pronoun after it may stand for)."""
        if info is None or info.kind != "single" or info.gender or run.possessive:
            return False
        word = info.name.lower()
        text = self.blocks[bi].text
        if (
            word in N.COMMON_CAPITALISED
            or word in N.PRONOUNS
            or word in N.DEMONYMS
            or word in _US_STATES
            or place_canonical(info.name) is not None
            or first_name_gender(info.name) is not None
            or info.name.isupper()
        ):
            return False
        a = self.blocks[bi].sentences[self._sentence_of(self.blocks[bi], run.start)][0]
        after = text[run.end : run.end + 80]
        if text[a : run.start].strip(" “\"‘'") or not _verb_follows(after):
            return False
        if _ABSOLUTE.match(after):
            return False  # "Eyebrows raised, he asked": a phrase before the subject
        if _PLURAL_VERB.match(after):
            return False  # "Gardai are responding": a plural body, not a surname
        if self.single_counts.get(word, 0) < 2 and (
            (word.endswith("s") and not word.endswith("ss"))
            or not _GENDER_PRONOUN_RE.search(text, run.end, run.end + _PRONOUN_REACH)
            or word in self._lowercase_words()
        ):
            return False  # named once, and no "he" or "she" after it; a common word, a plural
        return self._resolve(info) is None

    def _lowercase_words(self) -> frozenset[str]:
        """The words the article writes in lower case: ``Immigration rose`` opens a sentence
        with a common word when the article also writes "immigration"; a surname never is."""
        if self.lower_words is None:
            self.lower_words = frozenset(
                w for info in self.blocks for w in _LOWER_WORD.findall(info.text)
            )
        return self.lower_words

    def _link_acronyms(self) -> None:
        """``the National Disaster Response Force (NDRF)`` and ``WHO`` for the World Health
        Organization: an acronym names the organisation it abbreviates, so it resolves there."""
        short = [
            e for e in self.entities if e.kind == "organisation" and _ACRONYM.fullmatch(e.name)
        ]
        if not short:
            return
        given: dict[str, _Entity] = {}
        for info in self.blocks:
            if "(" not in info.text:
                continue
            for m in _PAREN_ACRONYM.finditer(info.text):
                before = info.run_ending_at(m.start())
                if before:
                    named = analyse(before[-1].tokens)
                    full = self.by_key.get(named.name.lower()) if named else None
                    if full is not None and full.kind == "organisation":
                        given[m.group(1).lower()] = full
        by_initials: dict[str, list[_Entity]] = {}  # names of several words, in order
        for cand in self.entities:
            if len(cand.words) > 1:
                by_initials.setdefault(_initials(cand.words), []).append(cand)
        linked: set[int] = set()
        for ent in short:
            key = ent.name.lower()
            full = given.get(key)
            if full is None:
                letters = "".join(c for c in ent.name if c.isalpha()).lower()
                for cand in by_initials.get(letters, ()):
                    if cand is not ent:
                        if cand.kind != "organisation" and (
                            cand.gender or first_name_gender(cand.name.split()[0])
                        ):
                            continue
                        cand.kind = "organisation"  # "the International Maritime Forum"
                        full = cand
                        break
            if full is not None and full is not ent:
                self.by_key[key] = full
                linked.add(id(ent))
        if linked:  # dropped once, not one list.remove (a scan) per acronym
            self.entities = [e for e in self.entities if id(e) not in linked]
            for index in (self.by_last, self.by_surname, self.by_word):
                for k, ents in index.items():
                    if any(id(e) in linked for e in ents):
                        index[k] = [e for e in ents if id(e) not in linked]

    def _nickname_names(self) -> list[tuple[int, int, Run]]:
        """``Ana "Lightning" Ruiz`` names Ana Ruiz: join the words either side of a nickname."""
        out = []
        for bi, info in enumerate(self.blocks):
            for s in info.spans:
                if s.close is None or len(s.text.split()) > 4:
                    continue
                if info.text[s.mark - 1 : s.mark] != " ":
                    continue
                if info.text[s.close + 1 : s.close + 2] != " ":
                    continue
                before = info.run_ending_at(s.mark - 1)
                initial = not before and info.text[s.mark - 2 : s.mark - 1] == "."
                if initial:  # Bernard C. "Jack" Young: the initial keeps its full stop
                    before = info.run_ending_at(s.mark - 2)
                after = info.run_starting_at(s.close + 2)
                if before and after and not before[0].possessive:
                    first = list(before[0].tokens)
                    if initial and len(first[-1]) == 1:
                        first[-1] += "."
                    words = [*first, *after[0].tokens]
                    out.append((bi, before[0].start, Run(words, before[0].start, s.close)))
        return out

    def _unglued(self, info: NameInfo | None) -> NameInfo | None:
        """:func:`_unglued`, unless the article refers to the person by the first word alone
        and never by the last, and that word is all it would cut off (``Lim Wei Ling`` ...
        ``Lim said``: a family name first)."""
        info = without_home(info)
        split = _unglued(info)
        if split is info or info is None:
            return info
        words = info.name.lower().split()
        family_first = len(words) - len(split.name.split()) == 1
        if (
            family_first
            and self.single_counts.get(words[0], 0)
            and not self.single_counts.get(words[-1], 0)
        ):
            return info
        return split

    def _register(self, name: str, kind: str, gender: str | None) -> _Entity:
        key = name.lower()
        if key in self.by_key:
            return self.by_key[key]
        if kind == "place":
            kind = "organisation"
        words = name.split()
        if kind == "person" and len(words) >= 2:
            first = words[0].lower()
            last = words[-1].lower()
            if (
                self.single_counts.get(first, 0) > 0
                and self.single_counts.get(last, 0) == 0
                and gender is None
            ):
                kind = "organisation"
        ent = _Entity(name, kind, [w.lower() for w in words], gender)
        self.entities.append(ent)
        if ent.words:
            self.by_last.setdefault(ent.words[-1], []).append(ent)
            self.by_surname.setdefault(_bare(ent.words[-1]), []).append(ent)
        for word in dict.fromkeys(ent.words):
            self.by_word.setdefault(word, []).append(ent)
        self.by_key[key] = ent
        return ent

    def resolve_name(
        self, words: list[str], before: tuple[int, int] | None = None
    ) -> _Entity | None:
        """The registered entity a run names: exact, fuller form, or surname reference."""
        return self._resolve(self._unglued(analyse(words)), before)

    def _resolve(
        self, info: NameInfo | None, before: tuple[int, int] | None = None
    ) -> _Entity | None:
        """:meth:`resolve_name` for a run already analysed."""
        if info is None or info.kind == "event":
            return None
        if info.kind in ("person", "organisation", "place"):
            ent = self.by_key.get(info.name.lower())
            if ent is not None and info.kind != "person":
                return ent
            tail = info.name.lower().split()
            pool = self.by_last.get(tail[-1], ()) if tail else self.entities
            fuller = next(
                (e for e in pool if e.kind == "person" and e.words[-len(tail) :] == tail), None
            )
            return fuller if fuller is not None else ent
        word = info.name.lower()
        cands = [
            e for e in self.by_surname.get(word, ()) if e.kind == "person" and len(e.words) > 1
        ]
        if not cands:
            cands = [e for e in self.by_word.get(word, ()) if e.kind == "person"]
        if len(cands) > 1 and info.gender:  # "Mrs O'Rourke": the woman of the family
            same = [e for e in cands if _entity_gender(e) == info.gender]
            cands = same or [e for e in cands if _entity_gender(e) is None] or cands
        if not cands:
            cands = [
                e
                for e in self.by_word.get(word, ())
                if e.kind == "organisation" and len(e.words) <= 3
            ]
            if cands and place_canonical(word) is None:
                return cands[0]
            return None
        if len(cands) > 1 and before is not None:
            recent = self._recent_entity(cands, before)
            if recent is not None:
                return recent
        return cands[0]

    def _recent_entity(self, cands: list[_Entity], before: tuple[int, int]) -> _Entity | None:
        bi, pos = before
        for _b, m in self._mentions_before(bi, pos):
            if m.entity in cands:
                return m.entity
        return None

    def _mentions_before(self, bi: int, pos: int) -> Iterator[tuple[int, _Mention]]:
        """(block, mention) before ``pos`` in block ``bi``, the nearest first: only blocks
        with mentions are visited, and no more than ``_MENTIONS_BACK`` mentions."""
        if self.mention_blocks is None:
            self.mention_blocks = [b for b, info in enumerate(self.blocks) if info.mentions]
        k = bisect_right(self.mention_blocks, bi)
        seen = 0
        for b in reversed(self.mention_blocks[max(0, k - _MENTIONS_BACK) : k]):
            for m in reversed(self.blocks[b].mentions):
                seen += 1
                if seen > _MENTIONS_BACK:
                    return
                if b == bi and m.pos >= pos:
                    continue
                yield b, m

    def _gender_from_pronouns(self) -> None:
        """A sentence's subject takes the gender of the next he/she/his/her about it."""
        for info in self.blocks:
            by_sentence: dict[int, list[_Mention]] = {}
            for m in info.mentions:
                by_sentence.setdefault(m.sentence, []).append(m)
            for m in info.mentions:
                if not m.subject or m.entity.gender is not None:
                    continue
                a, b = info.sentences[m.sentence]
                if any(
                    _GENDER_WORD_RE.search(info.text, lo, hi)
                    for lo, hi in self.gaps_within(info, a, m.pos)
                ):
                    continue  # "While she has attacked Tom Hale, her ...": not his gender
                others = [
                    x.pos
                    for x in by_sentence[m.sentence]
                    if x.pos > m.pos and x.entity.kind == "person"
                ]
                stop = min(others) if others else b
                for lo, hi in self.gaps_within(info, m.pos, stop):
                    g = next(
                        (
                            x
                            for x in _GENDER_WORD_RE.finditer(info.text, lo, hi)
                            if not _object_pronoun(info.text, x)
                        ),
                        None,
                    )
                    if g:
                        word = g.group().lower()
                        if word == "its":
                            if first_name_gender(m.entity.name.split()[0]) is None:
                                m.entity.kind = "organisation"
                        else:
                            m.entity.gender = _GENDER_WORDS[word]
                            ent = m.entity
                            if (
                                ent.kind == "organisation"
                                and len(ent.words) >= 2
                                and not any(w in N.ORG_CUES for w in ent.words)
                                and place_canonical(ent.name) is None
                            ):  # "Zheng Xiaoyu won the title of her career": a person
                                ent.kind = "person"
                        break
