"""Attribution clauses: who a clause before or after a quotation names as its speaker, as a
reference (a name, a pronoun, "the ministry", "the judge", an unnamed resident...).
Pure functions of a short clause, cached: clauses recur within and across articles.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .. import names as N
from ..names import _words
from ..runs import (
    analyse,
    comma_org_names,
    runs,
    small_cache,
    word_regex,
)
from .appositives import (
    _is_gendered_person,
    _is_org,
    _is_place,
    _opening_person,
    _person_before_appositives,
)
from .asides import aside_subject
from .labels import _FINITE_VERB_RE, _VERB_RE
from .lexicon import (
    _ACCORDING,
    _ADVERBS,
    _AUXILIARIES,
    _CONJUNCTIONS,
    _DESCRIBING_AS,
    _EARLY_POSSESSIVE,
    _INTRO_WORDS,
    _LINKS,
    _PREPOSITIONS,
    _SUBJECT_PRONOUNS,
    _SUBORDINATORS,
    _WHAT_CALLED,
    _verb_like,
)
from .named import gave_name, named_subject, unclosed_relative, verb_then_name
from .openers import (
    _as_clause_subject,
    _asked_by,
    _clean_clause,
    _colon_subject,
    _coordinated_subject,
    _inverted_said,
    _named_participle,
    _participle_subject,
)
from .references import (
    _anon_ref,
    _clean_role,
    _described_person,
    _group_ref,
    _is_role_segment,
    _leading_name,
    _name_segment,
    _orgnoun_ref,
    _plain_lead,
    _Ref,
    _rolenoun_ref,
    _spokesman_for,
    _thenoun_ref,
)
from .sources import owned_group_ref
from .spans import _ABBREV_DOT, _ABBREVIATIONS, _PARTICIPLES


def _split_segments(text: str) -> list[str]:
    return [seg.strip() for seg in re.split(r",\s|\s[—–―-]\s|\(|\)", text)]


_TRAILING_RELATIVE = re.compile(
    r",?\s*\b(?:who|which|that)(?:\s+(?:had|has|have|was|were|is|are|also|earlier|previously|"
    r"once|already|repeatedly|long))*\s*$"
)


_RELATIVE_CLAUSE = re.compile(
    r",\s*(?:who|whose|which|where|whom)\b"
    r"(?:[^,]|,(?=\d)|,\s(?:[A-Z][\w’'-]*\s){0,3}[A-Z][\w’'-]*,(?=\s[a-z]+(?:s|ed)\b))*,"
)  # ", whose latest start-up, Paradata, uses data," holds a name set off in commas


@small_cache(maxsize=4096)  # a pure function of a clause, which recurs: see _Ref
def _subject_ref(text: str) -> _Ref | None:
    """Who is the subject of a verb, from the clause text just before it."""
    if (gave := gave_name(text)) is not None:  # "a woman who gave her name only as Lakshmi"
        return gave
    if (named := named_subject(text) or aside_subject(text)) is not None:
        return named  # "a reaction from President Ann Lee, who called"; "Lee, while in X,"
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
    if (relative := unclosed_relative(segs)) is not None:
        return relative  # "Ann Lee, who chairs the Kilbeg Fund said": Lee
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
    owned = owned_group_ref(segs[-1])
    if owned is not None:  # "the Lee campaign said": the campaign, not Lee
        return owned
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
        or _described_person(segs[-1])
        or _thenoun_ref(segs[-1], last_words)
    )
    if orgnoun is not None:
        return orgnoun
    alone = segs[-1].strip()
    if len(segs) > 1 and _CAPITALISED_WORD.fullmatch(alone) and alone.lower() not in _NOT_NAMES:
        return _Ref("name", alone)  # "It's a reminder, Rogers said": capitals mid-sentence
    group = _group_ref(segs[-1]) or _spokesman_for(segs[-1])
    if group is not None:
        named = _person_before_appositives(segs, len(segs) - 1) if len(segs) > 1 else None
        if named is None and len(segs) > 2 and _is_intro(segs[0]):
            named = _person_before_appositives(segs[1:], len(segs) - 2)  # "In a statement, Lee,"
        return named or group  # "April Lee, a spokeswoman for the Convention,": April Lee
    leading = _leading_name(segs[-1]) if len(segs) == 1 and segs[-1][:1].isupper() else None
    if leading is not None:  # "Ann Lee at the time said"
        return _Ref("name", leading[0], _clean_role(leading[1]))
    if re.match(r"(?:one|another)\s+[a-z]", segs[-1], re.I):  # "One trader, who ..., said"
        named = _name_segment(segs[-2]) if len(segs) > 1 else None
        if named is not None and _is_named_person(named[0]):
            return _Ref("name", named[0], _clean_role(segs[-1]))  # "Ann Lee, one of them,"
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
        pronoun = _pronoun_clause(seg) if idx < len(segs) - 1 else None
        if pronoun is not None:  # "when I asked Lee if ..., he looked up, frowned and"
            return pronoun
        named = _name_segment(seg)
        if named is not None:
            lead = None if _is_gendered_person(named[0]) else _person_before_appositives(segs, idx)
            if lead is None and idx > 1 and _is_intro(segs[0]):
                lead = _person_before_appositives(segs[1:], idx - 1)  # "For now, Lee, at X,"
            if lead is not None:  # "Col. Joe Gasper, director of X," / "Jane Roe, a Democrat,"
                return lead
            if idx > 0 and _is_org(named[0]):
                opener = _opening_person(segs[0])
                if opener is not None:  # "Dr Ann Lee a researcher at X, Kilbeg University"
                    return opener
            if (
                idx > 0
                and (_is_place(named[0]) or _STATE_ABBREVIATION.fullmatch(seg.strip(" ,;:")))
                and all(not x or x[:1].islower() for x in segs[1:idx])
            ):  # "Ann Lee, who lives outside the capital, Kilbeg, said": not Kilbeg
                first = _name_segment(segs[0])
                if first is not None and _is_named_person(first[0]):
                    return _Ref("name", first[0], _clean_role(first[1]))
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
        lead = seg.split()[0].lower()
        if idx == len(segs) - 1 and (lead in _PREPOSITIONS or _PARTICIPLE_WORD.fullmatch(lead)):
            continue  # "Ann Lee, wearing a cowboy hat, said": an aside after the name
        break
    if fallback is None and head is not None:
        return _anon_ref(head)
    return fallback


def _pronoun_clause(seg: str) -> _Ref | None:
    """``he looked straight into my camera``: a segment that opens with a subject pronoun and
    its verb is a clause of its own, whose subject the verbs after it share."""
    words = seg.split(None, 3)
    if len(words) < 2 or words[0] not in ("he", "she", "He", "She"):
        return None
    verb = words[2] if words[1].lower() in _ADVERBS and len(words) > 2 else words[1]
    if not _verb_like(verb.lower()):
        return None
    low = words[0].lower()
    return _Ref("pronoun", low, gender=_SUBJECT_PRONOUNS[low])


def _is_intro(seg: str) -> bool:
    """``For now``, ``And on Tuesday``, ``In a statement``: a phrase of time, place or
    circumstance that opens the clause before its subject."""
    words = seg.split()
    if len(words) > 1 and words[0].endswith("ing") and words[0][:1].isupper():
        return True  # "Dashing into the luncheon, Senator Ann Lee, Democrat of Kansas, called"
    if len(words) > 1 and words[0].lower() in _INTRO_ADVERBS:
        words = words[1:]  # "Just last week,", "Shortly after the vote,": the phrase after it
    return bool(words) and words[0].lower() in _INTRO_WORDS


# Adverbs that can open a phrase of time or circumstance without being one themselves.
_INTRO_ADVERBS = frozenset(("just", "only", "even", "also", "shortly", "soon", "back"))


def _is_named_person(name: str) -> bool:
    """``Ann Lee`` or ``Mr. Lee``: a person's full name, or a surname with a title; before a
    description that ends in a place (``Ann Lee, a nurse in Hook, Pa., said``) the speaker."""
    info = analyse(name.split())
    if info is None:
        return False
    return info.kind == "person" or (info.kind == "single" and info.role is not None)


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


_IN_JUDGMENT = re.compile(
    r"\b(?:described|called|criticised|criticized|branded)\s+in\s+(?:the|her|his|its)\s+"
    r"(?:judgment|judgement|ruling)\s+as\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,4}$"
)


_INDEFINITE_ROLE = re.compile(
    r"\b(?:a|an)\s+(?:[A-Za-z-]+\s+){0,3}?([a-z]+)\s+(?:ruled|found|held|concluded|decided|"
    r"said|says|wrote|warned)\b"
)


_STOP = re.compile(r"([\w.]*[a-z])\.\s")


_SUBORDINATE_TAIL = re.compile(r"\s+(?:when|after|before|while|because|as|if|since|until)\s+")


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
    if (gave := gave_name(text)) is not None:  # said a woman in Orta, who gave her name as X
        return gave
    text = _SUBORDINATE_TAIL.split(text, 1)[0]  # "said Ann Lee when asked about Tom Hale"
    text = _clean_clause(text)
    segs = [x for x in _split_segments(text) if x]
    if not segs:
        return None
    first = segs[0]
    owned = owned_group_ref(first)
    if owned is not None:  # said the Lee campaign
        return owned
    named = _name_segment(first) or _leading_name(first)
    if named is not None and _plain_lead(first):
        name, pre_role = named
        role = pre_role
        if len(segs) > 1 and _is_role_segment(segs[1]):
            role = segs[1]
        return _Ref("name", name, _clean_role(role))
    office = _office_then_person(first)
    if office is not None:  # said former secretary of state Ann Lee
        return office
    words = first.lower().split()
    if (
        words
        and (
            words[0] in ("the", "a", "an", "another", "its", "their", "his", "her", "our", "my")
            or _EARLY_POSSESSIVE.match(first)
        )
        and len(segs) > 1
        and not any(w in _AUXILIARIES for w in words)  # said the candidate could be in X, Y
    ):
        nxt = _name_segment(segs[1])
        if nxt is not None and (runs(segs[1])[0].start == 0 or _plain_lead(segs[1])):
            return _Ref("name", nxt[0], _clean_role(first))
    if words and words[0] == "the" and len(words) <= 4:
        ref = (
            _orgnoun_ref(first, words)
            or _rolenoun_ref(first, words)
            or _described_person(first)
            or _thenoun_ref(first, words)
        )
        if ref is not None:
            return ref
    return _spokesman_for(first) or _anon_ref(first)


def _office_then_person(seg: str) -> _Ref | None:
    """``former secretary of state Ann Lee``: after a speech verb, lower-case office words of
    any length (not ending in a preposition: "an adviser to Ann Lee") and then a name with a
    known given name that ends the segment: that person spoke."""
    found = runs(seg)
    if not found or found[-1].end < len(seg.rstrip(" .;:")) or found[-1].possessive:
        return None
    lead = seg[: found[-1].start].split()
    if not 2 <= len(lead) <= 7 or not all(w.isalpha() and w.islower() for w in lead):
        return None
    if lead[-1] in _PREPOSITIONS or lead[-1] in _LINKS or lead[0] in _NOT_OFFICE_OPENERS:
        return None
    name = found[-1].text
    if not _is_gendered_person(name):
        return None
    return _Ref("name", name, _clean_role(" ".join(lead)))


_INTRANSITIVE_SPEECH = frozenset(("spoke", "talked"))

# Speech verbs whose object is who was spoken to, never who spoke.
_ADDRESSEE_VERBS = frozenset(("told", "tells", "tell", "asked", "asks", "ask"))

_PARTICIPLE_WORD = re.compile(r"[a-z]{3,}ing")

_NOT_OFFICE_OPENERS = _words("that the a an this these those it he she they we")


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
    if (
        before[:1].islower()
        and before.rstrip().endswith(",")
        and m.group() not in _ADDRESSEE_VERBS  # "the spokesman, X, told Kilbeg Radio"
    ):
        # ""the beginning of the end" for the party, said Ann Lee": the quotation's sentence
        # runs on after it, and the verb opens its own clause with the speaker after it
        named = _object_ref(s[m.end() :])
        if named is not None and named.kind == "name":
            return named
    ref = _subject_ref(before)
    if (ref is None or ref.kind == "inherit") and before.rstrip().endswith(","):
        # "...," like the recent volatility, said Ann Lee: the verb opens its own clause
        return _object_ref(s[m.end() :]) or ref
    return ref


@small_cache(maxsize=4096)  # a pure function of a clause, which recurs: see _Ref
def _pre_ref(pre: str) -> _Ref | None:
    named = _named_participle(pre) if pre.endswith(": ") or pre.endswith(":") else None
    if named is not None:
        return named
    named = _asked_by(pre) or _inverted_said(pre) or verb_then_name(pre)
    if named is not None:
        return named
    with_doing = _WITH_DOING.search(pre) if " with " in pre else None
    if (
        with_doing is not None
        and not with_doing.group(1).endswith(("'s", "’s"))
        and not _FINITE_VERB_RE.search(pre, with_doing.end())
    ):
        return _Ref("name", with_doing.group(1))  # ", with Senator Ann Lee calling it a "...""
    absolute = _absolute_speaker(pre) if "ing " in pre else None
    if absolute is not None:
        return absolute
    aside = list(_SAYS_ASIDE.finditer(pre)) if ", " in pre else []
    if aside:  # "The paradox, says Carl Dunne, a historian, is that she was "...""
        name = aside[-1].group(1)
        info = analyse(name.split())
        if info is not None and info.kind == "person":
            return _Ref("name", name)
    plural = _PLURAL_RELATIVE.search(pre)
    if plural and plural.group(1) not in _NOT_PLURAL_NOUNS:  # "which analysts described as"
        return _Ref("anon", plural.group(1))
    called = _WHAT_CALLED.search(pre)
    if called:  # what she called "..."
        ref = _subject_ref(called.group(1))
        if ref is not None and ref.kind != "inherit":
            return ref
    acc = list(_ACCORDING.finditer(pre))
    # "spoke" and "talked" make a sentence report speech, but name no quotation's speaker
    verbs = [m for m in _FINITE_VERB_RE.finditer(pre) if m.group() not in _INTRANSITIVE_SPEECH]
    if len(verbs) > 1:
        joins = list(_CONTRAST.finditer(pre, verbs[-2].end(), verbs[-1].start()))
        join = joins[-1] if joins else None
        if join is not None:  # "Lee said A, while Roe said that the "...""
            last = _subject_ref(pre[join.end() : verbs[-1].start()])
            if last is not None and last.kind in ("name", "pronoun"):
                return last
    if acc and (not verbs or verbs[-1].start() < acc[-1].start()):
        ref = _object_ref(pre[acc[-1].end() :])
        if ref is not None:
            if ref.role and not pre.rstrip().endswith((",", "—", "–")):
                ref = replace(ref, role=None)  # according to X, the strike could cost "..."
            return ref
    if len(verbs) > 1:
        last = _subordinate_speaker(pre, verbs[-2].end(), verbs[-1].start())
        if last is not None:  # "Some feared a speech like 1992, when Lee called for a "...""
            return last
        inner = _REPORTED_NAME.fullmatch(pre, verbs[-2].end(), verbs[-1].start())
        named = analyse(inner.group(1).split()) if inner is not None else None
        if named is not None and named.kind in ("person", "single"):
            return _Ref("name", inner.group(1))  # "Lee said Hale told them that "...""
    for i, m in enumerate(verbs):
        if (
            i + 1 < len(verbs)
            and _in_relative_clause(pre, m.start())
            and "," in pre[m.end() : verbs[i + 1].start()]
        ):
            continue  # "..., which friends described as miserable, ..., Ann Lee said:"
        if _in_subordinate_clause(pre, m.start()):
            if _AS_CLAUSE.match(pre, pre.rfind(",", 0, m.start()) + 1) and i + 1 == len(verbs):
                ref = _subject_ref(_AS_CLAUSE.sub("", pre[: m.start()], count=1))
                if ref is not None and ref.kind in ("name", "pronoun", "rolenoun"):
                    return ref  # "As the columnist Ann Lee wrote, "..."": her words
            if i + 1 < len(verbs):
                continue  # "While not all Trump says is true, Jamieson said he is "...""
            # "When Trump suggested X, Rubio fired back:": the main clause's subject, never
            # the subordinate one's (attribution reads the sentence's subject otherwise)
            return _colon_subject(pre[pre.rfind(",") + 1 :])
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
        return _participle_subject(pre) or _colon_subject(pre) or _as_clause_subject(pre)
    return None


_NAME_DOING = re.compile(
    r"(?:,|[–—]|\band)\s+((?:[A-Z][\w’'.-]*\s){0,3}[A-Z][\w’'-]*)\s+(?:saying|calling|adding|"
    r"telling|describing|insisting|declaring|arguing|noting|warning|writing)\b"
)


def _absolute_speaker(pre: str) -> _Ref | None:
    """``Both men issued statements, Ann Lee saying she was "..." and Tom Hale calling it a
    "..."``: a name and a participle of speech after a comma or "and" (no finite speech verb
    after them) give the speaker of what follows."""
    found = list(_NAME_DOING.finditer(pre))
    if not found or _FINITE_VERB_RE.search(pre, found[-1].end()):
        return None
    name = found[-1].group(1)
    info = analyse(name.split())
    return _Ref("name", name) if info is not None and info.kind in ("person", "single") else None


_CAPITALISED_WORD = re.compile(r"[A-Z][a-z’'-]{2,}")

_NOT_NAMES = N.COMMON_CAPITALISED | N.PRONOUNS | frozenset(N.DEMONYMS)

_SAYS_ASIDE = re.compile(
    r",\s+(?:says|said|writes|wrote|notes|noted|argues|argued|explains|explained)\s+"
    r"((?:[A-Z][\w’'.-]*\s){0,3}[A-Z][\w’'-]*)\s*,"
)

# "said Tom Hale told", "said that Hale told": the speaker of a report within a report.
_REPORTED_NAME = re.compile(r"\s+(?:that\s+)?((?:[A-Z][\w’'.-]*\s){0,3}[A-Z][\w’'-]*)\s+")

_SUBORDINATE_OPENER = re.compile(
    r"(?:^|[\s,])(?:when|after|because|while|whereas|since|which|whom)\s+"
)


def _subordinate_speaker(pre: str, lo: int, hi: int) -> _Ref | None:
    """The named subject of the last speech verb when a subordinate clause (when, after,
    because...) opens between it and the verb before: the quotation is that clause's."""
    openers = list(_SUBORDINATE_OPENER.finditer(pre, lo, hi))
    if not openers:
        return None
    ref = _subject_ref(pre[openers[-1].end() : hi])
    return ref if ref is not None and ref.kind == "name" else None


_WITH_DOING = re.compile(
    r"\bwith\s+(?:the\s+)?((?:[A-Z][\w’'.-]*\s(?:(?:of|for)\s)?){0,4}?[A-Z][\w’'-]*)\s+"
    r"(?:[a-z]+ly\s+)?(?!during|including|regarding|concerning|following)[a-z]{3,}ing\b"
)


_CONTRAST = re.compile(r"(?:,\s+(?:while|whereas|but)|;)\s+")


_PLURAL_RELATIVE = re.compile(
    r"\b(?:which|that|what|whom)\s+(?:many\s+|some\s+|other\s+|the\s+)?([a-z]{3,}s)\s+"
    r"(?:[a-z]+\s+){0,4}?(?:described|called|dubbed|termed|labelled|labeled|branded)"
    r"\s+(?:it\s+|them\s+)?(?:as\s+)?(?:an?\s+|the\s+)?$"
)


_NOT_PLURAL_NOUNS = _words("this has was is does its thus always perhaps sometimes")


_AND_END = re.compile(r"\s(?:and|then|and then|before)\s+$")


_STATE_ABBREVIATION = re.compile(r"[A-Z][a-z]{1,4}\.|(?:[A-Z]\.){2}")  # "Pa.", "Calif.", "N.Y."

_AS_CLAUSE = re.compile(r"\s*(?:[Aa]s|[Ll]ike)\s+")


def _in_relative_clause(pre: str, at: int) -> bool:
    """Whether the verb at ``at`` is in a relative clause (``, which friends described``)."""
    words = pre[pre.rfind(",", 0, at) + 1 : at].split()
    return bool(words) and words[0].lower() in ("which", "who", "whom", "whose", "that")


def _in_subordinate_clause(pre: str, at: int) -> bool:
    """Whether the verb at ``at`` belongs to a clause that opens with a subordinator (while,
    although, if...) and that a comma closes before the next verb: not the main clause."""
    start = pre.rfind(",", 0, at) + 1
    words = pre[start:at].split()
    if not words or words[0].lower() not in _SUBORDINATORS:
        return False
    return "," in pre[at:]
