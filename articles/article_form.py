"""The article's admin form: its workflow buttons, its pending changes and its stale-save check.

The form has no status field: the button pressed (``_action``, one of
``articles.workflow.Action``) says where the article goes, and ``articles.workflow`` says which
buttons a user has. On a live article, Save draft, Submit and Reject work on its pending change
(``articles.pending``), and the form opens with that change's values.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.utils import timezone

from articles import workflow
from articles.models import Article, Section
from articles.pending import PENDING_FIELDS, pending_for
from articles.widgets import TagAutocompleteWidget

ACTION_FIELD = "_action"  # the name of the workflow buttons


class ArticleAdminForm(forms.ModelForm):
    """Enforces, on the server, who may do what to an article, and refuses a save made from a
    stale copy."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    changes_at = forms.SplitDateTimeField(
        required=False,
        widget=AdminSplitDateTime,
        label="Publish the changes at",
        help_text="For Schedule changes: readers see the live version until then.",
    )
    review_comment = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Comment for the writer",
        help_text="Say why, when you press Reject: the writer sees it on this page.",
    )

    withdrawal_reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Reason for withdrawal",
        help_text="Needed to press Withdraw: readers see it in the story's place.",
    )

    class Meta:
        model = Article
        exclude: list[str] = []  # the admin's fieldsets say which; never the status
        widgets = {"tags": TagAutocompleteWidget}

    user = None  # set by ArticleAdmin.get_form
    # (status, version) before a revision restore wrote the old row back (ArticleAdmin sets
    # it): the restore is judged against the article as it was, not as restored.
    before_restore: tuple[str | None, int] | None = None
    stored_version = 0  # the version in the database, read (and locked) by clean()
    # Set by clean(): the button pressed (None: a POST without one, as from a script: "save"
    # but an Editor's save of a live article changes it directly, as Django's own Save does),
    # the status it leads to, and whether it works on the pending change.
    action: str | None = None
    new_status: str | None = None
    to_pending = False
    # The form's own fields that are not the article's: about the save, not its content.
    NOT_ARTICLE_FIELDS = ("version", "review_comment", "changes_at", "withdrawal_reason")

    # Text a browser sends with CRLF line breaks (as every textarea does); stored with LF, so
    # a save that changes nothing changes nothing: not the text, not "Updated", not an
    # import's view of what an editor edited.
    TEXT_FIELDS = ("headline", "standfirst", "body")

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        if data is not None and any("\r" in str(data.get(name, "")) for name in self.TEXT_FIELDS):
            data = data.copy()
            for name in self.TEXT_FIELDS:
                if name in data:
                    data[name] = data[name].replace("\r\n", "\n").replace("\r", "\n")
        super().__init__(data, *args, **kwargs)
        self.stored_status = self.instance.status if self.instance.pk else None
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        self.pending = pending_for(self.instance)
        for name, label in (
            ("published_at", "Publication"),
            ("changes_at", "Changes' publication"),
        ):
            field = self.fields.get(name)  # one label for two inputs: each gets its own name
            if field is not None and isinstance(field.widget, forms.MultiWidget):
                date, time = field.widget.widgets
                date.attrs["aria-label"], time.attrs["aria-label"] = f"{label} date", "time"
        # What readers see now, for what follows the text when this form is saved.
        self.live_text = tuple(
            getattr(self.instance, f, "") for f in ("headline", "standfirst", "body")
        )

    def get_initial_for_field(self, field: forms.Field, field_name: str) -> Any:
        """An unsaved form of an article with a pending change opens with the change; a
        submitted one is compared with the live article (what "changed" means on save)."""
        if not self.is_bound and self.pending is not None and field_name in PENDING_FIELDS:
            value = self.pending.values.get(field_name, "")
            if field_name == "section":  # kept by its slug (``pending_values``); the form's key
                return Section.objects.filter(slug=value).values_list("pk", flat=True).first()
            return value
        return super().get_initial_for_field(field, field_name)

    def status_comment(self) -> str:
        """The comment the status change records: a withdrawal's reason (a restored
        withdrawal: the reason the article was last withdrawn for), else the review's."""
        data = getattr(self, "cleaned_data", {})
        if self.new_status == Article.Status.WITHDRAWN:
            reason = data.get("withdrawal_reason", "") or ""
            if not reason.strip() and self.before_restore is not None and self.instance.pk:
                reason = workflow.withdrawal_reason(self.instance)
            return reason
        return data.get("review_comment", "") or ""

    def old_status(self) -> str | None:
        """The status this save moves the article from (None: a new article)."""
        if self.before_restore is not None:
            return self.before_restore[0]
        return self.stored_status

    def pending_values(self) -> dict[str, Any]:
        """The editorial fields as the pending change keeps them: the form's cleaned text, the
        submitted value of the others (tags as typed, a related row's key)."""
        values = {}
        for name in PENDING_FIELDS:
            if name not in self.fields:
                continue
            value = self.cleaned_data.get(name)
            if name == "section":  # by slug, not id: a backup restores it into another database
                values[name] = value.slug if isinstance(value, Section) else ""
            else:
                values[name] = value if isinstance(value, str) else self.data.get(name, "")
        return values

    def clean_published_at(self) -> Any:
        """The date and time inputs hold whole seconds, an import's time has microseconds:
        a date the editor left alone is kept as stored, not cut to the second (which made
        every first save a change of the date)."""
        if self.instance.pk and "published_at" not in self.changed_data:
            return self.instance.published_at
        return self.cleaned_data.get("published_at")

    def _check_stale(self) -> None:
        # Lock the row for the rest of the save: a concurrent save waits here, then sees the
        # version this one writes, and is refused.
        current = Article.objects.select_for_update().get(pk=self.instance.pk)
        self.stored_status, self.stored_version = current.status, current.version
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

    def clean(self) -> dict:
        data = super().clean()
        article = self.instance if self.instance.pk else None
        if article is not None:
            self._check_stale()
        old_status = self.old_status()
        posted = self.data.get(ACTION_FIELD) or None
        if posted is not None and posted not in workflow.Action.values:
            raise forms.ValidationError("Unknown button.", code="action")
        if self.before_restore is not None:  # a restore: the revision says the status
            self.new_status = self.instance.status
            self._check_status(old_status, self.new_status, data)
            try:  # a withdrawn version restored: the reason it was withdrawn for, if any
                workflow.check_reason(old_status, self.new_status, self.status_comment())
            except forms.ValidationError:
                self.add_error(
                    None,
                    "This version is withdrawn and no reason for that is recorded: restore "
                    "another version, or withdraw the article from its page with a reason.",
                )
            return data
        allowed = workflow.actions_for(self.user, article, self.pending)
        action = posted or workflow.Action.SAVE
        if action not in allowed:
            raise forms.ValidationError(
                f"You may not {workflow.Action(action).label.lower()} this article.",
                code="action",
            )
        self.action = posted
        direct_save = posted is None and workflow.can_change_article(self.user, article)
        self.to_pending = workflow.works_on_pending_change(action, article) and not direct_save
        if self.to_pending:
            outside = [
                self.fields[name].label or name
                for name in self.changed_data
                if name not in (*PENDING_FIELDS, *self.NOT_ARTICLE_FIELDS)
            ]
            if outside:
                raise forms.ValidationError(
                    "These changes would go live at once, so they cannot wait in a draft: "
                    f"{', '.join(map(str, outside))}. Press Publish changes, or undo them.",
                    code="not_pending",
                )
        if workflow.schedules_changes(action, article):
            at = data.get("changes_at")
            if at is None or at <= timezone.now():
                self.add_error("changes_at", "Schedule changes needs a time in the future.")
        if action == workflow.Action.REJECT and not data.get("review_comment", "").strip():
            self.add_error("review_comment", "Say what needs changing before rejecting.")
        self.new_status = workflow.status_after(action, old_status, article)
        try:
            workflow.check_reason(old_status, self.new_status, self.status_comment())
        except forms.ValidationError as error:
            self.add_error("withdrawal_reason", error)
        self._check_status(old_status, self.new_status, data)
        return data

    def _check_status(self, old_status: str | None, new_status: str, data: dict) -> None:
        if not workflow.can_transition(self.user, old_status, new_status):
            raise forms.ValidationError(workflow.REFUSED, code="transition")
        published_at = data.get("published_at", self.instance.published_at)
        changed = old_status != new_status or "published_at" in self.changed_data
        now = timezone.now()
        if new_status == Article.Status.SCHEDULED and changed and not (published_at or now) > now:
            self.add_error(
                "published_at",
                "A scheduled article needs a publication time in the future.",
            )
        if self.action == workflow.Action.PUBLISH and published_at and published_at > now:
            self.add_error(
                "published_at",
                "This time is in the future: press Schedule to publish then, or clear it "
                "to publish now.",
            )
