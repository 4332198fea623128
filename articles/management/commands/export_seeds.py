"""``manage.py export_seeds DIR``: every article back in the seed format, as a backup."""

from __future__ import annotations

from collections.abc import Iterator

from django.core.management.base import BaseCommand, CommandParser

from articles.models import Article
from articles.seeds.export import SeedRow, export_seeds

FIELDS = (
    "pk",
    "slug",
    "outlet_article_id",
    "original_url",
    "seed_line2",
    "seed_line3",
    "standfirst",
    "body",
    "seed_layout",
)


class Command(BaseCommand):
    help = "Write every article to DIR as a seed file (<outlet id>_<slug>.txt)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", help="Where to write the seed files (created if needed).")

    def handle(self, *args: object, **options: object) -> None:
        paths = export_seeds(self.rows(), str(options["directory"]))
        self.stdout.write(
            self.style.SUCCESS(f"Exported {len(paths)} articles to {options['directory']}")
        )

    @staticmethod
    def rows() -> Iterator[SeedRow]:
        """All articles, whatever their status, in primary-key order, streamed."""
        for values in Article.objects.order_by("pk").values_list(*FIELDS).iterator(chunk_size=500):
            yield SeedRow(*values)
