"""Who may change what: the one home for the editorial workflow's rules.

Readers see published articles and scheduled ones that are due; withdrawn ones leave a notice.
Writers create and edit drafts and articles in review and send them to review. Everything that
touches an article in a publishing status (scheduled, published, withdrawn) is the Editors':
moving an article into or out of those statuses, changing its content, and changing the quotes,
corrections, tags, speakers, sources and sections it shows. That is the ``publish_article``
permission.

The admin's forms, its actions, its revision restore and the importer all ask this module; the
Django model permissions (``change_quote``, ``delete_speaker``...) still apply on top of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone

from articles.models import (
    Article,
    Correction,
    Quote,
    Section,
    Source,
    Speaker,
    StatusChange,
    Tag,
    TaggedArticle,
    readers_may_see,
)

PUBLISH_PERMISSION = "articles.publish_article"
# Statuses whose articles Writers may edit: nothing in them is, or is about to be, public.
WRITER_STATUSES = (Article.Status.DRAFT, Article.Status.IN_REVIEW)
# Moving into or out of these, or changing anything of an article in one, needs
# ``publish_article``. Wider than what readers see now (``Article.is_public``): a scheduled
# article goes live by itself, and a withdrawn one still answers with its notice.
EDITORS_STATUSES = Article.PUBLISHING_STATUSES

REFUSED = "You may not publish, schedule or withdraw articles, or change a live article."
# Readers of a withdrawn story see, in its place, the reason the Editor gave: every way of
# withdrawing (the form's button, the list's action, the API) needs one.
REASON_NEEDED = "Say why the story is withdrawn: readers see the reason in its place."


class Action(models.TextChoices):
    """The buttons of the article form, each a step of the workflow (``actions_for``)."""

    SAVE = "save", "Save draft"
    SUBMIT = "submit", "Submit for review"
    PUBLISH = "publish", "Publish"
    SCHEDULE = "schedule", "Schedule"
    UNPUBLISH = "unpublish", "Unpublish"
    WITHDRAW = "withdraw", "Withdraw"
    REJECT = "reject", "Reject"


# What each action makes of an article's status (None: it keeps the one it has). On a live
# article (``keeps_live_version``) Save, Submit and Reject leave the article as it is and work
# on its pending change instead.
STATUS_AFTER: dict[str, str | None] = {
    Action.SAVE: None,
    Action.SUBMIT: Article.Status.IN_REVIEW,
    Action.PUBLISH: Article.Status.PUBLISHED,
    Action.SCHEDULE: Article.Status.SCHEDULED,
    Action.UNPUBLISH: Article.Status.DRAFT,
    Action.WITHDRAW: Article.Status.WITHDRAWN,
    Action.REJECT: Article.Status.DRAFT,
}
PENDING_ACTIONS = (Action.SAVE, Action.SUBMIT, Action.REJECT)


def may_publish(user: Any) -> bool:
    """Whether ``user`` holds the Editors' permission. None is the system (an import)."""
    return user is None or user.has_perm(PUBLISH_PERMISSION)


def needs_publish_permission(old_status: str | None, new_status: str) -> bool:
    """Publishing, scheduling, withdrawing, and changing a live or withdrawn article's status,
    all need ``publish_article``. ``old_status`` None: a new (or recovered) article."""
    if old_status == new_status:
        return False
    return new_status in EDITORS_STATUSES or old_status in EDITORS_STATUSES


def can_transition(user: Any, old_status: str | None, new_status: str) -> bool:
    """Whether ``user`` may move an article from ``old_status`` to ``new_status``."""
    return may_publish(user) or not needs_publish_permission(old_status, new_status)


def allowed_statuses(user: Any, old_status: str | None) -> list[str]:
    """The statuses ``user`` may choose for an article now in ``old_status`` (None: new)."""
    return [
        status
        for status in Article.Status.values
        if status == old_status or can_transition(user, old_status, status)
    ]


def can_change_article(user: Any, article: Article | None) -> bool:
    """Whether ``user`` may change ``article``'s content, quotes, tags and corrections (None:
    any article, for list pages). Model permissions are checked separately."""
    if article is None or may_publish(user):
        return True
    return article.status in WRITER_STATUSES


def keeps_live_version(article: Article | None) -> bool:
    """Whether changes to ``article`` wait as a pending change (``articles.pending``) instead
    of being made to it: it is published, or scheduled (it goes live by itself)."""
    return (
        article is not None and article.pk is not None and article.status in (Article.LIVE_STATUSES)
    )


def may_propose_change(user: Any, article: Article | None) -> bool:
    """Whether ``user`` may open ``article``'s form to save a change, directly or as a pending
    change: Writers propose changes to live articles; withdrawn ones are the Editors'."""
    return can_change_article(user, article) or keeps_live_version(article)


def actions_for(user: Any, article: Article | None, pending: Any = None) -> list[str]:
    """The workflow buttons ``user`` has on ``article``'s form (None: a new article), in the
    order the form shows them; ``pending``: its pending change, if any. The admin form and its
    buttons both ask this, so a button not shown is also refused when posted."""
    editor = may_publish(user)
    status = None if article is None or article.pk is None else article.status
    if status == Article.Status.WITHDRAWN:
        return [Action.SAVE, Action.PUBLISH, Action.UNPUBLISH] if editor else []
    actions = [Action.SAVE]
    if status != Article.Status.IN_REVIEW or keeps_live_version(article):
        actions.append(Action.SUBMIT)
    if not editor:
        return actions
    actions.append(Action.PUBLISH)
    actions.append(Action.SCHEDULE)  # on a published article: its changes
    in_review = status == Article.Status.IN_REVIEW
    if keeps_live_version(article):
        actions.append(Action.UNPUBLISH)
        if status == Article.Status.PUBLISHED:
            actions.append(Action.WITHDRAW)
        in_review = pending is not None and pending.state == pending.State.IN_REVIEW
    if in_review:
        actions.append(Action.REJECT)
    return actions


def action_label(action: str, article: Article | None) -> str:
    """What the button says: the action, and on a live article what it does to the change."""
    if keeps_live_version(article):
        live_labels = {
            Action.SAVE: "Save draft (readers keep the live version)",
            Action.SUBMIT: "Submit changes for review",
            Action.PUBLISH: "Publish changes",
            Action.REJECT: "Reject changes",
            Action.SCHEDULE: "Schedule changes"
            if article.status == Article.Status.PUBLISHED
            else "Schedule",
        }
        if action in live_labels:
            return live_labels[action]
    if action == Action.SAVE and article is not None and article.status == "review":
        return "Save (stays in review)"
    return Action(action).label


def schedules_changes(action: str | None, article: Article | None) -> bool:
    """Whether ``action`` schedules the pending change of ``article`` rather than the
    article: Schedule on a published article (a scheduled one is simply rescheduled)."""
    return (
        action == Action.SCHEDULE
        and article is not None
        and article.pk is not None
        and article.status == Article.Status.PUBLISHED
    )


def works_on_pending_change(action: str | None, article: Article | None) -> bool:
    """Whether ``action`` on ``article`` keeps the change pending instead of saving it."""
    if schedules_changes(action, article):
        return True
    return keeps_live_version(article) and action in PENDING_ACTIONS


def status_after(action: str, old_status: str | None, article: Article | None) -> str:
    """The status ``action`` leaves an article in that is now in ``old_status`` (None: new)."""
    if works_on_pending_change(action, article):
        return article.status
    return STATUS_AFTER[action] or old_status or Article.Status.DRAFT


class State(models.TextChoices):
    """Where an article stands as editors need to know it: its status, read with its date (a
    scheduled article whose time has come is live) and its pending change."""

    DRAFT = "draft", "Draft"
    IN_REVIEW = "review", "In review"
    SCHEDULED = "scheduled", "Scheduled"
    LIVE = "live", "Live"
    LIVE_PENDING = "live_pending", "Live + changes pending"
    LIVE_REVIEW = "live_review", "Live + changes in review"
    WITHDRAWN = "withdrawn", "Withdrawn"


def state_of(article: Article, pending_state: str | None) -> str:
    """``article``'s :class:`State`; ``pending_state``: its pending change's state, or None."""
    if article.is_public:
        if pending_state == "review":
            return State.LIVE_REVIEW
        return State.LIVE_PENDING if pending_state else State.LIVE
    if article.status in Article.LIVE_STATUSES:  # its time has not come
        return State.SCHEDULED
    return article.status


def state_condition(state: str) -> models.Q:
    """The articles in ``state``, as a condition (the list's filter)."""
    live = readers_may_see()
    pending = models.Q(pending_change__isnull=False)
    return {
        State.LIVE: live & ~pending,
        State.LIVE_PENDING: live & models.Q(pending_change__state="draft"),
        State.LIVE_REVIEW: live & models.Q(pending_change__state="review"),
        State.SCHEDULED: models.Q(status__in=Article.LIVE_STATUSES) & ~live,
    }.get(state, models.Q(status=state))


def check_transition(user: Any, old_status: str | None, new_status: str) -> None:
    if not can_transition(user, old_status, new_status):
        raise PermissionDenied(REFUSED)


def outcome_message(action: str, article: Article, to_pending: bool) -> str:
    """What the editor is told after pressing ``action`` on ``article``."""
    if to_pending:
        return {
            Action.SAVE: "Your changes are saved as a draft. Readers still see the live version.",
            Action.SUBMIT: "Your changes are submitted for review. Readers still see the live "
            "version until an Editor publishes them.",
            Action.REJECT: "The changes were sent back to their writer with your comment. "
            "Readers still see the live version.",
            Action.SCHEDULE: "The changes are scheduled: they go live when their time comes "
            "(manage.py publish_scheduled). Readers see the live version until then.",
        }[action]
    if action == Action.SCHEDULE and article.published_at:
        when = timezone.localtime(article.published_at)
        return f"Scheduled: it goes live on {when:%d %b %Y at %H:%M} {when.tzname()}."
    return {
        Action.SAVE: "Saved.",
        Action.SUBMIT: "Submitted for review.",
        Action.PUBLISH: "Published: readers see it now.",
        Action.SCHEDULE: "Scheduled.",
        Action.UNPUBLISH: "Unpublished: it is a draft again, and readers no longer see it.",
        Action.WITHDRAW: "Withdrawn: readers see a notice in its place.",
        Action.REJECT: "Sent back to draft with your comment.",
    }[action]


def needs_reason(old_status: str | None, new_status: str) -> bool:
    """Whether moving an article from ``old_status`` to ``new_status`` needs a reason that
    readers see (its ``StatusChange.comment``): withdrawing it."""
    return new_status == Article.Status.WITHDRAWN and old_status != new_status


def check_reason(old_status: str | None, new_status: str, comment: str) -> None:
    """Refuse (ValidationError, ``REASON_NEEDED``) a withdrawal without a reason."""
    if needs_reason(old_status, new_status) and not comment.strip():
        raise ValidationError(REASON_NEEDED, code="reason")


def withdrawal_reason(article: Article) -> str:
    """The reason readers see for ``article``'s withdrawal: the comment of its latest move
    to withdrawn ("" for one withdrawn before reasons were asked for)."""
    change = (
        StatusChange.objects.filter(article=article, new_status=Article.Status.WITHDRAWN)
        .order_by("-at", "-id")
        .values_list("comment", flat=True)
        .first()
    )
    return (change or "").strip()


def transition(article: Article, new_status: str, user: Any = None, comment: str = "") -> None:
    """Move ``article`` to ``new_status`` as ``user`` (None: the system), enforcing the rules
    above; its save then records the step as a :class:`StatusChange` (with ``comment``: a
    rejection's or withdrawal's reason, required for a withdrawal). Publishing without a
    date publishes now."""
    old_status = None if article._state.adding else article.status
    check_transition(user, old_status, new_status)
    check_reason(old_status, new_status, comment)
    article.status = new_status
    if new_status == Article.Status.PUBLISHED and article.published_at is None:
        article.published_at = timezone.now()
    article._status_change = (old_status, new_status, user, comment)


def record_status_change(
    article: Article, old_status: str | None, new_status: str, user: Any = None, comment: str = ""
) -> StatusChange | None:
    """Write the history row for a status change made outside :func:`transition` (a restored
    revision writes the old row back directly); nothing when the status did not change."""
    if old_status == new_status:
        return None
    return StatusChange.objects.create(
        article=article,
        old_status=old_status or "",
        new_status=new_status,
        user=user if getattr(user, "pk", None) else None,
        comment=comment,
    )


def import_status(publish: bool) -> str:
    """The status the importer gives a new article: published, or a draft (``--draft``)."""
    return Article.Status.PUBLISHED if publish else Article.Status.DRAFT


def articles_behind(obj: models.Model) -> models.QuerySet[Article]:
    """The articles whose pages show ``obj`` (a quote, correction, tag link, tag, speaker,
    source, section or article)."""
    if isinstance(obj, Article):
        return Article.objects.filter(pk=obj.pk)
    if isinstance(obj, Quote | Correction):
        return Article.objects.filter(pk=obj.article_id)
    if isinstance(obj, TaggedArticle):
        return Article.objects.filter(pk=obj.content_object_id)
    if isinstance(obj, Speaker):
        return Article.objects.filter(quotes__speaker=obj)
    if isinstance(obj, Tag):
        return Article.objects.filter(
            pk__in=TaggedArticle.objects.filter(tag=obj).values("content_object_id")
        )
    if isinstance(obj, Source):
        return Article.objects.filter(source=obj)
    if isinstance(obj, Section):
        return Article.objects.filter(section=obj)
    raise TypeError(f"no workflow rule for {type(obj).__name__}")


def can_change_object(user: Any, obj: models.Model | None) -> bool:
    """Whether ``user`` may change or delete ``obj`` as far as the workflow goes: anything an
    article in an Editors' status shows is the Editors' (None: any object, for list pages)."""
    return can_change_objects(user, [] if obj is None else [obj])


def can_change_objects(user: Any, objects: Iterable[models.Model]) -> bool:
    """:func:`can_change_object` for every one of ``objects`` at once."""
    if may_publish(user):
        return True
    return not any(
        articles_behind(obj).filter(status__in=EDITORS_STATUSES).exists()
        for obj in objects
        if obj.pk is not None
    )


def plan_restore(user: Any, versions: Iterable[Any]) -> dict[int, tuple[str | None, int]]:
    """Check that ``user`` may restore a revision made of ``versions`` (django-reversion
    ``Version`` rows), judged against the articles as they are NOW and as the revision would
    leave them; raises PermissionDenied. Returns each article's (status, version) before the
    restore (None status: the article is deleted and would be recovered), for
    :func:`finish_restore`.

    A revision may hold several articles (a bulk action saves them in one), and an article's
    quotes, corrections and tag links: every one is checked."""
    before: dict[int, tuple[str | None, int]] = {}
    for version in versions:
        model = version.content_type.model_class()
        data = version.field_dict
        if model is Article:
            current = Article.objects.filter(pk=version.object_id).first()
            if current is not None and not can_change_article(user, current):
                raise PermissionDenied(REFUSED)
            old_status = None if current is None else current.status
            check_transition(user, old_status, data["status"])
            before[int(version.object_id)] = (old_status, 0 if current is None else current.version)
        elif model in (Quote, Correction, TaggedArticle):
            key = "content_object" if model is TaggedArticle else "article"
            article_ids = {data.get(key)}
            current = model._default_manager.filter(pk=version.object_id).first()
            if current is not None:
                article_ids.add(getattr(current, f"{key}_id"))
            for article in Article.objects.filter(pk__in=article_ids - {None}):
                if not can_change_article(user, article):
                    raise PermissionDenied(REFUSED)
        elif not may_publish(user):  # nothing else is in an article's revisions; Editors'
            raise PermissionDenied(REFUSED)
    return before


def finish_restore(
    before: dict[int, tuple[str | None, int]], user: Any, skip: int | None = None
) -> None:
    """After a restore has written the old rows back: record each article's status change
    against its status before the restore, raise its version past the one before (so a form
    opened before the restore is refused as stale) and note who changed it. ``skip``: the
    article the admin form saved itself."""
    for article in Article.objects.filter(pk__in=[pk for pk in before if pk != skip]):
        old_status, old_version = before[article.pk]
        record_status_change(article, old_status, article.status, user)
        Article.objects.filter(pk=article.pk).update(
            version=max(old_version, article.version) + 1,
            last_changed_by=user if getattr(user, "pk", None) else None,
        )
