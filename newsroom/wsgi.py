"""WSGI entry point: gunicorn serves ``newsroom.wsgi:application``."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

# The web processes read SQLite through a memory map that they share (the OS page cache): a list
# page counts every published row, and through SQLite's own 2 MB page cache each request read most
# of them from the file again. Set here, not in the settings, so that commands (an import, which
# mostly writes) keep the small memory footprint the benchmark reports.
SQLITE_MMAP_BYTES = 1 << 30


def _map_sqlite(sender: object, connection: BaseDatabaseWrapper, **kwargs: object) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")


connection_created.connect(_map_sqlite, dispatch_uid="newsroom-sqlite-mmap")
application = get_wsgi_application()


def warm_up() -> None:
    """Load now what a process would load on its first requests: the URL configuration with
    its views, and every template of the site with its tag libraries. A fresh process served
    its first page about 50 ms slower than the next ones.

    It touches no database and no cache, so gunicorn calls it in its master process, after
    loading the application and before forking (``gunicorn.conf.py``): every worker starts
    warm, those that replace a recycled one too.
    """
    from django.template.loader import get_template
    from django.urls import resolve, reverse

    resolve(reverse("articles:list"))  # imports the URL modules, compiles their patterns
    for folder in ("templates", "jinja2"):  # the admin's Django templates, the reader's Jinja2
        templates = settings.BASE_DIR / folder
        for path in sorted(templates.rglob("*.html")):
            get_template(path.relative_to(templates).as_posix())
