"""The admin's "Compare revisions" page: two of an article's django-reversion revisions, read
into plain snapshots and compared by ``articles.revision_compare``."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.contrib.admin import ModelAdmin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from reversion.models import Revision, Version

from articles.models import Article, Correction, Quote, Section, Speaker, Tag, TaggedArticle
from articles.revision_compare import Comparison, Snapshot, compare

# The article's own fields shown besides its texts, with their labels.
SHOWN_FIELDS = (
    ("status", "Status"),
    ("published_at", "Publication date"),
    ("section_id", "Section"),  # a row since issue 15: revisions hold its id
    ("slug", "Address (slug)"),
)


def show_status(value: object) -> str:
    return Article.Status(value).label if value in Article.Status.values else str(value or "")


def show_time(value: object) -> str:
    """To the second, with its zone: the admin's form keeps no finer time, and readers see
    none (a difference of microseconds is no change)."""
    if not isinstance(value, datetime):
        return ""
    return date_format(timezone.localtime(value), "j F Y, H:i:s T")


def show_section(value: object) -> str:
    """A section by its name (a deleted one, merged away, by its former id)."""
    if value is None:
        return ""
    found = Section.objects.filter(pk=value).values_list("name", flat=True).first()
    return found or f"section {value}"


SHOW = {"status": show_status, "published_at": show_time, "section_id": show_section}


def snapshots(
    versions: Iterable[Version], article_pk: int, revision_ids: Iterable[int]
) -> dict[int, Snapshot]:
    """The article as each of ``revision_ids`` holds it, from those revisions' ``versions``
    (their content types selected): two queries more, for the speakers' and tags' names."""
    parts: dict[int, dict[str, Any]] = {
        pk: {"fields": {}, "tags": [], "quotes": [], "corrections": []} for pk in revision_ids
    }
    for version in versions:
        model = version.content_type.model_class()
        part = parts.get(version.revision_id)
        if part is None:
            continue
        if model is Article:
            if int(version.object_id) == article_pk:
                part["fields"] = version.field_dict
        elif model in (Quote, Correction, TaggedArticle):
            data = version.field_dict
            owner = data.get("content_object_id" if model is TaggedArticle else "article_id")
            if owner == article_pk:
                key = {Quote: "quotes", Correction: "corrections", TaggedArticle: "tags"}[model]
                part[key].append(data)
    speaker_ids = {q["speaker_id"] for p in parts.values() for q in p["quotes"]} - {None}
    speakers = dict(Speaker.objects.filter(pk__in=speaker_ids).values_list("pk", "name"))
    tag_ids = {t["tag_id"] for p in parts.values() for t in p["tags"]}
    tags = dict(Tag.objects.filter(pk__in=tag_ids).values_list("pk", "name"))
    result = {}
    for pk, part in parts.items():
        quotes = sorted(part["quotes"], key=lambda q: (q.get("position", 0), q["id"]))
        result[pk] = Snapshot(
            fields=part["fields"],
            tags=[tags.get(t["tag_id"], f"(a deleted tag, #{t['tag_id']})") for t in part["tags"]],
            quotes=[
                {
                    "text": q["text"],
                    "role": q.get("role", ""),
                    "speaker": ""
                    if q["speaker_id"] is None
                    else speakers.get(q["speaker_id"], f"(a deleted speaker, #{q['speaker_id']})"),
                }
                for q in quotes
            ],
            corrections=[{"id": c["id"], "note": c["note"]} for c in part["corrections"]],
        )
    return result


def _revision_id(value: str | None, revisions: dict[int, Revision]) -> int | None:
    """A revision id from the query string: None when not given; 404 when it is not one of
    this article's revisions."""
    if value in (None, ""):
        return None
    if not value.isdigit() or int(value) not in revisions:
        raise Http404("No such revision of this article.")
    return int(value)


def compare_revisions(
    old: Revision, new: Revision, article_pk: int
) -> tuple[Comparison, Snapshot, Snapshot]:
    versions = Version.objects.filter(revision_id__in=[old.pk, new.pk]).select_related(
        "content_type"
    )
    snaps = snapshots(versions, article_pk, [old.pk, new.pk])
    comparison = compare(snaps[old.pk], snaps[new.pk], SHOWN_FIELDS, SHOW)
    return comparison, snaps[old.pk], snaps[new.pk]


def compare_view(model_admin: ModelAdmin, request: HttpRequest, object_id: int) -> HttpResponse:
    """``?old=<revision id>&new=<revision id>``: what changed from one to the other. Without
    ``old``, the revision before ``new``; without either, the last two. An id that is not
    one of the article's revisions is a 404."""
    article = get_object_or_404(Article, pk=object_id)
    if not model_admin.has_view_or_change_permission(request, article):
        raise PermissionDenied
    history = list(
        Version.objects.get_for_object(article)
        .select_related("revision__user")
        .order_by("-revision__date_created", "-pk")
    )
    revisions = {v.revision_id: v.revision for v in history}
    order = list(revisions)  # newest first
    new_id = _revision_id(request.GET.get("new"), revisions)
    old_id = _revision_id(request.GET.get("old"), revisions)
    if new_id is None:
        new_id = order[0] if order else None
    if old_id is None and new_id is not None:
        later = order.index(new_id) + 1
        old_id = order[later] if later < len(order) else None
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Compare revisions of “{article}”",
        "opts": model_admin.model._meta,
        "original": article,
        "revisions": [revisions[pk] for pk in order],
        "older": revisions.get(old_id) if old_id is not None else None,
        "newer": revisions.get(new_id) if new_id is not None else None,
    }
    if context["older"] is not None and context["newer"] is not None:
        context["comparison"], *_ = compare_revisions(
            context["older"], context["newer"], article.pk
        )
        context["older_version"] = next(v for v in history if v.revision_id == old_id)
    return TemplateResponse(request, "admin/articles/article/compare.html", context)
