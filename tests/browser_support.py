"""What the browser tests share: Debian's Chromium driven by Playwright, the page fixture
against pytest-django's live server, axe-core from npm, screenshots. The fixtures are made
available to every test module by ``tests/conftest.py``.

Needs ``/usr/bin/chromium`` (``apt-get install chromium``), the ``playwright`` package (the dev
extra; its own browser downloads are never used) and axe-core in ``.cache/npm`` (``make axe``).
Without them the browser tests skip locally and fail in CI (``CI=true``), where they must run.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.core.management import call_command

if TYPE_CHECKING:
    from articles.models import Article


# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run inside one
# unless told that it is safe (it is: the loop only waits for the browser).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
AXE = ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
KERRY = "John Kerry defends diplomacy as Russian-backed forces pound Aleppo"

# Every browser test module's marks. Data must be committed for the live server's thread to
# see it; serialized_rollback brings back what migrations created (the Editors group) after
# other tests' flushes.
BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def missing_tools() -> str | None:
    if importlib.util.find_spec("playwright") is None:
        return "the playwright package is not installed (pip install '.[dev]')"
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    if not AXE.exists():
        return f"no axe-core at {AXE} (make axe)"
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    reason = missing_tools()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"browser tests must run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    # bypass_csp: the site's CSP rightly forbids inline script; axe is injected by the test.
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP, bypass_csp=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def kerry() -> Article:
    from articles.models import Article
    from tests.conftest import REFERENCE_SEED  # conftest loads this module

    call_command("import_seeds", str(REFERENCE_SEED), verbosity=0)
    return Article.objects.get()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => {
            // A colour still easing in (the admin's links fade over 0.15 s, as after a switch to
            // dark mode) is measured half-way and fails contrast now and then: wait for it.
            const easing = document.getAnimations().filter(
                a => a.effect && a.effect.getComputedTiming().endTime !== Infinity);
            await Promise.all(easing.map(a => a.finished.catch(() => null)));
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(" ")),
            }));
        }"""
    )


def screenshot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        page.screenshot(path=str(ARTIFACTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
