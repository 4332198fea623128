"""The seed file format (SEED_FORMAT.md): bytes in, a ParsedSeed or a SeedFormatError out.

This module imports nothing from Django so it is fast to test and usable from a script. Every
length limit is checked here, once (``articles.seeds.limits``).
Modelled on the ``email`` and ``csv`` parsers: one error type that carries where and why.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from urllib.parse import urlsplit

from articles.seeds.limits import (
    MAX_INTEGER_DIGITS,
    MAX_SEED_BYTES,
    MAX_URL_LENGTH,
    check_fields,
)
from articles.seeds.url import check_host

PARAGRAPH = "paragraph"
SUBHEADING = "subheading"

_INTEGER = re.compile(r"[0-9]+")
_WHITESPACE = re.compile(r"\s")  # what ``str.isspace`` calls whitespace, character for character
_CLOSING_PUNCTUATION = tuple(".!?:;,\"'”’)…")


class SeedFormatError(ValueError):
    """A seed file broke the contract: names the file, the line (when there is one) and the rule."""

    def __init__(self, file: str, line: int | None, rule: str) -> None:
        self.file = file
        self.line = line
        self.rule = rule
        where = f"{file}:{line}" if line is not None else file
        super().__init__(f"{where}: {rule}")


@dataclass(frozen=True, slots=True)
class Block:
    """One body block: a paragraph or a subheading, numbered from 0 over both kinds."""

    kind: str
    text: str

    @property
    def is_subheading(self) -> bool:
        return self.kind == SUBHEADING


@dataclass(frozen=True, slots=True)
class ParsedSeed:
    """What a seed file says, and nothing invented: header integers stay the strings given."""

    url: str
    line2: str
    line3: str
    standfirst: str
    blocks: tuple[Block, ...]
    name: str = "<seed>"

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if not b.is_subheading)

    @property
    def subheadings(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.is_subheading)


def is_subheading(line: str) -> bool:
    """Short (at most 6 words), in capitals, no closing punctuation: ``NO RESPITE``."""
    words = line.split(maxsplit=6)  # a seventh word is all it takes to say no
    if not words or len(words) > 6:
        return False
    if not any(ch.isalpha() for ch in line) or line != line.upper():
        return False
    return not line.endswith(_CLOSING_PUNCTUATION)


def split_blocks(body: str) -> tuple[Block, ...]:
    """Split body text into typed blocks: each non-empty line is one paragraph or subheading."""
    return _blocks(body.replace("\r\n", "\n").split("\n"))


def _blocks(lines: list[str]) -> tuple[Block, ...]:
    blocks = []
    for line in lines:
        text = line.strip()
        if text:
            blocks.append(Block(SUBHEADING if is_subheading(text) else PARAGRAPH, text))
    return tuple(blocks)


def join_blocks(blocks: tuple[Block, ...] | list[Block]) -> str:
    """The inverse of :func:`split_blocks`: one block a line, an empty line between."""
    return "\n\n".join(block.text for block in blocks)


def check_url(url: str) -> str | None:
    """Return why ``url`` is not an absolute http(s) URL with a host name (``check_host``),
    or None when it is."""
    if not url or _WHITESPACE.search(url):
        return f"expected an absolute http(s) URL, got {url!r}"
    if len(url) > MAX_URL_LENGTH:
        return f"the URL is longer than {MAX_URL_LENGTH} characters ({len(url)})"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return f"expected an absolute http(s) URL, got {url!r}"
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return f"expected an absolute http(s) URL, got {url!r}"
    return check_host(url)


def parse(data: bytes, name: str = "<seed>") -> ParsedSeed:
    """Parse the bytes of one seed file; raise SeedFormatError naming ``name``, line and rule."""
    if len(data) > MAX_SEED_BYTES:
        raise SeedFormatError(name, None, f"file is larger than {MAX_SEED_BYTES:,} bytes")
    if not data.strip():
        raise SeedFormatError(name, None, "file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SeedFormatError(
            name, 1, "the file is UTF-16 (it starts with a UTF-16 BOM); expected UTF-8"
        )
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise SeedFormatError(name, line, "NUL byte in file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SeedFormatError(name, line, f"not UTF-8 (byte 0x{data[exc.start]:02x})") from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise SeedFormatError(name, None, "file is empty")
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    if len(lines) < 4:
        raise SeedFormatError(
            name,
            len(lines),
            f"expected at least 5 lines (URL, two integers, standfirst, empty line, body), "
            f"got {len(lines)}",
        )
    url = lines[0].strip()
    if problem := check_url(url):
        raise SeedFormatError(name, 1, problem)
    for number in (2, 3):
        value = lines[number - 1].strip()
        if not _INTEGER.fullmatch(value):
            raise SeedFormatError(name, number, f"expected a non-negative integer, got {value!r}")
        if len(value) > MAX_INTEGER_DIGITS:
            raise SeedFormatError(
                name, number, f"the integer has more than {MAX_INTEGER_DIGITS} digits"
            )
    standfirst = lines[3].strip()
    if not standfirst:
        raise SeedFormatError(name, 4, "the standfirst is empty")
    if problem := check_fields(url, standfirst):  # every field within its column's length
        raise SeedFormatError(name, *problem)
    if len(lines) < 6:
        raise SeedFormatError(name, len(lines) + 1, "the body is missing")
    if lines[4].strip():
        raise SeedFormatError(name, 5, "expected an empty line after the standfirst")
    blocks = _blocks(lines[5:])  # what ``split_blocks`` makes of them, without joining them
    if not blocks:
        raise SeedFormatError(name, 6, "the body is missing")
    if all(block.is_subheading for block in blocks):
        raise SeedFormatError(name, 6, "the body has only subheadings, no paragraph")
    return ParsedSeed(
        url=url,
        line2=lines[1].strip(),
        line3=lines[2].strip(),
        standfirst=standfirst,
        blocks=blocks,
        name=name,
    )


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """A seed file's bytes (at most one past the size limit, so :func:`parse` can refuse it);
    a directory or an unreadable path raises SeedFormatError naming it."""
    name = str(path)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except IsADirectoryError:
        raise SeedFormatError(name, None, "is a directory, not a seed file") from None
    except OSError as exc:
        raise SeedFormatError(name, None, f"cannot be read ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        mode = info.st_mode
        if stat.S_ISDIR(mode):
            raise SeedFormatError(name, None, "is a directory, not a seed file")
        if not stat.S_ISREG(mode):
            raise SeedFormatError(name, None, "is not a regular file (a device, FIFO or socket)")
        return _read_to_end(fd, MAX_SEED_BYTES + 1, info.st_size)
    except OSError as exc:
        raise SeedFormatError(name, None, f"cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


def _read_to_end(fd: int, limit: int, size: int) -> bytes:
    """At most ``limit`` bytes from ``fd``, fewer only at the end of the file. The first read
    asks for the file's ``size`` and one byte more: a buffer of ``limit`` bytes (megabytes, for
    a file of a few kilobytes) cost more than the rest of reading it."""
    chunks = []
    want = min(size + 1, limit)
    while want > 0:
        chunk = os.read(fd, want)
        if not chunk:
            break
        chunks.append(chunk)
        limit -= len(chunk)
        want = min(64 * 1024, limit)  # the file grew, or the read was short: go on to the end
    return b"".join(chunks)


def read(path: str | os.PathLike[str]) -> ParsedSeed:
    """Read and parse one seed file."""
    return parse(read_bytes(path), str(path))


def render(seed: ParsedSeed) -> str:
    """Write a seed back in the format: the inverse of :func:`parse` (no final newline)."""
    head = [seed.url, seed.line2, seed.line3, seed.standfirst, ""]
    return "\n".join(head) + "\n" + join_blocks(seed.blocks)
