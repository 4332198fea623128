"""Lists at archive scale (issue 16): the tag links' copy of their article's status and date
stays in sync through every write, list pages read from their indexes, and list lengths are
counted once per generation."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
import reversion
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import workflow
from articles.models import Article, Section, Source, Tag, TaggedArticle
from articles.taxonomy import copy_article_dates
from tests.test_views import make_articles

pytestmark = pytest.mark.django_db


def assert_links_follow(*articles: Article) -> None:
    """Every tag link of each article carries its article's status and date, as stored."""
    for article in articles:
        article = Article.objects.get(pk=article.pk)
        links = list(TaggedArticle.objects.filter(content_object=article))
        assert links, "the article has no tags to check"
        for link in links:
            assert (link.status, link.published_at) == (article.status, article.published_at)


def test_an_import_writes_the_links_dates(imported_article):
    assert_links_follow(imported_article)


def test_a_reimport_and_the_bulk_path_of_many_articles_write_them(tmp_path):
    from articles.seeds.generate import write_seeds
    from tests.conftest import run_import_seeds

    write_seeds(30, tmp_path, seed=3)
    code, _out, err = run_import_seeds(str(tmp_path))
    assert code == 0, err
    articles = [a for a in Article.objects.all() if a.tags.exists()]
    assert len(articles) > 10
    assert_links_follow(*articles)


def test_an_edit_of_the_date_moves_the_links(imported_article):
    article = Article.objects.get(pk=imported_article.pk)
    article.published_at = timezone.now() - timedelta(days=400)
    article.save()
    assert_links_follow(article)


@pytest.mark.parametrize(
    "status",
    [Article.Status.DRAFT, Article.Status.WITHDRAWN, Article.Status.IN_REVIEW],
)
def test_unpublishing_hides_the_article_from_its_tag_pages(client, imported_article, status):
    tag = imported_article.tags.first()
    assert imported_article.headline in client.get(tag.get_absolute_url()).content.decode()
    article = Article.objects.get(pk=imported_article.pk)
    workflow.transition(article, status, comment="A reason readers see.")
    article.save()
    assert_links_follow(article)
    assert client.get(tag.get_absolute_url()).status_code == 404  # its only article
    article.transition(Article.Status.PUBLISHED)
    article.save()
    assert_links_follow(article)
    assert imported_article.headline in client.get(tag.get_absolute_url()).content.decode()


def test_a_scheduled_article_reaches_its_tag_page_when_due_with_no_job(client):
    make_articles(2)
    client.cookies["sessionid"] = "x"  # skips the page cache, as an editor's
    later = Article.objects.get(slug="story-1")
    later.status = Article.Status.SCHEDULED
    later.published_at = timezone.now() + timedelta(seconds=1)
    later.save()
    assert_links_follow(later)
    url = reverse("articles:tag", args=["topic-0"])
    assert "Story 1" not in client.get(url).content.decode()
    time.sleep(1.2)  # falls due: nothing is written, the query compares the copy with the time
    assert "Story 1" in client.get(url).content.decode()


def test_queryset_updates_move_the_links(imported_article):
    Article.objects.update(status=Article.Status.DRAFT)  # no filter: every link
    assert_links_follow(imported_article)
    Article.objects.filter(pk=imported_article.pk).update(
        status=Article.Status.PUBLISHED, published_at=timezone.now() - timedelta(days=2)
    )
    assert_links_follow(imported_article)


def test_links_added_by_hand_and_by_a_tag_merge_carry_the_dates(imported_article):
    article = Article.objects.get(pk=imported_article.pk)
    new = Tag.objects.create(name="Brand new", slug="brand-new")
    article.tags.add(new)  # taggit: one link saved
    other = Tag.objects.create(name="Other", slug="other")
    TaggedArticle.objects.create(content_object_id=article.pk, tag=other)
    assert_links_follow(article)
    keeper = Tag.objects.create(name="Keeper", slug="keeper")
    assert keeper.merge([new, other]) == 1  # bulk_create, then the copy
    link = TaggedArticle.objects.get(tag=keeper)
    assert (link.status, link.published_at) == (article.status, article.published_at)


def test_a_restored_revision_leaves_the_links_in_sync(imported_article):
    article = Article.objects.get(pk=imported_article.pk)
    with reversion.create_revision():
        article.save()
    article.published_at = timezone.now() - timedelta(days=30)
    workflow.transition(article, Article.Status.WITHDRAWN, comment="A reason readers see.")
    article.save()
    Version.objects.get_for_object(article).first().revision.revert()
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED
    assert_links_follow(article)


def test_copy_article_dates_mends_links_written_around_the_model():
    make_articles(3)
    TaggedArticle.objects.all().update(status="", published_at=None)  # a link's own update
    assert copy_article_dates() == 15
    assert_links_follow(*Article.objects.all())


# -- the pages read from their indexes ------------------------------------------------------------


def plans_of(client, url: str) -> list[str]:
    """SQLite's plan of each SELECT the page runs on the articles or their tag links."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    plans = []
    with connection.cursor() as cursor:
        for query in queries:
            sql = query["sql"]
            if sql.startswith("SELECT") and ("articles_article" in sql or "taggedarticle" in sql):
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
                plans.append(sql + "\n" + "\n".join(str(row[-1]) for row in cursor.fetchall()))
    return plans


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plans")
@pytest.mark.parametrize(
    ("url", "index"),
    [
        ("/tags/topic-0/?page=2", "tag_published_idx"),
        ("/sections/world/?page=2", "section_listing_idx"),
        ("/sources/example.com/?page=2", "source_listing_idx"),
        ("/latest/?page=2", "article_listing_idx"),
    ],
)
def test_list_pages_read_from_their_index_and_sort_nothing(client, url, index):
    make_articles(45, tags=2, quotes=0)
    Article.objects.filter(pk__in=Article.objects.order_by("pk").values("pk")[:3]).update(
        section=Section.for_name("Sport"), source=Source.objects.create(domain="o.example")
    )
    plans = "\n\n".join(plans_of(client, url))
    assert index in plans
    # The page's ids come from the index in order: only the twenty rows read back are sorted.
    # (The twenty rows read back by id are sorted again: the plan's last step, if any.)
    picking = [p.split("\n")[1:] for p in plans.split("\n\n") if "LIMIT" in p and index in p]
    assert picking, plans
    for plan in picking:
        steps = plan[:-1] if "SUBQUERY" in "".join(plan) else plan
        assert not [step for step in steps if "TEMP B-TREE" in step], plans


# -- list lengths ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/latest/", "/tags/topic-0/", "/sections/world/", "/sources/example.com/"]
)
def test_a_list_is_counted_once_per_generation(client, url):
    make_articles(25, tags=1, quotes=0)
    client.cookies["sessionid"] = "x"  # skips the page cache, as an editor's
    with CaptureQueriesContext(connection) as first:
        assert "Page 1 of 2" in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as second:
        client.get(url)
    counts = [q for q in first if "COUNT(" in q["sql"].upper()]
    assert counts and not [q for q in second if "COUNT(" in q["sql"].upper()]
    assert len(second) <= len(first) - len(counts)
    # A change is counted at once: the generation moved on.
    Article.objects.filter(slug__in=[f"story-{i}" for i in range(6)]).delete()
    assert "Page 1 of 2" not in client.get(url).content.decode()


def test_a_due_scheduled_article_is_counted_without_a_change(client):
    make_articles(21, tags=1, quotes=0)
    client.cookies["sessionid"] = "x"
    article = Article.objects.get(slug="story-0")
    article.status = Article.Status.SCHEDULED
    article.published_at = timezone.now() + timedelta(seconds=1)
    article.save()
    assert "Page 1 of 2" not in client.get("/latest/").content.decode()
    time.sleep(1.2)
    assert "Page 1 of 2" in client.get("/latest/").content.decode()


# -- keyset pages ---------------------------------------------------------------------------------


def headlines(client, url: str) -> list[str]:
    import re

    response = client.get(url)
    assert response.status_code == 200, url
    return re.findall(r">(Story \d+)<", response.content.decode())


@pytest.mark.parametrize(
    "url", ["/latest/", "/tags/topic-0/", "/sections/world/", "/sources/example.com/"]
)
def test_cursor_pages_continue_where_the_numbered_ones_stop(client, url):
    make_articles(45, tags=1, quotes=0)
    newest_first = [f"Story {i}" for i in range(44, -1, -1)]
    assert headlines(client, url) == newest_first[:20]
    twentieth = Article.objects.get(headline=newest_first[19])
    older = headlines(client, f"{url}?before={twentieth.pk}")
    assert older == newest_first[20:40] == headlines(client, f"{url}?page=2")
    fortieth = Article.objects.get(headline=newest_first[39])
    assert headlines(client, f"{url}?before={fortieth.pk}") == newest_first[40:]
    first_of_last = Article.objects.get(headline=newest_first[40])
    assert headlines(client, f"{url}?after={first_of_last.pk}") == newest_first[20:40]
    assert headlines(client, f"{url}?after={twentieth.pk}") == newest_first[:19]


def test_the_neighbours_queries_switch_to_cursors_past_the_numbered_pages(monkeypatch):
    from articles import paging
    from articles.paging import FilteredListPaginator

    make_articles(45, tags=0, quotes=0)
    paginator = FilteredListPaginator(Article.objects.published(), 20)
    assert (paginator.page(1).newer_query, paginator.page(1).older_query) == ("", "page=2")
    monkeypatch.setattr(paging, "NUMBERED_PAGES", 2)
    second = paginator.page(2)
    assert second.older_query == f"before={second[19].pk}"
    assert second.newer_query == "page=1"
    last = paginator.cursor_page(before=str(second[19].pk))
    assert len(last) == 5 and last.older_query == "" and last.number is None
    assert last.newer_query == f"after={last[0].pk}"


@pytest.mark.parametrize(
    "query", ["before=999999", "before=abc", "after=-1", "before=" + "9" * 30, "after="]
)
def test_made_up_cursors_are_not_pages(client, query):
    make_articles(3, tags=1, quotes=0)
    assert client.get(f"/latest/?{query}").status_code == 404
    assert client.get(f"/tags/topic-0/?{query}").status_code == 404


def test_a_cursor_to_an_article_outside_the_list_is_not_a_page(client):
    make_articles(3, tags=1, quotes=0)
    other = Article.objects.get(slug="story-0")
    other.tags.clear()
    assert client.get(f"/tags/topic-0/?before={other.pk}").status_code == 404
    other.status = Article.Status.DRAFT
    other.save()
    assert client.get(f"/latest/?before={other.pk}").status_code == 404


@pytest.mark.parametrize(
    "url", ["/latest/", "/tags/topic-0/", "/sections/world/", "/sources/example.com/"]
)
def test_a_cursor_page_s_query_count_does_not_grow_with_the_data(client, url):
    make_articles(2, tags=1, quotes=0)  # a cursor page of one article
    newest = Article.objects.get(slug="story-1")
    with CaptureQueriesContext(connection) as one:
        assert "Story 0" in client.get(f"{url}?before={newest.pk}").content.decode()
    make_articles(0)
    Article.objects.all().delete()
    make_articles(50, tags=1, quotes=0)
    middle = Article.objects.get(slug="story-25")
    with CaptureQueriesContext(connection) as many:
        assert client.get(f"{url}?before={middle.pk}").status_code == 200
    assert len(many) == len(one)


def test_readers_walk_an_archive_by_its_older_links_to_the_end(client, monkeypatch):
    """Past the numbered pages the Older link names the last article shown; Newer links lead
    back; no article is skipped or shown twice."""
    import re

    from articles import paging

    monkeypatch.setattr(paging, "NUMBERED_PAGES", 2)
    make_articles(65, tags=1, quotes=0)
    for start in ["/latest/", "/tags/topic-0/", "/sections/world/", "/sources/example.com/"]:
        url, seen, pages = start, [], []
        while url:
            html = client.get(url).content.decode()
            seen += re.findall(r">(Story \d+)<", html)
            pages.append(html)
            older = re.search(r'href="\?([^"]+)" rel="next"', html)
            url = f"{start}?{older[1].replace('&amp;', '&')}" if older else None
        assert seen == [f"Story {i}" for i in range(64, -1, -1)], start
        assert "Page 1 of 4" in pages[0] and "?page=2" in pages[0]
        assert "before=" in pages[1] and "Page 2 of 4" in pages[1]
        assert "Page " not in pages[2].split('class="pagination"')[1]  # a cursor page
        newer = re.search(r'href="\?([^"]+)" rel="prev"', pages[3])[1]
        assert newer.startswith("after=")
        back = client.get(f"{start}?{newer}").content.decode()
        assert re.findall(r">(Story \d+)<", back) == [f"Story {i}" for i in range(24, 4, -1)]


def test_a_restored_backup_s_links_carry_their_articles_dates(imported_article, tmp_path):
    from django.core.management import call_command

    from articles.backup.reading import restore_backup

    call_command("backup", str(tmp_path / "all.jsonl"))
    lines = (tmp_path / "all.jsonl").read_bytes().splitlines(keepends=True)
    restore_backup(lines, replace=True)
    assert_links_follow(*Article.objects.all())
