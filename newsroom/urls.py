"""Site URLs: the admin (at ADMIN_URL), sitemaps and robots.txt, the pages editors write
(flatpages), the favicon, and the reader's site; 404.html and 500.html are the error pages."""

import os

from django.conf import settings
from django.contrib import admin
from django.contrib.flatpages import views as flatpages
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from articles.health import healthz
from articles.sitemaps import NEWS_SITEMAPS, sitemap_index, sitemap_part
from articles.views import favicon

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
    # Pages editors write (``django.contrib.flatpages``): the footer's three at their own
    # addresses, any other at /pages/<its url>.
    path("about/", flatpages.flatpage, {"url": "/about/"}, name="about"),
    path("contact/", flatpages.flatpage, {"url": "/contact/"}, name="contact"),
    path(
        "corrections-policy/",
        flatpages.flatpage,
        {"url": "/corrections-policy/"},
        name="corrections_policy",
    ),
    path("pages/", include("django.contrib.flatpages.urls")),
    path("favicon.ico", favicon, name="favicon"),
    path("", include("articles.urls")),
]
if os.environ.get("BENCH_TRIVIAL_VIEW") == "1":  # only for `make bench`: the yardstick view
    from bench.views import trivial

    urlpatterns.append(path("bench/trivial/", trivial, name="bench-trivial"))
