"""Issue 16 in a real browser: the front page and the index pages at a phone's width (390 px)
and a desktop's (1366 px): no axe-core violations, nothing wider than the screen, the front
page's grid using a wide screen and its compact cards fitting more than three stories on a
phone's screen; screenshots of the home page at both widths in ``test-artifacts/``."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.management import call_command

from articles.models import Article
from tests.browser_support import ARTIFACTS, BROWSER_MARKS, KERRY, axe_violations
from tests.conftest import EXAMPLES

pytestmark = BROWSER_MARKS

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1366, "height": 768}
WIDTHS = {"390": PHONE, "1366": WIDE}
NEW_PAGES = [
    "/",
    "/latest/",
    "/sections/",
    "/tags/",
    "/speakers/",
    "/speakers/john-kerry/",
    "/tags/john-kerry/",
    "/quotes/",
    "/quotes/?speaker=nobody",
]


@pytest.fixture
def newsroom(kerry: Article) -> Article:
    """The reference story and the example seeds: a front page with rails and speakers."""
    call_command("import_seeds", str(EXAMPLES), verbosity=0)
    return kerry


def page_width(page: Any) -> tuple[int, int]:
    return page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("url", NEW_PAGES)
def test_new_pages_have_no_axe_violations_and_fit_the_screen(
    page: Any, newsroom: Article, url: str, width: str
) -> None:
    page.set_viewport_size(WIDTHS[width])
    response = page.goto(url)
    assert response.status == (404 if "nobody" in url else 200)
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=2)
    scroll_width, client_width = page_width(page)
    assert scroll_width <= client_width, f"{url} at {width} px scrolls sideways"


def test_home_page_uses_a_wide_screen_and_a_phone_shows_many_stories(
    page: Any, newsroom: Article
) -> None:
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size(WIDE)
    page.goto("/")
    expect(page.locator(".lead h2")).to_be_visible()
    lead = page.locator(".lead").bounding_box()
    talking = page.locator(".talking").bounding_box()
    main = page.locator("main").bounding_box()
    assert main["width"] > 1200  # the page uses the screen, not a narrow column
    assert talking["x"] > lead["x"] + lead["width"]  # who is talking beside the stories
    assert abs(talking["y"] - lead["y"]) < 100
    rails = page.locator(".rail")
    assert rails.count() >= 3
    first, third = rails.nth(0).bounding_box(), rails.nth(2).bounding_box()
    assert abs(first["y"] - third["y"]) < 5  # rails side by side
    page.screenshot(path=str(ARTIFACTS / "home-1366.png"), full_page=True)

    page.set_viewport_size(PHONE)
    page.goto("/")
    headlines = page.locator(".lead h2 a, .card.secondary h2 a")
    lead_top = page.locator(".lead").bounding_box()["y"]
    on_one_screen = [
        box
        for box in (headlines.nth(i).bounding_box() for i in range(headlines.count()))
        if box["y"] + box["height"] <= lead_top + PHONE["height"]
    ]
    assert len(on_one_screen) > 3, len(on_one_screen)
    page.screenshot(path=str(ARTIFACTS / "home-390.png"), full_page=True)


def test_reader_browses_from_the_front_page(page: Any, newsroom: Article) -> None:
    from playwright.sync_api import expect

    page.set_viewport_size(PHONE)
    page.goto("/")
    page.locator(".section-nav").get_by_role("link", name="World").click()
    expect(page.locator("h1")).to_have_text("World")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Speakers").click()
    expect(page.locator("h1")).to_have_text("Speakers, most quoted first")
    page.get_by_role("link", name="John Kerry", exact=True).click()
    expect(page.locator(".speaker-counts")).to_contain_text("article")
    page.get_by_role("link", name="Articles tagged John Kerry").click()
    expect(page.locator("main")).to_contain_text(KERRY)
    page.get_by_role("link", name="Quotes from articles tagged John Kerry").click()
    page.get_by_label("Speaker").fill("Dmitry Peskov")
    page.get_by_role("button", name="Show quotes").click()
    expect(page.locator(".quote-list")).to_contain_text("absolutely no prospect")
    page.get_by_label("Speaker").fill("Nobody at all")
    page.get_by_role("button", name="Show quotes").click()
    expect(page.get_by_role("alert")).to_contain_text("No speaker called “Nobody at all”")
