"""Backups: ``manage.py export_seeds DIR`` writes every article back as a seed file; importing the
export into an empty database gives the same articles; an unedited import exports byte for byte."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from articles.seeds.export import SeedRow, export_seeds, seed_filename, seed_text
from articles.seeds.format import SeedFormatError, parse
from tests.conftest import EXAMPLES, REFERENCE_SEED, run_import_seeds
from tests.seedgen import (
    snapshot,
    snapshot_differences,
    without_tag_kinds,
    write_generated_seeds,
)
from tests.test_bad_input import FUZZ, LINE_TEXT, near_valid_seeds

REFERENCE_LINES = REFERENCE_SEED.read_text(encoding="utf-8").split("\n")
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


# Byte-identical exports, whatever the file's layout ---------------------------------------------

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"


def every_good_seed() -> list[Path]:
    """Every seed file that parses, in seeds/ and tests/data (all but the bad corpus)."""
    data = Path(__file__).parent / "data"
    candidates = sorted(SEEDS_DIR.glob("*.txt")) + sorted(
        p for p in data.rglob("*.txt") if "bad" not in p.relative_to(data).parts
    )
    good = []
    for path in candidates:
        try:
            parse(path.read_bytes(), str(path))
        except SeedFormatError:
            continue
        good.append(path)
    return good


def layout_variants(data: bytes, tag: str = "") -> dict[str, bytes]:
    """The same seed laid out in every way the parser tolerates; with ``tag``, each variant's URL
    gets its own host (``<variant>-<tag>.<host>``) so that each is an article of its own."""
    text = data.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.rstrip("\n").split("\n")

    def with_url(name: str, lines: list[str]) -> list[str]:
        if not tag:
            return lines
        scheme, rest = lines[0].split("://", 1)
        return [f"{scheme}://{name}-{tag}.{rest}", *lines[1:]]

    def lf(name: str, lines: list[str], end: str = "") -> str:
        return "\n".join(with_url(name, lines)) + end

    body = lines[5:]
    variants = {
        "as-is": lf("as-is", lines),
        "final-newline": lf("final-newline", lines, "\n"),
        "crlf": lf("crlf", lines, "\n").replace("\n", "\r\n"),
        "crlf-no-final-newline": lf("crlf-no-final-newline", lines).replace("\n", "\r\n"),
        "cr": lf("cr", lines).replace("\n", "\r"),
        "bom": "\ufeff" + lf("bom", lines),
        "bom-crlf": "\ufeff" + lf("bom-crlf", lines, "\n").replace("\n", "\r\n"),
        "trailing-empty-lines": lf("trailing-empty-lines", lines, "\n\n\n \n"),
        "extra-blank-lines": lf("extra-blank-lines", [*lines[:5], *("\n" + b for b in body)]),
        "no-blank-lines": lf("no-blank-lines", [*lines[:5], *(b for b in body if b.strip())]),
        "blank-before-body": lf("blank-before-body", [*lines[:5], "", *body]),
        "whitespace-lines": lf("whitespace-lines", [x if x.strip() else " \t" for x in lines]),
        "spaces-around": lf("spaces-around", [f"  {x} " if x else x for x in lines]),
        "mixed-endings": "".join(
            line + ("\r\n", "\n", "\r")[i % 3] for i, line in enumerate(with_url("mixed", lines))
        ),
    }
    scheme, rest = with_url("upper-host", lines)[0].split("://", 1)
    host, _, path = rest.partition("/")
    variants["upper-host"] = "\n".join([f"{scheme.upper()}://{host.upper()}/{path}", *lines[1:]])
    return {name: variant.encode("utf-8") for name, variant in variants.items()}


def test_every_layout_variant_of_every_seed_is_rebuilt_byte_for_byte() -> None:
    from articles.seeds.format import join_blocks
    from articles.seeds.layout import apply_layout, layout_of
    from articles.seeds.url import normalise_url

    seeds = every_good_seed()
    assert len(seeds) >= 70
    for path in seeds:
        for name, data in layout_variants(path.read_bytes()).items():
            seed = parse(data, f"{path}:{name}")
            url = normalise_url(seed.url)
            body = join_blocks(seed.blocks)
            layout = layout_of(data, seed, url)
            assert "text" not in json.loads(layout or "{}"), (path, name)  # not copied whole
            rebuilt = apply_layout(layout, url, seed.line2, seed.line3, seed.standfirst, body)
            if layout:
                assert rebuilt.encode("utf-8") == data, (path, name)
            else:
                assert (
                    seed_text(
                        SeedRow(1, "s", "", url, seed.line2, seed.line3, seed.standfirst, body)
                    ).encode("utf-8")
                    == data
                )


def exported_by_url(directory: Path) -> dict[str, bytes]:
    from articles.seeds.url import normalise_url

    files = {}
    for path in directory.iterdir():
        data = path.read_bytes()
        files[normalise_url(parse(data).url)] = data
    return files


@pytest.mark.django_db
def test_every_unedited_seed_and_layout_variant_exports_byte_identical(tmp_path: Path) -> None:
    """Every seed of seeds/ and tests/data as it is, and the reference and two examples in every
    layout the parser tolerates (CRLF, CR, BOM, final newline or none, extra or missing empty
    lines, spaces, an upper-case host), imported and exported: the same bytes."""
    from articles.seeds.url import normalise_url

    originals: dict[str, list[Path]] = {}
    for path in every_good_seed():
        originals.setdefault(normalise_url(parse(path.read_bytes()).url), []).append(path)
    variants_dir = tmp_path / "variants"
    variants_dir.mkdir()
    picked = [REFERENCE_SEED, *sorted(EXAMPLES.glob("*.txt"))[:2]]
    for n, path in enumerate(picked):
        for name, data in layout_variants(path.read_bytes(), tag=f"v{n}").items():
            variant = variants_dir / f"{n}-{name}.txt"
            variant.write_bytes(data)
            originals.setdefault(normalise_url(parse(data).url), []).append(variant)
    # Files that share a URL are one article: import them a round at a time, each round
    # exported and compared (a later file with other content updates the article).
    rounds = max(len(paths) for paths in originals.values())
    assert rounds >= 2  # tests/data/good/bom_crlf.txt has the reference's URL
    for round_ in range(rounds):
        files = {url: paths[round_] for url, paths in originals.items() if len(paths) > round_}
        code, _out, err = run_import_seeds(*map(str, files.values()))
        assert code == 0, err
        out = tmp_path / f"export-{round_}"
        export(out)
        exported = exported_by_url(out)
        for url, path in files.items():
            assert exported[url] == path.read_bytes(), f"{path} exports differently"


@pytest.mark.django_db
def test_an_edited_crlf_seed_exports_in_the_canonical_layout(tmp_path: Path) -> None:
    from articles.models import Article

    crlf = layout_variants(REFERENCE_SEED.read_bytes())["bom-crlf"]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "seed.txt").write_bytes(crlf)
    call_command("import_seeds", str(tmp_path / "in"), verbosity=0)
    export(tmp_path / "before")
    assert (tmp_path / "before" / REFERENCE_NAME).read_bytes() == crlf
    article = Article.objects.get()
    article.tags.add("An editor's tag")  # not in the seed file: still its own bytes
    export(tmp_path / "tagged")
    assert (tmp_path / "tagged" / REFERENCE_NAME).read_bytes() == crlf
    article.body = article.body.replace("Medical supplies", "Medicine")
    article.save()
    export(tmp_path / "after")
    edited = (tmp_path / "after" / REFERENCE_NAME).read_bytes()
    assert b"\r" not in edited and not edited.startswith(b"\xef\xbb\xbf")
    assert edited == REFERENCE_SEED.read_bytes().replace(b"Medical supplies", b"Medicine")


# Any file the parser accepts: its layout rebuilds it exactly --------------------------------------


@st.composite
def laid_out_seeds(draw: st.DrawFn) -> bytes:
    """Seeds built line by line with any line ending per line, a BOM or none, whitespace
    around lines and runs of empty or blank lines."""
    blank = st.sampled_from(["", " ", "\t", " \u2028", "\x0b", "\x85 "])
    url = st.sampled_from(
        [REFERENCE_LINES[0], "HTTPS://Example.COM/world/a-b-c-12#top", "http://x.org/?p=1"]
    )
    number = st.from_regex(r"[0-9]{1,4}", fullmatch=True)
    head = [url, number, number, LINE_TEXT.filter(str.strip)]
    lines = [draw(blank) + draw(part) + draw(blank) for part in head] + [draw(blank)]
    for _ in range(draw(st.integers(1, 6))):
        lines += [draw(blank) for _ in range(draw(st.integers(0, 3)))]
        lines.append(draw(blank) + draw(LINE_TEXT) + draw(blank))
    lines += [draw(blank) for _ in range(draw(st.integers(0, 3)))]
    text = "".join(line + draw(st.sampled_from(["\n", "\r\n", "\r"])) for line in lines[:-1])
    return (draw(st.sampled_from(["", "\ufeff"])) + text + lines[-1]).encode("utf-8")


def check_layout(data: bytes) -> None:
    from articles.seeds.format import join_blocks
    from articles.seeds.layout import layout_of
    from articles.seeds.url import normalise_url

    try:
        seed = parse(data)
    except SeedFormatError:
        return
    url = normalise_url(seed.url)
    body = join_blocks(seed.blocks)
    layout = layout_of(data, seed, url)
    assert "text" not in json.loads(layout or "{}")  # described, not copied whole
    row = SeedRow(1, "s", "", url, seed.line2, seed.line3, seed.standfirst, body, layout)
    assert seed_text(row).encode("utf-8") == data


@FUZZ
@given(laid_out_seeds())
def test_any_layout_of_a_seed_built_line_by_line_exports_byte_identical(data: bytes) -> None:
    check_layout(data)


@FUZZ
@given(near_valid_seeds())
def test_any_layout_of_a_mutated_reference_seed_exports_byte_identical(data: bytes) -> None:
    check_layout(data)
