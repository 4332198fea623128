"""How a seed file was laid out, so that an export gives back its exact bytes.

The parser (``format.parse``) tolerates a BOM, CRLF or CR line endings, spaces around lines,
extra or missing empty lines between paragraphs, trailing empty lines and a final newline, and
normalises all of them away: the article keeps only the fields. :func:`layout_of` records, at
import, what the file had beyond its canonical rendering (``format.render``), as a small JSON
object (empty for a file that is canonical already, as the feed's files are); :func:`apply_layout`
puts it back. The record holds a hash of the fields it was made for, so an article whose
standfirst, body or header integers an editor has changed gets the canonical layout instead.

Both run in time linear in the file's size. Plain Python, no Django.
"""

from __future__ import annotations

import hashlib
import json
import re

from articles.seeds.format import ParsedSeed, join_blocks, render, split_blocks

BOM = "\ufeff"
# Exactly where ``format.parse`` breaks lines.
_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")
HEADER_LINES = 5  # URL, two integers, standfirst, the empty line


def fields_hash(line2: str, line3: str, standfirst: str, body: str) -> str:
    """What identifies the seed fields a layout was recorded for (the URL is kept apart: it is
    the article's identity and is written as the file gave it)."""
    content = json.dumps([line2, line3, standfirst, body], ensure_ascii=False)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:32]


def layout_of(data: bytes, seed: ParsedSeed, url: str | None = None) -> str:
    """The layout record of ``data`` (the bytes ``seed`` was parsed from), as compact JSON; ""
    when ``render(seed)`` with ``url`` (the URL the article stores, by default the seed's) is
    ``data`` already. Checked: the record rebuilds ``data`` exactly, or it holds the whole text."""
    url = seed.url if url is None else url
    body = join_blocks(seed.blocks)
    canonical = render(seed if url == seed.url else _with_url(seed, url))
    encoded = canonical.encode("utf-8")
    if data == encoded:
        return ""
    sha = fields_hash(seed.line2, seed.line3, seed.standfirst, body)
    if data[:-1] == encoded and data.endswith(b"\n"):  # most files written by tools
        record: dict = {"gaps": {str(len(seed.blocks)): 1}}
    else:
        text = data.decode("utf-8")
        record = _describe(text, seed, url)
        if _rebuild(record, url, seed.line2, seed.line3, seed.standfirst, body) != text:
            record = {"text": text}  # not expected: keep the file itself
    record["sha"] = sha
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def apply_layout(
    layout: str, url: str, line2: str, line3: str, standfirst: str, body: str
) -> str | None:
    """The seed text with ``layout`` (from :func:`layout_of`) applied to these fields, or None
    when there is no layout or the fields are no longer those it was recorded for (an editor
    changed them): the caller then writes the canonical layout."""
    if not layout:
        return None
    record = json.loads(layout)
    body = join_blocks(split_blocks(body))
    if record.get("sha") != fields_hash(line2, line3, standfirst, body):
        return None
    if "text" in record:
        return record["text"]
    return _rebuild(record, url, line2, line3, standfirst, body)


def _with_url(seed: ParsedSeed, url: str) -> ParsedSeed:
    return ParsedSeed(url, seed.line2, seed.line3, seed.standfirst, seed.blocks, seed.name)


def _default_gap(index: int, blocks: int) -> int:
    """Empty lines before block ``index`` in the canonical layout (``blocks``: after the last)."""
    return 1 if 0 < index < blocks else 0


def _describe(text: str, seed: ParsedSeed, url: str) -> dict:
    """What ``text`` has beyond the canonical layout of ``seed``: BOM, line endings, whitespace
    around lines, empty lines around body blocks, the URL as written."""
    record: dict = {}
    if text.startswith(BOM):
        record["bom"] = 1
        text = text[len(BOM) :]
    parts = _LINE_BREAK.split(text)
    lines, breaks = parts[0::2], parts[1::2]
    if breaks:
        common = max(set(breaks), key=lambda b: (breaks.count(b), b == "\n"))
        if common != "\n":
            record["eol"] = common
        other = {str(i): b for i, b in enumerate(breaks) if b != common}
        if other:
            record["eols"] = other
    pads = {}
    cores = []
    for i, line in enumerate(lines):
        core = line.strip()
        if core != line:
            if core:
                start = len(line) - len(line.lstrip())
                pads[str(i)] = [line[:start], line[start + len(core) :]]
            else:
                pads[str(i)] = [line, ""]
        cores.append(core)
    if pads:
        record["pad"] = pads
    if cores[0] != url:
        record["url"] = cores[0]
    # Body: count the empty lines before each block and after the last.
    gaps, empty = {}, 0
    index = 0
    for core in cores[HEADER_LINES:]:
        if core:
            if empty != _default_gap(index, len(seed.blocks)):
                gaps[str(index)] = empty
            index, empty = index + 1, 0
        else:
            empty += 1
    if empty != _default_gap(index, len(seed.blocks)):
        gaps[str(index)] = empty
    if gaps:
        record["gaps"] = gaps
    return record


def _rebuild(record: dict, url: str, line2: str, line3: str, standfirst: str, body: str) -> str:
    blocks = [block.text for block in split_blocks(body)]
    gaps = record.get("gaps", {})
    cores = [record.get("url", url), line2, line3, standfirst, ""]
    for index, block in enumerate(blocks):
        cores += [""] * gaps.get(str(index), _default_gap(index, len(blocks)))
        cores.append(block)
    cores += [""] * gaps.get(str(len(blocks)), 0)
    pads = record.get("pad", {})
    eol, eols = record.get("eol", "\n"), record.get("eols", {})
    pieces = ["\ufeff"] if record.get("bom") else []
    last = len(cores) - 1
    for i, core in enumerate(cores):
        pad = pads.get(str(i))
        pieces.append(f"{pad[0]}{core}{pad[1]}" if pad else core)
        if i < last:
            pieces.append(eols.get(str(i), eol))
    return "".join(pieces)
