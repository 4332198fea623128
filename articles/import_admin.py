"""Import runs and their problem files in the admin: read-only for everyone (the importer
writes them); Editors mark an issue resolved, or open again, with the list's actions."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.html import format_html

from articles import dashboard
from articles.runs import ImportIssue, ImportRun, mark_resolved, settle_abandoned_runs


class ReadOnlyAdmin(admin.ModelAdmin):
    """Nobody adds, changes or deletes these rows by hand; viewing needs the view permission."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyAdmin):
    list_display = [
        "started_at",
        "status",
        "finished_at",
        "run_by",
        "created",
        "updated",
        "unchanged",
        "conflict",
        "failed",
        "duplicate",
        "skipped",
        "issues_link",
    ]
    list_filter = ["status", "started_at"]
    search_fields = ["command", "paths", "run_by"]
    date_hierarchy = "started_at"
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "status",
                    "started_at",
                    "finished_at",
                    ("run_by", "host", "pid"),
                    "command",
                    "paths",
                ]
            },
        ),
        (
            "Files",
            {
                "fields": [
                    ("created", "updated", "unchanged"),
                    ("conflict", "failed", "duplicate", "skipped"),
                    "issues_link",
                ]
            },
        ),
        ("Error", {"fields": ["error"]}),
    ]
    readonly_fields = ["issues_link"]

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):
        """A run whose process was killed says "interrupted" here, not "running" for ever."""
        settle_abandoned_runs()
        return super().changelist_view(request, extra_context)

    @admin.display(description="issues")
    def issues_link(self, run: ImportRun) -> str:
        count = run.conflict + run.failed + run.duplicate
        if not count:
            return "none"
        url = reverse("admin:articles_importissue_changelist") + f"?run__id__exact={run.pk}"
        return format_html('<a href="{}">{} file(s)</a>', url, count)


class OpenFilter(admin.SimpleListFilter):
    """Open issues by default: what still needs someone."""

    title = "state"
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        return [("open", "open"), ("resolved", "resolved"), ("all", "all")]

    def choices(self, changelist):  # "open" stands where "All" usually is
        for lookup, title in self.lookup_choices:
            yield {
                "selected": (self.value() or "open") == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value() or "open"
        if value == "all":
            return queryset
        return queryset.filter(resolved=value == "resolved")


@admin.register(ImportIssue)
class ImportIssueAdmin(ReadOnlyAdmin):
    list_display = ["file_name", "outcome", "article_link", "run", "resolved", "resolved_by"]
    list_filter = [OpenFilter, "outcome", "run__started_at"]
    list_select_related = ["run", "article", "resolved_by"]
    search_fields = ["file_name", "message", "article__headline"]
    actions = ["resolve", "reopen"]
    fields = [
        "outcome",
        "file_name",
        "message",
        "article_link",
        "run",
        "resolved",
        "resolved_at",
        "resolved_by",
    ]
    readonly_fields = ["article_link"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ImportIssue]:
        # A conflict's seed (up to the seed size limit) is for "take the wire's" only.
        issues = super().get_queryset(request).defer("seed_text")
        return issues.select_related("run", "article", "resolved_by")

    def get_urls(self) -> list:
        """The home page's buttons for a conflict (``articles.dashboard``), POST only."""
        buttons = [
            ("keep-ours", dashboard.keep_ours_view, "keep_ours"),
            ("take-wire", dashboard.take_wire_view, "take_wire"),
        ]
        return [
            path(
                f"<int:issue_id>/{route}/",
                self.admin_site.admin_view(view),
                name=f"articles_importissue_{name}",
            )
            for route, view, name in buttons
        ] + super().get_urls()

    @admin.display(description="article")
    def article_link(self, issue: ImportIssue) -> str:
        if issue.article is None:
            return "-"
        url = reverse("admin:articles_article_change", args=[issue.article_id])
        return format_html('<a href="{}">{}</a>', url, issue.article.headline)

    def has_resolve_permission(self, request: HttpRequest) -> bool:
        """Marking an issue resolved is the one change anyone makes to it (Editors)."""
        return request.user.has_perm("articles.change_importissue")

    @admin.action(description="Mark selected issues resolved", permissions=["resolve"])
    def resolve(self, request: HttpRequest, queryset: QuerySet[ImportIssue]) -> None:
        count = mark_resolved(queryset, request.user, True)
        self.message_user(request, f"{count} issue(s) marked resolved.", messages.SUCCESS)

    @admin.action(description="Open selected issues again", permissions=["resolve"])
    def reopen(self, request: HttpRequest, queryset: QuerySet[ImportIssue]) -> None:
        count = mark_resolved(queryset, request.user, False)
        self.message_user(request, f"{count} issue(s) open again.", messages.SUCCESS)
