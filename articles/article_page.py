"""What the article page reads: the article with its source, section, tags, quotes and
corrections, and the related stories, in short queries written in SQL (this is the page readers
open most; built with the ORM, the same queries cost several times more than running them).
What readers may see is ``Article.objects.published_sql()``, never restated here."""

from __future__ import annotations

from articles.models import (
    Article,
    Correction,
    Quote,
    Section,
    Source,
    Speaker,
    Tag,
    TaggedArticle,
    tags_of,
)
from articles.rows import joined_columns, joined_instance, read_rows, table

# Related stories: each of the article's tags contributes its newest RELATED_WINDOW articles;
# the RELATED_SHORTLIST sharing most tags are read, and the public ones ranked.
RELATED_WINDOW = 100
RELATED_SHORTLIST = 50


def read_article_page(*, public: bool = True, **lookup: object) -> Article | None:
    """The article with ``slug`` or ``pk`` (``lookup``) and everything its page shows, or
    None: its source, and as lists its tags (``tag_list``), quotes in order with their
    speakers (``quote_list``) and corrections (``correction_list``). With ``public``,
    only what readers may see (``published()``).

    Four short queries written in SQL: building the same four with the ORM (a
    ``select_related`` and three ``Prefetch``es) cost several times more than running them,
    and this is the page readers open most. The source and speakers come with only the
    fields the page shows; the rest stay deferred."""
    ((field, value),) = lookup.items()
    if field not in ("slug", "pk"):
        raise TypeError(f"read_article_page() takes slug or pk, not {field}")
    source_fields = ("name", "domain", "homepage")
    section_fields = ("name", "slug")
    where, params = Article.objects.published_sql("a") if public else ("1 = 1", [])
    rows = read_rows(
        Article,
        f"SELECT a.*, {joined_columns('s', 'source', source_fields)}, "
        f"{joined_columns('c', 'section', section_fields)} "
        f"FROM {table(Article)} a JOIN {table(Source)} s ON s.id = a.source_id "
        f"LEFT JOIN {table(Section)} c ON c.id = a.section_id "
        f"WHERE a.{'slug' if field == 'slug' else 'id'} = %s AND {where}",
        [value, *params],
    )
    if not rows:
        return None
    article = rows[0]
    article.source = joined_instance(article, "source", Source, source_fields)
    article.section = joined_instance(article, "section", Section, section_fields)
    article.tag_list = read_rows(
        Tag,
        f"SELECT t.* FROM {table(Tag)} t "
        f"JOIN {table(TaggedArticle)} l ON l.tag_id = t.id "
        "WHERE l.content_object_id = %s ORDER BY t.name, t.id",  # as Tag.Meta.ordering
        [article.pk],
    )
    speaker_fields = ("name", "slug")
    article.quote_list = read_rows(
        Quote,
        f"SELECT q.*, {joined_columns('p', 'speaker', speaker_fields)} "
        f"FROM {table(Quote)} q LEFT JOIN {table(Speaker)} p ON p.id = q.speaker_id "
        "WHERE q.article_id = %s ORDER BY q.position, q.id",
        [article.pk],
    )
    for item in article.quote_list:
        item.article = article
        item.speaker = joined_instance(item, "speaker", Speaker, speaker_fields)
    article.correction_list = read_rows(
        Correction,
        f"SELECT * FROM {table(Correction)} WHERE article_id = %s ORDER BY created_at, id",
        [article.pk],
    )
    return article


def related_articles(article: Article, limit: int = 5) -> list[Article]:
    """Up to ``limit`` public articles sharing the most tags with ``article``, newest first
    among equals, in one query.

    Each of its tags contributes only its newest ``RELATED_WINDOW`` articles, read backwards
    from the (tag, article) index, so a tag on thousands of articles costs no more than a
    rare one and nothing is sorted but the candidates; an article's score is the number of
    those windows it is in (its shared tags, for recent stories). Written in SQL because
    the ORM's version of it (a grouped ``Count`` over a subquery) cost more to build than
    the rest of the page. Visibility is ``published_sql()``. The articles come
    with what the related list shows: headline, slug, date, ``source_name``."""
    tag_ids = [tag.pk for tag in tags_of(article)]
    if not tag_ids or limit < 1:
        return []
    links, articles, sources = (table(model) for model in (TaggedArticle, Article, Source))
    window = (
        f"SELECT * FROM (SELECT content_object_id AS id FROM {links} WHERE tag_id = %s "
        "AND content_object_id <> %s ORDER BY content_object_id DESC LIMIT %s) AS w{}"
    )
    candidates = " UNION ALL ".join(window.format(i) for i in range(len(tag_ids)))
    public, public_params = Article.objects.published_sql("a")
    # The best candidates are picked from the index alone; only they are joined to their
    # rows (whose status and date lie beyond the body, a long read each).
    sql = (
        "SELECT a.id, a.headline, a.slug, a.published_at, a.source_id, "
        "s.name AS source_name, c.shared_tags FROM ("
        f"  SELECT id, COUNT(*) AS shared_tags FROM ({candidates}) AS w"
        "   GROUP BY id ORDER BY shared_tags DESC, id DESC LIMIT %s"
        f") AS c JOIN {articles} a ON a.id = c.id JOIN {sources} s ON s.id = a.source_id "
        f"WHERE {public} "
        "ORDER BY c.shared_tags DESC, a.published_at DESC, a.id DESC LIMIT %s"
    )
    params: list[object] = []
    for tag_id in tag_ids:
        params += [tag_id, article.pk, RELATED_WINDOW]
    params += [RELATED_SHORTLIST, *public_params, limit]
    return read_rows(Article, sql, params)
