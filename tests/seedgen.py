"""Helpers for the reliability tests: many seeds made from the reference seed, a comparable
snapshot of what the database holds, and subprocess plumbing for ``manage.py``.

The generated seeds keep the reference article's quotes (so every article must have quotes) and
vary the URL (outlet, section, slug, id), the header integers, the standfirst and the paragraphs.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from tests.conftest import REFERENCE_SEED

ROOT = Path(__file__).resolve().parent.parent
_LINES = REFERENCE_SEED.read_text(encoding="utf-8").split("\n")
_BODY = [line for line in _LINES[5:] if line]
OUTLETS = ["www.dnaindia.com", "www.reuters.com", "news.example.org", "www.wire-daily.co.uk"]
SECTIONS = ["world", "politics", "health", "india", "business"]
WORDS = [
    "aleppo",
    "kerry",
    "ceasefire",
    "talks",
    "doctors",
    "siege",
    "moscow",
    "rebels",
    "hospital",
    "water",
    "aid",
]


def generated_seed(index: int, seed: int = 0) -> str:
    """The text of seed ``index``: valid, unique by URL, the same for the same arguments."""
    rng = random.Random(seed * 1_000_003 + index)
    outlet = OUTLETS[index % len(OUTLETS)]
    words = "-".join(rng.sample(WORDS, rng.randint(3, 6)))
    url = f"https://{outlet}/{rng.choice(SECTIONS)}/report-{words}-{100000 + index}"
    # A few paragraphs (short seeds import fast), always one with a quote, in the seed's order.
    quoted = [i for i, text in enumerate(_BODY) if '"' in text]
    keep = {rng.choice(quoted), *rng.sample(range(len(_BODY)), rng.randint(2, 5))}
    paragraphs = [_BODY[i] for i in sorted(keep)]
    standfirst = f"{_LINES[3]} (report {index})"
    head = [url, str(rng.randint(0, 999)), str(rng.randint(0, 99)), standfirst, ""]
    return "\n".join(head) + "\n" + "\n\n".join(paragraphs)


def write_generated_seeds(directory: Path, count: int, seed: int = 0) -> list[Path]:
    """Write ``count`` generated seeds into ``directory``, named so they sort in index order."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = directory / f"{index:05d}.txt"
        path.write_text(generated_seed(index, seed), encoding="utf-8")
        paths.append(path)
    return paths


def snapshot(using: str = "default") -> list[tuple]:
    """Everything an import decides, as sorted plain rows: articles with their source, quotes
    (with speakers) and tags. Database ids, timestamps and slugs are left out: they depend on the
    order in which concurrent runs got there, not on what was imported."""
    from articles.models import Article

    rows = []
    articles = (
        Article.objects.using(using)
        .select_related("source", "section")
        .prefetch_related("tags", "quotes__speaker")
        .order_by("original_url")
    )
    for article in articles:
        quotes = tuple(
            (q.position, q.block, q.start, q.end, q.text, q.speaker.name if q.speaker else None)
            for q in sorted(article.quotes.all(), key=lambda q: q.position)
        )
        tags = tuple(sorted((tag.name, tag.kind) for tag in article.tags.all()))
        rows.append(
            (
                article.original_url,
                article.headline,
                article.standfirst,
                article.body,
                article.section.name if article.section else "",  # a row: its name
                article.source.domain,
                article.source.name,
                article.seed_line2,
                article.seed_line3,
                article.status,
                quotes,
                tags,
            )
        )
    return rows


def manage(
    *args: str, env: dict[str, str], timeout: float = 120, **kwargs
) -> subprocess.CompletedProcess[str]:
    """Run ``manage.py`` with ``args`` to completion."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        **kwargs,
    )


def start_manage(*args: str, env: dict[str, str], **kwargs) -> subprocess.Popen:
    """Start ``manage.py`` with ``args`` in the background."""
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=kwargs.pop("stdout", subprocess.PIPE),
        stderr=kwargs.pop("stderr", subprocess.PIPE),
        text=True,
        **kwargs,
    )


# --- scratch databases for subprocesses ---------------------------------------------------------

SETTINGS_MODULE = '''"""Production settings for reliability subprocesses, except static files:
the manifest storage needs `collectstatic`, which the tests do not run."""
from newsroom.settings import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
'''


def backends() -> list[str]:
    """SQLite always; PostgreSQL too when DATABASE_URL points at it (CI's second pass). No skip:
    a PostgreSQL run whose server is unreachable fails."""
    url = os.environ.get("DATABASE_URL", "")
    return (
        ["sqlite", "postgres"] if url.startswith(("postgres://", "postgresql://")) else ["sqlite"]
    )


def _settings_env(tmp_path: Path) -> dict[str, str]:
    module_dir = tmp_path / "reliability_settings"
    module_dir.mkdir(exist_ok=True)
    (module_dir / "reliability_settings.py").write_text(SETTINGS_MODULE, encoding="utf-8")
    env = dict(os.environ)
    for name in ("DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    env.update(
        {
            "SECRET_KEY": "reliability-tests-only-" + "x" * 40,
            "DJANGO_SETTINGS_MODULE": "reliability_settings",
            "PYTHONPATH": os.pathsep.join([str(module_dir), str(ROOT)]),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
        }
    )
    return env


class ScratchDatabases:
    """``count`` migrated, empty databases of ``backend`` for ``manage.py`` subprocesses, each
    given as an environment; PostgreSQL ones are dropped by :meth:`close`."""

    def __init__(self, backend: str, tmp_path: Path, count: int) -> None:
        self.backend = backend
        self.envs: list[dict[str, str]] = []
        self._pg_names: list[str] = []
        base = _settings_env(tmp_path)
        if backend == "sqlite":
            first = tmp_path / "db0.sqlite3"
            self._migrate({**base, "SQLITE_PATH": str(first)})
            for i in range(count):
                path = tmp_path / f"db{i}.sqlite3"
                if i:
                    shutil.copyfile(first, path)
                self.envs.append({**base, "SQLITE_PATH": str(path)})
            return
        import psycopg

        self._url = os.environ["DATABASE_URL"]
        prefix = f"newsroom_rel_{uuid.uuid4().hex[:10]}"
        self._pg_names = [f"{prefix}_{i}" for i in range(count)]
        with psycopg.connect(self._url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self._pg_names[0]}"')
        self._migrate({**base, "DATABASE_URL": self._url_for(self._pg_names[0])})
        with psycopg.connect(self._url, autocommit=True) as conn:
            for name in self._pg_names[1:]:
                conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self._pg_names[0]}"')
        self.envs = [{**base, "DATABASE_URL": self._url_for(name)} for name in self._pg_names]

    def _url_for(self, name: str) -> str:
        parts = urlsplit(self._url)
        return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))

    @staticmethod
    def _migrate(env: dict[str, str]) -> None:
        result = manage("migrate", "--no-input", "-v", "0", env=env)
        assert result.returncode == 0, result.stderr[-3000:]

    def close(self) -> None:
        if not self._pg_names:
            return
        import psycopg

        with psycopg.connect(self._url, autocommit=True) as conn:
            for name in self._pg_names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


DUMP = """
import json, django
django.setup()
from tests.seedgen import integrity_problems, snapshot
from articles.runs import ImportRun
runs = list(ImportRun.objects.order_by("pk").values_list("status", flat=True))
print(json.dumps({"rows": snapshot(), "problems": integrity_problems(), "runs": runs}))
"""


def dump(env: dict[str, str]) -> dict:
    """The snapshot and integrity problems of the database ``env`` points at, JSON-shaped."""
    result = subprocess.run(
        [sys.executable, "-c", DUMP], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def integrity_problems() -> list[str]:
    """What must never happen: duplicate articles, sources, tags or speakers (by name, ignoring
    case), quotes whose positions are not 0..n-1, an article without its source."""
    from django.db.models import Count
    from django.db.models.functions import Lower

    from articles.models import Article, Quote, Source, Speaker, Tag

    problems = []
    for model, field in [
        (Article, "original_url"),
        (Source, "domain"),
        (Tag, "name"),
        (Speaker, "name"),
    ]:
        duplicates = (
            model.objects.annotate(key=Lower(field))
            .values("key")
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
        )
        problems += [f"duplicate {model.__name__} {row['key']!r}" for row in duplicates]
    positions: dict[int, list[int]] = {}
    for article_id, position in Quote.objects.values_list("article_id", "position"):
        positions.setdefault(article_id, []).append(position)
    for article_id, found in positions.items():
        if sorted(found) != list(range(len(found))):
            problems.append(f"article {article_id} has quote positions {sorted(found)}")
    return problems


SNAPSHOT_FIELDS = (
    "url",
    "headline",
    "standfirst",
    "body",
    "section",
    "domain",
    "source",
    "line2",
    "line3",
    "status",
    "quotes",
    "tags",
)


def snapshot_differences(got: list, expected: list) -> list[str]:
    """What differs between two snapshots, article by article and field by field (readable
    where a plain ``==`` on a few hundred rows is not)."""
    mine, theirs = {row[0]: row for row in got}, {row[0]: row for row in expected}
    problems = [f"missing {url}" for url in theirs.keys() - mine.keys()]
    problems += [f"unexpected {url}" for url in mine.keys() - theirs.keys()]
    for url in sorted(mine.keys() & theirs.keys()):
        for field, a, b in zip(SNAPSHOT_FIELDS, mine[url], theirs[url], strict=True):
            if a != b and isinstance(a, list | tuple) and isinstance(b, list | tuple):
                extra = [x for x in a if x not in b]
                lost = [x for x in b if x not in a]
                problems.append(f"{url} {field}: only got {extra!r}, only expected {lost!r}")
            elif a != b:
                problems.append(f"{url} {field}: {a!r} != {b!r}"[:600])
    return problems


def without_tag_kinds(rows: list) -> list:
    """``rows`` with each tag reduced to its name. A tag is shared by articles and keeps the kind
    of the first article that named it, so its kind depends on import order (a restore from an
    export, two imports racing); which tags each article has does not."""
    return [(*row[:11], tuple(sorted(tag[0] for tag in row[11]))) for row in rows]
