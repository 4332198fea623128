"""Floors for tests/data/real2, the second blind set of real news articles (see its README).

Measured blind on main at ba5ba1b, before any rule was written for these articles (strict):
det P 0.991, det R 0.973, attribution 0.874, end-to-end F1 0.860. The set was then opened for
development (rules with invented-sentence tests in ``test_quote_international_copy.py``): 0.984.
The floors sit just below that: a regression guard, not a target.
"""

from __future__ import annotations

from pathlib import Path

REAL2 = Path(__file__).parent / "data" / "real2"
REAL2_FLOORS = {"precision": 0.98, "recall": 0.96, "attribution": 0.97, "e2e_f1": 0.97}


def test_real2_articles_do_not_regress() -> None:
    from articles.seeds.evaluate import evaluate_dir

    report = evaluate_dir(REAL2)
    assert len(report.rows) >= 25
    total = report.total
    for figure, floor in REAL2_FLOORS.items():
        assert getattr(total, figure) >= floor, f"{figure}\n{report.format_table()}"


def test_real2_truth_files_are_complete() -> None:
    import json

    for truth in sorted(REAL2.glob("*.json")):
        data = json.loads(truth.read_text(encoding="utf-8"))
        assert set(data) == {"url", "source_domain", "quotes", "entities", "not_quotes"}, truth
        assert (REAL2 / f"{truth.stem}.txt").exists(), truth
        for quote in data["quotes"]:
            if quote["speaker"] is None:
                assert quote.get("resolved_by") == "none", (truth, quote)
