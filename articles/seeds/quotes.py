"""Quotations and who said them, from the body blocks of a wire article. Pure Python.

Quoted spans are found by their marks (straight or curly), then sorted into quotations and
other quoted text (titles, nicknames, terms), then attributed: an explicit speech verb in the
sentence first, then the paragraph, then the previous paragraph's speaker. Names are resolved to
the fullest form the article gives, pronouns by gender cues and recency.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from . import names as N
from .format import Block
from .names import _words
from .records import reduce_to_call
from .runs import (
    NameInfo,
    Run,
    analyse,
    comma_org_names,
    dateline_end,
    first_name_gender,
    place_canonical,
    runs,
    small_cache,
    strip_common,
    word_regex,
)

__all__ = [
    "ExtractedQuote",
    "extract_quotes",
    "mask_quotes",
    "normalise_quote_text",
    "paragraph_layout",
    "quoted_ranges",
]


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


_NORMALISE = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "\u00a0": " "})
_SPACES = re.compile(r"\s+")


def normalise_quote_text(s: str) -> str:
    """Collapse whitespace, straighten quote marks and apostrophes, strip: for matching text."""
    return _SPACES.sub(" ", s.translate(_NORMALISE)).strip()


# --- word lists -------------------------------------------------------------------------

_VERBS = _words(
    "said says say told tells tell added adds asked asks replied replies wrote writes "
    "described describes called warned warns urged urges accused accuses insisted insists "
    "argued argues explained explains noted notes stated states declared declares announced "
    "acknowledged admitted admits conceded concedes claimed claims suggested suggests "
    "recalled recalls responded responds answered answers joked complained predicted promised "
    "vowed pledged cautioned stressed stresses testified remarked observed shouted quipped "
    "concluded agreed denied dismissed labelled labeled branded hailed praised condemned "
    "criticised criticized tweeted posted continued reiterated confirmed maintained wondered "
    "exclaimed boasted mused countered estimated emphasised emphasized ruled"
)
_PARTICIPLES = _words("saying adding telling asking describing calling warning urging noting")
_VERB_RE = re.compile(r"\b(?:" + word_regex([*_VERBS, *_PARTICIPLES, "put it"]) + r")\b")
_FINITE_VERB_RE = re.compile(r"\b(?:" + word_regex([*_VERBS, "put it"]) + r")\b")
_ACCORDING = re.compile(r"\baccording to\b", re.I)
_NAMING = re.compile(
    r"(?:\b(?:known|referred to|refer to|refers to|dubbed|nicknamed|codenamed|code-named|named|"
    r"titled|entitled|so-called|so called|marketed|billed|termed|call|calls|renamed|"
    r"styled|trademarked|branded as)\b(?:\s+[\w’'-]+){0,4}|\bcalled)\s*,?\s*$",
    re.I,
)
_WORK_NOUN = re.compile(
    r"\b(term|word|words|phrase|slogan|motto|hashtag|title|headline|book|film|movie|song|"
    r"album|single|report|campaign|programme|program|exhibition|exhibit|documentary|show|"
    r"series|play|novel|anthem|manifesto|operation|project|app|brand|codename|nickname|"
    r"label|tagline|initiative|podcast|newspaper|magazine|column|poem|painting|opera|"
    r"musical|game|chant|hymn|memoir|biography|catchphrase)\s*,?\s*$",
    re.I,
)
_TERM_NOUNS = _words(
    "term word words phrase slogan motto hashtag label tagline codename nickname chant "
    "catchphrase brand"
)
_MANNER_WORDS = _words("with without in by for under")
_ISSUED_THING = re.compile(
    r"\b(?:issued|issues|issue|issuing|published|publishes|released|lodged|filed|served|"
    r"imposed|sent out)\s+(?:a|an|the|its|their|new)\s+$",
    re.I,
)
_DESCRIBING_AS = re.compile(
    r"\b(?:describing|characterising|characterizing)\b[^“”\"]{0,80}\bas\s+(?:an?\s+|the\s+)?$"
)
_ABBREVIATIONS = _words(
    "a.m adm approx apr atty aug brig capt cllr cmdr co col corp cpl dec dept det dr e.g est etc "
    "feb fig fr ft gen gov hon i.e inc insp jan jr jul jun lt ltd maj mar messrs mr mrs ms mt "
    "no nov oct p.m pres prof pte rep rev sen sep sept sgt sr st supt u.k u.n u.s vs"
)
_ABBREV_DOT = re.compile(
    r"\b(" + word_regex(sorted(w for w in _ABBREVIATIONS if "." not in w)) + r")\.(?=\s)", re.I
)
# Matched from the stop itself (not a lookbehind), so the search can skip ahead to the next
# stop instead of trying every position: a sentence break starts one character in.
_SENTENCE_END = re.compile(r"[.!?…][”\"’')\]]*\s+(?=[“\"‘'(\[]?[^\W_a-z])")
_ROLE_DETERMINERS = _words("a an the his her its their our my your this that")
_PREPOSITIONS = _words(
    "in on at for from with by to during after before under over about since near inside "
    "outside across through into against among between without despite amid as like writing "
    "speaking giving addressing asked"
)
_LINKS = _words("of for at in from with on to by near about as")
_CONJUNCTIONS = _words("and but or then also later again so yet while")
_ADVERBS = _words(
    "also later then again previously once repeatedly recently earlier separately afterwards "
    "today yesterday simply only still has have had"
)
_SUBJECT_PRONOUNS = {"he": "m", "she": "f", "they": None, "it": "it"}
_GENDER_WORDS = {"he": "m", "his": "m", "him": "m", "himself": "m"} | {
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}
_GENDER_WORD_RE = re.compile(r"\b(?:he|his|him|himself|she|her|hers|herself|its)\b", re.I)
_EARLY_POSSESSIVE = re.compile(r"^(?:\S+\s+){0,3}\S+(?:[’']s|s[’'])(?=\s|$)")
_MARK = re.compile('["“”]')
_OPEN_MARKS = '"“'
_CLOSE_MARKS = '"”'


_WHAT_CALLED = re.compile(
    r"\b(?:what|which)\s+(he|she|they|it|the\s+[a-z]+|(?:[A-Z][\w’'-]+\s+|[a-z]+\s+){0,4}"
    r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})\s+"
    r"(?:has\s+|had\s+|once\s+|later\s+|previously\s+)?(?:called|described\s+as)"
    r"(?:\s+the)?\s*$"
)
_DEFINED_TERM = re.compile(r",?\s*(?:in which|whereby|by which)\b")
_GLOSS = re.compile(r"[’'\"”]?,?\s*(?:or|meaning|literally|i\.e\.)\s*", re.I)
_MODIFIER_BEFORE = re.compile(r"\b(?:a|an|the|its|their|his|her|our|this|that)\s+$", re.I)
_STRONG_NAMING = re.compile(r"\b(?:titled|entitled|headlined|headed)\s*,?\s*$", re.I)
_LABEL_VERB = re.compile(
    r"\b(?:dubbed|nicknamed|labelled|labeled|branded|billed|hailed|touted)\s+(?:as\s+)?$", re.I
)
_BY_AGENT = re.compile(r"[,]?\s+by\s+(?:some\s+|many\s+|the\s+)?[\w’'-]+")
_NEW_THING_BEFORE = re.compile(
    r"(?:\b(?:a|an|the|its|their|his|her|our|this|that)|[’']s)\s+"
    r"(?:new|latest|proposed|planned|revised|upcoming|controversial|flagship)\s+$",
    re.I,
)
_LABEL_BEFORE = re.compile(
    r"\b(?:labelled|labeled|branded|called|call|calls|dubbed|nicknamed)\b[^\"“”]*\bthe\s*$"
)
_NOT_NOUNS = _words(
    "that which who whom whose of to is was were are be been has had have would will could "
    "should may might must can did does do not after before because when while if than as"
)


# --- internal structures ------------------------------------------------------------------


@dataclass(slots=True)
class _Span:
    block: int
    mark: int  # index of the opening mark
    start: int
    end: int
    close: int | None  # index of the closing mark, None when unclosed
    text: str
    sentence: int = 0
    is_quote: bool = False
    partial: bool = False
    speaker: str | None = None
    kind: str = "person"
    role: str | None = None
    explicit: bool = False
    who: _Entity | None = None


# Frozen because shared: the readers of attribution clauses (_subject_ref, _object_ref,
# _pre_ref, _post_ref, _name_segment) are cached, being pure functions of a short clause, and
# clauses ("he said", "said the spokesman") recur within an article and from one to the next.
@dataclass(frozen=True, slots=True)
class _Ref:
    kind: str  # name, pronoun, orgnoun, rolenoun, thenoun, given, anon, inherit
    value: str = ""
    role: str | None = None
    gender: str | None = None
    at: int | None = None  # where a pronoun subject stands, when before the quote


@dataclass(slots=True)
class _Entity:
    name: str
    kind: str  # person, organisation or anonymous (then ``name`` is the description)
    words: list[str]
    gender: str | None = None


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


# --- span finding -------------------------------------------------------------------------


def _find_spans(index: int, text: str) -> list[_Span]:
    """Pair quote marks: ``"`` toggles, ``“`` opens, ``”`` closes; unclosed runs to the end."""
    spans: list[_Span] = []
    if '"' not in text and "“" not in text and "”" not in text:
        return spans  # most paragraphs quote nobody: no need to start the scan
    open_at: int | None = None
    for m in _MARK.finditer(text):
        i, ch = m.start(), m.group()
        if open_at is None:
            if ch in _OPEN_MARKS:
                open_at = i
        elif ch in _CLOSE_MARKS:
            spans.append(_Span(index, open_at, open_at + 1, i, i, text[open_at + 1 : i]))
            open_at = None
        elif ch == "“":
            end = i  # ``len(text[:i].rstrip())``, without copying the text before ``i``
            while end and text[end - 1].isspace():
                end -= 1
            spans.append(_Span(index, open_at, open_at + 1, end, None, text[open_at + 1 : end]))
            open_at = i
    if open_at is not None:
        end = len(text.rstrip())
        spans.append(_Span(index, open_at, open_at + 1, end, None, text[open_at + 1 : end]))
    return [s for s in spans if s.text.strip()]


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """(start, stop) of every quoted span including its marks; for masking quoted text."""
    out = []
    for s in _find_spans(0, text):
        out.append((s.mark, (s.close + 1) if s.close is not None else s.end))
    return out


def mask_quotes(text: str, spans: list[_Span] | None = None) -> str:
    """``text`` with every quoted span (marks included) blanked out by NUL characters, so
    that words inside quotations are never read as names; offsets are unchanged."""
    if spans is None:
        spans = _find_spans(0, text)
    if not spans:
        return text
    parts, pos = [], 0
    for s in spans:
        stop = (s.close + 1) if s.close is not None else s.end
        parts.append(text[pos : s.mark])
        parts.append("\x00" * (stop - s.mark))
        pos = stop
    parts.append(text[pos:])
    return "".join(parts)


def _inside(spans: list[_Span], pos: int) -> bool:
    """Whether ``pos`` is inside a quoted span, its marks included. The spans are in order
    and do not overlap: only the last one that opens at or before ``pos`` can hold it."""
    k = bisect_right(spans, pos, key=_mark_of) - 1
    if k < 0:
        return False
    s = spans[k]
    return pos <= (s.close if s.close is not None else s.end)


def _mark_of(span: _Span) -> int:
    return span.mark


_WORD = re.compile(r"\S+")


def _tight_attribution(text: str, pos: int = 0) -> bool:
    """Text right after a quote (``text`` from ``pos``) that continues its sentence ("she
    asked", "Ms Kavanagh said"). Only its first six words are read, never the rest."""
    words = list(itertools.islice((m.group() for m in _WORD.finditer(text, pos)), 6))
    if not words:
        return False
    if words[0][0] in ",;:" or words[0][0].islower():
        return True
    for k, w in enumerate(words):
        if _FINITE_VERB_RE.fullmatch(w.strip(".,;:")):
            return k > 0 and all(x[0].isupper() for x in words[:k])
    return False


def _sentences(text: str, spans: list[_Span]) -> list[tuple[int, int]]:
    cuts = {0}
    for m in _SENTENCE_END.finditer(text):
        dot = m.start()
        if spans and (
            _inside(spans, dot) or (_inside(spans, m.end()) and text[m.end()] not in _OPEN_MARKS)
        ):
            continue
        word = _word_before_dot(text, dot + 1)
        if word:
            w = word.lower()
            if w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha()):
                continue
            if "." in word and _INITIALS_ONLY.fullmatch(word):
                continue  # initials before a surname: "said its chair, P.J. Okafor"
        cuts.add(m.end())
    for s in spans:
        if s.close is None:
            continue
        inner = s.text.rstrip(" ’'")
        if inner and inner[-1] in ".!?…" and not _tight_attribution(text, s.close + 1):
            nxt = s.close + 1
            while nxt < len(text) and text[nxt] == " ":
                nxt += 1
            cuts.add(nxt)
    ordered = sorted(c for c in cuts if c < len(text))
    # Each sentence runs from its cut to the next, the last one to the end (an empty text,
    # with no cut, has no sentence: the end is left over, hence not strict).
    return list(zip(ordered, [*ordered[1:], len(text)], strict=False))


_INITIALS_ONLY = re.compile(r"(?:[A-Z]\.)+[A-Z]")


def _word_before_dot(text: str, end: int) -> str | None:
    """What ``re.search(r"([\\w.]+)\\.$", text[:end])`` captures (the word and dots before a
    full stop at ``end - 1``), found by stepping back from ``end`` instead of searching the
    whole text before it, which made sentence splitting quadratic in a paragraph's length."""
    if end and text[end - 1] == "\n":  # ``$`` also matches before a final newline
        end -= 1
    if end < 2 or text[end - 1] != ".":
        return None
    space = text.rfind(" ", max(0, end - 40), end - 1)
    word = text[space + 1 : end - 1]
    if space >= 0 and word.replace(".", "a").replace("_", "a").isalnum():
        return word  # the usual case: a word after a space
    i = end - 1
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] in "._"):
        i -= 1
    return text[i : end - 1] if i < end - 1 else None


@dataclass(frozen=True, slots=True)
class _Layout:
    """A paragraph's quoted spans (as ``_Span`` fields: mark, start, end, close, text), its
    sentences, its text with the quotations masked, and for each sentence without a quotation
    where its first speech verb is and which (None for none, and for the others)."""

    spans: tuple[tuple[int, int, int, int | None, str], ...]
    sentences: tuple[tuple[int, int], ...]
    masked: str
    verbs: tuple[tuple[int, str] | None, ...]


@small_cache(maxsize=8192)
def paragraph_layout(text: str) -> _Layout:
    """The layout of a body paragraph, a pure function of its text. Cached like
    :func:`runs`: quotation extraction reads every paragraph and tag extraction reads the same
    paragraphs again, and wire copy repeats its stock paragraphs from story to story."""
    spans = _find_spans(0, text)
    sentences = _sentences(text, spans)
    quoted = {_sentence_at(sentences, s.mark) for s in spans}
    verbs: list[tuple[int, str] | None] = []
    for k, (a, b) in enumerate(sentences):
        # Searched in place, not in a copy of the sentence: the same match, as a sentence
        # starts after a space or a quotation mark, so ``\b`` reads the same at its start.
        m = None if k in quoted else _FINITE_VERB_RE.search(text, a, b)
        verbs.append((m.start(), m.group()) if m else None)
    return _Layout(
        tuple((s.mark, s.start, s.end, s.close, s.text) for s in spans),
        tuple(sentences),
        mask_quotes(text, spans),
        tuple(verbs),
    )


def _sentence_at(sentences: Sequence[tuple[int, int]], pos: int) -> int:
    """The index of the sentence that holds ``pos`` (the last one when none does). The
    sentences are in order and each starts where the one before ends: a binary search."""
    k = bisect_right(sentences, pos, key=_start_of) - 1
    if k >= 0 and pos < sentences[k][1]:
        return k
    return len(sentences) - 1


def _start_of(sentence: tuple[int, int]) -> int:
    return sentence[0]


def _end_of(bounds: tuple[int, int]) -> int:
    return bounds[1]


# --- the document -------------------------------------------------------------------------

# How far back a pronoun or a noun looks for the one it stands for: sentences within a
# paragraph, mentions over the article. No wire paragraph comes near either; they keep a
# paragraph of a hundred thousand sentences from being read again for every quotation. The
# text before a quotation starts at most ``_SPANS_BACK`` quoted spans back in its sentence.
_SENTENCES_BACK = 200
_MENTIONS_BACK = 2000
_SPANS_BACK = 16


class _Doc:
    def __init__(self, blocks: Sequence[Block]) -> None:
        self.blocks: list[_BlockInfo] = []
        self.entities: list[_Entity] = []
        # The same entities by last word and by surname (last word without its Arabic article),
        # in the same order: resolving a name looks only at those that can match it.
        self.by_last: dict[str, list[_Entity]] = {}
        self.by_surname: dict[str, list[_Entity]] = {}
        self.by_key: dict[str, _Entity] = {}
        self.by_word: dict[str, list[_Entity]] = {}  # each word of a name: who has it, in order
        self.single_counts: dict[str, int] = {}
        self.mention_blocks: list[int] | None = None  # blocks with mentions, once all are in
        self.chain_ends: dict[int, tuple[int, _Ref] | None] = {}
        for i, block in enumerate(blocks):
            text = block.text if not block.is_subheading else ""
            layout = paragraph_layout(text)
            spans = [_Span(i, *bounds) for bounds in layout.spans]
            info = _BlockInfo(text, spans, list(layout.sentences), [], [], [])
            for s in spans:
                s.sentence = self._sentence_of(info, s.mark)
            self.blocks.append(info)

    @staticmethod
    def _sentence_of(info: _BlockInfo, pos: int) -> int:
        return _sentence_at(info.sentences, pos)

    def gaps(self, info: _BlockInfo) -> list[tuple[int, int]]:
        """Ranges of the block outside quoted spans (marks excluded), in order."""
        if info.gap_list is None:
            out, pos = [], 0
            for s in info.spans:
                out.append((pos, s.mark))
                pos = (s.close + 1) if s.close is not None else len(info.text)
            out.append((pos, len(info.text)))
            info.gap_list = [(a, b) for a, b in out if b > a]
        return info.gap_list

    def gaps_within(self, info: _BlockInfo, lo: int, hi: int) -> list[tuple[int, int]]:
        """The parts of ``[lo, hi)`` outside quoted spans, in order: found by a binary search
        among the block's gaps, so a paragraph of many quotations is not read once per quote."""
        gaps = self.gaps(info)
        out = []
        for k in range(bisect_right(gaps, lo, key=_end_of), len(gaps)):
            ga, gb = gaps[k]
            if ga >= hi:
                break
            a, b = max(ga, lo), min(gb, hi)
            if a < b:
                out.append((a, b))
        return out

    # --- registry of people and organisations

    def build_registry(self) -> None:
        found: list[tuple[int, int, Run]] = []
        for bi, info in enumerate(self.blocks):
            # one pass over the block with its quotations blanked; ``extract_tags`` reads the
            # same masked text, so the runs are found once per article
            masked = paragraph_layout(info.text).masked if info.text else ""
            cut = dateline_end(masked) if bi == 0 else 0
            if cut:
                masked = " " * cut + masked[cut:]
            info.runs = runs(masked) if masked else []
            for run in info.runs:
                found.append((bi, 0, run))
                if len(run.tokens) == 1:
                    key = run.tokens[0].lower()
                    self.single_counts[key] = self.single_counts.get(key, 0) + 1
        found.extend(self._nickname_names())
        named = [(bi, run, analyse(run.tokens)) for bi, _a, run in found]  # read each run once
        for _bi, _run, nameinfo in named:
            if nameinfo is None or nameinfo.kind not in ("person", "organisation", "place"):
                continue
            ent = self._register(nameinfo.name, nameinfo.kind, nameinfo.gender)
            if ent.kind == "person" and ent.gender is None and nameinfo.gender:
                ent.gender = nameinfo.gender
        self._link_acronyms()
        for _bi, _run, nameinfo in named:
            if (
                nameinfo is not None
                and nameinfo.kind == "single"
                and nameinfo.gender
                and self._resolve(nameinfo) is None
            ):  # "Mr Halvorsen", no first name given
                self._register(nameinfo.name, "person", nameinfo.gender)
        mentioned: set[tuple[int, int]] = set()  # (block, sentence) already holding a mention
        for bi, run, nameinfo in named:
            ent = self._resolve(nameinfo)
            if ent is None:
                continue
            info = self.blocks[bi]
            sent = self._sentence_of(info, run.start)
            first = (bi, sent) not in mentioned
            mentioned.add((bi, sent))
            info.mentions.append(_Mention(run.start, sent, ent, first, _run_role(nameinfo), run))
        self._gender_from_pronouns()

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
                after = info.run_starting_at(s.close + 2)
                if before and after and not before[0].possessive:
                    words = [*before[0].tokens, *after[0].tokens]
                    out.append((bi, before[0].start, Run(words, before[0].start, s.close)))
        return out

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
        return self._resolve(analyse(words), before)

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
                _a, b = info.sentences[m.sentence]
                others = [
                    x.pos
                    for x in by_sentence[m.sentence]
                    if x.pos > m.pos and x.entity.kind == "person"
                ]
                stop = min(others) if others else b
                for lo, hi in self.gaps_within(info, m.pos, stop):
                    g = _GENDER_WORD_RE.search(info.text, lo, hi)
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

    # --- classification

    def classify(self) -> None:
        for info in self.blocks:
            for k, s in enumerate(info.spans):
                s.is_quote = self._is_quote(info, k, s)
            for k, s in enumerate(info.spans):
                if s.is_quote:
                    s.partial = self._is_partial(info, k, s)

    def _pre(self, info: _BlockInfo, k: int, over_titles: bool = False) -> str:
        """The sentence before span ``k``, from the previous span's close; with
        ``over_titles`` earlier spans that are not quotations are blanked and passed over."""
        s = info.spans[k]
        a = info.sentences[s.sentence][0]
        j = k - 1
        while over_titles and j >= 0 and info.spans[j].sentence == s.sentence:
            if info.spans[j].is_quote:
                break
            j -= 1
        if j >= 0 and info.spans[j].sentence == s.sentence and info.spans[j].close is not None:
            a = max(a, info.spans[j].close + 1)
        if k >= _SPANS_BACK and info.spans[k - _SPANS_BACK].sentence == s.sentence:
            a = max(a, info.spans[k - _SPANS_BACK].mark)  # a paragraph of unclosed marks
        if j == k - 1:
            return info.text[a : s.mark]
        return mask_quotes(info.text[a : s.mark])

    def _post(self, info: _BlockInfo, k: int) -> str:
        s = info.spans[k]
        if s.close is None:
            return ""
        b = info.sentences[s.sentence][1]
        if k + 1 < len(info.spans) and info.spans[k + 1].sentence == s.sentence:
            b = min(b, info.spans[k + 1].mark)
        return info.text[s.close + 1 : b]

    def _sentence_text(self, info: _BlockInfo, s: _Span) -> str:
        a, b = info.sentences[s.sentence]
        return " ".join(info.text[lo:hi] for lo, hi in self.gaps_within(info, a, b))

    def _is_quote(self, info: _BlockInfo, k: int, s: _Span) -> bool:
        words = s.text.split()
        n = len(words)
        pre = self._pre(info, k)
        post = self._post(info, k)
        inner = s.text.strip()
        terminal = inner[-1] in ".!?,;:…" if inner else False
        if _WHAT_CALLED.search(pre):  # what she called "an insulting proposal"
            # ... what he called "card skimming," in which ...: a term, then its definition
            return not (n <= 4 and _DEFINED_TERM.match(post))
        if (
            n <= 6
            and k > 0
            and not info.spans[k - 1].is_quote
            and info.spans[k - 1].sentence == s.sentence
            and _GLOSS.fullmatch(pre)
        ):
            return False  # known locally as "Bukit Lama", or "old hill": a gloss of a name
        if n <= 6 and _NAMING.search(pre):
            return False
        tail = pre[-24:]
        if n <= 16 and "ed" in tail and _STRONG_NAMING.search(tail):
            return False  # the paper, titled "A long title: with a subtitle"
        if n <= 10 and _BY_AGENT.match(post) and _LABEL_VERB.search(tail):
            return False  # dubbed "the new Tolstoy" by critics
        if n <= 4 and not terminal and s.close is not None:
            if _MODIFIER_BEFORE.search(pre) and _noun_follows(post):
                return False  # a "section 114" notice: a quoted term used as a modifier
            if _NEW_THING_BEFORE.search(pre) and re.match(r"\s+[a-z]", post):
                m = re.match(r"\s+([a-z]+)", post)
                if m and not _VERB_RE.fullmatch(m.group(1)) and m.group(1) not in _CONJUNCTIONS:
                    return False  # its new "loyalty levy" as a way to ...: a name for a thing
            label = _LABEL_BEFORE.search(pre)
            if label and not self._known_subject(pre[: label.start()]):
                return False  # media labelled the contest the "rent election"
        work = _WORK_NOUN.search(pre) if n <= 6 else None
        if (
            work is not None
            and not _FINITE_VERB_RE.search(pre[-25:])
            and not (words[0] in _MANNER_WORDS and work.group(1).lower() not in _TERM_NOUNS)
        ):  # read the report "with a heavy heart": a manner, not the report's title
            return False
        if n <= 5 and not terminal and _ISSUED_THING.search(pre) and words[0].islower():
            return False  # the bureau issued a "safety advisory notice": a document's name
        # nickname between first and last name: Emma "the Cat" Lindqvist
        pre_words = pre.split()
        post_words = post.split()
        if (
            n <= 4
            and pre_words
            and post_words
            and pre_words[-1][:1].isupper()
            and post_words[0][:1].isupper()
            and pre == pre.rstrip(",;: ") + " "
        ):
            return False
        if (
            2 <= n <= 4
            and not terminal
            and words[0] == "the"
            and _title_like(words[1:])
            and not re.search(r"(?:said|says|told|added|asked|wrote)\s*:?\s*$", pre)
        ):
            return False  # crews call the fire "the Chute": a nickname
        if n <= 8 and not terminal and _title_like(words):
            attached = re.search(r"(?:said|says|told|added|asked|wrote)\s*:?\s*$", pre)
            if not attached:
                return False
        if s.start == 0 or s.mark == info.sentences[s.sentence][0] or n >= 6:
            return True
        if pre.rstrip().endswith(":"):
            return True
        said = info.sentence_says.get(s.sentence)
        if said is None:  # the same for every span of the sentence: read it once
            sentence = self._sentence_text(info, s)
            said = bool(_FINITE_VERB_RE.search(sentence) or _ACCORDING.search(sentence))
            info.sentence_says[s.sentence] = said
        return bool(said or _DESCRIBING_AS.search(pre) or _PARTICIPLE_AFTER_CLAUSE.search(pre))

    def _known_subject(self, clause: str) -> bool:
        """The clause before a verb ends in a pronoun or a name the article gives."""
        ref = _subject_ref(clause)
        if ref is None or ref.kind in ("inherit", "anon"):
            return False
        if ref.kind == "name":
            return self.resolve_name(ref.value.split()) is not None
        return True

    def _is_partial(self, info: _BlockInfo, k: int, s: _Span) -> bool:
        pre = self._pre(info, k)
        stripped = pre.rstrip()
        if s.mark == info.sentences[s.sentence][0] or not stripped:
            return False
        if stripped.endswith(":"):
            return False
        if (
            stripped.endswith(",")
            and _ACCORDING.search(stripped)
            and self._ends_sentence(info, k, s)
        ):
            return False  # according to X, "a whole clause that ends the sentence."
        first = s.text.lstrip()[:1]
        upper = bool(first) and (first.isupper() or first.isdigit() or first in "‘'….")
        prev = info.spans[k - 1] if k > 0 else None
        if (
            prev is not None
            and prev.sentence == s.sentence
            and prev.is_quote
            and not prev.partial
            and stripped.endswith(",")
            and prev.text.rstrip()[-1:] in ",…"
        ):
            return False
        after_verb = bool(_FINITE_VERB_RE.search(stripped.split()[-1]))
        return not (upper and (stripped.endswith(",") or after_verb))

    def _ends_sentence(self, info: _BlockInfo, k: int, s: _Span) -> bool:
        inner = s.text.rstrip()
        rest = self._post(info, k).strip()
        return len(s.text.split()) >= 4 and (inner[-1:] in ".!?…" or rest in ("", ".", "!", "?"))

    # --- attribution

    def attribute(self) -> None:
        last_speaker: tuple[_Entity, str | None] | None = None
        for bi, info in enumerate(self.blocks):
            block_speaker: tuple[_Entity, str | None] | None = None
            quotes = [(k, s) for k, s in enumerate(info.spans) if s.is_quote]
            if quotes:
                self._reported_speech(bi, info)
            for k, s in quotes:
                pre = self._pre(info, k)
                if _IN_JUDGMENT.search(pre):  # "was described in the judgment as": the judge
                    ref = _Ref("rolenoun", "judge", "judge")
                else:
                    ref = self._explicit_ref(info, k, s)
                at = s.mark if ref is None or ref.at is None else ref.at
                ahead = self._named_later(bi, pre) if s.close is not None else None
                who = self._resolve_ref(ref, bi, at) if ref is not None else None
                if ahead is not None:  # "a high court judge ruled ...", named in the next block
                    who, ref = ahead, None
                if who is not None:
                    s.explicit = True
                    role = _role_of(ref)
                    if role is None and ref is not None and ref.kind == "pronoun":
                        role = self._unused_role(info, who, s.mark)
                else:
                    prev = self._previous_in_sentence(info, k, s)
                    if prev is not None:
                        who, role = prev
                    elif block_speaker is not None:
                        who, role = block_speaker[0], None
                    elif (said := self._reported_before(info, s.mark)) is not None:
                        who, role = said, None  # X described his approach. "..."
                    else:
                        who = self._chain_speaker(bi, s) or self._named_next(bi, s)
                        role = None
                        if who is None and last_speaker is not None:
                            who = last_speaker[0]
                if who is not None:
                    s.who = who
                    if who.kind == "anonymous":  # "said one truck driver": no name to give
                        s.speaker, s.kind, s.role = None, "person", role or who.name
                    else:
                        s.speaker, s.kind, s.role = who.name, who.kind, role
                    block_speaker = (who, role)
                    info.last_said[s.sentence] = (who, s.role)
                    self._add_speaker(info, s.mark, who)
                    if s.role:
                        info.roled.add(id(who))
            if not quotes:
                self._reported_speech(bi, info)
            info.speakers.sort(key=lambda item: item[0])
            for said in info.speakers_by_sentence.values():
                said.sort(key=lambda item: item[0])  # stable: as filtering the sorted list
            if info.speakers:
                last_speaker = (info.speakers[-1][1], None)
            elif block_speaker is not None:
                last_speaker = block_speaker

    def _add_speaker(self, info: _BlockInfo, pos: int, who: _Entity) -> None:
        info.speakers.append((pos, who))
        sentence = self._sentence_of(info, pos)
        info.speakers_by_sentence.setdefault(sentence, []).append((pos, who))

    def _by_generation(self, surname: str, which: str) -> _Entity | None:
        """Of two people sharing a surname, the one a parent word (father, mother) or a
        child word (son, daughter) introduces, for ``the elder``/``the younger``."""
        older = which in ("elder", "older", "senior")
        cues = _PARENT_WORDS if older else _CHILD_WORDS
        for info in self.blocks:
            for m in info.mentions:
                ent = m.entity
                if ent.kind != "person" or len(ent.words) < 2 or ent.words[-1] != surname:
                    continue
                before = info.text[max(0, m.pos - 40) : m.pos].lower()
                if any(re.search(rf"\b{c}\b", before) for c in cues):
                    return ent
        return None

    def _named_next(self, bi: int, s: _Span) -> _Entity | None:
        """A paragraph that is only a quotation, then ``That was how X described ...`` or
        ``With those words, ... X ended ...``: the person the next paragraph names."""
        info = self.blocks[bi]
        if s.mark > 0 or s.close is None or info.text[s.close + 1 :].strip(" .,’'\"”"):
            return None
        if bi + 1 >= len(self.blocks):
            return None
        nxt = self.blocks[bi + 1]
        if not _BACK_REFERENCE.match(nxt.text) or not nxt.sentences:
            return None
        end = nxt.sentences[0][1]
        for m in nxt.mentions:
            if m.pos < end and m.entity.kind == "person" and len(m.entity.words) > 1:
                return m.entity
        return None

    def _named_later(self, bi: int, pre: str) -> _Entity | None:
        """``"...," a High Court judge ruled`` with the judge named in the next paragraph
        ("Mrs Justice X said ..."): the person whose office or title holds the same word."""
        m = _INDEFINITE_ROLE.search(pre)
        if m is None or m.group(1).lower() not in N.ROLE_WORDS:
            return None
        noun = m.group(1).lower()
        wanted = {noun, *_ROLE_SYNONYMS.get(noun, ())}
        for b in range(bi, min(bi + 2, len(self.blocks))):
            info = self.blocks[b]
            for mention in info.mentions:
                if mention.entity.kind != "person":
                    continue
                words = {w.lower() for w in (mention.run.tokens if mention.run else [])}
                words |= set(re.findall(r"[\w.-]+", (mention.role or "").lower()))
                if wanted & words:
                    return mention.entity
        return None

    @staticmethod
    def _reported_before(info: _BlockInfo, pos: int) -> _Entity | None:
        """The speaker of the last sentence of indirect speech before ``pos`` in the block."""
        found = [(p, w) for p, w in info.speakers if p < pos]
        return max(found, key=lambda item: item[0])[1] if found else None

    def _previous_in_sentence(
        self, info: _BlockInfo, k: int, s: _Span
    ) -> tuple[_Entity, str | None] | None:
        """The speaker (and role) of the last quotation before span ``k`` in its sentence:
        kept as quotations are attributed, in order, rather than searched for."""
        return info.last_said.get(s.sentence)

    def _unused_role(self, info: _BlockInfo, who: _Entity, pos: int) -> str | None:
        """The office given with a name earlier in the paragraph ("Trade Minister Elena
        Sokolova told parliament ...") for the first quote there that a pronoun attributes."""
        if id(who) in info.roled:  # a quotation before this one has its role already
            return None
        for m in info.mentions:
            if m.pos < pos and m.entity is who and m.role:
                return m.role
        return None

    def _chain_speaker(self, bi: int, s: _Span) -> _Entity | None:
        """A quote running over several paragraphs takes the attribution its last part has."""
        if s.close is not None:
            return None
        end = self._chain_end(bi + 1)
        if end is None:
            return None
        b, ref = end
        return self._resolve_ref(ref, b, self.blocks[b].spans[0].mark)

    def _chain_end(self, start: int) -> tuple[int, _Ref] | None:
        """Where a quotation that runs on from paragraph ``start`` is attributed by name: the
        paragraph and the reference. Remembered for every paragraph the walk passed, so a
        long run of unclosed paragraphs is walked once, not once per paragraph."""
        walked: list[int] = []
        b, found = start, None
        while b < len(self.blocks):
            if b in self.chain_ends:
                found = self.chain_ends[b]
                break
            walked.append(b)
            nxt = self.blocks[b]
            if not nxt.spans or nxt.spans[0].mark != 0:
                break
            head = nxt.spans[0]
            ref = self._explicit_ref(nxt, 0, head) if head.is_quote else None
            if ref is not None and ref.kind == "name":
                found = (b, ref)
                break
            if head.close is not None:
                break
            b += 1
        for w in walked:
            self.chain_ends[w] = found
        return found

    def _explicit_ref(self, info: _BlockInfo, k: int, s: _Span) -> _Ref | None:
        pre = self._pre(info, k, over_titles=True)
        post = self._post(info, k)
        ref = _post_ref(post, tight=True)
        if ref is not None and ref.kind != "inherit":
            if ref.kind == "pronoun" and _CLAUSE_JOIN.match(post):
                # "X described it as a "...", though they said ...": X is the subject
                first = _pre_ref(pre)
                if first is not None and first.kind not in ("inherit", "pronoun"):
                    return first
            return ref
        ref = _pre_ref(pre)
        if ref is not None and ref.kind != "inherit":
            if ref.kind == "pronoun":  # "He added that ... near Nha Trang, "...": from "He"
                m = re.search(rf"\b{ref.value}\b", pre, re.I)
                if m is not None:
                    ref = replace(ref, at=s.mark - len(pre) + m.start())
            return ref
        ref = _post_ref(post, tight=False)
        if ref is not None and ref.kind != "inherit":
            return ref
        return None

    def _resolve_ref(self, ref: _Ref, bi: int, pos: int) -> _Entity | None:
        if ref.kind == "name":
            words = ref.value.split()
            if len(words) == 1 and words[0].lower() in N.DEMONYMS:
                # "the Ethiopian said": a description of a person already named
                return next((e for e in self._candidates(bi, pos) if e.kind == "person"), None)
            ent = self.resolve_name(words, (bi, pos))
            kin = _KIN_ORDER.search(ref.role or "")
            if kin and len(words) == 1:  # "the elder Okafor": the parent of the two
                ent = self._by_generation(words[0].lower(), kin.group(1).lower()) or ent
            if (
                ent is not None
                and ref.role
                and ent.kind == "organisation"
                and (
                    not any(w in N.ORG_CUES for w in ent.words)
                    and place_canonical(ent.name) is None
                )
                and not _org_role(ref.role)
            ):
                ent.kind = "person"
            if ent is None:
                info = analyse(words)
                if info is None or info.kind == "event":
                    return None
                kind = "person" if info.kind in ("person", "single") else "organisation"
                ent = self._register(info.name, kind, info.gender)
            return ent
        if ref.kind == "orgname":
            ent = self.by_key.get(ref.value.lower()) or self.resolve_name(ref.value.split())
            if ent is None or ent.kind != "organisation":
                ent = self._register(ref.value, "organisation", None)
            return ent
        if ref.kind == "pronoun":
            return self._resolve_pronoun(ref.gender, bi, pos)
        if ref.kind == "orgnoun":
            ent = self._modified_org(ref, bi, pos) or self._resolve_orgnoun(ref.value, bi, pos)
            if ent is None and ref.role:  # "the operators' association", as written
                ent = self._register(ref.role, "organisation", None)
            return ent
        if ref.kind == "anon":
            return _Entity(ref.value, "anonymous", [], ref.gender)
        if ref.kind == "rolenoun":
            return self._resolve_rolenoun(ref.value, bi, pos)
        if ref.kind == "thenoun":
            return self._resolve_thenoun(ref.value, bi, pos)
        if ref.kind == "given":
            return self._resolve_given(ref.value, bi, pos)
        return None

    def _resolve_given(self, word: str, bi: int, pos: int) -> _Entity | None:
        """A common word used as a name ("An"), when an earlier full name ends in it (given
        names come last in Vietnamese names) or starts with it."""
        low = word.lower()
        for _b, m in self._mentions_before(bi, pos):
            ent = m.entity
            if ent.kind == "person" and len(ent.words) > 1 and ent.words[-1] == low:
                return ent
        return None

    def _resolve_thenoun(self, noun: str, bi: int, pos: int) -> _Entity | None:
        for ent in self._candidates(bi, pos):
            if ent.kind == "organisation" and len(ent.words) > 1 and ent.words[-1] == noun:
                return ent
        named = [
            e
            for e in self.entities
            if e.kind == "organisation" and len(e.words) > 1 and e.words[-1] == noun
        ]
        if not named:  # "the Baltic Election Monitoring Mission", read as a person's name
            named = [
                e
                for e in self.entities
                if e.kind == "person"
                and len(e.words) > 2
                and e.words[-1] == noun
                and e.gender is None
                and first_name_gender(e.words[0]) is None
            ]
            for e in named:
                e.kind = "organisation"
        return max(named, key=lambda e: len(e.words)) if named else None

    def _resolve_rolenoun(self, noun: str, bi: int, pos: int) -> _Entity | None:
        """The most recent person whose office or appositive holds ``noun`` (or a synonym)."""
        wanted = {noun, *_ROLE_SYNONYMS.get(noun, ())}
        for b, m in self._mentions_before(bi, pos):
            if m.entity.kind != "person":
                continue
            role = m.role
            if role is None and m.run is not None:  # "X, the judge," / "the judge, X"
                role = _appositive_role(self.blocks[b].text, m.run)
            if role and wanted & set(re.findall(r"[\w.-]+", role.lower())):
                return m.entity
        return None

    def _candidates(self, bi: int, pos: int):
        """Entities before (bi, pos), nearest sentence first, subjects and speakers first."""
        info = self.blocks[bi]
        cur = self._sentence_of(info, pos) if info.text else 0
        for sent in range(cur, max(-1, cur - _SENTENCES_BACK), -1):
            said = info.speakers_by_sentence.get(sent, ())
            speakers = [w for p, w in said if p < pos]
            ments = [m for m in info.sentence_mentions(sent) if m.pos < pos]
            yield from reversed(speakers)
            yield from (m.entity for m in ments if m.subject)
            yield from (m.entity for m in ments if not m.subject)
        for b in range(bi - 1, max(-1, bi - 4), -1):
            prev = self.blocks[b]
            yield from (w for _p, w in reversed(prev.speakers) if w.kind != "anonymous")
            last = len(prev.sentences) - 1
            for sent in range(last, max(-1, last - _SENTENCES_BACK), -1):
                ments = prev.sentence_mentions(sent)
                yield from (m.entity for m in ments if m.subject)
                yield from (m.entity for m in ments if not m.subject)

    def _resolve_pronoun(self, gender: str | None, bi: int, pos: int) -> _Entity | None:
        want_org = gender == "it"
        for ent in self._candidates(bi, pos):
            if want_org:
                if ent.kind == "organisation":
                    return ent
                continue
            if gender is None:  # they: a person (singular they) or an organisation
                return ent
            if ent.kind != "person" and ent.kind != "anonymous":
                continue
            if ent.gender is None or ent.gender == gender:
                return ent
        return None

    def _modified_org(self, ref: _Ref, bi: int, pos: int) -> _Entity | None:
        """``the volcanology agency``, ``the hospital system``, ``the group``: the organisation
        whose name holds the modifier word, or for a generic noun the nearest organisation
        that is the subject of a recent sentence."""
        mods = [
            w.rstrip("’'s")
            for w in (ref.role or "").lower().split()[:-1]
            if len(w) > 3 and w.isalpha() and w not in N.ORG_NOUNS
        ]
        if mods:
            named = [
                e
                for e in self.entities
                if e.kind == "organisation"
                and len(e.words) > 1
                and ref.value not in e.words
                and any(w[:6] == m[:6] for m in mods for w in e.words)
            ]
            if len(named) == 1:
                return named[0]
        if ref.value not in _GENERIC_ORG_NOUNS or any(
            ref.value in e.words for e in self.entities if e.kind == "organisation"
        ):
            return None
        for ent in itertools.islice(self._candidates(bi, pos), 8):
            if len(ent.words) < 2 and not ent.name.isupper():
                continue  # "Thieves took ...": a capitalised word that opens a sentence
            if ent.kind == "organisation" and place_canonical(ent.name) is None:
                return ent
            if ent.kind == "person" and ent.gender is None and self._described_as_org(ent):
                ent.kind = "organisation"
                return ent
        return None

    def _described_as_org(self, ent: _Entity) -> bool:
        """``Harbor Care, a nonprofit chain of clinics,``: an appositive whose noun is a kind
        of organisation makes the name an organisation's."""
        for info in self.blocks:
            for m in info.mentions:
                if m.entity is not ent or m.run is None:
                    continue
                desc = _APPOSITIVE_AFTER.match(info.text, m.run.end)
                if desc is None:
                    continue
                head = re.split(r"\s(?:of|for|in|at|with|that|which|based)\s", desc.group(1))[0]
                last = head.split()[-1].lower() if head.split() else ""
                if last in N.ORG_NOUNS or last in N.COMPANY_NOUNS:
                    return True
        return False

    def _resolve_orgnoun(self, noun: str, bi: int, pos: int) -> _Entity | None:
        # "the university": the University of York before the University and College Union
        headed = [e for e in self.entities if e.kind == "organisation" and _org_head(e) == noun]
        for ent in self._candidates(bi, pos):
            if ent.kind == "organisation" and noun in ent.words and (not headed or ent in headed):
                return ent
        if len(headed) == 1:
            return headed[0]
        if noun in N.COMPANY_NOUNS:
            # "Apple said it would appeal. ... the company argued": a one-word name with no
            # first name or gender that spoke just before is the company
            for ent in itertools.islice(self._candidates(bi, pos), 6):
                if (
                    ent.kind == "person"
                    and len(ent.words) == 1
                    and ent.gender is None
                    and first_name_gender(ent.name) is None
                ):
                    ent.kind = "organisation"
                    return ent
        if noun in N.COMPANY_NOUNS:  # "The utility X said ... the company said"
            for b in range(bi, max(-1, bi - 2), -1):
                for p, ent in reversed(self.blocks[b].speakers):
                    if (b == bi and p >= pos) or ent.kind != "organisation":
                        continue
                    if place_canonical(ent.name) is None and not any(
                        w in N.INSTITUTION_CUES for w in ent.words
                    ):
                        return ent
        for ent in self.entities:
            if ent.kind == "organisation" and noun in ent.words:
                return ent
        if noun in N.COMPANY_NOUNS:  # "the company": the business the article is about
            for ent in self.entities:
                if ent.kind == "organisation" and _company_like(ent) and _kind_fits(noun, ent):
                    return ent
        return self._subject_word(bi, pos)

    def _subject_word(self, bi: int, pos: int) -> _Entity | None:
        """``Feyenoord had rejected two offers. The club said ...``: a one-word name that opens
        a recent sentence, with no first name or title, is the organisation meant."""
        for b in range(bi, max(-1, bi - 2), -1):
            info = self.blocks[b]
            for a, _e in reversed(info.sentences):
                if b == bi and a >= pos:
                    continue
                run = next((r for r in info.runs if r.start >= a), None)
                if run is None or run.start > a + 1 or len(run.tokens) != 1 or run.possessive:
                    continue
                word = run.tokens[0]
                nameinfo = analyse([word])
                if (
                    nameinfo is None
                    or nameinfo.kind != "single"
                    or nameinfo.gender
                    or nameinfo.role
                    or first_name_gender(word)
                    or word.lower() in N.COMMON_CAPITALISED
                    or word.lower() in N.PRONOUNS
                    or place_canonical(word) is not None
                    or not re.match(r"\s+[a-z]", info.text[run.end : run.end + 3])
                ):
                    continue
                known = self.resolve_name([word])
                if known is not None:
                    if known.kind == "organisation":
                        return known
                    continue
                return self._register(word, "organisation", None)
        return None

    def _reported_speech(self, bi: int, info: _BlockInfo) -> None:
        """Sentences of indirect speech ("X said the ...") make X the latest speaker."""
        verbs = paragraph_layout(info.text).verbs  # sentences with a quotation have None
        for (a, _b), verb in zip(info.sentences, verbs, strict=True):
            if verb is None:
                continue
            at, said = verb
            if said in ("called", "praised", "condemned"):
                continue
            ref = _subject_ref(info.text[a:at])
            if ref is None or ref.kind == "inherit":
                continue
            who = self._resolve_ref(ref, bi, at)
            if who is not None:
                self._add_speaker(info, at, who)

    def results(self) -> list[ExtractedQuote]:
        out: list[ExtractedQuote] = []
        for bi, info in enumerate(self.blocks):
            for s in info.spans:
                if not s.is_quote:
                    continue
                out.append(
                    ExtractedQuote(
                        block=bi,
                        start=s.start,
                        end=s.end,
                        text=s.text,
                        speaker=s.speaker,
                        role=s.role,
                        partial=s.partial,
                        order=len(out),
                        speaker_kind=s.kind if s.speaker else "person",
                    )
                )
        return out


# --- attribution phrases ------------------------------------------------------------------

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


def _noun_follows(post: str) -> bool:
    """Text after a quote that starts with a lower-case word a modifier could qualify."""
    m = re.match(r"\s+([a-z][a-z-]*)\b", post)
    if m is None:
        return False
    word = m.group(1)
    return not (
        word in _NOT_NOUNS
        or word in _CONJUNCTIONS
        or word in _PREPOSITIONS
        or _VERB_RE.fullmatch(word)
    )


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


def _role_of(ref: _Ref | None) -> str | None:
    """The role the text gives: an appositive, or the office words in front of the name."""
    if ref is None or ref.kind != "name":
        return None
    role = ref.role
    if role and all(w.lower() in _ROLE_DETERMINERS for w in role.split()):
        role = None
    if role is None:
        info = analyse(ref.value.split())
        if info is not None and info.role:
            words = [w for w in info.role.split() if w.lower() not in N.TITLES]
            role = " ".join(words) or None
    return role


def _title_like(words: list[str]) -> bool:
    """Every significant word capitalised: a title, brand or name, not speech."""
    sig = [w.strip("“”\"'‘’,.:;!?()") for w in words]
    sig = [w for k, w in enumerate(sig) if w and (k == 0 or len(w) > 3 or w[0].isdigit())]
    if not sig:
        return False
    return all(w[0].isupper() or w[0].isdigit() for w in sig) and not (
        len(sig) == 1 and sig[0].lower() in N.COMMON_CAPITALISED
    )


def _split_segments(text: str) -> list[str]:
    return [seg.strip() for seg in re.split(r",\s|\s[—–]\s|\(|\)", text)]


@small_cache(maxsize=4096)  # a pure function of a clause, which recurs: see _Ref
def _name_segment(seg: str) -> tuple[str, str | None] | None:
    """(name, role words before it) when a segment ends in a name run."""
    seg = seg.strip().rstrip(".,;:")
    if not seg:
        return None
    words = seg.split()
    while words and words[-1].lower() in _ADVERBS:
        words.pop()
    seg = " ".join(words)
    found = [r for r in runs(seg) if strip_common(r.tokens)]
    if not found:
        return None
    affiliated = _affiliated_name(seg, found)
    if affiliated is not None:
        return affiliated
    last = found[-1]
    if last.end < len(seg) or last.possessive:
        return None
    first_word = words[0].lower()
    if first_word in _ROLE_DETERMINERS or first_word in _PREPOSITIONS:
        between = seg[len(words[0]) : last.start].lower().split()
        if any(w in _LINKS for w in between):
            return None
    if found[0].possessive and len(found) > 1 and found[0].start == 0:
        between = seg[found[0].end : last.start].split()
        if not between or any(w[:1].isupper() for w in between):
            return None
    role = seg[: last.start].strip()
    for lead in ("including", "and", "but", "with", "by", "from"):
        if role.lower().startswith(lead + " "):
            role = role[len(lead) + 1 :]
    first = role.split()[0].lower() if role else ""
    if first in _PREPOSITIONS or first.endswith(("ed", "ing")) or first in ("by", "of"):
        role = ""  # "written by Lady Justice X": not a description of X
    return last.text, role or None


_AFFILIATION = re.compile(r"\s+(?:of|from|at|in|with)\s+(?:the\s+)?(?=[^\W\d_])")


def _affiliated_name(seg: str, found: list[Run]) -> tuple[str, str | None] | None:
    """``Dr Ingrid Halvorsen of the University of Tromsø``: a person's name that the segment
    starts with (after role words), followed by the place or body they belong to."""
    for k, run in enumerate(found):
        if run.possessive:
            return None
        info = analyse(run.tokens)
        if info is None or info.kind not in ("person", "single"):
            continue
        if info.kind == "single" and not (info.gender or info.role):
            continue
        lead = seg[: run.start].split()
        if any(w[:1].isupper() for w in lead[1:]) or len(lead) > 3:
            return None
        if not _AFFILIATION.match(seg, run.end) or k + 1 >= len(found):
            return None
        return run.text, seg[: run.start].strip() or None
    return None


def _anon_ref(seg: str) -> _Ref | None:
    """An unnamed person: "one truck driver", "a woman in Orta", "her neighbour"."""
    m = _ANON.match(seg.strip())
    if m is None:
        return None
    words = m.group(2).split()
    head = words[-1].lower().strip(",.;:")
    if any(w[:1].isupper() for w in words):
        return None
    person = (
        head in N.PERSON_NOUNS
        or (head.endswith(_PERSON_ENDINGS) and head not in N.NOT_PERSON_NOUNS and len(head) > 4)
        or (  # "said one mason": "one" before a plain noun is a person the text leaves unnamed
            m.group(1).lower() in ("one", "another")
            and head.isalpha()
            and head not in _TIME_NOUNS
            and head not in N.NOT_PERSON_NOUNS
        )
    )
    if not person or head in N.ORG_NOUNS or head in N.COMPANY_NOUNS:
        return None
    gender = "f" if head in N.FEMALE_NOUNS else "m" if head in N.MALE_NOUNS else None
    text = re.split(r"\s+(?:who|which|whose)\s", seg.strip())[0].rstrip(".,;: ")
    return _Ref("anon", text, text, gender)


_ANON = re.compile(
    r"(one|a|an|another|her|his|their|its|a local|a fellow)\s+((?:[\w’'-]+\s+){0,3}?[\w’'-]+)"
    r"(?=$|[.;:]|\s+(?:in|from|at|of|on|near|who|with|outside|inside)\b|,)",
    re.I,
)
_PERSON_ENDINGS = ("er", "or", "ist", "ian", "ant")
_TIME_NOUNS = _words(
    "day days week weeks month months year years time times morning evening night afternoon "
    "hour hours minute minutes moment occasion point thing things way case reason"
)


_PLACE_TAIL = re.compile(r"\s+(?:in|at|based in)\s+[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?")
_GROUP = re.compile(
    r"(?:(?:some|many|several|other|most|two|three|four|a few|a group of|a number of|"
    r"dozens of|hundreds of)\s+)?([A-Za-z][a-z-]+\s+)?([a-z][a-z-]+s)"
    r"(?=$|\s+(?:at|from|in|with|for|of|on|close to|familiar with)\s)",
    re.I,
)


def _group_ref(seg: str) -> _Ref | None:
    """Unnamed people in the plural (``Analysts at one bank``, ``some residents``): a speaker
    the text leaves anonymous, never a name mentioned earlier."""
    m = _GROUP.match(seg.strip())
    if m is None:
        return None
    modifier = (m.group(1) or "").strip().lower()
    if modifier and (
        modifier.endswith(("ing", "ed", "ly"))
        or modifier in _PREPOSITIONS
        or modifier in _ROLE_DETERMINERS
        or modifier in _CONJUNCTIONS
    ):
        return None  # "addressing supporters at ...": not a group that speaks
    rest = seg.strip()[m.end() :]
    if any(w[:1].isupper() for w in rest.split()[:1]):
        return None  # "Friends of the Earth": a name
    at = re.match(r"\s*(?:at|from|with)\s+(?:the\s+)?", rest)
    body = rest[at.end() :] if at else ""
    found = runs(body) if body else []
    if (
        found
        and found[0].start == 0
        and (
            found[0].end >= len(body.rstrip(" .,;:"))
            or _PLACE_TAIL.fullmatch(body[found[0].end :].rstrip(" .,;:"))
        )
    ):
        info = analyse(found[0].tokens)
        if info is not None and info.kind == "organisation":
            return _Ref("name", found[0].text)  # "Analysts at Corbell Bank": the bank speaks
    plural = m.group(2).lower()
    single = plural[:-1]
    person = (
        single in N.PERSON_NOUNS
        or single in N.ROLE_WORDS
        or (
            single.endswith(_PERSON_ENDINGS)
            and single not in N.NOT_PERSON_NOUNS
            and len(single) > 4
        )
    )
    if not person or single in N.ORG_NOUNS or single in N.COMPANY_NOUNS:
        return None
    text = seg.strip().rstrip(".,;: ")
    return _Ref("anon", text, text, None)


def _is_role_segment(seg: str) -> bool:
    words = seg.split()
    if not words:
        return False
    first = words[0].lower()
    if first in ("who", "whose", "which", "where", "when", "whom") or first.endswith("ing"):
        return False
    if first in _PREPOSITIONS or first in _CONJUNCTIONS:
        return False
    if first in _ROLE_DETERMINERS:
        return True
    if words[0][0].islower():
        return True
    return bool(_EARLY_POSSESSIVE.match(seg))


def _clean_role(seg: str | None) -> str | None:
    if not seg:
        return None
    seg = re.split(r"\s+(?:who|which|whose)\s", seg)[0]
    return seg.strip().rstrip(".,;:") or None


_ASIDES = re.compile(
    r",\s*[DRI]-[A-Z][\w.]*(?:\s[A-Z][\w.]*)?(?=,|\s|$)"  # ", D-Colo.," party and state
    r"|\s*\((?:[DRI]-[^()]{1,16}|Lab|Con|LD|Lib Dem|SNP|DUP|Ind|SF|PC|Green)\)"  # "(R-Texas)"
    r"|\s*\([A-Z][A-Za-z&.-]{1,9}\)"  # "(NDRF)": an acronym given after a name
    r"|(?<=[^\W\d_]),\s*\d{1,3}(?=,)"  # ", 62,": an age
)
_GAVE_NAME = re.compile(
    r"\b(?:gave|giving|gives|identified|identifying)\s+(?:(?:her|his|their)\s+)?(?:only\s+)?"
    r"(?:(?:first\s+|given\s+)?name\s+)?(?:only\s+)?as\s+([A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?)"
)


def _clean_clause(text: str) -> str:
    """A clause without the asides that are never speakers: party labels, acronyms, ages."""
    if "," not in text and "(" not in text:
        return text
    return _ASIDES.sub("", text)


_TRAILING_RELATIVE = re.compile(
    r",?\s*\b(?:who|which|that)(?:\s+(?:had|has|have|was|were|is|are|also|earlier|previously|"
    r"once|already|repeatedly|long))*\s*$"
)
_RELATIVE_CLAUSE = re.compile(r",\s*(?:who|whose|which|where|whom)\b(?:[^,]|,(?=\d))*,")


@small_cache(maxsize=4096)  # a pure function of a clause, which recurs: see _Ref
def _subject_ref(text: str) -> _Ref | None:
    """Who is the subject of a verb, from the clause text just before it."""
    gave = _GAVE_NAME.search(text) if " as " in text else None
    if gave:  # "a woman who gave her name only as Lakshmi"
        return _Ref("name", gave.group(1))
    t = " " + _clean_clause(text.strip()) + " "
    orgs = comma_org_names(t)
    if orgs and orgs[-1][1] == len(t) - 1:  # "The Department for Environment, Food and ..."
        return _Ref("name", orgs[-1][2])
    t = _RELATIVE_CLAUSE.sub(",", t)
    t = _TRAILING_RELATIVE.sub("", t.rstrip())
    segs = [x for x in _split_segments(t)]
    while segs and not segs[-1]:
        segs.pop()
    if not segs:
        return _Ref("inherit")
    last_words = [w.lower() for w in segs[-1].split()]
    while last_words and last_words[-1] in _ADVERBS:
        last_words.pop()
    if not last_words or all(w in _CONJUNCTIONS for w in last_words):
        return _Ref("inherit")
    if last_words[-1] in _SUBJECT_PRONOUNS and (
        len(last_words) <= 2 or last_words[-2] in _SUBORDINATORS
    ):  # "he said", "hours after she urged": the pronoun is the subject
        return _Ref("pronoun", last_words[-1], gender=_SUBJECT_PRONOUNS[last_words[-1]])
    if last_words[-1] == "police" and (len(last_words) == 1 or last_words == ["the", "police"]):
        return _Ref("orgnoun", "police")  # "police said": the force the article named
    members = _ORG_MEMBERS.fullmatch(segs[-1].rstrip(" ,.;:"))
    if members:  # "the mission's monitors", "the union's negotiators"
        noun = members.group(1).lower()
        if noun in N.ORG_NOUNS or noun in N.COMPANY_NOUNS:
            return _Ref("orgnoun", noun)
        return _Ref("thenoun", noun)
    named_org = _ORG_APPOSITION.match(segs[-1].rstrip(" ,.;:"))
    if named_org:  # "The campaign group Zero by 2040"
        return _Ref("orgname", named_org.group(1))
    last = segs[-1].split()[-1]
    if (
        len(last_words) == 1
        and last[:1].isupper()
        and last.lower() in N.COMMON_CAPITALISED
        and not (last.isupper() and len(last) > 1)  # "WHO said": an acronym
    ):
        return _Ref("given", last)  # "An said": a short given name the article gave before
    orgnoun = (
        _orgnoun_ref(segs[-1], last_words)
        or _rolenoun_ref(segs[-1], last_words)
        or _thenoun_ref(segs[-1], last_words)
    )
    if orgnoun is not None:
        return orgnoun
    group = _group_ref(segs[-1]) or _spokesman_for(segs[-1])
    if group is not None:
        return group
    if re.match(r"(?:one|another)\s+[a-z]", segs[-1], re.I):  # "One trader, who ..., said"
        anon = _anon_ref(segs[-1])
        if anon is not None:
            return anon
    after_role: str | None = None
    fallback: _Ref | None = None
    head: str | None = None
    for idx in range(len(segs) - 1, -1, -1):
        seg = segs[idx]
        if not seg:
            continue
        named = _name_segment(seg)
        if named is not None:
            name, pre_role = named
            role = after_role or pre_role
            if role is None and idx > 0 and _is_role_segment(segs[idx - 1]):
                role = segs[idx - 1]
            return _Ref("name", name, _clean_role(role))
        if _is_role_segment(seg):
            after_role = head = seg
            if fallback is None:
                fallback = _spokesman_for(seg)
            continue
        if idx == len(segs) - 1 and seg.split()[0].lower() in _PREPOSITIONS:
            continue
        break
    if fallback is None and head is not None:
        return _anon_ref(head)
    return fallback


_SUBORDINATORS = _words(
    "after before when as because since while until once although though if whereas"
)
_ORG_MEMBERS = re.compile(
    r"(?:[Tt]he|[Ii]ts|[Tt]heir)\s+([a-z]+)[’']s\s+(?:[a-z]+\s+)?"
    r"(?:monitors|observers|staff|experts|officials|engineers|researchers|negotiators|"
    r"lawyers|inspectors|scientists|analysts|economists|investigators|members|leaders)"
)
_ORG_KINDS = sorted(
    N.ORG_NOUNS
    | N.COMPANY_NOUNS
    | N._words("charity ngo non-profit nonprofit think-tank lobby pressure advocacy")
)
_ORG_APPOSITION = re.compile(
    r"(?:[Tt]he|[Aa]n?)\s+(?:[a-z-]+\s+){0,2}?(?:" + word_regex(_ORG_KINDS) + r")\s+"
    r"((?:[A-Z][\w’'&.-]*|\d+(?:,\d{3})*)(?:\s(?:[A-Z][\w’'&.-]*|\d+(?:,\d{3})*|of|for|by|and|the|on|&))*)$"
)


def _orgnoun_ref(seg: str, words: list[str]) -> _Ref | None:
    """``the ministry``, ``the operators' association``: an organisation by its kind; the words
    as written (without the article) are kept for when no name in the text fits."""
    if not (1 < len(words) <= 4 and words[0] in ("the", "its", "their")):
        return None
    if words[-1] not in N.ORG_NOUNS and words[-1] not in N.COMPANY_NOUNS:
        return None
    if any(
        (kept := strip_common(r.tokens)) and not (len(kept) == 1 and kept[0].lower() in N.DEMONYMS)
        for r in runs(seg)
    ):  # "the Dutch club" is still the club
        return None
    written = seg.split(None, 1)[1].strip(" ,.;:")
    return _Ref("orgnoun", words[-1], written)


def _thenoun_ref(seg: str, words: list[str]) -> _Ref | None:
    """``the patrol``: any other noun, which names an organisation only when an earlier
    organisation's name ends in it ("Minnesota State Patrol")."""
    if not (len(words) == 2 and words[0] == "the" and words[1].isalpha()):
        return None
    if not seg.split()[-1].islower() or words[1] in _NOT_NOUNS or words[1] in N.PRONOUNS:
        return None
    return _Ref("thenoun", words[1])


_IN_JUDGMENT = re.compile(
    r"\b(?:described|called|criticised|criticized|branded)\s+in\s+(?:the|her|his|its)\s+"
    r"(?:judgment|judgement|ruling)\s+as\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,4}$"
)
_INDEFINITE_ROLE = re.compile(
    r"\b(?:a|an)\s+(?:[A-Za-z-]+\s+){0,3}?([a-z]+)\s+(?:ruled|found|held|concluded|decided|"
    r"said|says|wrote|warned)\b"
)
_ROLE_SYNONYMS = {
    "judge": ("justice", "magistrate"),
    "justice": ("judge",),
    "minister": ("secretary",),
    "boss": ("manager", "coach", "chief", "executive"),
    "manager": ("boss",),
    "coach": ("manager", "boss"),
    "governor": ("gov", "gov."),
    "senator": ("sen", "sen."),
    "chairman": ("chair", "chairwoman", "chairperson"),
    "chairwoman": ("chair", "chairman", "chairperson"),
    "chair": ("chairman", "chairwoman", "chairperson"),
}


def _rolenoun_ref(seg: str, words: list[str]) -> _Ref | None:
    """``the judge``, ``the chief executive``: a person named earlier with that office."""
    if len(words) > 2 and words[1] == "the" and (words[0] in _ADVERBS or words[0][-2:] == "ly"):
        words, seg = words[1:], seg.split(None, 1)[1]  # "Afterwards the coach said"
    if not (1 < len(words) <= 4 and words[0] == "the"):
        return None
    if any(not w.replace("-", "").isalpha() or not w.islower() for w in seg.split()[1:]):
        return None
    head = words[-1]
    if head not in N.ROLE_WORDS or head in N.ORG_NOUNS or head in N.COMPANY_NOUNS:
        return None
    return _Ref("rolenoun", head, seg.split(None, 1)[1].strip(" ,.;:"))


_APPOSITIVE_AFTER = re.compile(r",\s+(?:the|a|an|its|their)\s+([^,.;:()“”\"]{2,60})")
_APPOSITIVE_BEFORE = re.compile(r"\b(?:the|its|their)\s+([a-z][^,.;:()“”\"]{1,60}),\s*$")


def _appositive_role(text: str, run: Run) -> str | None:
    """The office an appositive gives a name: ``X, the judge,`` or ``the judge, X``."""
    m = _APPOSITIVE_AFTER.match(text, run.end + (1 if run.possessive else 0))
    if m is None and not run.possessive:
        m = _APPOSITIVE_BEFORE.search(text, max(0, run.start - 64), run.start)
    return m.group(1).strip() if m else None


_SPOKES = (
    r"(?:spokesman|spokeswoman|spokesperson|spokespeople|representative|statement|source|"
    r"press office|press officer|media officer|official)"
)
_SPOKES_HINTS = ("spokes", "representative", "statement", "source", "press", "media", "official")
_ORG_SPOKESPERSON = re.compile(rf"(?:an?|the)\s+(.+?)\s+{_SPOKES}$", re.I)


def _spokesman_for(seg: str) -> _Ref | None:
    """``a spokesperson for Kessland Rail`` or ``a Kessland Rail spokesperson``: the
    organisation speaks."""
    low = seg.lower()
    if not any(w in low for w in _SPOKES_HINTS):
        return None
    m = _ORG_SPOKESPERSON.match(seg.strip().rstrip(".,;:"))
    if m:
        found = runs(m.group(1))
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(m.group(1)):
            info = analyse(found[0].tokens)
            if info is not None and not (info.kind == "person" and info.gender):
                return _Ref("name", found[0].text)
    m = re.match(
        r"(?:an?|the)\s+(?:\w+\s+)?(?:spokesman|spokeswoman|spokesperson|representative|"
        r"official|statement)\s+(?:for|from|of|at)\s+(?:the\s+)?(.*)$",
        seg,
        re.I,
    )
    if m:
        found = runs(m.group(1))
        if found and found[0].start == 0:
            return _Ref("name", found[0].text)
    return None


_STOP = re.compile(r"([\w.]*[a-z])\.\s")


def _first_clause(text: str) -> str:
    """``text`` up to its first full stop that ends a sentence, not an abbreviation's
    (``said Sen. Ada Marsh, the chair. Later...`` -> ``said Sen. Ada Marsh, the chair``)."""
    for m in _STOP.finditer(text):
        if m.group(1).lower() in _ABBREVIATIONS:
            continue
        return text[: m.start() + len(m.group(1))]
    return text


def _strip_abbreviations(text: str) -> str:
    """``text`` with the full stops of abbreviations (``Sen.``, ``Dr.``) removed."""
    return _ABBREV_DOT.sub(r"\1", text)


@small_cache(maxsize=4096)  # a pure function of a clause, which recurs: see _Ref
def _object_ref(text: str) -> _Ref | None:
    """Who follows a speech verb: ``said Aref al-Aref, a medic`` / ``said the spokesman, X``."""
    text = _first_clause(text)
    gave = _GAVE_NAME.search(text) if " as " in text else None
    if gave:  # said a woman in Orta, who gave her name only as Lakshmi
        return _Ref("name", gave.group(1))
    text = _clean_clause(text)
    segs = [x for x in _split_segments(text) if x]
    if not segs:
        return None
    first = segs[0]
    named = _name_segment(first) or _leading_name(first)
    if named is not None and _plain_lead(first):
        name, pre_role = named
        role = pre_role
        if len(segs) > 1 and _is_role_segment(segs[1]):
            role = segs[1]
        return _Ref("name", name, _clean_role(role))
    words = first.lower().split()
    if (
        words
        and (words[0] in ("the", "a", "an", "its", "their") or _EARLY_POSSESSIVE.match(first))
        and len(segs) > 1
    ):
        nxt = _name_segment(segs[1])
        if nxt is not None and runs(segs[1])[0].start == 0:
            return _Ref("name", nxt[0], _clean_role(first))
    if words and words[0] == "the" and len(words) <= 3:
        ref = (
            _orgnoun_ref(first, words) or _rolenoun_ref(first, words) or _thenoun_ref(first, words)
        )
        if ref is not None:
            return ref
    return _spokesman_for(first) or _anon_ref(first)


_TRAILING_PHRASE = re.compile(
    r"\s+(?:on|in|at|during|after|before|outside|inside|from|to|via|when|while|as|"
    r"speaking|standing|addressing|told|adding|referring)\b"
)


def _plain_lead(seg: str) -> bool:
    """The first name in ``seg`` comes after at most three lower-case role words."""
    found = runs(seg)
    if not found:
        return False
    lead = seg[: found[0].start].split()
    if len(lead) <= 1:
        return True
    return len(lead) <= 3 and not any(
        w in _PREPOSITIONS or w in _CONJUNCTIONS or not w.islower() for w in lead
    )


def _leading_name(seg: str) -> tuple[str, str | None] | None:
    """``chief executive Nadia Brennan on a call with analysts``: a name after at most three
    lower-case role words, followed by a phrase of circumstance."""
    found = [r for r in runs(seg) if strip_common(r.tokens)]
    if not found:
        return None
    run = found[0]
    lead = seg[: run.start].split()
    if run.possessive or len(lead) > 3 or any(not w[:1].islower() for w in lead):
        return None
    if not _TRAILING_PHRASE.match(seg, run.end):
        return None
    return run.text, " ".join(lead) or None


_CLAUSE_JOIN = re.compile(r"[\s,;]*(?:though|although|but|and|while|as|because)\s", re.I)


@small_cache(maxsize=4096)  # a pure function of a clause, which recurs: see _Ref
def _post_ref(post: str, tight: bool) -> _Ref | None:
    s = post.lstrip(" ,;:—–-")
    m = _VERB_RE.search(s)
    if not m or m.group() in _PARTICIPLES:
        return None
    before = s[: m.start()]
    if not before.strip():
        return _object_ref(s[m.end() :])
    if tight and (len(before.split()) > 8 or "." in _strip_abbreviations(before).rstrip(".")):
        return None
    return _subject_ref(before)


@small_cache(maxsize=4096)  # a pure function of a clause, which recurs: see _Ref
def _pre_ref(pre: str) -> _Ref | None:
    plural = _PLURAL_RELATIVE.search(pre)
    if plural and plural.group(1) not in _NOT_PLURAL_NOUNS:  # "which analysts described as"
        return _Ref("anon", plural.group(1))
    called = _WHAT_CALLED.search(pre)
    if called:  # what she called "..."
        ref = _subject_ref(called.group(1))
        if ref is not None and ref.kind != "inherit":
            return ref
    acc = list(_ACCORDING.finditer(pre))
    verbs = [m for m in _FINITE_VERB_RE.finditer(pre)]
    if acc and (not verbs or verbs[-1].start() < acc[-1].start()):
        ref = _object_ref(pre[acc[-1].end() :])
        if ref is not None:
            if ref.role and not pre.rstrip().endswith((",", "—", "–")):
                ref = replace(ref, role=None)  # according to X, the strike could cost "..."
            return ref
    for m in verbs:
        ref = _subject_ref(pre[: m.start()])
        if ref is None and _AND_END.search(pre, 0, m.start()):
            ref = _coordinated_subject(pre[: m.start()])
        if ref is not None:
            return ref
    if not verbs:
        described = _DESCRIBING_AS.search(pre)
        if described:  # "X, its leader, had spent weeks describing the plan as a "...""
            clause = re.sub(r"(?:\s+[a-z][\w’'-]*)+\s*$", "", pre[: described.start()])
            ref = _subject_ref(clause)
            if ref is not None and ref.kind != "inherit":
                return ref
        return _participle_subject(pre) or _colon_subject(pre)
    return None


def _colon_subject(pre: str) -> _Ref | None:
    """``Club official Ann Lee hit back on Monday: "..."``: with no speech verb, the person
    who is the subject of the clause the colon ends introduces the quotation."""
    clause = pre.rstrip()
    if not clause.endswith(":"):
        return None
    clause = clause[:-1]
    for r in runs(clause):
        rest = clause[r.end :].split()
        if r.possessive or not rest or not rest[0].islower() or rest[0] in _PREPOSITIONS:
            continue
        info = analyse(r.tokens)
        if info is not None and info.kind == "person" and len(info.name.split()) >= 2:
            return _Ref("name", info.name)
    return None


_BACK_REFERENCE = re.compile(
    r"(?:That|This|Those|These|So|Such|With (?:those|these|that|this)|In (?:those|these))"
    r"\b(?: (?:was|were|is|are|words|remarks|comments|message|how|what))?",
)
_KIN_ORDER = re.compile(r"\b(elder|older|senior|younger|junior)$", re.I)
_PARENT_WORDS = ("father", "mother", "dad", "mum", "mom", "parent", "grandfather", "grandmother")
_CHILD_WORDS = ("son", "daughter", "child", "grandson", "granddaughter")
_PLURAL_RELATIVE = re.compile(
    r"\b(?:which|that|what|whom)\s+(?:many\s+|some\s+|other\s+|the\s+)?([a-z]{3,}s)\s+"
    r"(?:[a-z]+\s+){0,4}?(?:described|called|dubbed|termed|labelled|labeled|branded)"
    r"\s+(?:it\s+|them\s+)?(?:as\s+)?(?:an?\s+|the\s+)?$"
)
_NOT_PLURAL_NOUNS = _words("this has was is does its thus always perhaps sometimes")
_GENERIC_ORG_NOUNS = _words("group organisation organization body system network")
_AND_END = re.compile(r"\s(?:and|then|and then|before)\s+$")
_FIRST_VERB = re.compile(
    r"[a-z]+(?:ed|[^s]s)|won|went|took|led|ran|made|set|came|got|beat|lost|saw|held|gave|left|"
    r"became|began|broke|wrote|spoke|sent|met|put|cut|hit|fell|rose|told|said"
)
_LEAD_POSSESSIVE = re.compile(r"^[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?[’']s\s+")


def _coordinated_subject(clause: str) -> _Ref | None:
    """``Kenya's Ann Oduya won the race for a third time and called it "..."``: the name
    that opens the sentence, followed by its first verb, is the subject of the second."""
    if any(mark in clause for mark in ",;:—–"):
        return None
    lead = _LEAD_POSSESSIVE.match(clause)
    start = lead.end() if lead and place_canonical(lead.group()[:-3].strip()) else 0
    found = runs(clause[start:])
    if not found or found[0].start != 0 or found[0].possessive:
        return None
    rest = clause[start + found[0].end :].split()
    if not rest or not _FIRST_VERB.fullmatch(rest[0]):
        return None
    info = analyse(found[0].tokens)
    if info is None or info.kind not in ("person", "single"):
        return None
    return _Ref("name", found[0].text)


_PARTICIPLE_AFTER_CLAUSE = re.compile(r",\s*(?:saying|adding|warning|noting|holding)\b")


def _participle_subject(pre: str) -> _Ref | None:
    """``The Foreign Ministry gave another account, saying ... "..."``: the name the
    sentence opens with is the subject of the participle."""
    m = _PARTICIPLE_AFTER_CLAUSE.search(pre)
    if m is None:
        return None
    clause = _clean_clause(pre[: m.start()]).strip()
    found = [r for r in runs(clause) if strip_common(r.tokens)]
    if not found or found[0].possessive:
        return None
    lead = clause[: found[0].start].split()
    if len(lead) > 1 or (lead and lead[0].lower() not in ("the", "a", "an")):
        return None
    rest = clause[found[0].end :].split()
    if not rest or not rest[0].islower() or rest[0] in _PREPOSITIONS or rest[0] in _LINKS:
        return None
    return _Ref("name", found[0].text)


def extract_quotes(blocks: Sequence[Block]) -> list[ExtractedQuote]:
    """Every quotation in the body, in order, with speaker, role and whether it is partial."""
    doc = _Doc(blocks)
    doc.build_registry()
    doc.classify()
    doc.attribute()
    return doc.results()
