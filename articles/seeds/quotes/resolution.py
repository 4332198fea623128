"""Resolution: the entity a reference stands for, from the registry and what came before it
(pronouns by gender and recency, "the company", "the judge", "the patrol").
"""

from __future__ import annotations

import itertools
import re

from .. import names as N
from ..names import _words
from ..runs import analyse, first_name_gender, place_canonical
from .attribution import _KIN_ORDER
from .lexicon import _US_STATES
from .pronoun_fit import kin_names, person_cues, pronoun_gender
from .references import _APPOSITIVE_AFTER, _ROLE_SYNONYMS, _appositive_role, _Ref
from .registry import _company_like, _Entity, _kind_fits, _Mention, _org_head, _org_role

# How far back a pronoun or a noun looks for the one it stands for: sentences within a
# paragraph, mentions over the article. No wire paragraph comes near either; they keep a
# paragraph of a hundred thousand sentences from being read again for every quotation. The
# text before a quotation starts at most ``_SPANS_BACK`` quoted spans back in its sentence.
_SENTENCES_BACK = 200

# How many candidates a pronoun looks past a weak one (a name not shown to be a person's).
_WEAK_REACH = 12

# How far from a quotation a pronoun of its sentence is looked for (see ``_same_gender``): a
# paragraph of one long sentence with many quotations is not read once per quotation.
_PRONOUN_REACH = 300

_GENERIC_ORG_NOUNS = _words("group organisation organization body system network")


# First words of place names the name reader may take for a person's ("San Jose", "El Paso").
_PLACE_FIRST_WORDS = _words(
    "san santa santo são sao los las el fort port mount lake saint st st. new"
)


def _place_name(ent: _Entity) -> bool:
    """A name taken for a person's that names a place: no "he" or "she" stands for it."""
    if ent.name.lower() in _US_STATES or place_canonical(ent.name) is not None:
        return True
    if ent.kind == "person" and ent.name[:1].islower():  # "of Indiana": no one's name
        return True
    if len(ent.words) == 1 and (ent.words[0] in N.DEMONYMS or ent.words[0] in _ADJECTIVES):
        return True  # "the Democratic front-runner, ..., he added": not "Democratic"
    if len(ent.words) > 1 and ent.words[0] in _PLACE_FIRST_WORDS:
        return True
    return ent.gender is None and _ends_in_state(ent)


def _ends_in_state(ent: _Entity) -> bool:
    """``Independent Vermont``, ``Democratic-leaning New Jersey``: a word the name reader took
    for a given name before a state (a given name it knows, ``Virginia``, makes a person)."""
    words = [w.lower() for w in ent.name.split()]
    if len(words) < 2 or words[0] in N.MALE_FIRST_NAMES or words[0] in N.FEMALE_FIRST_NAMES:
        return False
    return words[-1] in _US_STATES or " ".join(words[-2:]) in _US_STATES


# Capitalised adjectives the name reader may keep alone as a name.
_ADJECTIVES = frozenset(("democratic", "republican", "conservative", "liberal", "federal"))

_AT_IN = ("At ", "In ")
_INDEFINITE = (" a ", " an ")  # "Wilcox, a Sarasota Republican,": a description


class Resolver:
    """The resolution stage of ``_Doc`` (a mixin: the document's state lives there)."""

    def _resolve_ref(self, ref: _Ref, bi: int, pos: int) -> _Entity | None:
        if ref.kind == "name":
            words = ref.value.split()
            if len(words) == 1 and words[0].lower() in N.DEMONYMS:
                named = self.resolve_name(words, (bi, pos))
                if named is not None and named.kind == "person" and len(named.words) > 1:
                    return named  # "Cuban said", when the article named Mark Cuban
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
            self.speaker_ids.add(id(ent))  # named by a clause: someone who speaks
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
            if " " not in ref.value and ref.value[:1].isupper():
                # "Sanders said" reads like "Analysts said": a person the article named wins
                named = self.resolve_name([ref.value], (bi, pos))
                if named is not None and named.kind == "person":
                    return named
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

    def _venues(self) -> set[int]:
        """Entities whose every mention opens a sentence after "At" or "In" (``At Boca Park,
        where ...``: a place) or follows "a" or "an" (``Wilcox, a Sarasota Republican,``: a
        description), or that is one word ending in "ing" only ever opening a sentence
        (``Fundraising was "stagnant"``: a gerund), which the name reader could not tell from
        a person. Built once, in one pass over the mentions."""
        if self.venue_ids is None:
            after_at: set[int] = set()
            elsewhere: set[int] = set()
            for info in self.blocks:
                for m in info.mentions:
                    text, at = info.text, m.pos  # the run may hold the preposition
                    venue = (
                        text.startswith(_AT_IN, at)
                        or (at >= 3 and text.startswith(_AT_IN, at - 3))
                        or (at >= 3 and text.endswith(_INDEFINITE, 0, at))
                        or (
                            len(m.entity.words) == 1
                            and m.entity.words[0].endswith("ing")
                            and at == info.sentences[m.sentence][0]
                        )
                    )
                    (after_at if venue else elsewhere).add(id(m.entity))
            self.venue_ids = after_at - elsewhere
        return self.venue_ids

    def _resolve_pronoun(self, gender: str | None, bi: int, pos: int) -> _Entity | None:
        """The entity a pronoun stands for: for "he" or "she", the nearest person of that
        gender or of none known; but a name of no known gender that nothing shows to be a
        person's (``Head Start``, see ``_weak_person``) yields to a person of the pronoun's
        gender named shortly before it."""
        want_org = gender == "it"
        fallback, looked = None, 0
        for ent in self._candidates(bi, pos):
            if want_org:
                if ent.kind == "organisation":
                    return ent
                continue
            if gender is None:  # they: a person (singular they) or an organisation
                return ent
            if ent.kind != "person" and ent.kind != "anonymous":
                continue
            if _place_name(ent) or (len(ent.words) > 1 and ent.words[-1] in N.ORG_CUES):
                continue  # "After his rally in San Jose, ... he tweeted": not San Jose
            if id(ent) in self._venues():
                continue  # "At Boca Park, ..., Jay Dunne said ... he said": not Boca Park
            if ent.gender == gender:
                return ent
            if ent.gender is None:
                if not self._weak_person(ent):
                    return fallback or ent
                fallback = fallback or ent
            if fallback is not None:
                looked += 1
                if looked > _WEAK_REACH:
                    break
        return fallback

    def _same_gender(self, bi: int, s, who: _Entity) -> _Entity:
        """A speaker carried over from an earlier quotation, unless the quotation's sentence
        has a "he" or "she" of the other gender outside its quotations (``But while
        denouncing the "perversion" of ..., she has not ...`` after a man spoke): then whom
        that pronoun stands for."""
        if who.gender is None or who.kind != "person":
            return who
        info = self.blocks[bi]
        a, b = info.sentences[s.sentence]
        a, b = max(a, s.mark - _PRONOUN_REACH), min(b, (s.close or s.mark) + _PRONOUN_REACH)
        gender = pronoun_gender(info.text, self.gaps_within(info, a, b))
        if gender is None or gender == who.gender:
            return who
        return self._resolve_pronoun(gender, bi, s.mark) or who

    def kin_names(self) -> None:
        """``Trump's wife, Melania, is ...``: the relative an appositive names by a given name
        alone is a person of the kin word's gender, mentioned there (for "she" after it), as
        the sentence's subject when a verb follows."""
        for bi, info in enumerate(self.blocks):
            for pos, name, gender, kin, subject in kin_names(info.text):
                low = name.lower()  # "Melania" for Melania Trump, named elsewhere
                full = [e for e in self.by_word.get(low, ()) if e.words[0] == low]
                ent = full[0] if len(full) == 1 else self.resolve_name([name], (bi, pos))
                if ent is None or ent.kind != "person":
                    ent = self._register(name, "person", gender)
                ent.gender = ent.gender or gender
                sent = self._sentence_of(info, pos)
                info.mentions.append(_Mention(pos, sent, ent, subject, kin))
                info.mentions.sort(key=lambda m: m.pos)  # "Her father, Brad, worried": first
                info.mentions_by_sentence = None

    def _weak_person(self, ent: _Entity) -> bool:
        """A name of no known gender that nothing shows to be a person's (no title, no
        surname alone, no speech) and that ends in a word the article also writes in lower
        case, a thing's (``Head Start``, ``Dirty Dancing``), as a surname seldom is; that
        always has "the" before it (``the Fed``); or that no sentence opens with and no
        given name starts (``the Kestrel-Ledger of Dunmore``)."""
        if not ent.words:
            return False
        if self.person_ids is None:
            self.person_ids, self.subject_ids, self.articled_ids = person_cues(self.blocks)
        if id(ent) in self.person_ids or id(ent) in self.speaker_ids:
            return False
        if ent.words[-1] in self._lowercase_words() or id(ent) in self.articled_ids:
            return True
        return id(ent) not in self.subject_ids and first_name_gender(ent.words[0]) is None

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
                    if known.kind == "person" and len(known.words) == 1 and not known.gender:
                        known.kind = "organisation"  # a one-word subject taken for a surname
                    if known.kind == "organisation":
                        return known
                    continue
                return self._register(word, "organisation", None)
        return None
