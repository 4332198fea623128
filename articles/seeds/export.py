"""Articles back to seed files (``manage.py export_seeds``): the inverse of the importer's
reading, so that an export re-imported into an empty database gives the same articles.

Django-free like the rest of ``articles.seeds``: the command gathers rows and passes plain values.
Only what the format holds is written (URL, the two header integers, standfirst, body); the
headline, quotes and tags are worked out again from these on import. An article whose seed fields
are as imported is written in its file's own layout (``articles.seeds.layout``: BOM, line endings,
empty lines, final newline), so the export is the imported file byte for byte; an edited one is
written in the canonical layout.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from articles.seeds.format import ParsedSeed, render, split_blocks
from articles.seeds.layout import apply_layout

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


@dataclass(frozen=True, slots=True)
class SeedRow:
    """One article as the export needs it: the seed's fields and what names its file."""

    pk: int  # not written: ids differ between databases
    slug: str
    outlet_id: str
    url: str
    line2: str
    line3: str
    standfirst: str
    body: str
    layout: str = ""  # Article.seed_layout


def seed_text(row: SeedRow) -> str:
    """The seed file for ``row``: byte-for-byte the original for an unedited import."""
    laid_out = apply_layout(row.layout, row.url, row.line2, row.line3, row.standfirst, row.body)
    if laid_out is not None:
        return laid_out
    seed = ParsedSeed(
        url=row.url,
        line2=row.line2,
        line3=row.line3,
        standfirst=row.standfirst.strip(),
        blocks=split_blocks(row.body),
    )
    return render(seed)


def seed_filename(row: SeedRow) -> str:
    """``<outlet id>_<slug>.txt`` (a hash of the URL when the outlet gave no id, not the pk, so
    that names survive a restore into another database): stable across exports, unique because
    slugs are, and safe as a file name whatever the database holds."""
    prefix = _UNSAFE.sub("-", row.outlet_id).strip("-")[:50]
    if not prefix:
        prefix = hashlib.sha256(row.url.encode("utf-8")).hexdigest()[:12]
    slug = _UNSAFE.sub("-", row.slug).strip("-")[:200] or "article"
    return f"{prefix}_{slug}.txt"


def write_seed(directory: Path, name: str, text: str) -> Path:
    """Write one file atomically (a temporary file, then a rename), so that an export that is
    interrupted never leaves a truncated seed behind."""
    target = directory / name
    fd, temporary = tempfile.mkstemp(prefix=".export-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def export_seeds(rows: Iterable[SeedRow], directory: str | os.PathLike[str]) -> list[Path]:
    """Write every row as a seed file in ``directory`` (created if missing); return the paths."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    return [write_seed(out, seed_filename(row), seed_text(row)) for row in rows]
