"""``manage.py rebuild_search_index``: index every article for search again.

For operators, after changing articles or quotes with SQL (a data fix, a restore by hand),
which bypasses the signals that keep the index in step (``articles.search_index``).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from articles.search_index import rebuild_index


class Command(BaseCommand):
    help = "Index every article for search again (after changing articles with SQL)."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"re-indexed {rebuild_index()} articles")
