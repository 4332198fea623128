"""The reader's site under /site/, for tests that swap the URL configuration."""

from django.urls import include, path

urlpatterns = [path("site/", include("articles.urls"))]
