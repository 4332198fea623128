"""What an article's URL gives: the article's identity, source domain, section, slug words, id."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit

# Words outlets put before the slug to say what kind of item it is (``report-john-kerry-...``).
KIND_PREFIXES = frozenset(
    {
        "report",
        "news",
        "story",
        "article",
        "analysis",
        "feature",
        "opinion",
        "blog",
        "live",
        "video",
    }
)
_TRAILING_ID = re.compile(r"^(?P<words>.*?)[-_]?(?P<id>\d{4,})$")
_FILE_SUFFIX = re.compile(r"\.(s?html?|php|aspx?|cms)$", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*(?:-[^\W_]+)*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class UrlParts:
    """The pieces of a seed URL that become fields of an article."""

    url: str
    domain: str
    section: str | None
    slug_words: tuple[str, ...]
    outlet_id: str


def normalise_url(url: str) -> str:
    """The article's identity: scheme and host lower-cased, ``#fragment`` dropped."""
    parts = urlsplit(url.strip())
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, host = netloc.rpartition("@")
        netloc = f"{userinfo}@{host.lower()}"
    else:
        netloc = netloc.lower()
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


def split_url(url: str) -> UrlParts:
    """Cut a seed URL into source domain, section, slug words and the outlet's article id."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    domain = host.removeprefix("www.")
    segments = [unquote(s) for s in parts.path.split("/") if s]
    section = None
    if len(segments) >= 2:
        section = _title_section(segments[0])
    last = _FILE_SUFFIX.sub("", segments[-1]) if segments else ""
    outlet_id = ""
    match = _TRAILING_ID.match(last)
    if match:
        last, outlet_id = match["words"], match["id"]
    elif last.isdigit():
        last, outlet_id = "", last
    if not outlet_id:
        query_id = re.search(r"(?:^|&)(?:p|id|articleid)=(\d+)", parts.query, re.IGNORECASE)
        outlet_id = query_id.group(1) if query_id else ""
    words = [w for w in re.split(r"[-_+ ]+", last) if w]
    if len(words) > 1 and words[0].lower() in KIND_PREFIXES:
        words = words[1:]
    if not any(ch.isalpha() for w in words for ch in w):
        words = []
    return UrlParts(
        url=url, domain=domain, section=section, slug_words=tuple(words), outlet_id=outlet_id
    )


def _title_section(segment: str) -> str:
    return " ".join(word.capitalize() for word in re.split(r"[-_]+", segment) if word)


def headline_from_slug(words: Iterable[str], texts: Iterable[str]) -> str:
    """Sentence case, with each word's capitals taken from how the article writes it.

    The longest run of slug words that the text writes as a phrase is copied as written, so
    ``supreme court`` becomes ``Supreme Court`` where the body names it, and ``russian backed``
    becomes ``Russian-backed``. Other words take their most common mid-sentence spelling, so a
    sentence's first word does not capitalise a common noun.
    """
    words = [w.lower() for w in words]
    texts = list(texts)
    forms = _written_forms(texts)
    # The text with separators folded: a phrase absent from it needs no pattern compiled.
    folded = _SEPARATORS.sub(" ", "\n".join(texts).lower())
    out: list[str] = []
    i = 0
    while i < len(words):
        span, form = 1, forms.get(words[i], words[i])
        for size in range(min(len(words) - i, _MAX_PHRASE), 1, -1):
            if " ".join(words[i : i + size]) not in folded:
                continue
            phrase = _phrase_as_written(words[i : i + size], texts)
            if phrase:
                span, form = size, phrase
                break
        if not out:
            form = form[:1].upper() + form[1:]
        out.append(form)
        i += span
    return " ".join(out)


_MAX_PHRASE = 6
_SEPARATORS = re.compile(r"[\s-]+")
_AFTER_BREAK = re.compile(r"[.!?:\"“‘(]\s*$")


def _phrase_as_written(words: list[str], texts: list[str]) -> str | None:
    """How the text writes these words in a row (mid-sentence when it can), or None."""
    pattern = re.compile(
        r"(?<![\w'’-])" + r"[\s-]+".join(map(re.escape, words)) + r"(?![\w-])", re.IGNORECASE
    )
    found = None
    for text in texts:
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - 3) : match.start()]
            if match.start() and not _AFTER_BREAK.search(before):
                return match.group()
            found = found or match.group()
    if found and found[0].isupper():
        return None  # only ever seen starting a sentence: its capital says nothing
    return found


def _written_forms(texts: Iterable[str]) -> dict[str, str]:
    """Map lower-cased word -> its most common mid-sentence spelling in ``texts``."""
    counts: dict[str, dict[str, list[int]]] = {}
    for text in texts:
        for match in _WORD.finditer(text):
            before = text[max(0, match.start() - 3) : match.start()]
            at_start = match.start() == 0 or bool(_AFTER_BREAK.search(before))
            for form in _forms_of(match.group()):
                slot = counts.setdefault(form.lower(), {}).setdefault(form, [0, 0])
                slot[0 if at_start else 1] += 1
    forms = {}
    for lower, variants in counts.items():
        mid = {f: c[1] for f, c in variants.items() if c[1]}
        pool = mid or {f: c[0] for f, c in variants.items()}
        forms[lower] = max(pool, key=lambda f: (pool[f], f.islower()))
    return forms


def _forms_of(word: str) -> list[str]:
    """A word and the parts a URL slug may split it into (``al-Assad`` -> al, Assad)."""
    forms = [word]
    for apostrophe in ("'", "’"):
        if apostrophe in word:
            word = word.split(apostrophe)[0]
            forms.append(word)
    if "-" in word:
        forms.extend(p for p in word.split("-") if p)
    return forms


def headline_from_standfirst(standfirst: str, max_words: int = 14) -> str:
    """A fallback headline when the URL has no slug: the standfirst's first clause, cut short."""
    sentence = re.split(r"(?<=[.!?;])\s", standfirst.strip())[0].rstrip(".!?;,")
    words = sentence.split()
    if len(words) <= max_words:
        return " ".join(words)
    commas = [i for i in range(6, max_words + 1) if words[i - 1].endswith((",", ";", ":"))]
    breaks = commas or [i for i in range(6, max_words + 1) if words[i].lower() in _CLAUSE_BREAKS]
    words = words[: breaks[-1]] if breaks else words[:max_words]
    while len(words) > 1 and words[-1].lower() in _DANGLING:
        words.pop()
    return " ".join(words).rstrip(",;:")


_CLAUSE_BREAKS = frozenset(
    [
        "after",
        "before",
        "when",
        "while",
        "because",
        "since",
        "as",
        "amid",
        "despite",
        "following",
        "but",
        "who",
        "which",
        "that",
        "where",
        "although",
        "though",
        "unless",
        "until",
    ]
)
_DANGLING = _CLAUSE_BREAKS | frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "and",
        "or",
        "by",
        "with",
        "from",
        "its",
        "their",
        "his",
        "her",
    ]
)
