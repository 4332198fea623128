"""Sitemaps for search engines: ``sitemap.xml`` is an index of parts (articles, tags, sources,
sections; ``sitemap-articles.xml?p=2``...), each of at most ``PART_LIMIT`` URLs, so that no
response grows with the archive; and a Google News sitemap of the last two days' articles. Only
what readers can see is listed. Every part is rendered once per generation of the page cache
(``cache.fresh_key``) and kept: a crawler walking them all costs one rendering each per change."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Max, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from articles.cache import DEFAULT_PAGE_SECONDS, fresh_key
from articles.models import Article, Section, Source, Tag, TaggedArticle, readers_may_see
from articles.paging import FilteredListPaginator

NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000  # Google News reads at most 1,000 URLs per sitemap
# URLs per part (the protocol allows 50,000): a part renders in a fraction of a second.
PART_LIMIT = 5000


class _ArticleRows(FilteredListPaginator):
    """A part's articles: ids from the listing index, then only what the sitemap shows."""

    def rows(self, ids: Subquery) -> QuerySet[Article]:
        return (
            Article.objects.filter(pk__in=ids)
            .only("slug", "published_at", "content_updated_at")
            .order_by("-published_at", "-pk")
        )


class ArticleSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8
    limit = PART_LIMIT

    @property
    def paginator(self) -> Paginator:
        return _ArticleRows(self.items(), self.limit, count_key="sitemap:articles")

    def items(self) -> QuerySet[Article]:
        return (
            Article.objects.published()
            .only("slug", "published_at", "content_updated_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, item: Article) -> datetime | None:
        # As the page's JSON-LD dateModified: the last change readers saw.
        return item.modified_at


class TagSitemap(Sitemap):
    """Tags with at least one public article; last modified when the newest of those was."""

    changefreq = "daily"
    priority = 0.5

    limit = PART_LIMIT

    def items(self) -> QuerySet[Tag]:
        # From the links' copies of their articles' status (``TaggedArticle``): the articles
        # themselves are read only for the date, through their primary key.
        links = TaggedArticle.objects.filter(readers_may_see())
        return (
            Tag.objects.filter(tagged_articles__in=links)
            .annotate(last_modified=Max("tagged_articles__content_object__updated_at"))
            .order_by("name", "pk")
        )

    def lastmod(self, item: Tag) -> datetime:
        return item.last_modified


class SourceSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.4
    limit = PART_LIMIT

    def items(self) -> QuerySet[Source]:
        return (
            Source.objects.filter(articles__in=Article.objects.published())
            .annotate(last_modified=Max("articles__updated_at"))
            .order_by("name", "pk")
        )

    def lastmod(self, item: Source) -> datetime:
        return item.last_modified


class SectionSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5
    limit = PART_LIMIT

    def items(self) -> QuerySet[Section]:
        return (
            Section.objects.filter(articles__in=Article.objects.published())
            .annotate(last_modified=Max("articles__updated_at"))
            .order_by("name", "pk")
        )

    def lastmod(self, item: Section) -> datetime:
        return item.last_modified


class NewsSitemap(Sitemap):
    """Articles published in the last two days, for ``sitemaps/news.xml`` (news: namespace)."""

    limit = NEWS_LIMIT

    def items(self) -> QuerySet[Article]:
        since = timezone.now() - NEWS_WINDOW
        return (
            Article.objects.published()
            .filter(published_at__gte=since)
            .only("slug", "headline", "published_at", "content_updated_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, item: Article) -> datetime | None:
        return item.modified_at


SITEMAPS: dict[str, type[Sitemap]] = {
    "articles": ArticleSitemap,
    "tags": TagSitemap,
    "sources": SourceSitemap,
    "sections": SectionSitemap,
}
NEWS_SITEMAPS: dict[str, type[Sitemap]] = {"news": NewsSitemap}


def _kept(request: HttpRequest, name: str, render: Callable[[], HttpResponse]) -> HttpResponse:
    """The response ``render`` makes, kept for the page cache's generation under ``name`` and
    the address it was asked at (its URLs are absolute). Only a 200 is kept: a made-up part
    or page number (``?p=99999``) is a 404 that stores nothing."""
    key = fresh_key("sitemap", f"{request.scheme}://{request.get_host()}|{name}")
    found = cache.get(key)
    if found is None:
        response = render()
        response.render()
        if response.status_code != 200:
            return response
        headers = {name: response[name] for name in _KEPT_HEADERS if response.has_header(name)}
        found = (response.content, headers)
        cache.set(key, found, timeout=DEFAULT_PAGE_SECONDS)
    content, headers = found
    return HttpResponse(content, headers=headers)


_KEPT_HEADERS = ("Content-Type", "Last-Modified", "X-Robots-Tag")


def sitemap_index(request: HttpRequest) -> HttpResponse:
    """``sitemap.xml``: the parts, one per section and page of ``PART_LIMIT`` URLs."""
    return _kept(
        request,
        "index",
        lambda: sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap_part"),
    )


def sitemap_part(request: HttpRequest, section: str) -> HttpResponse:
    """``sitemap-<section>.xml?p=<page>``: one part of the index."""
    page = request.GET.get("p", "1")
    if not page.isdigit() or section not in SITEMAPS:  # the view's own 404, uncached
        return sitemap_views.sitemap(request, SITEMAPS, section=section)
    return _kept(
        request,
        f"{section}:{int(page)}",
        lambda: sitemap_views.sitemap(request, SITEMAPS, section=section),
    )
