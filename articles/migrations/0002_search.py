"""The full-text index behind articles/search.py: an FTS5 table on SQLite, a tsvector column with
a GIN index on PostgreSQL. Existing articles are indexed here; later changes by reindex_article().
"""

from django.db import migrations

SQLITE_CREATE = """
CREATE VIRTUAL TABLE articles_search USING fts5(
    headline, standfirst, body, quotes,
    tokenize = 'porter unicode61 remove_diacritics 2'
)
"""
SQLITE_FILL = """
INSERT INTO articles_search (rowid, headline, standfirst, body, quotes)
SELECT a.id, a.headline, a.standfirst, a.body, COALESCE((
    SELECT group_concat(q.text || COALESCE(' — ' || s.name, ''), char(10))
    FROM articles_quote q LEFT JOIN articles_speaker s ON s.id = q.speaker_id
    WHERE q.article_id = a.id
), '')
FROM articles_article a
"""

POSTGRES_CREATE = [
    """
    CREATE TABLE articles_search (
        article_id bigint PRIMARY KEY,
        document tsvector NOT NULL,
        content text NOT NULL
    )
    """,
    "CREATE INDEX articles_search_document_gin ON articles_search USING GIN (document)",
]
POSTGRES_FILL = """
INSERT INTO articles_search (article_id, document, content)
SELECT a.id,
    setweight(to_tsvector('english', a.headline), 'A')
    || setweight(to_tsvector('english', a.standfirst), 'B')
    || setweight(to_tsvector('english', q.quotes), 'C')
    || setweight(to_tsvector('english', a.body), 'D'),
    a.standfirst || E'\\n' || a.body || E'\\n' || q.quotes
FROM articles_article a, LATERAL (
    SELECT COALESCE(string_agg(qt.text || COALESCE(' — ' || s.name, ''), E'\\n'), '') AS quotes
    FROM articles_quote qt LEFT JOIN articles_speaker s ON s.id = qt.speaker_id
    WHERE qt.article_id = a.id
) q
"""


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
        schema_editor.execute(SQLITE_FILL)
    elif vendor == "postgresql":
        for statement in POSTGRES_CREATE:
            schema_editor.execute(statement)
        schema_editor.execute(POSTGRES_FILL)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor in ("sqlite", "postgresql"):
        schema_editor.execute("DROP TABLE IF EXISTS articles_search")


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
