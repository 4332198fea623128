"""``bench/run.py --smoke``: the benchmark still runs end to end (import, extraction, gunicorn,
wrk) in about ten seconds. The figures are not checked: this machine is shared and noisy."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(
    shutil.which("wrk") is None and os.environ.get("CI", "").lower() != "true",
    reason="wrk is not installed (apt-get install -y wrk); CI requires it",
)
def test_bench_smoke_prints_the_table(tmp_path: Path):
    out = tmp_path / "results.md"
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--smoke", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=90,
        env={k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    table = out.read_text(encoding="utf-8")
    assert table == result.stdout.strip() + "\n" or table in result.stdout
    assert "| measure | value |" in table and "cores" in table
    for row in [
        "import 20 articles, sqlite",
        "extraction alone",
        "extraction worst case: ordinary copy",
        "extraction worst case: repeated quoted sentence",
        "trivial view",
        "article page, cold",
        "home page, cached",
        "article page, cached",
    ]:
        assert row in table, row
    # With gunicorn's own log (its stderr), which says why a page answered otherwise.
    assert "non-2xx" not in table, result.stderr[-3000:]
