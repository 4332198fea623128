"""gunicorn starts its workers warm: ``gunicorn.conf.py`` loads the application in the master
and calls ``newsroom.wsgi.warm_up`` before forking them."""

from __future__ import annotations

import runpy

import pytest
from django.conf import settings
from django.template import engines

from newsroom import wsgi


@pytest.mark.django_db
def test_warm_up_compiles_every_template_without_touching_the_database(
    django_assert_num_queries,
):
    loader = engines["django"].engine.template_loaders[0]
    loader.reset()
    with django_assert_num_queries(0):
        wsgi.warm_up()
    templates = settings.BASE_DIR / "templates"
    names = {path.relative_to(templates).as_posix() for path in templates.rglob("*.html")}
    assert names and names <= set(loader.get_template_cache)


def test_gunicorn_preloads_and_warms_the_application(monkeypatch):
    config = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))
    assert config["preload_app"] is True
    calls = []
    monkeypatch.setattr(wsgi, "warm_up", lambda: calls.append(True))
    config["when_ready"](object())
    assert calls == [True]
