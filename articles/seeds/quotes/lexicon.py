"""The word lists and patterns quotation extraction reads: speech verbs, prepositions,
conjunctions, naming and labelling phrases. Plain data, general (no names from articles).
"""

from __future__ import annotations

import re

from .. import names as N
from ..names import _words
from ..runs import dateline_end

_ACCORDING = re.compile(r"\baccording to\b", re.I)

_DESCRIBING_AS = re.compile(
    r"\b(?:describing|characterising|characterizing)\b[^“”\"]{0,80}\bas\s+(?:an?\s+|the\s+)?$"
)

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

_EARLY_POSSESSIVE = re.compile(r"^(?:\S+\s+){0,3}\S+(?:[’']s|s[’'])(?=\s|$)")

_WHAT_CALLED = re.compile(
    r"\b(?:what|which)\s+(he|she|they|it|the\s+[a-z]+|(?:[A-Z][\w’'-]+\s+|[a-z]+\s+){0,4}"
    r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})\s+"
    r"(?:has\s+|had\s+|once\s+|later\s+|previously\s+)?(?:called|described\s+as)"
    r"(?:\s+the)?\s*$"
)

_NOT_NOUNS = _words(
    "that which who whom whose of to is was were are be been has had have would will could "
    "should may might must can did does do not after before because when while if than as"
)

# Detection (short embedded quotes): words that show a sentence reports what someone said or
# how they put it, beyond the speech verbs of attribution ("calling him", "blasted", "his
# comments"). Read only to tell a short quoted phrase in such a sentence from a scare quote.
_SPEECH_CUE = re.compile(
    r"(?<![\w-])(?:call(?:s|ed|ing)?|say(?:s|ing)?|said|tell(?:s|ing)?|told|describ(?:e|es|ed|ing)|"
    r"label(?:s|l?ed|l?ing)?|blast(?:s|ed|ing)?|slam(?:s|med|ming)?|"
    r"derid(?:e|es|ed|ing)|denounc(?:e|es|ed|ing)|decr(?:y|ies|ied|ying)|bemoan(?:s|ed|ing)?|"
    r"lament(?:s|ed|ing)?|grous(?:e|es|ed|ing)|grumbl(?:e|es|ed|ing)|interject(?:s|ed|ing)?|"
    r"yell(?:s|ed|ing)?|shout(?:s|ed|ing)?|scream(?:s|ed|ing)?|"
    r"cr(?:y|ies|ied|ying)|proclaim(?:s|ed|ing)?|assert(?:s|ed|ing)?|tout(?:s|ed|ing)?|"
    r"mock(?:s|ed|ing)?|accus(?:e|es|ed|ing|ations?)|impl(?:y|ies|ied|ying)|"
    r"insist(?:s|ed|ing)?|vow(?:s|ed|ing)?|pledg(?:e|es|ed|ing)|promis(?:e|es|ed|ing)|"
    r"declar(?:e|es|ed|ing)|warn(?:s|ed|ing|ings?)?|urg(?:e|es|ed|ing)|dismiss(?:es|ed|ing)?|"
    r"prais(?:e|es|ed|ing)|hail(?:s|ed|ing)?|herald(?:s|ed|ing)?|"
    r"criti(?:ci[sz](?:e|es|ed|ing)|cism)|condemn(?:s|ed|ing)?|lash(?:es|ed|ing)\s+out|"
    r"fum(?:e|es|ed|ing)|gush(?:es|ed|ing)?|quip(?:s|ped|ping)?|jok(?:e|es|ed|ing)|"
    r"boast(?:s|ed|ing)?|brag(?:s|ged|ging)?|complain(?:s|ed|ing|ts?)?|claim(?:s|ed|ing)?|"
    r"charg(?:es|ed|ing)|argu(?:e|es|ed|ing)|contend(?:s|ed|ing)?|suggest(?:s|ed|ing)?|"
    r"tweet(?:s|ed|ing)?|wr(?:ite|ites|ote|iting)|repl(?:y|ies|ied|ying)|"
    r"respond(?:s|ed|ing)?|retort(?:s|ed|ing)?|scoff(?:s|ed|ing)?|rail(?:s|ed|ing)?\s+against|"
    r"conced(?:e|es|ed|ing)|acknowledg(?:e|es|ed|ing)|admit(?:s|ted|ting)?|"
    r"point(?:s|ed|ing)?\s+out|characteri[sz](?:e|es|ed|ing)|ask(?:s|ed|ing)?|add(?:s|ed|ing)|"
    r"comments?|remarks?|statements?|allegations?|plea|cries|words|speech|interview|"
    r"comment(?:ed|ing)|emphasi[sz](?:e|es|ed|ing)|assur(?:e|es|ed|ing)|"
    r"announc(?:e|es|ed|ing)|stating|alleg(?:e|es|ed|ing)|question(?:ed|ing)|assertions?|"
    r"jeer(?:s|ed|ing)?|talk(?:s|ed|ing)?\s+about|"
    r"refer(?:s|red|ring)?\s+to|according\s+to)(?![\w-])",
    re.I,
)

# Attribution: reporting verbs beyond the speech verbs detection reads (``spans._VERBS``), for
# finding who a clause next to a quotation names ("...," Smith fumed; Hannity interjected: "...").
_MORE_REPORTING_VERBS = _words(
    "fumed fumes gushed gushes interjected interjects charged assured assures snapped snaps "
    "retorted retorts scoffed scoffs lamented laments bemoaned bemoans grumbled griped groused "
    "thundered pleaded proclaimed proclaims asserted asserts contended contends chimed "
    "opined raged rages ranted seethed sniped sneered mocked yelled screamed cried exulted "
    "marveled marvelled conceded reminded reasoned countered reported found finds concluded "
    "concludes revealed reveals"
)

# Registry: US states (names.US_STATES), which follow a politician's name without being part of it.
_US_STATES = N.US_STATES

# Registry: words that open a capitalised run at a sentence start without being part of the
# name that follows ("Former Arizona governor Jan Brewer": the run "Former Arizona").
_RUN_LEAD_MODIFIERS = _words("former then late acting outgoing incoming ex interim")

_SUBORDINATORS = _words(
    "after before when as because since while until once although though if whereas"
)

# Words that open a phrase of time, place or circumstance before the subject ("On Twitter,",
# "Hours later,", "After the debate,", "Asked about it,"): the phrase runs to its comma.
_INTRO_WORDS = (
    _PREPOSITIONS
    | _SUBORDINATORS
    | _CONJUNCTIONS
    | _words(
        "hours days weeks months years minutes moments later earlier last next this that "
        "yet still meanwhile instead however now here there asked pressed speaking "
        "afterwards eventually finally first second third early late"
    )
    | N.WEEKDAYS_MONTHS  # "Sunday morning, Ann Lee slammed ..."
)

_AUXILIARIES = _words(
    "has have had is was were are will would can could may might should must did does do "
    "shot fired hit struck took went gave made came got kept put set let ran told said"
)

_VERB_ENDING = re.compile(r"[a-z]{2,}(?:ed|[^s'’]s)")


# Irregular past tenses a subject opens with before a quotation ("Lee drew cheers and then
# boomed, "...""): no ending tells them, and none is also a common noun or adjective.
_IRREGULAR_PAST = _words(
    "drew threw began brought bought sought thought felt lost met paid sent spent stood wrote "
    "spoke broke chose drove rose held knew grew became fought caught taught built meant swore "
    "sang shook"
)


def _verb_like(word: str) -> bool:
    """``thanked``, ``heralds``, ``has``: a word that can be the verb after a subject."""
    return (
        word in _AUXILIARIES
        or bool(_VERB_ENDING.fullmatch(word))
        or word.endswith(("n’t", "n't"))  # "didn’t", "won't"
    )


_RELATIVE_WORDS = frozenset(("which", "where", "who", "whose", "whom"))


def _after_intro(text: str) -> str:
    """``text`` without a dateline and the introductory phrases it opens with."""
    cut = dateline_end(text)
    text = text[cut:]
    skipped = False
    for _ in range(4):
        words = text.split(None, 1)
        if not words:
            break
        comma = text.find(", ")
        head = text[:comma].split() if comma > 0 else []
        # "At an event in Ames, Iowa, on Sunday, Ann Lee ...": a state after a place phrase
        state = skipped and 0 < len(head) <= 2 and all(w[:1].isupper() for w in head)
        first = words[0].lower().strip(",")
        participle = first.endswith("ing") and len(first) > 5 and words[0][:1].isupper()
        # "Speaking in Filby, which hosts the vote, Ann Lee ...": the phrase's relative clause
        relative = skipped and first in _RELATIVE_WORDS
        if not state and first not in _INTRO_WORDS and not participle and not relative:
            break  # "Facing mounting criticism, Ann Lee ..." opens with a participle phrase
        if comma < 0 or len(head) > 24:
            break
        text, skipped = text[comma + 2 :], True
    return text
