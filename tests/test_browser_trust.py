"""Issue 16's "readers trust" pages in Chromium with axe-core, at a phone's and a desktop's
width: the search page with its section and order controls, a page editors write (About), and
an article with a correction and its quotes; and a reader using the search form."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from articles.models import Article, Correction
from articles.reader_pages import ensure_pages
from tests.browser_support import (
    BROWSER_MARKS,
    DESKTOP,
    KERRY,
    PHONE,
    axe_violations,
    screenshot,
)

pytestmark = BROWSER_MARKS
WIDTHS = {"phone": PHONE, "desktop": {**DESKTOP, "width": 1366}}


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=Aleppo",
        "/search/?q=Aleppo&sort=date&section=world",
        "/search/?q=Aleppo&sort=nonsense",
        "/about/",
        "/corrections-policy/",
        "article",
        "gone",
    ],
)
def test_no_axe_violations(page: Any, kerry: Article, url: str, width: str) -> None:
    ensure_pages()
    Correction.objects.create(article=kerry, note="An earlier version misspelt a name.")
    if url == "gone":
        kerry.transition(Article.Status.WITHDRAWN, None, "A court order.")
        kerry.save()
    page.set_viewport_size(WIDTHS[width])
    response = page.goto(kerry.get_absolute_url() if url in ("article", "gone") else url)
    assert response.status == (410 if url == "gone" else 200)
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=2)
    # Nothing wider than the screen (the search form's controls wrap on a phone).
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow


def test_reader_searches_by_section_and_date_and_follows_the_corrected_link(
    page: Any, kerry: Article
) -> None:
    from playwright.sync_api import expect

    ensure_pages()  # a transactional test before may have flushed the migration's pages
    correction = Correction.objects.create(article=kerry, note="A name was misspelt.")
    page.goto("/search/?q=Aleppo")
    assert page.get_by_role("search").count() == 1
    page.get_by_label("Section").select_option(label="World")
    page.get_by_label("Newest first").check()
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=Aleppo&section=world&sort=date$"))
    expect(page.get_by_label("Newest first")).to_be_checked()
    screenshot(page, "search")
    page.locator(".results").get_by_role("link", name=KERRY).click()
    screenshot(page, "article-corrected")
    page.get_by_role("link", name="Corrected").click()
    expect(page).to_have_url(re.compile(f"#correction-{correction.pk}$"))
    expect(page.locator(f"#correction-{correction.pk}")).to_be_in_viewport()
    page.get_by_role("link", name="Corrections policy").first.click()
    expect(page.locator("h1")).to_have_text("Corrections policy")
