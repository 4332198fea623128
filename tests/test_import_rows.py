"""The importer's plain-row inserts store exactly what the ORM would."""

from __future__ import annotations

import datetime
import gc
import zoneinfo

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from articles.importer import GC_THRESHOLD, SeedImporter, insert_new
from articles.models import Article, Source
from tests.conftest import REFERENCE_SEED

pytestmark = pytest.mark.django_db

# Unique, or set by the database or the clock: the only columns allowed to differ.
DIFFERENT = {"id", "slug", "original_url", "created_at", "updated_at"}


def articles(prefix: str, source: Source, user: object, now: datetime.datetime) -> list[Article]:
    """Articles covering every kind of column value: published with a time in another zone,
    a draft without one, an editor, empty and non-ASCII text, the model's defaults."""
    paris = datetime.datetime(2024, 7, 1, 12, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))
    made = []
    for n, (status, published_at, editor) in enumerate(
        [
            (Article.Status.PUBLISHED, paris, None),
            (Article.Status.DRAFT, None, user),
            (Article.Status.SCHEDULED, now + datetime.timedelta(days=1), None),
        ]
    ):
        article = Article(
            headline=f"Café {n} — “quoted”",
            slug=f"{prefix}-{n}",
            standfirst="",
            body="One.\n\nTwo.",
            source=source,
            original_url=f"https://example.com/{prefix}/{n}",
            seed_line2="12",
            seed_line3="",
            imported_at=now,
            published_at=published_at,
            last_changed_by=editor,
        )
        article.transition(status)
        article._status_change = None
        made.append(article)
    return made


def stored(pks: list[int]) -> list[dict]:
    table = connection.ops.quote_name(Article._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id IN ({', '.join(map(str, pks))})")
        names = [column[0] for column in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    return sorted(rows, key=lambda row: row["id"])


def test_insert_new_stores_what_bulk_create_stores():
    source = Source.objects.create(name="Example", domain="example.com")
    user = get_user_model().objects.create_user("editor")
    now = timezone.now()
    by_orm = Article.objects.bulk_create(articles("orm", source, user, now))
    by_rows = articles("rows", source, user, now)
    insert_new(Article, by_rows, key="original_url")

    for article in by_rows:
        assert article.pk is not None and not article._state.adding
        assert Article.objects.get(original_url=article.original_url).pk == article.pk
    expected, got = stored([a.pk for a in by_orm]), stored([a.pk for a in by_rows])
    assert [sorted(row) for row in got] == [sorted(row) for row in expected]
    for want, have in zip(expected, got, strict=True):
        assert {k: v for k, v in have.items() if k not in DIFFERENT} == {
            k: v for k, v in want.items() if k not in DIFFERENT
        }
        for column in ("created_at", "updated_at"):  # set by auto_now(_add), as the ORM does
            assert type(have[column]) is type(want[column]) and have[column] is not None
    assert Article.objects.get(pk=by_rows[0].pk).published_at == by_rows[0].published_at


def test_insert_new_with_nothing_to_insert():
    insert_new(Article, [], key="original_url")
    assert not Article.objects.exists()


def test_an_import_collects_garbage_less_often_and_then_as_before():
    before = gc.get_threshold()
    results = SeedImporter().run([REFERENCE_SEED])
    next(results)
    assert gc.get_threshold()[0] == max(before[0], GC_THRESHOLD)
    list(results)
    assert gc.get_threshold() == before


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's write-ahead log")
def test_an_import_checkpoints_less_often_and_then_as_before():
    def pages() -> int:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_autocheckpoint")
            return cursor.fetchone()[0]

    before = pages()
    results = SeedImporter().run([REFERENCE_SEED])
    next(results)
    assert pages() == SeedImporter.WAL_AUTOCHECKPOINT
    list(results)
    assert pages() == before


def test_a_bulk_import_compacts_the_search_index_and_a_small_one_does_not(tmp_path, monkeypatch):
    """An import adding at least ``COMPACT_SHARE`` of the articles compacts the search index
    once, at the end; what readers find is the same before and after compacting."""
    from articles import search, search_index
    from tests.seedgen import write_generated_seeds

    compacted = []
    real = type(search.engine()).compact
    monkeypatch.setattr(
        type(search.engine()), "compact", lambda self, cursor: compacted.append(real(self, cursor))
    )
    write_generated_seeds(tmp_path / "bulk", 40)
    results = list(SeedImporter(batch_size=15).run(sorted((tmp_path / "bulk").iterdir())))
    assert len(results) == 40 and len(compacted) == 1
    word = max(Article.objects.order_by("id").first().headline.split(), key=len)
    found = [hit.article.pk for hit in search.search(word)]
    assert found
    search.engine().compact(connection.cursor())
    assert [hit.article.pk for hit in search.search(word)] == found

    write_generated_seeds(tmp_path / "more", 3, seed=9)  # 3 new of 43: under a quarter
    list(SeedImporter().run(sorted((tmp_path / "more").iterdir())))
    assert len(compacted) == 2  # only the direct call above
    assert not search_index.compact_after_import(0)
