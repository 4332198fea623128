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
    jinja = engines["jinja2"].env
    jinja.cache.clear()
    with django_assert_num_queries(0):
        wsgi.warm_up()
    templates = settings.BASE_DIR / "templates"
    names = {path.relative_to(templates).as_posix() for path in templates.rglob("*.html")}
    assert names and names <= set(loader.get_template_cache)
    readers = settings.BASE_DIR / "jinja2"
    names = {path.relative_to(readers).as_posix() for path in readers.rglob("*.html")}
    assert names and names <= {template.name for template in jinja.cache.values()}


def test_gunicorn_preloads_and_warms_the_application(monkeypatch):
    config = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))
    assert config["preload_app"] is True
    calls = []
    monkeypatch.setattr(wsgi, "warm_up", lambda: calls.append(True))
    config["when_ready"](object())
    assert calls == [True]


def test_workers_follow_the_cores_and_the_database(monkeypatch):
    """Twice the cores plus one when queries wait on a database server, one more than the
    cores with the embedded SQLite; WEB_CONCURRENCY decides when set."""
    import multiprocessing

    cores = multiprocessing.cpu_count()
    config = settings.BASE_DIR / "gunicorn.conf.py"
    default_workers = runpy.run_path(str(config))["default_workers"]
    assert default_workers({"DATABASE_URL": "postgres://db/news"}) == cores * 2 + 1
    assert default_workers({}) == default_workers({"DATABASE_URL": ""}) == cores + 1
    monkeypatch.setenv("WEB_CONCURRENCY", "7")
    assert runpy.run_path(str(config))["workers"] == 7
