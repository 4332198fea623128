"""What every editors' admin shares: the workflow's permission checks, quotes edited in context."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import Max
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.html import format_html

from articles import requote, workflow
from articles.models import (
    Article,
    Quote,
)
from articles.seeds.format import split_blocks


class QuoteForm(forms.ModelForm):
    """A quote is edited by its text and speaker, never by offsets: a changed text is found in
    the article's body (``requote.locate``: exactly, else with other quote marks, spacing or
    case) and takes its place there, or the form refuses it. A changed speaker is marked as
    fixed by an editor, so re-extraction and re-imports keep the editor's choice."""

    class Meta:
        model = Quote
        fields = ["text", "speaker", "role", "partial"]

    place: requote.Place | None = None

    def article_for_text(self) -> Article | None:
        """The article whose body the text must be in (its unsaved new body, in the inline)."""
        formset_article = getattr(self, "formset_article", None)
        if formset_article is not None:
            return formset_article
        return self.instance.article if self.instance.article_id else None

    def clean(self) -> dict:
        data = super().clean()
        text = data.get("text")
        article = self.article_for_text()
        moved = not self.instance.pk or {"text", "article"} & set(self.changed_data)
        if text and article is not None and moved:
            near = None
            if self.instance.pk:
                near = requote.Place(self.instance.block, self.instance.start, self.instance.end)
            blocks = split_blocks(article.body)
            self.place = requote.locate(blocks, text, near)
            if self.place is not None:  # the body's own words, whatever marks were typed
                data["text"] = blocks[self.place.block].text[self.place.start : self.place.end]
            else:
                self.add_error(
                    "text",
                    forms.ValidationError(
                        "These words are not in the article's body. A quote must be words "
                        "the body has (quote marks, spacing and case may differ): change the "
                        "body first, or copy the words from it.",
                        code="not_in_body",
                    ),
                )
        return data

    def save(self, commit: bool = True) -> Quote:
        if "speaker" in self.changed_data:
            self.instance.speaker_fixed = True
        if self.place is not None:
            place = self.place
            self.instance.block, self.instance.start, self.instance.end = (
                place.block,
                place.start,
                place.end,
            )
        if self.instance.pk is None or "article" in self.changed_data:
            # A free position for now: numbered in the body's order once saved (``renumber``).
            top = Quote.objects.filter(article_id=self.instance.article_id).aggregate(
                top=Max("position")
            )["top"]
            self.instance.position = 0 if top is None else top + 1
        return super().save(commit)


def label_for_screen_readers(form: forms.BaseForm) -> None:
    """A tabular inline names its fields only in the column headings, which assistive
    technology does not tie to the inputs: each input gets its label as ``aria-label``."""
    for field in form.fields.values():
        if field.label and "aria-label" not in field.widget.attrs:
            field.widget.attrs["aria-label"] = str(field.label)


class PendingGuardFormSet(forms.BaseInlineFormSet):
    """An article's quotes or corrections, refused when changed together with a button that
    keeps the change pending (Save draft, Submit, Reject on a live article): they would go live
    at once, or be lost, while the text waits for review."""

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        label_for_screen_readers(form)

    def clean(self) -> None:
        super().clean()
        action = self.data.get("_action")
        if (
            action in workflow.PENDING_ACTIONS
            and workflow.keeps_live_version(self.instance)
            and self.has_changed()
        ):
            raise forms.ValidationError(
                f"Changes to the {self.model._meta.verbose_name_plural} of a live article go "
                "live at once, so they cannot wait in a draft. Press Publish changes, or undo "
                "them.",
                code="not_pending",
            )


class QuoteFormSet(PendingGuardFormSet):
    """Gives each quote form the article being saved, with its new body."""

    def _construct_form(self, i: int, **kwargs: object) -> forms.Form:
        form = super()._construct_form(i, **kwargs)
        form.formset_article = self.instance
        return form


class QuoteAdminForm(QuoteForm):
    """A quote on its own page: it names its article, which the workflow must let the user
    change (a quote cannot be added to, or moved onto, a live article by a Writer)."""

    class Meta(QuoteForm.Meta):
        fields = ["article", *QuoteForm.Meta.fields]

    user = None  # set by QuoteAdmin.get_form

    def article_for_text(self) -> Article | None:
        return self.cleaned_data.get("article")

    def clean_article(self) -> Article:
        article = self.cleaned_data["article"]
        if not workflow.can_change_article(self.user, article):
            raise forms.ValidationError(
                "This article is live or withdrawn: only editors may change its quotes.",
                code="live_article",
            )
        return article


class QuoteInContextMixin:
    """A quote shown in its sentence: the paragraph around it, the quote highlighted."""

    EXCERPT = 120  # characters either side of the quote

    @admin.display(description="in the text")
    def in_context(self, quote: Quote) -> str:
        if not quote.pk or not quote.article_id:
            return "Shown once saved."
        blocks = split_blocks(quote.article.body)
        place = requote.Place(quote.block, quote.start, quote.end)
        if not (
            place.block < len(blocks)
            and requote.normalised(blocks[place.block].text[place.start : place.end])
            == requote.normalised(quote.text)
        ):
            place = requote.locate(blocks, quote.text)
        if place is None:
            return format_html("<em>Not in the body any more:</em> {}", quote.text)
        paragraph = blocks[place.block].text
        before = paragraph[max(0, place.start - self.EXCERPT) : place.start]
        after = paragraph[place.end : place.end + self.EXCERPT]
        return format_html(
            "Paragraph {}: {}{}<mark>{}</mark>{}{}",
            place.block + 1,
            "…" if place.start > len(before) else "",
            before,
            paragraph[place.start : place.end],
            after,
            "…" if place.end + len(after) < len(paragraph) else "",
        )


class WorkflowInlineMixin:
    """An article's quotes and corrections may be added, changed and deleted only by someone
    the workflow lets change the article itself."""

    def _article_allows(self, request: HttpRequest, obj: Article | None) -> bool:
        return workflow.can_change_article(request.user, obj)

    def has_add_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        return super().has_add_permission(request, obj) and self._article_allows(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        return super().has_change_permission(request, obj) and self._article_allows(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        return super().has_delete_permission(request, obj) and self._article_allows(request, obj)


class WorkflowAdminMixin:
    """Sources, quotes, speakers and tags that articles in an editors' status show may be
    changed or deleted only by editors (``articles.workflow``), on top of the model
    permissions; the delete pages and the "delete selected" action ask the same."""

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return super().has_change_permission(request, obj) and workflow.can_change_object(
            request.user, obj
        )

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return super().has_delete_permission(request, obj) and workflow.can_change_object(
            request.user, obj
        )

    def get_deleted_objects(self, objs, request: HttpRequest) -> tuple:
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if not workflow.can_change_objects(request.user, objs):
            perms_needed = {*perms_needed, "live articles (editors only)"}
        return deleted, counts, perms_needed, protected


def action_page(
    model_admin: Any,
    request: HttpRequest,
    *,
    action: str,
    step: str,
    title: str,
    explanation: str,
    form: forms.Form,
    objects: Any,
    listed: Any = (),
) -> TemplateResponse:
    """The page a list action shows before it acts (a merge's choice, a withdrawal's reason),
    as Django's delete confirmation does: ``explanation``, the ``listed`` items, ``form``, and
    the selected ``objects`` carried back as the action's hidden inputs; ``step`` names the
    breadcrumb and the button."""
    opts = model_admin.model._meta
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "step": step,
        "form": form,
        "objects": objects,
        "listed": listed,
        "explanation": explanation,
        "action": action,
        "opts": opts,
        "changelist": f"admin:{opts.app_label}_{opts.model_name}_changelist",
        "action_checkbox_name": ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/articles/action_page.html", context)
