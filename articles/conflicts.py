"""Settling an import conflict from the admin: "keep ours" (the editor's version stays, the
issue is resolved) or "take the wire's" (the conflict's seed replaces the editor's version, as
``import_seeds --overwrite`` would, and the editor's stays one revision back).

Who may: an issue is resolved by whoever may change import issues (Editors); taking the wire's
changes the article, so it also needs what changing that article needs
(``articles.workflow``: a live article is the Editors').
"""

from __future__ import annotations

from typing import Any

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction

from articles import workflow
from articles.importer import EXTRACTION_VERSION, Outcome, SeedImporter
from articles.models import Article
from articles.runs import ImportIssue, mark_resolved
from articles.seeds.format import SeedFormatError, parse
from articles.seeds.understand import understand


class CannotTakeWire(Exception):
    """The issue holds no seed that can replace its article (nothing was changed)."""


def may_resolve(user: Any) -> bool:
    """Whether ``user`` may settle import conflicts at all (mark them resolved)."""
    return user.has_perm("articles.change_importissue")


def may_take_wire(user: Any, article: Article | None) -> bool:
    """Whether ``user`` may replace ``article`` by a conflict's seed."""
    return (
        article is not None
        and may_resolve(user)
        and user.has_perm("articles.change_article")
        and workflow.can_change_article(user, article)
    )


def open_conflicts() -> Any:
    """Conflicts nobody has settled yet."""
    return ImportIssue.objects.filter(outcome=ImportIssue.Kind.CONFLICT, resolved=False)


def keep_ours(issue: ImportIssue, user: Any) -> None:
    """Resolve ``issue``, leaving its article as the editors made it."""
    if not may_resolve(user):
        raise PermissionDenied
    mark_resolved(ImportIssue.objects.filter(pk=issue.pk), user, True)


def take_wire(issue: ImportIssue, user: Any) -> Outcome:
    """Replace the issue's article by the issue's seed, as ``user``, and resolve the issue.
    Raises PermissionDenied (nothing changed) or :class:`CannotTakeWire`."""
    if not may_resolve(user):
        raise PermissionDenied
    if not issue.seed_text or issue.article_id is None:
        raise CannotTakeWire(
            "This conflict kept no seed (recorded before seeds were kept, or its article is "
            "gone): import the file again with --overwrite to take the wire's version."
        )
    data = issue.seed_text.encode("utf-8")
    try:
        draft = understand(parse(data, issue.file_name), EXTRACTION_VERSION, data)
    except SeedFormatError as error:
        raise CannotTakeWire(str(error)) from error
    with transaction.atomic():
        article = Article.objects.select_for_update().filter(pk=issue.article_id).first()
        if not may_take_wire(user, article):
            raise PermissionDenied(workflow.REFUSED)
        if draft.url_key != article.url_key:
            raise CannotTakeWire("The seed names another article than this issue's.")
        if article.imported_at and article.imported_at > issue.run.started_at:
            raise CannotTakeWire(
                "The article was imported again after this conflict: its seed is out of date. "
                "Keep ours, or see the newer import's issues."
            )
        with reversion.create_revision():
            reversion.set_user(user)
            result = SeedImporter(overwrite=True).save_draft(draft, issue.file_name)
            reversion.set_comment(f"Took the wire's version ({issue.file_name}).")
        if result.outcome is Outcome.UPDATED:
            Article.objects.filter(pk=article.pk).update(last_changed_by=user)
        mark_resolved(ImportIssue.objects.filter(pk=issue.pk), user, True)
    return result.outcome
