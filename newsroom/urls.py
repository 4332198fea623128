"""Site URLs: the admin (at ADMIN_URL) and the reader's site; 404.html and 500.html are the
error pages."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("", include("articles.urls")),
]
