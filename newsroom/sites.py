"""The current site is the request's host.

``django.contrib.flatpages`` needs ``django.contrib.sites`` (a page belongs to sites), and with
it installed, ``get_current_site()`` returns the ``Site`` row of ``SITE_ID``: the feeds, the
sitemaps and the flatpages would all build their absolute links from that row's domain
("example.com" until someone edits it) instead of the host the reader asked for, and read the
row once per process. Newsroom serves whatever host ``ALLOWED_HOSTS`` lets through, as before
sites were installed: ``CurrentHostMiddleware`` notes each request's host, and the sites
framework's cache holds a :class:`HostSite` for ``SITE_ID`` whose domain is that host (thread
and task safe: a context variable). Outside a request (a management command), the row's own
domain.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.contrib.sites import models as sites_models
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse

_host: ContextVar[str | None] = ContextVar("request_host", default=None)


class HostSite:
    """What ``get_current_site()`` returns: the ``SITE_ID`` row's id and name, the request's
    host as its domain."""

    def __init__(self, pk: int) -> None:
        self.id = self.pk = pk

    @property
    def domain(self) -> str:
        host = _host.get()
        if host is not None:
            return host
        row = sites_models.Site.objects.filter(pk=self.pk).values_list("domain", flat=True)
        return row.first() or "localhost"

    @property
    def name(self) -> str:
        return self.domain

    def __str__(self) -> str:
        return self.domain


def install() -> None:
    """Put the :class:`HostSite` in the sites framework's cache (again after a ``Site`` save
    cleared it)."""
    site_id = settings.SITE_ID
    if not isinstance(sites_models.SITE_CACHE.get(site_id), HostSite):
        sites_models.SITE_CACHE[site_id] = HostSite(site_id)


class CurrentHostMiddleware:
    """Notes the request's host for :class:`HostSite`; first, before the page cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            host = request.get_host()
        except DisallowedHost:  # CommonMiddleware answers 400 for it, below
            return self.get_response(request)
        token = _host.set(host)
        install()
        try:
            return self.get_response(request)
        finally:
            _host.reset(token)
