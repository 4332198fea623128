"""``manage.py generate_seeds N DIR [--seed S]``: a synthetic wire archive for scale tests."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.seeds.generate import write_seeds


class Command(BaseCommand):
    help = "Write N realistic, valid seed files under DIR, the same files for the same --seed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("count", type=int, help="How many seed files to write.")
        parser.add_argument("directory", help="Where to write them (created if missing).")
        parser.add_argument("--seed", type=int, default=0, help="Archive number (default 0).")

    def handle(self, *args: object, **options: object) -> None:
        count = int(options["count"])
        if count < 0:
            raise CommandError("N must be zero or more", returncode=2)
        written = write_seeds(count, str(options["directory"]), seed=int(options["seed"]))
        if options["verbosity"] >= 1:
            self.stdout.write(f"wrote {written} seed files to {options['directory']}")
