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
from articles.pending import PendingChange
from articles.roles import ensure_roles
from tests.admin_forms import main_form
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


# The workflow button that moves an article to a status.
ACTION_TO = {
    "draft": "unpublish",
    "review": "submit",
    "published": "publish",
    "scheduled": "schedule",
    "withdrawn": "withdraw",
}


def form_data(article: Article, **changes) -> dict:
    """What the admin's change form posts for ``article``, with ``changes`` applied."""
    article.refresh_from_db()
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "section": article.section_id or "",
        "tags": ", ".join(f'"{name}"' for name in article.tags.names()),
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
        if key == "status":  # the button that leads there
            data["_action"] = ACTION_TO[value]
            if value == "withdrawn":  # the reason readers see, which Withdraw needs
                data.setdefault("withdrawal_reason", "Withdrawn in a test.")
        elif key == "published_at":
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


def test_a_writers_change_to_a_published_article_waits_and_readers_keep_the_live_one(
    writer, draft, client
):
    Article.objects.update(status="published", published_at=timezone.now())
    response = writer.post(change_url(draft), form_data(draft, headline="Sneaky"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.headline != "Sneaky"
    assert draft.pending_change.values["headline"] == "Sneaky"
    assert "Sneaky" not in client.get(draft.get_absolute_url()).content.decode()


def test_writer_cannot_change_a_withdrawn_article(writer, draft):
    Article.objects.update(status="withdrawn", published_at=timezone.now())
    response = writer.post(change_url(draft), form_data(draft, headline="Sneaky"))
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.headline != "Sneaky"
    assert not PendingChange.objects.exists()


def test_editor_publishes_unpublishes_and_withdraws(editor, draft, client):
    url = reverse("admin:articles_article_changelist")
    editor.post(url, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == "published" and draft.published_at
    assert client.get(draft.get_absolute_url()).status_code == 200
    # The action first asks for the reason readers will see; nothing is withdrawn until then.
    asked = editor.post(url, {"action": "withdraw", "_selected_action": [draft.pk]})
    assert asked.status_code == 200 and 'name="reason"' in asked.content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 200
    blank = editor.post(url, {"action": "withdraw", "_selected_action": [draft.pk], "reason": " "})
    assert blank.status_code == 200 and "Say why the story is withdrawn" in blank.content.decode()
    reason = "The court ordered its removal."
    done = editor.post(
        url, {"action": "withdraw", "_selected_action": [draft.pk], "reason": reason}
    )
    assert done.status_code == 302
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 410
    assert "withdrawn" in response.content.decode()
    assert reason in response.content.decode()
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
    feed, sitemap = reverse("articles:feed"), reverse("sitemap_part", args=["articles"])
    assert draft.headline not in reader.get("/").content.decode()
    assert draft.headline not in reader.get(feed).content.decode()
    assert draft.get_absolute_url() not in reader.get(sitemap).content.decode()
    assert reader.get(draft.get_absolute_url()).status_code == 404
    dashboard = editor.get(reverse("admin:index")).content.decode()
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
    with pytest.raises(SystemExit) as exit:  # a conflict exits 3
        call_command("import_seeds", str(seed), "--no-progress", stdout=out, stderr=err)
    assert exit.value.code == 3
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
    assert '<del><span class="visually-hidden">[deleted: </span>John Kerry defends' in html
    assert '<ins><span class="visually-hidden">[inserted: </span>A better headline' in html


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


# Issue 13, findings 1-3: restoring revisions, quotes and speakers of live articles, add pages.


def _publish(editor_client, article: Article) -> None:
    url = reverse("admin:articles_article_changelist")
    editor_client.post(url, {"action": "publish", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == "published"


def _restore_data(editor_client, url: str) -> dict:
    """What the revision page's form posts, read from the page an editor is shown."""
    response = editor_client.get(url)
    assert response.status_code == 200
    return main_form(response.content.decode())


def test_finding_1_writer_cannot_unpublish_a_live_article_by_restoring_a_draft_revision(
    draft,
):
    editor = Client()
    editor.force_login(make_user("editor", "Editors"))
    writer = Client()
    writer.force_login(make_user("writer", "Writers"))
    writer.post(change_url(draft), form_data(draft, headline="The writer's draft headline"))
    _publish(editor, draft)
    old = Version.objects.get_for_object(draft).filter(serialized_data__contains='"draft"')[0]
    url = reverse("admin:articles_article_revision", args=[draft.pk, old.pk])
    data = _restore_data(editor, url)
    history = StatusChange.objects.count()

    assert writer.get(url).status_code == 403
    assert writer.post(url, data).status_code == 403
    draft.refresh_from_db()
    assert draft.status == "published" and draft.is_public
    assert Client().get(draft.get_absolute_url()).status_code == 200
    assert StatusChange.objects.count() == history
    recover = reverse("admin:articles_article_recover", args=[old.pk])
    assert writer.post(recover, data).status_code == 403
    draft.refresh_from_db()
    assert draft.status == "published"


def test_finding_1_an_editors_restore_records_the_status_change(draft):
    editor_user = make_user("editor", "Editors")
    editor = Client()
    editor.force_login(editor_user)
    editor.post(change_url(draft), form_data(draft, headline="An edited draft headline"))
    _publish(editor, draft)
    version_before = draft.version
    old = Version.objects.get_for_object(draft).filter(serialized_data__contains='"draft"')[0]
    url = reverse("admin:articles_article_revision", args=[draft.pk, old.pk])
    response = editor.post(url, _restore_data(editor, url))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.version > version_before
    step = StatusChange.objects.filter(article=draft).first()
    assert (step.old_status, step.new_status, step.user) == ("published", "draft", editor_user)


def test_finding_1_a_restore_is_checked_for_every_article_of_its_revision(draft):
    """A bulk action saves its articles in one revision: restoring it from one article's
    History page must not unpublish the others."""
    other = Article.objects.create(
        headline="Another story",
        slug="another-story",
        standfirst="Another.",
        body="Another body.",
        source=draft.source,
        original_url="https://example.com/another-story",
        seed_line2="1",
        seed_line3="2",
    )
    writer = Client()
    writer.force_login(make_user("writer", "Writers"))
    editor = Client()
    editor.force_login(make_user("editor", "Editors"))
    changelist = reverse("admin:articles_article_changelist")
    writer.post(changelist, {"action": "send_to_review", "_selected_action": [draft.pk, other.pk]})
    both = Version.objects.get_for_object(draft)[0].revision
    assert both.version_set.filter(content_type__model="article").count() == 2
    _publish(editor, other)
    url = reverse(
        "admin:articles_article_revision",
        args=[draft.pk, both.version_set.get(content_type__model="article", object_id=draft.pk).pk],
    )
    assert writer.post(url, _restore_data(editor, url)).status_code == 403
    other.refresh_from_db()
    assert other.status == "published"


def _quote_data(quote, **changes) -> dict:
    data = {
        "article": quote.article_id,
        "text": quote.text,
        "speaker": quote.speaker_id or "",
        "role": quote.role,
        "block": quote.block,
        "start": quote.start,
        "end": quote.end,
        "position": quote.position,
    }
    return {**data, **changes}


def test_finding_2_writer_cannot_change_the_quotes_of_a_live_article(writer, imported_article):
    from articles.models import Quote

    quote = imported_article.quotes.first()
    url = reverse("admin:articles_quote_change", args=[quote.pk])
    assert writer.post(url, _quote_data(quote, text="Words never said")).status_code == 403
    assert writer.post(url, _quote_data(quote, speaker="")).status_code == 403
    add = reverse("admin:articles_quote_add")
    response = writer.post(add, _quote_data(quote, text="Invented", position=99))
    assert response.status_code == 200 and "only editors" in response.content.decode()
    quote.refresh_from_db()
    assert quote.text != "Words never said" and quote.speaker_id is not None
    assert not Quote.objects.filter(text="Invented").exists()


def test_finding_2_merging_speakers_needs_delete_and_change_speaker(writer, imported_article):
    from articles.models import Speaker

    kerry = Speaker.objects.get(name="John Kerry")
    other = Speaker.objects.exclude(pk=kerry.pk).filter(quotes__isnull=False).first()
    url = reverse("admin:articles_speaker_changelist")
    selected = {"action": "merge_speakers", "_selected_action": [kerry.pk, other.pk]}
    writer.post(url, {**selected, "target": kerry.pk})
    assert Speaker.objects.filter(pk=other.pk).exists()
    assert "merge_speakers" not in writer.get(url).content.decode()


def test_finding_2_speaker_managers_without_publish_cannot_merge_live_speakers(
    client, imported_article
):
    from django.contrib.auth.models import Permission

    from articles.models import Speaker

    user = get_user_model().objects.create_user("desk", password=PASSWORD, is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_speaker", "change_speaker", "delete_speaker"]
        )
    )
    client.force_login(user)
    kerry = Speaker.objects.get(name="John Kerry")
    other = Speaker.objects.exclude(pk=kerry.pk).filter(quotes__isnull=False).first()
    url = reverse("admin:articles_speaker_changelist")
    selected = {"action": "merge_speakers", "_selected_action": [kerry.pk, other.pk]}
    response = client.post(url, {**selected, "target": kerry.pk}, follow=True)
    assert "Nothing was merged" in response.content.decode()
    assert Speaker.objects.filter(pk=other.pk).exists()
    # ... nor delete or rename them.
    delete = reverse("admin:articles_speaker_delete", args=[other.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Speaker.objects.filter(pk=other.pk).exists()


@pytest.mark.parametrize("group", ["Writers", "Editors"])
def test_finding_3_add_article_works_for_every_role_that_may_add(client, group, imported_article):
    client.force_login(make_user("someone", group))
    add = reverse("admin:articles_article_add")
    response = client.get(add)
    assert response.status_code == 200
    data = main_form(response.content.decode())
    data.update(
        headline=["Written in the newsroom"],
        slug=["written-in-the-newsroom"],
        standfirst=["A story of our own."],
        body=["Its first paragraph."],
        source=[str(imported_article.source_id)],
        original_url=["https://newsroom.example/written-in-the-newsroom"],
        status=["draft"],
    )
    response = client.post(add, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(slug="written-in-the-newsroom")
    assert (article.version, article.status) == (1, "draft")
    assert article.status_changes.get().new_status == "draft"


@pytest.mark.parametrize("group", ["Writers", "Editors"])
def test_finding_3_add_quote_works_for_every_role_that_may_add(client, group, draft):
    from articles.models import Quote

    client.force_login(make_user("someone", group))
    add = reverse("admin:articles_quote_add")
    response = client.get(add)
    assert response.status_code == 200 and 'name="article"' in response.content.decode()
    quote = draft.quotes.first()
    words = " ".join(draft.blocks[0].text.split()[:4])  # a quote is words of the body
    response = client.post(add, _quote_data(quote, text=words))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Quote.objects.get(text=words).article == draft


def test_workflow_rules_in_one_place(imported_article):
    from articles import workflow

    writer, editor = make_user("writer", "Writers"), make_user("editor", "Editors")
    assert workflow.allowed_statuses(writer, "draft") == ["draft", "review"]
    assert workflow.allowed_statuses(writer, None) == ["draft", "review"]
    assert workflow.allowed_statuses(writer, "published") == ["published"]
    assert len(workflow.allowed_statuses(editor, "draft")) == len(Article.Status.values)
    assert workflow.can_transition(None, None, "published")  # the importer
    live_quote = imported_article.quotes.first()
    for obj in [imported_article, live_quote, live_quote.speaker, imported_article.source]:
        assert not workflow.can_change_object(writer, obj), obj
        assert workflow.can_change_object(editor, obj), obj
    tag = imported_article.tags.first()
    assert not workflow.can_change_object(writer, tag)
    Article.objects.update(status="draft")
    imported_article.refresh_from_db()
    assert workflow.can_change_article(writer, imported_article)
    assert workflow.can_change_objects(writer, [live_quote, tag, live_quote.speaker])
