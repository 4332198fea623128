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
