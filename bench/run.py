"""``make bench``: Newsroom's speed on this machine, as one markdown table.

Measures, each the median of several runs:

* import throughput (articles/s) and the importer's peak RSS at 10,000 and 100,000 generated
  articles, on SQLite and (when reachable) PostgreSQL, each run into a fresh database;
* extraction alone (``understand`` on parsed seeds), articles/s, on generated seeds and (when
  ``../shared/polnear/dev`` is there, development only) on real articles;
* a search whose hit is a pathological seed (3.9 MB, 100,000 paragraphs of one word), per engine;
* extraction of the worst inputs (``bench/worst_inputs.py``: one quoted sentence repeated,
  megabytes of capitalised words, ...) at 2 MB each, next to ordinary copy: seconds per MB and
  peak RSS, each in a process of its own;
* requests/s and p50/p99 latency of the home, article, busiest tag's, busiest section's and
  common-word search pages (and two API answers), cold (page cache off) and cached, under
  gunicorn (``gunicorn.conf.py``) on loopback with ``wrk --latency``, each as a ratio to a
  trivial Django view served by the same gunicorn just before it, and to the bare Django floor;
* search p95 latency over varied queries at the largest size.

It prints the table and writes it to ``bench/results.md`` with the date and commit.

Environment: ``BENCH_SCALE`` (default 1) multiplies every article count (0.1 for a quick run),
``BENCH_RUNS`` (default 3) runs per figure, ``BENCH_IMPORT_RUNS_LARGE`` (default 1) runs for the
largest (100,000-article) import, ``BENCH_DURATION`` seconds per wrk run (default 10),
``BENCH_PG_URL`` (default ``postgres://postgres@127.0.0.1:5432/newsroom_bench``; the database is
dropped and recreated), ``BENCH_REDIS_URL`` (default ``redis://127.0.0.1:6379/15`` when Redis
answers, else the local-memory cache), ``BENCH_DATA`` (default ``bench/.data``),
``BENCH_HTTP_SQLITE`` (serve this existing SQLite database, migrated first, and skip the
imports; with ``--http-only``, only the request rows), ``BENCH_NOTE`` (a line added to the notes:
what else the machine was running). ``--smoke`` is a ~10-second version for the test suite that
writes nowhere unless ``--out`` is given.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import re
import runpy
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
SEARCH_QUERIES = ["aleppo", "ceasefire", "budget", "merger", "vaccine", "election", "flood",
                  "minister", "cup final", "trade deal", "wildfire", "fraud trial"]  # fmt: skip


@dataclass
class Row:
    """One line of the table."""

    what: str
    value: str
    extra: str = ""
    ratio: str = ""


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, what: str, value: str, extra: str = "", ratio: str = "") -> None:
        self.rows.append(Row(what, value, extra, ratio))
        print(f"  {what}: {value} {extra} {ratio}".rstrip(), file=sys.stderr, flush=True)

    def markdown(self, header: str) -> str:
        lines = [header, "", "| measure | value | detail | vs trivial view |", "|---|---|---|---|"]
        lines += [f"| {r.what} | {r.value} | {r.extra} | {r.ratio} |" for r in self.rows]
        if self.notes:
            lines += ["", *[f"- {note}" for note in self.notes]]
        return "\n".join(lines) + "\n"


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


# -- environment -----------------------------------------------------------------------------------


def base_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_"))}
    env.setdefault("SECRET_KEY", "bench-only-not-a-secret")
    env["DEBUG"] = "0"
    env["PYTHONPATH"] = str(ROOT)
    # wrk is one client: throttled like one, every API answer past the first would be a 429.
    # The throttle still runs (and costs what it costs); it never refuses.
    env.setdefault("API_ANON_RATE", "1000000000/minute")
    env.update(extra)
    return env


def redis_url() -> str | None:
    url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
    if url == "none":
        return None
    match = re.match(r"redis://([^:/]+):(\d+)", url)
    if match and port_open(match[1], int(match[2])):
        return url
    return None


def pg_url() -> str | None:
    url = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench")
    if url == "none":
        return None
    match = re.match(r"postgres(?:ql)?://[^@]*@([^:/]+):(\d+)/", url)
    if match and port_open(match[1], int(match[2])):
        return url
    return None


def port_open(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_wrk(required: bool) -> str | None:
    """The wrk binary, installed from Debian's packages when possible; None when absent and not
    required."""
    found = shutil.which("wrk")
    if found or not required:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("wrk is missing; installing it: apt-get install -y wrk", file=sys.stderr)
        for command in (["apt-get", "install", "-y", "-qq", "wrk"], ["apt-get", "update", "-qq"]):
            subprocess.run(command, check=False)
            found = shutil.which("wrk")
            if found:
                break
        else:
            subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False)
            found = shutil.which("wrk")
    if not found:
        sys.exit("make bench needs wrk (Debian package 'wrk'): apt-get install -y wrk")
    return found


def commit() -> str:
    if os.environ.get("BENCH_COMMIT"):
        return os.environ["BENCH_COMMIT"]
    try:
        sha = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return f"{sha or 'unknown'}{' (uncommitted changes)' if dirty else ''}"


# -- databases and seeds ---------------------------------------------------------------------------


def manage(args: list[str], env: dict[str, str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True, **kwargs
    )


def seeds_for(count: int, data: Path) -> Path:
    """A directory of ``count`` generated seeds (seed 7), made once and kept in ``data``."""
    directory = data / f"seeds-{count}"
    marker = directory / ".complete"
    if not marker.exists():
        shutil.rmtree(directory, ignore_errors=True)
        from articles.seeds.generate import write_seeds

        write_seeds(count, directory, seed=7)
        marker.touch()
    return directory


@contextmanager
def fresh_database(kind: str, data: Path, name: str) -> Iterator[dict[str, str]]:
    """Environment variables for a new, migrated, empty database of ``kind``."""
    if kind == "sqlite":
        path = data / f"{name}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        env = {"SQLITE_PATH": str(path)}
    else:
        url = pg_url()
        assert url is not None
        import psycopg

        admin_url, _, dbname = url.rpartition("/")
        with psycopg.connect(f"{admin_url}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{dbname}"')
        env = {"DATABASE_URL": url}
    manage(["migrate", "--no-input", "-v", "0"], base_env(**env))
    yield env


def tree_rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and all its descendants (the import's worker processes)."""
    parents: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rpartition(")")[2].split()[1])
            parents.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(parents.get(current, []))
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def run_import(seeds: Path, env: dict[str, str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one ``import_seeds`` child process with its workers,
    sampled every 100 ms."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [PYTHON, str(ROOT / "manage.py"), "import_seeds", str(seeds), "--no-progress", "-v", "0"],
        env=base_env(**env),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    peak = 0.0
    while child.poll() is None:
        peak = max(peak, tree_rss_mb(child.pid))
        time.sleep(0.1)
    elapsed = time.perf_counter() - started
    if child.returncode != 0:
        raise RuntimeError(f"import_seeds exited {child.returncode}")
    return elapsed, peak


# -- HTTP ------------------------------------------------------------------------------------------


@contextmanager
def gunicorn(env: dict[str, str], app: str | None = None) -> Iterator[str]:
    """A gunicorn as ``make run`` starts it (``app``: another WSGI application, the bare
    Django floor), on a free port; yields its base URL once /healthz answers."""
    port = free_port()
    server_env = base_env(
        **env,
        BENCH_TRIVIAL_VIEW="1",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_ACCESS_LOG="",
        GUNICORN_LOG_LEVEL="warning",
        BENCH_BARE="1" if app else "0",
    )
    if url := redis_url():
        server_env["REDIS_URL"] = url
        server_env["CACHE_KEY_PREFIX"] = f"bench{port}"
    process = subprocess.Popen(
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            *([app] if app else []),
        ],
        env=server_env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("gunicorn did not come up")
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Load:
    rps: float
    p50_ms: float
    p99_ms: float
    non2xx: int


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(wrk_bin: str, url: str, seconds: float, headers: list[str] | None = None) -> Load:
    """One ``wrk --latency`` run against ``url`` (loopback only)."""
    assert url.startswith("http://127.0.0.1:")
    out = subprocess.run(
        [
            wrk_bin,
            "-t2",
            "-c16",
            f"-d{max(1, round(seconds))}s",
            "--latency",
            *(headers or []),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])

    def percentile(p: str) -> float:
        match = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", out, re.MULTILINE)
        return float(match[1]) * _UNITS[match[2]] if match else float("nan")

    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return Load(rps, percentile("50"), percentile("99"), int(bad[1]) if bad else 0)


def settle(base: str, limit: float = 60) -> None:
    """Wait until requests left queued by the last wrk run (slow pages keep the workers busy
    after wrk stops) have drained, so one measurement does not spill into the next."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        started = time.perf_counter()
        status_of(base + "/bench/trivial/")
        if time.perf_counter() - started < 0.05:
            return
        time.sleep(0.2)


def status_of(url: str, headers: dict[str, str] | None = None, timeout: float = 10) -> int:
    try:
        request = urllib.request.Request(url, headers=headers or {})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def latency_p95(urls: list[str], headers: dict[str, str]) -> tuple[float, float]:
    """(p50, p95) in ms of one client requesting ``urls`` in turn (server-side latency)."""
    timings = []
    for url in urls:
        started = time.perf_counter()
        status_of(url, headers)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[min(len(timings) - 1, int(len(timings) * 0.95))]


def sample_urls(sqlite_path: Path) -> dict[str, str]:
    """Paths of a real article, the busiest tag and section, and a search for the commonest
    word (``common_word``) in the benchmark database."""
    with sqlite3.connect(sqlite_path) as db:
        slug = db.execute(
            "SELECT slug FROM articles_article ORDER BY published_at DESC, id DESC LIMIT 1"
        ).fetchone()[0]
        tag = db.execute(
            "SELECT t.slug FROM articles_tag t JOIN articles_taggedarticle ta ON ta.tag_id = t.id "
            "GROUP BY t.id ORDER BY COUNT(*) DESC LIMIT 1"
        ).fetchone()
        section = db.execute(
            "SELECT s.slug FROM articles_section s JOIN articles_article a "
            "ON a.section_id = s.id GROUP BY s.id ORDER BY COUNT(*) DESC LIMIT 1"
        ).fetchone()
    return {
        "home": "/",
        "latest": "/latest/",
        "article": f"/articles/{slug}/",
        "tag": f"/tags/{tag[0] if tag else 'none'}/",
        "section": f"/sections/{section[0] if section else 'none'}/",
        "search": f"/search/?q={urllib.request.quote(common_word(sqlite_path))}",
        "API article list": "/api/v1/articles/",
        "API article": f"/api/v1/articles/{slug}/",
    }


def common_word(sqlite_path: Path) -> str:
    """The indexed word most articles contain (at 100,000 generated articles, one in every
    article): the costliest search a reader can make with one word. Read from SQLite FTS5's
    vocabulary, in a temporary table; a word as readers write it (the index holds stems)."""
    with sqlite3.connect(sqlite_path) as db:
        try:
            db.execute(
                "CREATE VIRTUAL TABLE temp.search_words USING fts5vocab(main, articles_search, row)"
            )
            terms = db.execute(
                "SELECT term FROM temp.search_words WHERE length(term) >= 4 "
                "ORDER BY doc DESC, term LIMIT 50"
            ).fetchall()
            newest = db.execute(
                "SELECT lower(headline || ' ' || standfirst || ' ' || body) "
                "FROM articles_article ORDER BY id DESC LIMIT 1"
            ).fetchone()
        except sqlite3.Error:
            return "ceasefire"
    words = set(re.findall(r"[a-z]+", newest[0])) if newest else set()
    return next((term for (term,) in terms if term in words), "ceasefire")


# -- the measurements ------------------------------------------------------------------------------


def bench_import(report: Report, sizes: list[int], runs: Callable[[int], int], data: Path) -> Path:
    """Import each size into fresh databases; returns the largest SQLite database, kept."""
    kinds = ["sqlite"] + (["postgres"] if pg_url() else [])
    if not pg_url() and os.environ.get("BENCH_PG_URL") != "none":
        report.notes.append("PostgreSQL not reachable: its import rows are missing.")
    largest = data / f"http-{sizes[-1]}.sqlite3"
    for count in sizes:
        seeds = seeds_for(count, data)
        for kind in kinds:
            times, peaks = [], []
            for i in range(runs(count)):
                with fresh_database(kind, data, f"import-{kind}") as env:
                    elapsed, peak = run_import(seeds, env)
                    times.append(elapsed)
                    peaks.append(peak)
                    if kind == "sqlite" and count == sizes[-1] and i == 0:
                        for suffix in ("", "-wal", "-shm"):
                            source = Path(f"{env['SQLITE_PATH']}{suffix}")
                            if source.exists():
                                shutil.copy(source, f"{largest}{suffix}")
            rate = count / median(times)
            report.add(
                f"import {count:,} articles, {kind}",
                f"{rate:,.0f} articles/s",
                f"peak RSS {max(peaks):.0f} MB (with its workers); {median(times):.1f} s; "
                f"{len(times)} run(s)",
            )
    return largest


def bench_extraction(report: Report, count: int, runs: int) -> None:
    from articles.seeds.format import parse
    from articles.seeds.generate import iter_seeds
    from articles.seeds.understand import understand

    # Each run reads seeds it has not seen: extraction memoises pure functions of recurring
    # clauses and names, and a second pass over the same seeds would mostly hit those caches.
    rates = []
    for run in range(runs):
        parsed = [parse(s.text.encode("utf-8"), s.name) for s in iter_seeds(count, seed=11 + run)]
        started = time.perf_counter()
        for seed in parsed:
            understand(seed)
        rates.append(count / (time.perf_counter() - started))
    report.add(
        "extraction alone (understand)",
        f"{median(rates):,.0f} articles/s",
        f"{count:,} parsed seeds, one core, median of {runs} runs over different seeds",
    )


# Real article lengths: PolNeAR dev (../shared, development only; the row is left out without
# it). Every run in a fresh process, so that no memoised clause or name carries over.
POLNEAR_DEV = ROOT.parent / "shared" / "polnear" / "dev"

_REAL_COPY_SCRIPT = """
import sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from articles.seeds.format import read
from articles.seeds.understand import understand
parsed = [read(path) for path in sorted(Path(sys.argv[2]).glob("*.txt"))]
started = time.perf_counter()
for seed in parsed:
    understand(seed)
print(len(parsed), time.perf_counter() - started)
"""


def bench_real_extraction(report: Report, runs: int, directory: Path = POLNEAR_DEV) -> None:
    """Extraction alone on real copy (PolNeAR dev's 83 articles), articles/s on one core."""
    if not directory.is_dir():
        return
    rates, count = [], "0"
    for _ in range(runs):
        result = subprocess.run(
            [PYTHON, "-c", _REAL_COPY_SCRIPT, str(ROOT), str(directory)],
            capture_output=True,
            text=True,
            check=True,
            env=base_env(),
        )
        count, seconds = result.stdout.split()[-2:]
        rates.append(int(count) / float(seconds))
    report.add(
        "extraction alone, real copy (PolNeAR dev)",
        f"{median(rates):,.0f} articles/s",
        f"{count} real articles, one core, a fresh process per run, median of {runs} runs",
    )


# Times, in a process of its own, a search whose one hit is the pathological seed: the newest
# matches ranked and the page's passage made, as the search page does (SearchResults[:10]).
_PATHOLOGICAL_SEARCH = """
import statistics, sys, time, django
django.setup()
from articles.search import search
times = []
for _ in range(int(sys.argv[1])):
    started = time.perf_counter()
    hits = search("ceasefire")[:10]
    times.append(time.perf_counter() - started)
assert hits and "<mark>" in hits[0].snippet
print(statistics.median(times))
"""


def bench_pathological_search(report: Report, data: Path, runs: int) -> None:
    """Search over the 3.9 MB seed of 100,000 paragraphs of one word (issue 13: 66 s on SQLite
    when FTS5 snippet() worked on the whole article), on each engine."""
    from tests.pathological import repeated_word_paragraphs

    seed = data / "pathological" / "one-word.txt"
    seed.parent.mkdir(parents=True, exist_ok=True)
    seed.write_text(repeated_word_paragraphs(), encoding="utf-8")
    kinds = ["sqlite"] + (["postgres"] if pg_url() else [])
    for kind in kinds:
        with fresh_database(kind, data, "pathological") as env:
            manage(["import_seeds", str(seed), "--no-progress", "-v", "0"], base_env(**env))
            result = subprocess.run(
                [PYTHON, "-c", _PATHOLOGICAL_SEARCH, str(max(3, runs))],
                env=base_env(**env),
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            )
        seconds = float(result.stdout.strip().splitlines()[-1])
        report.add(
            f"search, a 3.9 MB seed of one repeated word ({kind})",
            f"{seconds * 1000:,.0f} ms",
            "one hit: ranked, with its passage; target under 1 s (66 s on SQLite before)",
        )


_WORST_SCRIPT = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from articles.seeds.format import parse
from articles.seeds.generate import iter_seeds
from articles.seeds.understand import understand
from bench.worst_inputs import WORST_CASES
case, size = sys.argv[2], int(sys.argv[3])
if case == "ordinary":  # generated wire copy, seed by seed, up to the same size
    texts, total = [], 0
    for seed in iter_seeds(10**9, seed=23):
        texts.append(seed.text)
        total += len(seed.text.encode())
        if total >= size:
            break
else:
    texts = [WORST_CASES[case](size)]
parsed = [parse(t.encode(), "bench.txt") for t in texts]
started = time.perf_counter()
for seed in parsed:
    understand(seed)
elapsed = time.perf_counter() - started
mb = sum(len(t.encode()) for t in texts) / 1e6
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": elapsed, "mb": mb, "rss": rss, "files": len(texts)}))
"""


def bench_worst_extraction(report: Report, size: int, cases: list[str]) -> None:
    """Extraction's worst inputs (``bench/worst_inputs.py``) next to ordinary copy: seconds
    per MB and the peak RSS of a process that extracts one seed of ``size`` bytes (ordinary
    copy: generated seeds adding up to it). Each case in a fresh process, so the peak is its
    own."""
    for case in ["ordinary", *cases]:
        result = subprocess.run(
            [PYTHON, "-c", _WORST_SCRIPT, str(ROOT), case, str(size)],
            capture_output=True,
            text=True,
            check=True,
            env=base_env(),
        )
        got = json.loads(result.stdout.strip().splitlines()[-1])
        what = "ordinary copy" if case == "ordinary" else case
        report.add(
            f"extraction worst case: {what}",
            f"{got['seconds'] / got['mb']:.2f} s/MB",
            f"{got['mb']:.2f} MB in {got['files']:,} seed(s), {got['seconds']:.1f} s; "
            f"peak RSS {got['rss']:.0f} MB",
        )


def bench_http(
    report: Report,
    sqlite_path: Path,
    articles: int,
    wrk_bin: str | None,
    seconds: float,
    runs: int,
    modes: dict[str, tuple[str, ...]],
) -> None:
    """One gunicorn; "cold" requests carry a session cookie, which (like an editor's) skips the
    page cache entirely, so both modes share a server and the trivial view's yardstick."""
    env = {"SQLITE_PATH": str(sqlite_path)}
    paths = sample_urls(sqlite_path)
    cache_name = "Redis" if redis_url() else "local memory"
    server_env = base_env(**env)
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    workers = server_env.get("WEB_CONCURRENCY") or config["default_workers"](server_env)
    report.notes.append(
        f"HTTP: gunicorn -c gunicorn.conf.py ({workers} sync workers), SQLite "
        f"with {articles:,} articles, page cache in {cache_name}; wrk -t2 -c16 on loopback, "
        f"{max(1, round(seconds))} s per run; cold = page cache skipped (session cookie). "
        "Each page run follows its own trivial-view run; a page's ratio is the median of its "
        "runs' ratios to those. The floor is a bare Django view (bench/bare.py: no middleware, "
        "no apps) under the same gunicorn and workers, each of its runs followed by a "
        "trivial-view run; a page's ratio to the floor is its ratio to the trivial view times "
        "the median trivial/floor ratio."
    )
    report.notes.append(
        "Pages: the busiest tag "
        + ", the busiest section ".join(f"`{paths[name]}`" for name in ("tag", "section"))
        + f", a search for the commonest indexed word `{paths['search']}` (common_word)."
    )
    if note := os.environ.get("BENCH_NOTE"):  # say what the machine was doing meanwhile
        report.notes.append(note)
    if wrk_bin is None:
        report.notes.append("wrk not installed: request rows skipped.")
        return
    with gunicorn(env) as base, gunicorn(env, app="bench.bare:application") as bare_base:
        if status_of(base + "/bench/trivial/") != 200:
            raise RuntimeError("/bench/trivial/ is missing: see BENCH_TRIVIAL_VIEW in urls.py")
        search_ok = status_of(base + paths["search"]) == 200
        for path in ("/bench/trivial/", *paths.values()):  # warm imports, connections, caches
            # (A cold page's first answer at 100,000 articles computes what is kept per
            # generation, such as the front page's modules: it may take a while.)
            try:
                status_of(base + path, timeout=180)
            except (OSError, http.client.HTTPException) as exc:  # a worker timed out
                report.notes.append(f"warm-up of {path} failed: {exc!r}")
        # Each page's run comes right after a run of the trivial view, and its ratio is taken
        # to that run: this machine's speed drifts from one minute to the next, and a ratio to
        # a trivial run made minutes earlier measured the drift as much as the page.
        loads: dict[str, list[Load]] = {}
        ratios: dict[str, list[float]] = {}
        floor: list[float] = []  # trivial view / bare Django view, paired runs
        status_of(bare_base + "/bench/trivial/")
        for _ in range(runs):
            settle(base)
            bare_run = wrk(wrk_bin, bare_base + "/bench/trivial/", seconds)
            loads.setdefault("bare", []).append(bare_run)
            settle(base)
            trivial_run = wrk(wrk_bin, base + "/bench/trivial/", seconds)
            floor.append(trivial_run.rps / bare_run.rps)
            for mode, names in modes.items():
                headers = COLD_HEADERS if mode == "cold" else []
                for name in names:
                    if name == "search" and not search_ok:
                        continue
                    settle(base)
                    trivial_run = wrk(wrk_bin, base + "/bench/trivial/", seconds)
                    loads.setdefault("trivial", []).append(trivial_run)
                    settle(base)
                    page_run = wrk(wrk_bin, base + paths[name], seconds, headers)
                    loads.setdefault(f"{name}|{mode}", []).append(page_run)
                    ratios.setdefault(f"{name}|{mode}", []).append(page_run.rps / trivial_run.rps)
        trivial = median([r.rps for r in loads["trivial"]])
        to_bare = median(floor)
        bare = median([r.rps for r in loads["bare"]])
        report.add(
            "bare Django view (no middleware): the floor",
            f"{bare:,.0f} req/s",
            latency_text(loads["bare"]),
            f"{1 / to_bare:.2f} (1.00 of the floor)",
        )
        report.add(
            "trivial view (all of Newsroom's middleware)",
            f"{trivial:,.0f} req/s",
            f"{latency_text(loads['trivial'])}; to the floor, each run "
            + ", ".join(f"{r:.3f}" for r in floor),
            f"1.00 ({to_bare:.2f} of the floor)",
        )
        for mode, names in modes.items():
            for name in names:
                results = loads.get(f"{name}|{mode}", [])
                if not results:
                    report.add(f"{name} page, {mode}", "n/a", "no /search/ page (404)")
                    continue
                rps = median([r.rps for r in results])
                paired = ratios[f"{name}|{mode}"]
                each = ", ".join(f"{ratio:.3f}" for ratio in paired)
                report.add(
                    f"{name} page, {mode}",
                    f"{rps:,.0f} req/s",
                    f"{latency_text(results)}; ratio of each run {each}",
                    f"{median(paired):.2f} ({median(paired) * to_bare:.2f} of the floor)",
                )
        if search_ok and "search" in modes.get("cold", ()):
            urls = [
                f"{base}/search/?q={urllib.request.quote(q)}&page={p}"
                for _ in range(max(1, runs))
                for q in SEARCH_QUERIES
                for p in (1, 2)
            ]
            settle(base)
            p50, p95 = latency_p95(urls, dict(COLD_HEADERS_PAIRS))
            report.add(
                f"search at {articles:,} articles (uncached, one client)",
                f"p95 {p95:.1f} ms",
                f"p50 {p50:.1f} ms over {len(urls)} varied queries",
            )


COLD_HEADERS_PAIRS = [("Cookie", "sessionid=bench-skips-the-page-cache")]
COLD_HEADERS = [arg for name, value in COLD_HEADERS_PAIRS for arg in ("-H", f"{name}: {value}")]


def latency_text(loads: list[Load]) -> str:
    p50 = median([r.p50_ms for r in loads])
    p99 = median([r.p99_ms for r in loads])
    bad = sum(r.non2xx for r in loads)
    return f"p50 {p50:.1f} ms, p99 {p99:.1f} ms" + (f", {bad} non-2xx" if bad else "")


def bench_other_rows(report: Report, smoke: bool, scale: float, runs: int, data: Path) -> None:
    """Everything but imports and requests: extraction, its worst inputs, the pathological
    search."""
    bench_extraction(report, 30 if smoke else max(200, round(2000 * min(scale, 1))), runs)
    if not smoke:
        bench_real_extraction(report, runs)
        bench_pathological_search(report, data, runs)
    from bench.worst_inputs import WORST_CASES

    if smoke:
        bench_worst_extraction(report, 50_000, ["repeated quoted sentence"])
    else:
        bench_worst_extraction(report, max(50_000, round(2_000_000 * scale)), [*WORST_CASES])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="a ~10-second version")
    parser.add_argument("--out", help="write the table here (default bench/results.md)")
    parser.add_argument(
        "--http-only",
        action="store_true",
        help="only the request rows, on the database BENCH_HTTP_SQLITE names (migrated first)",
    )
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    scale = float(os.environ.get("BENCH_SCALE", "1"))
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    large_runs = int(os.environ.get("BENCH_IMPORT_RUNS_LARGE", "1"))
    seconds = float(os.environ.get("BENCH_DURATION", "10"))
    ci = os.environ.get("CI", "").lower() == "true"
    if args.smoke:
        sizes, runs, large_runs, seconds = [20], 1, 1, 1
        os.environ.setdefault("WEB_CONCURRENCY", "2")  # boots in a second, enough for 1-s runs
        wrk_bin = ensure_wrk(required=ci)
        out = Path(args.out) if args.out else None
        os.environ.setdefault("BENCH_PG_URL", "none")
    else:
        sizes = [max(10, round(10_000 * scale)), max(10, round(100_000 * scale))]
        wrk_bin = ensure_wrk(required=True)
        out = Path(args.out) if args.out else ROOT / "bench" / "results.md"
    data = Path(os.environ.get("BENCH_DATA", ROOT / "bench" / ".data"))
    if args.smoke:
        data = Path(tempfile.mkdtemp(prefix="newsroom-bench-smoke-"))
    data.mkdir(parents=True, exist_ok=True)

    report = Report()
    # The site's static storage needs its manifest, as in production (`make run` does the same).
    if not (args.smoke and (ROOT / "staticfiles" / "staticfiles.json").exists()):
        manage(["collectstatic", "--no-input", "-v", "0"], base_env(SQLITE_PATH=str(data / "x")))
    try:

        def import_runs(count: int) -> int:
            return large_runs if count == sizes[-1] and len(sizes) > 1 else runs

        if reuse := os.environ.get("BENCH_HTTP_SQLITE"):  # an existing database: no imports
            largest = Path(reuse)
            manage(["migrate", "--no-input", "-v", "0"], base_env(SQLITE_PATH=str(largest)))
            with sqlite3.connect(largest) as db:
                sizes[-1] = db.execute("SELECT COUNT(*) FROM articles_article").fetchone()[0]
        elif args.http_only:
            sys.exit("--http-only serves an existing database: set BENCH_HTTP_SQLITE to it")
        else:
            largest = bench_import(report, sizes, import_runs, data)
        if not args.http_only:
            bench_other_rows(report, args.smoke, scale, runs, data)
        every = ("home", "latest", "article", "tag", "section", "search", "API article list")
        modes = (
            {"cold": ("article", "API article"), "cached": ("home", "article", "API article")}
            if args.smoke
            else {
                "cold": every,
                "cached": every,
            }
        )
        bench_http(report, largest, sizes[-1], wrk_bin, seconds, runs, modes)
    finally:
        if args.smoke:
            shutil.rmtree(data, ignore_errors=True)
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    header = (
        f"## Newsroom benchmark{' (smoke)' if args.smoke else ''}: {when}, commit {commit()}, "
        f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
        + (", request rows only (--http-only)" if args.http_only else "")
        + (f", BENCH_SCALE={scale:g}" if scale != 1 and not args.smoke else "")
    )
    table = report.markdown(header)
    print(table)
    if out is not None:
        out.write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
