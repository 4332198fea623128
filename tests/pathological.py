"""The worst seeds we know of, made at test time (issue 13): each is valid or breaks one limit,
and each must import, or fail alone with ``file:line: rule``, within the per-file budget.

Sizes follow the issue's reports; every generator is deterministic.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

HEADER = "https://news.example.org/world/{slug}-{number}\n7\n3\n{standfirst}\n\n"
STANDFIRST = "Officials met again on Tuesday to talk about the ceasefire."


def seed(body: str, slug: str = "pathological-case", number: int = 100001) -> str:
    return HEADER.format(slug=slug, number=number, standfirst=STANDFIRST) + body


def _fill(unit: str, size: int, separator: str = " ") -> str:
    count = max(1, size // (len(unit) + len(separator)))
    return separator.join([unit] * count)


def repeated_quote(size: int) -> str:
    """One paragraph: one quoted sentence with its speaker, again and again."""
    return seed(
        _fill('"We will not give up," said Foreign Minister Sergei Lavrov.', size),
        slug=f"repeated-quote-{size}",
    )


def capitalised_words(size: int) -> str:
    """One paragraph of distinct capitalised words: every word could start a name."""
    rng = random.Random(13)
    words, total = [], 0
    while total < size:
        word = "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(3))
        words.append(word.capitalize())
        total += len(word) + 1
    return seed(" ".join(words), slug="capitalised-words")


def repeated_word_paragraphs(paragraphs: int = 100_000) -> str:
    """Many short paragraphs that repeat one word: every token matches a search for it."""
    return seed(
        "\n\n".join(["ceasefire ceasefire ceasefire ceasefire"] * paragraphs),
        slug="repeated-word-paragraphs",
    )


def distinct_words(size: int) -> str:
    """Megabytes of words that never repeat: more lexemes than a tsvector can hold."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    words, total, n = [], 0, 0
    while total < size:
        word, k = "", n + 26**3  # at least four letters, all different
        while k:
            k, r = divmod(k, 26)
            word += letters[r]
        words.append(word)
        total += len(word) + 1
        n += 1
    lines = [" ".join(words[i : i + 100]) + "." for i in range(0, len(words), 100)]
    return seed("\n\n".join(lines), slug="distinct-words")


def largest_file(size: int) -> str:
    """A seed of exactly ``size`` bytes of ordinary paragraphs (the reference article's body,
    again and again): the largest legal file at the limit, and one byte over it."""
    from tests.conftest import REFERENCE_SEED

    lines = REFERENCE_SEED.read_text(encoding="utf-8").split("\n")
    body = "\n\n".join(line for line in lines[5:] if line)
    head = seed("", slug="largest-file")
    text = head + "\n\n".join([body] * (size // (len(body) + 2) + 1))
    text = text.encode()[:size].decode("utf-8", "ignore")
    return text + "x" * (size - len(text.encode()))


MB = 1024 * 1024
# name -> the seed's text: the worst cases found, each multi-megabyte
HUGE: dict[str, Callable[[], str]] = {
    "repeated_quote_512k": lambda: repeated_quote(512 * 1024),
    "repeated_quote_4_8mb": lambda: repeated_quote(int(4.8 * MB)),
    "capitalised_words_4_6mb": lambda: capitalised_words(int(4.6 * MB)),
    "repeated_word_paragraphs_3_9mb": repeated_word_paragraphs,
    "distinct_words_3_6mb": lambda: distinct_words(int(3.6 * MB)),
}


def write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def stuck_when_named_stuck(path: str, version: str, budget: float | None):
    """A pool task (run in a worker) that hangs past any timer on files named ``stuck*``, as
    code that never checks for signals would; other files are understood as usual."""
    import signal
    import time

    from articles.seeds.pool import understand_file

    if Path(path).name.startswith("stuck"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(3600)
    return understand_file(path, version, budget)
