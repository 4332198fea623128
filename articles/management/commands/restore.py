"""``manage.py restore FILE``: a backup back into an empty database (``articles.backup``)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.backup import BackupError, DatabaseNotEmpty, restore_from_file


class Command(BaseCommand):
    help = (
        "Restore a file written by `manage.py backup` into an empty database, in one "
        "transaction: a bad line stops it with file:line: reason and nothing is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="A backup written by `manage.py backup`.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete every article, source, speaker, tag, user and revision first (in the "
            "same transaction: if the restore fails, nothing is deleted).",
        )

    def handle(self, *args: object, **options: object) -> None:
        try:
            counts = restore_from_file(str(options["file"]), replace=bool(options["replace"]))
        except OSError as exc:
            raise CommandError(f"{options['file']}: cannot be read ({exc.strerror})") from None
        except (BackupError, DatabaseNotEmpty) as exc:
            raise CommandError(str(exc)) from None
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Restored {options['file']}: {summary}"))
