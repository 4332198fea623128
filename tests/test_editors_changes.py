"""Imports never undo an editor's change (issue 13, finding 11): what counts as an editor's
change is one list, ``Article.EDITORIAL_FIELDS``; a change to one of them makes a changed seed a
conflict, and a change to any other field the admin lets an editor make is not written over."""

from __future__ import annotations

import shutil
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import RequestFactory

from articles.models import Article, Section, Source
from tests.conftest import REFERENCE_SEED
from tests.test_workflow import change_url, editor, form_data  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


def import_seed(seed: Path) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    # A conflict exits 3 (tests/test_import_runs.py); these tests read what was kept.
    call_command(
        "import_seeds", str(seed), "--no-progress", "--allow-conflicts", stdout=out, stderr=err
    )
    return out.getvalue(), err.getvalue()


def changed_seed(seed: Path) -> None:
    """The feed sends the story again with a word of its body changed."""
    seed.write_text(seed.read_text().replace("Medical supplies", "Medicine"))


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    path = tmp_path / "seed.txt"
    shutil.copy(REFERENCE_SEED, path)
    return path


def test_editor_section_change_makes_a_changed_seed_a_conflict(editor, seed):  # noqa: F811
    import_seed(seed)
    article = Article.objects.get()
    assert article.section.name == "World"
    middle_east = Section.objects.create(name="Middle East", slug="middle-east")
    response = editor.post(change_url(article), form_data(article, section=middle_east.pk))
    assert response.status_code == 302
    changed_seed(seed)

    out, err = import_seed(seed)

    assert "0 updated" in out and "1 conflict" in out
    assert f"CONFLICT {seed}: the seed changed, but an editor has changed article" in err
    article.refresh_from_db()
    assert article.section == middle_east
    assert "Medical supplies" in article.body  # the editor's version, whole


# What an editor changes each field the admin's article form offers to, through that form.
EDITS = {
    "headline": lambda article: "An editor's headline",
    "slug": lambda article: "an-editors-slug",
    "standfirst": lambda article: "An editor's own standfirst.",
    "body": lambda article: article.body.replace("Aleppo", "Aleppo city", 1),
    "section": lambda article: Section.objects.create(name="Middle East", slug="middle-east").pk,
    "tags": lambda article: '"Editors pick", Syria',
    "status": lambda article: Article.Status.DRAFT,
    "published_at": lambda article: article.published_at - timedelta(days=3),
    "source": lambda article: Source.objects.create(name="Wire", domain="wire.example").pk,
}
# The optimistic lock the form carries, a reviewer's comment to the writer and when to publish
# a pending change: about the save, not the article's content.
NOT_CONTENT = {"version", "review_comment", "changes_at", "withdrawal_reason"}
# Changed by the form's workflow buttons (tests.test_workflow.form_data presses them), not by
# a field of the form.
BY_BUTTON = {"status"}


def stored(article: Article, field: str) -> object:
    if field == "tags":
        return sorted(article.tags.names())
    if field == "source":
        return article.source_id
    return getattr(article, field)


def test_every_field_editors_edit_is_covered(editor, seed):  # noqa: F811
    """A field added to the admin's article form fails here until it has an edit above, so the
    test below checks that imports keep it."""
    import_seed(seed)
    article = Article.objects.get()
    request = RequestFactory().get(change_url(article))
    request.user = get_user_model().objects.get(username="editor")
    form = admin.site._registry[Article].get_form(request, article)
    assert set(form.base_fields) - NOT_CONTENT == set(EDITS) - BY_BUTTON
    assert set(Article.editorial_columns()) <= set(EDITS)


@pytest.mark.parametrize("field", sorted(EDITS))
def test_an_import_never_writes_over_an_editors_change(editor, seed, field):  # noqa: F811
    import_seed(seed)
    article = Article.objects.get()
    response = editor.post(
        change_url(article), form_data(article, **{field: EDITS[field](article)})
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    edited = stored(article, field)
    changed_seed(seed)

    out, _err = import_seed(seed)

    article.refresh_from_db()
    assert stored(article, field) == edited
    if field in Article.EDITORIAL_FIELDS:
        assert "1 conflict" in out
        assert "Medical supplies" in article.body
    else:
        assert "1 updated" in out  # not an editor's change: the seed's new body is taken
        assert "Medicine" in article.body
