"""What a run of capitalised words names: a person (with the role or title in front of the
name split off, and the gender a title or a given name tells), an organisation, a place, an
event, or a single word; the canonical name of a place. Pure Python, shared by quote
attribution and tag extraction through ``runs``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import names as N
from .textcache import CONNECT as _CONNECT
from .textcache import OCCUPATION_ENDINGS as _OCCUPATION_ENDINGS
from .textcache import small_cache


@dataclass(frozen=True, slots=True)
class NameInfo:
    """What a run names: ``kind`` is person, organisation, place, event or single."""

    kind: str
    name: str
    role: str | None
    gender: str | None


def strip_common(words: list[str]) -> list[str]:
    """Drop sentence-initial common words ("The", "But", "In") from the front of a run."""
    i = 0
    while i < len(words) and words[i].lower() in N.COMMON_CAPITALISED:
        low = words[i].lower()
        if low in N.TITLES or (len(words[i]) > 1 and words[i].isupper()):
            break
        if low in N.PORTFOLIO_WORDS and _names_body(words[i + 1 :]):
            break  # "Health Service Executive", "Opposition Konkan Jan Morcha Party"
        i += 1
    return words[i:]


def _names_body(words: list[str]) -> bool:
    """The rest of a run names an institution: a capitalised organisation word in it."""
    return any(w.lower() in N.ORG_CUES and w.lower() not in N.COMMON_CAPITALISED for w in words)


def analyse(words: list[str]) -> NameInfo | None:
    """Classify a run and split a leading role/title off a person's name (cached)."""
    return _analyse(tuple(words))


@small_cache(maxsize=4096, max_len=64)
def _analyse(given: tuple[str, ...]) -> NameInfo | None:
    words = strip_common(list(given))
    if not words or (len(words) <= 2 and PARTY_AFFILIATION.match(" ".join(words))):
        return None
    low = [w.lower() for w in words]
    gender = None
    i = 0
    had_role = False
    while i < len(words) - 1 and (
        low[i] in N.TITLES
        or low[i] in N.ROLE_WORDS
        or low[i] in N.PORTFOLIO_WORDS
        or low[i] in _CONNECT
    ):
        if low[i] in N.MALE_TITLES:
            gender = "m"
        elif low[i] in N.FEMALE_TITLES:
            gender = "f"
        if low[i] in N.ROLE_WORDS or low[i] in N.TITLES:
            had_role = True
        i += 1
    if not had_role:
        i = 0  # "Green Valley Watch": portfolio words make a role only with an office word
        k = _embedded_role(words, low)
        if k:  # "Bank of Japan Governor Kenji Nakamura": a body, its office, then the person
            i, had_role = k, True
    j = _trailing_person(words, low, i)
    if j > i:  # "Additional Advocate General of Rajasthan Vikram Singh Rathore"
        i, had_role = j, True
    tail = words[i:]
    while len(tail) > 1 and tail[-1].lower() in N.POSTNOMINALS:
        tail = tail[:-1]
    tail_low = [w.lower() for w in tail]
    full = " ".join(words)
    role = " ".join(words[:i]) or None
    tail_cue = any(w in N.ORG_CUES for w in tail_low)
    exact = place_canonical(" ".join(words))
    if exact:
        return NameInfo("organisation" if exact in N.ORG_PLACES else "place", exact, None, None)
    if any(w in N.ORG_CUES for w in low) and not (had_role and not tail_cue):
        return NameInfo("organisation", full, None, None)
    joined = " ".join(tail)
    canon = place_canonical(joined) or place_canonical(full)
    if canon:
        kind = "organisation" if canon in N.ORG_PLACES else "place"
        return NameInfo(kind, canon if full not in N.PLACES else full, None, None)
    if (tail_low[-1] in N.PLACE_CUES or low[0] in N.PLACE_HEADS) and not had_role:
        return NameInfo("place", full, None, None)
    if low[0] in N.EVENT_CUES or (len(low) > 1 and low[-1] in N.EVENT_CUES and not had_role):
        return NameInfo("event", full, None, None)
    if len(tail) == 1:
        if tail[0].isupper() and len(tail[0]) > 1 and not had_role:
            if tail_low[0].rstrip(".") in N.NON_ENTITY_ACRONYMS:
                return None
            return NameInfo("organisation", tail[0], None, None)
        return NameInfo("single", tail[0], role, gender)
    if (
        len(tail) >= 3
        and tail_low[0].endswith(_OCCUPATION_ENDINGS)
        and first_name_gender(tail[1])
        and not first_name_gender(tail[0])
    ):
        tail = tail[1:]  # "Boxer Ana Ruiz": a sentence-initial noun before a first name
        joined = " ".join(tail)
    if gender is None:
        gender = first_name_gender(tail[0])
    if (
        gender is None
        and tail_low[-1] in N.ROLE_WORDS
        and not any(w in _CONNECT or first_name_gender(w) for w in tail_low)
    ):
        return None  # "NSW Premier, Jane Roe,": an office before the name, not a person
    return NameInfo("person", joined, role, gender)


_INITIAL = re.compile(r"[A-Z]\.")
_INITIALS = re.compile(r"(?:[A-Z]\.)+[A-Z]?\.?")


def _role_word(low: str) -> bool:
    """An office or title word, hyphenated compounds included ("Inspector-General")."""
    return (
        low in N.ROLE_WORDS
        or low in N.TITLES
        or (("-" in low) and any(p in N.ROLE_WORDS for p in low.split("-")))
    )


def _name_like(word: str) -> bool:
    """A word that can be part of a person's name: capitalised (or an initial, "S.K."),
    not an office, organisation, portfolio, place or common capitalised word."""
    low = word.lower()
    if _INITIALS.fullmatch(word):
        return True
    if not word[:1].isupper() or (word.isupper() and len(word) > 1):
        return low in N.PARTICLES
    return not (
        _role_word(low)
        or low in N.PORTFOLIO_WORDS
        or low in N.ORG_CUES
        or low in _CONNECT
        or low in N.COMMON_CAPITALISED
        or low in N.PLACE_CUES
        or low in N.DEMONYMS
        or low.rstrip("s") in N.ROLE_WORDS
        or place_canonical(word) is not None
    )


def _trailing_person(words: list[str], low: list[str], i: int) -> int:
    """Where a person's name starts at the end of a run that opens with a role, or ``i``.

    The person is the longest trailing sequence of name-like words (given names, surnames,
    particles, initials); what comes before is the role, which must hold an office word or be
    a nationality ("Ethiopian Tigist Alemu"). After ``of``/``for`` the first capitalised word
    is the office's body or place ("Advocate General of Rajasthan Vikram Singh Rathore")."""
    n = len(words)
    if n < 3:
        if n == 2 and i == 0 and low[0] in N.DEMONYMS and _name_like(words[1]):
            return 1 if first_name_gender(words[1]) else i
        return i
    j = n
    while j > 0 and _name_like(words[j - 1]):
        j -= 1
    while j < n and low[j] in N.PARTICLES:
        j += 1
    if j > 0 and low[j - 1] in _CONNECT and n - j >= 3:
        j += 1
        given = next((p for p in range(j - 1, n - 1) if first_name_gender(words[p])), None)
        if given is not None:  # "... for Trade and Inland Ports Maria Ivel Sandquist"
            j = given
    if j <= i or n - j < 2 or j == 0:
        return i
    prefix = low[:j]
    if any(_role_word(w) for w in prefix) or all(w in N.DEMONYMS for w in prefix):
        return j
    return i


# A party and state after a US politician ("D-Colo.", "R-Texas"): never a name.
PARTY_AFFILIATION = re.compile(r"^[DRI]-[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?$")

# Office words too vague to split a run on when only one word follows ("Major League").
_WEAK_ROLE_WORDS = N._words(
    "first general major forward chief deputy vice executive state secretary acting "
    "interim junior senior assistant director"
)


def _embedded_role(words: list[str], low: list[str]) -> int:
    """Where a person's name starts after ``<body> <office>`` ("Senate Minority Leader Tom
    Hale", "Bank of Japan Governor Kenji Nakamura"), or 0: the name that follows must be
    capitalised words without organisation, place or office words in them."""
    n = len(words)
    for k in range(n - 2, 0, -1):
        if low[k] not in N.ROLE_WORDS and low[k] not in N.TITLES:
            continue
        k = _portfolio_after(low, k)  # "Executive for Finance", "Minister of State for Transport"
        if k >= n - 1:
            return 0
        tail = low[k + 1 :]
        if any(
            w in N.ORG_CUES
            or w in _CONNECT
            or w in N.ROLE_WORDS
            or w in N.TITLES
            or w in N.PORTFOLIO_WORDS
            or w in N.COMMON_CAPITALISED
            or w in N.PLACE_CUES
            for w in tail
        ):
            return 0
        if not all(
            (w[:1].isupper() and not w.isupper()) or w in N.PARTICLES or _INITIAL.fullmatch(w)
            for w in words[k + 1 :]
        ):
            return 0
        if place_canonical(" ".join(words[k + 1 :])) is not None:
            return 0
        if len(tail) == 1 and low[k] in _WEAK_ROLE_WORDS:
            return 0
        return k + 1
    return 0


def _portfolio_after(low: list[str], k: int) -> int:
    """The last word of an office's ``for|of <portfolio>`` complement after ``low[k]``
    ("Executive for Finance", "Minister of State for Transport"), or ``k`` when none follows."""
    m, end = k + 1, k
    while m + 1 < len(low) and low[m] in ("for", "of") and low[m + 1] in N.PORTFOLIO_WORDS:
        m += 2
        while m < len(low) and (low[m] in N.PORTFOLIO_WORDS or low[m] == "and"):
            m += 1
        end = m - 1
    return end


_PLACE_LOOKUP: dict[str, str] = {}
for _canon, _aliases in N.PLACE_ALIASES.items():
    _PLACE_LOOKUP[_canon.lower()] = _canon
    for _a in _aliases:
        _PLACE_LOOKUP[_a.lower()] = _canon
for _p in N.PLACES:
    _PLACE_LOOKUP.setdefault(_p.lower(), _p)


def place_canonical(name: str) -> str | None:
    """The canonical place for a name or alias ("U.S." -> "United States"), or None."""
    return _PLACE_LOOKUP.get(name.lower())


def first_name_gender(word: str) -> str | None:
    """Gender suggested by a common first name (general data; None when unknown)."""
    low = word.lower()
    for key in (low, low.split("-")[0]):
        if key in N.MALE_FIRST_NAMES:
            return "m"
        if key in N.FEMALE_FIRST_NAMES:
            return "f"
    return None


# Months that are also given names ("April", "June"): read as names before a surname.
_MONTH_FIRST_NAMES = frozenset(w for w in N.WEEKDAYS_MONTHS if first_name_gender(w))
