"""The yardstick for ``make bench``: the cheapest page Django can serve through the same
middleware, settings and gunicorn, so page speeds can be given as a ratio to it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def trivial(request: HttpRequest) -> HttpResponse:
    """A constant page: no database, no template, no cache."""
    return HttpResponse(b"ok\n", content_type="text/plain")
