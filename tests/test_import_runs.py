"""What an operator sees of an import: exit statuses a scheduler can tell apart, every file
that is not a seed named, a progress line with total, rate and time left."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Article
from articles.progress import Progress, duration
from tests.conftest import BAD, REFERENCE_SEED, run_import_seeds

pytestmark = pytest.mark.django_db


def conflicting_seed(tmp_path: Path) -> Path:
    """A seed imported, its article then changed by an editor, and the seed changed: a
    conflict on the next import."""
    seed = tmp_path / "seed.txt"
    shutil.copy(REFERENCE_SEED, seed)
    assert run_import_seeds(str(seed))[0] == 0
    Article.objects.update(headline="An editor's headline")
    seed.write_text(seed.read_text().replace("Medical supplies", "Medicine"))
    return seed


# --- exit statuses -------------------------------------------------------------------------


def test_a_conflict_exits_3(tmp_path: Path):
    seed = conflicting_seed(tmp_path)
    code, out, err = run_import_seeds(str(seed))
    assert code == 3
    assert "1 conflict" in out and f"CONFLICT {seed}" in err


def test_allow_conflicts_exits_0_on_a_conflict(tmp_path: Path):
    seed = conflicting_seed(tmp_path)
    code, out, _ = run_import_seeds("--allow-conflicts", str(seed))
    assert code == 0 and "1 conflict" in out


def test_a_failure_exits_1_even_with_conflicts_allowed(tmp_path: Path):
    seed = conflicting_seed(tmp_path)
    shutil.copy(BAD / "line2_not_integer.txt", tmp_path / "broken.txt")
    assert run_import_seeds(str(tmp_path))[0] == 1
    assert run_import_seeds("--allow-conflicts", str(seed), str(tmp_path / "broken.txt"))[0] == 1


def test_duplicates_and_unchanged_files_exit_0(tmp_path: Path):
    shutil.copy(REFERENCE_SEED, tmp_path / "a.txt")
    shutil.copy(REFERENCE_SEED, tmp_path / "b.txt")
    code, out, _ = run_import_seeds(str(tmp_path))
    assert code == 0 and "1 duplicate" in out


# --- files that are not seeds --------------------------------------------------------------


def test_files_that_are_not_seeds_are_named_and_counted(tmp_path: Path):
    shutil.copy(REFERENCE_SEED, tmp_path / "story.txt")
    (tmp_path / "notes.md").write_text("not a seed")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "photo.jpg").write_bytes(b"\xff\xd8")
    code, out, _ = run_import_seeds(str(tmp_path))
    assert code == 0
    lines = out.splitlines()
    for name in ["notes.md", "sub/photo.jpg"]:
        path = tmp_path / name
        assert [line for line in lines if str(path) in line] == [
            f"skipped: {path}: not a seed file (only .txt files are read)"
        ]
    assert (
        "1 created, 0 updated, 0 unchanged, 0 conflict, 0 failed, 0 duplicate, 2 skipped"
        in (lines[-1])
    )
    assert Article.objects.count() == 1


def test_skipped_files_are_quiet_at_verbosity_0_but_counted(tmp_path: Path):
    (tmp_path / "notes.md").write_text("not a seed")
    out, err = StringIO(), StringIO()
    call_command("import_seeds", str(tmp_path), verbosity=0, stdout=out, stderr=err)
    assert "notes.md" not in out.getvalue() + err.getvalue()
    assert "1 skipped" in out.getvalue()


def test_a_file_named_on_the_command_line_is_read_whatever_its_name(tmp_path: Path):
    seed = tmp_path / "story.seed"
    shutil.copy(REFERENCE_SEED, seed)
    code, out, _ = run_import_seeds(str(seed))
    assert code == 0 and "1 created" in out and "0 skipped" in out


# --- the progress line ---------------------------------------------------------------------


class Terminal(StringIO):
    """Standard output as a terminal: the command draws its progress line."""

    def isatty(self) -> bool:
        return True


def test_progress_line_shows_done_of_total_rate_and_eta(tmp_path: Path):
    for name in ["a.txt", "b.txt"]:
        shutil.copy(REFERENCE_SEED, tmp_path / name)
    (tmp_path / "c.md").write_text("not a seed")
    out = Terminal()
    call_command("import_seeds", str(tmp_path), stdout=out, stderr=StringIO())
    last = out.getvalue().split("\r")[-1].splitlines()[0]
    assert last.startswith("\x1b[K3 of 3 files, ")
    assert " files/s, ETA 0:00" in last
    assert "(1 created, 0 updated, 0 unchanged, 0 conflict, 0 failed, 1 duplicate, 1 skipped)" in (
        last
    )


def test_progress_total_is_unknown_until_listed():
    clock = iter([0.0, 10.0, 20.0]).__next__
    progress = Progress(None, clock=clock)
    assert progress.line(500) == "500 of ? files, 50 files/s, ETA ?"
    progress.total = 2000
    assert progress.line(1000, "1000 created") == (
        "1,000 of 2,000 files, 50 files/s, ETA 0:20, (1000 created)"
    )


def test_duration_reads_as_a_clock():
    assert [duration(s) for s in (0, 59.6, 61, 3600, 7322)] == [
        "0:00",
        "1:00",
        "1:01",
        "1:00:00",
        "2:02:02",
    ]
