"""The front page and the reader's index pages (sections, tags, speakers): thin views over
``articles.front``, each in a fixed number of queries."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.generic import ListView, TemplateView

from articles import front
from articles.models import Article
from articles.views import moved_permanently


class FrontPageView(TemplateView):
    """``/``: the lead story, secondary stories, a rail per busy section, who is talking."""

    template_name = "articles/front.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """``/?page=N`` was a page of the latest news, before the front page: it still is."""
        if "page" in request.GET:
            return moved_permanently(request, reverse("articles:list"))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(front=front.front_page(), **kwargs)


class SectionIndexView(TemplateView):
    """``/sections/``: every section readers have an article in, A-Z, with its newest story."""

    template_name = "articles/section_index.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        sections = front.public_sections()
        ids = [s.latest_id for s in sections if s.latest_id is not None]
        latest = Article.objects.filter(pk__in=ids).select_related("source").defer("body").in_bulk()
        rows = [(section, latest.get(section.latest_id)) for section in sections]
        return super().get_context_data(sections=rows, **kwargs)


class TagIndexView(ListView):
    """``/tags/``: every public tag A-Z with its article count, a page at a time, with links
    to the page each letter starts on."""

    template_name = "articles/tag_index.html"
    context_object_name = "tags"
    paginate_by = 120

    def get_queryset(self) -> front.CachedRanking:
        self.ranking = front.tag_ranking(self.paginate_by)
        return self.ranking

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(letters=self.ranking.extra or [], **kwargs)


class SpeakerIndexView(ListView):
    """``/speakers/``: every public speaker, most quoted first, with quote and article counts."""

    template_name = "articles/speaker_index.html"
    context_object_name = "speakers"
    paginate_by = 60

    def get_queryset(self) -> front.CachedRanking:
        return front.speaker_ranking(self.paginate_by)
