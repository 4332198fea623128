"""Where an uncached page's time goes, in process: each reader's list page (and search for a
common word) requested ``BENCH_REPEAT`` times through Django's test client with a session
cookie (which skips the page cache, as an editor's does), with its median time, its queries
and the slowest of them. A development aid beside ``make bench`` (which measures the same pages
over HTTP): ``SQLITE_PATH=bench/.data/http-100000.sqlite3 python bench/cold_pages.py``.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def busiest_pages(path: str) -> dict[str, str]:
    """The reader's list pages at their largest in the SQLite database at ``path``: the latest
    list, the busiest tag, section and source (page 1 and a deep page), and a search for the
    word that matches most articles (``common_word``)."""
    with sqlite3.connect(path) as db:
        tag = db.execute(
            "SELECT t.slug FROM articles_tag t JOIN articles_taggedarticle l ON l.tag_id = t.id "
            "GROUP BY t.id ORDER BY COUNT(*) DESC LIMIT 1"
        ).fetchone()[0]
        section = db.execute(
            "SELECT s.slug FROM articles_section s JOIN articles_article a "
            "ON a.section_id = s.id GROUP BY s.id ORDER BY COUNT(*) DESC LIMIT 1"
        ).fetchone()[0]
        source = db.execute(
            "SELECT s.domain FROM articles_source s JOIN articles_article a "
            "ON a.source_id = s.id GROUP BY s.id ORDER BY COUNT(*) DESC LIMIT 1"
        ).fetchone()[0]
    return {
        "front page": "/",
        "latest": "/latest/",
        "latest, page 500": "/latest/?page=500",
        "busiest tag": f"/tags/{tag}/",
        "busiest tag, page 500": f"/tags/{tag}/?page=500",
        "busiest section": f"/sections/{section}/",
        "busiest source": f"/sources/{source}/",
        "search, a common word": f"/search/?q={common_word(path)}",
    }


def common_word(path: str) -> str:
    """The headline word (of four letters or more) most articles share, among the newest
    2,000: a word a search matches in thousands of articles at 100,000."""
    counts: dict[str, int] = {}
    with sqlite3.connect(path) as db:
        for (headline,) in db.execute(
            "SELECT headline FROM articles_article ORDER BY id DESC LIMIT 2000"
        ):
            for word in {w.strip(".,:;'\"?!()").lower() for w in headline.split()}:
                if len(word) >= 4 and word.isalpha():
                    counts[word] = counts.get(word, 0) + 1
    return max(sorted(counts), key=counts.__getitem__) if counts else "news"


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
    os.environ.setdefault("DEBUG", "0")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    repeat = int(os.environ.get("BENCH_REPEAT", "15"))
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies["sessionid"] = "bench-skips-the-page-cache"
    for name, url in busiest_pages(os.environ["SQLITE_PATH"]).items():
        client.get(url)  # warm: imports, templates, the SQLite page cache
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        slowest = max(queries, key=lambda q: float(q["time"]), default={"time": 0, "sql": ""})
        print(
            f"{name:24} {url[:60]:60} {response.status_code} p50 {statistics.median(times):7.1f} ms"
            f"  {len(queries):2} queries, slowest {float(slowest['time']) * 1000:5.1f} ms: "
            f"{slowest['sql'][:110]}"
        )


if __name__ == "__main__":
    main()
