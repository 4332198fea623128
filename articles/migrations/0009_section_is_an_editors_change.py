"""The section joins what counts as an editor's change (``Article.EDITORIAL_FIELDS``), so
``Article.fingerprint()`` now hashes it too, and every stored ``imported_fingerprint`` was made
without it. An article whose fingerprint, the old way, still equals the stored one has not been
changed since its import: its fingerprint is made again the new way. One that differs was
changed by an editor: it keeps its stored fingerprint, which differs from any new one as well,
so its next changed seed is still a conflict.
"""

import hashlib
import json

from django.db import migrations

CHUNK = 1000


def _hash(content: dict) -> str:
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def fingerprints(row: dict, tag_names: list[str], quotes: list[list]) -> tuple[str, str]:
    """The article's fingerprint without the section (before) and with it (now), as
    ``Article.fingerprint()`` made and makes it."""
    content = {
        "headline": row["headline"],
        "standfirst": row["standfirst"],
        "body": row["body"],
        "tags": sorted(tag_names),
        "quotes": quotes,
    }
    before = _hash(content)
    return before, _hash({**content, "section": row["section"]})


def refingerprint(apps, schema_editor, backwards=False):
    """Make again the fingerprint of every article unchanged since its import; ``backwards``:
    the old way, for unapplying the migration."""
    connection = schema_editor.connection
    alias = connection.alias
    Article = apps.get_model("articles", "Article")
    TaggedArticle = apps.get_model("articles", "TaggedArticle")
    Quote = apps.get_model("articles", "Quote")
    quote = connection.ops.quote_name
    sql = (
        f"UPDATE {quote(Article._meta.db_table)} SET {quote('imported_fingerprint')} = %s "
        f"WHERE {quote('id')} = %s"
    )
    imported = Article.objects.using(alias).exclude(imported_fingerprint="").order_by("pk")
    last = 0
    while True:
        rows = list(
            imported.filter(pk__gt=last).values(
                "pk", "headline", "standfirst", "body", "section", "imported_fingerprint"
            )[:CHUNK]
        )
        if not rows:
            break
        last = rows[-1]["pk"]
        ids = [row["pk"] for row in rows]
        tags: dict[int, list[str]] = {}
        for article_id, name in (
            TaggedArticle.objects.using(alias)
            .filter(content_object_id__in=ids)
            .values_list("content_object_id", "tag__name")
        ):
            tags.setdefault(article_id, []).append(name)
        quotes: dict[int, list[list]] = {}
        for article_id, *values in (
            Quote.objects.using(alias)
            .filter(article_id__in=ids)
            .order_by("article_id", "position")
            .values_list(
                "article_id", "block", "start", "end", "text", "speaker_id", "role", "partial"
            )
        ):
            quotes.setdefault(article_id, []).append(values)
        changes = []
        for row in rows:
            before, now = fingerprints(row, tags.get(row["pk"], []), quotes.get(row["pk"], []))
            old, new = (now, before) if backwards else (before, now)
            if row["imported_fingerprint"] == old:
                changes.append((new, row["pk"]))
        if changes:
            with connection.cursor() as cursor:
                cursor.executemany(sql, changes)


def refingerprint_backwards(apps, schema_editor):
    refingerprint(apps, schema_editor, backwards=True)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_url_identity"),
    ]

    operations = [
        migrations.RunPython(refingerprint, refingerprint_backwards, elidable=False),
    ]
