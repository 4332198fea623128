"""The article's admin: its form, inlines (quotes, corrections, status history) and views."""

from __future__ import annotations

from collections import Counter

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, F, QuerySet
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from reversion.admin import VersionAdmin
from reversion.models import Version

from articles import compare_view, editing, pending, workflow
from articles.admin_mixins import (
    PendingGuardFormSet,
    QuoteForm,
    QuoteFormSet,
    QuoteInContextMixin,
    WorkflowInlineMixin,
    action_page,
)
from articles.article_form import ACTION_FIELD, ArticleAdminForm
from articles.history import record_baseline
from articles.models import (
    Article,
    Correction,
    Quote,
    Source,
    StatusChange,
    Tag,
)
from articles.revision_compare import text_diff

# The pending change's fields shown as a word-level diff; the others as "from -> to".
TEXTS = ("headline", "standfirst", "body")


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
        return [(str(s.pk), s.label if names[s.name] > 1 else s.name) for s in sources]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = str(self.value() or "")  # (the facet counts pass the lookups' own values)
        if value.isdigit():
            return queryset.filter(source_id=value)
        return queryset


class StateListFilter(admin.SimpleListFilter):
    """Where articles stand (``workflow.State``): a scheduled article whose time has come is
    live, and live articles with changes waiting are told apart."""

    title = "state"
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        return list(workflow.State.choices)

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() in workflow.State.values:
            return queryset.filter(workflow.state_condition(self.value()))
        return queryset


class CorrectionInline(WorkflowInlineMixin, admin.StackedInline):
    model = Correction
    formset = PendingGuardFormSet
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


class WithdrawForm(forms.Form):
    """The reason the list's Withdraw action asks for."""

    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Reason for withdrawal",
        help_text="Readers see it in the stories' place.",
        error_messages={"required": workflow.REASON_NEEDED},
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        workflow.check_reason(None, Article.Status.WITHDRAWN, reason)  # the workflow's rule
        return reason


@admin.register(Article)
class ArticleAdmin(VersionAdmin):
    form = ArticleAdminForm
    change_list_template = "admin/articles/article/change_list.html"
    object_history_template = "admin/articles/article/object_history.html"
    list_display = [
        "headline",
        "state",
        "published",
        "section",
        "source",
        "quote_count",
    ]
    list_filter = [StateListFilter, SourceListFilter, "section", TagListFilter]
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
    readonly_fields = [*provenance_fields, "state", "date_basis", "content_updated_at"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "body", "section", "tags"]}),
        (
            "Publishing",
            {
                "fields": [
                    "state",
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
        return (
            super()
            .get_queryset(request)
            .with_quote_count()
            .annotate(pending_state=F("pending_change__state"))
        )

    @admin.display(description="published", ordering="published_at")
    def published(self, article: Article) -> str:
        """The publication time, short and with its zone, on one line."""
        if article.published_at is None:
            return "-"
        when = timezone.localtime(article.published_at)
        return f"{when:%d %b %Y %H:%M} {when.tzname()}"

    @admin.display(description="state", ordering="status")
    def state(self, article: Article) -> str:
        """The status as editors need it (``workflow.State``); scheduled ones with their time."""
        if not article.pk:
            return "New"
        if not hasattr(article, "pending_state"):
            found = pending.pending_for(article)
            article.pending_state = found.state if found else None
        state = workflow.State(workflow.state_of(article, article.pending_state))
        if state == workflow.State.SCHEDULED and article.published_at:
            when = timezone.localtime(article.published_at)
            return f"{state.label} for {when:%d %b %Y %H:%M} {when.tzname()}"
        return state.label

    def get_fieldsets(self, request: HttpRequest, obj: Article | None = None) -> list:
        fieldsets = super().get_fieldsets(request, obj)
        in_review = obj is not None and (
            obj.status == Article.Status.IN_REVIEW or pending.pending_for(obj) is not None
        )
        if not workflow.may_publish(request.user):
            return fieldsets
        if obj is not None and obj.status == Article.Status.PUBLISHED:
            fieldsets = [
                *fieldsets,
                ("Schedule changes", {"fields": ["changes_at"]}),
                ("Withdraw", {"fields": ["withdrawal_reason"]}),
            ]
        if not in_review:
            return fieldsets
        review = ("Review", {"fields": ["review_comment"]})
        return [*fieldsets, review]

    def get_form(self, request: HttpRequest, obj: Article | None = None, **kwargs: object):
        form = super().get_form(request, obj, **kwargs)
        before = getattr(request, "article_before_restore", {})
        attributes = {"user": request.user}
        if obj is not None and obj.pk in before:
            attributes["before_restore"] = before[obj.pk]
        return type(form.__name__, (form,), attributes)

    def get_readonly_fields(self, request: HttpRequest, obj: Article | None = None) -> list:
        fields = [*self.provenance_fields, "state", "date_basis", "content_updated_at"]
        if obj is None:  # an article written here, not imported: it needs its own URL
            fields.remove("original_url")
        if not self.has_publish_permission(request):
            fields.append("published_at")
        if workflow.keeps_live_version(obj) and not self.has_publish_permission(request):
            fields.append("slug")  # readers' links point at it: an Editor's to change
        return fields

    def get_prepopulated_fields(self, request: HttpRequest, obj: Article | None = None) -> dict:
        return (
            {}
            if workflow.keeps_live_version(obj)
            else super().get_prepopulated_fields(request, obj)
        )

    def get_view_on_site_url(self, obj: Article | None = None) -> str | None:
        """An article readers cannot see opens in the staff preview, not a public 404."""
        if obj is not None and not obj.is_public:
            return reverse("articles:preview", args=[obj.pk])
        return super().get_view_on_site_url(obj)

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return workflow.may_publish(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        """Writers edit drafts and articles in review, and propose changes to live ones
        (``articles.pending``); withdrawn ones are editors'."""
        return super().has_change_permission(request, obj) and workflow.may_propose_change(
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

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict,
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Article | None = None,
    ) -> HttpResponse:
        """The workflow's buttons for this user and article, and its pending change."""
        found = pending.pending_for(obj)
        if add:
            may_save = self.has_add_permission(request)
        else:
            may_save = self.has_change_permission(request, obj)
        actions = workflow.actions_for(request.user, obj, found) if may_save else []
        context.update(
            workflow_buttons=[(a, workflow.action_label(a, obj)) for a in actions],
            action_field=ACTION_FIELD,
            pending_change=found,
            keeps_live_version=workflow.keeps_live_version(obj),
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request: HttpRequest, obj: Article, form: forms.Form, change: bool):
        """Save the article as the button pressed says (``form.new_status``), or, on a live
        article, keep the change as its pending change and leave the article as it is
        (``articles.editing``, shared with the publication of scheduled changes)."""
        request.workflow_outcome = (form.action, form.to_pending)
        if form.to_pending:
            editing.keep_pending(form, request.user)
            return
        editing.before_save(obj, form, request.user, change=change)
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: forms.Form, formsets, change: bool):
        """After the quotes the editor changed are saved, the quotes and tags follow the text
        and "Updated" is dated (``editing.after_save``); the editor is told what changed. A
        pending change saves nothing here: the article is as it was."""
        if form.to_pending:
            return
        dropped = [
            deleted.instance.text
            for formset in formsets
            if formset.model is Quote
            for deleted in formset.deleted_forms
        ]
        super().save_related(request, form, formsets, change)
        corrected = any(
            isinstance(added, Correction)
            for formset in formsets
            for added in getattr(formset, "new_objects", ())
        )
        message = editing.after_save(
            form.instance, form, change=change, dropped=dropped, corrected=corrected
        )
        if message:
            self.message_user(request, message, messages.INFO)

    def construct_change_message(self, request, form, formsets, add: bool = False) -> list:
        """A pending change saved nothing of the article's: the log says what was done."""
        if form.to_pending:
            label = workflow.action_label(form.action or workflow.Action.SAVE, form.instance)
            return [{"changed": {"fields": [f"pending change ({label})"]}}]
        return super().construct_change_message(request, form, formsets, add)

    def response_add(self, request: HttpRequest, obj: Article, post_url_continue=None):
        return self._workflow_response(request, obj) or super().response_add(
            request, obj, post_url_continue
        )

    def response_change(self, request: HttpRequest, obj: Article) -> HttpResponse:
        return self._workflow_response(request, obj) or super().response_change(request, obj)

    def _workflow_response(self, request: HttpRequest, obj: Article) -> HttpResponse | None:
        """After a workflow button: say what happened, in the workflow's words; Save draft
        stays on the form, the others go back to the list."""
        action, to_pending = getattr(request, "workflow_outcome", (None, False))
        if action is None or IS_POPUP_VAR in request.POST:
            return None
        self.message_user(request, workflow.outcome_message(action, obj, to_pending))
        if action == workflow.Action.SAVE:
            url = reverse("admin:articles_article_change", args=[obj.pk])
            return HttpResponseRedirect(url)
        return self.response_post_save_change(request, obj)

    def save_formset(self, request: HttpRequest, form: forms.Form, formset, change: bool):
        for inline_form in formset.forms:
            if isinstance(inline_form.instance, Correction) and not inline_form.instance.pk:
                inline_form.instance.created_by = request.user
        super().save_formset(request, form, formset, change)

    @admin.display(ordering="quote_count", description="quotes")
    def quote_count(self, article: Article) -> int:
        return article.quote_count

    def _transition(
        self, request: HttpRequest, queryset: QuerySet[Article], status: str, comment: str = ""
    ) -> None:
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
            workflow.transition(article, status, request.user, comment=comment)
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
    def withdraw(self, request: HttpRequest, queryset: QuerySet[Article]) -> HttpResponse | None:
        """Withdrawing needs the reason readers will see (``workflow.check_reason``): the
        action first asks for it, on a page of its own, then withdraws."""
        form = WithdrawForm(request.POST if "reason" in request.POST else None)
        if form.is_valid():
            self._transition(
                request, queryset, Article.Status.WITHDRAWN, form.cleaned_data["reason"]
            )
            return None
        return action_page(
            self,
            request,
            action="withdraw",
            step="Withdraw",
            title="Withdraw articles",
            explanation="Withdrawn stories answer readers with a notice (410 Gone) that gives "
            "this reason:",
            form=form,
            objects=(selected := list(queryset)),
            listed=[article.headline for article in selected],
        )

    def get_urls(self) -> list:
        urls = [
            path(
                "dashboard/",
                self.admin_site.admin_view(self.dashboard_view),
                name="articles_article_dashboard",
            ),
            path(
                "<int:object_id>/pending/",
                self.admin_site.admin_view(self.pending_view),
                name="articles_article_pending",
            ),
            path(
                "<int:object_id>/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="articles_article_compare",
            ),
        ]
        return urls + super().get_urls()

    def dashboard_view(self, request: HttpRequest) -> HttpResponse:
        """The old "Editorial dashboard": the editor's home is the admin index now."""
        return redirect("admin:index")

    def pending_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        """The article's pending change beside the live version, field by field."""
        article = get_object_or_404(Article, pk=object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        found = pending.pending_for(article)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Changes waiting for “{article}”",
            "opts": self.model._meta,
            "original": article,
            "pending_change": found,
            "differences": [
                (field, live, waiting, text_diff(live, waiting) if field in TEXTS else None)
                for field, live, waiting in (pending.differences(article, found) if found else [])
            ],
        }
        return TemplateResponse(request, "admin/articles/article/pending.html", context)

    def compare_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        """Two revisions of an article, word by word (``articles.compare_view``)."""
        return compare_view.compare_view(self, request, object_id)
