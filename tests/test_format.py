"""The seed parser: the contract of SEED_FORMAT.md, good and bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from articles.seeds.format import (
    MAX_SEED_BYTES,
    SUBHEADING,
    SeedFormatError,
    is_subheading,
    parse,
    read,
    render,
)
from tests.conftest import BAD, DATA, REFERENCE_SEED


def test_reference_seed_parses():
    seed = read(REFERENCE_SEED)
    assert seed.url.startswith("http://www.dnaindia.com/world/report-john-kerry-defends")
    assert (seed.line2, seed.line3) == ("180", "18")
    assert seed.standfirst.startswith("Russia blames the United States")
    assert len(seed.blocks) == 21
    assert len(seed.paragraphs) == 19
    assert [(i, b.text) for i, b in enumerate(seed.blocks) if b.kind == SUBHEADING] == [
        (10, "NO RESPITE"),
        (16, "DIPLOMACY"),
    ]


def test_render_is_the_inverse_of_parse_byte_for_byte():
    original = REFERENCE_SEED.read_bytes()
    assert render(parse(original)).encode() == original


def test_bom_crlf_and_trailing_blank_lines_are_tolerated():
    variant, reference = read(DATA / "good" / "bom_crlf.txt"), read(REFERENCE_SEED)
    assert render(variant) == render(reference)
    assert variant.blocks == reference.blocks


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NO RESPITE", True),
        ("DIPLOMACY", True),
        ("THE WAR IN SYRIA: WHAT NEXT?", False),  # closing punctuation
        ("ONE TWO THREE FOUR FIVE SIX SEVEN", False),  # more than six words
        ("Diplomacy", False),  # not in capitals
        ("NATO SAID NO.", False),
        ("2016", False),  # no letters
    ],
)
def test_subheading_rule(text, expected):
    assert is_subheading(text) is expected


@pytest.mark.parametrize(
    ("filename", "line", "rule"),
    [
        ("empty.txt", None, "file is empty"),
        ("too_few_lines.txt", 3, "expected at least 5 lines"),
        ("relative_url.txt", 1, "expected an absolute http(s) URL"),
        ("ftp_url.txt", 1, "expected an absolute http(s) URL"),
        ("line2_not_integer.txt", 2, "expected a non-negative integer, got 'abc'"),
        ("line3_negative.txt", 3, "expected a non-negative integer, got '-18'"),
        ("empty_standfirst.txt", 4, "the standfirst is empty"),
        ("line5_not_empty.txt", 5, "expected an empty line after the standfirst"),
        ("no_body.txt", 5, "the body is missing"),
        ("not_utf8.txt", 6, "not UTF-8"),
        ("nul_byte.txt", 6, "NUL byte"),
    ],
)
def test_bad_file_names_file_line_and_rule(filename, line, rule):
    path = BAD / filename
    with pytest.raises(SeedFormatError) as caught:
        read(path)
    error = caught.value
    assert (error.file, error.line) == (str(path), line)
    assert rule in error.rule
    prefix = f"{path}:{line}: " if line else f"{path}: "
    assert str(error).startswith(prefix)


def test_file_over_the_size_limit_is_refused(tmp_path: Path):
    big = tmp_path / "big.txt"
    big.write_bytes(REFERENCE_SEED.read_bytes() + b"\n\n" + b"x" * MAX_SEED_BYTES)
    with pytest.raises(SeedFormatError, match="larger than"):
        read(big)


def test_directory_is_refused(tmp_path: Path):
    with pytest.raises(SeedFormatError, match="is a directory"):
        read(tmp_path)


def test_unreadable_path_is_refused(tmp_path: Path):
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "missing.txt")
    with pytest.raises(SeedFormatError, match="cannot be read"):
        read(dangling)


def test_body_of_only_subheadings_is_refused():
    data = b"https://example.com/a/b-1234\n1\n2\nA standfirst.\n\nONLY A HEADING"
    with pytest.raises(SeedFormatError, match=":6: the body has only subheadings"):
        parse(data, "x.txt")
