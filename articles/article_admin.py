"""The article's admin: its form, inlines (quotes, corrections, status history) and views."""

from __future__ import annotations

import difflib
from collections import Counter

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from reversion.admin import VersionAdmin
from reversion.models import Version

from articles import requote, workflow
from articles.admin_mixins import (
    QuoteForm,
    QuoteFormSet,
    QuoteInContextMixin,
    WorkflowInlineMixin,
)
from articles.history import record_baseline
from articles.models import (
    Article,
    Correction,
    Quote,
    Source,
    StatusChange,
    Tag,
)
from articles.widgets import TagAutocompleteWidget


class QuoteInline(QuoteInContextMixin, WorkflowInlineMixin, admin.TabularInline):
    """The article's quotes in the body's order, each edited by its words and speaker."""

    model = Quote
    form = QuoteForm
    formset = QuoteFormSet
    extra = 0
    autocomplete_fields = ["speaker"]
    fields = ["text", "in_context", "speaker", "role", "partial"]
    readonly_fields = ["in_context"]
    ordering = ["position"]
    formfield_overrides = {
        Quote._meta.get_field("text").__class__: {"widget": forms.Textarea(attrs={"rows": 2})}
    }

    def get_queryset(self, request: HttpRequest) -> QuerySet[Quote]:
        return super().get_queryset(request).select_related("speaker", "article")


class TagListFilter(admin.SimpleListFilter):
    title = "tag"
    parameter_name = "tag"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        tags = Tag.objects.annotate(n=Count("tagged_articles")).filter(n__gt=0).order_by("-n")
        return [(tag.slug, tag.name) for tag in tags[:50]]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value():
            return queryset.filter(tags__slug=self.value())
        return queryset


class SourceListFilter(admin.SimpleListFilter):
    """Sources by name; two of one name (an outlet under two domains, until an editor merges
    them) each with its domain, so that no two entries read the same."""

    title = "source"
    parameter_name = "source__id__exact"  # as the plain filter's, so old links still work

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        sources = list(Source.objects.order_by("name", "domain"))
        names = Counter(source.name for source in sources)
        return [(s.pk, s.label if names[s.name] > 1 else s.name) for s in sources]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() and self.value().isdigit():
            return queryset.filter(source_id=self.value())
        return queryset


class ArticleAdminForm(forms.ModelForm):
    """Enforces, on the server, who may publish, and refuses a save made from a stale copy."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        exclude: list[str] = []
        widgets = {"tags": TagAutocompleteWidget}

    user = None  # set by ArticleAdmin.get_form
    # (status, version) before a revision restore wrote the old row back (ArticleAdmin sets
    # it): the restore is judged against the article as it was, not as restored.
    before_restore: tuple[str | None, int] | None = None
    stored_version = 0  # the version in the database, read (and locked) by clean()

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.stored_status = self.instance.status if self.instance.pk else None
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        status = self.fields.get("status")
        if status is not None:
            allowed = {self.instance.status if self.instance.pk else None}
            allowed.update(workflow.allowed_statuses(self.user, self.old_status()))
            status.choices = [c for c in status.choices if c[0] in allowed]

    def old_status(self) -> str | None:
        """The status this save moves the article from (None: a new article)."""
        if self.before_restore is not None:
            return self.before_restore[0]
        return self.stored_status

    def clean(self) -> dict:
        data = super().clean()
        old_status = self.old_status()
        if self.instance.pk:
            # Lock the row for the rest of the save: a concurrent save waits here, then sees
            # the version this one writes, and is refused.
            current = Article.objects.select_for_update().get(pk=self.instance.pk)
            self.stored_status, self.stored_version = current.status, current.version
            old_status = self.old_status()
            submitted = self.cleaned_data.get("version")
            if submitted is not None and submitted != current.version:
                who = current.last_changed_by or "an import"
                raise forms.ValidationError(
                    f"This article was changed by {who} at "
                    f"{timezone.localtime(current.updated_at):%H:%M:%S} after you opened it. "
                    "Your changes were not saved: reload the page to see the new version, "
                    "then make your changes again.",
                    code="stale",
                )
        new_status = data.get("status", old_status or Article.Status.DRAFT)
        if not workflow.can_transition(self.user, old_status, new_status):
            self.add_error("status", "You may not publish, schedule or withdraw articles.")
        if new_status == Article.Status.SCHEDULED and not data.get("published_at"):
            self.add_error("published_at", "A scheduled article needs a publication time.")
        return data


class CorrectionInline(WorkflowInlineMixin, admin.StackedInline):
    model = Correction
    extra = 0
    fields = ["note", "created_at", "created_by"]
    readonly_fields = ["created_by"]


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    fields = ["at", "old_status", "new_status", "user"]
    readonly_fields = fields
    verbose_name_plural = "status history"

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[StatusChange]:
        return super().get_queryset(request).select_related("user")


@admin.register(Article)
class ArticleAdmin(VersionAdmin):
    form = ArticleAdminForm
    change_list_template = "admin/articles/article/change_list.html"
    list_display = [
        "headline",
        "source",
        "section",
        "status",
        "published_at",
        "quote_count",
        "last_changed_by",
    ]
    list_filter = ["status", SourceListFilter, "section", TagListFilter]
    list_select_related = ["source", "section", "last_changed_by"]
    search_fields = ["headline", "standfirst", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    inlines = [QuoteInline, CorrectionInline, StatusChangeInline]
    actions = ["send_to_review", "publish", "unpublish", "withdraw"]
    list_per_page = 50
    provenance_fields = [
        "original_url",
        "outlet_article_id",
        "seed_line2",
        "seed_line3",
        "seed_sha256",
        "imported_at",
        "created_at",
        "updated_at",
        "last_changed_by",
    ]
    readonly_fields = [*provenance_fields, "date_basis", "content_updated_at"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "body", "section", "tags"]}),
        (
            "Publishing",
            {
                "fields": [
                    "status",
                    "published_at",
                    "date_basis",
                    "content_updated_at",
                    "source",
                    "version",
                ]
            },
        ),
        ("Provenance", {"classes": ["collapse"], "fields": provenance_fields}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return super().get_queryset(request).with_quote_count()

    def get_form(self, request: HttpRequest, obj: Article | None = None, **kwargs: object):
        form = super().get_form(request, obj, **kwargs)
        before = getattr(request, "article_before_restore", {})
        attributes = {"user": request.user}
        if obj is not None and obj.pk in before:
            attributes["before_restore"] = before[obj.pk]
        return type(form.__name__, (form,), attributes)

    def get_readonly_fields(self, request: HttpRequest, obj: Article | None = None) -> list:
        fields = [*self.provenance_fields, "date_basis", "content_updated_at"]
        if obj is None:  # an article written here, not imported: it needs its own URL
            fields.remove("original_url")
        if not self.has_publish_permission(request):
            fields.append("published_at")
        return fields

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return workflow.may_publish(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        """Writers edit drafts and articles in review; live and withdrawn ones are editors'."""
        return super().has_change_permission(request, obj) and workflow.can_change_article(
            request.user, obj
        )

    def revision_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict | None = None,
    ) -> HttpResponse:
        """Restoring a revision: judged by the workflow against every article it holds as it
        is now and as the revision would leave it, before anything is written back."""
        version = get_object_or_404(
            self._article_versions(), pk=version_id, object_id=unquote(object_id)
        )
        return self._restore(request, version, super().revision_view, object_id, version_id)

    def recover_view(
        self, request: HttpRequest, version_id: str, extra_context: dict | None = None
    ) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        version = get_object_or_404(self._article_versions(), pk=version_id)
        return self._restore(request, version, super().recover_view, version_id)

    def _article_versions(self) -> QuerySet[Version]:
        return Version.objects.get_for_model(Article).select_related("revision")

    def _restore(self, request: HttpRequest, version: Version, view, *args: str) -> HttpResponse:
        versions = version.revision.version_set.select_related("content_type")
        before = workflow.plan_restore(request.user, versions)
        request.article_before_restore = before
        with transaction.atomic(using=version.db):
            response = view(request, *args)
            if request.method == "POST" and response.status_code == 302:
                workflow.finish_restore(before, request.user, skip=int(version.object_id))
        return response

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        if request.method == "POST":
            article = Article.objects.filter(pk=object_id).first() if object_id.isdigit() else None
            if article is not None and self.has_change_permission(request, article):
                record_baseline(article)  # the version before this editor's first change
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request: HttpRequest, obj: Article, form: forms.Form, change: bool):
        old_status = form.old_status()
        if obj.status != old_status:
            new_status = obj.status
            obj.status = old_status
            workflow.transition(obj, new_status, request.user)
        obj.last_changed_by = request.user
        if "published_at" in form.changed_data:
            obj.date_basis = Article.DateBasis.EDITOR
        # What readers saw before this save: compared after the tags and quotes are saved.
        obj.seen_before_save = (
            Article.objects.get(pk=obj.pk).public_fingerprint() if change else None
        )
        if change:
            restored_over = form.before_restore[1] if form.before_restore else 0
            obj.version = max(form.stored_version, restored_over) + 1
        else:
            obj.version = 1
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: forms.Form, formsets, change: bool):
        """After the quotes the editor changed are saved: a new or changed body or standfirst
        makes the quotes and tags follow the text (``articles.requote``), and the editor is
        told what changed; otherwise the quotes are numbered in the body's order. Then a change
        readers can see (the fingerprint, or a new correction) dates the article's "Updated"."""
        dropped = [
            deleted.instance.text
            for formset in formsets
            if formset.model is Quote
            for deleted in formset.deleted_forms
        ]
        super().save_related(request, form, formsets, change)
        article = form.instance
        if not change or {"body", "standfirst"} & set(form.changed_data):
            old_text = None
            if change:
                old_text = tuple(
                    form.initial.get(f, "") for f in ("headline", "standfirst", "body")
                )
            result = requote.requote(article, old_text, dropped)
            self.message_user(request, result.message(), messages.INFO)
        else:
            requote.renumber(article)
        corrected = any(
            isinstance(added, Correction)
            for formset in formsets
            for added in getattr(formset, "new_objects", ())
        )
        seen = getattr(article, "seen_before_save", None)
        article.note_content_change(seen, corrected=corrected)

    def save_formset(self, request: HttpRequest, form: forms.Form, formset, change: bool):
        for inline_form in formset.forms:
            if isinstance(inline_form.instance, Correction) and not inline_form.instance.pk:
                inline_form.instance.created_by = request.user
        super().save_formset(request, form, formset, change)

    @admin.display(ordering="quote_count", description="quotes")
    def quote_count(self, article: Article) -> int:
        return article.quote_count

    def _transition(self, request: HttpRequest, queryset: QuerySet[Article], status: str) -> None:
        done = refused = 0
        # The changelist's queryset is annotated (GROUP BY), which cannot be locked.
        selected = Article.objects.filter(pk__in=list(queryset.values_list("pk", flat=True)))
        for article in selected.select_for_update():
            if article.status == status:
                continue
            if not workflow.can_transition(request.user, article.status, status):
                refused += 1
                continue
            record_baseline(article)
            workflow.transition(article, status, request.user)
            article.last_changed_by = request.user
            article.version += 1
            with reversion.create_revision():
                reversion.set_user(request.user)
                reversion.set_comment(f"Status set to {article.get_status_display()}.")
                article.save()
            done += 1
        label = Article.Status(status).label.lower()
        self.message_user(request, f"{done} article(s) now {label}.", messages.SUCCESS)
        if refused:
            self.message_user(
                request,
                f"{refused} article(s) left as they were: {workflow.REFUSED}",
                messages.ERROR,
            )

    @admin.action(description="Send selected articles to review")
    def send_to_review(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        self._transition(request, queryset.filter(status=Article.Status.DRAFT), "review")

    @admin.action(description="Publish selected articles", permissions=["publish"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        self._transition(request, queryset, Article.Status.PUBLISHED)

    @admin.action(
        description="Unpublish selected articles (back to draft)", permissions=["publish"]
    )
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        self._transition(request, queryset, Article.Status.DRAFT)

    @admin.action(description="Withdraw selected articles (410 Gone)", permissions=["publish"])
    def withdraw(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        self._transition(request, queryset, Article.Status.WITHDRAWN)

    def get_urls(self) -> list:
        urls = [
            path(
                "dashboard/",
                self.admin_site.admin_view(self.dashboard_view),
                name="articles_article_dashboard",
            ),
            path(
                "<int:object_id>/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="articles_article_compare",
            ),
        ]
        return urls + super().get_urls()

    def dashboard_view(self, request: HttpRequest) -> HttpResponse:
        """What needs an editor: articles in review, and those scheduled to go live."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        listing = Article.objects.select_related("source", "last_changed_by")
        context = {
            **self.admin_site.each_context(request),
            "title": "Editorial dashboard",
            "opts": self.model._meta,
            "in_review": listing.in_review().order_by("-updated_at"),
            "scheduled": listing.scheduled().order_by("published_at"),
        }
        return TemplateResponse(request, "admin/articles/article/dashboard.html", context)

    def compare_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        """Two revisions of an article side by side, as a readable line diff per field."""
        article = get_object_or_404(Article, pk=object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        versions = list(Version.objects.get_for_object(article).select_related("revision__user"))
        by_id = {str(v.pk): v for v in versions}
        older = by_id.get(request.GET.get("a", ""))
        newer = by_id.get(request.GET.get("b", ""))
        if older is None and len(versions) > 1:
            older, newer = versions[1], versions[0]
        diffs = []
        if older is not None and newer is not None:
            for field in [*Article.editorial_columns(), "status", "published_at"]:
                a = str(older.field_dict.get(field) or "")
                b = str(newer.field_dict.get(field) or "")
                if a != b:
                    lines = difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=1)
                    diffs.append((field, list(lines)[2:]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Compare revisions of “{article}”",
            "opts": self.model._meta,
            "original": article,
            "versions": versions,
            "older": older,
            "newer": newer,
            "diffs": diffs,
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)
