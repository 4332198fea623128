"""The admins of sources, quotes, speakers (with merging) and tags."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from articles import requote, workflow
from articles.admin_mixins import (
    QuoteAdminForm,
    QuoteInContextMixin,
    WorkflowAdminMixin,
)
from articles.models import (
    Article,
    Quote,
    Source,
    Speaker,
    Tag,
)


@admin.register(Source)
class SourceAdmin(WorkflowAdminMixin, admin.ModelAdmin):
    list_display = ["name", "domain", "homepage", "article_count"]
    ordering = ["name", "pk"]  # Meta.ordering does not apply to the annotated (grouped) list
    search_fields = ["name", "domain"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Source]:
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(ordering="article_count", description="articles")
    def article_count(self, source: Source) -> int:
        return source.article_count


@admin.register(Quote)
class QuoteAdmin(QuoteInContextMixin, WorkflowAdminMixin, admin.ModelAdmin):
    form = QuoteAdminForm
    list_display = [
        "__str__",
        "speaker",
        "role",
        "article",
        "paragraph",
        "partial",
        "speaker_fixed",
    ]
    list_filter = ["partial", "speaker_fixed"]
    list_select_related = ["speaker", "article"]
    search_fields = ["text", "speaker__name", "role", "article__headline"]
    autocomplete_fields = ["speaker", "article"]
    fields = ["article", "text", "in_context", "speaker", "role", "partial", "speaker_fixed"]
    readonly_fields = ["in_context", "speaker_fixed"]

    def get_form(self, request: HttpRequest, obj: Quote | None = None, **kwargs: object):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def save_model(self, request: HttpRequest, obj: Quote, form: forms.Form, change: bool):
        old_article = None
        if change and "article" in form.changed_data:
            old_article = form.initial.get("article")
        super().save_model(request, obj, form, change)
        requote.renumber(obj.article)  # in the body's order, wherever its text now stands
        if old_article:
            requote.renumber(Article.objects.get(pk=old_article))

    @admin.display(ordering="block", description="paragraph")
    def paragraph(self, quote: Quote) -> int:
        return quote.block + 1


class MergeSpeakersForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=Speaker.objects.none(),
        widget=forms.RadioSelect,
        label="Keep this speaker; the others' quotes and names move to it",
    )


@admin.register(Speaker)
class SpeakerAdmin(WorkflowAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "quote_count"]
    ordering = ["name", "pk"]  # Meta.ordering does not apply to the annotated (grouped) list
    list_filter = ["kind"]
    search_fields = ["name", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge_speakers"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Speaker]:
        return super().get_queryset(request).annotate(quote_count=Count("quotes"))

    @admin.display(ordering="quote_count", description="quotes")
    def quote_count(self, speaker: Speaker) -> int:
        return speaker.quote_count

    @admin.action(description="Merge selected speakers into one", permissions=["delete", "change"])
    def merge_speakers(
        self, request: HttpRequest, queryset: QuerySet[Speaker]
    ) -> HttpResponse | None:
        """Merging deletes speakers and moves their quotes: it needs ``delete_speaker`` and
        ``change_speaker``, and the workflow's leave for every article those quotes are on."""
        if queryset.count() < 2:
            self.message_user(request, "Select at least two speakers to merge.", messages.WARNING)
            return None
        if not workflow.can_change_objects(request.user, queryset):
            self.message_user(
                request,
                "Some of these speakers are quoted in live or withdrawn articles: only editors "
                "may merge them. Nothing was merged.",
                messages.ERROR,
            )
            return None
        form = MergeSpeakersForm(request.POST if "target" in request.POST else None)
        form.fields["target"].queryset = queryset
        if form.is_valid():
            target = form.cleaned_data["target"]
            moved = target.merge(list(queryset.exclude(pk=target.pk)))
            self.message_user(
                request, f"Merged into {target.name}; {moved} quote(s) moved.", messages.SUCCESS
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge speakers",
            "form": form,
            "speakers": queryset,
            "opts": self.model._meta,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/articles/speaker/merge.html", context)


@admin.register(Tag)
class TagAdmin(WorkflowAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
