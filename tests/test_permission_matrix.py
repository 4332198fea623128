"""The admin's permission matrix, generated from the admin site itself.

Every URL pattern of every registered ModelAdmin (its own and those ``get_urls()`` adds:
reversion's history, revision and recover views, the dashboard, compare...), every action
``get_actions()`` offers, the admin site's own views and the staff preview are requested by
every role, GET and a valid POST (the form the page itself shows, as a superuser sees it, with
its text changed), and the answer is checked against ONE table, ``EXPECTED``. A new ModelAdmin,
action or custom view has no row yet, so its cases fail until someone decides, in the table,
who may do what with it. Throughout:

- no URL answers 500;
- nothing anonymous, a staff user without a group or a Writer does changes what readers see
  (``readers_view``: every article readers can see, or that an Editor owns, with its quotes,
  speakers, tags, corrections and source);
- a request the table calls refused (``R``) changes nothing at all (``editorial_state``).

Issue 13's findings 1-3 are rows of the table (marked ``FINDINGS``) and parts of the test ids.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
import reversion
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.flatpages.models import FlatPage
from django.db import transaction
from django.db.models import Model
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token, TokenProxy
from reversion.models import Version

from articles import workflow
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
)
from articles.pending import PendingChange
from articles.reader_pages import ensure_pages
from articles.roles import ensure_roles
from articles.runs import ImportIssue, ImportRun
from tests.admin_forms import main_form

PASSWORD = "a long enough password"
NEW_PASSWORD = "another long enough passphrase 7"
ROLES = ["anonymous", "staff", "writer", "editor", "superuser"]
# Nothing these roles do may change what readers see.
HARMLESS_ROLES = {"anonymous", "staff", "writer"}

# Outcomes, one letter per role in ROLES order (anonymous, staff without a group, Writer,
# Editor, superuser):
#   L  redirected to the login page          F  403 Forbidden
#   N  404 Not Found                          M  405 Method Not Allowed
#   O  200 (a page)                           S  302 elsewhere than login (saved, done)
#   R  refused harmlessly: 200 or 302, and nothing at all changed
#   -  not requested (an action has no GET)
# A row: (model, view, target) -> (GET outcomes, POST outcomes). ``view`` is the URL name
# without its "app_model_" prefix (or the route, for unnamed patterns), or "action:<name>".
# ``target``: which object the URL is about ("live": readers see it or something it shows;
# "draft": only in drafts; "due": a scheduled article whose time has come); for an add page,
# the article a new quote goes to.
ARTICLE = "articles.article"
EXPECTED: dict[tuple[str, str, str | None], tuple[str, str]] = {
    # --- articles --------------------------------------------------------------------------
    (ARTICLE, "changelist", None): ("LFOOO", "LFOOO"),
    (ARTICLE, "add", None): ("LFOOO", "LFSSS"),  # finding 3
    # The valid POST changes every text, its quotes' too: "Words in ... (changed)" is not in
    # the body, and since issue 15 a quote's text must be (a form error, 200, not a save).
    (ARTICLE, "change", "draft"): ("LFOOO", "LFOOO"),
    # A Writer's change to a live article waits as a pending change: readers keep the live
    # one (checked for every harmless role), so the save is a success (S).
    (ARTICLE, "change", "live"): ("LFOOO", "LFSOO"),
    (ARTICLE, "change", "due"): ("LFOOO", "LFSOO"),  # scheduled and due: readers see it
    (ARTICLE, "history", "live"): ("LFOOO", "LFOOO"),
    (ARTICLE, "history", "draft"): ("LFOOO", "LFOOO"),
    (ARTICLE, "delete", "live"): ("LFFOO", "LFFSS"),
    (ARTICLE, "delete", "draft"): ("LFFOO", "LFFSS"),
    (ARTICLE, "<path:object_id>/", "live"): ("LSSSS", "LSSSS"),
    (ARTICLE, "<path:object_id>/", "draft"): ("LSSSS", "LSSSS"),
    # Restores post the change form too, quote texts changed: a form error (issue 15).
    (ARTICLE, "revision", "live"): ("LFFOO", "LFFOO"),  # finding 1: a draft revision
    (ARTICLE, "revision", "draft"): ("LFOOO", "LFOOO"),
    (ARTICLE, "revision", "due"): ("LFFOO", "LFFOO"),  # finding 1: a draft revision
    (ARTICLE, "recover", "deleted"): ("LFFOO", "LFFOO"),  # finding 1: a published one
    (ARTICLE, "recoverlist", None): ("LFOOO", "LFOOO"),
    # The old dashboard's address leads to the editor's home, the admin index (issue 15).
    (ARTICLE, "dashboard", None): ("LSSSS", "LSSSS"),
    (ARTICLE, "pending", "live"): ("LFOOO", "LFMMM"),
    (ARTICLE, "pending", "draft"): ("LFOOO", "LFMMM"),
    (ARTICLE, "compare", "live"): ("LFOOO", "LFOOO"),
    (ARTICLE, "compare", "draft"): ("LFOOO", "LFOOO"),
    # The change form's workflow buttons (``workflow.Action``), each pressed on the form as
    # it stands with its text changed (and, for Schedule, a time tomorrow). A button the
    # user does not have is refused (the form again, nothing written). On a live article
    # (published, or scheduled and due) Save and Submit keep the change pending.
    **{
        (ARTICLE, f"button:{button}", target): ("-----", posts)
        for target, buttons in {
            "live": {
                "save": "LFSSS",
                "submit": "LFSSS",
                "publish": "LFRSS",
                "schedule": "LFRSS",  # its changes, pending until their time
                "unpublish": "LFRSS",
                "withdraw": "LFRSS",
                "reject": "LFRRR",  # no change in review
            },
            "draft": {
                "save": "LFSSS",
                "submit": "LFSSS",
                "publish": "LFRSS",
                "schedule": "LFRSS",
                "unpublish": "LFRRR",  # a draft already
                "withdraw": "LFRRR",  # never published
                "reject": "LFRRR",  # not in review
            },
            "due": {
                "save": "LFSSS",
                "submit": "LFSSS",
                "publish": "LFRSS",
                "schedule": "LFRSS",  # a new time
                "unpublish": "LFRSS",
                "withdraw": "LFRRR",  # only a published article is withdrawn
                "reject": "LFRRR",
            },
        }.items()
        for button, posts in buttons.items()
    },
    (ARTICLE, "action:send_to_review", "live"): ("-----", "LFRRR"),
    (ARTICLE, "action:send_to_review", "draft"): ("-----", "LFSSS"),
    (ARTICLE, "action:publish", "live"): ("-----", "LFRRR"),
    (ARTICLE, "action:publish", "draft"): ("-----", "LFRSS"),
    (ARTICLE, "action:unpublish", "live"): ("-----", "LFRSS"),
    (ARTICLE, "action:unpublish", "draft"): ("-----", "LFRRR"),
    (ARTICLE, "action:unpublish", "due"): ("-----", "LFRSS"),
    (ARTICLE, "action:withdraw", "live"): ("-----", "LFRSS"),
    (ARTICLE, "action:withdraw", "draft"): ("-----", "LFRSS"),
    (ARTICLE, "action:delete_selected", "live"): ("-----", "LFRSS"),
    (ARTICLE, "action:delete_selected", "draft"): ("-----", "LFRSS"),
    # --- quotes ----------------------------------------------------------------------------
    ("articles.quote", "changelist", None): ("LFOOO", "LFOOO"),
    ("articles.quote", "add", "live"): ("LFOOO", "LFRSS"),  # finding 2
    ("articles.quote", "add", "draft"): ("LFOOO", "LFSSS"),  # finding 3
    ("articles.quote", "add", "due"): ("LFOOO", "LFRSS"),  # finding 2
    # The changed text is not in the article's body: a form error since issue 15.
    ("articles.quote", "change", "live"): ("LFOOO", "LFFOO"),  # finding 2
    ("articles.quote", "change", "draft"): ("LFOOO", "LFOOO"),
    ("articles.quote", "change", "due"): ("LFOOO", "LFFOO"),  # finding 2
    ("articles.quote", "history", "live"): ("LFOOO", "LFOOO"),
    ("articles.quote", "history", "draft"): ("LFOOO", "LFOOO"),
    ("articles.quote", "delete", "live"): ("LFFOO", "LFFSS"),
    ("articles.quote", "delete", "draft"): ("LFFOO", "LFFSS"),
    ("articles.quote", "<path:object_id>/", "live"): ("LSSSS", "LSSSS"),
    ("articles.quote", "<path:object_id>/", "draft"): ("LSSSS", "LSSSS"),
    ("articles.quote", "action:delete_selected", "live"): ("-----", "LFRSS"),
    ("articles.quote", "action:delete_selected", "draft"): ("-----", "LFRSS"),
    # --- speakers --------------------------------------------------------------------------
    ("articles.speaker", "changelist", None): ("LFOOO", "LFOOO"),
    ("articles.speaker", "add", None): ("LFFOO", "LFFSS"),
    ("articles.speaker", "change", "live"): ("LFOOO", "LFFSS"),
    ("articles.speaker", "change", "draft"): ("LFOOO", "LFFSS"),
    ("articles.speaker", "history", "live"): ("LFOOO", "LFOOO"),
    ("articles.speaker", "history", "draft"): ("LFOOO", "LFOOO"),
    ("articles.speaker", "delete", "live"): ("LFFOO", "LFFSS"),
    ("articles.speaker", "delete", "draft"): ("LFFOO", "LFFSS"),
    ("articles.speaker", "<path:object_id>/", "live"): ("LSSSS", "LSSSS"),
    ("articles.speaker", "<path:object_id>/", "draft"): ("LSSSS", "LSSSS"),
    ("articles.speaker", "action:merge_speakers", "live"): ("-----", "LFRSS"),  # finding 2
    ("articles.speaker", "action:merge_speakers", "draft"): ("-----", "LFRSS"),  # finding 2
    ("articles.speaker", "action:delete_selected", "live"): ("-----", "LFRSS"),
    ("articles.speaker", "action:delete_selected", "draft"): ("-----", "LFRSS"),
    # --- tags ------------------------------------------------------------------------------
    ("articles.tag", "changelist", None): ("LFOOO", "LFOOO"),
    ("articles.tag", "add", None): ("LFFOO", "LFFSS"),
    ("articles.tag", "change", "live"): ("LFOOO", "LFFSS"),
    ("articles.tag", "change", "draft"): ("LFOOO", "LFFSS"),
    ("articles.tag", "history", "live"): ("LFOOO", "LFOOO"),
    ("articles.tag", "history", "draft"): ("LFOOO", "LFOOO"),
    ("articles.tag", "delete", "live"): ("LFFOO", "LFFSS"),
    ("articles.tag", "delete", "draft"): ("LFFOO", "LFFSS"),
    ("articles.tag", "<path:object_id>/", "live"): ("LSSSS", "LSSSS"),
    ("articles.tag", "<path:object_id>/", "draft"): ("LSSSS", "LSSSS"),
    ("articles.tag", "action:delete_selected", "live"): ("-----", "LFRSS"),
    ("articles.tag", "action:delete_selected", "draft"): ("-----", "LFRSS"),
    ("articles.tag", "action:merge_tags", "live"): ("-----", "LFRSS"),
    ("articles.tag", "action:merge_tags", "draft"): ("-----", "LFRSS"),
    # --- sections (an article's section is protected: merge it away instead) ---------------
    ("articles.section", "changelist", None): ("LFOOO", "LFOOO"),
    ("articles.section", "add", None): ("LFFOO", "LFFSS"),
    ("articles.section", "change", "live"): ("LFOOO", "LFFSS"),
    ("articles.section", "change", "draft"): ("LFOOO", "LFFSS"),
    ("articles.section", "history", "live"): ("LFOOO", "LFOOO"),
    ("articles.section", "history", "draft"): ("LFOOO", "LFOOO"),
    ("articles.section", "delete", "live"): ("LFFOO", "LFFRR"),
    ("articles.section", "delete", "draft"): ("LFFOO", "LFFRR"),
    ("articles.section", "<path:object_id>/", "live"): ("LSSSS", "LSSSS"),
    ("articles.section", "<path:object_id>/", "draft"): ("LSSSS", "LSSSS"),
    ("articles.section", "action:delete_selected", "live"): ("-----", "LFRRR"),
    ("articles.section", "action:delete_selected", "draft"): ("-----", "LFRRR"),
    ("articles.section", "action:merge_sections", "live"): ("-----", "LFRSS"),
    ("articles.section", "action:merge_sections", "draft"): ("-----", "LFRSS"),
    # --- sources (an article's source is protected: it cannot be deleted) ------------------
    ("articles.source", "changelist", None): ("LFOOO", "LFOOO"),
    ("articles.source", "add", None): ("LFFOO", "LFFSS"),
    ("articles.source", "change", "live"): ("LFOOO", "LFFSS"),
    ("articles.source", "change", "draft"): ("LFOOO", "LFFSS"),
    ("articles.source", "history", "live"): ("LFOOO", "LFOOO"),
    ("articles.source", "history", "draft"): ("LFOOO", "LFOOO"),
    ("articles.source", "delete", "live"): ("LFFOO", "LFFRR"),
    ("articles.source", "delete", "draft"): ("LFFOO", "LFFRR"),
    ("articles.source", "<path:object_id>/", "live"): ("LSSSS", "LSSSS"),
    ("articles.source", "<path:object_id>/", "draft"): ("LSSSS", "LSSSS"),
    ("articles.source", "action:delete_selected", "live"): ("-----", "LFRRR"),
    ("articles.source", "action:delete_selected", "draft"): ("-----", "LFRRR"),
    ("articles.source", "action:merge_sources", "live"): ("-----", "LFRSS"),
    ("articles.source", "action:merge_sources", "draft"): ("-----", "LFRSS"),
    # --- import runs and their problem files: written by import_seeds, read-only here; -----
    # Editors read them and mark issues resolved (or open again) with the list's actions.
    **{
        (model, view, target): outcomes
        for model, target in [("articles.importrun", "any"), ("articles.importissue", "conflict")]
        for (view, target), outcomes in {
            ("changelist", None): ("LFFOO", "LFFOO"),
            ("add", None): ("LFFFF", "LFFFF"),
            ("change", target): ("LFFOO", "LFFFF"),
            ("history", target): ("LFFOO", "LFFOO"),
            ("delete", target): ("LFFFF", "LFFFF"),
            ("<path:object_id>/", target): ("LSSSS", "LSSSS"),
        }.items()
    },
    ("articles.importissue", "action:resolve", "conflict"): ("-----", "LFFSS"),
    ("articles.importissue", "action:reopen", "conflict"): ("-----", "LFFSS"),
    # The home page's buttons for a conflict, POST only: "keep ours" and "take the wire's"
    # (this issue kept no seed: a message, nothing changed).
    ("articles.importissue", "keep_ours", "conflict"): ("LMMMM", "LFFSS"),
    ("articles.importissue", "take_wire", "conflict"): ("LMMMM", "LFFSS"),
    # --- users: Editors add Writers and change or deactivate them, nothing more -------------
    # (articles/roles.py). Targets: "writer" another Writer; "other" a user in no group;
    # "editor" another Editor; "chief" another superuser. Someone an Editor may not change is
    # not on their list: its pages send them back to the index (R), its password page is not
    # found (N), deleting is refused (F).
    ("auth.user", "changelist", None): ("LFFOO", "LFFOO"),
    ("auth.user", "add", None): ("LFFOO", "LFFSS"),
    ("auth.user", "change", "writer"): ("LFFOO", "LFFSS"),
    ("auth.user", "history", "writer"): ("LFFOO", "LFFOO"),
    ("auth.user", "delete", "writer"): ("LFFFO", "LFFFS"),
    ("auth.user", "<path:object_id>/", "writer"): ("LSSSS", "LSSSS"),
    ("auth.user", "password_change", "writer"): ("LFFOO", "LFFSS"),
    ("auth.user", "action:delete_selected", "writer"): ("-----", "LFFRS"),
    **{
        ("auth.user", view, target): outcomes
        for target in ["other", "editor", "chief"]
        for view, outcomes in {
            "change": ("LFFRO", "LFFRS"),
            "history": ("LFFRO", "LFFRO"),
            "delete": ("LFFFO", "LFFFS"),
            "<path:object_id>/": ("LSSSS", "LSSSS"),
            "password_change": ("LFFNO", "LFFNS"),
            "action:delete_selected": ("-----", "LFFRS"),
        }.items()
    },
    # --- groups: the superuser's -----------------------------------------------------------
    ("auth.group", "changelist", None): ("LFFFO", "LFFFO"),
    ("auth.group", "add", None): ("LFFFO", "LFFFS"),
    ("auth.group", "change", "desk"): ("LFFFO", "LFFFS"),
    ("auth.group", "history", "desk"): ("LFFFO", "LFFFO"),
    ("auth.group", "delete", "desk"): ("LFFFO", "LFFFS"),
    ("auth.group", "<path:object_id>/", "desk"): ("LSSSS", "LSSSS"),
    ("auth.group", "action:delete_selected", "desk"): ("-----", "LFFFS"),
    # --- django-axes' login records: read-only, the superuser's ----------------------------
    **{
        (model, view, target): outcomes
        for model in ["axes.accessattempt", "axes.accesslog", "axes.accessfailurelog"]
        for (view, target), outcomes in {
            ("changelist", None): ("LFFFO", "LFFFO"),
            ("add", None): ("LFFFF", "LFFFF"),
            ("change", "any"): ("LFFFO", "LFFFS"),
            ("history", "any"): ("LFFFO", "LFFFO"),
            ("delete", "any"): ("LFFFO", "LFFFS"),
            ("<path:object_id>/", "any"): ("LSSSS", "LSSSS"),
            ("action:delete_selected", "any"): ("-----", "LFFFS"),
        }.items()
    },
    ("axes.accessattempt", "action:cleanup_expired_attempts", "any"): ("-----", "LFFFS"),
    # --- the editors' API tokens (rest_framework.authtoken): the superuser's ----------------
    ("authtoken.tokenproxy", "changelist", None): ("LFFFO", "LFFFO"),
    ("authtoken.tokenproxy", "add", None): ("LFFFO", "LFFFO"),  # no user chosen: the form
    ("authtoken.tokenproxy", "change", "any"): ("LFFFO", "LFFFS"),
    ("authtoken.tokenproxy", "history", "any"): ("LFFFO", "LFFFO"),
    ("authtoken.tokenproxy", "delete", "any"): ("LFFFO", "LFFFS"),
    ("authtoken.tokenproxy", "<path:object_id>/", "any"): ("LSSSS", "LSSSS"),
    # --- the pages editors write (About, Contact...: django.contrib.flatpages) --------------
    # Their HTML is published as written: the Editors' (articles/roles.py); Writers read them.
    ("flatpages.flatpage", "changelist", None): ("LFOOO", "LFOOO"),
    ("flatpages.flatpage", "add", None): ("LFFOO", "LFFSS"),
    ("flatpages.flatpage", "change", "about"): ("LFOOO", "LFFSS"),
    ("flatpages.flatpage", "history", "about"): ("LFOOO", "LFOOO"),
    ("flatpages.flatpage", "delete", "about"): ("LFFOO", "LFFSS"),
    ("flatpages.flatpage", "<path:object_id>/", "about"): ("LSSSS", "LSSSS"),
    ("flatpages.flatpage", "action:delete_selected", "about"): ("-----", "LFRSS"),
    # --- the admin site's own views --------------------------------------------------------
    ("site", "index", None): ("LOOOO", "LOOOO"),
    ("site", "login", None): ("OSSSS", "OSSSS"),
    ("site", "logout", None): ("SMMMM", "SOOOO"),
    ("site", "password_change", None): ("LOOOO", "LSSSS"),
    ("site", "password_change_done", None): ("LOOOO", "LMMMM"),
    ("site", "autocomplete", None): ("LFOOO", "LMMMM"),
    ("site", "jsi18n", None): ("LOOOO", "LMMMM"),
    ("site", "view_on_site", "live"): ("LSSSS", "LSSSS"),
    ("site", "view_on_site", "draft"): ("LSSSS", "LSSSS"),
    ("site", "app_list", "articles"): ("LNOOO", "LNOOO"),
    ("site", "(?P<url>.*)$", None): ("LNNNN", "LNNNN"),
    # --- staff views outside the admin -----------------------------------------------------
    ("reader", "preview", "live"): ("NNOOO", "NNMMM"),
    ("reader", "preview", "draft"): ("NNOOO", "NNMMM"),
}
FINDINGS = {
    (ARTICLE, "revision", "live"): 1,
    (ARTICLE, "recover", "deleted"): 1,
    (ARTICLE, "revision", "due"): 1,
    ("articles.quote", "change", "due"): 2,
    ("articles.quote", "add", "due"): 2,
    ("articles.quote", "change", "live"): 2,
    ("articles.quote", "add", "live"): 2,
    ("articles.speaker", "action:merge_speakers", "live"): 2,
    ("articles.speaker", "action:merge_speakers", "draft"): 2,
    (ARTICLE, "add", None): 3,
    ("articles.quote", "add", "draft"): 3,
}
# Views of the reader's site that only staff may open; the admin's are found by themselves.
STAFF_VIEWS = {"preview": "articles:preview"}
# Query strings some views need to be more than a "bad request".
QUERIES = {("site", "autocomplete"): "?app_label=articles&model_name=quote&field_name=speaker"}
# Text fields a valid POST changes (by the last part of their name), so that a saved form
# changes what readers would see.
CHANGED_FIELDS = {"headline", "standfirst", "body", "text", "note", "name", "role", "first_name"}


# --- enumeration ------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    model: str  # "app.model", "site" (the AdminSite's views) or "reader" (STAFF_VIEWS)
    view: str
    target: str | None
    pattern: Any = None  # the URLPattern, for admin URLs

    @property
    def row(self) -> tuple[str, str, str | None]:
        return (self.model, self.view, self.target)

    def __str__(self) -> str:
        finding = FINDINGS.get(self.row)
        name = f"{self.model}:{self.view}:{self.target}"
        return name + (f":finding-{finding}" if finding else "")

    @property
    def route(self) -> str | None:
        """The pattern's full route under the admin, as the URL conf has it."""
        if self.pattern is None:
            return None
        if self.model == "site":
            return str(self.pattern.pattern)
        return self.model.replace(".", "/") + "/" + str(self.pattern.pattern)


def _superuser_request() -> Any:
    request = RequestFactory().get("/")
    request.user = get_user_model()(is_superuser=True, is_staff=True, is_active=True)
    return request


def view_key(model: type[Model] | None, pattern: URLPattern) -> str:
    """A URL pattern's name without the "app_model_" prefix, or its route when unnamed."""
    if pattern.name is None:
        return str(pattern.pattern)
    if model is None:
        return pattern.name
    return pattern.name.removeprefix(f"{model._meta.app_label}_{model._meta.model_name}_")


def admin_views() -> Iterator[tuple[str, str, URLPattern | None]]:
    """(model, view, pattern) for every URL of the admin site and every action."""
    request = _superuser_request()
    for pattern in admin.site.get_urls():
        if isinstance(pattern, URLPattern):
            yield "site", view_key(None, pattern), pattern
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label_lower
        for pattern in model_admin.get_urls():
            yield label, view_key(model, pattern), pattern
        for action in model_admin.get_actions(request):
            yield label, f"action:{action}", None
        if model is Article:  # the change form's workflow buttons
            for button in workflow.Action.values:
                yield label, f"button:{button}", None
    for view in STAFF_VIEWS:
        yield "reader", view, None


def all_cases() -> list[Case]:
    """One case per row of EXPECTED for each view; a view with no row gets one case, which
    fails until the table says what should happen."""
    cases = []
    for model, view, pattern in admin_views():
        targets = [t for (m, v, t) in EXPECTED if (m, v) == (model, view)] or ["NO ROW"]
        cases += [Case(model, view, target, pattern) for target in targets]
    return cases


CASES = all_cases()


# --- the world the requests are made in -------------------------------------------------


@dataclass
class World:
    users: dict[str, Any]
    objects: dict[tuple[str, str], Model]  # (model, target) -> object
    versions: dict[str, int]  # target -> id of the article Version a restore brings back
    readers_view: str = ""  # readers_view() and editorial_state() of the world as built
    editorial_state: str = ""


def _article(slug: str, source: Source, **fields: Any) -> Article:
    return Article.objects.create(
        headline=f"Headline of {slug}",
        slug=slug,
        standfirst=f"Standfirst of {slug}.",
        body=f"First paragraph of {slug}.\n\nSecond paragraph.",
        source=source,
        original_url=f"https://{source.domain}/{slug}",
        seed_line2="1",
        seed_line3="2",
        **fields,
    )


def _revision(article: Article, comment: str) -> int:
    """Save a revision of ``article`` as it stands; returns its article Version's id."""
    with reversion.create_revision():
        reversion.set_comment(comment)
        reversion.add_to_revision(article)
    return Version.objects.get_for_object(article).first().pk


def build_world() -> World:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    ensure_roles()
    ensure_pages()
    make = get_user_model().objects.create_user
    users: dict[str, Any] = {"anonymous": None, "staff": make("staff", password=PASSWORD)}
    users["staff"].is_staff = True
    users["staff"].save()
    for role, group in [("writer", "Writers"), ("editor", "Editors")]:
        users[role] = make(role, password=PASSWORD, is_staff=True)
        users[role].groups.add(Group.objects.get(name=group))
    users["superuser"] = get_user_model().objects.create_superuser("root", password=PASSWORD)

    live_source = Source.objects.create(name="Live Source", domain="live.example")
    draft_source = Source.objects.create(name="Draft Source", domain="draft.example")
    speakers = {
        name: Speaker.objects.create(name=f"{name.title()} Speaker", slug=f"{name}-speaker")
        for name in ["live", "draft", "spare"]
    }
    tags = {name: Tag.objects.create(name=f"{name} tag", slug=f"{name}-tag") for name in "lds"}
    sections = {
        name: Section.objects.create(name=f"{name.title()} Section", slug=f"{name}-section")
        for name in ["live", "draft", "spare"]
    }
    spare_source = Source.objects.create(name="Live Source", domain="spare.example")
    live = _article("live-story", live_source, section=sections["live"])
    draft = _article("draft-story", draft_source, section=sections["draft"])
    gone = _article("gone-story", live_source, section=sections["live"])
    due = _article("due-story", live_source, section=sections["live"])
    for article, speaker, tag in [
        (live, speakers["live"], tags["l"]),
        (due, speakers["live"], tags["l"]),
        (draft, speakers["draft"], tags["d"]),
        (gone, speakers["live"], tags["l"]),
    ]:
        Quote.objects.create(
            article=article, speaker=speaker, text=f"Words in {article.slug}", block=0, position=0
        )
        article.tags.add(tag)
    Quote.objects.create(
        article=draft, speaker=speakers["spare"], text="More words", block=1, position=1
    )
    Correction.objects.create(article=live, note="A correction readers see.")
    versions = {"live": _revision(live, "The draft, before it was published.")}
    versions["draft"] = _revision(draft, "A draft.")
    versions["due"] = _revision(due, "The draft, before it was scheduled.")
    published = timezone.now() - timedelta(hours=1)
    for article in (live, gone):
        article.transition(Article.Status.PUBLISHED, users["editor"])
        article.published_at = published
        article.save()
        _revision(article, "Published.")
    due.transition(Article.Status.SCHEDULED, users["editor"])
    due.published_at = published
    due.save()
    _revision(due, "Scheduled, and due.")
    versions["deleted"] = Version.objects.get_for_object(gone).first().pk
    gone.delete()

    run = ImportRun.objects.create(command="import_seeds seeds/", paths="seeds/", conflict=1)
    issue = ImportIssue.objects.create(
        run=run, file_name="seeds/live.txt", outcome="conflict", message="kept", article=live
    )
    other = make("other", password=PASSWORD)
    writer = make("penman", password=PASSWORD, is_staff=True)
    writer.groups.add(Group.objects.get(name="Writers"))
    editor = make("desk-editor", password=PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    chief = get_user_model().objects.create_superuser("chief", password=PASSWORD)
    client_data = {"user_agent": "test", "http_accept": "*/*", "path_info": "/admin/login/"}
    objects: dict[tuple[str, str], Model] = {
        (ARTICLE, "live"): live,
        (ARTICLE, "draft"): draft,
        (ARTICLE, "due"): due,
        ("articles.quote", "live"): live.quotes.get(),
        ("articles.quote", "draft"): draft.quotes.get(position=0),
        ("articles.quote", "due"): due.quotes.get(),
        ("articles.speaker", "live"): speakers["live"],
        ("articles.speaker", "draft"): speakers["draft"],
        ("articles.speaker", "spare"): speakers["spare"],
        ("articles.tag", "live"): tags["l"],
        ("articles.tag", "draft"): tags["d"],
        ("articles.tag", "spare"): tags["s"],
        ("articles.section", "live"): sections["live"],
        ("articles.section", "draft"): sections["draft"],
        ("articles.section", "spare"): sections["spare"],
        ("articles.source", "live"): live_source,
        ("articles.source", "draft"): draft_source,
        ("articles.source", "spare"): spare_source,
        ("articles.importrun", "any"): run,
        ("articles.importissue", "conflict"): issue,
        ("auth.user", "other"): other,
        ("auth.user", "writer"): writer,
        ("auth.user", "editor"): editor,
        ("auth.user", "chief"): chief,
        ("auth.group", "desk"): Group.objects.create(name="Desk"),
        ("flatpages.flatpage", "about"): FlatPage.objects.get(url="/about/"),
        ("authtoken.tokenproxy", "any"): TokenProxy.objects.get(
            pk=Token.objects.create(user=editor).pk
        ),
        ("axes.accessattempt", "any"): AccessAttempt.objects.create(
            username="someone",
            ip_address="10.0.0.1",
            get_data="",
            post_data="",
            failures_since_start=1,
            **client_data,
        ),
        ("axes.accesslog", "any"): AccessLog.objects.create(
            username="someone", ip_address="10.0.0.1", **client_data
        ),
        ("axes.accessfailurelog", "any"): AccessFailureLog.objects.create(
            username="someone", ip_address="10.0.0.1", **client_data
        ),
    }
    world = World(users, objects, versions)
    world.readers_view, world.editorial_state = readers_view(), editorial_state()
    return world


@pytest.fixture(scope="module")
def uninstrumented_templates() -> Iterator[None]:
    """Templates render as in production: the matrix never asks which templates a response
    used, and the test runner's copy of every context (hundreds of widget templates per admin
    form) was most of its time."""
    from django.template import Template
    from django.test.utils import _TestState

    instrumented = Template._render
    Template._render = _TestState.saved_data.template_render
    yield
    Template._render = instrumented


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, uninstrumented_templates) -> Iterator[World]:
    """Built once for the module, inside a transaction rolled back at its end (what
    ``setUpTestData`` does); each test runs in a savepoint of it, rolled back after it."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


# --- what readers see, and everything ---------------------------------------------------


def readers_view() -> str:
    """Everything of every article readers can see now, or that only Editors may change
    (scheduled, published, withdrawn): its text, status and dates, source, tags, quotes with
    their speakers, corrections; and the pages editors write. Six queries, whatever the
    articles."""
    shown = Article.objects.filter(status__in=Article.PUBLISHING_STATUSES)
    shown |= Article.objects.published()
    articles = list(
        shown.order_by("pk").values_list(
            "pk", "status", "published_at", "headline", "slug", "standfirst", "body",
            "section__name", "section__slug", "section__aliases",
            "source__name", "source__domain", "source__homepage", "source__aliases",
        )
    )  # fmt: skip
    ids = [row[0] for row in articles]
    tags = TaggedArticle.objects.filter(content_object__in=ids).values_list(
        "content_object", "tag__name", "tag__slug", "tag__kind"
    )
    quotes = Quote.objects.filter(article__in=ids).values_list(
        "article", "position", "text", "role", "block", "start", "end", "partial",
        "speaker__name", "speaker__slug", "speaker__aliases",
    )  # fmt: skip
    corrections = Correction.objects.filter(article__in=ids).values_list(
        "article", "note", "created_at"
    )
    pages = FlatPage.objects.order_by("url").values_list("url", "title", "content")
    everything = [
        articles,
        sorted(tags),
        sorted(quotes, key=str),
        sorted(corrections, key=str),
        list(pages),
    ]
    return json.dumps(everything, default=str)


def editorial_state() -> str:
    """Every row an editor works with (articles, quotes, speakers, tags, sources, corrections,
    status history, users, groups)."""
    models = [
        Article, Quote, Speaker, Tag, TaggedArticle, Source, Section, Correction, StatusChange,
        PendingChange, FlatPage,
    ]  # fmt: skip
    rows = {m.__name__: list(m.objects.order_by("pk").values()) for m in models}
    rows["users"] = list(
        get_user_model().objects.order_by("pk").values("username", "password", "is_active")
    )
    rows["groups"] = list(Group.objects.order_by("pk").values("name", "permissions"))
    return json.dumps(rows, default=str)


# --- requests ---------------------------------------------------------------------------


def case_url(case: Case, world: World) -> str:
    """The URL a case requests, built from its pattern and the case's target."""
    if case.model == "reader":
        return reverse(STAFF_VIEWS[case.view], args=[world.objects[ARTICLE, case.target].pk])
    if case.view.startswith("action:"):
        app, model = case.model.split(".")
        return reverse(f"admin:{app}_{model}_changelist")
    if case.view.startswith("button:"):
        return reverse(
            "admin:articles_article_change", args=[world.objects[ARTICLE, case.target].pk]
        )
    obj = world.objects.get((case.model, case.target))
    if case.model == "site":
        prefix = reverse("admin:index")
        if case.view == "view_on_site":
            article = world.objects[ARTICLE, case.target]
            content_type = ContentType.objects.get_for_model(Article)
            return reverse("admin:view_on_site", args=[content_type.pk, article.pk])
        if case.view == "app_list":
            return reverse("admin:app_list", args=[case.target])
    else:
        app, model = case.model.split(".")
        prefix = reverse(f"admin:{app}_{model}_changelist")
    route = str(case.pattern.pattern)
    if route.startswith("^") or route.endswith("$"):  # a regular expression (reversion's)
        route = route.removeprefix("^").removesuffix("$")
        route = route.replace("([^/]+)", str(obj.pk) if obj else "")
        route = route.replace(r"(\d+)", str(world.versions.get(case.target, 0)))
        route = route.replace("(?P<url>.*)", "no-such-admin-page/")
    else:
        route = re.sub(r"<[^>]+>", str(obj.pk) if obj else "", route)
    if re.search(r"[\\()<>^$]", route):
        raise AssertionError(f"cannot build a URL for {case}: {route}")
    return prefix + route + QUERIES.get((case.model, case.view), "")


def add_data(case: Case, world: World) -> dict[str, Any]:
    """The required fields of an add page, filled in (the page's form has them empty)."""
    new = {
        ARTICLE: {
            "headline": "Written here",
            "slug": "written-here",
            "standfirst": "Written in the newsroom.",
            "body": "A paragraph.",
            "source": world.objects["articles.source", "draft"].pk,
            "original_url": "https://newsroom.example/written-here",
        },
        "articles.quote": {
            "article": getattr(world.objects.get((ARTICLE, case.target)), "pk", ""),
            "text": "Second paragraph",  # words of every article's body (``_article``)
        },
        "articles.speaker": {"name": "New Speaker", "slug": "new-speaker", "kind": "person"},
        "articles.tag": {"name": "New tag", "slug": "new-tag", "kind": "topic"},
        "articles.source": {"name": "New Source", "domain": "new.example"},
        "articles.section": {"name": "New Section", "slug": "new-section"},
        "auth.user": {
            "username": "newcomer",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "usable_password": "true",
        },
        "auth.group": {"name": "New group"},
        "flatpages.flatpage": {
            "url": "/new-page/",
            "title": "A new page",
            "content": "<p>New.</p>",
            "sites": [settings.SITE_ID],
        },
    }
    return new.get(case.model, {})


def post_data(case: Case, world: World, role: str) -> dict[str, Any]:
    """A valid POST for the case: the page's own form as a superuser gets it, its text
    changed, plus what the page cannot fill in (passwords, an add page's fields)."""
    if case.view.startswith("action:"):
        action = case.view.removeprefix("action:")
        selected = [world.objects[case.model, case.target].pk]
        data: dict[str, Any] = {"action": action, "_selected_action": selected, "post": "yes"}
        if action == "withdraw":  # the reason readers will see, which the action asks for
            data["reason"] = "Withdrawn for the matrix."
        if action.startswith("merge_"):  # two to merge, the one to keep chosen
            selected.append(world.objects[case.model, "spare"].pk)
            data["target"] = selected[0]
        return data
    if case.view.startswith("button:"):
        return button_data(case, world)
    data = dict(_page_form(case, world))
    for name, values in data.items():
        if name.rsplit("-", 1)[-1] in CHANGED_FIELDS and values and values[0]:
            data[name] = [values[0] + " (changed)"]
    if case.view == "add":
        data.update(add_data(case, world))
    user = world.users[role]
    if case.view == "login" and user is not None:
        data.update(username=user.username, password=PASSWORD)
    if case.view in ("password_change",):
        data.update(old_password=PASSWORD, new_password1=NEW_PASSWORD, new_password2=NEW_PASSWORD)
        data.update(password1=NEW_PASSWORD, password2=NEW_PASSWORD)
    return data


def button_data(case: Case, world: World) -> dict[str, Any]:
    """The article's form as a superuser gets it, its own text changed (not its quotes'),
    with a workflow button pressed; Schedule with a time tomorrow."""
    change_form = Case(ARTICLE, "change", case.target)
    data = dict(_page_form(change_form, world, case_url(case, world)))
    for name in ("headline", "standfirst", "body"):
        data[name] = [data[name][0] + " (changed)"]
    button = case.view.removeprefix("button:")
    data["_action"] = button
    if button == "schedule":
        tomorrow = timezone.localtime() + timedelta(days=1)
        # A published article's changes are scheduled, another article itself.
        field = "changes_at" if case.target == "live" else "published_at"
        data[f"{field}_0"] = tomorrow.strftime("%Y-%m-%d")
        data[f"{field}_1"] = tomorrow.strftime("%H:%M:%S")
    if button == "reject":
        data["review_comment"] = "Not yet."
    if button == "withdraw":
        data["withdrawal_reason"] = "Withdrawn for the matrix."
    return data


_page_forms: dict[tuple[str, str, str | None], dict[str, list[str]]] = {}


def _page_form(case: Case, world: World, url: str | None = None) -> dict[str, list[str]]:
    """The fields of the case's page (or ``url``) as a superuser sees it (read once per case:
    every test starts from the same rows)."""
    if case.row not in _page_forms:
        client = Client()
        client.force_login(world.users["superuser"])
        response = client.get(url or case_url(case, world))
        html = response.content.decode() if response.status_code == 200 else ""
        try:
            _page_forms[case.row] = main_form(html) if html else {}
        except AssertionError:  # a page with no form of its own (a list, a history)
            _page_forms[case.row] = {}
    return _page_forms[case.row]


def send(client: Client, method: str, url: str, data: dict | None = None) -> Any:
    try:
        if method == "GET":
            return client.get(url)
        return client.post(url, data or {})
    except Exception as error:  # the test client re-raises what would be a 500
        raise AssertionError(f"{method} {url} answered 500: {error!r}") from error


def check(outcome: str, response: Any, method: str, url: str) -> str | None:
    """What is wrong with ``response`` for the expected ``outcome``, or None."""
    login = reverse("admin:login")
    status = response.status_code
    location = response.get("Location", "")
    ok = {
        "L": status == 302 and location.split("?")[0].endswith(login),
        "F": status == 403,
        "N": status == 404,
        "M": status == 405,
        "O": status == 200,
        "S": status == 302 and not location.split("?")[0].endswith(login),
        "R": status in (200, 302) and not location.split("?")[0].endswith(login),
    }[outcome]
    if ok:
        return None
    return f"{method} {url}: expected {outcome}, got {status} {location}"


def run_case(case: Case, role: str, world: World) -> None:
    """Request the case's URL as ``role``, GET then POST, and check the table's outcomes and
    the invariants."""
    assert case.row in EXPECTED, f"no row in EXPECTED for {case.row}: decide who may do what"
    url = case_url(case, world)
    index = ROLES.index(role)
    problems = []
    client = Client()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    for method, outcomes in zip(["GET", "POST"], EXPECTED[case.row], strict=True):
        outcome = outcomes[index]
        if outcome == "-":
            continue
        data = post_data(case, world, role) if method == "POST" else None
        response = send(client, method, url, data)
        problems.append(check(outcome, response, method, url))
        # Every test starts from the same rows (the world), so "before" is the world's.
        if role in HARMLESS_ROLES and readers_view() != world.readers_view:
            problems.append(f"{method} {url} by {role} changed what readers see")
        if outcome == "R" and editorial_state() != world.editorial_state:
            problems.append(f"{method} {url} by {role} was to be refused, yet changed rows")
    problems = [p for p in problems if p]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_matrix(case: Case, role: str, world: World, db) -> None:
    run_case(case, role, world)


# --- the matrix covers the admin ---------------------------------------------------------


def _admin_patterns(resolver: URLResolver, prefix: str = "") -> Iterator[tuple[str, Any]]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _admin_patterns(pattern, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern


def test_every_admin_url_pattern_is_a_case():
    """Walk the admin's URL conf as Django resolves it: every pattern, however it got there,
    is requested by some case."""
    covered = {case.route for case in CASES}
    site_urls, _, _ = admin.site.urls
    missing = [route for route, _ in _admin_patterns(URLResolver(r"^", site_urls))]
    missing = [route for route in missing if route not in covered]
    assert not missing, f"admin URLs the matrix never requests: {missing}"


def test_every_view_and_action_has_a_row_and_every_row_a_view():
    views = {(model, view) for model, view, _ in admin_views()}
    without_row = sorted(v for v in views if not any(r[:2] == v for r in EXPECTED))
    assert not without_row, f"views with no row in EXPECTED: {without_row}"
    stale = sorted(row for row in EXPECTED if row[:2] not in views)
    assert not stale, f"rows of EXPECTED for views that no longer exist: {stale}"
    for row, (get, post) in EXPECTED.items():
        assert len(get) == len(post) == len(ROLES), row


def test_findings_are_rows_of_the_table():
    """Issue 13: a Writer may not restore over a live article (1), change a live article's
    quotes or merge speakers (2); every role that may add, adds (3)."""
    writer = ROLES.index("writer")
    for row, finding in FINDINGS.items():
        assert row in EXPECTED, row
        post = EXPECTED[row][1][writer]
        assert post in ("FR" if finding in (1, 2) else "S"), (row, post)


def test_the_matrix_knows_every_role():
    assert [r for r in ROLES if r not in HARMLESS_ROLES] == ["editor", "superuser"]
