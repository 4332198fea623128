"""Backups: ``manage.py backup FILE`` then ``manage.py restore FILE`` into an empty database gives
the same newsroom (statuses, dates, editors' changes, corrections, status history, users), and a
backup of the restored database is the same file, byte for byte, SQLite to PostgreSQL too.

Rerun with ``.venv/bin/pytest tests/test_backup.py``; the PostgreSQL round trip uses
``BACKUP_POSTGRES_URL`` (default ``postgres://postgres@127.0.0.1:5432/postgres``) to create and
drop a scratch database, and skips only when that server is unreachable and ``CI`` is not true.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from datetime import timedelta
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from tests.conftest import EXAMPLES, REFERENCE_SEED
from tests.seedgen import ROOT, _settings_env, manage

pytestmark = pytest.mark.django_db

PASSWORD = "a long editor password"


def backup(path: Path) -> bytes:
    call_command("backup", str(path), stdout=StringIO())
    return path.read_bytes()


def restore(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("restore", str(path), *args, stdout=out)
    return out.getvalue()


def wipe() -> None:
    """Delete what a backup holds, leaving a migrated, empty database."""
    from django.contrib.auth.models import User
    from reversion.models import Revision

    from articles.models import Article, Section, Source, Speaker, Tag

    Revision.objects.all().delete()
    for model in (Article, Speaker, Tag, Source, Section, User):
        model.objects.all().delete()


def export(directory: Path) -> dict[str, bytes]:
    call_command("export_seeds", str(directory), stdout=StringIO())
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


@pytest.fixture
def newsroom(tmp_path: Path) -> dict[str, str]:
    """The reference seeds imported, a CRLF seed and one with extra empty lines among them,
    users in both roles, and an editor's day: one article withdrawn, one back to draft, one
    scheduled, a headline rewritten, a speaker fixed and renamed, a correction, a retag.
    Returns the URLs of the changed articles by what was done to them."""
    from django.contrib.auth.models import Group, Permission, User

    from articles import pending
    from articles.models import Article, Correction, Section, Speaker

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in [REFERENCE_SEED, *sorted(EXAMPLES.glob("*.txt"))]:
        shutil.copy(path, seeds)
    crlf = (EXAMPLES / "001_dutch_coalition.txt").read_bytes().replace(b"\n", b"\r\n")
    (seeds / "001_dutch_coalition.txt").write_bytes(b"\xef\xbb\xbf" + crlf + b"\r\n")
    shutil.copy(ROOT / "tests/data/extraction/101_aldermouth_tower_appeal.txt", seeds)
    call_command("import_seeds", str(seeds), "--no-progress", verbosity=0)

    editor = User.objects.create_user("editor", "editor@example.org", PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    writer = User.objects.create_user("writer", password=PASSWORD, is_staff=True)
    writer.groups.add(Group.objects.get(name="Writers"))
    writer.user_permissions.add(Permission.objects.get(codename="view_statuschange"))
    User.objects.create_superuser("chief", "chief@example.org", PASSWORD)

    articles = list(Article.objects.order_by("original_url"))
    assert len(articles) == 14
    withdrawn, drafted, scheduled, retitled, fixed, corrected, retagged = articles[:7]
    for article, status in (
        (withdrawn, Article.Status.WITHDRAWN),
        (drafted, Article.Status.DRAFT),
        (scheduled, Article.Status.SCHEDULED),
    ):
        if status == Article.Status.SCHEDULED:
            article.published_at = timezone.now() + timedelta(days=3)
        article.transition(status, editor, "A reason readers see." if status == "withdrawn" else "")
        article.last_changed_by = editor
        article.save()
    retitled.headline = "An editor's headline, with “quotes” & <marks>"
    retitled.section = Section.for_name("opinions")  # Opinion, with its aliases
    retitled.save()
    quote = fixed.quotes.order_by("position").first()
    quote.speaker = Speaker.for_name("Someone Else Entirely")
    quote.speaker_fixed = True
    quote.save()
    speaker = quote.speaker
    speaker.aliases = ["S. E. Entirely", "Mr Entirely"]
    speaker.kind = Speaker.Kind.ORGANISATION
    speaker.save()
    Correction.objects.create(
        article=corrected, note="An earlier version misspelt a name.", created_by=editor
    )
    retagged.tags.remove(*list(retagged.tags.all())[:2])
    retagged.tags.add("An editor's tag")
    # A writer's change to a live story, waiting for an Editor (articles/pending.py).
    pending.store(
        corrected, {"headline": "A writer's headline", "body": "A new body."}, editor, submit=True
    )
    return {
        "withdrawn": withdrawn.original_url,
        "drafted": drafted.original_url,
        "scheduled": scheduled.original_url,
        "retitled": retitled.original_url,
        "fixed": fixed.original_url,
        "corrected": corrected.original_url,
        "retagged": retagged.original_url,
    }


def test_backup_restore_backup_is_byte_identical_and_keeps_the_editors_work(
    newsroom: dict[str, str], tmp_path: Path, client
) -> None:
    from django.contrib.auth.models import User

    from articles.models import Article, Correction, StatusChange

    seeds_before = export(tmp_path / "export-before")
    history_before = sorted(
        (c.article.original_url, c.old_status, c.new_status, c.at, c.user and c.user.username)
        for c in StatusChange.objects.select_related("article", "user")
    )
    unedited = {a.original_url for a in Article.objects.all() if not a.edited_since_import}
    first = backup(tmp_path / "first.jsonl")
    assert oct((tmp_path / "first.jsonl").stat().st_mode & 0o777) == "0o600"

    wipe()
    assert "14 article" in restore(tmp_path / "first.jsonl")
    assert backup(tmp_path / "second.jsonl") == first

    by_url = {a.original_url: a for a in Article.objects.select_related("last_changed_by")}
    assert len(by_url) == 14
    assert by_url[newsroom["withdrawn"]].status == Article.Status.WITHDRAWN
    assert by_url[newsroom["withdrawn"]].last_changed_by.username == "editor"
    assert by_url[newsroom["drafted"]].status == Article.Status.DRAFT
    assert by_url[newsroom["scheduled"]].status == Article.Status.SCHEDULED
    retitled = by_url[newsroom["retitled"]]
    assert retitled.headline == "An editor's headline, with “quotes” & <marks>"
    assert retitled.section.name == "Opinion"
    assert retitled.section.aliases == ["opinions"]
    quote = by_url[newsroom["fixed"]].quotes.order_by("position").first()
    assert quote.speaker_fixed and quote.speaker.name == "Someone Else Entirely"
    assert quote.speaker.aliases == ["S. E. Entirely", "Mr Entirely"]
    assert quote.speaker.kind == "organisation"
    (correction,) = Correction.objects.all()
    assert correction.article.original_url == newsroom["corrected"]
    assert correction.created_by.username == "editor"
    assert "An editor's tag" in by_url[newsroom["retagged"]].tags.names()
    waiting = by_url[newsroom["corrected"]].pending_change
    assert (waiting.state, waiting.submitted_by.username) == ("review", "editor")
    assert waiting.values["headline"] == "A writer's headline"
    assert by_url[newsroom["corrected"]].headline != "A writer's headline"
    assert (
        sorted(
            (c.article.original_url, c.old_status, c.new_status, c.at, c.user and c.user.username)
            for c in StatusChange.objects.select_related("article", "user")
        )
        == history_before
    )
    # What counts as an editor's change is the same after the restore.
    assert {a.original_url for a in Article.objects.all() if not a.edited_since_import} == unedited
    assert newsroom["retitled"] not in unedited and newsroom["fixed"] not in unedited
    # export_seeds still gives the imported files back, CRLF and BOM included.
    assert export(tmp_path / "export-after") == seeds_before
    assert any(data.startswith(b"\xef\xbb\xbf") for data in seeds_before.values())

    # Readers: the withdrawn article is gone, the draft and the scheduled one unseen.
    assert client.get(by_url[newsroom["withdrawn"]].get_absolute_url()).status_code == 410
    assert client.get(by_url[newsroom["drafted"]].get_absolute_url()).status_code == 404
    assert client.get(by_url[newsroom["scheduled"]].get_absolute_url()).status_code == 404
    page = client.get(retitled.get_absolute_url())
    assert page.status_code == 200 and "An editor&#39;s headline" in page.content.decode()
    assert not by_url[newsroom["withdrawn"]].is_public
    assert Article.objects.published().count() == 11
    # Search found the restored articles, not the ones that are not public.
    found = client.get("/search/", {"q": "editor's headline"})
    assert retitled.get_absolute_url() in found.content.decode()

    # Editors log in with their own passwords, in their roles.
    editor = User.objects.get(username="editor")
    assert editor.check_password(PASSWORD) and editor.has_perm("articles.publish_article")
    writer = User.objects.get(username="writer")
    assert not writer.has_perm("articles.publish_article")
    assert writer.user_permissions.filter(codename="view_statuschange").exists()
    assert User.objects.get(username="chief").is_superuser
    assert client.login(username="editor", password=PASSWORD)


def test_the_file_is_one_record_per_line_by_natural_keys(newsroom, tmp_path: Path) -> None:
    lines = backup(tmp_path / "b.jsonl").decode("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert records[0] == {"type": "header", "format": "newsroom-backup", "version": 3}
    assert records[-1] == {"type": "end", "records": len(records) - 2}
    types = [r["type"] for r in records]
    assert types.index("user") < types.index("source") < types.index("section")
    assert types.index("section") < types.index("article")
    quote = next(r for r in records if r["type"] == "quote" and r["speaker_fixed"])
    assert quote["article"] == newsroom["fixed"]
    assert quote["speaker"] == "someone-else-entirely"  # a slug, not an id
    article = next(r for r in records if r["type"] == "article")
    assert "id" not in article and isinstance(article["source"], str)
    retitled = next(r for r in records if r["type"] == "article" and r["section"] == "opinion")
    assert retitled["headline"].startswith("An editor's headline")  # a section by its slug
    section = next(r for r in records if r["type"] == "section" and r["slug"] == "opinion")
    assert section == {
        "type": "section",
        "name": "Opinion",
        "slug": "opinion",
        "aliases": ["opinions"],
    }
    user = next(r for r in records if r["type"] == "user" and r["username"] == "editor")
    assert user["groups"] == ["Editors"] and user["password"].startswith("md5$")


def test_a_bad_line_anywhere_stops_the_restore_and_writes_nothing(newsroom, tmp_path: Path) -> None:
    from django.contrib.auth.models import User

    from articles.models import Article, Source, Speaker, Tag

    good = backup(tmp_path / "good.jsonl").decode("utf-8").splitlines(keepends=True)
    wipe()
    last_quote = max(i for i, line in enumerate(good) if '"type":"quote"' in line)
    quote = json.loads(good[last_quote])
    quote["speaker"] = "nobody-of-that-name"
    article_line = next(i for i, line in enumerate(good) if '"type":"article"' in line)
    article = json.loads(good[article_line])
    waiting_line = next(i for i, line in enumerate(good) if '"type":"pending_change"' in line)
    waiting = json.loads(good[waiting_line])
    cases = {
        "pending change of other fields": (
            waiting_line,
            json.dumps({**waiting, "values": {"status": "published"}}) + "\n",
            "pending_change field 'values': expected the article form's fields, as text",
        ),
        "a second pending change": (  # inserted after the first
            waiting_line + 1,
            json.dumps(waiting) + "\n" + good[waiting_line + 1],
            f"a second pending change of {waiting['article']}",
        ),
        "not json": (
            len(good) // 2,
            "{not json\n",
            "not JSON (Expecting property name enclosed in double quotes, column 2)",
        ),
        "unknown speaker": (
            last_quote,
            json.dumps(quote) + "\n",
            "quote field 'speaker': no speaker 'nobody-of-that-name' earlier in the file",
        ),
        "bad status": (
            article_line,
            json.dumps({**article, "status": "live"}) + "\n",
            "article field 'status': 'live' is not one of its choices",
        ),
        "too long": (
            article_line,
            json.dumps({**article, "headline": "x" * 301}) + "\n",
            "article field 'headline': longer than 300 characters (301)",
        ),
        "unknown section": (
            article_line,
            json.dumps({**article, "section": "nowhere"}) + "\n",
            "article field 'section': no section 'nowhere' earlier in the file",
        ),
        "newer version": (
            0,
            '{"type":"header","format":"newsroom-backup","version":4}\n',
            "backup format version 4; this Newsroom reads versions 1, 2, 3",
        ),
    }
    for name, (index, line, reason) in cases.items():
        path = tmp_path / f"{name.replace(' ', '-')}.jsonl"
        path.write_text("".join([*good[:index], line, *good[index + 1 :]]), encoding="utf-8")
        with pytest.raises(CommandError) as caught:
            restore(path)
        assert str(caught.value) == f"{path}:{index + 1}: {reason}", name
        for model in (Article, Source, Speaker, Tag, User):
            assert not model.objects.exists(), (name, model)
    truncated = tmp_path / "truncated.jsonl"
    truncated.write_text("".join(good[:-5]), encoding="utf-8")
    with pytest.raises(CommandError, match=rf"{truncated}:{len(good) - 5}: .*truncated"):
        restore(truncated)
    assert not Article.objects.exists()


def test_restore_refuses_a_database_that_is_not_empty_unless_replace(
    newsroom, tmp_path: Path
) -> None:
    from articles.models import Article

    first = backup(tmp_path / "first.jsonl")
    Article.objects.filter(original_url=newsroom["retitled"]).update(headline="Changed since")
    with pytest.raises(CommandError, match=r"the database is not empty .*14 articles"):
        restore(tmp_path / "first.jsonl")
    assert Article.objects.get(original_url=newsroom["retitled"]).headline == "Changed since"
    restore(tmp_path / "first.jsonl", "--replace")
    assert backup(tmp_path / "again.jsonl") == first


# SQLite -> PostgreSQL -> SQLite, through manage.py in subprocesses -------------------------------


def postgres_url() -> str | None:
    """A PostgreSQL server to make a scratch database on, or None when none answers (a failure,
    not a skip, when CI is true)."""
    url = os.environ.get("BACKUP_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=3):
            return url
    except Exception as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL must answer in CI ({url}): {exc}")
        return None


def test_round_trip_through_postgresql_and_back_to_sqlite_is_byte_identical(
    newsroom, tmp_path: Path
) -> None:
    url = postgres_url()
    if url is None:
        pytest.skip("PostgreSQL is not reachable at BACKUP_POSTGRES_URL (CI=true fails instead)")
    import psycopg

    first = backup(tmp_path / "first.jsonl")
    name = f"newsroom_backup_{uuid.uuid4().hex[:10]}"
    parts = urlsplit(url)
    base = _settings_env(tmp_path)
    postgres = {**base, "DATABASE_URL": urlunsplit((*parts[:2], f"/{name}", parts.query, ""))}
    sqlite = {**base, "SQLITE_PATH": str(tmp_path / "restored.sqlite3")}
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        files = [tmp_path / "first.jsonl"]
        for label, env in (("postgres", postgres), ("sqlite", sqlite)):
            for args in (("migrate", "--no-input", "-v", "0"), ("restore", str(files[-1]))):
                result = manage(*args, env=env)
                assert result.returncode == 0, (label, result.stderr[-3000:])
            files.append(tmp_path / f"{label}.jsonl")
            result = manage("backup", str(files[-1]), env=env)
            assert result.returncode == 0, (label, result.stderr[-3000:])
            assert files[-1].read_bytes() == first, f"the backup made on {label} differs"
        # A restored database refuses a second restore, on PostgreSQL too.
        again = manage("restore", str(files[0]), env=postgres)
        assert again.returncode == 1 and "the database is not empty" in again.stderr
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_a_backup_reads_one_snapshot_and_does_not_hold_writers_up() -> None:
    """While a backup reads, an editor's save goes through at once (SQLite: the backup's
    transaction is DEFERRED, not the site's IMMEDIATE) and the backup does not see it."""
    import threading
    import time

    from django.db import connection

    from articles.backup.writing import snapshot
    from articles.models import Article

    call_command("import_seeds", str(REFERENCE_SEED), "--no-progress", verbosity=0)
    took: list[float] = []

    def editor_saves() -> None:
        start = time.monotonic()
        try:
            Article.objects.update(headline="Saved during the backup")
        finally:
            connection.close()
        took.append(time.monotonic() - start)

    with snapshot():
        assert Article.objects.filter(headline="Saved during the backup").count() == 0
        writer = threading.Thread(target=editor_saves)
        writer.start()
        writer.join(timeout=60)
        assert took and took[0] < 5, "the save waited for the backup"
        assert Article.objects.filter(headline="Saved during the backup").count() == 0
    assert Article.objects.get().headline == "Saved during the backup"


def test_unreadable_or_unwritable_paths_are_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"missing\.jsonl: cannot be read \(No such file"):
        restore(tmp_path / "missing.jsonl")
    with pytest.raises(CommandError, match=r"cannot be written \(No such file"):
        backup(tmp_path / "no" / "such" / "dir" / "b.jsonl")
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind


def test_two_articles_with_one_url_round_trip(newsroom, tmp_path: Path) -> None:
    """Migration 0008 may leave two articles that name one story, one without a url_key, both
    with the same URL as written: the backup still restores, children with their own article."""
    from articles.models import Article, Correction

    kept = Article.objects.get(original_url=newsroom["corrected"])
    other = Article.objects.get(original_url=newsroom["retagged"])
    Article.objects.filter(pk=other.pk).update(original_url=kept.original_url, url_key=None)
    Correction.objects.create(article=other, note="On the other one.")
    first = backup(tmp_path / "first.jsonl")
    wipe()
    restore(tmp_path / "first.jsonl")
    assert backup(tmp_path / "second.jsonl") == first
    twins = Article.objects.filter(original_url=kept.original_url)
    assert sorted(twins.values_list("slug", flat=True)) == sorted([kept.slug, other.slug])
    assert Article.objects.get(slug=other.slug).url_key is None
    assert Article.objects.get(slug=other.slug).corrections.get().note == "On the other one."
    assert Article.objects.get(slug=kept.slug).corrections.count() == 1


@pytest.mark.parametrize("version", [1, 2])
def test_an_older_backup_names_sections_by_name_and_still_restores(
    version: int, newsroom: dict[str, str], tmp_path: Path
) -> None:
    """Before sections were rows (formats 1 and 2), an article named its section by its name and the
    file had no section records: such a file restores, each name to the section it means now,
    and what was unedited since its import stays so."""
    from articles.models import Article, Section

    edited = {a.original_url: a.edited_since_import for a in Article.objects.all()}
    names = {a.slug: getattr(a.section, "name", None) for a in Article.objects.all()}
    records = [json.loads(line) for line in backup(tmp_path / "b.jsonl").splitlines()]
    sections = {r["slug"]: r["name"] for r in records if r["type"] == "section"}
    old = []
    for record in records:
        if record["type"] == "header":
            record["version"] = version
        elif record["type"] == "section":
            continue
        elif record["type"] == "article":
            record["section"] = sections.get(record["section"], "")
        elif record["type"] == "end":
            record["records"] -= len(sections)
        old.append(json.dumps(record) + "\n")
    path = tmp_path / "v1.jsonl"
    path.write_text("".join(old), encoding="utf-8")
    wipe()
    Section.objects.all().delete()

    restore(path)

    assert {a.slug: getattr(a.section, "name", None) for a in Article.objects.all()} == names
    assert {a.original_url: a.edited_since_import for a in Article.objects.all()} == edited
