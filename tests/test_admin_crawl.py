"""Every link on the admin pages editors use is followed (issue 15: "every button and link ...
no 500, no 404"): starting at the admin's index, as a Writer and as an Editor, every link that
stays on the site is requested, breadth first, and none may answer 404 or 500. Pages are found
by following the pages themselves, not from a list, so a new link is covered when it appears.
The forms' buttons are pressed by the permission matrix (tests/test_permission_matrix.py)."""

from __future__ import annotations

import re
from collections import Counter, deque
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from articles import pending
from articles.models import Article, Correction
from articles.roles import ensure_roles
from articles.runs import ImportIssue, ImportRun
from tests.conftest import REFERENCE_SEED

pytestmark = pytest.mark.django_db

# Links that end the session or leave the admin's pages for files.
NOT_FOLLOWED = ("/admin/logout/", "/static/", "/media/")
# A list page has a link per filter, sort and page, and per object: a few of each kind (the
# path with its ids as N, and its query's parameter names) are enough to press every kind.
PER_KIND = 1
# Pages whose links are followed; links from them to elsewhere on the site are requested too.
FOLLOWED = ("/admin/", "/preview/")
MAX_PAGES = 1500


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href and not href.startswith(("#", "mailto:", "javascript:")):
            self.hrefs.append(href)


def links_of(html: str, base: str) -> list[str]:
    reader = _Links()
    reader.feed(html)
    return [urljoin(base, href) for href in reader.hrefs]


def kind_of(path: str, query: str) -> str:
    """A link's kind: its path with ids as N, and the names of its query's parameters."""
    names = sorted({part.split("=", 1)[0] for part in query.split("&") if part})
    return re.sub(r"\d+", "N", path) + "?" + "&".join(names)


def crawl(client: Client, start: str = "/admin/") -> dict[str, int]:
    """Follow every same-site link from ``start``: URL -> status code."""
    seen: dict[str, int] = {}
    per_kind: Counter[str] = Counter()
    queue = deque([start])
    while queue:
        assert len(seen) < MAX_PAGES, "the crawl does not end: too many kinds of link"
        url = queue.popleft()
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver") or url in seen:
            continue
        if parts.path.startswith(NOT_FOLLOWED):
            continue
        kind = kind_of(parts.path, parts.query)
        if per_kind[kind] >= PER_KIND:
            continue
        per_kind[kind] += 1
        local = parts.path + (f"?{parts.query}" if parts.query else "")
        response = client.get(local)
        seen[url] = response.status_code
        html = "html" in response.get("Content-Type", "")
        if response.status_code == 200 and html and parts.path.startswith(FOLLOWED):
            queue.extend(links_of(response.content.decode(), local))
    return seen


def user(name: str, group: str) -> Client:
    ensure_roles()
    account = get_user_model().objects.create_user(name, password="x" * 20, is_staff=True)
    account.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(account)
    return client


@pytest.fixture
def newsroom() -> None:
    """A live story with a pending change, a draft, a scheduled story, a correction, and an
    import conflict: each of the admin's pages has something to link to."""
    call_command("import_seeds", str(REFERENCE_SEED), verbosity=0)
    live = Article.objects.get()
    Correction.objects.create(article=live, note="An earlier version misspelt a name.")
    pending.store(live, {"headline": "A change waiting"}, None, submit=True)
    for status, when in [("draft", None), ("scheduled", timezone.now() + timedelta(days=1))]:
        Article.objects.create(
            headline=f"A {status} story",
            slug=f"a-{status}-story",
            standfirst="Standfirst.",
            body="A paragraph.",
            source=live.source,
            original_url=f"https://example.com/{status}",
            status=status,
            published_at=when,
        )
    run = ImportRun.objects.create(command="import_seeds seeds/", paths="seeds/", conflict=1)
    ImportIssue.objects.create(
        run=run, file_name="seeds/a.txt", outcome="conflict", message="kept", article=live
    )


@pytest.mark.parametrize("role, group", [("editor", "Editors"), ("writer", "Writers")])
def test_every_admin_link_an_editor_can_follow_answers(newsroom, role, group):
    client = user(role, group)
    statuses = crawl(client)
    broken = {url: status for url, status in statuses.items() if status in (404, 500)}
    assert not broken, broken
    assert len(statuses) > 40  # it did walk the admin
    # Pages the issue names were among them.
    visited = " ".join(statuses)
    for page in ("/admin/articles/article/", "/change/", "/history/", "/preview/"):
        assert page in visited, page
