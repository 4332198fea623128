"""Every article's section string becomes a row (the data step of 0016_sections, in its own
transaction: see there).

Spellings that differ only in case or punctuation (``World``, ``world``), or that the general
alias list joins (``Sports`` and ``Sport``, ``Technology`` and ``Tech``), become one section,
named as the list names it, else as most of its articles spell it; the other spellings are kept
as aliases, so their old addresses redirect. The list is frozen here as it was
(``articles.taxonomy.COMMON_SECTIONS`` may grow).

``Article.fingerprint()`` now hashes the section row's id: an article whose fingerprint, the
old way (the string), still equals its stored one has not been changed since its import, and
its fingerprint is made again the new way; an edited one keeps its stored fingerprint, which
differs from any new one, so its next changed seed is still a conflict (as in 0009).
"""

import hashlib
import json
from collections import Counter

from django.db import migrations, models
from django.utils.text import slugify

CHUNK = 1000
COMMON_SECTIONS = {
    "Sport": ("sports",),
    "Tech": ("technology", "tech-news"),
    "World": ("world-news", "international"),
    "UK": ("uk-news",),
    "US": ("us-news",),
    "Opinion": ("opinions",),
    "Business": ("business-news",),
    "Politics": ("political",),
    "Science": ("sciences",),
    "Film": ("films", "movies", "movie"),
    "Video": ("videos",),
    "Lifestyle": ("life-style", "life-and-style"),
    "Entertainment": ("entertainment-news",),
}


def key(text):
    return slugify(text) or text.strip().casefold()


def canonical(text):
    """The key of the section ``text`` means, and the common name and aliases if listed."""
    found = key(text)
    for name, aliases in COMMON_SECTIONS.items():
        if found == key(name) or found in aliases:
            return key(name), name, aliases
    return found, None, ()


def _hash(content):
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def group_sections(counts):
    """``{spelling: articles}`` -> ``[(name, slug, aliases, spellings)]``, one per section."""
    groups = {}
    for spelling, n in counts.items():
        group_key, name, aliases = canonical(spelling)
        group = groups.setdefault(group_key, {"name": name, "aliases": aliases, "counts": {}})
        group["counts"][spelling] = n
    sections, slugs = [], set()
    for group_key, group in sorted(groups.items()):
        spellings = sorted(group["counts"], key=lambda s: (-group["counts"][s], s))
        name = group["name"] or spellings[0]
        base = slugify(name)[:100].strip("-") or "section"
        slug, n = base, 1
        while slug in slugs:
            n += 1
            slug = f"{base[:95]}-{n}"
        slugs.add(slug)
        aliases = list(group["aliases"])
        for spelling in spellings:
            if key(spelling) not in {key(name), slug, *(key(a) for a in aliases)}:
                aliases.append(spelling)
        sections.append((name, slug, aliases, spellings))
    return sections


def _refingerprint(apps, schema_editor, old_of, new_of):
    """Make again the fingerprint of every article unchanged since its import: ``old_of(row)``
    and ``new_of(row)`` give the section as the old and the new fingerprint hash it."""
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
                "pk",
                "headline",
                "standfirst",
                "body",
                "section_name",
                "section_id",
                "imported_fingerprint",
            )[:CHUNK]
        )
        if not rows:
            break
        last = rows[-1]["pk"]
        ids = [row["pk"] for row in rows]
        tags = {}
        for article_id, name in (
            TaggedArticle.objects.using(alias)
            .filter(content_object_id__in=ids)
            .values_list("content_object_id", "tag__name")
        ):
            tags.setdefault(article_id, []).append(name)
        quotes = {}
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
            content = {
                "headline": row["headline"],
                "standfirst": row["standfirst"],
                "body": row["body"],
                "tags": sorted(tags.get(row["pk"], [])),
                "quotes": quotes.get(row["pk"], []),
            }
            if row["imported_fingerprint"] == _hash({**content, "section": old_of(row)}):
                changes.append((_hash({**content, "section": new_of(row)}), row["pk"]))
        if changes:
            with connection.cursor() as cursor:
                cursor.executemany(sql, changes)


def sections_to_rows(apps, schema_editor):
    alias = schema_editor.connection.alias
    Article = apps.get_model("articles", "Article")
    Section = apps.get_model("articles", "Section")
    counts = Counter(
        dict(
            Article.objects.using(alias)
            .exclude(section_name="")
            .values_list("section_name")
            .annotate(n=models.Count("pk"))
            .values_list("section_name", "n")
        )
    )
    for name, slug, aliases, spellings in group_sections(counts):
        section = Section.objects.using(alias).create(name=name, slug=slug, aliases=aliases)
        Article.objects.using(alias).filter(section_name__in=spellings).update(section=section)
    _refingerprint(
        apps, schema_editor, lambda row: row["section_name"], lambda row: row["section_id"]
    )


def rows_to_sections(apps, schema_editor):
    alias = schema_editor.connection.alias
    Article = apps.get_model("articles", "Article")
    Section = apps.get_model("articles", "Section")
    for section in Section.objects.using(alias):
        Article.objects.using(alias).filter(section=section).update(section_name=section.name)
    _refingerprint(
        apps, schema_editor, lambda row: row["section_id"], lambda row: row["section_name"]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0016_sections"),
    ]

    operations = [
        migrations.RunPython(sections_to_rows, rows_to_sections, elidable=False),
    ]
