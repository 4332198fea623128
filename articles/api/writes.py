"""The editors' side of the API: token clients create and change articles, move them through
the workflow, add corrections and fix quote speakers, with exactly the admin's rules.

Every article write goes through the admin's own article form (``articles.editing``): the same
fields and checks, the same workflow buttons (``workflow.actions_for``), the same pending
changes for live articles, the same save. So a Writer can do through the API exactly what it
can do in the admin, no more.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import transaction
from rest_framework import permissions
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request

from articles import editing, workflow
from articles.article_form import ACTION_FIELD
from articles.models import Article, Correction, Section, Source


class ReadsForAllWritesForStaff(permissions.BasePermission):
    """Anyone reads what readers see; only active staff with a token write (and then the
    model permissions and the workflow decide)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        user = request.user
        return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_staff)


def sees_everything(request: Request) -> bool:
    """Staff who may view articles in the admin see every article through the API too."""
    user = request.user
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_staff
        and user.has_perm("articles.view_article")
    )


def _form_data(payload: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    """The form's data: ``base`` (the form as it stands), with the client's fields."""
    data = dict(base)
    for name in ("headline", "slug", "standfirst", "body", "original_url"):
        if name in payload:
            data[name] = payload[name]
    if "section" in payload:  # named as readers and the importer name it; the form takes its key
        section = Section.objects.named(payload["section"]) if payload["section"] else None
        if payload["section"] and section is None:
            raise ValidationError({"section": [f"no section {payload['section']!r}"]})
        data["section"] = section.pk if section else ""
    if "tags" in payload:
        data["tags"] = ", ".join('"{}"'.format(tag.replace('"', "")) for tag in payload["tags"])
    if "source" in payload:
        source = Source.objects.filter(domain=payload["source"].lower()).first()
        if source is None:
            raise ValidationError({"source": [f"no source {payload['source']!r}"]})
        data["source"] = source.pk
    for name in ("published_at", "changes_at"):
        if name in payload:
            data[name] = payload[name]
    if "comment" in payload:  # a rejection's comment, or a withdrawal's reason
        data["review_comment"] = data["withdrawal_reason"] = payload["comment"]
    if "version" in payload:
        data["version"] = payload["version"]
    data[ACTION_FIELD] = payload.get("action") or workflow.Action.SAVE
    return data


# The API's name for the form's fields it fills under another name.
API_NAMES = {"review_comment": "comment", "withdrawal_reason": "comment"}
# The article form's errors that mean "not yours to do", not "not valid": 403s.
REFUSAL_CODES = {"action", "transition"}


def save_article(request: Request, article: Article | None, payload: dict[str, Any]) -> Article:
    """Create (``article`` None) or change an article through the admin's form as
    ``request.user``; 403 when the admin would refuse the page, 400 with the form's errors."""
    user = request.user
    if article is None:
        if not user.has_perm("articles.add_article"):
            raise PermissionDenied("You may not add articles.")
    elif not (
        user.has_perm("articles.change_article") and workflow.may_propose_change(user, article)
    ):
        raise PermissionDenied(workflow.REFUSED)
    form_type = editing.form_class(user, adding=article is None)
    instance = article or Article()
    base = editing.data_for(form_type(instance=instance))
    if article is not None:
        base["version"] = article.version
    with transaction.atomic():
        form = form_type(data=_form_data(payload, base), instance=instance)
        try:
            valid = form.is_valid()
        except DjangoPermissionDenied as refused:
            raise PermissionDenied(str(refused)) from refused
        if not valid:
            refusals = [
                str(error.message)
                for error in form.non_field_errors().as_data()
                if error.code in REFUSAL_CODES
            ]
            if refusals:  # the admin would not show this user the button
                raise PermissionDenied(" ".join(refusals))
            errors = form.errors.get_json_data()
            raise ValidationError(
                {API_NAMES.get(k, k): [e["message"] for e in v] for k, v in errors.items()}
            )
        saved, _message = editing.save(
            form, user, change=article is not None, comment="Changed through the API."
        )
    return saved


def add_correction(request: Request, article: Article, note: str) -> Correction:
    """A correction note, as the admin's inline adds one: the workflow's rule for the
    article, and ``add_correction``; the article's "Updated" is dated."""
    user = request.user
    if not (
        user.has_perm("articles.add_correction") and workflow.can_change_article(user, article)
    ):
        raise PermissionDenied(workflow.REFUSED)
    seen = article.public_fingerprint()
    correction = Correction.objects.create(article=article, note=note, created_by=user)
    article.note_content_change(seen, corrected=True)
    return correction
