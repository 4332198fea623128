"""Articles are matched by their URL's identity (``articles.seeds.url.url_identity``: http or
https, ``www.``, trailing slash, tracking parameters, IDN or punycode host...), held as
``Article.url_key``, its SHA-256; ``original_url`` is kept as the feed wrote it and is no
longer unique.

Existing rows whose URLs name the same article (``http://`` and ``https://``, ``?utm_...``)
were separate articles until now. None is deleted or merged here: one of each group keeps the
key (the oldest that is not withdrawn, else the oldest), so imports update that one, and the
others keep no key (NULL, which the unique index allows many times); they stay as they are,
for editors to withdraw or keep. The migration prints them.
"""

import sys

from django.db import migrations, models

from articles.seeds.url import url_key


def fill_url_keys(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    connection = schema_editor.connection
    groups: dict[str, list[tuple[bool, int]]] = {}
    rows = (
        Article.objects.using(connection.alias)
        .order_by("pk")
        .values_list("pk", "original_url", "status")
    )
    for pk, url, status in rows.iterator(chunk_size=2000):
        if url:
            groups.setdefault(url_key(url), []).append((status == "withdrawn", pk))
    keys, duplicates = [], []
    for key, articles in groups.items():
        articles.sort()  # not withdrawn first, then the oldest
        keeper = articles[0][1]
        keys.append((key, keeper))
        duplicates.extend((pk, keeper) for _withdrawn, pk in articles[1:])
    quote = connection.ops.quote_name
    sql = (
        f"UPDATE {quote(Article._meta.db_table)} SET {quote('url_key')} = %s "
        f"WHERE {quote('id')} = %s"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(keys), 1000):
            cursor.executemany(sql, keys[start : start + 1000])
    if duplicates:
        duplicates.sort()
        shown = ", ".join(f"{pk} (same as {keeper})" for pk, keeper in duplicates[:50])
        more = f" and {len(duplicates) - 50} more" if len(duplicates) > 50 else ""
        sys.stdout.write(
            f"\n  {len(duplicates)} article(s) name the same article by URL as another one and "
            f"were left without a url_key (imports update the other one): {shown}{more}\n"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_fewer_foreign_key_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="url_key",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text="Which article the URL names, however it is written: the SHA-256 of "
                "its identity (articles.seeds.url.url_identity). Imports match articles by it. "
                "Empty for an article whose URL names the same article as another one that "
                "has it (migration 0008_url_identity).",
                max_length=64,
                null=True,
            ),
        ),
        migrations.RunPython(fill_url_keys, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="article",
            name="url_key",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text="Which article the URL names, however it is written: the SHA-256 of "
                "its identity (articles.seeds.url.url_identity). Imports match articles by it. "
                "Empty for an article whose URL names the same article as another one that "
                "has it (migration 0008_url_identity).",
                max_length=64,
                null=True,
                unique=True,
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="original_url",
            field=models.URLField(
                help_text="The article's URL as the seed wrote it (exported so).",
                max_length=2000,
            ),
        ),
    ]
