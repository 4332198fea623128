"""``manage.py evaluate_quotes DIR... [--lenient] [--summary] [--min-f1 X]``: score extraction
against truth files."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.seeds.evaluate import evaluate_dir, format_summary


class Command(BaseCommand):
    help = (
        "Score quote extraction against the .json truth files in each DIR: detection precision "
        "and recall, attribution accuracy, end-to-end P/R/F1 and tag recall, per file and in "
        'total. Truth quotes marked "resolved_by": "none" are scored for detection only.'
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "directories", nargs="+", help="Directories of NNN.txt seeds with NNN.json truths."
        )
        parser.add_argument(
            "--lenient",
            action="store_true",
            help=(
                "Match as the shared PolNeAR scorer does: texts equal or one containing the "
                "other at 0.8 of its length; speakers equal, sharing a last word, or one "
                "contained in the other, titles and case aside."
            ),
        )
        parser.add_argument(
            "--summary", action="store_true", help="One line of totals per directory."
        )
        parser.add_argument(
            "--min-f1",
            type=float,
            default=None,
            help="Exit 1 when a directory's total end-to-end F1 is below this.",
        )

    def handle(self, *args: object, **options: object) -> None:
        directories = [Path(d) for d in options["directories"]]
        for directory in directories:
            if not directory.is_dir():
                raise CommandError(f"not a directory: {directory}", returncode=2)
        reports = {}
        for directory in directories:
            report = evaluate_dir(directory, lenient=options["lenient"])
            if not report.rows:
                raise CommandError(f"no .json truth files with seeds in {directory}", returncode=2)
            reports[str(directory)] = report
        if options["summary"]:
            self.stdout.write(format_summary(reports))
        else:
            for label, report in reports.items():
                if len(reports) > 1:
                    self.stdout.write(f"\n{label}")
                self.stdout.write(report.format_table())
        minimum = options["min_f1"]
        if minimum is None:
            return
        below = [
            f"{label}: end-to-end F1 {report.total.e2e_f1:.3f} is below {minimum}"
            for label, report in reports.items()
            if report.total.e2e_f1 < minimum
        ]
        if below:
            self.stderr.write(self.style.ERROR("\n".join(below)))
            sys.exit(1)
