"""A change to a live article that is not live yet: Wagtail's "live + draft" for our stories.

Editing a published (or scheduled) article by a Writer, or by an Editor who presses "Save draft"
or "Submit for review", must not touch what readers see. The change is kept here instead, one
per article, as the values of the article form's editorial fields; the article row stays the
live version. An Editor previews it, compares it with the live version, and publishes it from
the article's form (which opens with these values), or rejects it with a comment. Publishing it
saves the article as any editor's save does (quotes follow the text), and deletes this row.

Which actions may create, submit, reject or publish it is ``articles.workflow``'s to say.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

# The article form's fields a pending change holds: the editorial fields an editor edits on
# the form (``Article.EDITORIAL_FIELDS`` but the quotes, which follow the text when published).
PENDING_FIELDS = ("headline", "standfirst", "body", "section", "tags")


class PendingChange(models.Model):
    """The next version of a live article, waiting for an Editor."""

    class State(models.TextChoices):
        DRAFT = "draft", "draft"
        IN_REVIEW = "review", "in review"

    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, related_name="pending_change"
    )
    values = models.JSONField(
        help_text="The article form's editorial fields as the editor left them "
        "(pending.PENDING_FIELDS), as the form shows them."
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    based_on_version = models.PositiveIntegerField(
        help_text="The live article's version this change was made from: a different version "
        "now means the live article changed since."
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_comment = models.TextField(
        blank=True, help_text="Why an Editor sent it back, for whoever works on it next."
    )
    publish_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When an Editor scheduled it to go live (manage.py publish_scheduled).",
    )
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    problem = models.TextField(
        blank=True,
        help_text="Why its scheduled publication did not happen (the form's errors then).",
    )

    class Meta:
        app_label = "articles"

    def __str__(self) -> str:
        return f"Changes {self.get_state_display()} to “{self.article}”"

    def schedule(self, when: Any, user: Any) -> None:
        """Publish this change at ``when``, as ``user`` (``editing.publish_due_changes``)."""
        self.publish_at, self.problem = when, ""
        self.scheduled_by = user if getattr(user, "pk", None) else None
        self.save(update_fields=["publish_at", "problem", "scheduled_by"])

    @property
    def live_changed_since(self) -> bool:
        """Whether the live article was saved after this change was started from it."""
        return self.article.version != self.based_on_version


def store(article: Any, values: dict[str, Any], user: Any, *, submit: bool) -> PendingChange:
    """Keep ``values`` (form field -> value) as ``article``'s pending change, made by ``user``;
    ``submit`` sends it to review, otherwise it stays (or goes back to being) a draft. The
    version it is based on is kept from its first save."""
    _forget(article)
    now = timezone.now()
    user = user if getattr(user, "pk", None) else None
    change = PendingChange.objects.filter(article=article).first()
    if change is None:
        change = PendingChange(article=article, based_on_version=article.version, created_at=now)
    change.values = {name: values.get(name, "") for name in PENDING_FIELDS}
    change.updated_at, change.updated_by = now, user
    change.publish_at = None  # a changed change is scheduled again, or not
    change.problem = ""
    if submit:
        change.state = PendingChange.State.IN_REVIEW
        change.submitted_at, change.submitted_by = now, user
        change.review_comment = ""
    change.save()
    return change


def reject(article: Any, user: Any, comment: str) -> PendingChange | None:
    """Send ``article``'s pending change back to draft with ``comment``; None if it has none."""
    _forget(article)
    change = PendingChange.objects.filter(article=article).first()
    if change is None:
        return None
    change.state = PendingChange.State.DRAFT
    change.review_comment = comment
    change.publish_at = None
    change.updated_at = timezone.now()
    change.updated_by = user if getattr(user, "pk", None) else None
    change.save()
    return change


def discard(article: Any) -> bool:
    """Drop ``article``'s pending change (it was published, or the article left the live
    statuses with the form's values saved to it); returns whether there was one."""
    _forget(article)
    deleted, _ = PendingChange.objects.filter(article=article).delete()
    return bool(deleted)


def differences(article: Any, change: PendingChange) -> list[tuple[str, str, str]]:
    """(field, live value, pending value) for each field the change differs in, as text."""
    from taggit.utils import edit_string_for_tags

    live = {name: str(getattr(article, name) or "") for name in PENDING_FIELDS if name != "tags"}
    live["tags"] = edit_string_for_tags(list(article.tags.all()))
    rows = []
    for name in PENDING_FIELDS:
        pending_value = str(change.values.get(name, "") or "")
        if name == "section":  # kept by slug; shown by name
            from articles.models import Section

            if pending_value == (article.section.slug if article.section_id else ""):
                continue
            named = Section.objects.filter(slug=pending_value).first()
            rows.append((name, live[name], named.name if named else pending_value))
            continue
        if name == "tags":  # compared as sets: order and quoting are not changes
            from taggit.utils import parse_tags

            if sorted(parse_tags(pending_value)) == sorted(parse_tags(live[name])):
                continue
        elif pending_value.replace("\r\n", "\n") == live[name].replace("\r\n", "\n"):
            continue
        rows.append((name, live[name], pending_value))
    return rows


# Where ``pending_for`` keeps its answer on the article instance: the change page asks it from
# the form, the fieldsets, the buttons and the state column, and read it four times a request.
_KEPT = "_pending_change"


def pending_for(article: Any) -> PendingChange | None:
    """``article``'s pending change or None, read once per article instance (``store``,
    ``reject`` and ``discard`` forget it, so the instance never answers from before them)."""
    if article is None or article.pk is None:
        return None
    try:
        return article.__dict__[_KEPT]
    except KeyError:
        pass
    found = PendingChange.objects.filter(article=article).select_related("submitted_by").first()
    article.__dict__[_KEPT] = found
    return found


def _forget(article: Any) -> None:
    if article is not None:
        vars(article).pop(_KEPT, None)
