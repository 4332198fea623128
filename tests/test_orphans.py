"""Worker processes die with the importer, however it dies (issue 13, finding 6).

``import_seeds`` over a directory big enough to start worker processes is SIGKILLed at several
moments, from before its workers exist to the middle of the import; within a few seconds no
process it started may remain. Its processes are found by a marker in their environment (every
descendant inherits it), since an orphan's parent is no longer the importer. Linux only
(``/proc``). Rerun with ``.venv/bin/pytest tests/test_orphans.py``.
"""

from __future__ import annotations

import os
import signal
import time
import uuid
from pathlib import Path

import pytest

from tests.seedgen import ScratchDatabases, start_manage, write_generated_seeds

pytestmark = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")

# When to kill: seconds after the start (before Django is loaded, while the workers start), and
# seconds after the first worker process is seen (while they start and while they work). The
# second kind is anchored on what is observed, so a slow, loaded machine still hits those moments.
KILL_MOMENTS = (
    ("start", 0.3),
    ("start", 0.8),
    ("workers", 0.0),
    ("workers", 0.5),
    ("workers", 2.0),
)
WORKERS_WITHIN = 120.0
# An orphan's watchdog looks for its parent every 0.2 s: a few seconds is plenty.
GONE_WITHIN = 5.0


def processes_marked(marker: bytes) -> set[int]:
    """Live (not zombie) processes whose environment holds ``marker``."""
    found = set()
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/environ", "rb") as handle:
                if marker not in handle.read():
                    continue
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                state = handle.read().rsplit(b")", 1)[1].split()[0]
        except OSError:
            continue  # gone meanwhile, or not ours
        if state != b"Z":
            found.add(int(entry.name))
    return found


def test_a_killed_import_leaves_no_worker_behind(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    write_generated_seeds(seeds, 1500)
    databases = ScratchDatabases("sqlite", tmp_path, 1)
    (env,) = databases.envs
    with_workers = 0
    for anchor, delay in KILL_MOMENTS:
        marker = f"NEWSROOM_ORPHAN_TEST={uuid.uuid4().hex}"
        name, value = marker.split("=")
        importer = start_manage(
            "import_seeds",
            str(seeds),
            "--no-progress",
            "--workers=2",
            "--batch-size=50",
            env={**env, name: value},
        )
        if anchor == "workers":
            deadline = time.monotonic() + WORKERS_WITHIN
            while not processes_marked(marker.encode()) - {importer.pid}:
                assert importer.poll() is None, "the importer ended before starting workers"
                assert time.monotonic() < deadline, "no worker process started"
                time.sleep(0.02)
        time.sleep(delay)
        started = processes_marked(marker.encode()) - {importer.pid}
        with_workers += bool(started)
        importer.send_signal(signal.SIGKILL)
        importer.wait(timeout=30)
        deadline = time.monotonic() + GONE_WITHIN
        while (left := processes_marked(marker.encode())) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not left, (
            f"killed {delay} s after {anchor}: processes {sorted(left)} outlived the importer"
        )
    assert with_workers >= 2, "the kills never caught the importer with its workers running"
