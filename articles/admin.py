"""The editors' admin site: its settings, and every articles admin module registered from here."""

from __future__ import annotations

from axes import admin as axes_admin
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.sites.models import Site
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from taggit.models import Tag as UnusedTaggitTag

# Articles, and sources, quotes, speakers and tags, register themselves (in that order).
from articles import article_admin, taxonomy_admin  # noqa: F401


class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    """django-axes' admin, whose "Clean up expired attempts" answered 500: it reads the time
    of the request from an attribute only axes' login handling sets."""

    @admin.action(description="Clean up expired attempts")
    def cleanup_expired_attempts(self, request: HttpRequest, queryset: QuerySet) -> None:
        request.axes_attempt_time = timezone.now()
        return super().cleanup_expired_attempts(request, queryset)


if admin.site.is_registered(AccessAttempt):
    admin.site.unregister(AccessAttempt)
    admin.site.register(AccessAttempt, AccessAttemptAdmin)

# Articles use articles.Tag (with a kind); taggit's own tag table stays empty.
admin.site.unregister(UnusedTaggitTag)
# The one Site row exists for flatpages; its domain is never shown (newsroom/sites.py: links
# use the request's host), so it has nothing to edit.
if admin.site.is_registered(Site):
    admin.site.unregister(Site)
admin.site.site_header = "Newsroom"
admin.site.site_title = "Newsroom admin"
admin.site.index_title = "Editing"

# Import runs and their issues, and users (Editors add Writers), register themselves.
from articles import import_admin, user_admin  # noqa: E402, F401
