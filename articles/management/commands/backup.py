"""``manage.py backup FILE``: the whole editorial state in one file (``articles.backup``)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

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
        try:
            counts = backup_to_file(str(options["file"]))
        except OSError as exc:
            raise CommandError(f"{options['file']}: cannot be written ({exc.strerror})") from None
        summary = ", ".join(f"{count} {name}" for name, count in counts.items() if name != "header")
        self.stdout.write(self.style.SUCCESS(f"Backed up to {options['file']}: {summary}"))
