"""Read and understand many seed files on several cores at once, each file within a time budget.

Extraction is pure CPU work and needs no database, so an import can run it in worker processes
while its own process writes rows. Workers are started with ``spawn`` (a fork of a process that
holds database connections and threads is unsafe) and only for imports big enough to repay
their start-up; work is handed out a chunk at a time and never more than a few chunks ahead, so
memory stays flat however many files there are. Still no Django here.

Two guarantees, whatever the input and however the importer ends:

* **A per-file time budget.** A file that takes longer than ``budget`` seconds to read and
  understand fails alone (``file: took longer than ...``) and the others go on. The file's own
  process interrupts it (an interval timer); should that not work (a C extension that never
  checks for signals), the pool kills the worker a little later and starts another. The other
  workers go on with the files after it (a window of files ahead), so it delays the others'
  writing by at most the budget; results still come in the order given, so that shared rows (a
  tag's kind is set by the first article that names it) never depend on timing.
* **No orphans.** A worker exits when the process that started it is gone, even killed with
  SIGKILL: the kernel's parent-death signal (Linux), checked once more after it is set (the
  parent may have died before), and a watchdog thread that looks for a new parent (any system).
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import queue
import selectors
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, islice
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

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


class OverBudget(Exception):
    """Raised inside a file's extraction when its time budget runs out."""


def over_budget(name: str, budget: float) -> str:
    """The failure message of a file that took longer than ``budget`` seconds."""
    return f"{name}: took longer than {budget:g} s to process (the per-file time budget)"


def understand_file(
    path: str | os.PathLike[str], version: str, budget: float | None = None
) -> Understood:
    """Read and understand one file; a bad seed, a bug in extraction or a file that takes
    longer than ``budget`` seconds fails this file only."""
    return _understand(str(path), lambda: read_bytes(path), version, budget)


def understand_bytes(
    data: bytes, name: str, version: str, budget: float | None = None
) -> Understood:
    """:func:`understand_file` for a seed's bytes that came another way (over HTTP), read as
    if from a file called ``name``: the same checks, limits and messages."""
    return _understand(name, lambda: data, version, budget)


def _understand(
    name: str, read: Callable[[], bytes], version: str, budget: float | None
) -> Understood:
    started = time.monotonic()
    try:
        with time_limit(budget):
            data = read()
            result = Understood(name, understand(parse(data, name), version, data))
    except SeedFormatError as exc:
        return Understood(name, None, str(exc))
    except OverBudget:
        return Understood(name, None, over_budget(name, budget or 0))
    except Exception as exc:  # a bug in extraction must not stop the other files
        logger.exception("extraction failed for %s", name)
        return Understood(name, None, f"{name}: extraction failed ({type(exc).__name__}: {exc})")
    if budget and time.monotonic() - started > budget:  # no timer here: the same rule, late
        return Understood(name, None, over_budget(name, budget))
    return result


def _raise_over_budget(signum: int, frame: object) -> None:
    raise OverBudget


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Interrupt the block with :class:`OverBudget` after ``seconds`` (an ``ITIMER_REAL``
    timer). Only in the main thread, and only when no other real-time timer is set; otherwise
    the block runs to its end and the caller compares the time it took."""
    if (
        not seconds
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
        or signal.getitimer(signal.ITIMER_REAL)[0] > 0
    ):
        yield
        return
    previous = signal.signal(signal.SIGALRM, _raise_over_budget)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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


def _init_worker(parent_pid: int | None = None) -> None:
    """Worker set-up: die with the importing process, and collect garbage less often.

    A worker only extracts: it allocates and frees many small objects per file and leaves next
    to no cycles, yet with the default threshold (700) the collector's passes, each walking the
    objects alive (the extraction caches among them), took about 7% of its CPU. The importing
    process does the same for its own part (``articles.importer.fewer_gc_passes``); a spawned
    worker starts with the default.
    """
    _exit_with_parent(os.getppid() if parent_pid is None else parent_pid)
    collect_garbage_less_often(WORKER_GC_THRESHOLD)


# How often a worker's watchdog checks that the importing process is still there.
WATCHDOG_SECONDS = 0.2


def _exit_with_parent(parent_pid: int) -> None:
    """Exit as soon as ``parent_pid`` (the importing process) is gone.

    PR_SET_PDEATHSIG (Linux) has the kernel kill this process when its parent dies, but only
    from the moment it is set: a parent killed earlier (during the worker's start-up) left it
    running for good, so the parent is checked again after. A watchdog thread covers the rest
    (other systems; a worker blocked writing to a pipe nobody reads): a changed parent PID means
    the parent died and this process was handed to another.
    """
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent_pid:
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(WATCHDOG_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def default_workers() -> int:
    """One worker per core: the importing process mostly waits on the database."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


Task = Callable[[str, str, "float | None"], Understood]


def understand_files(
    paths: Iterable[str | os.PathLike[str]],
    version: str,
    workers: int = 1,
    window: int = WINDOW,
    budget: float | None = None,
    task: Task = understand_file,
) -> Iterator[Understood]:
    """``task`` (``understand_file``) for every path, in the given order, each file within
    ``budget`` seconds.

    With ``workers`` > 1 and more than a few chunks of files, the work runs in that many
    processes; fewer files are done here, as starting processes would cost more than it saves.
    Up to ``window`` files are handed out ahead of the caller: make it larger than what the
    caller takes at once (a batch), so the workers keep going while it writes, and while it
    waits for a slow file (at most ``budget`` seconds).
    """
    files = (str(Path(p)) for p in paths)
    first = list(islice(files, CHUNK * 2))
    if workers <= 1 or len(first) < CHUNK * 2:
        yield from (task(path, version, budget) for path in chain(first, files))
        return
    pool = WorkerPool(workers, version, budget, task)
    try:
        chunks = _chunks(first, files)
        limit = max(window, workers * CHUNK * 2)
        submitted = yielded = 0
        arrived: dict[int, Understood] = {}  # files done out of order, until their turn
        more = True
        while True:
            while more and submitted - yielded < limit:
                chunk = next(chunks, None)
                if chunk is None:
                    more = False
                else:
                    pool.submit(list(enumerate(chunk, start=submitted)))
                    submitted += len(chunk)
            if yielded == submitted:
                return
            while yielded not in arrived:
                arrived.update(pool.get())
            yield arrived.pop(yielded)
            yielded += 1
    finally:
        pool.close()


def _chunks(first: list[str], rest: Iterator[str]) -> Iterator[list[str]]:
    for start in range(0, len(first), CHUNK):
        yield first[start : start + CHUNK]
    while chunk := list(islice(rest, CHUNK)):
        yield chunk


# The pool ------------------------------------------------------------------------------------

SEND_SECONDS = 0.02  # how often a worker sends the results it has
# A worker's progress, in memory it shares with the pool: files begun, when the last one
# began (monotonic), files finished. The pool reads it to find a file past its budget, however
# long ago the worker last sent anything.
_BEGUN, _BEGAN_AT, _FINISHED = 0, 1, 2


def _work(
    conn: Connection,
    progress: Any,
    parent_pid: int,
    version: str,
    budget: float | None,
    task: Task,
) -> None:
    """A worker's life: chunks of paths in, lists of results out, every ``SEND_SECONDS`` (a
    message per file cost the importing process a tenth of a millisecond each)."""
    _init_worker(parent_pid)
    # Ctrl-C is for the importer, which stops its workers itself (or they see it gone).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            paths = conn.recv()
        except (EOFError, OSError):
            return
        if paths is None:
            return
        done: list[Understood] = []
        sent = time.monotonic()
        for number, path in enumerate(paths, start=1):
            progress[_BEGAN_AT] = time.monotonic()  # before the count: read after it
            progress[_BEGUN] += 1
            done.append(task(path, version, budget))
            progress[_FINISHED] += 1
            if number == len(paths) or time.monotonic() - sent >= SEND_SECONDS:
                conn.send(done)
                done, sent = [], time.monotonic()


@dataclass(eq=False)  # compared and hashed by identity
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    progress: Any  # shared with the process: see _BEGUN
    assigned: deque[tuple[int, str]] = field(default_factory=deque)  # sent, not done, in order
    received: int = 0  # results received

    def current(self) -> tuple[int, float] | None:
        """How many of its files it had finished and when the one it is on began, if busy."""
        begun = self.progress[_BEGUN]
        began_at = self.progress[_BEGAN_AT]
        finished = self.progress[_FINISHED]
        if begun == finished or begun != self.progress[_BEGUN]:
            return None  # idle, or it just moved on: look again later
        return int(finished), began_at


class WorkerPool:
    """Worker processes fed chunks of paths by one thread of the importing process.

    Unlike ``ProcessPoolExecutor``, a single worker can be killed and replaced (a file stuck
    past its budget) without breaking the pool: each worker shares its progress (which file,
    since when) with the pool, so the pool knows which file to fail. Results are passed on as
    they arrive, with the numbers they were submitted with. The thread reads them while the
    caller writes to the database, as the executor's did, so the workers never wait for it.
    """

    # A worker whose file is this much past its budget is killed (its own timer should have
    # stopped it at the budget): at least a second, so a busy machine is not mistaken for it.
    KILL_GRACE = 1.0
    # Workers that die before finishing a single file, in a row: the pool gives up then.
    MAX_EARLY_DEATHS = 3

    def __init__(self, workers: int, version: str, budget: float | None, task: Task) -> None:
        self._context = multiprocessing.get_context("spawn")
        self._args = (version, budget, task)
        self._budget = budget
        self._todo: deque[deque[tuple[int, str]]] = deque()
        self._lock = threading.Lock()
        self._results: queue.SimpleQueue[list[tuple[int, Understood]] | BaseException]
        self._results = queue.SimpleQueue()
        self._wake_read, self._wake_write = os.pipe()
        self._stopping = False
        self._early_deaths = 0
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._wake_read, selectors.EVENT_READ)
        self._workers = [self._start() for _ in range(workers)]
        self._thread = threading.Thread(target=self._run, name="seed-pool", daemon=True)
        self._thread.start()

    def submit(self, paths: list[tuple[int, str]]) -> None:
        """Queue numbered paths; each comes back from :meth:`get` with its number."""
        with self._lock:
            self._todo.append(deque(paths))
        os.write(self._wake_write, b".")

    def get(self) -> list[tuple[int, Understood]]:
        """The next files' numbers and results, whichever files finish first."""
        while True:
            try:
                item = self._results.get(timeout=1)
            except queue.Empty:
                if not self._thread.is_alive():
                    raise RuntimeError("the extraction pool stopped") from None
                continue
            if isinstance(item, BaseException):
                raise item
            return item

    def close(self) -> None:
        """Stop the workers: idle ones are told to exit, busy ones (abandoned work) killed."""
        self._stopping = True
        os.write(self._wake_write, b".")
        self._thread.join()
        for worker in self._workers:
            if worker.assigned:
                worker.process.kill()
            else:
                try:
                    worker.conn.send(None)
                except OSError:
                    worker.process.kill()
        for worker in self._workers:
            worker.process.join(5)
            if worker.process.exitcode is None:
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self._selector.close()
        os.close(self._wake_read)
        os.close(self._wake_write)

    # The pool's thread ------------------------------------------------------------------------

    def _start(self) -> _Worker:
        ours, theirs = self._context.Pipe()
        progress = self._context.RawArray("d", 3)
        process = self._context.Process(
            target=_work,
            args=(theirs, progress, os.getpid(), *self._args),
            name="seed-worker",
            daemon=True,
        )
        process.start()
        theirs.close()  # only the worker holds its end: a dead worker is an EOF here
        worker = _Worker(process, ours, progress)
        self._selector.register(ours, selectors.EVENT_READ, worker)
        self._selector.register(process.sentinel, selectors.EVENT_READ, worker)
        return worker

    def _run(self) -> None:
        try:
            while not self._stopping:
                self._feed()
                ready = {key.data for key, _ in self._selector.select(self._next_deadline())}
                if None in ready:
                    os.read(self._wake_read, 4096)
                for worker in ready - {None}:
                    if worker in self._workers:  # not replaced already
                        self._receive(worker)
                self._kill_overdue()
        except BaseException as exc:  # hand it to the caller instead of hanging it
            self._results.put(exc)

    def _feed(self) -> None:
        """Give each worker a chunk when it has at most one chunk's worth left."""
        for worker in self._workers:
            if len(worker.assigned) > CHUNK:
                continue
            with self._lock:
                if not self._todo:
                    return
                paths = self._todo.popleft()
            try:
                worker.conn.send([path for _, path in paths])
            except OSError:  # it died: its sentinel will say so, and its files go to the next
                with self._lock:
                    self._todo.appendleft(paths)
                continue
            worker.assigned.extend(paths)

    def _next_deadline(self) -> float | None:
        """Seconds until a file in progress would be overdue; at most KILL_GRACE, as a worker
        begins files without telling."""
        if not self._budget:
            return None
        deadlines = [self.KILL_GRACE]
        for worker in self._workers:
            if current := worker.current():
                deadlines.append(current[1] + self._budget + self.KILL_GRACE - time.monotonic())
        return max(0.0, min(deadlines))

    def _receive(self, worker: _Worker) -> None:
        """Pass on what ``worker`` sent; replace it if it died."""
        self._drain(worker)
        if worker.process.exitcode is not None:
            reason = f"the worker process died (exit code {worker.process.exitcode})"
            self._replace(worker, lambda name: f"{name}: {reason} while reading it")

    def _drain(self, worker: _Worker) -> None:
        try:
            while worker.conn.poll():
                results = worker.conn.recv()
                numbered = [(worker.assigned.popleft()[0], result) for result in results]
                worker.received += len(results)
                self._early_deaths = 0
                self._results.put(numbered)
        except (EOFError, OSError):
            pass  # it died: its sentinel says so too

    def _kill_overdue(self) -> None:
        if not self._budget:
            return
        budget = self._budget
        now = time.monotonic()
        for worker in list(self._workers):
            current = worker.current()
            if current is not None and now - current[1] > budget + self.KILL_GRACE:
                worker.process.kill()
                worker.process.join()
                self._drain(worker)  # a result sent just before the kill counts
                self._replace(worker, lambda name: over_budget(name, budget))

    def _replace(self, worker: _Worker, failure: Callable[[str], str]) -> None:
        """Fail the file ``worker`` was on (``failure(name)`` is the message), hand its other
        files back (those it finished but had not sent too), and start a new worker in its
        place."""
        worker.process.join()
        self._selector.unregister(worker.conn)
        self._selector.unregister(worker.process.sentinel)
        worker.conn.close()
        current = worker.current()  # final: the process is gone
        if current is not None:
            unsent = current[0] - worker.received
            index, name = worker.assigned[unsent]
            del worker.assigned[unsent]
            self._results.put([(index, Understood(name, None, failure(name)))])
        elif not worker.progress[_BEGUN]:  # died before its first file: the start-up failed
            self._early_deaths += 1
            if self._early_deaths >= self.MAX_EARLY_DEATHS:
                raise RuntimeError("extraction worker processes keep dying as they start")
        if worker.assigned:
            with self._lock:
                self._todo.appendleft(worker.assigned)
        self._workers[self._workers.index(worker)] = self._start()
