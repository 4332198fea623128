"""Import runs and their problem files, as rows editors browse in the admin.

``import_seeds`` records each run (not a dry run) through :class:`RunRecorder`: who ran what,
when, how it ended, its counts per outcome, and one :class:`ImportIssue` per file that was a
conflict, failed or was a duplicate, linked to its article when there is one. Editors mark an
issue resolved once they have dealt with it.
"""

from __future__ import annotations

import getpass
import os
import socket
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone

from articles.seeds.limits import MAX_SEED_BYTES

if TYPE_CHECKING:  # models.py loads this module: the importer would import models back
    from articles.importer import FileResult


class ImportRun(models.Model):
    """One ``import_seeds`` run. Its status is how the run ended, not how its files did:
    ``finished`` with failed files is a run that went through them all."""

    class Status(models.TextChoices):
        RUNNING = "running", "running"  # or killed without a chance to say so
        FINISHED = "finished", "finished"
        FAILED = "failed", "failed (an error stopped it)"
        INTERRUPTED = "interrupted", "interrupted"

    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status, default=Status.RUNNING)
    run_by = models.CharField(
        max_length=150, blank=True, help_text="The system account that ran the command."
    )
    command = models.TextField(help_text="The command and its options.")
    paths = models.TextField(help_text="The files and directories imported, one a line.")
    error = models.TextField(blank=True, help_text="What stopped a failed run.")
    host = models.CharField(max_length=255, blank=True, help_text="The machine it ran on.")
    pid = models.PositiveIntegerField(null=True, blank=True, help_text="Its process id there.")
    # Files per outcome (the names of ``articles.importer.Outcome``).
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    conflict = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    duplicate = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)

    class Meta:
        app_label = "articles"
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"Import of {timezone.localtime(self.started_at):%Y-%m-%d %H:%M:%S} ({self.status})"


ABANDONED = "The import's process ended without reporting how (killed, or the machine stopped)."


def settle_abandoned_runs() -> int:
    """Mark "interrupted" the runs still "running" on this machine whose process is gone (a
    SIGKILL, an out-of-memory kill, a reboot), so that no run says "running" for ever.
    Called when an import starts and when the admin lists runs; returns how many changed."""
    here = socket.gethostname()
    running = ImportRun.objects.filter(status=ImportRun.Status.RUNNING, host=here)
    gone = [
        run.pk
        for run in running.only("pk", "pid", "started_at")
        if run.pid is not None and not process_is_the_run(run.pid, run.started_at)
    ]
    return ImportRun.objects.filter(pk__in=gone, status=ImportRun.Status.RUNNING).update(
        status=ImportRun.Status.INTERRUPTED, error=ABANDONED
    )


def process_is_the_run(pid: int, started_at: object) -> bool:
    """Whether process ``pid`` is alive and is the one that started a run at ``started_at``:
    a process id is reused, so on Linux a process started after the run is another one."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        pass
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        stat = Path("/proc/stat").read_text().splitlines()
        boot = next(float(line.split()[1]) for line in stat if line.startswith("btime "))
        began = boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return True  # no /proc: alive is all we know
    return began <= started_at.timestamp() + 1  # type: ignore[attr-defined]


class ImportIssue(models.Model):
    """A file of a run that someone may have to look at."""

    # The importer's outcomes (``articles.importer.Outcome``) someone may have to look at.
    class Kind(models.TextChoices):
        CONFLICT = "conflict", "conflict"
        FAILED = "failed", "failed"
        DUPLICATE = "duplicate", "duplicate"

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="issues")
    file_name = models.TextField()
    outcome = models.CharField(max_length=20, choices=Kind)
    message = models.TextField()
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_issues",
    )
    seed_text = models.TextField(
        blank=True,
        help_text="A conflict's seed file, as the import read it (at most the seed size "
        "limit), for taking the wire's version; empty otherwise.",
    )
    resolved = models.BooleanField(default=False)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        app_label = "articles"
        ordering = ["-run__started_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {os.path.basename(self.file_name)}"


def mark_resolved(issues: models.QuerySet[ImportIssue], user: object, resolved: bool) -> int:
    """Mark ``issues`` resolved (or open again) by ``user``; returns how many changed."""
    return issues.exclude(resolved=resolved).update(
        resolved=resolved,
        resolved_at=timezone.now() if resolved else None,
        resolved_by=user if resolved and getattr(user, "pk", None) else None,
    )


def kept_seed(text: str) -> str:
    """A conflict's seed text as an issue keeps it: a seed the importer read is within the
    seed size limit, and nothing larger is stored."""
    return text if len(text.encode("utf-8")) <= MAX_SEED_BYTES else ""


def system_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        return str(os.getuid()) if hasattr(os, "getuid") else ""


class RunRecorder:
    """Writes a run's row when it starts, its issues as they come (a few hundred at a time),
    and its counts and status when it ends."""

    FLUSH_EVERY = 500
    # Conflicts keep their seed's text: a few seeds of the maximum size are flushed at once.
    FLUSH_BYTES = 16 * 1024 * 1024

    def __init__(self, command: str, paths: Sequence[str]) -> None:
        settle_abandoned_runs()
        self.run = ImportRun.objects.create(
            command=command,
            paths="\n".join(paths),
            run_by=system_user(),
            host=socket.gethostname(),
            pid=os.getpid(),
        )
        self._pending: list[ImportIssue] = []
        self._pending_bytes = 0

    def add(self, result: FileResult) -> None:
        if result.outcome not in ImportIssue.Kind.values:
            return
        self._pending.append(
            ImportIssue(
                run=self.run,
                file_name=result.path,
                outcome=str(result.outcome),
                message=result.message,
                article_id=result.article_id,
                seed_text=kept_seed(result.seed),
            )
        )
        self._pending_bytes += len(self._pending[-1].seed_text)
        if len(self._pending) >= self.FLUSH_EVERY or self._pending_bytes >= self.FLUSH_BYTES:
            self._flush()

    def _flush(self) -> None:
        from articles.models import Article

        # An issue's article may be gone (deleted meanwhile, or never saved): no link then.
        ids = {issue.article_id for issue in self._pending} - {None}
        if ids:
            existing = set(Article.objects.filter(pk__in=ids).values_list("pk", flat=True))
            for issue in self._pending:
                if issue.article_id not in existing:
                    issue.article_id = None
        ImportIssue.objects.bulk_create(self._pending)
        self._pending, self._pending_bytes = [], 0

    def finish(self, counts: Mapping[str, int], status: str, error: str = "") -> ImportRun:
        """``counts``: files per outcome (``ImportSummary.counts``)."""
        self._flush()
        for outcome, count in counts.items():
            setattr(self.run, str(outcome), count)
        self.run.status = status
        self.run.error = error
        self.run.finished_at = timezone.now()
        self.run.save()
        return self.run
