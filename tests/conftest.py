"""Shared fixtures: the real reference seed and the example articles, as files."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest

from tests.browser_support import browser, kerry, page  # noqa: F401 - the browser tests' fixtures

DATA = Path(__file__).parent / "data"
REFERENCE_SEED = DATA / "000_75629192de6a8d8b.txt"
EXAMPLES = DATA / "examples"
BAD = DATA / "bad"


def run_import_seeds(*args: str) -> tuple[int, str, str]:
    """Run ``import_seeds`` as the command line would: (exit status, stdout, stderr)."""
    from django.core.management import call_command

    out, err = StringIO(), StringIO()
    try:
        call_command("import_seeds", *args, "--no-progress", stdout=out, stderr=err)
        code = 0
    except SystemExit as exit:
        code = exit.code
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def reference_seed() -> Path:
    return REFERENCE_SEED


@pytest.fixture
def imported_article(db):
    """The reference seed imported through the command, as readers and editors meet it."""
    from django.core.management import call_command

    from articles.models import Article

    call_command("import_seeds", str(REFERENCE_SEED), verbosity=0)
    return Article.objects.get()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, so that with Redis (the PostgreSQL CI run) no test
    sees pages another test cached."""
    from django.core.cache import cache

    cache.clear()
    yield
