"""Read-only endpoints over the public querysets: what anonymous readers may see, nothing more.

Every list is cursor-paginated newest first (a cursor stays cheap however deep, as offsets do
not) and reads a fixed number of queries whatever its length. Filters are query parameters;
an unknown value filters to nothing rather than erroring, as the site's pages do.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.db.models import Count, F, QuerySet
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response

from articles import workflow
from articles.api import serializers
from articles.api.writes import add_correction, save_article, sees_everything
from articles.article_page import read_article_page
from articles.models import Article, Quote, Section, Source, Speaker, Tag, readers_may_see
from articles.search import search


@csrf_exempt  # any method: the answer is the same 404
def not_found(request: object, *args: object, **kwargs: object) -> JsonResponse:
    return JsonResponse({"detail": "No such API address."}, status=404)


class NewestFirst(CursorPagination):
    ordering = ("-published_at", "-id")
    page_size = 20
    max_page_size = 100
    page_size_query_param = "page_size"


class ByName(CursorPagination):
    ordering = ("name", "id")
    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"


class QuotesNewestFirst(NewestFirst):
    # The cursor reads its position from an attribute: the article's date, annotated.
    ordering = ("-article_published_at", "-article_id", "position")


def _when(request: Request, name: str) -> datetime | None:
    value = request.query_params.get(name)
    if not value:
        return None
    problem = {name: "an ISO date (2024-03-12) or date and time with offset"}
    try:
        parsed = (
            parse_datetime(value) if "T" in value else parse_datetime(f"{value}T00:00:00+00:00")
        )
        # In UTC: PostgreSQL refuses offsets past 15:59 (ISO allows +23:59), and an instant
        # near year 1 or 9999 may not exist in UTC at all.
        if parsed is None or parsed.tzinfo is None:
            raise ValidationError(problem)
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        raise ValidationError(problem) from None


DATE_RANGE = [
    OpenApiParameter("since", OpenApiTypes.DATETIME, description="Published at or after."),
    OpenApiParameter("until", OpenApiTypes.DATETIME, description="Published before."),
]
ARTICLE_FILTERS = [
    OpenApiParameter("section", str, description="A section's name, any case."),
    OpenApiParameter("tag", str, description="A tag's slug."),
    OpenApiParameter("source", str, description="A source's domain."),
    OpenApiParameter("speaker", str, description="A speaker's slug: articles quoting them."),
    OpenApiParameter("q", str, description="Words the article holds (all of them)."),
    *DATE_RANGE,
]


EDITOR_ANSWER = {
    200: serializers.EditorArticleSerializer,
    201: serializers.EditorArticleSerializer,
}


@extend_schema_view(
    list=extend_schema(parameters=ARTICLE_FILTERS),
    create=extend_schema(request=serializers.ArticleWriteSerializer, responses=EDITOR_ANSWER),
    partial_update=extend_schema(
        request=serializers.ArticleWriteSerializer, responses=EDITOR_ANSWER
    ),
)
class ArticleViewSet(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Published articles (and scheduled ones whose time has come), newest first; with a
    staff token, every article, and writes through the admin's form and workflow."""

    lookup_field = "slug"
    pagination_class = NewestFirst
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_serializer_class(self) -> type:
        if self.action == "retrieve":
            if sees_everything(self.request):
                return serializers.EditorArticleSerializer
            return serializers.ArticleDetailSerializer
        return serializers.ArticleListSerializer

    def get_queryset(self) -> QuerySet[Article]:
        visible = Article.objects.all() if sees_everything(self.request) else None
        articles = (visible if visible is not None else Article.objects.published()).for_listing()
        params = self.request.query_params
        if params.get("section"):  # its slug, any spelling of its name, an alias
            articles = articles.filter(section=Section.objects.named(params["section"]))
        if params.get("tag"):
            articles = articles.filter(tags__slug=params["tag"])
        if params.get("source"):
            articles = articles.filter(source__domain=params["source"].lower())
        if params.get("speaker"):
            articles = articles.filter(quotes__speaker__slug=params["speaker"]).distinct()
        if since := _when(self.request, "since"):
            articles = articles.filter(published_at__gte=since)
        if until := _when(self.request, "until"):
            articles = articles.filter(published_at__lt=until)
        if params.get("q"):
            hits = search(params["q"])
            articles = articles.filter(pk__in=[pk for pk, _score in hits.ranked()])
        return articles

    def get_object(self) -> Article:
        public = not sees_everything(self.request)
        article = read_article_page(public=public, slug=self.kwargs["slug"])
        if article is None:
            raise Http404("No article here.")
        return article

    def _answer(self, article: Article, status: int = 200) -> Response:
        found = read_article_page(public=False, pk=article.pk)
        data = serializers.EditorArticleSerializer(found, context={"request": self.request}).data
        return Response(data, status=status)

    def create(self, request: Request, *args: object, **kwargs: object) -> Response:
        payload = serializers.ArticleWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        return self._answer(save_article(request, None, payload.validated_data), 201)

    def partial_update(self, request: Request, *args: object, **kwargs: object) -> Response:
        article = get_object_or_404(Article, slug=kwargs["slug"])
        payload = serializers.ArticleWriteSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        return self._answer(save_article(request, article, payload.validated_data))

    @extend_schema(request=serializers.WorkflowSerializer, responses=EDITOR_ANSWER)
    @action(detail=True, methods=["post"])
    def workflow(self, request: Request, slug: str) -> Response:
        """Press a workflow button: submit, publish, schedule, unpublish, withdraw, reject."""
        article = get_object_or_404(Article, slug=slug)
        payload = serializers.WorkflowSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        return self._answer(save_article(request, article, payload.validated_data))

    @extend_schema(request=serializers.CorrectionWriteSerializer, responses=EDITOR_ANSWER)
    @action(detail=True, methods=["post"])
    def corrections(self, request: Request, slug: str) -> Response:
        """Add a correction note readers see at the article's foot."""
        article = get_object_or_404(Article, slug=slug)
        payload = serializers.CorrectionWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        add_correction(request, article, payload.validated_data["note"])
        return self._answer(article, 201)

    def retrieve(self, request: Request, *args: object, **kwargs: object) -> Response:
        article = self.get_object()
        response = Response(self.get_serializer(article).data)
        if article.modified_at:  # with ConditionalGetMiddleware: 304 to If-Modified-Since
            response["Last-Modified"] = http_date(article.modified_at.timestamp())
        return response


QUOTE_FILTERS = [
    OpenApiParameter("speaker", str, description="A speaker's slug."),
    OpenApiParameter("tag", str, description="A tag's slug: quotes in its articles."),
    OpenApiParameter("article", str, description="An article's slug."),
    *DATE_RANGE,
]


@extend_schema_view(
    list=extend_schema(parameters=QUOTE_FILTERS),
    partial_update=extend_schema(
        request=serializers.QuoteWriteSerializer, responses=serializers.QuoteSerializer
    ),
)
class QuoteViewSet(mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Who said what, in articles readers may see, newest article first; an editor fixes a
    quote's speaker with PATCH (kept by re-extraction and re-imports)."""

    serializer_class = serializers.QuoteSerializer
    pagination_class = QuotesNewestFirst
    http_method_names = ["get", "patch", "head", "options"]

    def partial_update(self, request: Request, *args: object, **kwargs: object) -> Response:
        quote = get_object_or_404(Quote.objects.select_related("article"), pk=kwargs["pk"])
        user = request.user
        if not (user.has_perm("articles.change_quote") and workflow.can_change_object(user, quote)):
            raise PermissionDenied(workflow.REFUSED)
        payload = serializers.QuoteWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        slug = payload.validated_data["speaker"]
        speaker = None
        if slug is not None:
            speaker = Speaker.objects.filter(slug=slug).first()
            if speaker is None:
                raise ValidationError({"speaker": [f"no speaker {slug!r}"]})
        quote.speaker, quote.speaker_fixed = speaker, True
        quote.save(update_fields=["speaker", "speaker_fixed"])
        found = Quote.objects.select_related("article", "speaker").get(pk=quote.pk)
        return Response(serializers.QuoteSerializer(found, context={"request": request}).data)

    def get_queryset(self) -> QuerySet[Quote]:
        quotes = Quote.objects.public().annotate(article_published_at=F("article__published_at"))
        params = self.request.query_params
        if params.get("speaker"):
            quotes = quotes.filter(speaker__slug=params["speaker"])
        if params.get("tag"):
            quotes = quotes.filter(article__tags__slug=params["tag"])
        if params.get("article"):
            quotes = quotes.filter(article__slug=params["article"])
        if since := _when(self.request, "since"):
            quotes = quotes.filter(article__published_at__gte=since)
        if until := _when(self.request, "until"):
            quotes = quotes.filter(article__published_at__lt=until)
        return quotes


class SpeakerViewSet(viewsets.ReadOnlyModelViewSet):
    """Speakers quoted in articles readers may see, with their public quote counts."""

    serializer_class = serializers.SpeakerCountSerializer
    lookup_field = "slug"
    pagination_class = ByName

    def get_queryset(self) -> QuerySet[Speaker]:
        public = readers_may_see("quotes__article__")
        return Speaker.objects.public().annotate(quote_count=Count("quotes", filter=public))


class TagViewSet(viewsets.ReadOnlyModelViewSet):
    """Tags of articles readers may see."""

    serializer_class = serializers.TagSerializer
    lookup_field = "slug"
    pagination_class = ByName

    def get_queryset(self) -> QuerySet[Tag]:
        return Tag.objects.public()


class SourceViewSet(viewsets.ReadOnlyModelViewSet):
    """Sources of articles readers may see."""

    serializer_class = serializers.SourceSerializer
    lookup_field = "domain"
    lookup_value_regex = r"[^/]+"
    pagination_class = ByName

    def get_queryset(self) -> QuerySet[Source]:
        return Source.objects.public()


class SectionViewSet(viewsets.ViewSet):
    """Sections with public articles, with how many."""

    serializer_class = serializers.CountedSerializer

    @extend_schema(responses=serializers.CountedSerializer(many=True))
    def list(self, request: Request) -> Response:
        rows = (
            Section.objects.annotate(public=Count("articles", filter=readers_may_see("articles__")))
            .filter(public__gt=0)
            .order_by("name", "pk")
            .values_list("name", "slug", "public")
        )
        data = [{"name": name, "slug": slug, "articles": n} for name, slug, n in rows]
        return Response(serializers.CountedSerializer(data, many=True).data)
