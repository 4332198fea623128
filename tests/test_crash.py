"""Crashes: an import SIGKILLed at random points leaves no half-imported article, and running it
again completes the import with exactly the result of an uninterrupted run.

Two databases: A is imported in one go, B is killed a few times and then run to the end. Both
imports run at the same time to keep the test short. Rerun with
``.venv/bin/pytest tests/test_crash.py`` (set DATABASE_URL=postgres://... for PostgreSQL too);
``CRASH_SEED`` replays a particular set of kill points, ``CRASH_SEEDS`` changes how many files.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.seedgen import (
    ScratchDatabases,
    backends,
    dump,
    snapshot_differences,
    start_manage,
    write_generated_seeds,
)

# Sized to stay well under a minute. Small batches (each committed on its own) and worker
# processes, so a kill can land mid-batch, between batches, or with workers running.
# CRASH_SEEDS=3000 runs more.
SEED_COUNTS = {"sqlite": 600, "postgres": 400}
BATCH_SIZE = 25
KILLS = 3


def kill_after_some_files(victim: subprocess.Popen, files: int, rng: random.Random) -> None:
    """SIGKILL ``victim`` a moment after it reports ``files`` files saved: the point is random,
    yet always inside the import, however fast this machine is."""
    reported = 0
    while reported < files:
        line = victim.stdout.readline()
        if not line:
            break
        reported += line.startswith(("created: ", "unchanged: "))
    time.sleep(rng.uniform(0, 0.02))
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)


@pytest.mark.parametrize("backend", backends())
def test_sigkill_at_random_points_then_rerun_gives_the_uninterrupted_result(
    backend: str, tmp_path: Path
) -> None:
    count = int(os.environ.get("CRASH_SEEDS", SEED_COUNTS[backend]))
    rng_seed = int(os.environ.get("CRASH_SEED", random.randrange(1 << 30)))
    rng = random.Random(rng_seed)
    note = f"(replay with CRASH_SEED={rng_seed})"
    seeds = tmp_path / "seeds"
    write_generated_seeds(seeds, count)
    databases = ScratchDatabases(backend, tmp_path, 2)
    try:
        env_a, env_b = databases.envs
        args = ("import_seeds", str(seeds), "--no-progress", f"--batch-size={BATCH_SIZE}")
        uninterrupted = start_manage(*args, env=env_a)

        # Kill points, in files saved so far: rising, and each within the first half of what is
        # left, so the victim is still importing when the signal arrives.
        points, done = [], 0
        for _ in range(KILLS):
            done += rng.randint(1, (count - done) // 2)
            points.append(done)
        partial_dumps = []
        unbuffered = {**env_b, "PYTHONUNBUFFERED": "1"}
        for point in points:
            victim = start_manage(*args, "--verbosity=2", env=unbuffered, stderr=subprocess.DEVNULL)
            kill_after_some_files(victim, point, rng)
            assert victim.returncode == -signal.SIGKILL, f"the import ended by itself {note}"
            partial_dumps.append(dump(env_b))

        out, err = uninterrupted.communicate(timeout=120)
        assert uninterrupted.returncode == 0, err[-3000:]
        assert f"{count} created" in out

        finished = start_manage(*args, env=env_b)
        out, err = finished.communicate(timeout=120)
        assert finished.returncode == 0, err[-3000:]
        assert "0 failed" in out

        expected = dump(env_a)
        assert expected["problems"] == []
        assert len(expected["rows"]) == count
        assert all(row[10] for row in expected["rows"]), "every generated seed has quotes"
        complete = {row[0]: row for row in expected["rows"]}
        for n, partial in enumerate(partial_dumps, start=1):
            assert partial["problems"] == [], f"after kill {n} {note}"
            for row in partial["rows"]:
                assert row == complete[row[0]], f"half-imported article after kill {n} {note}"
        sizes = [len(partial["rows"]) for partial in partial_dumps]
        assert sizes == sorted(sizes) and sizes[-1] < count, f"{sizes} {note}"

        result = dump(env_b)
        assert result["problems"] == []
        # Each killed run is marked interrupted when the next one starts, not "running" for ever.
        assert result["runs"] == ["interrupted"] * KILLS + ["finished"], note
        assert snapshot_differences(result["rows"], expected["rows"]) == [], note
    finally:
        databases.close()
