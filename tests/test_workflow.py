"""Editorial workflow through the admin: roles, transitions, scheduling, withdrawal, preview,
revisions, conflicts with imports, and optimistic locking."""

from __future__ import annotations

import shutil
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.models import Article, StatusChange
from articles.roles import ensure_roles
from tests.conftest import REFERENCE_SEED

pytestmark = pytest.mark.django_db
PASSWORD = "a long enough password"


def make_user(name: str, group: str):
    ensure_roles()  # a transactional test elsewhere may have flushed the migration's groups
    user = get_user_model().objects.create_user(name, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def writer(client):
    make_user("writer", "Writers")
    client.login(username="writer", password=PASSWORD)
    return client


@pytest.fixture
def editor(client):
    make_user("editor", "Editors")
    client.login(username="editor", password=PASSWORD)
    return client


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def form_data(article: Article, **changes) -> dict:
    """What the admin's change form posts for ``article``, with ``changes`` applied."""
    article.refresh_from_db()
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "section": article.section,
        "tags": ", ".join(f'"{name}"' for name in article.tags.names()),
        "status": article.status,
        "published_at_0": "",
        "published_at_1": "",
        "source": article.source_id,
        "version": article.version,
        "quotes-TOTAL_FORMS": 0,
        "quotes-INITIAL_FORMS": 0,
        "corrections-TOTAL_FORMS": 0,
        "corrections-INITIAL_FORMS": 0,
        "status_changes-TOTAL_FORMS": 0,
        "status_changes-INITIAL_FORMS": 0,
    }
    if article.published_at:
        local = timezone.localtime(article.published_at)
        data["published_at_0"] = local.strftime("%Y-%m-%d")
        data["published_at_1"] = local.strftime("%H:%M:%S")
    for key, value in changes.items():
        if key == "published_at":
            local = timezone.localtime(value)
            data["published_at_0"] = local.strftime("%Y-%m-%d")
            data["published_at_1"] = local.strftime("%H:%M:%S")
        else:
            data[key] = value
    return data


@pytest.fixture
def draft():
    call_command("import_seeds", "--draft", str(REFERENCE_SEED), verbosity=0)
    return Article.objects.get()


def test_roles_exist_with_the_publish_permission_only_for_editors():
    writers = Group.objects.get(name="Writers")
    editors = Group.objects.get(name="Editors")
    assert not writers.permissions.filter(codename="publish_article").exists()
    assert editors.permissions.filter(codename="publish_article").exists()


def test_writer_edits_a_draft_and_sends_it_to_review(writer, draft):
    response = writer.post(change_url(draft), form_data(draft, headline="Writer's headline"))
    assert response.status_code == 302
    response = writer.post(change_url(draft), form_data(draft, status="review"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.headline, draft.status) == ("Writer's headline", "review")
    change = StatusChange.objects.filter(article=draft).first()
    assert (change.old_status, change.new_status, change.user.username) == (
        "draft",
        "review",
        "writer",
    )


@pytest.mark.parametrize("status", ["published", "scheduled", "withdrawn"])
def test_writer_posting_a_crafted_form_to_publish_is_refused(writer, draft, status):
    data = form_data(draft, status=status, published_at=timezone.now() + timedelta(days=1))
    response = writer.post(change_url(draft), data)
    assert response.status_code == 200  # the form again, with the error
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert not Article.objects.published().exists()


@pytest.mark.parametrize("action", ["publish", "unpublish", "withdraw"])
def test_writer_posting_a_crafted_action_is_refused(writer, draft, action):
    url = reverse("admin:articles_article_changelist")
    writer.post(url, {"action": action, "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_writer_cannot_change_a_published_article(writer, draft):
    Article.objects.update(status="published", published_at=timezone.now())
    response = writer.post(change_url(draft), form_data(draft, headline="Sneaky"))
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.headline != "Sneaky"


def test_editor_publishes_unpublishes_and_withdraws(editor, draft, client):
    url = reverse("admin:articles_article_changelist")
    editor.post(url, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == "published" and draft.published_at
    assert client.get(draft.get_absolute_url()).status_code == 200
    editor.post(url, {"action": "withdraw", "_selected_action": [draft.pk]})
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 410
    assert "withdrawn" in response.content.decode()
    editor.post(url, {"action": "unpublish", "_selected_action": [draft.pk]})
    assert client.get(draft.get_absolute_url()).status_code == 404
    steps = list(
        StatusChange.objects.filter(article=draft)
        .order_by("at", "id")
        .values_list("new_status", flat=True)
    )
    assert steps == ["draft", "published", "withdrawn", "draft"]


def test_editor_schedules_and_the_article_goes_live_by_itself(editor, draft, monkeypatch):
    at = timezone.now() + timedelta(hours=2)
    response = editor.post(change_url(draft), form_data(draft, status="scheduled", published_at=at))
    assert response.status_code == 302
    reader = Client()  # the editor's client has a session, which the page cache skips
    feed, sitemap = reverse("articles:feed"), reverse("sitemap")
    assert draft.headline not in reader.get("/").content.decode()
    assert draft.headline not in reader.get(feed).content.decode()
    assert draft.get_absolute_url() not in reader.get(sitemap).content.decode()
    assert reader.get(draft.get_absolute_url()).status_code == 404
    dashboard = editor.get(reverse("admin:articles_article_dashboard")).content.decode()
    assert draft.headline in dashboard

    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(hours=3))
    assert draft.headline in reader.get("/").content.decode()
    assert draft.headline in reader.get(feed).content.decode()
    assert draft.get_absolute_url() in reader.get(sitemap).content.decode()
    assert reader.get(draft.get_absolute_url()).status_code == 200


def test_preview_shows_a_draft_to_staff_only(editor, draft):
    url = reverse("articles:preview", args=[draft.pk])
    response = editor.get(url)
    assert response.status_code == 200
    assert draft.headline in response.content.decode()
    assert "noindex" in response["X-Robots-Tag"]
    editor.logout()
    assert editor.get(url).status_code == 404


def test_correction_is_shown_to_readers(editor, draft, client):
    Article.objects.update(status="published", published_at=timezone.now())
    data = form_data(draft)
    data.update(
        {
            "corrections-TOTAL_FORMS": 1,
            "corrections-0-note": "An earlier version misspelt a name.",
            "corrections-0-created_at_0": timezone.localdate().isoformat(),
            "corrections-0-created_at_1": "10:00:00",
        }
    )
    assert editor.post(change_url(draft), data).status_code == 302
    html = client.get(draft.get_absolute_url()).content.decode()
    assert "An earlier version misspelt a name." in html


def test_stale_save_is_refused_with_a_clear_message(editor, draft):
    first = form_data(draft, headline="First editor's headline")
    second = form_data(draft, headline="Second editor's headline")
    assert editor.post(change_url(draft), first).status_code == 302
    response = editor.post(change_url(draft), second)
    assert response.status_code == 200
    assert "after you opened it" in response.content.decode()
    draft.refresh_from_db()
    assert draft.headline == "First editor's headline"


def test_edit_survives_reimport_and_overwrite_keeps_it_restorable(editor, tmp_path):
    seed = tmp_path / "seed.txt"
    shutil.copy(REFERENCE_SEED, seed)
    call_command("import_seeds", str(seed), verbosity=0)
    article = Article.objects.get()
    editor.post(change_url(article), form_data(article, headline="The editor's headline"))
    seed.write_text(seed.read_text().replace("Medical supplies", "Medicine"))

    out, err = StringIO(), StringIO()
    call_command("import_seeds", str(seed), "--no-progress", stdout=out, stderr=err)
    assert "1 conflict" in out.getvalue() and str(seed) in err.getvalue()
    article.refresh_from_db()
    assert article.headline == "The editor's headline"
    assert "Medical supplies" in article.body

    call_command("import_seeds", "--overwrite", str(seed), "--no-progress", stdout=StringIO())
    article.refresh_from_db()
    assert article.headline.startswith("John Kerry defends")
    assert "Medicine" in article.body

    versions = Version.objects.get_for_object(article)
    assert versions[1].field_dict["headline"] == "The editor's headline"
    versions[1].revision.revert(delete=True)
    article.refresh_from_db()
    assert article.headline == "The editor's headline"


def test_compare_revisions_shows_a_readable_diff(editor, draft):
    editor.post(change_url(draft), form_data(draft, headline="A better headline"))
    url = reverse("admin:articles_article_compare", args=[draft.pk])
    html = editor.get(url).content.decode()
    assert "<del>-John Kerry defends" in html
    assert "<ins>+A better headline" in html


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_exactly_one_succeeds():
    """Two editors post the same version at the same moment, from two threads."""
    import threading

    from django.db import connection
    from django.test import Client

    call_command("import_seeds", "--draft", str(REFERENCE_SEED), verbosity=0)
    article = Article.objects.get()
    make_user("editor", "Editors")
    forms = [form_data(article, headline=f"Headline from editor {n}") for n in (1, 2)]
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def save(data: dict) -> None:
        client = Client()
        client.login(username="editor", password=PASSWORD)
        barrier.wait()
        try:
            statuses.append(client.post(change_url(article), data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(data,)) for data in forms]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(statuses) == [200, 302]  # one saved (redirect), one refused (form again)
    article.refresh_from_db()
    assert article.headline in {form["headline"] for form in forms}
    assert article.version == forms[0]["version"] + 1


def test_an_import_keeps_no_revision_until_the_first_change(editor, draft):
    """New imports write no revision; the first change records the article as imported first,
    so it can still be compared and restored."""
    original = draft.headline
    assert not Version.objects.get_for_object(draft).exists()
    editor.post(change_url(draft), form_data(draft, headline="A better headline"))
    versions = Version.objects.get_for_object(draft)
    assert [v.field_dict["headline"] for v in versions] == ["A better headline", original]
    assert versions[1].revision.comment == "As imported, before its first change."
    assert versions[1].revision.version_set.filter(content_type__model="quote").count() == 13

    editor.post(change_url(draft), form_data(draft, headline="Third headline"))
    assert Version.objects.get_for_object(draft).count() == 3  # one baseline only

    versions[1].revision.revert(delete=True)
    draft.refresh_from_db()
    assert draft.headline == original
