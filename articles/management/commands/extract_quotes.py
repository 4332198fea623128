"""``manage.py extract_quotes PATH... --json``: what extraction finds, without the database."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.importer import iter_seed_files
from articles.seeds.format import SeedFormatError, read
from articles.seeds.understand import understand


class Command(BaseCommand):
    help = "Print the quotes extraction finds in seed files (touches no database)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", help="Seed files or directories.")
        parser.add_argument("--json", action="store_true", help="One JSON object (default).")

    def handle(self, *args: object, **options: object) -> None:
        missing = [str(p) for p in options["paths"] if not Path(p).exists()]
        if missing:
            raise CommandError(f"no such file or directory: {', '.join(missing)}", returncode=2)
        result: dict[str, list[dict]] = {}
        failed = False
        for path in iter_seed_files(options["paths"]):
            try:
                draft = understand(read(path))
            except SeedFormatError as exc:
                self.stderr.write(self.style.ERROR(str(exc)))
                failed = True
                continue
            result[path.name] = [
                {
                    "block": q.block,
                    "text": q.text,
                    "speaker": q.speaker,
                    "role": q.role,
                    "partial": q.partial,
                    "start": q.start,
                    "end": q.end,
                }
                for q in draft.quotes
            ]
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        if failed:
            sys.exit(1)
