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
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from articles.cache import DEFAULT_PAGE_SECONDS, fresh_key
from articles.models import Article, Section, Source, Tag, TaggedArticle, readers_may_see
from articles.paging import FilteredListPaginator

NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000  # Google News reads at most 1,000 URLs per sitemap
# URLs per part (the protocol allows 50,000): at 100,000 articles a cold part renders in a
# second or two (its rows are read one by one), then is kept.
PART_LIMIT = 2000


def _latest_publication() -> datetime | None:
    """The newest public article's date: every part's ``lastmod`` in the index. (Django's
    default reads every item of the part for the newest of their dates: all 100,000 articles,
    for the index alone.)"""
    return Article.objects.published().values_list("published_at", flat=True).first()


class _ArticleRows(FilteredListPaginator):
    """A part's articles: ids from the listing index, then only what the sitemap shows."""

    def rows(self, ids: QuerySet | list[int]) -> QuerySet[Article]:
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

    def get_latest_lastmod(self) -> datetime | None:
        return _latest_publication()


def _newest(dates: QuerySet) -> Subquery:
    """The newest ``published_at`` of ``dates`` (filtered on ``OuterRef("pk")``): one seek in
    a (name, date) index per name, where joining every article to group them took seconds at
    100,000 articles."""
    return Subquery(dates.order_by("-published_at").values("published_at")[:1])


class _NamesSitemap(Sitemap):
    """Names (tags, sources, sections) with a public article; last modified when the newest
    of those was published."""

    changefreq = "daily"
    limit = PART_LIMIT

    def lastmod(self, item: Tag | Source | Section) -> datetime:
        return item.last_modified

    def get_latest_lastmod(self) -> datetime | None:
        return _latest_publication()


class TagSitemap(_NamesSitemap):
    priority = 0.5

    def items(self) -> QuerySet[Tag]:
        # From the links' copies of their articles' status and date (``TaggedArticle``).
        links = TaggedArticle.objects.filter(readers_may_see(), tag=OuterRef("pk"))
        return (
            Tag.objects.annotate(last_modified=_newest(links))
            .filter(last_modified__isnull=False)
            .order_by("name", "pk")
        )


class SourceSitemap(_NamesSitemap):
    priority = 0.4

    def items(self) -> QuerySet[Source]:
        articles = Article.objects.published().filter(source=OuterRef("pk"))
        return (
            Source.objects.annotate(last_modified=_newest(articles))
            .filter(last_modified__isnull=False)
            .order_by("name", "pk")
        )


class SectionSitemap(_NamesSitemap):
    priority = 0.5

    def items(self) -> QuerySet[Section]:
        articles = Article.objects.published().filter(section=OuterRef("pk"))
        return (
            Section.objects.annotate(last_modified=_newest(articles))
            .filter(last_modified__isnull=False)
            .order_by("name", "pk")
        )


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
