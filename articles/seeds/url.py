"""What an article's URL gives: the article's identity, source domain, section, slug words, id."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlsplit, urlunsplit

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


# Query parameters that say how a reader arrived, never which article: campaign tags (Google
# Analytics' ``utm_*``, Comscore's ``ns_*``, AT Internet's, newsletters'), click ids of ad and
# social networks, and session ids. Compared in lower case.
TRACKING_PARAMETER_PREFIXES = ("utm_", "ns_")
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",  # Facebook
        "gclid",  # Google Ads
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",  # Microsoft Ads
        "yclid",  # Yandex
        "twclid",  # X / Twitter
        "ttclid",  # TikTok
        "igshid",  # Instagram
        "li_fat_id",  # LinkedIn
        "mc_cid",  # Mailchimp
        "mc_eid",
        "_ga",  # Google Analytics cross-domain
        "_gl",
        "_hsenc",  # HubSpot
        "_hsmi",
        "mkt_tok",  # Marketo
        "oly_anon_id",  # Omeda
        "oly_enc_id",
        "vero_id",  # Vero
        "at_medium",  # AT Internet (BBC and others)
        "at_campaign",
        "xtor",
        "cmp",  # The Guardian's campaign code
        "cmpid",
        "ncid",
        "ocid",
        "smid",  # The New York Times' share ids
        "smtyp",
        "ito",  # BBC
        "jsessionid",  # session ids
        "phpsessid",
    }
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_ESCAPE = re.compile(r"(%[0-9A-Fa-f]{2})")
_PATH_SAFE = "/:@!$&'()*+,;="  # RFC 3986 pchar and "/", besides the unreserved characters
_PLAIN_PATH = re.compile(r"[A-Za-z0-9\-._~/:@!$&'()*+,;=]*")  # nothing to escape or decode
_SESSION_IN_PATH = re.compile(r";jsessionid=[^/?#]*", re.IGNORECASE)
# Letters and digits of any script (an IDN host), hyphens, dots; the underscore is not allowed
# in a host name but is common in DNS names, so it is let through.
_HOST_PUNCTUATION = frozenset("-._")
MAX_HOST_LENGTH = 253  # DNS: what Source.domain holds
MAX_LABEL_LENGTH = 63


def check_host(url: str) -> str | None:
    """Why the host of ``url`` (an absolute URL that ``urlsplit`` reads) is not a host name,
    or None when it is: it may hold only letters and digits (of any script: an international
    domain name), ``-``, ``.`` and ``_``, in labels of 1 to 63 characters, 253 in all; or be
    an IP address in brackets."""
    parts = urlsplit(url)
    netloc = parts.netloc.rpartition("@")[2]
    if netloc.startswith("["):
        return None  # an IPv6 literal: ``urlsplit`` has checked it
    host = parts.hostname or ""
    bad = sorted({ch for ch in host if not (ch.isalnum() or ch in _HOST_PUNCTUATION)})
    if bad:
        shown = ", ".join(repr(ch) for ch in bad)
        return f"the URL's host {host!r} has characters not allowed in a host name: {shown}"
    if len(host.rstrip(".")) > MAX_HOST_LENGTH:
        return f"the URL's host is longer than {MAX_HOST_LENGTH} characters ({len(host)})"
    for label in host.rstrip(".").split("."):
        if not label:
            return f"the URL's host {host!r} has an empty label (two dots in a row)"
        if len(label) > MAX_LABEL_LENGTH:
            return f"the URL's host {host!r} has a label longer than {MAX_LABEL_LENGTH} characters"
    return None


def normalise_host(host: str) -> str:
    """One spelling of a host name: lower case, no final dot, an international domain name in
    Unicode whether it was written so or in punycode (``xn--bcher-kva.de`` -> ``bücher.de``).
    A host IDNA cannot encode is only lower-cased."""
    host = host.lower().rstrip(".")
    if host.isascii() and "xn--" not in host:
        return host
    try:
        return host.encode("idna").decode("idna")  # nameprep folds case and compatibility forms
    except UnicodeError:
        return host


def url_identity(url: str) -> str:
    """The article a URL names, whatever way of writing it: ``http`` or ``https``, with or
    without ``www.``, the default port, a trailing slash, a ``#fragment``, tracking parameters
    (``utm_*``, ``fbclid``... :data:`TRACKING_PARAMETERS`), query parameters in any order, an
    IDN host in Unicode or punycode, escapes of unreserved characters or hex in either case,
    ``.`` and ``..`` segments, user info. Two URLs with the same identity are one article.

    The result is an https URL (``https://bücher.de/world/story?id=3``): readable, though the
    page it names may answer only over http."""
    parts = urlsplit(url.strip())
    host = normalise_host(parts.hostname or "").removeprefix("www.")
    if ":" in host:
        host = f"[{host}]"  # an IPv6 address
    netloc = host
    if ":" in parts.netloc:  # a port, maybe (or user info, or an IPv6 address)
        try:
            port = parts.port
        except ValueError:
            port = None
        if port not in (None, _DEFAULT_PORTS.get(parts.scheme.lower())):
            netloc = f"{host}:{port}"
    path = parts.path
    if ";" in path:
        path = _SESSION_IN_PATH.sub("", path)
    if not _PLAIN_PATH.fullmatch(path):  # most paths are written in their one spelling
        path = _tidy_escapes(path, _PATH_SAFE)
    path = _remove_dot_segments(path).rstrip("/")
    if not parts.query:
        return f"https://{netloc}{path}"
    pairs = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True, errors="surrogateescape")
        if not _is_tracking(key)
    ]
    query = "&".join(f"{_escape(key)}={_escape(value)}" for key, value in sorted(pairs))
    return f"https://{netloc}{path}?{query}" if query else f"https://{netloc}{path}"


def url_key(url: str) -> str:
    """The SHA-256 (hex) of :func:`url_identity`: a short, fixed-size key for a unique index,
    however long the URL (``Article.url_key``)."""
    return hashlib.sha256(url_identity(url).encode("utf-8", "surrogateescape")).hexdigest()


def _is_tracking(key: str) -> bool:
    key = key.lower()
    return key in TRACKING_PARAMETERS or key.startswith(TRACKING_PARAMETER_PREFIXES)


def _escape(text: str) -> str:
    return quote(text, safe="", errors="surrogateescape")


def _tidy_escapes(text: str, safe: str) -> str:
    """``text`` with one spelling per character: escapes of unreserved characters decoded,
    other escapes in upper case, characters outside ASCII (an IRI) and other unsafe ones
    escaped as UTF-8."""
    out = []
    for piece in _ESCAPE.split(text):
        if _ESCAPE.fullmatch(piece):
            char = chr(int(piece[1:], 16))
            out.append(char if char in _UNRESERVED else piece.upper())
        elif piece:
            out.append(quote(piece, safe=safe))
    return "".join(out)


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 section 5.2.4: ``/a/./b/../c`` -> ``/a/c``."""
    if "." not in path:
        return path
    segments = path.split("/")
    out: list[str] = []
    for segment in segments[1:] if path.startswith("/") else segments:
        if segment == "..":
            if out:
                out.pop()
        elif segment != ".":
            out.append(segment)
    if segments[-1] in (".", ".."):
        out.append("")  # ``/a/b/..`` is the directory ``/a/``
    return ("/" if path.startswith("/") else "") + "/".join(out)


def normalise_url(url: str) -> str:
    """The URL as a seed's hash reads it: scheme and host lower-cased, ``#fragment`` dropped.
    (Kept as it was when this was also the article's identity, so that the articles imported
    then still hash the same; which article a URL names is :func:`url_identity`.)"""
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
    domain = normalise_host(parts.hostname or "").removeprefix("www.")
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
    # Each text lower-cased once, for every reading below. (Joined, they are the joined
    # text's lower case: "\n" ends a word for the one rule that looks beyond a character,
    # the final sigma's, as the end of a text does.)
    lowered = [text.lower() for text in texts]
    # The text with separators folded: a phrase absent from it needs no pattern compiled.
    folded = _fold_separators("\n".join(lowered))
    spans: list[tuple[int, str | None]] = []  # (slug words taken, phrase as written or None)
    i = 0
    while i < len(words):
        span, phrase = 1, None
        # A phrase is in the text only if its first two words are: most words stop there.
        longest = min(len(words) - i, _MAX_PHRASE)
        if longest >= 2 and " ".join(words[i : i + 2]) not in folded:
            longest = 1
        for size in range(longest, 1, -1):
            if " ".join(words[i : i + size]) not in folded:
                continue
            phrase = _phrase_as_written(words[i : i + size], texts, lowered)
            if phrase:
                span = size
                break
        spans.append((span, phrase or None))
        i += span
    # Spellings are counted only for the words no phrase covers (often none).
    loose = frozenset(words[i] for i, (_span, phrase) in _starts(spans) if phrase is None)
    forms = _written_forms(texts, loose, lowered) if loose else {}
    out: list[str] = []
    for i, (_span, phrase) in _starts(spans):
        form = phrase or forms.get(words[i], words[i])
        if not out:
            form = form[:1].upper() + form[1:]
        out.append(form)
    return " ".join(out)


def _starts(spans: list[tuple[int, str | None]]) -> list[tuple[int, tuple[int, str | None]]]:
    """Each span with the index of the slug word it starts at."""
    out, i = [], 0
    for span in spans:
        out.append((i, span))
        i += span[0]
    return out


_MAX_PHRASE = 6
_SEPARATORS = re.compile(r"[\s-]+")
_AFTER_BREAK = re.compile(r"[.!?:\"“‘(]\s*$")
# A word after a sentence break that ends at most two spaces before it (``_AFTER_BREAK``).
_WORD_AFTER_BREAK = re.compile(r"[.!?:\"“‘(]\s{0,2}(" + _WORD.pattern + ")")


def _fold_separators(text: str) -> str:
    """``_SEPARATORS.sub(" ", text)``, several times faster for the usual text, in which
    every run of separators is one space, hyphen or newline: then replacing those will do.
    (Every other whitespace character is unprintable.)"""
    spaced = text.replace("-", " ").replace("\n", " ")
    if "  " not in spaced and spaced.isprintable():
        return spaced
    return _SEPARATORS.sub(" ", text)


def _phrase_as_written(words: list[str], texts: list[str], lowered: list[str]) -> str | None:
    """How the text writes these words in a row (mid-sentence when it can), or None;
    ``lowered``: the texts lower-cased."""
    plain = all(w.isascii() and w.isalnum() for w in words)
    pattern = None
    found = None
    for text, lower in zip(texts, lowered, strict=True):
        if plain:
            spans = _plain_phrase_spans(words, text, lower)
        else:
            if pattern is None:
                pattern = re.compile(
                    r"(?<![\w'’-])" + r"[\s-]+".join(map(re.escape, words)) + r"(?![\w-])",
                    re.IGNORECASE,
                )
            spans = (m.span() for m in pattern.finditer(text))
        for start, end in spans:
            before = text[max(0, start - 3) : start]
            if start and not _AFTER_BREAK.search(before):
                return text[start:end]
            found = found or text[start:end]
    if found and found[0].isupper():
        return None  # only ever seen starting a sentence: its capital says nothing
    return found


def _plain_phrase_spans(words: list[str], text: str, lower: str) -> Iterator[tuple[int, int]]:
    """The matches of the pattern :func:`_phrase_as_written` compiles, found without
    compiling it, for words of ASCII letters and digits: matching those ignoring case is
    comparing them with the text's lower case, character for character, once the only
    characters beyond ASCII that the pattern matches to an ASCII one and ``lower`` does not
    (dotted and dotless i, the long s) are spelt as it reads them; and the pattern never
    needs to backtrack. (Compiling a new pattern for each article's phrases cost more than
    the rest of the headline.) ``lower`` is ``text.lower()``."""
    # The dotted capital I is the one character whose lower case is two characters long.
    low = text.replace("İ", "i").lower() if "İ" in text else lower
    if "ı" in low or "ſ" in low:
        low = low.replace("ı", "i").replace("ſ", "s")
    first, n, pos = words[0], len(text), 0
    while (p := low.find(first, pos)) >= 0:
        end = p + len(first)
        ok = not (p and (text[p - 1].isalnum() or text[p - 1] in "_'’-"))
        for word in words[1:]:
            if not ok:
                break
            gap = end
            while gap < n and (text[gap].isspace() or text[gap] == "-"):
                gap += 1
            ok = gap > end and low.startswith(word, gap)
            end = gap + len(word)
        if ok and not (end < n and (text[end].isalnum() or text[end] in "_-")):
            yield p, end
            pos = end
        else:
            pos = p + 1


def _written_forms(
    texts: Iterable[str], wanted: frozenset[str], lowered: Iterable[str]
) -> dict[str, str]:
    """Map lower-cased word -> its most common mid-sentence spelling in ``texts``.

    Only the ``wanted`` words are counted, as the headline asks for no other, so a text that
    holds none of them is skipped and one that holds a few is read only around them. Other
    texts are tallied with ``findall``, so Python steps through each distinct word once.
    Either way words are counted in order of first occurrence, as ``max`` breaks ties so.
    ``lowered``: the texts lower-cased.
    """
    counts: dict[str, dict[str, list[int]]] = {}

    def count(word: str, starts: int, mids: int) -> None:
        plain = "-" not in word and "'" not in word and "’" not in word
        for form in (word,) if plain else _forms_of(word):
            lower = form.lower()
            if lower in wanted:
                slot = counts.setdefault(lower, {}).setdefault(form, [0, 0])
                slot[0] += starts
                slot[1] += mids

    for text, low in zip(texts, lowered, strict=True):
        # ``lower`` maps each character on its own and to one character, so a word's lower
        # case is where it stands in the text's; except a capital sigma, whose lower case
        # depends on what follows it, and the dotted capital I, which lower-cases to two.
        if "Σ" not in text and "İ" not in text:
            present = [k for k in wanted if k in low]
            if not present:
                continue
            if sum(low.count(k) for k in present) <= _FEW:
                for word, at_start in _words_around(text, low, present):
                    count(word, 1 if at_start else 0, 0 if at_start else 1)
                continue
        total = Counter(_WORD.findall(text))
        at_start = Counter(_WORD_AFTER_BREAK.findall(text))
        first = _WORD.match(text)
        if first:  # the text's first word starts a sentence too
            at_start[first.group()] += 1
        for word, n in total.items():
            count(word, at_start[word], n - at_start[word])
    forms = {}
    for lower, variants in counts.items():
        mid = {f: c[1] for f, c in variants.items() if c[1]}
        pool = mid or {f: c[0] for f, c in variants.items()}
        forms[lower] = max(pool, key=lambda f: (pool[f], f.islower()))
    return forms


_FEW = 3  # occurrences of the wanted words below which reading around them is cheaper


def _in_word(ch: str) -> bool:
    """A character ``_WORD`` can match: a letter or digit, an apostrophe or a hyphen."""
    return ch.isalnum() or ch in "'’-"


def _words_around(text: str, low: str, keys: list[str]) -> Iterator[tuple[str, bool]]:
    """The ``_WORD`` matches in the stretches of word characters that hold an occurrence of
    one of ``keys`` in ``low`` (the text lower-cased, character for character), in order,
    each with whether it starts a sentence. A match never spans a character outside such a
    stretch, so each stretch reads as it does in the whole text."""
    starts = set()
    for key in keys:
        p = low.find(key)
        while p >= 0:
            r = p
            while r and _in_word(text[r - 1]):
                r -= 1
            starts.add(r)
            p = low.find(key, p + 1)
    n = len(text)
    for r in sorted(starts):
        e = r
        while e < n and _in_word(text[e]):
            e += 1
        for m in _WORD.finditer(text, r, e):
            s = m.start()
            yield m.group(), s == 0 or bool(_AFTER_BREAK.search(text[max(0, s - 3) : s]))


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
