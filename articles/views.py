"""The reader's site: thin generic views over the querysets in ``models``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from articles.models import Article, Quote, Source, Speaker, Tag


class ArticleListView(ListView):
    """Published articles, newest first."""

    paginate_by = settings.ARTICLES_PER_PAGE
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    heading = "Latest news"

    def get_queryset(self) -> QuerySet[Article]:
        return self.filter_articles(Article.objects.published()).for_listing()

    def filter_articles(self, articles: QuerySet[Article]) -> QuerySet[Article]:
        return articles

    def get_heading(self) -> str:
        return self.heading

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["heading"] = self.get_heading()
        return context


class TagArticleListView(ArticleListView):
    def filter_articles(self, articles: QuerySet[Article]) -> QuerySet[Article]:
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return articles.filter(tags=self.tag)

    def get_heading(self) -> str:
        return f"Tagged “{self.tag.name}”"


class SourceArticleListView(ArticleListView):
    def filter_articles(self, articles: QuerySet[Article]) -> QuerySet[Article]:
        self.source = get_object_or_404(Source, domain=self.kwargs["domain"])
        return articles.filter(source=self.source)

    def get_heading(self) -> str:
        return f"From {self.source.name}"


class SectionArticleListView(ArticleListView):
    def filter_articles(self, articles: QuerySet[Article]) -> QuerySet[Article]:
        return articles.filter(section__iexact=self.kwargs["section"])

    def get_heading(self) -> str:
        return self.kwargs["section"]


class ArticleDetailView(DetailView):
    """One article with its body, quotes and tags, in three queries."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self) -> QuerySet[Article]:
        return Article.objects.published().for_detail()


class SpeakerDetailView(ListView):
    """A speaker and what they said, newest first, each quote linking to its paragraph."""

    paginate_by = 30
    template_name = "articles/speaker_detail.html"
    context_object_name = "quotes"

    def get_queryset(self) -> QuerySet[Quote]:
        self.speaker = get_object_or_404(Speaker, slug=self.kwargs["slug"])
        return Quote.objects.public().filter(speaker=self.speaker)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(speaker=self.speaker, **kwargs)


class QuoteListView(ListView):
    """Latest quotes, filterable by ``?speaker=<slug>`` and ``?tag=<slug>``."""

    paginate_by = 30
    template_name = "articles/quote_list.html"
    context_object_name = "quotes"

    def get_queryset(self) -> QuerySet[Quote]:
        quotes = Quote.objects.public()
        self.speaker = self.tag = None
        if slug := self.request.GET.get("speaker"):
            self.speaker = get_object_or_404(Speaker, slug=slug)
            quotes = quotes.filter(speaker=self.speaker)
        if slug := self.request.GET.get("tag"):
            self.tag = get_object_or_404(Tag, slug=slug)
            quotes = quotes.filter(article__tags=self.tag)
        return quotes

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            speaker=self.speaker, tag=self.tag, query_prefix=query.urlencode(), **kwargs
        )
