"""Bad seeds: every malformed file gets a message naming file, line and rule; the good files of
the same run still import; nothing partial is left; the parser never fails any other way."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from django.db import IntegrityError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.seeds.format import (
    MAX_SEED_BYTES,
    ParsedSeed,
    SeedFormatError,
    check_url,
    parse,
    read,
    read_bytes,
    render,
)
from tests.conftest import BAD, DATA, REFERENCE_SEED, run_import_seeds

REFERENCE = REFERENCE_SEED.read_bytes()

# file in tests/data/bad -> (line, words of the rule); the older cases are in test_format.py.
NEW_BAD_FILES = {
    "utf16.txt": (1, "UTF-16"),
    "latin1.txt": (4, "not UTF-8 (byte 0xe9)"),
    "mixed_encoding.txt": (9, "not UTF-8 (byte 0x93)"),
    "binary_png.txt": (3, "NUL byte"),
    "url_too_long.txt": (1, "URL is longer than 2000 characters"),
    "line2_too_long.txt": (2, "more than 30 digits"),
    "line2_arabic_digits.txt": (2, "expected a non-negative integer"),
    "url_only_crlf.txt": (1, "expected at least 5 lines"),
    "bom_whitespace_only.txt": (None, "file is empty"),
    "host_quote.txt": (1, "characters not allowed in a host name: '\"'"),
    "host_angle_brackets.txt": (1, "characters not allowed in a host name: '<', '>'"),
    "host_empty_label.txt": (1, "has an empty label"),
}


@pytest.mark.parametrize(("filename", "expected"), NEW_BAD_FILES.items(), ids=list(NEW_BAD_FILES))
def test_bad_file_message_names_file_line_and_rule(filename: str, expected: tuple) -> None:
    line, rule = expected
    path = BAD / filename
    with pytest.raises(SeedFormatError) as caught:
        read(path)
    assert (caught.value.file, caught.value.line) == (str(path), line)
    assert rule in caught.value.rule
    assert str(caught.value).startswith(f"{path}:{line}: " if line else f"{path}: ")


def test_every_bad_file_is_refused() -> None:
    """Whatever lands in tests/data/bad must stay bad: a file there that parses is a test bug."""
    for path in sorted(BAD.iterdir()):
        with pytest.raises(SeedFormatError):
            read(path)


def test_bom_and_crlf_are_tolerated() -> None:
    raw = (DATA / "good" / "bom_crlf.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    assert render(read(DATA / "good" / "bom_crlf.txt")) == render(read(REFERENCE_SEED))


def test_a_50_mb_file_is_refused_after_reading_only_the_limit(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.write(REFERENCE)
        handle.truncate(50 * 1024 * 1024)  # sparse: instant, and no disk used
    started = time.monotonic()
    assert len(read_bytes(huge)) == MAX_SEED_BYTES + 1
    with pytest.raises(SeedFormatError, match=r"huge\.txt: file is larger than 5,242,880 bytes"):
        read(huge)
    assert time.monotonic() - started < 5


def test_symlink_loop_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    with pytest.raises(SeedFormatError, match=r"a\.txt: cannot be read \(Too many levels"):
        read(tmp_path / "a.txt")


def test_directory_named_like_a_seed_is_refused(tmp_path: Path) -> None:
    (tmp_path / "dir.txt").mkdir()
    with pytest.raises(SeedFormatError, match=r"dir\.txt: is a directory"):
        read(tmp_path / "dir.txt")


def test_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(SeedFormatError, match="is not a regular file"):
        read(fifo)


# --- property tests: the parser returns a ParsedSeed or raises SeedFormatError, nothing else ---

FUZZ = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


def check_outcome(data: bytes) -> ParsedSeed | None:
    """Parse ``data``; on success the result must keep every rule of the format, and render
    back to text that parses to the same seed."""
    try:
        seed = parse(data, "fuzz.txt")
    except SeedFormatError as error:
        assert error.file == "fuzz.txt"
        assert error.line is None or error.line >= 1
        assert str(error).startswith("fuzz.txt")
        return None
    assert isinstance(seed, ParsedSeed)
    assert check_url(seed.url) is None
    assert seed.line2.isascii() and seed.line2.isdigit()
    assert seed.line3.isascii() and seed.line3.isdigit()
    assert seed.standfirst and "\n" not in seed.standfirst
    assert seed.blocks and any(not block.is_subheading for block in seed.blocks)
    for block in seed.blocks:
        assert block.text and block.text == block.text.strip() and "\n" not in block.text
    again = parse(render(seed).encode("utf-8"), "fuzz.txt")
    assert (again.url, again.line2, again.line3, again.standfirst, again.blocks) == (
        seed.url,
        seed.line2,
        seed.line3,
        seed.standfirst,
        seed.blocks,
    )
    return seed


@FUZZ
@given(st.binary(max_size=4096))
def test_arbitrary_bytes(data: bytes) -> None:
    check_outcome(data)


REFERENCE_LINES = REFERENCE.decode("utf-8").split("\n")
LINE_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\n"), max_size=80
) | st.sampled_from(
    [
        "",
        " ",
        "-1",
        "0",
        "007",
        "１２",
        "NO RESPITE",
        "http://",
        "https://[::1",
        "https://example.com:99999/a",
        "\ufeff",
        "\r",
        "\u2028",
        "\x85",
        "\x0b",
        "javascript:alert(1)",
        '<script>alert("x")</script>',
    ]
)


@st.composite
def near_valid_seeds(draw: st.DrawFn) -> bytes:
    """The reference seed with a few line-level and byte-level mutations."""
    lines = list(REFERENCE_LINES)
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["replace", "insert", "delete", "swap", "truncate"]))
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        if action == "replace" and lines:
            lines[i] = draw(LINE_TEXT)
        elif action == "insert":
            lines.insert(i, draw(LINE_TEXT))
        elif action == "delete" and lines:
            del lines[i]
        elif action == "swap" and len(lines) > 1:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "truncate":
            lines = lines[: i + 1]
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    data = (draw(st.sampled_from(["", "\ufeff"])) + newline.join(lines)).encode("utf-8")
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=0, max_size=4)) + data[at + 1 :]
    return data


@FUZZ
@given(near_valid_seeds())
def test_near_valid_seeds(data: bytes) -> None:
    check_outcome(data)


@FUZZ
@given(
    url=LINE_TEXT,
    line2=LINE_TEXT,
    line3=LINE_TEXT,
    standfirst=LINE_TEXT,
    body=st.lists(LINE_TEXT, max_size=6),
)
def test_seeds_built_line_by_line(
    url: str, line2: str, line3: str, standfirst: str, body: list[str]
) -> None:
    check_outcome("\n".join([url, line2, line3, standfirst, "", *body]).encode("utf-8"))


# --- through the importer: bad files fail alone, good files of the same run import ------------


def counts() -> dict[str, int]:
    from articles.models import Article, Quote, Source, Speaker, Tag

    return {
        model.__name__: model.objects.count() for model in (Article, Quote, Source, Speaker, Tag)
    }


@pytest.mark.django_db
def test_whole_corpus_in_one_run_imports_only_the_good_files(tmp_path: Path) -> None:
    from articles.models import Article

    seeds = tmp_path / "seeds"
    shutil.copytree(BAD, seeds)
    shutil.copy(REFERENCE_SEED, seeds / "000_reference.txt")
    shutil.copy(DATA / "examples" / "001_dutch_coalition.txt", seeds / "zzz_last_good.txt")
    (seeds / "loop_a.txt").symlink_to(seeds / "loop_b.txt")
    (seeds / "loop_b.txt").symlink_to(seeds / "loop_a.txt")
    (seeds / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(seeds / "pipe.txt")
    with (seeds / "huge.txt").open("wb") as handle:
        handle.write(REFERENCE)
        handle.truncate(50 * 1024 * 1024)
    bad_names = sorted(p.name for p in seeds.iterdir() if "good" not in p.name)
    bad_names.remove("000_reference.txt")

    code, out, err = run_import_seeds(str(seeds))

    assert code == 1
    assert f"2 created, 0 updated, 0 unchanged, 0 conflict, {len(bad_names)} failed" in out
    for name in bad_names:
        assert f"FAILED {seeds / name}" in err, name
    assert "Traceback" not in err
    assert Article.objects.count() == 2
    for article in Article.objects.all():
        assert article.quotes.exists(), "a good article lost its quotes"


@pytest.mark.django_db
@pytest.mark.parametrize("filename", sorted(NEW_BAD_FILES))
def test_new_bad_file_alone_leaves_no_rows(filename: str) -> None:
    code, _, err = run_import_seeds(str(BAD / filename))
    assert code == 1 and f"FAILED {BAD / filename}" in err
    assert set(counts().values()) == {0}


@pytest.mark.django_db
def test_file_that_vanishes_mid_run(tmp_path: Path) -> None:
    """A directory is listed first, read file by file: one deleted in between fails alone
    (batches of one, so that b.txt is read after a.txt is saved)."""
    from articles.importer import Outcome, SeedImporter

    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(REFERENCE.replace(b"2259122", name.encode()[:1] + b"1"))
    shutil.copy(DATA / "examples" / "002_harbor_air_merger.txt", tmp_path / "c.txt")
    results = []
    for result in SeedImporter(batch_size=1).run([tmp_path]):
        results.append(result)
        if result.path.endswith("a.txt"):
            (tmp_path / "b.txt").unlink()
    assert [r.outcome for r in results] == [Outcome.CREATED, Outcome.FAILED, Outcome.CREATED]
    assert results[1].message == f"{tmp_path / 'b.txt'}: cannot be read (No such file or directory)"
    assert counts()["Article"] == 2


@pytest.mark.django_db
def test_a_failure_while_saving_rolls_the_whole_file_back(tmp_path: Path, monkeypatch) -> None:
    """A database error on one file (in the batch: before its rows are inserted; saved alone:
    after its article, quotes and tags are written): the batch is rolled back and saved again
    file by file, the others land and nothing of the failing file is left."""
    from articles.models import Article

    real_fingerprint = Article.fingerprint

    def fragile_fingerprint(self, *args, **kwargs):
        if "trips" in self.original_url:
            raise IntegrityError("simulated failure after rows were written")
        return real_fingerprint(self, *args, **kwargs)

    monkeypatch.setattr(Article, "fingerprint", fragile_fingerprint)
    shutil.copy(REFERENCE_SEED, tmp_path / "a.txt")
    (tmp_path / "b.txt").write_bytes(REFERENCE.replace(b"john-kerry", b"trips-kerry"))
    shutil.copy(DATA / "examples" / "002_harbor_air_merger.txt", tmp_path / "c.txt")
    code, out, err = run_import_seeds(str(tmp_path))
    assert code == 1 and "simulated failure" in err and str(tmp_path / "b.txt") in err
    assert "2 created" in out and "1 failed" in out
    assert not Article.objects.filter(original_url__contains="trips").exists()
    assert counts()["Article"] == 2
