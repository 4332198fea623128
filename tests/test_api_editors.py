"""The editors' API (issue 17): token clients write through the admin's own form and workflow,
so a Writer can do through the API exactly what it can in the admin; and the API's permission
matrix, every endpoint x method x role, generated from the router."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from articles import requote
from articles.api.urls import router
from articles.models import Article, Correction, Source, Speaker
from articles.pending import PendingChange
from articles.roles import ensure_roles

pytestmark = pytest.mark.django_db

BODY = 'The council met on Monday.\n\n"We will not back down," said Jane Smith, the council leader.'
ROLES = ["anonymous", "staff", "writer", "editor", "superuser"]


def token_client(role: str) -> Client:
    if role == "anonymous":
        return Client()
    ensure_roles()
    make = get_user_model().objects
    if role == "superuser":
        user = make.create_superuser(role, password="x" * 20)
    else:
        user = make.create_user(role, password="x" * 20, is_staff=True)
        if role in ("writer", "editor"):
            user.groups.add(Group.objects.get(name={"writer": "Writers"}.get(role, "Editors")))
    token = Token.objects.create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}")


def make_article(slug: str, status: str = "published") -> Article:
    source, _ = Source.objects.get_or_create(domain="example.com", defaults={"name": "Example"})
    article = Article.objects.create(
        headline=f"Story {slug}",
        slug=slug,
        standfirst="About it.",
        body=BODY,
        source=source,
        original_url=f"https://example.com/{slug}",
        status=status,
        published_at=timezone.now() - timedelta(hours=1),
    )
    requote.requote(article)
    return article


def post(client: Client, url: str, data: dict, method: str = "post"):
    return getattr(client, method)(url, data, content_type="application/json")


def detail(article: Article) -> str:
    return reverse("api:article-detail", args=[article.slug])


def test_a_writer_creates_a_draft_and_submits_it_but_cannot_publish():
    writer = token_client("writer")
    new = {
        "headline": "Bridge vote delayed",
        "standfirst": "The vote moves to May.",
        "body": BODY,
        "source": "example.com",
        "original_url": "https://example.com/bridge-vote-delayed",
        "slug": "bridge-vote-delayed",
        "tags": ["Council", "Bridge"],
    }
    Source.objects.create(domain="example.com", name="Example")
    response = post(writer, reverse("api:article-list"), new)
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["pending"]) == ("draft", None)
    article = Article.objects.get(slug="bridge-vote-delayed")
    assert sorted(article.tags.names()) >= ["Bridge", "Council"]
    assert article.quotes.exists()  # quotes follow the text, as in the admin
    url = reverse("api:article-workflow", args=[article.slug])
    assert post(writer, url, {"action": "publish"}).status_code == 403
    assert post(writer, url, {"action": "submit"}).status_code == 200
    article.refresh_from_db()
    assert article.status == "review"
    assert not Article.objects.published().exists()


def test_a_writers_change_to_a_live_story_waits_and_an_editor_publishes_it(client):
    live = make_article("live-story")
    writer, editor = token_client("writer"), token_client("editor")
    response = post(writer, detail(live), {"headline": "A better headline"}, "patch")
    assert response.status_code == 200, response.content
    assert response.json()["pending"]["state"] == "draft"
    live.refresh_from_db()
    assert live.headline == "Story live-story"
    assert client.get(detail(live)).json()["headline"] == "Story live-story"
    url = reverse("api:article-workflow", args=[live.slug])
    assert post(writer, url, {"action": "submit"}).status_code == 200
    assert PendingChange.objects.get().state == "review"
    assert post(editor, url, {"action": "publish"}).status_code == 200
    live.refresh_from_db()
    assert live.headline == "A better headline" and live.is_public
    assert not PendingChange.objects.exists()


def test_form_errors_are_400s_naming_the_field():
    live = make_article("live-story")
    editor = token_client("editor")
    response = post(editor, detail(live), {"headline": ""}, "patch")
    assert response.status_code == 400
    assert "headline" in response.json()
    response = post(editor, detail(live), {"version": live.version - 1, "headline": "x"}, "patch")
    assert response.status_code == 400
    assert "after you opened it" in str(response.json())


def test_corrections_and_speaker_fixes_follow_the_workflow():
    live = make_article("live-story")
    quote = live.quotes.first()
    Speaker.objects.create(name="Someone Else", slug="someone-else")
    writer, editor = token_client("writer"), token_client("editor")
    url = reverse("api:article-corrections", args=[live.slug])
    assert post(writer, url, {"note": "Sneaky"}).status_code == 403
    assert post(editor, url, {"note": "An earlier version misspelt a name."}).status_code == 201
    assert Correction.objects.get().created_by.username == "editor"
    live.refresh_from_db()
    assert live.content_updated_at is not None
    quote_url = reverse("api:quote-detail", args=[quote.pk])
    assert post(writer, quote_url, {"speaker": "someone-else"}, "patch").status_code == 403
    response = post(editor, quote_url, {"speaker": "someone-else"}, "patch")
    assert response.status_code == 200
    quote.refresh_from_db()
    assert quote.speaker.slug == "someone-else" and quote.speaker_fixed


def test_staff_tokens_see_drafts_and_anonymous_clients_do_not():
    draft = make_article("a-draft", status="draft")
    assert Client().get(detail(draft)).status_code == 404
    assert token_client("writer").get(detail(draft)).json()["status"] == "draft"
    assert token_client("staff").get(detail(draft)).status_code == 404  # no view permission


# --- the API's permission matrix -----------------------------------------------------------

METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE"]
# (endpoint, method) -> outcome per role in ROLES order. Codes: 2 = 2xx, 4 = 400 (a valid
# request with this body is what the test sends: see BODIES), 1 = 401, 3 = 403, 5 = 405,
# N = 404.
EXPECTED: dict[tuple[str, str], str] = {
    **{
        (f"{name}-list", "GET"): "22222"
        for name in ("article", "quote", "speaker", "tag", "source", "section")
    },
    **{
        (f"{name}-detail", "GET"): "22222"
        for name in ("article", "quote", "speaker", "tag", "source")
    },
    ("article-list", "POST"): "13222",  # staff without add_article: 403
    ("article-detail", "PATCH"): "13222",  # the writer's change waits (pending)
    ("article-workflow", "GET"): "55555",  # buttons are pressed, not read
    ("article-corrections", "GET"): "55555",  # the article's detail lists them
    ("article-workflow", "POST"): "13322",  # publish: Editors
    ("article-corrections", "POST"): "13322",  # a live article's: Editors
    ("quote-detail", "PATCH"): "13322",  # a live article's quote: Editors
    ("seed-list", "GET"): "55555",  # seeds are pushed, not read
    ("seed-list", "POST"): "13344",  # importing publishes: Editors; an empty body fails (400)
}
BODIES = {
    "article-list": {
        "headline": "New",
        "slug": "new-story",
        "standfirst": "New.",
        "body": "A paragraph.",
        "source": "example.com",
        "original_url": "https://example.com/new-story",
    },
    "article-detail": {"headline": "Changed"},
    "article-workflow": {"action": "publish"},
    "article-corrections": {"note": "A correction."},
    "quote-detail": {"speaker": None},
}


def routes() -> list[tuple[str, bool]]:
    """(URL name, detail) for every route of the router: lists, details and extra actions."""
    found = []
    for _prefix, viewset, basename in router.registry:
        found.append((f"{basename}-list", False))
        if hasattr(viewset, "retrieve"):
            found.append((f"{basename}-detail", True))
        for extra in viewset.get_extra_actions():
            found.append((f"{basename}-{extra.url_path}", extra.detail))
    return found


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("name, is_detail", routes())
def test_api_matrix(name, is_detail, method, role):
    live = make_article("live-story")
    live.tags.add("Council")
    objects = {
        "article": live.slug,
        "quote": live.quotes.first().pk,
        "speaker": live.quotes.filter(speaker__isnull=False).first().speaker.slug,
        "tag": live.tags.get(name="Council").slug,
        "source": "example.com",
    }
    basename = name.split("-", 1)[0]
    args = [objects[basename]] if is_detail else []
    url = reverse(f"api:{name}", args=args)
    expected = EXPECTED.get((name, method), "55555" if method != "GET" else None)
    assert expected is not None, f"no row for {name} {method}"
    outcome = expected[ROLES.index(role)]
    before = Article.objects.published().values_list("headline", flat=True).first()
    client = token_client(role)
    response = client.generic(
        method,
        url,
        data=json.dumps(BODIES.get(name, {})),
        content_type="application/json",
    )
    got = response.status_code
    wanted = {"2": range(200, 300), "1": [401], "3": [403], "4": [400], "5": [405], "N": [404]}
    # An anonymous write is refused before the method is looked at.
    if role == "anonymous" and method != "GET" and outcome == "5":
        wanted["5"] = [401, 405]
    if role == "staff" and method != "GET" and outcome == "5":
        wanted["5"] = [403, 405]
    assert got in wanted[outcome], (url, method, role, got, response.content[:300])
    if role in ("anonymous", "staff", "writer"):
        assert Article.objects.published().values_list("headline", flat=True).first() == before
