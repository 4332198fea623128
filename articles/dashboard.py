"""The editor's home: what the admin index shows the logged-in user, and its buttons.

Each module is shown only to those who may act on it: drafts and articles in review to whoever
writes; what is scheduled or published to those who may publish (``articles.workflow``);
import conflicts to those who read import issues, with "keep ours" and "take the wire's" for
those who may settle them (``articles.conflicts``); quotes with no speaker to whoever may fix
them, in the articles they may change. Every module is two queries at most (its first rows,
with what they show, and its count), whatever the archive holds.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from articles import conflicts, workflow
from articles.models import Article, Quote, StatusChange

# Rows a module shows; the rest are counted and a link leads to them.
ROWS = 10


@dataclass
class Module:
    """One box of the home page: its rows, how many there are in all, where to see them."""

    key: str
    title: str
    rows: list[Any] = field(default_factory=list)
    total: int | None = None  # None: not counted (a long list, such as what is published)
    more_url: str = ""
    empty: str = "Nothing here."


def _changelist(query: str = "") -> str:
    return reverse("admin:articles_article_changelist") + query


def my_drafts(user: Any) -> Module:
    """Drafts the user last changed or created (the first status change is its creation), and
    their changes to live stories not yet submitted (``pending_change``, ``live_changes``)."""
    created = StatusChange.objects.filter(article=OuterRef("pk"), old_status="", user=user)
    mine = Q(status=Article.Status.DRAFT) & (Q(last_changed_by=user) | Q(Exists(created)))
    pending = Q(pending_change__state="draft", pending_change__updated_by=user)
    drafts = Article.objects.filter(mine | pending)
    rows = (
        drafts.select_related("source")
        .only("pk", "headline", "updated_at", "source__name")
        .annotate(
            live_changes=ExpressionWrapper(pending, output_field=BooleanField()),
            changed_at=Coalesce("pending_change__updated_at", "updated_at"),
        )
        .order_by("-changed_at", "-pk")
    )
    return Module(
        "drafts",
        "My drafts",
        list(rows[:ROWS]),
        drafts.count(),
        _changelist("?state=draft"),
        "You have no drafts.",
    )


def in_review() -> Module:
    """Articles waiting for review, and changes to live stories waiting for it, longest
    waiting first, with who sent them and when (the status history, or the pending change)."""
    sent = StatusChange.objects.filter(
        article=OuterRef("pk"), new_status=Article.Status.IN_REVIEW
    ).order_by("-at", "-pk")
    live_changes = Q(pending_change__state="review")
    waiting = Article.objects.filter(Q(status=Article.Status.IN_REVIEW) | live_changes)
    rows = (
        waiting.select_related("source")
        .only("pk", "headline", "updated_at", "source__name")
        .annotate(
            live_changes=ExpressionWrapper(live_changes, output_field=BooleanField()),
            submitted_at=Coalesce("pending_change__submitted_at", Subquery(sent.values("at")[:1])),
            submitted_by=Coalesce(
                "pending_change__submitted_by__username",
                Subquery(sent.values("user__username")[:1]),
            ),
        )
        .order_by(F("submitted_at").asc(nulls_last=True), "pk")
    )
    return Module(
        "review",
        "In review",
        list(rows[:ROWS]),
        waiting.count(),
        _changelist("?state=review"),
        "Nothing waits for review.",
    )


def scheduled() -> Module:
    """Scheduled and not yet due, soonest first."""
    articles = Article.objects.scheduled()
    rows = (
        articles.select_related("last_changed_by")
        .only("pk", "headline", "published_at", "last_changed_by__username")
        .order_by("published_at", "pk")
    )
    return Module(
        "scheduled",
        "Scheduled",
        list(rows[:ROWS]),
        articles.count(),
        _changelist("?state=scheduled"),
        "Nothing is scheduled.",
    )


def recently_published() -> Module:
    """The newest articles readers can see (not counted: that is most of the archive)."""
    rows = (
        Article.objects.published()
        .filter(status=Article.Status.PUBLISHED)
        .select_related("source")
        .only("pk", "headline", "slug", "published_at", "source__name")
        .order_by("-published_at", "-pk")
    )
    return Module(
        "published",
        "Recently published",
        list(rows[:ROWS]),
        None,
        _changelist("?state=live"),
        "Nothing is published yet.",
    )


def import_conflicts(user: Any) -> Module:
    """Open conflicts, newest run first; each row says which buttons ``user`` gets
    (``may_keep``, ``may_take``; taking needs the issue's seed, ``has_seed``)."""
    issues = conflicts.open_conflicts()
    rows = list(
        issues.select_related("article", "run")
        .defer("seed_text", "article__body", "article__standfirst")
        .annotate(has_seed=ExpressionWrapper(~Q(seed_text=""), output_field=BooleanField()))
        .order_by("-run__started_at", "pk")[:ROWS]
    )
    keep = conflicts.may_resolve(user)
    for issue in rows:
        issue.short_name = os.path.basename(issue.file_name) or issue.file_name
        issue.may_keep = keep
        issue.may_take = issue.has_seed and conflicts.may_take_wire(user, issue.article)
    return Module(
        "conflicts",
        "Import conflicts",
        rows,
        issues.count(),
        reverse("admin:articles_importissue_changelist") + "?outcome__exact=conflict",
        "No import conflicts.",
    )


def quotes_without_speaker(user: Any) -> Module:
    """Quotes nobody is credited with, in the articles ``user`` may change, newest first."""
    quotes = Quote.objects.filter(speaker__isnull=True)
    if not workflow.may_publish(user):
        quotes = quotes.filter(article__status__in=workflow.WRITER_STATUSES)
    rows = (
        quotes.select_related("article")
        .only("pk", "text", "block", "article__id", "article__headline")
        .order_by("-article_id", "position")
    )
    return Module(
        "quotes",
        "Quotes with no speaker",
        list(rows[:ROWS]),
        quotes.count(),
        "",  # the quote list has no filter for it
        "Every quote has a speaker.",
    )


def home(user: Any) -> list[Module]:
    """The modules ``user`` may act on, in the order the page shows them."""
    modules = []
    if user.has_perm("articles.change_article"):
        # Writers see what is going live and what went live too: they write follow-ups and
        # fix what readers see (a pending change), though they cannot publish.
        modules += [my_drafts(user), in_review(), scheduled(), recently_published()]
    if user.has_perm("articles.view_importissue"):
        modules.append(import_conflicts(user))
    if user.has_perm("articles.change_quote"):
        modules.append(quotes_without_speaker(user))
    return modules


# --- the buttons ------------------------------------------------------------------------------


def _settle(request: HttpRequest, issue_id: int, take: bool) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not conflicts.may_resolve(request.user):
        raise PermissionDenied
    issues = conflicts.open_conflicts().select_related("article", "run")
    issue = get_object_or_404(issues, pk=issue_id)
    headline = issue.article.headline if issue.article else issue.file_name
    if not take:
        conflicts.keep_ours(issue, request.user)
        messages.success(request, f"Kept the newsroom's version of “{headline}”.")
        return redirect("admin:index")
    try:
        outcome = conflicts.take_wire(issue, request.user)
    except conflicts.CannotTakeWire as error:
        messages.error(request, str(error))
        return redirect("admin:index")
    if outcome == "updated":
        messages.success(request, f"“{headline}” now has the wire's version; yours is one "
                         "revision back in its history.")  # fmt: skip
    else:
        messages.info(request, f"“{headline}” already had the wire's version.")
    return redirect("admin:index")


def keep_ours_view(request: HttpRequest, issue_id: int) -> HttpResponse:
    """POST: resolve the conflict, the article stays as the editors made it."""
    return _settle(request, issue_id, take=False)


def take_wire_view(request: HttpRequest, issue_id: int) -> HttpResponse:
    """POST: the conflict's seed replaces the article (``conflicts.take_wire``)."""
    return _settle(request, issue_id, take=True)
