"""Backups: ``manage.py export_seeds DIR`` writes every article back as a seed file; importing the
export into an empty database gives the same articles; an unedited import exports byte for byte."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.seeds.export import SeedRow, export_seeds, seed_filename, seed_text
from articles.seeds.format import parse
from tests.conftest import EXAMPLES, REFERENCE_SEED
from tests.seedgen import (
    snapshot,
    snapshot_differences,
    without_tag_kinds,
    write_generated_seeds,
)

REFERENCE_NAME = "2259122_john-kerry-defends-diplomacy-as-russian-backed-forces-pound-aleppo.txt"


def row_from_seed(data: bytes, pk: int = 1, slug: str = "a-slug", outlet_id: str = "") -> SeedRow:
    seed = parse(data)
    body = "\n\n".join(block.text for block in seed.blocks)
    return SeedRow(pk, slug, outlet_id, seed.url, seed.line2, seed.line3, seed.standfirst, body)


def test_seed_text_of_the_reference_is_byte_identical() -> None:
    original = REFERENCE_SEED.read_bytes()
    assert seed_text(row_from_seed(original)).encode("utf-8") == original


def test_file_names_are_stable_safe_and_do_not_depend_on_the_pk() -> None:
    row = row_from_seed(REFERENCE_SEED.read_bytes(), pk=7, slug="kerry", outlet_id="2259122")
    assert seed_filename(row) == "2259122_kerry.txt"
    no_id = SeedRow(7, "kerry", "", "https://example.com/a", "", "", "", "")
    assert seed_filename(no_id) == seed_filename(replace(no_id, pk=8))
    assert re.fullmatch(r"[0-9a-f]{12}_kerry\.txt", seed_filename(no_id))
    hostile = SeedRow(8, "../../etc/passwd", "../1", "", "", "", "", "")
    assert "/" not in seed_filename(hostile) and ".." not in seed_filename(hostile)


def test_export_writes_no_temporary_files(tmp_path: Path) -> None:
    rows = [row_from_seed(REFERENCE_SEED.read_bytes(), pk=1, slug="one", outlet_id="1")]
    paths = export_seeds(rows, tmp_path / "new" / "dir")
    assert [p.name for p in (tmp_path / "new" / "dir").iterdir()] == ["1_one.txt"]
    assert paths == [tmp_path / "new" / "dir" / "1_one.txt"]


def export(directory: Path) -> str:
    out = StringIO()
    call_command("export_seeds", str(directory), stdout=out)
    return out.getvalue()


def wipe() -> None:
    """Empty the article tables, as a fresh database would be."""
    from articles.models import Article, Source, Speaker, Tag

    Article.objects.all().delete()
    Speaker.objects.all().delete()
    Tag.objects.all().delete()
    Source.objects.all().delete()


@pytest.mark.django_db
def test_unedited_reference_import_exports_byte_identical(tmp_path: Path) -> None:
    call_command("import_seeds", str(REFERENCE_SEED), verbosity=0)
    assert "Exported 1 articles" in export(tmp_path)
    exported = tmp_path / REFERENCE_NAME
    assert [p.name for p in tmp_path.iterdir()] == [REFERENCE_NAME]
    assert exported.read_bytes() == REFERENCE_SEED.read_bytes()


@pytest.mark.django_db
def test_export_then_import_into_an_empty_database_gives_the_same_articles(
    tmp_path: Path,
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(REFERENCE_SEED, seeds)
    for example in sorted(EXAMPLES.glob("*.txt")):
        shutil.copy(example, seeds)
    write_generated_seeds(seeds / "generated", 20)
    call_command("import_seeds", str(seeds), verbosity=0)
    before = snapshot()
    assert len(before) == 33
    export(tmp_path / "backup")
    assert len(list((tmp_path / "backup").iterdir())) == 33
    wipe()
    call_command("import_seeds", str(tmp_path / "backup"), verbosity=0)
    assert snapshot_differences(without_tag_kinds(snapshot()), without_tag_kinds(before)) == []
    # And the export of the re-import is the same files, byte for byte.
    export(tmp_path / "again")
    for path in (tmp_path / "backup").iterdir():
        assert (tmp_path / "again" / path.name).read_bytes() == path.read_bytes(), path.name


@pytest.mark.django_db
def test_an_editors_changes_to_the_text_are_exported(tmp_path: Path) -> None:
    from articles.models import Article

    call_command("import_seeds", str(REFERENCE_SEED), verbosity=0)
    article = Article.objects.get()
    article.standfirst = "An editor's standfirst"
    article.body = article.body.replace("Medical supplies", "Medicine")
    article.save()
    export(tmp_path)
    text = (tmp_path / REFERENCE_NAME).read_text(encoding="utf-8")
    assert text.split("\n")[3] == "An editor's standfirst"
    assert "Medicine were running out" in text
    wipe()
    call_command("import_seeds", str(tmp_path), verbosity=0)
    again = Article.objects.get()
    assert (again.standfirst, again.body) == (article.standfirst, article.body)


@pytest.mark.django_db
def test_drafts_are_exported_too(tmp_path: Path) -> None:
    call_command("import_seeds", "--draft", str(REFERENCE_SEED), verbosity=0)
    export(tmp_path)
    assert (tmp_path / REFERENCE_NAME).exists()
