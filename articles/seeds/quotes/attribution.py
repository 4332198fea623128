"""Attribution: each quotation's speaker, from its own sentence first, then the paragraph, the
previous quotation, a quotation running over paragraphs, and the previous paragraph's speaker.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .. import names as N
from ..runs import analyse
from .clauses import (
    _IN_JUDGMENT,
    _INDEFINITE_ROLE,
    _object_ref,
    _post_ref,
    _pre_ref,
    _subject_ref,
)
from .described import described_then_named as later_named
from .described import unnamed_role
from .labels import _FINITE_VERB_RE, _dash_ref, _label_name
from .lexicon import _ROLE_DETERMINERS
from .named import (
    as_described_by,
    claimant,
    ends_in_own_verb,
    join_before_speaker,
    joins_new_clause,
)
from .openers import _participle_subject
from .references import _ROLE_SYNONYMS, _Ref
from .registry import ExtractedQuote, _BlockInfo, _Entity
from .short_quotes import uttering_group
from .sources import credit_ref
from .spans import _Span, paragraph_layout
from .subjects import (
    SUBJECT_REACH,
    clause_subject,
    reporting_clause_after,
    reporting_clause_before,
    sentence_subject,
)


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


_BACK_REFERENCE = re.compile(
    r"(?:That|This|Those|These|So|Such|With (?:those|these|that|this)|In (?:those|these))"
    r"\b(?: (?:was|were|is|are|words|remarks|comments|message|how|what))?",
)

_SAYING = re.compile(r"(?:,|\bby)\s+(?:saying|telling|arguing|insisting|claiming)\b")
_NAME = r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})"
# Who else speaks in a sentence of reported speech, after its first speaker: a clause that
# answers it ("..., but Mary Quist, who led the tenants, disagreed.") and the agent of a
# passive of reception ("The ruling was welcomed by Mary Quist"). A quotation paragraph after
# such a sentence is theirs.
_ANSWERING = re.compile(
    r"[,;]\s+(?:but|while|whereas|though)\s+" + _NAME + r"(?:,[^,.;]{1,100},)?\s+"
    r"(?:disagreed|countered|objected|insisted|argued|replied|responded|retorted|protested|"
    r"said|added|warned|maintained)\b"
)
_PASSIVE_AGENT = re.compile(
    r"\b(?:was|were|has been|have been|had been)\s+(?:[a-z]+ly\s+)?(?:welcomed|criticised|"
    r"criticized|condemned|praised|rejected|questioned|defended|challenged|hailed|dismissed|"
    r"disputed|applauded|denounced)\s+by\s+" + _NAME
)

_LABEL_REACH = 12  # quote paragraphs a name line under them may cover

_KIN_ORDER = re.compile(r"\b(elder|older|senior|younger|junior)$", re.I)

_PARENT_WORDS = ("father", "mother", "dad", "mum", "mom", "parent", "grandfather", "grandmother")

_CHILD_WORDS = ("son", "daughter", "child", "grandson", "granddaughter")


def _has_given_name(name: str) -> bool:
    """``Brian Noble`` but not ``Market Reaction``: a bare two-word line under quotations is
    read as a name only when its first word is a known given name (one that tells a gender)."""
    info = analyse(name.split())
    return info is not None and info.gender is not None


_TRANSCRIPT_LABEL = re.compile(r"\s*([A-Z][A-Z’'-]{2,}):\s")

# Capitals and a colon that open a line but name nobody ("UPDATE: ...", "VIDEO: ...").
_NOT_TRANSCRIPT_LABELS = N._words(
    "update updated video watch breaking note editor photo photos read related correction "
    "clarification warning exclusive live listen audio source sources transcript question "
    "answer urgent alert developing"
)


# A contrast that opens a clause with a subject of its own between two quotations.
_NEW_SUBJECT = re.compile(r"(?:\b(?:while|whereas)|;)\s+(?:[A-Z]|(?:he|she|they)\b)")


def _contrast_before(info: _BlockInfo, k: int) -> bool:
    """A contrast opening a clause with its own subject between span ``k`` and the span
    before it in the same sentence."""
    if k == 0 or info.spans[k - 1].sentence != info.spans[k].sentence:
        return False
    close = info.spans[k - 1].close
    return close is not None and bool(_NEW_SUBJECT.search(info.text, close + 1, info.spans[k].mark))


def _introduces_next(info: _BlockInfo, k: int, post: str) -> bool:
    """``"We are not X." Mr. Zahed said: "The attack ..."``, ``"..." Mrs. Lee replied, "..."``:
    after a quotation that ends its own sentence, a clause ending in a colon or a comma before
    the next quotation introduces that one."""
    if not post.rstrip().endswith((":", ",")) or k + 1 >= len(info.spans):
        return False
    return info.spans[k].text.rstrip()[-1:] in ".?!" and info.spans[k + 1].is_quote


class Attributor:
    """The attribution stage of ``_Doc`` (a mixin: the document's state lives there)."""

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
                elif (group := uttering_group(pre)) is not None:  # the crowd chanted, "..."
                    ref = _Ref("anon", group, group)
                else:
                    ref = self._explicit_ref(info, k, s)
                at = s.mark if ref is None or ref.at is None else ref.at
                ahead = self._named_later(bi, pre) or later_named(self, bi, s) if s.close else None
                who = self._resolve_ref(ref, bi, at) if ref is not None else None
                labelled = self._transcript_label(s, bi)
                if labelled is not None:  # "WALLACE: Let's start ...": the label speaks
                    who, ref, ahead = labelled, None, None
                if ahead is not None:  # "a high court judge ruled ...", named in the next block
                    who, ref = ahead, None
                if who is not None:
                    s.explicit = True
                    role = _role_of(ref)
                    if role is None and ref is not None and ref.kind == "pronoun":
                        role = self._unused_role(info, who, s.mark)
                else:
                    prev = self._previous_in_sentence(info, k, s)
                    if prev is not None and _contrast_before(info, k):
                        prev = None  # '"Mr. Dorsey," while Dorsey calls her "Pat"': his
                    ahead_only = _introduces_next(info, k, self._post(info, k))
                    if prev is not None:
                        who, role = prev
                    elif ahead_only and block_speaker is not None:
                        who, role = block_speaker[0], None  # the clause after is the next's
                    elif (later := self._later_in_sentence(bi, info, k, s)) is not None:
                        who, role = later, None  # "A" and "B," Ann Lee proclaimed
                    elif (subject := self._sentence_subject(bi, info, s)) is not None:
                        who, role = subject, None  # Moore thanked him for "stepping up"
                    elif block_speaker is not None:
                        who, role = self._same_gender(bi, s, block_speaker[0]), None
                    elif (said := self._reported_before(info, s.mark)) is not None:
                        who, role = self._same_gender(bi, s, said), None  # X described his
                    else:
                        who = (
                            self._chain_speaker(bi, s)
                            or self._named_next(bi, s)
                            or (self._introduced_by(bi) if k == 0 and s.mark == 0 else None)
                            or self._label_after(bi)
                        )
                        role = None
                        if who is None and ref is None:
                            who = self._subject_before(bi, info, k, s)
                        if who is None and last_speaker is not None:
                            who = self._same_gender(bi, s, last_speaker[0])
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

    def _transcript_label(self, s: _Span, bi: int) -> _Entity | None:
        """``"LEE: We will appeal."``: a transcript line opens with its speaker's surname in
        capitals and a colon; the person the article names with that surname said it."""
        m = _TRANSCRIPT_LABEL.match(s.text) if s.mark == 0 else None  # a line's opening
        if m is None or m.group(1).lower() in _NOT_TRANSCRIPT_LABELS:
            return None
        word = m.group(1).title()
        named = self.resolve_name([word], (bi, s.mark))
        if named is not None:
            return named if named.kind == "person" else None
        info = analyse([word])
        if info is None or info.kind != "single" or word.lower() in N.COMMON_CAPITALISED:
            return None
        return self._register(word, "person", None)  # a speaker the article names no more

    def _later_in_sentence(self, bi: int, info: _BlockInfo, k: int, s: _Span) -> _Entity | None:
        """Guns are "a crisis" and "a plague," Ann Lee proclaimed: the attribution of a later
        quotation in the same sentence (the next few only) covers the earlier ones."""
        for j in range(k + 1, min(k + 4, len(info.spans))):
            later = info.spans[j]
            if later.sentence != s.sentence:
                break
            if s.close is not None and _NEW_SUBJECT.search(info.text, s.close + 1, later.mark):
                break  # 'Lee calls him "Mr. Dorsey," while Dorsey calls her "Pat"': his own
            if not later.is_quote:
                continue
            ref = self._explicit_ref(info, j, later)
            if ref is not None and ref.kind != "inherit":
                at = later.mark if ref.at is None else ref.at
                return self._resolve_ref(ref, bi, at)
        return None

    def _sentence_subject(self, bi: int, info: _BlockInfo, s: _Span) -> _Entity | None:
        """The person the quotation's sentence opens with as its subject, when no speech verb
        attributes the quotation (:func:`subjects.sentence_subject`)."""
        a = info.sentences[s.sentence][0]
        if s.mark <= a:
            return None
        claim = claimant(info.masked[max(a, s.mark - SUBJECT_REACH) : s.mark])
        if claim is not None:  # "Lee's recent assertion that "thousands" ..."
            who = self._resolve_ref(claim, bi, s.mark)
            if who is not None and who.kind == "person":
                return who
        ref = sentence_subject(info.masked[a : min(s.mark, a + SUBJECT_REACH)])
        if ref is None:
            ref = clause_subject(info.masked[max(a, s.mark - SUBJECT_REACH) : s.mark])
            if ref is None:
                return None
            return self._resolve_ref(ref, bi, s.mark)
        if ref.kind == "name" and " " not in ref.value and info.masked.startswith(ref.value, a):
            # "Guns are "the ultimate crisis"": a capital that opens a sentence is a name
            # only when the article has it as one
            return self.resolve_name([ref.value], (bi, s.mark))
        at = a if ref.kind == "pronoun" else s.mark
        return self._resolve_ref(ref, bi, at)

    def _subject_before(self, bi: int, info: _BlockInfo, k: int, s: _Span) -> _Entity | None:
        """``Ann Lee touted her record as a co-sponsor of the bill. "We need ..."``: a
        quotation that is a sentence of its own, with no attribution, after a sentence of the
        same paragraph that opens with a named person as its subject: that person's words
        (rather than the previous paragraph's speaker)."""
        if s.sentence == 0 or s.mark != info.sentences[s.sentence][0]:
            return None
        a, b = info.sentences[s.sentence - 1]
        if k > 0 and info.spans[k - 1].sentence == s.sentence - 1:
            return None  # a sentence with quotations of its own is attributed already
        ref = sentence_subject(info.masked[a : min(b, a + SUBJECT_REACH)])
        if ref is None or ref.kind != "name":
            return None
        who = self._resolve_ref(ref, bi, a)
        if who is None or who.kind != "person" or len(who.words) < 2:
            return None  # "Environmentalists protested": a capitalised plural, not a name
        return who

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

    def _introduced_by(self, bi: int) -> _Entity | None:
        """``Jane Roe reflected on her win:`` as a paragraph of its own, then quote paragraphs:
        the subject of the sentence the colon ends (later paragraphs carry it on)."""
        if bi == 0:
            return None
        prev = self.blocks[bi - 1]
        if not prev.sentences or not prev.text.rstrip().endswith(":"):
            return None
        if prev.spans and prev.spans[-1].close is None:
            return None
        a, b = prev.sentences[-1]
        clause = " ".join(prev.text[lo:hi] for lo, hi in self.gaps_within(prev, a, b))
        ref = _pre_ref(clause)
        if ref is None or ref.kind in ("inherit", "anon"):
            return None
        return self._resolve_ref(ref, bi - 1, b)

    def _quote_only(self, b: int) -> bool:
        """A paragraph that is one quotation and nothing else (its close may be missing)."""
        info = self.blocks[b]
        if not info.spans or info.spans[0].mark != 0 or not info.spans[0].is_quote:
            return False
        if not all(s.is_quote for s in info.spans):
            return False
        return not any(info.text[a:b].strip(" .,’'\"”") for a, b in self.gaps(info))

    def _label_after(self, bi: int) -> _Entity | None:
        """Quote paragraphs with no attribution, then a line that only names the speaker
        (``Great Britain coach, Brian Noble``): that person. The walk over the run of quote
        paragraphs is bounded and remembered for every paragraph it passed (linear)."""
        if bi in self.label_ends:
            return self.label_ends[bi]
        walked, found, b = [], None, bi
        while b < len(self.blocks) and len(walked) < _LABEL_REACH:
            if b in self.label_ends:
                found = self.label_ends[b]
                break
            if not self._quote_only(b):
                if b > bi and not self.blocks[b].spans:
                    line = self.raw_texts[b].strip()
                    name = _label_name(line)
                    if name is not None and (line != name or _has_given_name(name)):
                        found = self._resolve_ref(_Ref("name", name), b, 0)
                break
            walked.append(b)
            b += 1
        for w in walked:
            self.label_ends[w] = found
        return found

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
        post = self._post(info, k, over_titles=True)
        forward = _introduces_next(info, k, post) or self._colon_after(info, k, pre, post)
        if forward:  # '"We are not X." Mr. Zahed said: "..."': the clause is the next one's
            post = ""
        if ends_in_own_verb(pre):  # 'even as Lee claimed that "...," Hale said': Lee's
            ref = _pre_ref(pre)
            if ref is not None and ref.kind in ("name", "pronoun"):
                return replace(ref, role=None)  # no role from "even as" or "but"
        described_by = as_described_by(post)
        if described_by is not None:  # "...", as described by FBI Director Ann Lee
            ref = _object_ref(described_by)
            if ref is not None and ref.kind == "name":
                return ref
        credit = credit_ref(post) if "according to" in post or ", report" in post else None
        if credit is not None:  # "...," Lee said, according to CNN.
            return credit
        ref = _post_ref(post, tight=True)
        if ref is not None and ref.kind != "inherit":
            if ref.kind in ("pronoun", "name") and (
                joins_new_clause(post)
                or (ref.kind == "name" and join_before_speaker(post, ref.value.split()[-1]))
            ):
                # "X described it as a "...", though they said ...", "X accuses Y of "..."
                # and Z says ...": X is the subject
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
        ref = reporting_clause_before(pre)
        if ref is not None:  # Ann Lee cracked, "...": a verb no list holds
            return ref
        if s.close is not None and not forward:
            ending = s.text.rstrip()[-1:]
            if ending in ",?!—–-":  # "...," Ann Lee barked: a verb no list holds
                after = info.text[s.close + 1 : s.close + 160]
                opens_contrast = _NEW_SUBJECT.match(after.lstrip(" ,"))
                ref = None if opens_contrast else reporting_clause_after(after, ending not in "?!")
                if ref is not None:
                    return ref
        if s.mark == 0 and s.close is not None:  # the dash may follow the sentence's end
            return _dash_ref(info.text[s.close + 1 : s.close + 160])
        return None

    @staticmethod
    def _colon_after(info: _BlockInfo, k: int, pre: str, post: str) -> bool:
        """``After Lee said that pupils might do better at "less advanced schools," Hale
        said: "..."``: a clause ending in a colon before the next quotation of the sentence
        introduces that one when the quotation before it has a speech verb of its own."""
        if not post.rstrip().endswith(":") or k + 1 >= len(info.spans):
            return False
        nxt = info.spans[k + 1]
        return (
            nxt.is_quote
            and nxt.sentence == info.spans[k].sentence
            and _FINITE_VERB_RE.search(pre) is not None
        )

    def _reported_speech(self, bi: int, info: _BlockInfo) -> None:
        """Sentences of indirect speech ("X said the ...") make X the latest speaker."""
        verbs = paragraph_layout(info.text).verbs  # sentences with a quotation have None
        quoted = {sp.sentence for sp in info.spans}
        for k, ((a, b), verb) in enumerate(zip(info.sentences, verbs, strict=True)):
            if verb is None:
                said = _SAYING.search(info.text, a, b) if k not in quoted else None
                if said is not None:
                    # "Ann Lee distanced herself from it, saying she would ...": Lee spoke
                    ref = _participle_subject(info.text[a : said.start()] + ", saying")
                    who = self._resolve_ref(ref, bi, said.start()) if ref is not None else None
                    if who is not None:
                        self._add_speaker(info, said.start(), who)
                continue
            at, said = verb
            if said in ("called", "praised", "condemned"):
                continue
            ref = None
            if info.text[a:at].rstrip().endswith(","):  # "..., said Katie Dunne, a director."
                ref = _object_ref(info.text[at + len(said) : b])
                if ref is not None and ref.kind != "name":
                    ref = None
            if ref is None:
                ref = _subject_ref(info.text[a:at])
            if ref is None or ref.kind == "inherit":
                continue
            who = self._resolve_ref(ref, bi, at) or unnamed_role(self, bi, ref)  # the minister
            if who is not None:
                self._add_speaker(info, at, who)
        self._later_speakers(bi, info, quoted)

    def _later_speakers(self, bi: int, info: _BlockInfo, quoted: set[int]) -> None:
        """A person a sentence without a quotation gives the last word (``_ANSWERING``,
        ``_PASSIVE_AGENT``) is the latest speaker, after its first one."""
        text = info.text
        # Most paragraphs have neither: no regex for them (plain substring tests).
        answering = (
            " but " in text or " while " in text or " though " in text or " whereas " in text
        )
        passive = " by " in text and ("was " in text or "were " in text or " been " in text)
        if not (answering or passive):
            return
        patterns = [_ANSWERING] * answering + [_PASSIVE_AGENT] * passive
        for k, (a, b) in enumerate(info.sentences):
            if k in quoted:
                continue
            for pattern in patterns:
                for m in pattern.finditer(text, a, b):
                    info_name = analyse(m.group("name").split())
                    if info_name is None or info_name.kind != "person":
                        continue
                    who = self._resolve_ref(_Ref("name", info_name.name), bi, m.start("name"))
                    if who is not None and who.kind == "person":
                        self._add_speaker(info, m.start("name"), who)

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
