"""The editor's desk in a real browser (issue 15): a Writer changes a live story while readers
keep the live one, an Editor compares and publishes it; an Editor schedules a story and sees it
go live; the article list and form have no serious accessibility violations and no sideways
scrolling at 1366 px or on a phone. Chromium and axe as in ``tests/browser_support.py``."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.models import Article
from articles.roles import ensure_roles
from tests.browser_support import BROWSER_MARKS, KERRY, PHONE, axe_violations, screenshot

pytestmark = BROWSER_MARKS
PASSWORD = "browser-desk-pass-1"
LAPTOP = {"width": 1366, "height": 768}
# How far the page, and the article list's table, reach past what is shown; and the first
# elements that do, to say which.
WIDER_THAN_THE_SCREEN = """() => {
    const root = document.documentElement, results = document.querySelector(".results");
    return {
        page: root.scrollWidth - root.clientWidth,
        results: results ? results.scrollWidth - results.clientWidth : 0,
        wide: [...document.querySelectorAll("body *")]
            .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1)
            .slice(0, 8).map(e => `${e.tagName}#${e.id}.${e.className}`),
    };
}"""


def make_user(name: str, group: str) -> None:
    ensure_roles()
    user = get_user_model().objects.create_user(name, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))


def log_in(page: Any, name: str) -> None:
    from playwright.sync_api import expect

    page.context.clear_cookies()
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#site-name")).to_be_visible()


def reader_headline(page: Any, article: Article) -> str:
    reader = page.context.browser.new_context(base_url=page.url.split("/admin")[0])
    try:
        reader_page = reader.new_page()
        assert reader_page.goto(article.get_absolute_url()).status == 200
        return reader_page.locator("h1").inner_text()
    finally:
        reader.close()


def test_a_writer_changes_a_live_story_and_an_editor_publishes_it(page: Any, kerry: Article):
    from playwright.sync_api import expect

    make_user("writer", "Writers")
    make_user("editor", "Editors")
    change = f"/admin/articles/article/{kerry.pk}/change/"

    log_in(page, "writer")
    page.goto(change)
    page.locator("#id_headline").fill("Kerry: talks are the only way")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messagelist")).to_contain_text("Readers still see the live version")
    assert reader_headline(page, kerry) == KERRY  # still live, unchanged
    expect(page.locator("#id_headline")).to_have_value("Kerry: talks are the only way")
    page.get_by_role("button", name="Submit changes for review").click()
    expect(page.locator(".messagelist")).to_contain_text("submitted for review")
    expect(page.locator("#result_list")).to_contain_text("Live + changes in review")
    assert reader_headline(page, kerry) == KERRY

    log_in(page, "editor")
    page.goto(change)
    expect(page.locator(".pending-change")).to_contain_text("submitted by writer")
    page.get_by_role("link", name="Compare with the live version").click()
    expect(page.locator("#content")).to_contain_text("talks are the only way")
    page.goto(change)
    page.get_by_role("button", name="Publish changes").click()
    expect(page.locator(".messagelist")).to_contain_text("Published")
    assert reader_headline(page, kerry) == "Kerry: talks are the only way"


def test_an_editor_schedules_a_story_and_it_goes_live(page: Any, kerry: Article):
    from playwright.sync_api import expect

    Article.objects.filter(pk=kerry.pk).update(status=Article.Status.DRAFT, published_at=None)
    make_user("editor", "Editors")
    log_in(page, "editor")
    page.goto(f"/admin/articles/article/{kerry.pk}/change/")
    soon = timezone.localtime() + timedelta(seconds=4)
    page.locator("#id_published_at_0").fill(soon.strftime("%Y-%m-%d"))
    page.locator("#id_published_at_1").fill(soon.strftime("%H:%M:%S"))
    page.get_by_role("button", name="Schedule").click()
    expect(page.locator(".messagelist")).to_contain_text("goes live on")
    expect(page.locator("#result_list")).to_contain_text("Scheduled for")
    page.wait_for_timeout(max(0, (soon - timezone.localtime()).total_seconds() * 1000) + 500)
    page.reload()
    expect(page.locator("#result_list")).not_to_contain_text("Scheduled for")
    expect(page.locator("#result_list td.field-state")).to_have_text("Live")
    assert reader_headline(page, kerry) == KERRY


@pytest.mark.parametrize("where", ["list", "form"])
def test_the_article_list_and_form_are_accessible_and_fit_the_screen(
    page: Any, kerry: Article, where: str
):
    make_user("editor", "Editors")
    log_in(page, "editor")
    url = "/admin/articles/article/"
    if where == "form":
        url += f"{kerry.pk}/change/"
    for size in (LAPTOP, PHONE):
        page.set_viewport_size(size)
        assert page.goto(url).status == 200
        violations = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
        assert violations == [], json.dumps(violations, indent=2)
        # The page scrolls down, never sideways; at 1366 px the list's columns fit too.
        overflow = page.evaluate(WIDER_THAN_THE_SCREEN)
        assert overflow["page"] <= 0, (size, overflow)
        if where == "list" and size == LAPTOP:
            assert overflow["results"] <= 0, (size, overflow)
    screenshot(page, f"admin-article-{where}")
