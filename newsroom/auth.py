"""Login throttling with django-axes that still lets request-less callers authenticate."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class AxesRequestOptionalBackend(AxesStandaloneBackend):
    """AxesStandaloneBackend, except that ``authenticate()`` without a request (the test client's
    ``login()``, a script) is passed on to the next backend instead of raising.

    Every web login (the admin's form) passes the request, so it is throttled; a caller without a
    request is not a network client and has no IP address to throttle anyway."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request: HttpRequest) -> str:
    """The address django-axes throttles by: ``REMOTE_ADDR``, or behind ``TRUSTED_PROXY_COUNT``
    trusted proxies the address the outermost of them saw (the entry that many places from the
    end of ``X-Forwarded-For``; entries further left are the client's to forge)."""
    from django.conf import settings

    remote = request.META.get("REMOTE_ADDR", "")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    return forwarded[-count] if len(forwarded) >= count else remote
