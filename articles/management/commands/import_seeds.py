"""``manage.py import_seeds [PATH ...]``: a thin wrapper over ``SeedImporter``."""

from __future__ import annotations

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.importer import ImportSummary, Outcome, SeedImporter
from articles.seeds.pool import default_workers


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value


class Command(BaseCommand):
    help = "Import seed files (and directories of them) as articles. Exit 1 if any file failed."

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
        show_progress = (
            not options["no_progress"] and self.stdout.isatty() and options["verbosity"] >= 1
        )
        summary = ImportSummary()
        for count, result in enumerate(importer.run(paths), start=1):
            summary.add(result)
            if show_progress and count % 50 == 0:
                self.stdout.write(f"\rimported {count} files ({summary})", ending="")
                self.stdout.flush()
            if options["verbosity"] >= 2 and result.outcome not in ImportSummary.PROBLEMS:
                self.stdout.write(f"{result.outcome.value}: {result.path}")
        if show_progress:
            self.stdout.write("")
        self.report(summary, dry_run=bool(options["dry_run"]))
        if summary.failed:
            sys.exit(1)

    def report(self, summary: ImportSummary, *, dry_run: bool) -> None:
        for problem in summary.problems:
            label = problem.outcome.value.upper()
            style = self.style.ERROR if problem.outcome == Outcome.FAILED else self.style.WARNING
            self.stderr.write(style(f"{label} {problem.message}"))
        prefix = "Dry run, nothing written: " if dry_run else ""
        style = self.style.ERROR if summary.failed else self.style.SUCCESS
        self.stdout.write(style(f"{prefix}{summary}"))
