"""Saving an article from its form: what the admin's save and the publication of scheduled
changes (``manage.py publish_scheduled``) share, so that both change an article the same way.

A save from the form (``articles.article_form.ArticleAdminForm``, validated) either keeps the
change as the article's pending change (``form.to_pending``) and writes nothing of the
article, or moves the article to the status the button leads to, raises its version, records
who changed it, and then makes the quotes and tags follow a changed text and dates "Updated".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import reversion
from django import forms
from django.db import transaction
from django.forms import modelform_factory
from django.utils import timezone

from articles import pending, requote, workflow
from articles.article_form import ACTION_FIELD, ArticleAdminForm
from articles.history import record_baseline
from articles.models import Article
from articles.pending import PendingChange

# The article form's fields an editor edits (the admin's fieldsets without the read-only ones).
FORM_FIELDS = (
    "headline",
    "slug",
    "standfirst",
    "body",
    "section",
    "tags",
    "published_at",
    "source",
)


def keep_pending(form: ArticleAdminForm, user: Any) -> None:
    """Store (or reject, or schedule) the form's change as the article's pending change."""
    live = Article.objects.get(pk=form.instance.pk)  # the instance holds the form's values
    if form.action == workflow.Action.REJECT:
        pending.reject(live, user, form.cleaned_data["review_comment"])
        return
    submit = form.action == workflow.Action.SUBMIT
    change = pending.store(live, form.pending_values(), user, submit=submit)
    if form.action == workflow.Action.SCHEDULE:
        change.schedule(form.cleaned_data["changes_at"], user)


def before_save(article: Article, form: ArticleAdminForm, user: Any, *, change: bool) -> None:
    """What a save sets before the row is written: the status the button leads to (kept in
    the history), who changed it, the date's basis, what readers saw, the version."""
    old_status, new_status = form.old_status(), form.new_status or article.status
    if new_status != old_status:
        article.status = old_status
        workflow.transition(article, new_status, user, comment=form.status_comment())
    article.last_changed_by = user if getattr(user, "pk", None) else None
    if "published_at" in form.changed_data:
        article.date_basis = Article.DateBasis.EDITOR
    # What readers saw before this save: compared after the tags and quotes are saved.
    article.seen_before_save = (
        Article.objects.get(pk=article.pk).public_fingerprint() if change else None
    )
    if change:
        restored_over = form.before_restore[1] if form.before_restore else 0
        article.version = max(form.stored_version, restored_over) + 1
    else:
        article.version = 1


def after_save(
    article: Article,
    form: ArticleAdminForm,
    *,
    change: bool,
    dropped: Sequence[str] = (),
    corrected: bool = False,
) -> str | None:
    """After the row, its tags and the editor's quotes are saved: a new or changed body or
    standfirst makes the quotes and tags follow the text (``articles.requote``); otherwise
    the quotes are numbered in the body's order. A change readers can see (or a new
    correction) dates the article's "Updated"; the pending change, whose values the form
    showed, is saved now and dropped. Returns what the editor is told about the quotes."""
    message = None
    if not change or {"body", "standfirst"} & set(form.changed_data):
        result = requote.requote(article, form.live_text if change else None, list(dropped))
        message = result.message()
    else:
        requote.renumber(article)
    article.note_content_change(getattr(article, "seen_before_save", None), corrected=corrected)
    if change:
        pending.discard(article)
    return message


def form_class(user: Any, *, adding: bool = False) -> type[ArticleAdminForm]:
    """The article form outside the admin, for ``user``, with the admin's editable fields (and
    the URL, for a new article)."""
    fields = (*FORM_FIELDS, "original_url") if adding else FORM_FIELDS
    if not workflow.may_publish(user):  # read-only for them in the admin too
        fields = tuple(name for name in fields if name != "published_at")
    form = modelform_factory(Article, form=ArticleAdminForm, fields=fields)
    return type(form.__name__, (form,), {"user": user})


def data_for(form: forms.ModelForm) -> dict[str, Any]:
    """What a browser would post for the unsaved ``form`` (with its pending change, if any)."""
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field.widget, forms.MultiWidget):
            for index, part in enumerate(field.widget.decompress(value)):
                data[f"{name}_{index}"] = part
        elif isinstance(value, list | tuple) and not isinstance(field, forms.MultipleChoiceField):
            data[name] = field.widget.format_value(value)  # tags: the comma string typed
        elif value is not None:
            data[name] = value
    return data


def publish_due_changes(now: Any = None) -> list[tuple[Article, str | None]]:
    """Publish every pending change whose scheduled time has come, as the Editor who scheduled
    it, through the article's form (its checks and its save); one transaction each. Returns
    each article with None, or why its change was left waiting (the form's errors)."""
    now = now or timezone.now()
    done = []
    due = PendingChange.objects.filter(publish_at__lte=now).order_by("publish_at", "pk")
    for change_id in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            change = (
                PendingChange.objects.select_for_update(of=("self",))
                .select_related("article", "scheduled_by")
                .filter(pk=change_id, publish_at__lte=now)
                .first()
            )
            if change is None:  # published or dropped meanwhile
                continue
            done.append((change.article, _publish(change)))
    return done


def save(
    form: ArticleAdminForm, user: Any, *, change: bool, comment: str = ""
) -> tuple[Article, str | None]:
    """Save a validated article form outside the admin (the API, scheduled changes) as the
    admin does: the pending change, or the article with a revision (after recording the article
    as it was, once). Returns the article and what the editor is told about its quotes."""
    if form.to_pending:
        keep_pending(form, user)
        return Article.objects.get(pk=form.instance.pk), None
    if change:
        record_baseline(form.instance)
    saved = form.save(commit=False)
    before_save(saved, form, user, change=change)
    with reversion.create_revision():
        if getattr(user, "pk", None):
            reversion.set_user(user)
        reversion.set_comment(comment)
        saved.save()
        form.save_m2m()
    return saved, after_save(saved, form, change=change)


def _publish(change: PendingChange) -> str | None:
    user, article = change.scheduled_by, change.article
    form_type = form_class(user)
    data = data_for(form_type(instance=article))
    data.update({ACTION_FIELD: workflow.Action.PUBLISH, "version": article.version})
    form = form_type(data=data, instance=article)
    if not form.is_valid():
        problem = "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items())
        PendingChange.objects.filter(pk=change.pk).update(publish_at=None, problem=problem)
        return problem
    save(form, user, change=True, comment="Scheduled changes published.")
    return None
