"""Synthetic wire copy for load tests: N valid, varied seed files, the same N for the same seed.

Benchmarks and scale tests need archives of 10,000 to 100,000 articles that look like the feed
(known and unknown outlets, sections, 3 to 30 paragraphs, subheadings, every quote pattern the
extractor meets) without shipping real articles. Each file depends only on ``(seed, index)``, so
any slice of an archive can be regenerated and files are written one at a time (flat memory).

Plain Python: this module imports nothing from Django, like the rest of ``articles.seeds``.
"""

from __future__ import annotations

import hashlib
import os
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

FILES_PER_DIRECTORY = 1000

KNOWN_OUTLETS = (
    "www.dnaindia.com",
    "www.reuters.com",
    "apnews.com",
    "www.bbc.co.uk",
    "www.bbc.com",
    "www.theguardian.com",
    "www.nytimes.com",
    "www.washingtonpost.com",
    "www.aljazeera.com",
    "www.cbc.ca",
    "www.abc.net.au",
    "www.straitstimes.com",
    "www.thehindu.com",
    "www.irishtimes.com",
    "www.npr.org",
    "www.hindustantimes.com",
)
UNKNOWN_OUTLETS = (
    "www.valley-courier.com",
    "northern-ledger.co.uk",
    "www.harbourtimes.net",
    "coastal-gazette.org",
    "www.the-plains-herald.com",
)
SECTIONS = (
    "world",
    "politics",
    "business",
    "sport",
    "sports",
    "science",
    "health",
    "technology",
    "environment",
    "culture",
    "india",
    "europe",
    "asia-pacific",
)
KIND_PREFIXES = ("", "", "", "report-", "news-", "article-")
FIRST_NAMES = (
    "Amara", "Boris", "Chen", "Dalia", "Emeka", "Fatima", "Gustavo", "Hana", "Ivan", "Jaswinder",
    "Kofi", "Lena", "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Sipho", "Tomasz",
    "Umar", "Valentina", "Wei", "Ximena", "Yusuf", "Zanele", "Margaret", "Daniel", "Aoife", "Raj",
)  # fmt: skip
LAST_NAMES = (
    "Okonkwo", "Lindqvist", "Haddad", "Moreau", "Tanaka", "Kowalski", "Mensah", "Rahman",
    "Fernandes", "O'Brien", "Novak", "Sato", "Adeyemi", "Petrov", "Castillo", "Nakamura",
    "Brennan", "Achterberg", "Mwangi", "Sharma", "Whitfield", "Van der Berg", "Ferreira", "Kaur",
)  # fmt: skip
ROLES = (
    "the finance minister",
    "a spokesman for the ministry",
    "a spokeswoman for the company",
    "the chief executive",
    "a senior analyst at Meridian Capital",
    "the head coach",
    "a professor of climatology at the University of Lund",
    "the opposition leader",
    "the city's mayor",
    "a nurse at the central hospital",
    "the union's general secretary",
    "a local farmer",
)
ORGANISATIONS = (
    "the World Health Organisation",
    "the European Commission",
    "the International Monetary Fund",
    "the Red Cross",
    "the National Grid",
    "Harbor Air",
    "the Central Bank",
    "the United Nations",
    "Amnesty International",
    "the Football Association",
)
PLACES = (
    "Aleppo", "Nairobi", "Lagos", "Jakarta", "Lima", "Warsaw", "Dhaka", "Manila", "Quito",
    "Rotterdam", "Goa", "Darwin", "Halifax", "Cork", "Valparaiso", "Kraków", "Accra", "Osaka",
)  # fmt: skip
SUBJECTS = (
    "ceasefire talks", "the budget", "flood defences", "a merger", "the vaccine rollout",
    "the election", "fuel prices", "the cup final", "a new rail line", "water rights",
    "the trade deal", "wildfire season", "a chip factory", "the fraud trial", "teachers' pay",
)  # fmt: skip
VERBS = (
    "stall over", "collapse over", "agree on", "clash over", "vote on", "delay", "approve",
    "reject", "push ahead with", "review",
)  # fmt: skip
QUOTE_SENTENCES = (
    "We have done everything we can and we will keep doing it",
    "This is not the end of the process, it is the beginning",
    "Nobody expected the numbers to move this quickly",
    "The people here have waited long enough for an answer",
    "We are asking for patience, not for miracles",
    "It was the hardest decision I have ever had to make",
    "There is no plan B and there never was",
    "The evidence is clear and it points one way",
    "I think we underestimated how much this would cost",
    "Our priority is the safety of everyone involved",
    "We will not be rushed into a bad agreement",
    "Frankly, the situation on the ground is getting worse every day",
)
PARTIAL_QUOTES = (
    "a turning point",
    "deeply troubling",
    "long overdue",
    "the worst in a generation",
    "a step in the right direction",
    "completely unacceptable",
)
FILLER = (
    "Officials said the figures would be reviewed again next month.",
    "The decision follows weeks of negotiations behind closed doors.",
    "Analysts had expected a smaller change, according to a survey published on Monday.",
    "Critics argue the plan does little for the poorest households.",
    "The region has seen similar disputes before, most recently three years ago.",
    "Local media reported that talks would resume after the weekend.",
    "Several hundred people gathered outside the building on Tuesday afternoon.",
    "The measures are expected to take effect at the start of next year.",
    "Independent observers have called for a full inquiry.",
    "Shares in the company rose 4 per cent in early trading.",
    "Emergency crews worked through the night to clear the main road.",
    "The report, which runs to more than 200 pages, makes 37 recommendations.",
)
SUBHEADINGS = ("NO RESPITE", "WHAT NEXT", "BACKGROUND", "MARKET REACTION", "LONG WAIT", "DIPLOMACY")


@dataclass(frozen=True, slots=True)
class GeneratedSeed:
    """One synthetic seed: the name it is written under and its text."""

    name: str
    text: str


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _quote_paragraph(rng: random.Random, speaker: str, curly: bool) -> str:
    """One paragraph quoting someone, in one of the patterns wire copy uses."""
    open_q, close_q = ("“", "”") if curly else ('"', '"')
    words, second = rng.sample(QUOTE_SENTENCES, 2)
    role = rng.choice(ROLES)
    pronoun = rng.choice(("he", "she"))
    surname = speaker.split()[-1]
    pattern = rng.randrange(7)
    if pattern == 0:
        return f"{open_q}{words},{close_q} said {speaker}, {role}."
    if pattern == 1:
        return f"{open_q}{words},{close_q} {speaker} said. {open_q}{second}.{close_q}"
    if pattern == 2:
        return f"{speaker}, {role}, said: {open_q}{words}.{close_q}"
    if pattern == 3:
        return f"{open_q}{words}. {second},{close_q} {pronoun} said."
    if pattern == 4:
        partial, place = rng.choice(PARTIAL_QUOTES), rng.choice(PLACES)
        return f"{speaker} described the decision as {open_q}{partial}{close_q} for {place}."
    if pattern == 5:
        return f"{open_q}{words},{close_q} {surname} told reporters in {rng.choice(PLACES)}."
    org = rng.choice(ORGANISATIONS)
    return f"{open_q}{words},{close_q} {org} said in a statement."


def generate_seed(seed: int, index: int) -> GeneratedSeed:
    """The ``index``-th article of archive ``seed``: depends on nothing else."""
    rng = random.Random(f"{seed}:{index}")
    place = rng.choice(PLACES)
    subject = rng.choice(SUBJECTS)
    verb = rng.choice(VERBS)
    org = rng.choice(ORGANISATIONS)
    speakers = [_person(rng) for _ in range(rng.randint(1, 4))]
    headline = f"{place} leaders {verb} {subject}"
    if rng.random() < 0.3:
        headline = f"{speakers[0]} warns {org.removeprefix('the ')} on {subject}"
    outlet = rng.choice(UNKNOWN_OUTLETS if rng.random() < 0.1 else KNOWN_OUTLETS)
    section = rng.choice(SECTIONS)
    outlet_id = str(1_000_000 + seed * 10_000_000 + index)
    slug_words = "-".join(
        "".join(ch for ch in word.lower() if ch.isalnum()) for word in headline.split()
    )
    if rng.random() < 0.05:
        url = f"https://{outlet}/{section}/{outlet_id}"  # no words: headline from standfirst
    elif rng.random() < 0.1:
        url = f"https://{outlet}/{section}/{slug_words}-{outlet_id}.html"
    else:
        url = f"https://{outlet}/{section}/{rng.choice(KIND_PREFIXES)}{slug_words}-{outlet_id}"
    standfirst = (
        f"{speakers[0]} said {subject} in {place} would {rng.choice(('not ', ''))}"
        f"change after {org} intervened on {rng.choice(('Monday', 'Tuesday', 'Friday'))}."
    )
    paragraphs: list[str] = [
        f"{place} — {speakers[0]}, {rng.choice(ROLES)}, moved on {subject} on "
        f"{rng.choice(('Monday', 'Wednesday', 'Saturday'))} as {org} looked on."
    ]
    curly = rng.random() < 0.4
    n_paragraphs = min(30, max(3, int(rng.lognormvariate(2.3, 0.5))))
    for i in range(n_paragraphs - 1):
        if i and i % rng.randint(6, 12) == 0 and rng.random() < 0.5:
            paragraphs.append(rng.choice(SUBHEADINGS))
        if rng.random() < 0.35:
            paragraphs.append(_quote_paragraph(rng, rng.choice(speakers), curly))
        else:
            paragraphs.append(" ".join(rng.sample(FILLER, rng.randint(1, 4))))
    if paragraphs[-1] in SUBHEADINGS:
        paragraphs.append(rng.choice(FILLER))
    crlf = rng.random() < 0.02
    lines = [url, str(rng.randint(0, 500)), str(rng.randint(0, 99)), standfirst, ""]
    text = "\n".join(lines) + "\n" + "\n\n".join(paragraphs) + "\n"
    if crlf:
        text = text.replace("\n", "\r\n")
    digest = hashlib.sha256(url.encode()).hexdigest()[:16]
    return GeneratedSeed(name=f"{index:07d}_{digest}.txt", text=text)


def iter_seeds(count: int, seed: int = 0) -> Iterator[GeneratedSeed]:
    """``count`` seeds of archive ``seed``, lazily."""
    for index in range(count):
        yield generate_seed(seed, index)


def write_seeds(count: int, directory: str | os.PathLike[str], seed: int = 0) -> int:
    """Write ``count`` seed files under ``directory`` (1,000 a subdirectory, so that tools stay
    quick on 100,000 files); returns how many were written."""
    root = Path(directory)
    written = 0
    for index, generated in enumerate(iter_seeds(count, seed)):
        sub = root / f"{index // FILES_PER_DIRECTORY:04d}"
        if index % FILES_PER_DIRECTORY == 0:
            sub.mkdir(parents=True, exist_ok=True)
        (sub / generated.name).write_bytes(generated.text.encode("utf-8"))
        written += 1
    return written
