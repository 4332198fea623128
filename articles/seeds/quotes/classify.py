"""Classification: which quoted spans are quotations (not titles, nicknames, terms or labels),
and which of them are partial (a phrase embedded in the writer's sentence).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..names import _words
from .clauses import _subject_ref
from .lexicon import (
    _ACCORDING,
    _CONJUNCTIONS,
    _DESCRIBING_AS,
    _NOT_NOUNS,
    _PREPOSITIONS,
    _SPEECH_CUE,
    _WHAT_CALLED,
)
from .long_spans import (
    is_call_for,
    is_dated_citation,
    is_headline_with_byline,
    is_markup,
    is_translation,
    is_words_quoted,
    reports_finding,
    single_marked_heading,
    single_marks_set_apart,
)
from .openers import _PARTICIPLE_AFTER_CLAUSE
from .registry import _BlockInfo
from .short_quotes import attributed_short_quote
from .spans import _FINITE_VERB_RE, _VERB_RE, _Span, mask_quotes
from .subjects import SUBJECT_REACH, sentence_subject
from .titles import (
    _title_like,
    is_show_title,
    is_title_after_preposition,
    is_title_as_subject,
    is_title_with_subtitle,
    is_told_programme,
)

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
    r"musical|game|chant|hymn|memoir|biography|autobiography|catchphrase|ad|spot|drama|"
    r"thriller|sitcom)\s*,?\s*$",
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

_SPANS_BACK = 16

# Exclusions a sentence's subject overrides for a short phrase in lower case (see
# ``Classifier._subjects_words``): "blamed it on a "rigged" process", his "go-it-alone"
# report: on real copy these are mostly the subject's words.
_SOFT_EXCLUSIONS = frozenset({"is_term_as_modifier", "is_work_title"})

_SO_CALLED = re.compile(r"\bso[- ]called\s*$", re.I)

_TERM_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(_TERM_NOUNS)) + r")\s*,?\s*$", re.I)

_SUBJECTS_WORDS_MAX = 8

_LIST_JOIN = re.compile(r"\s*(?:,\s*)?(?:(?:and|or|not)\s+)?(?:,\s*)?")


_SUBJECT_PRONOUNS = _words("he she it we they you i")


def _noun_follows(post: str) -> bool:
    """Text after a quote that starts with a lower-case word a modifier could qualify."""
    m = re.match(r"\s+([a-z][a-z-]*)\b", post)
    if m is None:
        return False
    word = m.group(1)
    return not (
        word in _NOT_NOUNS
        or word in _SUBJECT_PRONOUNS  # the "extra measures" she had used: a relative clause
        or word in _CONJUNCTIONS
        or word in _PREPOSITIONS
        or _VERB_RE.fullmatch(word)
    )


@dataclass(frozen=True, slots=True)
class SpanContext:
    """A quoted span as classification reads it: its words, the text of its sentence before it
    (``pre``, from the previous span) and after it (``post``, to the next), whether it closes,
    whether other quoted text that is not a quotation comes before it in the sentence, and
    whether a clause's subject is someone the article names (``known_subject``)."""

    words: list[str]
    pre: str
    post: str
    closed: bool = True
    after_other_quoted_text: bool = False
    known_subject: Callable[[str], bool] = lambda clause: False

    @property
    def n(self) -> int:
        return len(self.words)

    @property
    def terminal(self) -> bool:
        """The quoted text ends as speech does, in a stop or a comma."""
        inner = " ".join(self.words)
        return inner[-1] in ".!?,;:…" if inner else False

    @property
    def tail(self) -> str:
        return self.pre[-24:]


# Each exclusion: a quoted span that is not a quotation, with the example it is named after.
# They are tried in the order of EXCLUSIONS; the first that holds decides.


def is_defined_term(ctx: SpanContext) -> bool:
    """... what he called "card skimming," in which ...: a term, then its definition."""
    return ctx.n <= 4 and bool(_DEFINED_TERM.match(ctx.post))


def is_gloss_of_a_name(ctx: SpanContext) -> bool:
    """Known locally as "Bukit Lama", or "old hill": a gloss of a name."""
    return ctx.n <= 6 and ctx.after_other_quoted_text and bool(_GLOSS.fullmatch(ctx.pre))


def is_named_as(ctx: SpanContext) -> bool:
    """The plan, known as "Project Dawn": a name given to something (but not what someone
    calls it: see :func:`someone_calls_it`)."""
    if ctx.n > 6:
        return False
    naming = _NAMING.search(ctx.pre)
    return (
        naming is not None
        and not someone_calls_it(ctx.pre, naming.start())
        and not is_call_for(ctx)
    )


_CALLING = re.compile(r"(?:call|calls|called|refer|refers|referred)\b", re.I)

_CALLER_BEFORE = re.compile(
    r"(?:\b(?:he|she|they|we|I|you|who)|\b[A-Z][\w’'.-]*,?)\s+"
    r"(?:(?:also|has|have|had|having|once|often|repeatedly|previously|later|then|even|again|"
    r"would|will|to|[a-z]{3,}ly)\s+)*$"
    r"|(?:\b(?:he|she|they|we|I)|\b[A-Z][\w’'.-]*)\s+(?:[a-z]+\s+){1,3}to\s+$"  # "went on to"
)


def someone_calls_it(pre: str, verb: int) -> bool:
    """Bush referred to Rubio as "a bright leader"; what he calls the "Washington cartel";
    Trump called "a disgrace"; Ann Lee, an adviser, calls it "a blueprint": a person (a
    pronoun or a name right before the verb, its adverbs aside) calls something so, which is
    their word for it, not the thing's name (a website called "...")."""
    if pre.startswith(("calls ", "refers "), verb) and pre[max(0, verb - 2) : verb] == ", ":
        return True  # "Ann Lee, an adviser, calls it": present tense after an appositive
    return bool(_CALLING.match(pre, verb)) and bool(
        _CALLER_BEFORE.search(pre[max(0, verb - 60) : verb])
    )


def is_strong_title(ctx: SpanContext) -> bool:
    """The paper, titled "A long title: with a subtitle": a title, however long."""
    return ctx.n <= 16 and "ed" in ctx.tail and bool(_STRONG_NAMING.search(ctx.tail))


def is_label_by_someone(ctx: SpanContext) -> bool:
    """Dubbed "the new Tolstoy" by critics: a label others gave."""
    return ctx.n <= 10 and bool(_BY_AGENT.match(ctx.post)) and bool(_LABEL_VERB.search(ctx.tail))


def _short_term(ctx: SpanContext) -> bool:
    return ctx.n <= 4 and not ctx.terminal and ctx.closed


def is_term_as_modifier(ctx: SpanContext) -> bool:
    """A "section 114" notice: a quoted term used as a modifier (but see
    :func:`is_speakers_epithet`)."""
    return (
        _short_term(ctx)
        and bool(_MODIFIER_BEFORE.search(ctx.pre))
        and _noun_follows(ctx.post)
        and not is_speakers_epithet(ctx)
    )


_NAMED_THING = re.compile(
    r"\s+(?:moniker|standard|initiative|ceremony|requirement|rule|law|act|bill|policy|"
    r"plan|programme|program|scheme|tax|fund|strategy|doctrine|clause|test|status|zone|"
    r"order|notice|plates?|label|tag|status|system|model|option|category|list)\b",
    re.I,
)


_ADJECTIVE = re.compile(r"(?:ful|ous|al|ic|ive|ent|ant|ible|able|less|ist)$")


def is_speakers_epithet(ctx: SpanContext) -> bool:
    """She warned of a "ferocious" battle; he railed against a "corrupt" process: a speaker's
    own lower-case word (or an adjective and its noun: a "fraudulent scheme") before a noun,
    in a sentence that reports speech, is a quotation, unless the noun is the kind of thing
    that has a name (a "natural born" requirement, a "trolley watch" count)."""
    return (
        ctx.words[0][:1].islower()
        and (ctx.n == 1 or (ctx.n == 2 and bool(_ADJECTIVE.search(ctx.words[0]))))
        and _NAMED_THING.match(ctx.post) is None
        and bool(sentence_reports_speech(ctx.pre) or sentence_reports_speech(ctx.post))
    )


def is_name_for_a_new_thing(ctx: SpanContext) -> bool:
    """Its new "loyalty levy" as a way to ...: the name of a new thing."""
    if not _short_term(ctx) or not _NEW_THING_BEFORE.search(ctx.pre):
        return False
    m = re.match(r"\s+([a-z]+)", ctx.post)
    return bool(m) and not _VERB_RE.fullmatch(m.group(1)) and m.group(1) not in _CONJUNCTIONS


def is_media_label(ctx: SpanContext) -> bool:
    """Media labelled the contest the "rent election": a label nobody named said."""
    if not _short_term(ctx):
        return False
    label = _LABEL_BEFORE.search(ctx.pre)
    return (
        bool(label)
        and not ctx.known_subject(ctx.pre[: label.start()])
        and not someone_calls_it(ctx.pre, label.start())
    )


_IN_THEIR_WORDS = re.compile(
    r"\bin\s+(?:his|her|their|its|my|our|your|[A-Z][\w.’'-]*(?:’s|'s))\s+(?:own\s+)?words\W*$"
)


def _titled_apposition(ctx: SpanContext, work: re.Match) -> bool:
    """She wrote in her memoir, "Hard Roads.": a capitalised title set off by a comma after
    the work it names is that work's title, even after a speech verb."""
    return work.group(0).rstrip().endswith(",") and _title_like(ctx.words)


def is_work_title(ctx: SpanContext) -> bool:
    """The song "Northern Lights": the title of a work (but read the report "with a heavy
    heart" is a manner, not the report's title, and in her words, "he knows how" is
    speech)."""
    work = _WORK_NOUN.search(ctx.pre) if ctx.n <= 6 else None
    return (
        work is not None
        and not _IN_THEIR_WORDS.search(ctx.pre)
        and not is_words_quoted(ctx)
        and not (_FINITE_VERB_RE.search(ctx.pre[-25:]) and not _titled_apposition(ctx, work))
        and not (ctx.words[0] in _MANNER_WORDS and work.group(1).lower() not in _TERM_NOUNS)
    )


def is_issued_document(ctx: SpanContext) -> bool:
    """The bureau issued a "safety advisory notice": a document's name."""
    return (
        ctx.n <= 5
        and not ctx.terminal
        and bool(_ISSUED_THING.search(ctx.pre))
        and ctx.words[0].islower()
    )


def is_nickname_inside_a_name(ctx: SpanContext) -> bool:
    """Emma "the Cat" Lindqvist: a nickname between first and last name (never one that
    ends a sentence: Lee called Khan "unhinged." Senator Ann Ross said ...)."""
    pre_words, post_words = ctx.pre.split(), ctx.post.split()
    return (
        ctx.n <= 4
        and not ctx.terminal
        and bool(pre_words)
        and bool(post_words)
        and pre_words[-1][:1].isupper()
        and post_words[0][:1].isupper()
        and ctx.pre == ctx.pre.rstrip(",;: ") + " "
    )


_SAID_BEFORE = re.compile(r"(?:said|says|told|added|asked|wrote)\s*:?\s*$")


def is_the_nickname(ctx: SpanContext) -> bool:
    """Crews call the fire "the Chute": a nickname."""
    words = ctx.words
    return (
        2 <= ctx.n <= 4
        and not ctx.terminal
        and words[0] == "the"
        and _title_like(words[1:])
        and not _SAID_BEFORE.search(ctx.pre)
    )


def is_title_case_name(ctx: SpanContext) -> bool:
    """She read "The Long Road Home": every word capitalised, and no "said" before it."""
    return (
        ctx.n <= 8
        and not ctx.terminal
        and _title_like(ctx.words)
        and not _SAID_BEFORE.search(ctx.pre)
    )


def sentence_reports_speech(sentence: str) -> bool:
    """Smith called the deal "a disgrace"; Trump blasted Disney for its "outrageous
    practices": the sentence (its text outside quotations) reports what someone said or how
    they put it, so a short quoted phrase in it is their words, not a scare quote."""
    return bool(_FINITE_VERB_RE.search(sentence) or _SPEECH_CUE.search(sentence))


EXCLUSIONS: tuple[Callable[[SpanContext], bool], ...] = (
    is_markup,
    is_headline_with_byline,
    is_dated_citation,
    is_translation,
    is_gloss_of_a_name,
    is_named_as,
    is_strong_title,
    is_label_by_someone,
    is_term_as_modifier,
    is_name_for_a_new_thing,
    is_media_label,
    is_work_title,
    is_show_title,
    is_title_after_preposition,
    is_title_with_subtitle,
    is_told_programme,
    is_title_as_subject,
    is_issued_document,
    is_nickname_inside_a_name,
    is_the_nickname,
    is_title_case_name,
)


def exclusion(ctx: SpanContext) -> str | None:
    """The name of the first exclusion that makes the span something other than a
    quotation, or None."""
    for predicate in EXCLUSIONS:
        if predicate(ctx):
            return predicate.__name__
    return None


_COMMA_INSIDE_CLOSE = re.compile(r",[”\"]")


def _masked_keeping_commas(text: str) -> str:
    """``text`` with its quoted spans blanked, but a comma inside a closing mark kept where
    the mark was: ``On "Fox News Sunday," Gov. Ann Lee said`` keeps the comma that ends
    the opening phrase, so the subject after it is still read as one."""
    masked = mask_quotes(text)
    if "," not in text or masked == text:
        return masked
    chars = list(masked)
    for m in _COMMA_INSIDE_CLOSE.finditer(text):
        if chars[m.start()] == "\x00":
            chars[m.start() + 1] = ","
    return "".join(chars)


class Classifier:
    """The classify stage of ``_Doc`` (a mixin: the document's state lives there)."""

    def classify(self) -> None:
        set_apart = single_marks_set_apart([(info.text, bool(info.spans)) for info in self.blocks])
        for info in self.blocks:
            if set_apart and info.spans and single_marked_heading(info.text):
                continue  # a headline in a US-style article: 'A fight to the finish.'
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
        return _masked_keeping_commas(info.text[a : s.mark])

    def _post(self, info: _BlockInfo, k: int, over_titles: bool = False) -> str:
        """The sentence after span ``k``, up to the next span; with ``over_titles`` later
        spans that are not quotations (a title, a name in quotation marks) are blanked and
        passed over, up to the next quotation."""
        s = info.spans[k]
        if s.close is None:
            return ""
        b = info.sentences[s.sentence][1]
        j = k + 1
        while over_titles and j < len(info.spans) and info.spans[j].sentence == s.sentence:
            if info.spans[j].is_quote or info.spans[j].close is None:
                break
            j += 1
        if j < len(info.spans) and info.spans[j].sentence == s.sentence:
            b = min(b, info.spans[j].mark)
        if j == k + 1:
            return info.text[s.close + 1 : b]
        return _masked_keeping_commas(info.text[s.close + 1 : b])

    def _sentence_text(self, info: _BlockInfo, s: _Span) -> str:
        a, b = info.sentences[s.sentence]
        return " ".join(info.text[lo:hi] for lo, hi in self.gaps_within(info, a, b))

    def _is_quote(self, info: _BlockInfo, k: int, s: _Span) -> bool:
        ctx = self._context(info, k, s)
        if _WHAT_CALLED.search(ctx.pre):  # what she called "an insulting proposal"
            return not is_defined_term(ctx)
        if attributed_short_quote(ctx) and not (
            is_defined_term(ctx) or is_nickname_inside_a_name(ctx) or self._glossed(info, s)
        ):  # she calls it her "responsibility gene"; portrayed it as a "working-class" revolt
            return True
        listed = self._listed_after(info, k, ctx)
        if listed is not None:  # "Sleepy Tom" and "Crooked Ann"; "Night Tales" and "Dusk"
            return listed
        excluded = exclusion(ctx)
        if excluded is not None:
            return excluded in _SOFT_EXCLUSIONS and self._subjects_words(info, s, ctx)
        if s.start == 0 or s.mark == info.sentences[s.sentence][0] or ctx.n >= 6:
            return True
        if ctx.pre.rstrip().endswith(":"):
            return True
        said = info.sentence_says.get(s.sentence)
        if said is None:  # the same for every span of the sentence: read it once
            sentence = self._sentence_text(info, s)
            said = sentence_reports_speech(sentence)
            info.sentence_says[s.sentence] = said
        pre = ctx.pre
        return bool(
            said
            or _DESCRIBING_AS.search(pre)
            or _PARTICIPLE_AFTER_CLAUSE.search(pre)
            or self._subjects_words(info, s, ctx)
            or (ctx.n >= 5 and reports_finding(self._sentence_text(info, s)))
        )

    @staticmethod
    def _listed_after(info: _BlockInfo, k: int, ctx: SpanContext) -> bool | None:
        """He called them "Sleepy Tom" and "Crooked Ann"; roles in "Night Tales" and "Open
        Season": a capitalised phrase listed right after a span of the same sentence is what
        that span is, a quotation (both short) or a title; None when not listed so."""
        if k == 0 or ctx.n > 8 or not _LIST_JOIN.fullmatch(ctx.pre):
            return None
        prev = info.spans[k - 1]
        if prev.sentence != info.spans[k].sentence or not _title_like(ctx.words):
            return None
        if prev.is_quote:  # another nickname, or chant, the speaker gave
            return True if ctx.n <= 4 and len(prev.text.split()) <= 4 else None
        return False if _title_like(prev.text.split()) else None

    @staticmethod
    def _glossed(info: _BlockInfo, s: _Span) -> bool:
        """Chanted "Hatari!" (Danger!): a word glossed in brackets is cited as a term."""
        return s.close is not None and info.text[s.close + 1 : s.close + 4].lstrip()[:1] == "("

    def _subjects_words(self, info: _BlockInfo, s: _Span, ctx: SpanContext) -> bool:
        """Tom Hale blamed the closure on "reckless management"; she wanted to "go an extra
        step": a short phrase in lower case, in a sentence that a named person (or he, she)
        opens as its subject, is that person's word, not a scare quote of the writer's."""
        if ctx.n > _SUBJECTS_WORDS_MAX or not ctx.words[0][:1].islower():
            return False
        a = info.sentences[s.sentence][0]
        if s.mark <= a or _SO_CALLED.search(ctx.pre) or _TERM_BEFORE.search(ctx.pre):
            return False  # its so-called "digital runs", the nickname "the Bullet"
        if any(c.isdigit() for c in s.text):
            return False  # a "section 114" notice: a number names a thing
        ref = sentence_subject(info.masked[a : min(s.mark, a + SUBJECT_REACH)])
        if ref is None or ref.kind != "name":
            return ref is not None and ref.gender is not None  # he, she
        named = self.resolve_name(ref.value.split())
        return named is not None and named.kind == "person"

    def _context(self, info: _BlockInfo, k: int, s: _Span) -> SpanContext:
        """What the exclusion predicates read about span ``k``."""
        earlier = info.spans[k - 1] if k > 0 else None
        return SpanContext(
            words=s.text.split(),
            pre=self._pre(info, k),
            post=self._post(info, k),
            closed=s.close is not None,
            after_other_quoted_text=earlier is not None
            and not earlier.is_quote
            and earlier.sentence == s.sentence,
            known_subject=self._known_subject,
        )

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
