"""Request hygiene that no view should have to remember."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse, QueryDict


class RejectNulMiddleware:
    """A NUL character in the path is a 404; in the query string it is dropped.

    PostgreSQL cannot compare text with a NUL in it, so a lookup such as ``?speaker=%00`` or
    ``/sections/%00/`` would raise a DataError (a 500) in whichever view filtered on it. No URL of
    the site has a NUL; a query parameter without its NULs means what the reader typed. Forms
    already refuse NUL (Django's ProhibitNullCharactersValidator)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path:
            raise Http404("No page here.")
        if any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)
