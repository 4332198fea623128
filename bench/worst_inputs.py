"""The worst inputs for extraction (issue 13 finding 5): seeds made of one repeated quoted
sentence, one repeated paragraph of quotation, and megabytes of capitalised words.

Each generator returns a valid seed's text of about ``size`` bytes, the same for the same
arguments, so a benchmark or a test can double the size and compare.
"""

from __future__ import annotations

_HEAD = (
    "https://news.example.org/world/worst-case-{kind}-{size}\n0\n0\n"
    "A worst case for extraction.\n\n"
)
QUOTED_SENTENCE = '"We will not give up the fight for this town," said Mayor Ana Ruiz. '
QUOTED_PARAGRAPH = '"We will not give up," she said, adding that the Harbour Board "must act now".'
_CAPITALISED = [
    *("Alder", "Birch", "Cedar", "Dunmore", "Elgin", "Fairhaven", "Glenrock", "Harrow"),
    *("Inverey", "Juniper", "Kestrel", "Larchmont", "Marlow", "Northgate", "Oakridge"),
    *("Penrose", "Quarry", "Redhill", "Stanmore", "Tarrant"),
]


def _head(kind: str, size: int) -> str:
    return _HEAD.format(kind=kind, size=size)


def repeated_quoted_sentence(size: int) -> str:
    """One paragraph: the same quoted, attributed sentence again and again."""
    head = _head("sentence", size)
    count = max(1, (size - len(head)) // len(QUOTED_SENTENCE))
    return head + (QUOTED_SENTENCE * count).rstrip() + "\n"


def repeated_quoted_paragraphs(size: int) -> str:
    """Many short paragraphs, each the same quotation (a carry-over chain of one speaker)."""
    head = _head("paragraphs", size)
    unit = QUOTED_PARAGRAPH + "\n\n"
    count = max(1, (size - len(head)) // len(unit))
    intro = "Mayor Ana Ruiz spoke to reporters.\n\n"
    return head + intro + (unit * count).rstrip() + "\n"


def capitalised_words(size: int) -> str:
    """One paragraph of capitalised words: a single run of names megabytes long."""
    head = _head("capitalised", size)
    words: list[str] = []
    total = len(head)
    k = 0
    while total < size:
        word = _CAPITALISED[k % len(_CAPITALISED)]
        words.append(word)
        total += len(word) + 1
        k += 1
    return head + " ".join(words) + ".\n"


def capitalised_sentences(size: int) -> str:
    """Paragraphs of short sentences of capitalised words, each a name of its own."""
    head = _head("capsentences", size)
    lines: list[str] = []
    total = len(head)
    k = 0
    while total < size:
        words = [_CAPITALISED[(k + j) % len(_CAPITALISED)] for j in range(3)]
        line = " ".join(words) + " said it would stay. "
        lines.append(line)
        total += len(line) + (2 if k % 20 == 19 else 0)
        k += 1
    paragraphs = ["".join(lines[i : i + 20]).strip() for i in range(0, len(lines), 20)]
    return head + "\n\n".join(paragraphs) + "\n"


WORST_CASES = {
    "repeated quoted sentence": repeated_quoted_sentence,
    "repeated quoted paragraphs": repeated_quoted_paragraphs,
    "capitalised words": capitalised_words,
    "capitalised sentences": capitalised_sentences,
}


_SURNAMES = [
    a + b + c
    for a in ("Kes", "Har", "Lin", "Ok", "Mar", "Tul", "Bre", "Dal", "Fen", "Gor")
    for b in ("trel", "row", "dqu", "afor", "ston", "ley", "mont", "wick", "by", "den")
    for c in ("by", "field", "son", "er", "ish", "ton", "ard", "ell", "ing", "ow")
]
_GIVEN = ("Ana", "Tom", "Maria", "John", "Paul", "Sarah", "Peter", "Emma", "David", "Laura")


def _repeat(kind: str, size: int, unit: str, lead: str = "", end: str = "\n") -> str:
    head = _head(kind, size) + lead
    return head + unit * max(1, (size - len(head)) // len(unit)) + end


def pronoun_quotes(size: int) -> str:
    """One paragraph: a named speaker, then thousands of quotes that "she said"."""
    return _repeat("pronoun", size, '"We will fight on," she said. ', "Mayor Ana Ruiz spoke. ")


def distinct_names(size: int) -> str:
    """Thousands of different people, each named in full and then by surname."""
    head = _head("names", size)
    parts, total, k = [], len(head), 0
    while total < size:
        surname = f"{_SURNAMES[k % 1000]}{k // 1000 or ''}"
        part = f"{_GIVEN[k % 10]} {surname} met officials. {surname} said it was fine.\n\n"
        parts.append(part)
        total += len(part)
        k += 1
    return head + "".join(parts)


def acronyms(size: int) -> str:
    """Thousands of bodies, each with its acronym in brackets."""
    head = _head("acronyms", size)
    parts, total, k = [], len(head), 0
    while total < size:
        letters = "".join(chr(65 + (k // 26**i) % 26) for i in range(4))
        part = f"The {_SURNAMES[k % 1000]} Board of {_SURNAMES[(k * 7) % 1000]} ({letters}) met. "
        parts.append(part)
        total += len(part)
        k += 1
    return head + "".join(parts) + "\n"


def nicknames(size: int) -> str:
    return _repeat("nicknames", size, 'Ana "Lightning" Ruiz won. ')


def unclosed_marks(size: int) -> str:
    """Opening curly quotes that never close, in one paragraph."""
    return _repeat("unclosed", size, "“abc ")


def unattributed_quotes(size: int) -> str:
    return _repeat("unattributed", size, '"We will fight on." ')


def quotes_in_one_sentence(size: int) -> str:
    """One sentence of thousands of short quoted words."""
    return _repeat("onesentence", size, 'Ana Ruiz said "a", ', end='and "we go on."\n')


def titles_before_a_quote(size: int) -> str:
    return _repeat("titles", size, 'She read "Alpha Beta" and ', end='said "we go on."\n')


WORST_CASES |= {
    "pronoun quotes": pronoun_quotes,
    "distinct names": distinct_names,
    "acronyms": acronyms,
    "nicknames": nicknames,
    "unclosed marks": unclosed_marks,
    "unattributed quotes": unattributed_quotes,
    "quotes in one sentence": quotes_in_one_sentence,
    "titles before a quote": titles_before_a_quote,
}
