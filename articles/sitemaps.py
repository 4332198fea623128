"""Sitemaps for search engines: articles, tags, sources and sections in ``sitemap.xml``, and a
Google News sitemap of the last two days' articles. Only what readers can see is listed."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet
from django.utils import timezone

from articles.models import Article, Section, Source, Tag

NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000  # Google News reads at most 1,000 URLs per sitemap


class ArticleSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

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

    def items(self) -> QuerySet[Tag]:
        return (
            Tag.objects.filter(tagged_articles__content_object__in=Article.objects.published())
            .annotate(last_modified=Max("tagged_articles__content_object__updated_at"))
            .order_by("name", "pk")
        )

    def lastmod(self, item: Tag) -> datetime:
        return item.last_modified


class SourceSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.4

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
