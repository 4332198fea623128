"""``/api/v1/``: the read endpoints, the OpenAPI schema and its docs (served from local files)."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from articles.api import views
from articles.api.ingest import SeedViewSet

app_name = "api"

router = DefaultRouter()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("quotes", views.QuoteViewSet, basename="quote")
router.register("speakers", views.SpeakerViewSet, basename="speaker")
router.register("tags", views.TagViewSet, basename="tag")
router.register("sources", views.SourceViewSet, basename="source")
router.register("sections", views.SectionViewSet, basename="section")
router.register("seeds", SeedViewSet, basename="seed")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
    # Anything else under /api/v1/ (a slug no route takes, a mistyped path): a JSON 404, as
    # the API's own 404s are, not the site's HTML page.
    re_path(r"^[\s\S]*$", views.not_found),  # [\s\S]: a newline in the path too
]
