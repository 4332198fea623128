"""The reader's site and the admin in a real browser: Debian's Chromium driven by Playwright,
against pytest-django's live server, with axe-core (from npm) checking accessibility
(``tests/browser_support.py``)."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest
from django.core.management import call_command

from articles.models import Article
from tests.browser_support import BROWSER_MARKS, KERRY, axe_violations, screenshot

pytestmark = BROWSER_MARKS


def test_reader_finds_the_kerry_story_by_browsing_and_by_search(page: Any, kerry: Article) -> None:
    from playwright.sync_api import expect

    page.goto("/")
    expect(page.locator("h1")).to_have_text("Latest news")
    screenshot(page, "home")
    page.get_by_role("link", name=KERRY).click()

    expect(page).to_have_url(re.compile(re.escape(kerry.get_absolute_url()) + "$"))
    expect(page.locator("h1")).to_have_text(KERRY)
    screenshot(page, "article")
    page.locator("section[aria-labelledby=tags-heading]").get_by_role(
        "link", name="Aleppo", exact=True
    ).click()

    expect(page.locator("h1")).to_have_text("Tagged “Aleppo”")
    page.get_by_role("searchbox", name="Search").fill("Peskov")
    page.get_by_role("searchbox", name="Search").press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q=Peskov$"))
    expect(page.locator(".results mark").first).to_have_text(re.compile("Peskov", re.I))
    page.locator(".results").get_by_role("link", name=KERRY).click()
    expect(page).to_have_url(re.compile(re.escape(kerry.get_absolute_url()) + "$"))


def test_editor_changes_a_headline_and_unpublishes(page: Any, kerry: Article) -> None:
    from playwright.sync_api import expect

    call_command("demo_editor", password="browser-test-pass-1", stdout=io.StringIO())
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("browser-test-pass-1")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#site-name")).to_be_visible()

    page.goto(f"/admin/articles/article/{kerry.pk}/change/")
    page.locator("#id_headline").fill("Kerry says talks are the only way")
    page.get_by_role("button", name="Publish changes").click()
    expect(page.locator(".messagelist")).to_contain_text("Published: readers see it now")
    page.goto("/")
    expect(page.get_by_role("link", name="Kerry says talks are the only way")).to_be_visible()

    page.goto("/admin/articles/article/")
    page.locator(f"input[name=_selected_action][value='{kerry.pk}']").check()
    page.locator("select[name=action]").select_option("unpublish")
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist")).to_contain_text(re.compile(r"1 article|Unpublished 1"))

    page.goto("/")
    expect(page.locator("main")).not_to_contain_text("Kerry says talks")
    assert page.goto(kerry.get_absolute_url()).status == 404


@pytest.mark.parametrize(
    "url",
    ["/", "article", "/tags/aleppo/", "/search/?q=Peskov", "/search/?q=", "/no-such-page/"],
)
def test_no_axe_violations(page: Any, kerry: Article, url: str) -> None:
    response = page.goto(kerry.get_absolute_url() if url == "article" else url)
    assert response.status in (200, 404)
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=2)


def test_keyboard_users_can_skip_to_content_and_see_focus(page: Any, kerry: Article) -> None:
    from playwright.sync_api import expect

    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline not in ("", "none")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_editor_fixes_a_speaker_then_edits_the_body_and_the_quotes_follow(
    page: Any, kerry: Article
) -> None:
    """Issue 15: the speaker an editor fixed survives a body edit; the quote list follows the
    new text (a deleted paragraph's quote goes, later quotes link to their new paragraph)."""
    from playwright.sync_api import expect

    from articles.models import Speaker

    who = Speaker.objects.create(name="World Health Organization", slug="who", kind="organisation")
    quote = kerry.quotes.get(text__startswith="We don't know how long")
    peskov = kerry.quotes.get(text="absolutely no prospect")
    call_command("demo_editor", password="browser-test-pass-1", stdout=io.StringIO())
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("browser-test-pass-1")
    page.get_by_role("button", name="Log in").click()

    page.goto(f"/admin/articles/article/{kerry.pk}/change/")
    row = page.locator(f"#quotes-{quote.position}")
    expect(row.locator("mark")).to_have_text(quote.text)  # the quote in its sentence
    assert row.locator(f"[name=quotes-{quote.position}-block]").count() == 0  # no offsets
    row.locator(".select2-selection").click()
    page.locator(".select2-search__field").fill("World Health")
    page.locator(".select2-results__option", has_text="World Health Organization").click()
    page.get_by_role("button", name="Publish changes").click()
    expect(page.locator(".messagelist")).to_contain_text("Published: readers see it now")

    blocks = [b.text for b in kerry.blocks]
    deleted = blocks.pop(peskov.block)
    new_body = "\n\n".join(["An editor's new opening paragraph.", *blocks])
    page.goto(f"/admin/articles/article/{kerry.pk}/change/")
    page.locator("#id_body").fill(new_body)
    page.get_by_role("button", name="Publish changes").click()
    expect(page.locator(".messagelist")).to_contain_text(
        "0 quotes added, 1 removed, 1 speaker kept as an editor set"
    )

    quote.refresh_from_db()
    assert (quote.speaker, quote.speaker_fixed, quote.block) == (who, True, 16)
    assert not kerry.quotes.filter(pk=peskov.pk).exists()
    page.goto(kerry.get_absolute_url())
    link = page.get_by_role("link", name="in paragraph 17")
    link.click()
    expect(page.locator("#p16")).to_contain_text("We don't know how long")
    expect(page.locator("main")).not_to_contain_text(deleted)
