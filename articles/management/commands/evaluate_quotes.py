"""``manage.py evaluate_quotes DIR [--min-f1 X]``: score extraction against truth files."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.seeds.evaluate import evaluate_dir


class Command(BaseCommand):
    help = (
        "Score quote extraction against the .json truth files in DIR: detection precision and "
        "recall, attribution accuracy, end-to-end P/R/F1 and tag recall, per file and in total."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", help="A directory of NNN.txt seeds with NNN.json truths.")
        parser.add_argument(
            "--min-f1", type=float, default=None, help="Exit 1 when the total F1 is below this."
        )

    def handle(self, *args: object, **options: object) -> None:
        directory = Path(options["directory"])
        if not directory.is_dir():
            raise CommandError(f"not a directory: {directory}", returncode=2)
        report = evaluate_dir(directory)
        if not report.rows:
            raise CommandError(f"no .json truth files with seeds in {directory}", returncode=2)
        self.stdout.write(report.format_table())
        minimum = options["min_f1"]
        if minimum is not None and report.total.e2e_f1 < minimum:
            self.stderr.write(
                self.style.ERROR(f"end-to-end F1 {report.total.e2e_f1:.3f} is below {minimum}")
            )
            sys.exit(1)
