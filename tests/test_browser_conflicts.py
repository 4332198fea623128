"""The editor's desk in Chromium (issue 15): the home page's import-conflict buttons, and comparing
revisions from the history page; no serious or critical axe-core violations on either, in
light and dark mode, and no sideways scrolling on a phone."""

from __future__ import annotations

import io
import json
import shutil
from typing import Any

from django.core.management import call_command

from articles.models import Article
from articles.runs import ImportIssue
from tests.browser_support import BROWSER_MARKS, DESKTOP, PHONE, axe_violations, screenshot
from tests.conftest import REFERENCE_SEED, run_import_seeds

pytestmark = BROWSER_MARKS


def _desk_log_in(page: Any) -> None:
    call_command("demo_editor", password="browser-test-pass-1", stdout=io.StringIO())
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("browser-test-pass-1")
    page.get_by_role("button", name="Log in").click()


def _serious(page: Any) -> list[dict[str, Any]]:
    return [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]


def test_editor_takes_the_wires_then_compares_from_the_history(page: Any, tmp_path) -> None:
    from playwright.sync_api import expect

    seed = tmp_path / "seed.txt"
    shutil.copy(REFERENCE_SEED, seed)
    run_import_seeds(str(seed))
    _desk_log_in(page)
    story = Article.objects.get()
    page.goto(f"/admin/articles/article/{story.pk}/change/")
    page.locator("#id_headline").fill("The editor's headline")
    page.get_by_role("button", name="Publish changes").click()
    expect(page.locator(".messagelist")).to_contain_text("readers see it now")
    seed.write_bytes(seed.read_bytes().replace(b"Medical supplies", b"Medicine"))
    assert run_import_seeds(str(seed))[0] == 3

    page.goto("/admin/")
    conflicts = page.locator("#desk-conflicts")
    expect(conflicts).to_contain_text("The editor's headline")
    assert _serious(page) == [], json.dumps(_serious(page), indent=2)
    screenshot(page, "admin-home")
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size(DESKTOP)
    conflicts.get_by_role("button", name="Take the wire's: The editor's headline").click()
    expect(page.locator(".messagelist")).to_contain_text("now has the wire")
    expect(page.locator("#desk-conflicts")).to_contain_text("No import conflicts")
    assert ImportIssue.objects.get().resolved

    page.goto(f"/admin/articles/article/{story.pk}/history/")
    assert _serious(page) == []
    page.get_by_role("link", name="compare with previous").last.click()
    main = page.locator("#content-main")
    expect(main).to_contain_text("Medicine")
    expect(main.locator("del").first).to_be_visible()
    assert _serious(page) == [], json.dumps(_serious(page), indent=2)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"]  # wrapped: no sideways scrolling
    screenshot(page, "admin-compare")
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size(DESKTOP)
    page.emulate_media(color_scheme="dark")
    assert _serious(page) == [], json.dumps(_serious(page), indent=2)
    page.screenshot(path=str(tmp_path / "dark.png"))
