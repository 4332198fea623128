"""Read and understand many seed files, in order, on several cores at once.

Extraction is pure CPU work and needs no database, so an import can run it in worker processes
while its own process writes rows. Workers are started with ``spawn`` (a fork of a process that
holds database connections and threads is unsafe) and only for imports big enough to repay
their start-up; work is handed out a chunk at a time and never more than a few chunks ahead, so
memory stays flat however many files there are. Still no Django here.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from articles.seeds.format import SeedFormatError, parse, read_bytes
from articles.seeds.records import reduce_to_call
from articles.seeds.understand import ArticleDraft, understand

logger = logging.getLogger(__name__)

CHUNK = 32  # files per task: big enough to amortise the pickling, small enough to stay in step
WINDOW = 1024  # files in flight at most: what bounds memory


@dataclass(frozen=True, slots=True)
class Understood:
    """One file's outcome before the database: a draft, or why there is none."""

    name: str
    draft: ArticleDraft | None
    failure: str = ""

    __reduce__ = reduce_to_call  # sent from a worker process


def understand_file(path: str | os.PathLike[str], version: str) -> Understood:
    """Read and understand one file; a bad seed or a bug in extraction fails this file only."""
    name = str(path)
    try:
        data = read_bytes(path)
        return Understood(name, understand(parse(data, name), version, data))
    except SeedFormatError as exc:
        return Understood(name, None, str(exc))
    except Exception as exc:  # a bug in extraction must not stop the other files
        logger.exception("extraction failed for %s", name)
        return Understood(name, None, f"{name}: extraction failed ({type(exc).__name__}: {exc})")


def _understand_chunk(paths: list[str], version: str) -> list[Understood]:
    return [understand_file(path, version) for path in paths]


# Container objects allocated (net) before the cyclic garbage collector runs in a worker.
WORKER_GC_THRESHOLD = 10_000


def collect_garbage_less_often(threshold: int) -> tuple[int, int, int]:
    """Let the cyclic garbage collector wait for at least ``threshold`` net allocations (its
    first generation's threshold; the others unchanged); returns the thresholds it replaced.
    Extraction and the import's writes allocate and free many objects and leave next to no
    cycles, so the default passes (every 700) mostly walk live objects for nothing."""
    previous = gc.get_threshold()
    gc.set_threshold(max(previous[0], threshold), *previous[1:])
    return previous


def _init_worker() -> None:
    """Worker initialiser: die with the importing process, and collect garbage less often.

    A worker only extracts: it allocates and frees many small objects per file and leaves next
    to no cycles, yet with the default threshold (700) the collector's passes, each walking the
    objects alive (the extraction caches among them), took about 7% of its CPU. The importing
    process does the same for its own part (``articles.importer.fewer_gc_passes``); a spawned
    worker starts with the default.
    """
    _exit_with_parent()
    collect_garbage_less_often(WORKER_GC_THRESHOLD)


def _exit_with_parent() -> None:
    """Die with the importing process (Linux), so that a killed import leaves no orphan
    workers behind."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def default_workers() -> int:
    """One worker per core: the importing process mostly waits on the database."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def understand_files(
    paths: Iterable[str | os.PathLike[str]],
    version: str,
    workers: int = 1,
    window: int = WINDOW,
) -> Iterator[Understood]:
    """``understand_file`` for every path, in the given order.

    With ``workers`` > 1 and more than a few chunks of files, the work runs in that many
    processes; fewer files are done here, as starting processes would cost more than it saves.
    Up to ``window`` files are handed out ahead of the caller: make it larger than what the
    caller takes at once (a batch), so the workers keep going while it writes.
    """
    files = (str(Path(p)) for p in paths)
    first = list(islice(files, CHUNK * 2))
    if workers <= 1 or len(first) < CHUNK * 2:
        yield from (understand_file(path, version) for path in first)
        yield from (understand_file(path, version) for path in files)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker) as pool:
        pending: deque[Future[list[Understood]]] = deque()
        chunks = _chunks(first, files)
        for chunk in chunks:
            pending.append(pool.submit(_understand_chunk, chunk, version))
            if len(pending) * CHUNK >= max(window, workers * CHUNK * 2):
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _chunks(first: list[str], rest: Iterator[str]) -> Iterator[list[str]]:
    for start in range(0, len(first), CHUNK):
        yield first[start : start + CHUNK]
    while chunk := list(islice(rest, CHUNK)):
        yield chunk
