"""The evaluation harness, and the quality bar on the example articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from articles.seeds.evaluate import Report, evaluate_dir
from articles.seeds.scoring import same_speaker_lenient, text_match_lenient

EXAMPLES = Path(__file__).parent / "data" / "examples"


def test_examples_meet_the_bar() -> None:
    report = evaluate_dir(EXAMPLES)
    assert isinstance(report, Report)
    assert len(report.rows) == 12
    total = report.total
    assert total.truth == 130
    assert total.e2e_precision >= 0.95, report.format_table()
    assert total.e2e_recall >= 0.90, report.format_table()
    assert total.attribution >= 0.95, report.format_table()
    assert total.tag_recall >= 0.8, report.format_table()


def test_format_table_lists_every_file_and_total() -> None:
    table = evaluate_dir(EXAMPLES).format_table()
    assert "TOTAL" in table
    assert "001_dutch_coalition" in table
    assert "e2e F1" in table


def test_scores_count_misses(tmp_path: Path) -> None:
    (tmp_path / "001.txt").write_text(
        "https://example.com/x/y-1\n1\n2\nA summary.\n\n"
        '"It rained," said Hana Mori. The "Blue Line" opened.',
        encoding="utf-8",
    )
    (tmp_path / "001.json").write_text(
        '{"quotes": [{"block": 0, "text": "It rained,", "speaker": "Someone Else", '
        '"partial": false}, {"block": 0, "text": "missing", "speaker": "X", "partial": true}], '
        '"entities": ["Hana Mori"], "not_quotes": ["Blue Line"]}',
        encoding="utf-8",
    )
    report = evaluate_dir(tmp_path)
    row = report.rows[0]
    assert (row.truth, row.found, row.matched, row.attributed) == (2, 1, 1, 0)
    assert row.precision == 1.0 and row.recall == 0.5 and row.attribution == 0.0
    assert row.tag_recall == 1.0


# --- the lenient rule of the shared PolNeAR scorer ------------------------------------------

LENIENT = Path(__file__).parent / "data" / "lenient"


def test_lenient_scoring_gives_the_shared_scorers_figures() -> None:
    """Figures computed once by hand with ../shared/polnear/score_lenient.py (see the README of
    tests/data/lenient); the product's command must give the same counts."""
    total = evaluate_dir(LENIENT, lenient=True).total
    assert (total.truth, total.found, total.matched) == (20, 21, 20)
    assert (total.unscorable, total.unscorable_matched, total.attributed) == (3, 3, 15)
    assert total.precision == pytest.approx(20 / 21)
    assert total.recall == pytest.approx(1.0)
    assert total.attribution == pytest.approx(15 / 17)
    assert total.e2e_precision == pytest.approx(15 / 18)
    assert total.e2e_recall == pytest.approx(15 / 17)
    assert total.e2e_f1 == pytest.approx(2 * 15 / (18 + 17))


def test_strict_scoring_of_the_same_files_is_stricter() -> None:
    """Surnames, titles and a clipped text only count under the lenient rule."""
    total = evaluate_dir(LENIENT).total
    assert (total.matched, total.attributed) == (18, 1)


@pytest.mark.parametrize(
    ("found", "truth", "right"),
    [
        ("Jane Roe", "Roe", True),  # the surname, as the article writes it at that point
        ("Arthur Penhale", "Councillor Arthur Penhale", True),  # a title
        ("Maria Liddell", "Sen. Maria Liddell", True),  # an abbreviated title
        ("Clinton", "the Clinton campaign", True),  # one contained in the other
        ("Henry Boateng", "Henry Boateng, Jr.", True),  # a trailing Jr.
        ("Henry Boateng", "Boateng's office", False),  # last words differ: office
        ("Jr", "Cllr Henry Boateng, Jr.", False),
        ("Arthur Penhale", "The Penhale campaign", False),
        (None, "Roe", False),  # an empty name is never right
        (None, None, False),
    ],
)
def test_lenient_speaker_rule(found: str | None, truth: str | None, right: bool) -> None:
    assert same_speaker_lenient(found, truth) is right


@pytest.mark.parametrize(
    ("found", "truth", "score"),
    [
        ("We will appeal,", "We will appeal", 1.0),
        ("“We will appeal.”", '"We will appeal"', 1.0),
        ("I raised it twice, he said", "raised it twice, he said", 24 / 26),
        ("We start in April. There is no reason to wait.", "We start in April.", 0.0),
    ],
)
def test_lenient_text_rule(found: str, truth: str, score: float) -> None:
    assert text_match_lenient(found, truth) == pytest.approx(score)


def test_resolved_by_none_is_scored_for_detection_only(tmp_path: Path) -> None:
    (tmp_path / "001.txt").write_text(
        "https://example.com/x/y-1\n1\n2\nA summary.\n\n"
        'Officials said the levy would raise "two million a year".\n\n'
        '"It rained," said Hana Mori.',
        encoding="utf-8",
    )
    (tmp_path / "001.json").write_text(
        '{"quotes": [{"block": 0, "text": "two million a year", "speaker": "unnamed officials", '
        '"partial": true, "resolved_by": "none"}, {"block": 1, "text": "It rained,", '
        '"speaker": "Hana Mori", "partial": false}]}',
        encoding="utf-8",
    )
    for lenient in (False, True):
        row = evaluate_dir(tmp_path, lenient=lenient).rows[0]
        assert (row.truth, row.found, row.matched) == (2, 2, 2)
        assert (row.attributed, row.attribution, row.e2e_precision, row.e2e_recall) == (
            1,
            1.0,
            1.0,
            1.0,
        )
