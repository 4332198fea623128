"""What an operator sees of an import: exit statuses a scheduler can tell apart, every file
that is not a seed named, a progress line with total, rate and time left."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.importer import SeedImporter
from articles.models import Article
from articles.progress import Progress, duration
from articles.runs import ImportIssue, ImportRun
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
    assert last.endswith("(1 created, 1 duplicate, 1 skipped)")


def test_progress_line_is_drawn_once_a_batch_is_done(tmp_path: Path, monkeypatch):
    """Results arrive a batch at once: the line shows the batch done, not its first file."""
    monkeypatch.setattr("articles.management.commands.import_seeds.PROGRESS_EVERY", 0)
    for index in range(5):
        text = REFERENCE_SEED.read_text().replace("aleppo", f"aleppo-{index}", 1)
        (tmp_path / f"{index}.txt").write_text(text)
    out = Terminal()
    call_command("import_seeds", str(tmp_path), "--batch-size=2", stdout=out)
    drawn = [part.split(" of ")[0].removeprefix("\x1b[K") for part in out.getvalue().split("\r")]
    assert drawn[1:] == ["2", "4", "5", "5"]  # the last, drawn again clean at the end


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


# --- runs and issues recorded, and shown in the admin --------------------------------------


def test_each_run_is_recorded_with_its_counts_and_issues(tmp_path: Path):
    seed = conflicting_seed(tmp_path)
    shutil.copy(BAD / "line2_not_integer.txt", tmp_path / "broken.txt")
    shutil.copy(seed, tmp_path / "again.txt")
    (tmp_path / "notes.md").write_text("not a seed")
    code, _, _ = run_import_seeds("--overwrite", str(tmp_path))
    assert code == 1
    first, run = ImportRun.objects.order_by("pk")
    assert (first.status, first.created, first.conflict) == ("finished", 1, 0)
    assert run.status == ImportRun.Status.FINISHED
    assert run.finished_at >= run.started_at
    assert run.command.startswith("import_seeds --overwrite --workers=")
    assert run.command.endswith(f" {tmp_path}")
    assert run.paths == str(tmp_path)
    assert run.run_by
    counts = [getattr(run, o) for o in ("created", "updated", "failed", "duplicate", "skipped")]
    assert counts == [0, 1, 1, 1, 1]
    issues = {issue.outcome: issue for issue in run.issues.all()}
    assert set(issues) == {"failed", "duplicate"}
    assert issues["failed"].file_name == str(tmp_path / "broken.txt")
    assert "expected a non-negative integer" in issues["failed"].message
    assert issues["failed"].article is None and not issues["failed"].resolved


def test_a_conflict_is_an_issue_linked_to_its_article(tmp_path: Path):
    seed = conflicting_seed(tmp_path)
    run_import_seeds(str(seed))
    issue = ImportIssue.objects.get()
    assert issue.outcome == "conflict"
    assert issue.article == Article.objects.get()
    assert "kept the editor's version" in issue.message


def test_a_dry_run_records_nothing(tmp_path: Path):
    shutil.copy(REFERENCE_SEED, tmp_path / "a.txt")
    assert run_import_seeds("--dry-run", str(tmp_path))[0] == 0
    assert not ImportRun.objects.exists()


def test_an_interrupted_run_says_so(tmp_path: Path, monkeypatch):
    for name in ["a.txt", "b.txt"]:
        shutil.copy(REFERENCE_SEED, tmp_path / name)
    (tmp_path / "b.txt").write_text(
        (tmp_path / "b.txt").read_text().replace("aleppo", "aleppo-again", 1)
    )
    save_batch = SeedImporter.save_batch
    calls = []

    def interrupted_second_time(self, batch):
        calls.append(batch)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return save_batch(self, batch)

    monkeypatch.setattr(SeedImporter, "save_batch", interrupted_second_time)
    with pytest.raises(KeyboardInterrupt):
        call_command("import_seeds", str(tmp_path), "--batch-size=1", verbosity=0)
    run = ImportRun.objects.get()
    assert (run.status, run.created) == ("interrupted", 1)
    assert run.finished_at is not None


def test_a_run_an_error_stopped_is_failed_with_the_error(tmp_path: Path, monkeypatch):
    shutil.copy(REFERENCE_SEED, tmp_path / "a.txt")

    def broken(self, batch):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(SeedImporter, "save_batch", broken)
    with pytest.raises(RuntimeError):
        call_command("import_seeds", str(tmp_path), verbosity=0)
    run = ImportRun.objects.get()
    assert run.status == "failed" and "the disk is full" in run.error


@pytest.fixture
def editor_client(client):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from articles.roles import ensure_roles

    ensure_roles()
    editor = get_user_model().objects.create_user("ed", password="pw long enough", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    client.user = editor
    return client


def test_editors_browse_runs_and_conflicts_and_resolve_them(tmp_path: Path, editor_client):
    seed = conflicting_seed(tmp_path)
    run_import_seeds(str(seed))
    article = Article.objects.get()
    issue = ImportIssue.objects.get()
    runs = editor_client.get(reverse("admin:articles_importrun_changelist"))
    assert runs.status_code == 200
    assert "1 file(s)" in runs.content.decode()  # the link to the run's issues
    change = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    link = (
        reverse("admin:articles_importissue_changelist")
        + f"?article__id__exact={article.pk}&amp;outcome__exact=conflict"
    )
    assert f'href="{link}">Import conflicts (1)</a>' in change.content.decode()
    issues = editor_client.get(link.replace("&amp;", "&"))
    assert issues.status_code == 200 and str(seed) in issues.content.decode()
    page = editor_client.get(reverse("admin:articles_importissue_change", args=[issue.pk]))
    assert page.status_code == 200 and "kept the editor" in page.content.decode()

    response = editor_client.post(
        reverse("admin:articles_importissue_changelist"),
        {"action": "resolve", "_selected_action": [issue.pk]},
    )
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.resolved and issue.resolved_by == editor_client.user
    # Resolved: gone from the open list and from the article's page.
    assert str(seed) not in editor_client.get(link.replace("&amp;", "&")).content.decode()
    change = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert "Import conflicts" not in change.content.decode()


def test_nobody_edits_a_run_or_an_issue_by_hand(tmp_path: Path, editor_client, admin_client):
    seed = conflicting_seed(tmp_path)
    run_import_seeds(str(seed))
    issue = ImportIssue.objects.get()
    for client in (editor_client, admin_client):
        url = reverse("admin:articles_importissue_change", args=[issue.pk])
        assert client.post(url, {"message": "changed", "resolved": "on"}).status_code == 403
        assert client.get(reverse("admin:articles_importrun_add")).status_code == 403
        delete = reverse("admin:articles_importrun_delete", args=[issue.run_id])
        assert client.post(delete, {"post": "yes"}).status_code == 403
    issue.refresh_from_db()
    assert issue.message != "changed" and not issue.resolved


def test_a_run_whose_process_is_gone_is_marked_interrupted(admin_client):
    """A killed import cannot say how it ended; the next import or a look at the list does."""
    import os
    import socket
    import subprocess
    import sys

    from articles.runs import ABANDONED, settle_abandoned_runs

    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    here = socket.gethostname()
    killed = ImportRun.objects.create(command="import_seeds a", paths="a", host=here, pid=ended.pid)
    alive = ImportRun.objects.create(
        command="import_seeds b", paths="b", host=here, pid=os.getpid()
    )
    elsewhere = ImportRun.objects.create(
        command="c", paths="c", host="another-machine", pid=ended.pid
    )
    page = admin_client.get(reverse("admin:articles_importrun_changelist"))
    assert page.status_code == 200
    killed.refresh_from_db()
    assert killed.status == ImportRun.Status.INTERRUPTED and killed.error == ABANDONED
    for run in (alive, elsewhere):
        run.refresh_from_db()
        assert run.status == ImportRun.Status.RUNNING
    assert settle_abandoned_runs() == 0


def test_a_reused_process_id_does_not_keep_a_run_running():
    """A process id is reused: a live process started after the run is not the run."""
    import os
    import socket
    from datetime import timedelta

    from django.utils import timezone

    from articles.runs import settle_abandoned_runs

    ours = timezone.now() - timedelta(days=3650)  # this process started after it
    run = ImportRun.objects.create(
        command="x", paths="x", host=socket.gethostname(), pid=os.getpid(), started_at=ours
    )
    assert settle_abandoned_runs() == (1 if os.path.exists("/proc/stat") else 0)
    run.refresh_from_db()
    assert run.status == (
        ImportRun.Status.INTERRUPTED if os.path.exists("/proc/stat") else "running"
    )
