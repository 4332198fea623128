"""Site URLs: the admin (at ADMIN_URL), sitemaps and robots.txt, and the reader's site; 404.html
and 500.html are the error pages."""

import os

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from articles.health import healthz
from articles.sitemaps import NEWS_SITEMAPS, sitemap_index, sitemap_part

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path(
        "sitemap-news.xml",
        sitemap,
        {"sitemaps": NEWS_SITEMAPS, "template_name": "sitemaps/news.xml"},
        name="news_sitemap",
    ),
    path("sitemap-<slug:section>.xml", sitemap_part, name="sitemap_part"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
    path("api/v1/", include("articles.api.urls")),
    path("", include("articles.urls")),
]
if os.environ.get("BENCH_TRIVIAL_VIEW") == "1":  # only for `make bench`: the yardstick view
    from bench.views import trivial

    urlpatterns.append(path("bench/trivial/", trivial, name="bench-trivial"))
