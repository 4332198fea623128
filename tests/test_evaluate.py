"""The evaluation harness, and the quality bar on the example articles."""

from __future__ import annotations

from pathlib import Path

from articles.seeds.evaluate import Report, evaluate_dir

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
