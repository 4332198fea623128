"""The word lists and patterns quotation extraction reads: speech verbs, prepositions,
conjunctions, naming and labelling phrases. Plain data, general (no names from articles).
"""

from __future__ import annotations

import re

from ..names import _words

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

# Attribution: reporting verbs beyond the speech verbs detection reads (``spans._VERBS``), for
# finding who a clause next to a quotation names ("...," Smith fumed; Hannity interjected: "...").
_MORE_REPORTING_VERBS = _words(
    "fumed fumes gushed gushes interjected interjects charged assured assures snapped snaps "
    "retorted retorts scoffed scoffs lamented laments bemoaned bemoans grumbled griped groused "
    "thundered pleaded proclaimed proclaims asserted asserts contended contends chimed "
    "opined raged rages ranted seethed sniped sneered mocked yelled screamed cried exulted "
    "marveled marvelled conceded reminded reasoned countered reported"
)

# Registry: words that open a capitalised run at a sentence start without being part of the
# name that follows ("Former Arizona governor Jan Brewer": the run "Former Arizona").
_RUN_LEAD_MODIFIERS = _words("former then late acting outgoing incoming ex interim")
