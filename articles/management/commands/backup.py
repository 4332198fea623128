"""``manage.py backup FILE``: the whole editorial state in one file (``articles.backup``)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from articles.backup import backup_to_file


class Command(BaseCommand):
    help = (
        "Write every article (status, dates, editors' changes, tags, quotes, corrections, "
        "status history), source, speaker, tag, user and group to FILE (JSON Lines). "
        "Restore it with `manage.py restore FILE`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The backup file to write (replaced atomically).")

    def handle(self, *args: object, **options: object) -> None:
        counts = backup_to_file(str(options["file"]))
        summary = ", ".join(f"{count} {name}" for name, count in counts.items() if name != "header")
        self.stdout.write(self.style.SUCCESS(f"Backed up to {options['file']}: {summary}"))
