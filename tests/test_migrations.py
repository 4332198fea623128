"""Data migrations of issue 13: URL keys for existing articles (0008), fingerprints that include
the section (0009). Their functions run on rows made at the current schema, as they would on
the rows a database holds when it is migrated."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.utils import timezone

from articles.models import Article, Section, Source
from articles.seeds.url import url_key

pytestmark = pytest.mark.django_db

url_identity_migration = importlib.import_module("articles.migrations.0008_url_identity")
section_migration = importlib.import_module("articles.migrations.0009_section_is_an_editors_change")


class SchemaEditor:
    """What a ``RunPython`` function reads from its schema editor."""

    connection = connection


def article(n: int, url: str, status: str = Article.Status.PUBLISHED, **fields: object) -> Article:
    """An article with ``url`` as its original URL, and no URL key yet, as a database holds it
    before the data migrations; ``fields`` override the defaults."""
    source, _ = Source.objects.get_or_create(domain="example.com", defaults={"name": "Example"})
    values: dict[str, object] = {
        "headline": f"Story {n}",
        "slug": f"story-{n}",
        "standfirst": "A standfirst.",
        "body": "A paragraph.",
        "section": Section.for_name("World"),
        "source": source,
        "original_url": f"https://example.com/{n}",  # set below: two could name one article
        "seed_line2": "1",
        "seed_line3": "2",
        "status": status,
        "published_at": timezone.now(),
    }
    story = Article.objects.create(**{**values, **fields})
    Article.objects.filter(pk=story.pk).update(original_url=url, url_key=None)
    story.refresh_from_db()
    return story


def test_0008_gives_each_article_its_key_and_leaves_colliding_ones_without(capsys):
    first = article(1, "http://www.example.com/world/story-1", Article.Status.WITHDRAWN)
    same = article(2, "https://example.com/world/story-1/?utm_source=rss")
    again = article(3, "https://EXAMPLE.com/world/story-1#top")
    other = article(4, "https://example.com/world/story-2")

    url_identity_migration.fill_url_keys(apps, SchemaEditor())

    keys = dict(Article.objects.values_list("pk", "url_key"))
    # Of the three spellings of story 1, the oldest one not withdrawn keeps the key.
    assert keys == {
        first.pk: None,
        same.pk: url_key(same.original_url),
        again.pk: None,
        other.pk: url_key(other.original_url),
    }
    printed = capsys.readouterr().out
    assert f"{first.pk} (same as {same.pk})" in printed
    assert f"{again.pk} (same as {same.pk})" in printed
    assert Article.objects.count() == 4  # nothing deleted


def test_0009_refingerprints_unedited_articles_and_keeps_edited_ones_edited():
    unedited = article(1, "https://example.com/world/story-1")
    edited = article(2, "https://example.com/world/story-2")
    for story in (unedited, edited):
        row = {name: getattr(story, name) for name in ("headline", "standfirst", "body")}
        before, _now = section_migration.fingerprints({**row, "section": ""}, [], [])
        Article.objects.filter(pk=story.pk).update(imported_fingerprint=before)
    Article.objects.filter(pk=edited.pk).update(headline="An editor's headline")

    section_migration.refingerprint(apps, SchemaEditor())

    unedited.refresh_from_db()
    edited.refresh_from_db()
    assert unedited.imported_fingerprint == unedited.fingerprint()
    assert not unedited.edited_since_import
    assert edited.edited_since_import

    section_migration.refingerprint_backwards(apps, SchemaEditor())
    unedited.refresh_from_db()
    row = {name: getattr(unedited, name) for name in ("headline", "standfirst", "body")}
    assert (
        unedited.imported_fingerprint
        == section_migration.fingerprints({**row, "section": ""}, [], [])[0]
    )


def test_0009_reads_tags_and_quotes_as_the_model_does(imported_article):
    """An imported article with tags and quotes, fingerprinted the old way, comes out of the
    migration with the fingerprint ``Article.fingerprint()`` makes now."""
    story = imported_article
    row = {name: getattr(story, name) for name in ("headline", "standfirst", "body")}
    row["section"] = story.section_id  # as 0009 reads it at today's schema: the row's id
    quotes = [
        [q.block, q.start, q.end, q.text, q.speaker_id, q.role, q.partial]
        for q in story.quotes.order_by("position")
    ]
    assert len(quotes) > 5 and story.tags.count() > 3
    before, now = section_migration.fingerprints(row, list(story.tags.names()), quotes)
    assert now == story.imported_fingerprint == story.fingerprint()
    Article.objects.filter(pk=story.pk).update(imported_fingerprint=before)

    section_migration.refingerprint(apps, SchemaEditor())

    story.refresh_from_db()
    assert story.imported_fingerprint == story.fingerprint()


# --- 0016-0018: sections become rows -----------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_0016_turns_section_strings_into_rows_and_keeps_fingerprints_honest():
    """At the schema before 0016 (the section a string): case variants and the general alias
    list's variants become one row each; every article points at its row; an unedited
    article stays unedited and an edited one edited."""
    from django.db.migrations.executor import MigrationExecutor

    try:
        _check_0016()
    finally:  # whatever happened, the database ends at the latest schema for the next tests
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def _check_0016() -> None:
    from django.db.migrations.executor import MigrationExecutor

    sections = importlib.import_module("articles.migrations.0017_section_rows")
    before, after = (
        ("articles", "0015_importissue_seed_text"),
        ("articles", "0018_sections_drop_strings"),
    )
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps
    OldArticle, OldSource = (
        old.get_model("articles", "Article"),
        old.get_model("articles", "Source"),
    )
    source = OldSource.objects.create(name="Example", domain="example.com")
    spellings = [
        "World",
        "world",
        "World",
        "Sports",
        "Sport",
        "Technology",
        "Tech",
        "Middle East",
        "",
    ]
    for n, spelling in enumerate(spellings):
        row = {"headline": f"Story {n}", "standfirst": "S.", "body": "A paragraph."}
        content = {**row, "tags": [], "quotes": []}
        OldArticle.objects.create(
            **row,
            slug=f"story-{n}",
            section=spelling,
            source=source,
            original_url=f"https://example.com/{n}",
            seed_line2="1",
            seed_line3="2",
            # Imported and unedited, but for story 1, which an editor has changed since.
            imported_fingerprint=sections._hash({**content, "section": spelling})
            if n != 1
            else "edited",
        )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([after])

    rows = {s.name: s for s in Section.objects.all()}
    assert set(rows) == {"World", "Sport", "Tech", "Middle East"}
    assert rows["Sport"].aliases == ["sports"] and rows["Sport"].slug == "sport"
    assert "technology" in rows["Tech"].aliases
    assert (rows["Middle East"].slug, rows["Middle East"].aliases) == ("middle-east", [])
    by_slug = dict(Article.objects.values_list("slug", "section__name"))
    assert [by_slug[f"story-{n}"] for n in range(len(spellings))] == [
        "World", "World", "World", "Sport", "Sport", "Tech", "Tech", "Middle East", None
    ]  # fmt: skip
    for article in Article.objects.all():
        assert article.edited_since_import == (article.slug == "story-1"), article.slug

    # And back: the strings return (as their section's name), fingerprints the old way.
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old = MigrationExecutor(connection).loader.project_state([before]).apps
    back = old.get_model("articles", "Article").objects.get(slug="story-4")
    assert back.section == "Sport"
    content = {
        "headline": "Story 4",
        "standfirst": "S.",
        "body": "A paragraph.",
        "tags": [],
        "quotes": [],
    }
    assert back.imported_fingerprint == sections._hash({**content, "section": "Sport"})
