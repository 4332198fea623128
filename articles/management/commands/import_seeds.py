"""``manage.py import_seeds [PATH ...]``: a thin wrapper over ``SeedImporter``."""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from articles.importer import FileResult, ImportSummary, Outcome, SeedImporter, count_files
from articles.progress import Progress
from articles.runs import ImportRun, RunRecorder
from articles.seeds.pool import default_workers

# Exit statuses a scheduled import can tell apart (README, "Importing"). 2 is a bad argument.
EXIT_FAILED = 1  # some file failed (whatever else happened)
EXIT_CONFLICTS = 3  # no file failed, but some changed seed conflicts with an editor's edits
# Seconds the progress line may spend counting the files before the import starts; past
# that, the total shows as "?" until the import has listed them all itself.
COUNT_SECONDS = 1.0
# Seconds between two redraws of the progress line.
PROGRESS_EVERY = 0.25


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value


# Options recorded with a run when they differ from their defaults (``ImportRun.command``).
RECORDED_OPTIONS = (
    "draft",
    "overwrite",
    "allow_conflicts",
    "batch_size",
    "workers",
    "file_seconds",
)


def command_line(options: dict) -> str:
    """The command as it was run, for the run's record: its options that are not defaults."""
    words = ["import_seeds"]
    for name in RECORDED_OPTIONS:
        value = options.get(name)
        if value is True:
            words.append(f"--{name.replace('_', '-')}")
        elif value not in (None, False) and not (
            name == "batch_size" and value == SeedImporter.BATCH_SIZE
        ):
            words.append(f"--{name.replace('_', '-')}={value}")
    return " ".join(words + [str(p) for p in options["paths"]])


@contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM (a scheduler stopping the import) ends it as Ctrl-C does, so that its run is
    recorded as interrupted; only in the main thread, where signal handlers can be set."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class Command(BaseCommand):
    help = (
        "Import seed files (and directories of them) as articles. Exit 1 if any file failed, "
        "3 if none failed but some conflicted with an editor's changes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "paths", nargs="*", help="Seed files or directories (default: the seeds/ directory)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Parse and check everything, write nothing."
        )
        parser.add_argument(
            "--draft", action="store_true", help="Create new articles as drafts, not published."
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Let a changed seed replace an article an editor has changed since import.",
        )
        parser.add_argument(
            "--allow-conflicts",
            action="store_true",
            help="Exit 0 when files conflict with editors' changes (failures still exit 1).",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Never show the progress line."
        )
        parser.add_argument(
            "--batch-size",
            type=positive,
            default=SeedImporter.BATCH_SIZE,
            help="New articles written per transaction (default %(default)s).",
        )
        parser.add_argument(
            "--workers",
            type=positive,
            default=default_workers(),
            help="Processes that read and understand seeds (default: one per core, "
            "%(default)s here; small imports use none).",
        )
        parser.add_argument(
            "--file-seconds",
            type=float,
            default=None,
            help="Seconds one file may take to be read and understood before it fails "
            "(default: the IMPORT_FILE_SECONDS setting; 0 for no limit).",
        )

    def handle(self, *args: object, **options: object) -> None:
        paths = options["paths"] or [settings.SEEDS_DIR]
        missing = [str(p) for p in paths if not Path(p).exists()]
        if missing:
            raise CommandError(f"no such file or directory: {', '.join(missing)}", returncode=2)
        importer = SeedImporter(
            publish=not options["draft"],
            dry_run=bool(options["dry_run"]),
            overwrite=bool(options["overwrite"]),
            batch_size=options["batch_size"],
            workers=options["workers"],
            file_seconds=options["file_seconds"],
        )
        summary = ImportSummary()
        recorder = None
        if not options["dry_run"]:  # a dry run writes nothing, not even its record
            recorder = RunRecorder(command_line(options), [str(p) for p in paths])
        try:
            with terminate_as_interrupt():
                self.import_files(importer, paths, summary, options, recorder)
        except KeyboardInterrupt:
            if recorder:
                with suppress(DatabaseError):  # the original error matters more
                    recorder.finish(summary.counts, ImportRun.Status.INTERRUPTED)
            raise
        except Exception as error:
            if recorder:
                with suppress(DatabaseError):
                    recorder.finish(summary.counts, ImportRun.Status.FAILED, f"{error!r}")
            raise
        if recorder:
            recorder.finish(summary.counts, ImportRun.Status.FINISHED)
        self.report(summary, dry_run=bool(options["dry_run"]))
        code = self.exit_status(summary, allow_conflicts=bool(options["allow_conflicts"]))
        if code:
            sys.exit(code)

    def import_files(
        self,
        importer: SeedImporter,
        paths: list,
        summary: ImportSummary,
        options: dict,
        recorder: RunRecorder | None,
    ) -> None:
        """Run the import, noting each result (``summary``, ``recorder``), printing the lines
        the verbosity asks for and the progress line on a terminal."""
        verbosity = int(options["verbosity"])
        show_progress = not options["no_progress"] and self.stdout.isatty() and verbosity >= 1
        progress = Progress(count_files(paths, COUNT_SECONDS) if show_progress else None)
        drawn = 0.0  # when the progress line was last drawn (0: it is not on screen)
        for result in importer.run(paths):
            summary.add(result)
            if recorder:
                recorder.add(result)
            line = self.result_line(result, verbosity)
            if line:
                if drawn:
                    self.stdout.write("\r\x1b[K", ending="")  # the progress line goes
                    drawn = 0.0
                self.stdout.write(line)
            due = time.monotonic() - drawn >= PROGRESS_EVERY
            if show_progress and due and not importer.pending:  # a batch's last result
                if progress.total is None and importer.listing_done:
                    progress.total = importer.listed
                self.stdout.write(f"\r{progress.line(summary.files, summary.brief())}", ending="")
                self.stdout.flush()
                drawn = time.monotonic()
        if show_progress:
            if importer.listing_done:
                progress.total = importer.listed
            self.stdout.write(f"\r\x1b[K{progress.line(summary.files, summary.brief())}")

    @staticmethod
    def result_line(result: FileResult, verbosity: int) -> str:
        """The line a file's result prints as it arrives, if any: a skipped file at -v 1,
        every file but the problems (listed at the end) at -v 2."""
        if result.outcome == Outcome.SKIPPED:
            return f"skipped: {result.message}" if verbosity >= 1 else ""
        if verbosity >= 2 and result.outcome not in ImportSummary.PROBLEMS:
            return f"{result.outcome.value}: {result.path}"
        return ""

    @staticmethod
    def exit_status(summary: ImportSummary, *, allow_conflicts: bool) -> int:
        if summary.failed:
            return EXIT_FAILED
        if summary.conflicts and not allow_conflicts:
            return EXIT_CONFLICTS
        return 0

    def report(self, summary: ImportSummary, *, dry_run: bool) -> None:
        for problem in summary.problems:
            label = problem.outcome.value.upper()
            style = self.style.ERROR if problem.outcome == Outcome.FAILED else self.style.WARNING
            self.stderr.write(style(f"{label} {problem.message}"))
        prefix = "Dry run, nothing written: " if dry_run else ""
        style = self.style.ERROR if summary.failed else self.style.SUCCESS
        self.stdout.write(style(f"{prefix}{summary}"))
