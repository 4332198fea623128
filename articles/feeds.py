"""RSS and Atom feeds of published articles: the whole site, and per tag, section and source.

A tag, source or section readers see no article of has no feed (404), as it has no page.

Declarative ``django.contrib.syndication`` feeds; each Atom feed is its RSS feed with another
``feed_type``. Every feed is a fixed number of queries: the object, the items, their tags.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from articles.models import Article, Section, Source, Tag, tags_of
from articles.views import moved_permanently, public_source

FEED_SIZE = 30


class LatestArticlesFeed(Feed):
    """The newest published articles on the site."""

    title = "Newsroom: latest news"
    description = "News from the wires, with who said what."

    def link(self, obj: object = None) -> str:
        return reverse("articles:list")

    def articles(self, obj: object) -> QuerySet[Article]:
        return Article.objects.published()

    def items(self, obj: object = None) -> QuerySet[Article]:
        return self.articles(obj).for_listing()[:FEED_SIZE]

    def item_title(self, item: Article) -> str:
        return item.headline

    def item_description(self, item: Article) -> str:
        # Feed readers treat descriptions as HTML; the standfirst is plain text.
        return escape(item.standfirst)

    def item_pubdate(self, item: Article) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: Article) -> datetime | None:
        # The last change readers saw, as the page's "Updated" line and JSON-LD say.
        return item.modified_at

    def item_author_name(self, item: Article) -> str:
        return item.source.name

    def item_author_link(self, item: Article) -> str:
        return item.source.homepage or f"https://{item.source.domain}/"

    def item_categories(self, item: Article) -> list[str]:
        return [tag.name for tag in tags_of(item)]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description


class TagFeed(LatestArticlesFeed):
    """Published articles with one tag."""

    def get_object(self, request: HttpRequest, slug: str) -> Tag:
        return get_object_or_404(Tag.objects.public(), slug=slug)

    def title(self, obj: Tag) -> str:
        return f"Newsroom: {obj.name}"

    def description(self, obj: Tag) -> str:
        return f"The latest articles about {obj.name}."

    subtitle = description

    def link(self, obj: Tag) -> str:
        return obj.get_absolute_url()

    def articles(self, obj: Tag) -> QuerySet[Article]:
        return Article.objects.published().filter(tags=obj)


class TagAtomFeed(TagFeed):
    feed_type = Atom1Feed


class SourceFeed(LatestArticlesFeed):
    """Published articles from one outlet; a domain merged into another redirects (301)."""

    def __call__(self, request: HttpRequest, domain: str) -> HttpResponse:
        found = public_source(domain)
        if found.domain != domain:
            name = (
                "articles:source_feed_atom"
                if self.feed_type is Atom1Feed
                else "articles:source_feed"
            )
            return moved_permanently(request, reverse(name, args=[found.domain]))
        request.public_source = found  # for get_object: this feed object serves every request
        return super().__call__(request, domain=domain)

    def get_object(self, request: HttpRequest, domain: str) -> Source:
        return request.public_source

    def title(self, obj: Source) -> str:
        return f"Newsroom: from {obj.name}"

    def description(self, obj: Source) -> str:
        return f"The latest articles from {obj.name}."

    subtitle = description

    def link(self, obj: Source) -> str:
        return obj.get_absolute_url()

    def articles(self, obj: Source) -> QuerySet[Article]:
        return Article.objects.published().filter(source=obj)


class SourceAtomFeed(SourceFeed):
    feed_type = Atom1Feed


class SectionFeed(LatestArticlesFeed):
    """Published articles in one section, at its slug; another spelling redirects (301), as
    the section page does."""

    def __call__(self, request: HttpRequest, section: str) -> HttpResponse:
        found = Article.objects.public_section(section)
        if found is None:
            raise Http404("No such section.")
        if found.slug != section:
            name = (
                "articles:section_feed_atom"
                if self.feed_type is Atom1Feed
                else "articles:section_feed"
            )
            return moved_permanently(request, reverse(name, args=[found.slug]))
        request.public_section = found  # for get_object: this feed object serves every request
        return super().__call__(request, section=section)

    def get_object(self, request: HttpRequest, section: str) -> Section:
        return request.public_section

    def title(self, obj: Section) -> str:
        return f"Newsroom: {obj.name}"

    def description(self, obj: Section) -> str:
        return f"The latest articles in {obj.name}."

    subtitle = description

    def link(self, obj: Section) -> str:
        return obj.get_absolute_url()

    def articles(self, obj: Section) -> QuerySet[Article]:
        return Article.objects.published().in_section(obj)


class SectionAtomFeed(SectionFeed):
    feed_type = Atom1Feed
