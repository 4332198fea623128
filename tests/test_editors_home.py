"""The editor's home (the admin index, articles/dashboard.py), used as editors and writers use
it: what each role sees, its fixed number of queries, and its buttons for import conflicts."""

from __future__ import annotations

import re
import shutil
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.models import Article, Quote, Source, StatusChange
from articles.pending import PendingChange
from articles.runs import ImportIssue
from tests.conftest import REFERENCE_SEED, run_import_seeds
from tests.test_workflow import PASSWORD, change_url, form_data, make_user

pytestmark = pytest.mark.django_db
HOME = "/admin/"


def login(name: str, group: str) -> Client:
    user = make_user(name, group)
    client = Client()
    client.login(username=name, password=PASSWORD)
    client.user = user
    return client


def module(html: str, key: str) -> str | None:
    """The HTML of the home's module ``key``, or None when the page has none."""
    found = re.search(rf'<div class="module desk-module" id="desk-{key}">(.*?)</table>', html, re.S)
    return found.group(1) if found else None


def article(slug: str, source: Source, status: str = "draft", **fields) -> Article:
    return Article.objects.create(
        headline=f"Headline {slug}", slug=slug, standfirst="S.", body="Body. “Said words.”",
        source=source, original_url=f"https://example.com/{slug}", seed_line2="1",
        seed_line3="2", status=status, **fields,
    )  # fmt: skip


def newsroom(n: int, writer, editor) -> None:
    """``n`` articles in each state the home shows, each with a quote with no speaker."""
    source, _ = Source.objects.get_or_create(domain="example.com", defaults={"name": "Example"})
    now = timezone.now()
    for i in range(n):
        mine = article(f"draft-{i}", source, last_changed_by=writer)
        StatusChange.objects.create(article=mine, old_status="", new_status="draft", user=writer)
        sent = article(f"review-{i}", source, status="review")
        StatusChange.objects.create(
            article=sent, old_status="draft", new_status="review", user=writer
        )
        article(f"later-{i}", source, status="scheduled", published_at=now + timedelta(days=1))
        live = article(
            f"live-{i}", source, status="published", published_at=now - timedelta(hours=i + 1)
        )
        PendingChange.objects.create(
            article=live, values={"headline": f"Changed live-{i}"}, state="review",
            based_on_version=live.version, submitted_by=writer, submitted_at=now,
        )  # fmt: skip
        for target in (mine, sent):
            Quote.objects.create(article=target, text="Said words.", block=0, position=0)


def test_an_editor_sees_every_module(client):
    writer = make_user("writer", "Writers")
    editor = login("editor", "Editors")
    newsroom(1, writer, editor)
    source = Source.objects.get()
    article("due", source, status="scheduled", published_at=timezone.now() - timedelta(hours=1))
    html = editor.get(HOME).content.decode()
    drafts = module(html, "drafts")
    assert "You have no drafts" in drafts  # the writer's drafts are not the editor's
    review = module(html, "review")
    assert "Headline review-0" in review and ">writer<" in review
    sent = StatusChange.objects.get(new_status="review").at
    assert timezone.localtime(sent).strftime("%H:%M") in review
    scheduled = module(html, "scheduled")
    assert "Headline later-0" in scheduled and "Headline due" not in scheduled  # due: live
    assert "Headline live-0" in module(html, "published")
    quotes = module(html, "quotes")
    draft = Article.objects.get(slug="draft-0")
    assert f'href="{change_url(draft)}#quotes-group"' in quotes
    assert "No import conflicts" in module(html, "conflicts")
    assert "Site administration" not in html and "Articles" in html  # the app list stays


def test_a_writer_sees_their_drafts_and_what_they_may_change_and_no_conflicts():
    writer = login("writer", "Writers")
    newsroom(1, writer.user, None)
    live = Article.objects.get(slug="live-0")
    Quote.objects.create(article=live, text="Said words.", block=0, position=0)
    html = writer.get(HOME).content.decode()
    assert "Headline draft-0" in module(html, "drafts")
    assert "Headline review-0" in module(html, "review")
    assert "Headline later-0" in module(html, "scheduled")  # what goes live next
    assert "Headline live-0" in module(html, "published")
    assert module(html, "conflicts") is None and "Keep ours" not in html
    quotes = module(html, "quotes")
    assert "Headline draft-0" in quotes and "Headline live-0" not in quotes  # not theirs


def test_changes_to_a_live_story_show_as_drafts_then_in_review():
    """A Writer's changes to a live story (a pending change) are theirs to finish, then wait
    for an Editor like any article in review."""
    writer = login("writer", "Writers")
    editor = login("editor", "Editors")
    source = Source.objects.create(name="Example", domain="example.com")
    live = article("live", source, status="published", published_at=timezone.now())
    data = form_data(live, headline="A better headline", _action="save")
    assert writer.post(change_url(live), data).status_code == 302
    drafts = module(writer.get(HOME).content.decode(), "drafts")
    assert "Headline live" in drafts and "(changes to the live story)" in drafts
    data = form_data(live, status="review", headline="A better headline")
    assert writer.post(change_url(live), data).status_code == 302
    assert "You have no drafts" in module(writer.get(HOME).content.decode(), "drafts")
    review = module(editor.get(HOME).content.decode(), "review")
    assert "Headline live" in review and "(changes to the live story)" in review
    assert ">writer<" in review
    assert Article.objects.get(pk=live.pk).status == "published"  # still live, unchanged


def test_the_home_costs_the_same_queries_with_1_and_50_articles():
    writer = make_user("writer", "Writers")
    editor = login("editor", "Editors")
    counts = []
    for n in (1, 50):
        Article.objects.all().delete()
        newsroom(n, writer, editor)
        Article.objects.filter(slug__startswith="draft-").update(last_changed_by=editor.user)
        for i in range(n):
            ImportIssue.objects.create(
                run=_run(), file_name=f"seeds/{i}.txt", outcome="conflict", message="kept",
                article=Article.objects.get(slug=f"live-{i}"), seed_text="x",
            )  # fmt: skip
        with CaptureQueriesContext(connection) as queries:
            html = editor.get(HOME).content.decode()
        assert html.count(">Take the wire’s</button>") == min(n, 10)
        assert module(html, "drafts").count("Headline draft-") == min(n, 10)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def _run():
    from articles.runs import ImportRun

    return ImportRun.objects.create(command="import_seeds", paths="seeds/")


def test_the_old_dashboard_leads_home(client):
    editor = login("editor", "Editors")
    response = editor.get(reverse("admin:articles_article_dashboard"))
    assert response.status_code == 302 and response["Location"] == HOME
    changelist = editor.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "Editorial dashboard" not in changelist


# --- import conflicts: keep ours, take the wire's ------------------------------------------


@pytest.fixture
def conflict(tmp_path):
    """The reference seed imported, its headline changed by an editor, then a changed seed
    imported: a conflict, the editor's version kept."""
    seed = tmp_path / "seed.txt"
    shutil.copy(REFERENCE_SEED, seed)
    run_import_seeds(str(seed))
    story = Article.objects.get()
    editor = login("editor", "Editors")
    editor.post(change_url(story), form_data(story, headline="The editor's headline"))
    seed.write_bytes(seed.read_bytes().replace(b"Medical supplies", b"Medicine"))
    code, _, _ = run_import_seeds(str(seed))
    assert code == 3
    issue = ImportIssue.objects.get()
    return editor, issue, seed


def test_a_conflict_keeps_the_seed_as_the_file_had_it(conflict):
    _, issue, seed = conflict
    assert issue.seed_text.encode("utf-8") == seed.read_bytes()


def test_an_editor_keeps_ours(conflict):
    editor, issue, _ = conflict
    story = Article.objects.get()
    html = module(editor.get(HOME).content.decode(), "conflicts")
    keep = reverse("admin:articles_importissue_keep_ours", args=[issue.pk])
    assert f'action="{keep}"' in html and "csrfmiddlewaretoken" in html
    assert editor.get(keep).status_code == 405  # a button, not a link
    response = editor.post(keep, follow=True)
    assert response.redirect_chain == [(HOME, 302)]
    assert "Kept the newsroom" in response.content.decode()
    issue.refresh_from_db()
    assert issue.resolved and issue.resolved_by == editor.user
    after = Article.objects.get()
    assert (after.headline, after.body, after.version) == (
        story.headline,
        story.body,
        story.version,
    )
    assert "No import conflicts" in module(response.content.decode(), "conflicts")


def test_an_editor_takes_the_wires(conflict):
    editor, issue, seed = conflict
    take = reverse("admin:articles_importissue_take_wire", args=[issue.pk])
    assert f'action="{take}"' in editor.get(HOME).content.decode()
    response = editor.post(take, follow=True)
    assert "now has the wire" in response.content.decode()
    story = Article.objects.get()
    assert story.headline.startswith("John Kerry defends") and "Medicine" in story.body
    assert story.last_changed_by == editor.user and not story.edited_since_import
    issue.refresh_from_db()
    assert issue.resolved and issue.resolved_by == editor.user
    newest, previous = Version.objects.get_for_object(story)[:2]
    assert newest.revision.user == editor.user
    assert previous.field_dict["headline"] == "The editor's headline"  # one revision back
    code, out, _ = run_import_seeds(str(seed))
    assert code == 0 and "1 unchanged" in out


def test_a_writer_pressing_take_the_wires_is_refused_and_nothing_changes(conflict):
    _, issue, _ = conflict
    Article.objects.update(status="draft")  # one a Writer may edit: still not theirs to settle
    before = Article.objects.values().get()
    writer = login("writer", "Writers")
    for name in ("take_wire", "keep_ours"):
        url = reverse(f"admin:articles_importissue_{name}", args=[issue.pk])
        assert writer.post(url).status_code == 403
    assert Article.objects.values().get() == before
    issue.refresh_from_db()
    assert not issue.resolved


def test_taking_the_wires_for_a_live_story_needs_the_publish_permission(conflict):
    """Someone who may settle issues but not publish: keeps ours, but may not change a live
    article by taking the wire's (articles.workflow); a draft they may."""
    _, issue, _ = conflict
    clerk = login("clerk", "Writers")
    clerk.user.user_permissions.add(Permission.objects.get(codename="change_importissue"))
    take = reverse("admin:articles_importissue_take_wire", args=[issue.pk])
    assert "Take the wire" not in clerk.get(HOME).content.decode()
    before = Article.objects.values().get()
    assert clerk.post(take).status_code == 403
    assert Article.objects.values().get() == before
    Article.objects.update(status="draft")
    assert clerk.post(take).status_code == 302
    assert "Medicine" in Article.objects.get().body


def test_an_issue_without_its_seed_cannot_take_the_wires(conflict):
    editor, issue, _ = conflict
    ImportIssue.objects.update(seed_text="")
    before = Article.objects.values().get()
    take = reverse("admin:articles_importissue_take_wire", args=[issue.pk])
    assert "Take the wire" not in editor.get(HOME).content.decode()
    response = editor.post(take, follow=True)
    assert "kept no seed" in response.content.decode()
    assert Article.objects.values().get() == before
    issue.refresh_from_db()
    assert not issue.resolved


def test_a_conflict_imported_again_since_cannot_take_its_stale_seed(conflict):
    editor, issue, seed = conflict
    seed.write_bytes(seed.read_bytes().replace(b"Medicine", b"Medicines"))
    run_import_seeds("--overwrite", str(seed))  # a newer seed, taken by the command
    before = Article.objects.values().get()
    assert "Medicines" in before["body"]
    take = reverse("admin:articles_importissue_take_wire", args=[issue.pk])
    response = editor.post(take, follow=True)
    assert "imported again after this conflict" in response.content.decode()
    assert Article.objects.values().get() == before
    issue.refresh_from_db()
    assert not issue.resolved


def test_the_summary_keeps_no_seed_but_the_issue_does(conflict):
    from articles.import_outcomes import FileResult, ImportSummary, Outcome

    summary = ImportSummary()
    summary.add(FileResult("a.txt", Outcome.CONFLICT, "kept", 1, seed="x" * 100))
    assert summary.problems[0].seed == "" and summary.problems[0].message == "kept"
    assert ImportIssue.objects.get().seed_text


def test_a_settled_or_unknown_issue_is_not_found(conflict):
    editor, issue, _ = conflict
    keep = reverse("admin:articles_importissue_keep_ours", args=[issue.pk])
    assert editor.post(keep).status_code == 302
    assert editor.post(keep).status_code == 404
    missing = reverse("admin:articles_importissue_take_wire", args=[999999])
    assert editor.post(missing).status_code == 404
