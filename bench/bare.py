"""The floor of ``make bench``: a bare Django view, a Django app with no middleware, no apps and
no database, under the same gunicorn and worker count (``gunicorn -c gunicorn.conf.py
bench.bare:application``). No Django page can be faster; Newsroom's pages are given as a ratio
to it beside the ratio to the trivial view behind all of Newsroom's middleware."""

from __future__ import annotations

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpRequest, HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-only-not-a-secret",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok\n", content_type="text/plain")


urlpatterns = [path("bench/trivial/", bare), path("healthz", bare)]
application = get_wsgi_application()
