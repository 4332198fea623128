"""Live stories keep running while they are edited (issue 15): a change to a published or
scheduled article waits as a pending change that an Editor previews, publishes or rejects; the
form's workflow buttons, each pressed as an editor would, and the list's states."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import requote
from articles.models import Article, Section, Source, StatusChange
from articles.pending import PendingChange
from articles.roles import ensure_roles
from tests.admin_forms import main_form

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough password"
BODY = (
    "The council met on Monday to vote on the new bridge.\n\n"
    '"We will not back down," said Jane Smith, the council leader.\n\n'
    '"The bridge will be finished by spring," Smith said.'
)
NEW_PARAGRAPH = '"Traffic will double," warned Tom Brown, an engineer.'


def _user(role: str):
    ensure_roles()
    group = {"editor": "Editors", "writer": "Writers"}[role]
    user = get_user_model().objects.create_user(role, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def writer() -> Client:
    client = Client()
    client.force_login(_user("writer"))
    return client


@pytest.fixture
def editor() -> Client:
    client = Client()
    client.force_login(_user("editor"))
    return client


def _article(status: str = Article.Status.PUBLISHED, **fields: object) -> Article:
    source, _ = Source.objects.get_or_create(name="Example", domain="example.com")
    article = Article.objects.create(
        headline="Council votes on bridge",
        slug=f"council-votes-on-bridge-{Article.objects.count()}",
        standfirst="The council voted on the bridge.",
        body=BODY,
        source=source,
        original_url=f"https://example.com/bridge-{Article.objects.count()}",
        status=status,
        published_at=fields.pop("published_at", timezone.now() - timedelta(hours=1)),
        **fields,
    )
    requote.requote(article)
    return article


@pytest.fixture
def live() -> Article:
    return _article()


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def page(client: Client, article: Article) -> str:
    response = client.get(change_url(article))
    assert response.status_code == 200
    return response.content.decode()


def press(client: Client, article: Article, button: str | None, **changes: str):
    """Open the article's form, change ``changes`` and press ``button`` (its ``_action``)."""
    data = main_form(page(client, article))
    data.update({name: [value] for name, value in changes.items()})
    if button is not None:
        assert f'name="_action" value="{button}"' in page(client, article), button
        data["_action"] = [button]
    return client.post(change_url(article), data)


def buttons(client: Client, article: Article | None) -> list[str]:
    url = change_url(article) if article else reverse("admin:articles_article_add")
    html = client.get(url).content.decode()
    return [part.split('"', 1)[0] for part in html.split('name="_action" value="')[1:]]


def reader_sees(article: Article) -> str:
    return Client().get(article.get_absolute_url()).content.decode()


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- the buttons each role has ------------------------------------------------------------


def test_buttons_follow_the_workflow_for_each_role_and_status(writer, editor):
    draft = _article(Article.Status.DRAFT, published_at=None)
    review = _article(Article.Status.IN_REVIEW, published_at=None)
    live = _article()
    withdrawn = _article(Article.Status.WITHDRAWN)
    assert buttons(writer, None) == ["save", "submit"]
    assert buttons(editor, None) == ["save", "submit", "publish", "schedule"]
    assert buttons(writer, draft) == ["save", "submit"]
    assert buttons(editor, draft) == ["save", "submit", "publish", "schedule"]
    assert buttons(writer, review) == ["save"]
    assert buttons(editor, review) == ["save", "publish", "schedule", "reject"]
    assert buttons(writer, live) == ["save", "submit"]
    assert buttons(editor, live) == [
        "save",
        "submit",
        "publish",
        "schedule",
        "unpublish",
        "withdraw",
    ]
    assert buttons(writer, withdrawn) == []
    assert buttons(editor, withdrawn) == ["save", "publish", "unpublish"]


def test_the_form_has_no_status_dropdown(editor, live):
    assert 'name="status"' not in page(editor, live)


def test_a_button_the_user_does_not_have_is_refused(writer):
    draft = _article(Article.Status.DRAFT, published_at=None)
    data = main_form(page(writer, draft))
    for button in ["publish", "schedule", "withdraw", "no-such-button"]:
        response = writer.post(change_url(draft), {**data, "_action": button})
        assert response.status_code == 200, button
        assert "errornote" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT and not Article.objects.published().exists()


# --- a Writer's change to a live story -------------------------------------------------------


def test_a_writers_draft_of_a_live_story_leaves_readers_the_live_version(writer, live):
    response = press(writer, live, "save", headline="Council delays bridge vote")
    assert response.status_code == 302
    assert response["Location"] == change_url(live)  # Save draft stays on the form
    assert "Readers still see the live version" in messages_of(response)[0]
    live.refresh_from_db()
    assert live.headline == "Council votes on bridge" and live.is_public
    assert "Council delays bridge vote" not in reader_sees(live)
    change = live.pending_change
    assert (change.state, change.values["headline"]) == ("draft", "Council delays bridge vote")
    # The form opens with the change, and says so.
    html = page(writer, live)
    assert 'value="Council delays bridge vote"' in html
    assert "Changes draft" in html and "Preview the changes" in html


def test_a_writer_submits_a_change_and_the_list_says_live_with_changes(writer, editor, live):
    press(writer, live, "submit", headline="Council delays bridge vote")
    change = PendingChange.objects.get(article=live)
    assert change.state == "review" and change.submitted_by.username == "writer"
    listing = editor.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "Live + changes in review" in listing
    filtered = editor.get(reverse("admin:articles_article_changelist") + "?state=live_review")
    assert "Council votes on bridge" in filtered.content.decode()
    other = editor.get(reverse("admin:articles_article_changelist") + "?state=live")
    assert "Council votes on bridge" not in other.content.decode()


def test_an_editor_previews_then_publishes_a_writers_change(writer, editor, live):
    body = BODY + "\n\n" + NEW_PARAGRAPH
    press(writer, live, "submit", headline="Council delays bridge vote", body=body)
    preview = editor.get(reverse("articles:preview", args=[live.pk]) + "?pending=1")
    assert "Council delays bridge vote" in preview.content.decode()
    assert "Traffic will double" not in reader_sees(live)
    assert buttons(editor, live) == [
        "save",
        "submit",
        "publish",
        "schedule",
        "unpublish",
        "withdraw",
        "reject",
    ]
    response = press(editor, live, "publish")
    assert response.status_code == 302, response.content.decode()[:2000]
    live.refresh_from_db()
    assert live.headline == "Council delays bridge vote" and live.is_public
    assert not PendingChange.objects.filter(article=live).exists()
    seen = reader_sees(live)
    assert "Council delays bridge vote" in seen and "Traffic will double" in seen
    # The quotes followed the text, and readers are told it was updated.
    assert live.quotes.filter(text__contains="Traffic will double").exists()
    assert live.content_updated_at is not None
    assert any("1 quote added" in m for m in messages_of(response))


def test_an_editor_rejects_a_change_with_a_comment_the_writer_then_sees(writer, editor, live):
    press(writer, live, "submit", headline="Council delays bridge vote")
    refused = press(editor, live, "reject")
    assert refused.status_code == 200  # a comment is required
    assert "Say what needs changing" in refused.content.decode()
    response = press(editor, live, "reject", review_comment="Check the date with the desk.")
    assert response.status_code == 302
    change = PendingChange.objects.get(article=live)
    assert (change.state, change.review_comment) == ("draft", "Check the date with the desk.")
    live.refresh_from_db()
    assert live.headline == "Council votes on bridge"
    assert "Check the date with the desk." in page(writer, live)


def test_an_editors_save_draft_keeps_the_live_version_too(editor, live):
    press(editor, live, "save", standfirst="A new summary.")
    live.refresh_from_db()
    assert live.standfirst == "The council voted on the bridge."
    assert PendingChange.objects.get(article=live).values["standfirst"] == "A new summary."


def test_changes_that_would_go_live_at_once_cannot_wait_in_a_draft(editor, live):
    quotes = live.quotes.count()
    response = press(editor, live, "save", **{"quotes-0-role": "council leader"})
    assert response.status_code == 200
    assert "cannot wait in a draft" in response.content.decode()
    tomorrow = timezone.localtime() + timedelta(days=1)
    response = press(editor, live, "save", published_at_0=tomorrow.strftime("%Y-%m-%d"))
    assert response.status_code == 200
    assert "cannot wait in a draft" in response.content.decode()
    assert not PendingChange.objects.exists() and live.quotes.count() == quotes


def test_unpublishing_saves_the_forms_values_and_drops_the_pending_change(writer, editor, live):
    press(writer, live, "save", headline="Council delays bridge vote")
    press(editor, live, "unpublish")
    live.refresh_from_db()
    assert (live.status, live.headline) == ("draft", "Council delays bridge vote")
    assert not PendingChange.objects.exists()
    assert Client().get(live.get_absolute_url()).status_code == 404


def test_the_live_version_changed_since_the_draft_is_flagged(writer, editor, live):
    press(writer, live, "save", headline="Council delays bridge vote")
    Article.objects.filter(pk=live.pk).update(version=live.version + 1)
    assert "The live version was changed after these changes were started" in page(editor, live)


# --- drafts, review, scheduling ----------------------------------------------------------------


def test_a_writer_submits_a_draft_and_an_editor_rejects_it_back_to_draft(writer, editor):
    draft = _article(Article.Status.DRAFT, published_at=None)
    press(writer, draft, "submit")
    draft.refresh_from_db()
    assert draft.status == "review"
    press(editor, draft, "reject", review_comment="Needs a second source.")
    draft.refresh_from_db()
    assert draft.status == "draft"
    step = StatusChange.objects.filter(article=draft).first()
    assert (step.new_status, step.comment) == ("draft", "Needs a second source.")


def test_a_scheduled_story_shows_as_scheduled_then_as_live(editor, monkeypatch):
    draft = _article(Article.Status.DRAFT, published_at=None)
    at = timezone.localtime() + timedelta(hours=2)
    response = press(
        editor,
        draft,
        "schedule",
        published_at_0=at.strftime("%Y-%m-%d"),
        published_at_1=at.strftime("%H:%M:%S"),
    )
    assert response.status_code == 302
    assert "goes live on" in messages_of(response)[0]
    changelist = reverse("admin:articles_article_changelist")
    assert "Scheduled for" in editor.get(changelist).content.decode()
    assert "Council votes" in editor.get(changelist + "?state=scheduled").content.decode()
    later = timezone.now() + timedelta(hours=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    listing = editor.get(changelist).content.decode()
    assert "Scheduled for" not in listing and ">Live<" in listing
    assert "Council votes" in editor.get(changelist + "?state=live").content.decode()
    assert "Council votes" not in editor.get(changelist + "?state=scheduled").content.decode()


def test_schedule_needs_a_time_in_the_future_and_publish_one_in_the_past(editor):
    draft = _article(Article.Status.DRAFT, published_at=None)
    assert press(editor, draft, "schedule").status_code == 200
    tomorrow = timezone.localtime() + timedelta(days=1)
    response = press(
        editor,
        draft,
        "publish",
        published_at_0=tomorrow.strftime("%Y-%m-%d"),
        published_at_1=tomorrow.strftime("%H:%M:%S"),
    )
    assert response.status_code == 200
    assert "press Schedule" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_view_on_site_of_an_unpublished_article_opens_the_preview(editor):
    draft = _article(Article.Status.DRAFT, published_at=None)
    preview = reverse("articles:preview", args=[draft.pk])
    assert f'href="{preview}" class="viewsitelink"' in page(editor, draft)
    assert editor.get(preview).status_code == 200


def test_view_on_site_of_a_live_article_opens_its_page(editor, live):
    html = page(editor, live)
    assert "viewsitelink" in html
    assert reverse("articles:preview", args=[live.pk]) + '" class="viewsitelink"' not in html


# --- scheduled changes to a live story -----------------------------------------------------


def _at(when) -> dict[str, str]:
    local = timezone.localtime(when)
    return {"changes_at_0": local.strftime("%Y-%m-%d"), "changes_at_1": local.strftime("%H:%M:%S")}


def test_an_editor_schedules_changes_to_a_live_story_and_they_go_live_on_time(writer, editor, live):
    body = BODY + "\n\n" + NEW_PARAGRAPH
    press(writer, live, "submit", headline="Council delays bridge vote", body=body)
    at = timezone.now() + timedelta(hours=1)
    response = press(editor, live, "schedule", **_at(at))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "scheduled" in messages_of(response)[0]
    change = PendingChange.objects.get(article=live)
    assert change.publish_at is not None and change.scheduled_by.username == "editor"
    assert "Scheduled to go live on" in page(editor, live)
    call_command("publish_scheduled", stdout=StringIO())
    live.refresh_from_db()
    assert live.headline == "Council votes on bridge"  # not yet
    later = timezone.now() + timedelta(hours=2)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: later)
        out = StringIO()
        call_command("publish_scheduled", stdout=out)
    assert "1 published, 0 failed" in out.getvalue()
    live.refresh_from_db()
    assert live.headline == "Council delays bridge vote" and live.is_public
    assert live.last_changed_by.username == "editor"
    assert live.quotes.filter(text__contains="Traffic will double").exists()
    assert not PendingChange.objects.filter(article=live).exists()
    assert "Traffic will double" in reader_sees(live)


def test_schedule_changes_needs_a_time_in_the_future(editor, live):
    response = press(editor, live, "schedule", headline="Later", **_at(timezone.now()))
    assert response.status_code == 200
    assert "needs a time in the future" in response.content.decode()
    assert not PendingChange.objects.exists()


def test_a_scheduled_change_the_form_refuses_waits_with_the_reason(editor, live):
    press(editor, live, "schedule", headline="Later", **_at(timezone.now() + timedelta(hours=1)))
    PendingChange.objects.update(
        publish_at=timezone.now() - timedelta(minutes=1), values={"headline": ""}
    )
    with pytest.raises(SystemExit) as exit:
        call_command("publish_scheduled", stdout=StringIO(), stderr=StringIO())
    assert exit.value.code == 1
    change = PendingChange.objects.get()
    assert change.publish_at is None and "headline" in change.problem
    live.refresh_from_db()
    assert live.headline == "Council votes on bridge"
    assert "Their scheduled publication failed" in page(editor, live)


def test_a_writer_cannot_schedule_changes(writer, live):
    data = main_form(page(writer, live))
    data.update(_action="schedule", **_at(timezone.now() + timedelta(hours=1)))
    response = writer.post(change_url(live), data)
    assert response.status_code == 200
    assert not PendingChange.objects.exists()


def test_the_waiting_changes_are_shown_word_by_word_against_the_live_version(writer, editor, live):
    politics = Section.objects.create(name="Politics", slug="politics")  # a row (issue 15)
    press(writer, live, "submit", headline="Council delays bridge vote", section=str(politics.pk))
    html = editor.get(reverse("admin:articles_article_pending", args=[live.pk])).content.decode()
    assert '<del><span class="visually-hidden">[deleted: </span>votes on' in html
    assert "[inserted: </span>delays" in html
    assert "Politics" in html
    other = _article()
    assert (
        "No changes are waiting"
        in editor.get(reverse("admin:articles_article_pending", args=[other.pk])).content.decode()
    )


def test_the_change_page_reads_the_pending_change_once(writer, editor, live):
    """The form, the fieldsets, the buttons and the state each ask for the pending change;
    it is read from the database once a request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    press(writer, live, "submit", headline="Council delays bridge vote")
    table = PendingChange._meta.db_table
    with CaptureQueriesContext(connection) as queries:
        assert editor.get(change_url(live)).status_code == 200
    reads = [q["sql"] for q in queries if f'FROM "{table}"' in q["sql"]]
    assert len(reads) == 1, reads


def test_a_change_stored_after_reading_is_what_the_article_answers(writer, live):
    """``store``, ``reject`` and ``discard`` forget what ``pending_for`` read on the instance."""
    from articles import pending

    assert pending.pending_for(live) is None
    pending.store(live, {"headline": "New"}, None, submit=False)
    assert pending.pending_for(live).values["headline"] == "New"
    pending.reject(live, None, "No")
    assert pending.pending_for(live).review_comment == "No"
    pending.discard(live)
    assert pending.pending_for(live) is None


def test_publish_scheduled_with_nothing_due_is_quiet_at_verbosity_0():
    """``make run`` calls it every minute with ``-v 0``: no line a minute in the terminal."""
    quiet, spoken = StringIO(), StringIO()
    call_command("publish_scheduled", verbosity=0, stdout=quiet)
    call_command("publish_scheduled", stdout=spoken)
    assert quiet.getvalue() == "" and "0 published, 0 failed" in spoken.getvalue()
