"""Concurrency: two imports of the same files at once, and an import while the site serves reads.

Each runs real processes (``manage.py import_seeds``, gunicorn) against a scratch database: SQLite
always, PostgreSQL as well when DATABASE_URL points at it. Rerun with
``.venv/bin/pytest tests/test_concurrency.py`` (DATABASE_URL=postgres://... for PostgreSQL).
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.seedgen import (
    ROOT,
    ScratchDatabases,
    backends,
    dump,
    manage,
    snapshot_differences,
    start_manage,
    without_tag_kinds,
    write_generated_seeds,
)

SUMMARY = re.compile(r"(\d+) created, (\d+) updated, (\d+) unchanged, (\d+) conflict, (\d+) failed")


def summary(out: str) -> tuple[int, ...]:
    match = SUMMARY.search(out)
    assert match, out
    return tuple(int(n) for n in match.groups())


@pytest.mark.parametrize("backend", backends())
def test_two_imports_of_the_same_files_at_once(backend: str, tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    write_generated_seeds(seeds, 40)
    for example in sorted(EXAMPLES.glob("*.txt")):  # more speakers and tags to race for
        (seeds / example.name).write_bytes(example.read_bytes())
    total = len(list(seeds.iterdir()))
    databases = ScratchDatabases(backend, tmp_path, 2)
    try:
        together, alone = databases.envs
        args = ("import_seeds", str(seeds), "--no-progress")
        first, second = start_manage(*args, env=together), start_manage(*args, env=together)
        out1, err1 = first.communicate(timeout=120)
        out2, err2 = second.communicate(timeout=120)
        assert first.returncode == 0, err1[-3000:]
        assert second.returncode == 0, err2[-3000:]
        one, two = summary(out1), summary(out2)
        assert one[4] == two[4] == 0
        assert one[0] + two[0] == total, (one, two)  # each article created exactly once
        assert one[0] + one[2] == two[0] + two[2] == total
        assert "locked" not in err1 + err2

        result = manage(*args, env=alone)
        assert result.returncode == 0, result.stderr[-3000:]
        concurrent, sequential = dump(together), dump(alone)
        assert concurrent["problems"] == []
        assert len(concurrent["rows"]) == total
        got, expected = (without_tag_kinds(d["rows"]) for d in (concurrent, sequential))
        assert snapshot_differences(got, expected) == []
    finally:
        databases.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if time.monotonic() > deadline:
                raise
        time.sleep(0.2)


class Reader(threading.Thread):
    """A reader's browser: fetches pages in a loop until told to stop; counts status codes."""

    def __init__(self, base: str, paths: list[str], stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.base, self.paths, self.stop = base, paths, stop
        self.statuses: Counter[int | str] = Counter()
        self.errors: list[str] = []

    def run(self) -> None:
        n = 0
        while not self.stop.is_set():
            path = self.paths[n % len(self.paths)]
            n += 1
            try:
                with urllib.request.urlopen(self.base + path, timeout=10) as response:
                    response.read()
                    self.statuses[response.status] += 1
            except urllib.error.HTTPError as error:
                self.statuses[error.code] += 1
                if error.code >= 500:
                    self.errors.append(f"{path}: {error.code} {error.read()[:300]!r}")
            except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
                self.statuses["error"] += 1
                self.errors.append(f"{path}: {error}")


@pytest.mark.parametrize("backend", backends())
def test_import_while_the_site_serves_reads(backend: str, tmp_path: Path) -> None:
    seeds_before, seeds_during = tmp_path / "before", tmp_path / "during"
    write_generated_seeds(seeds_before, 10, seed=1)
    during = {"sqlite": 50, "postgres": 30}[backend]  # a few seconds of importing on each
    write_generated_seeds(seeds_during, during, seed=2)
    databases = ScratchDatabases(backend, tmp_path, 1)
    (env,) = databases.envs
    server = None
    try:
        assert manage("import_seeds", str(seeds_before), "--no-progress", env=env).returncode == 0
        port = free_port()
        server_log = (tmp_path / "server.log").open("w+")
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "newsroom.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--threads",
                "2",
                "--no-control-socket",
            ],
            cwd=ROOT,
            env=env,
            stdout=server_log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/")
        with urllib.request.urlopen(base + "/", timeout=10) as response:
            home = response.read().decode()
        articles = sorted(set(re.findall(r'href="(/articles/[^"/]+/)"', home)))
        assert articles, "the home page links no article"
        paths = ["/", "/quotes/", "/?page=2", *articles, "/articles/missing/"]

        stop = threading.Event()
        readers = [Reader(base, paths, stop) for _ in range(4)]
        for reader in readers:
            reader.start()
        started = time.monotonic()
        importer = start_manage("import_seeds", str(seeds_during), "--no-progress", env=env)
        try:
            out, err = importer.communicate(timeout=60)
        finally:
            stop.set()
            for reader in readers:
                reader.join(timeout=15)
        elapsed = time.monotonic() - started

        assert importer.returncode == 0, err[-3000:]
        assert summary(out)[0] == during
        statuses = sum((reader.statuses for reader in readers), Counter())
        errors = [e for reader in readers for e in reader.errors]
        assert errors == [], errors[:5]
        assert statuses[200] > 20 * elapsed / 10, statuses  # the site kept answering
        assert set(statuses) <= {200, 404}, statuses
        server_log.seek(0)
        log = server_log.read()
        assert "database is locked" not in log and "Traceback" not in log, log[-3000:]
        assert "locked" not in err
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=15)
        databases.close()
