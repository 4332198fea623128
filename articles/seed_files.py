"""Which files an import reads: seeds given or found in directories, walked lazily."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

SEED_SUFFIXES = (".txt",)


def is_seed_name(name: str) -> bool:
    """Whether a file met in a seed directory is a seed: ``*.txt``, not hidden."""
    return name.endswith(SEED_SUFFIXES) and not name.startswith(".")


def walk_seed_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[Path, bool]]:
    """(file, is a seed) for every file: files as given (always seeds), and every file of
    the directories, walked in name order, lazily."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    yield Path(root) / name, is_seed_name(name)
        else:
            yield path, True


def iter_seed_files(
    paths: Iterable[str | os.PathLike[str]], skipped: list[Path] | None = None
) -> Iterator[Path]:
    """Files as given, and directories walked in name order for ``*.txt`` seeds, lazily. The
    other files of the directories are appended to ``skipped`` as the walk meets them."""
    for path, is_seed in walk_seed_paths(paths):
        if is_seed:
            yield path
        elif skipped is not None:
            skipped.append(path)


def count_files(paths: Iterable[str | os.PathLike[str]], seconds: float) -> int | None:
    """How many files an import of ``paths`` meets (seeds and skipped ones), or None when
    listing them takes longer than ``seconds`` (the progress line then shows "of ?" until
    the import's own listing is done)."""
    deadline = time.monotonic() + seconds
    count = 0
    for count, _ in enumerate(walk_seed_paths(paths), start=1):
        if count % 1000 == 0 and time.monotonic() > deadline:
            return None
    return count
