"""The reader's site: thin generic views over the querysets in ``models``."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.text import slugify
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from articles import workflow
from articles.article_page import read_article_page, related_articles
from articles.cards import with_card_tags
from articles.front import speaker_counts
from articles.models import (
    Article,
    Quote,
    Section,
    Source,
    Speaker,
    Tag,
    TaggedArticle,
    readers_may_see,
)
from articles.paging import FilteredListPaginator
from articles.pending import pending_for
from articles.quote_display import display_quotes
from articles.search import SORTS, SearchResults, search
from articles.seo import article_json_ld, json_ld

RELATED_ARTICLES = 5


def alternate_feeds(title: str, name: str, *args: str) -> list[dict[str, str]]:
    """RSS and Atom ``<link rel="alternate">`` entries for the feed URL pair called ``name``."""
    return [
        {"title": f"{title} (RSS)", "type": "application/rss+xml", "url": reverse(name, args=args)},
        {
            "title": f"{title} (Atom)",
            "type": "application/atom+xml",
            "url": reverse(f"{name}_atom", args=args),
        },
    ]


class ArticleListView(ListView):
    """Published articles, newest first."""

    paginate_by = settings.ARTICLES_PER_PAGE
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    heading = "Latest news"

    paginator_class = FilteredListPaginator
    paginator_kwargs: dict[str, str] = {}

    def get_queryset(self) -> QuerySet[Article]:
        return self.filter_articles(Article.objects.published()).for_listing()

    def filter_articles(self, articles: QuerySet[Article]) -> QuerySet[Article]:
        return articles

    def count_key(self) -> str:
        """What names this list's length among the site's lists (``counts.counted``)."""
        return "articles:latest"

    def paginate_queryset(self, queryset: QuerySet, page_size: int) -> tuple:
        """``?page=<n>``, or a page by its neighbour: ``?before=<article id>`` (the articles
        just older than it) or ``?after=<article id>`` (``FilteredListPaginator``)."""
        before, after = self.request.GET.get("before"), self.request.GET.get("after")
        if before is None and after is None:
            return super().paginate_queryset(queryset, page_size)
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.cursor_page(before=before, after=after)
        return (paginator, page, page.object_list, True)

    def get_paginator(self, *args: Any, **kwargs: Any) -> Paginator:
        return super().get_paginator(
            *args, count_key=self.count_key(), **self.paginator_kwargs, **kwargs
        )

    def get_heading(self) -> str:
        return self.heading

    def get_feeds(self) -> list[dict[str, str]]:
        """The page's own feeds, besides the site-wide ones every page advertises."""
        return []

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["heading"] = self.get_heading()
        context["alternate_feeds"] = self.get_feeds()
        context[self.context_object_name] = with_card_tags(context[self.context_object_name])
        return context


class TagArticleListView(ArticleListView):
    """A tag's articles, read from its links: each carries its article's status and date
    (``TaggedArticle``), so the newest public ones come from the (tag, date) index and no
    article row is read but the page's."""

    paginator_kwargs = {"id_field": "content_object_id"}

    def get_queryset(self) -> QuerySet[TaggedArticle]:
        # With the slug of the same person's speaker page, if they are quoted (one query).
        speaker = Speaker.objects.public().filter(slug=OuterRef("slug")).values("slug")[:1]
        tags = Tag.objects.public().annotate(speaker_slug=Subquery(speaker))
        self.tag = get_object_or_404(tags, slug=self.kwargs["slug"])
        return TaggedArticle.objects.filter(readers_may_see(), tag=self.tag).order_by(
            "-published_at", "-content_object_id"
        )

    def count_key(self) -> str:
        return f"articles:tag:{self.tag.pk}"

    def get_heading(self) -> str:
        return f"Tagged “{self.tag.name}”"

    def get_feeds(self) -> list[dict[str, str]]:
        return alternate_feeds(f"Newsroom: {self.tag.name}", "articles:tag_feed", self.tag.slug)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """With the same person's speaker page, when they are quoted, and the link to the
        quotes from articles with this tag."""
        return super().get_context_data(
            tag=self.tag,
            same_speaker=self.tag.speaker_slug
            and Speaker(name=self.tag.name, slug=self.tag.speaker_slug),
            tag_quotes_url=f"{reverse('articles:quotes')}?{urlencode({'tag': self.tag.slug})}",
            **kwargs,
        )


class SourceArticleListView(ArticleListView):
    """An outlet's articles; a domain merged into another source redirects (301) to its page."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.source = public_source(kwargs["domain"])
        if self.source.domain != kwargs["domain"]:
            return moved_permanently(request, self.source.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def filter_articles(self, articles: QuerySet[Article]) -> QuerySet[Article]:
        return articles.filter(source=self.source)

    def count_key(self) -> str:
        return f"articles:source:{self.source.pk}"

    def get_heading(self) -> str:
        return f"From {self.source.name}"

    def get_feeds(self) -> list[dict[str, str]]:
        return alternate_feeds(
            f"Newsroom: {self.source.name}", "articles:source_feed", self.source.domain
        )


class SectionArticleListView(ArticleListView):
    """A section's articles at ``/sections/<slug>/``. Any other spelling of it (another case,
    an old name, an alias) is a permanent redirect there; a section readers see no article in
    has no page (404), so made-up names are not pages (nor cached ones)."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.section = Article.objects.public_section(kwargs["section"])
        if self.section is None:
            raise Http404("No such section.")
        if self.section.slug != kwargs["section"]:
            return moved_permanently(request, self.section.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def filter_articles(self, articles: QuerySet[Article]) -> QuerySet[Article]:
        return articles.in_section(self.section)

    def count_key(self) -> str:
        return f"articles:section:{self.section.pk}"

    def get_heading(self) -> str:
        return self.section.name

    def get_feeds(self) -> list[dict[str, str]]:
        return alternate_feeds(
            f"Newsroom: {self.section.name}", "articles:section_feed", self.section.slug
        )


def moved_permanently(request: HttpRequest, url: str) -> HttpResponsePermanentRedirect:
    """301 to a name's own address (a section's slug, a source's domain), keeping the query
    (``?page=2``)."""
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


def public_source(domain: str) -> Source:
    """The source readers may see at ``domain``: its own, or (for the caller to redirect) the
    one it was merged into; else 404."""
    source = Source.objects.public().filter(domain=domain).first()
    if source is None:
        merged = Source.for_domain(domain)
        if merged is None or not Source.objects.public().filter(pk=merged.pk).exists():
            raise Http404("No such source.")
        source = merged
    return source


class ArticleDetailView(DetailView):
    """One article with its body, quotes, tags, metadata for search engines and related
    articles, in five queries (``article_page``)."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"
    public_only = True

    def get_object(self, queryset: QuerySet[Article] | None = None) -> Article:
        article = read_article_page(public=self.public_only, **self.lookup())
        if article is None:
            raise Http404("No article here.")
        return article

    def lookup(self) -> dict[str, object]:
        return {"slug": self.kwargs["slug"]}

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            withdrawn = Article.objects.filter(
                slug=kwargs.get("slug"), status=Article.Status.WITHDRAWN
            ).first()
            if withdrawn is None:
                raise
            context = {"article": withdrawn, "reason": workflow.withdrawal_reason(withdrawn)}
            return TemplateResponse(request, "articles/article_gone.html", context, status=410)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        article = self.object
        data = article_json_ld(article, self.request)
        return super().get_context_data(
            related=related_articles(article, RELATED_ARTICLES),
            quote_groups=display_quotes(article.quote_list),
            json_ld=json_ld(data),
            canonical_url=data["url"],
            **kwargs,
        )


class SearchView(ListView):
    """``/search/?q=``: published articles matching every word, best first, with snippets;
    ``sort=date`` puts the newest first, ``section=<slug>`` keeps one section's. Any input
    gives a page (an empty query or no words gives the empty form; an unknown section or sort
    is ignored, and the page says so)."""

    paginate_by = settings.SEARCH_RESULTS_PER_PAGE
    template_name = "articles/search.html"
    context_object_name = "hits"

    def get_queryset(self) -> SearchResults:
        self.query = self.request.GET.get("q", "").strip()  # RejectNulMiddleware drops NULs
        self.sections = list(Section.objects.public().order_by("name").only("name", "slug"))
        self.notices: list[str] = []
        sort = self.request.GET.get("sort", "")
        self.sort = sort if sort in SORTS else SORTS[0]
        if sort and sort != self.sort:
            self.notices.append("Unknown sort order: showing the most relevant first.")
        slug = self.request.GET.get("section", "")
        self.section = next((s for s in self.sections if s.slug == slug), None)
        if slug and self.section is None:
            self.notices.append("No such section: searching all sections.")
        return search(self.query, self.section, self.sort)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # The pages' links keep the query, sort and section (the page cache keys a page by
        # them too: ``cache.PAGE_QUERY_PARAMETERS``).
        query = {"q": self.query}
        if self.sort != SORTS[0]:
            query["sort"] = self.sort
        if self.section is not None:
            query["section"] = self.section.slug
        return super().get_context_data(
            query=self.query,
            has_terms=bool(self.object_list.terms),
            query_prefix=urlencode(query),
            sort=self.sort,
            sorts=[("relevance", "Most relevant"), ("date", "Newest first")],
            section=self.section,
            sections=self.sections,
            notices=self.notices,
            **kwargs,
        )


class ArticlePreviewView(ArticleDetailView):
    """Staff see any article exactly as readers would, at a URL readers cannot open."""

    public_only = False

    def lookup(self) -> dict[str, object]:
        return {"pk": self.kwargs["pk"]}

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not (request.user.is_staff and request.user.has_perm("articles.view_article")):
            raise Http404("No article here.")
        response = super().dispatch(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        add_never_cache_headers(response)
        return response

    def get_object(self, queryset: QuerySet[Article] | None = None) -> Article:
        """With ``?pending=1``, the article as its pending change would make it: its text, and
        no quote list (quotes follow the text when the change is published)."""
        article = super().get_object(queryset)
        change = pending_for(article) if self.request.GET.get("pending") else None
        if change is not None:
            for name in ("headline", "standfirst", "body"):
                setattr(article, name, change.values.get(name, getattr(article, name)))
            article.quote_list = []
            self.pending_change = change
        return article

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        pending_change = getattr(self, "pending_change", None)
        return super().get_context_data(preview=True, pending_change=pending_change, **kwargs)


class SpeakerDetailView(ListView):
    """A speaker and what they said, newest first, each quote linking to its paragraph."""

    paginate_by = 30
    template_name = "articles/speaker_detail.html"
    context_object_name = "quotes"

    def get_queryset(self) -> QuerySet[Quote]:
        self.speaker = get_object_or_404(Speaker.objects.public(), slug=self.kwargs["slug"])
        return Quote.objects.public().filter(speaker=self.speaker)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """With their latest role, counts, and the tag page of the same name, if any."""
        return super().get_context_data(
            speaker=self.speaker,
            counts=speaker_counts(self.speaker),
            **kwargs,
        )


class QuoteListView(ListView):
    """Latest quotes, filterable by ``?speaker=`` and ``?tag=`` (a slug, or a name as a reader
    types it into the page's form). A name that matches nothing gives the page with the form
    and a message saying so (status 404), not a bare error page."""

    paginate_by = 30
    template_name = "articles/quote_list.html"
    context_object_name = "quotes"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        if self.problems:
            response.status_code = 404
        return response

    def get_queryset(self) -> QuerySet[Quote]:
        quotes = Quote.objects.public()
        self.problems: list[str] = []
        self.typed = {name: self.request.GET.get(name, "").strip()[:200] for name in FILTERS}
        self.speaker = self.tag = None
        if text := self.typed["speaker"]:
            self.speaker = named(Speaker.objects.public(), text)
            if self.speaker is None:
                self.problems.append(f"No speaker called “{text}” has published quotes.")
            else:
                quotes = quotes.filter(speaker=self.speaker)
        if text := self.typed["tag"]:
            self.tag = named(Tag.objects.public(), text)
            if self.tag is None:
                self.problems.append(f"No published article has the tag “{text}”.")
            else:
                quotes = quotes.filter(article__tags=self.tag)
        return quotes.none() if self.problems else quotes

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # The pages' links keep the filters and nothing else the URL held (the page cache
        # keys a page by the parameters views read: ``cache.PAGE_QUERY_PARAMETERS``).
        filters = {"speaker": self.speaker, "tag": self.tag}
        query = {name: thing.slug for name, thing in filters.items() if thing is not None}
        return super().get_context_data(
            speaker=self.speaker,
            tag=self.tag,
            typed=self.typed,
            problems=self.problems,
            query_prefix=urlencode(query),
            **kwargs,
        )


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """``/favicon.ico``, which browsers and crawlers ask for whatever the page says: a
    permanent redirect to the SVG icon the pages name (``<link rel="icon">``)."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


FILTERS = ("speaker", "tag")


def named(things: QuerySet[Any], text: str) -> Any:
    """The speaker or tag ``text`` names: its slug, or a name whose slug it is."""
    return things.filter(slug__in={text, slugify(text)}).order_by("slug").first()
