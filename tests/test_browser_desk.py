"""The editor's desk in Chromium: the home page's conflict buttons, and comparing revisions from
the history page; no serious or critical axe-core violations on either, in light and dark mode."""

from __future__ import annotations

import io
import json
import shutil
from typing import Any

import pytest
from django.core.management import call_command

from articles.models import Article
from articles.runs import ImportIssue
from tests.conftest import REFERENCE_SEED, run_import_seeds
from tests.test_browser import axe_violations, browser, page, screenshot  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "browser-test-pass-1"


def log_in(page: Any) -> None:  # noqa: F811
    call_command("demo_editor", password=PASSWORD, stdout=io.StringIO())
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def serious(page: Any) -> list[dict[str, Any]]:  # noqa: F811
    return [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]


def test_editor_takes_the_wires_then_compares_from_the_history(page: Any, tmp_path) -> None:  # noqa: F811
    from playwright.sync_api import expect

    seed = tmp_path / "seed.txt"
    shutil.copy(REFERENCE_SEED, seed)
    run_import_seeds(str(seed))
    log_in(page)
    story = Article.objects.get()
    page.goto(f"/admin/articles/article/{story.pk}/change/")
    page.locator("#id_headline").fill("The editor's headline")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("changed successfully")
    seed.write_bytes(seed.read_bytes().replace(b"Medical supplies", b"Medicine"))
    assert run_import_seeds(str(seed))[0] == 3

    page.goto("/admin/")
    conflicts = page.locator("#desk-conflicts")
    expect(conflicts).to_contain_text("The editor's headline")
    assert serious(page) == [], json.dumps(serious(page), indent=2)
    screenshot(page, "admin-home")
    conflicts.get_by_role("button", name="Take the wire's: The editor's headline").click()
    expect(page.locator(".messagelist")).to_contain_text("now has the wire")
    expect(page.locator("#desk-conflicts")).to_contain_text("No import conflicts")
    assert ImportIssue.objects.get().resolved

    page.goto(f"/admin/articles/article/{story.pk}/history/")
    assert serious(page) == []
    page.get_by_role("link", name="compare with previous").last.click()
    main = page.locator("#content-main")
    expect(main).to_contain_text("Medicine")
    expect(main.locator("del").first).to_be_visible()
    assert serious(page) == [], json.dumps(serious(page), indent=2)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"]  # wrapped: no sideways scrolling
    screenshot(page, "admin-compare")
    page.emulate_media(color_scheme="dark")
    assert serious(page) == [], json.dumps(serious(page), indent=2)
    page.screenshot(path=str(tmp_path / "dark.png"))
