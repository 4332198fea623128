"""``extract_quotes`` and ``evaluate_quotes`` through the command line interface."""

from __future__ import annotations

import json
import shutil
from io import StringIO

import pytest
from django.core.management import call_command

from tests.conftest import EXAMPLES, REFERENCE_SEED


def test_extract_quotes_json_shape():
    out = StringIO()
    call_command("extract_quotes", str(REFERENCE_SEED), str(EXAMPLES), "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert len(result) == 13
    quotes = result[REFERENCE_SEED.name]
    assert len(quotes) == 13
    assert set(quotes[0]) == {"block", "text", "speaker", "role", "partial", "start", "end"}
    assert quotes[0]["text"] == "intrepid but delusional"
    assert quotes[-1] == {
        **quotes[-1],
        "speaker": "Dmitry Peskov",
        "role": "Kremlin spokesman",
        "partial": True,
        "block": 19,
    }


def test_extract_quotes_touches_no_database():
    # No django_db mark: pytest-django makes any database access here an error.
    call_command("extract_quotes", str(REFERENCE_SEED), stdout=StringIO())


def test_evaluate_quotes_meets_the_bar_on_the_examples():
    """The acceptance bar of the quotes issue, through the command a CI job would run."""
    out = StringIO()
    call_command("evaluate_quotes", str(EXAMPLES), "--min-f1", "0.92", stdout=out)
    table = out.getvalue()
    total = next(line for line in table.splitlines() if line.startswith("TOTAL")).split()
    _det_p, _det_r, attribution, e2e_p, e2e_r, _f1, tag_recall = map(float, total[1:])
    assert e2e_p >= 0.95 and e2e_r >= 0.90 and attribution >= 0.95 and tag_recall >= 0.8


def test_evaluate_quotes_exits_1_below_min_f1(tmp_path):
    for name in ["001_dutch_coalition.txt", "001_dutch_coalition.json"]:
        shutil.copy(EXAMPLES / name, tmp_path)
    truth = json.loads((tmp_path / "001_dutch_coalition.json").read_text())
    for quote in truth["quotes"]:
        quote["speaker"] = "Somebody Else"
    (tmp_path / "001_dutch_coalition.json").write_text(json.dumps(truth))
    with pytest.raises(SystemExit) as exit:
        call_command(
            "evaluate_quotes",
            str(tmp_path),
            "--min-f1",
            "0.5",
            stdout=StringIO(),
            stderr=StringIO(),
        )
    assert exit.value.code == 1


def test_evaluate_quotes_refuses_a_missing_directory():
    with pytest.raises(Exception) as caught:
        call_command("evaluate_quotes", "/nonexistent")
    assert getattr(caught.value, "returncode", None) == 2


def test_evaluate_quotes_lenient_summary_prints_one_line_per_set():
    """What `make eval` runs: the shared scorer's lenient figures, one line per directory."""
    lenient = EXAMPLES.parent / "lenient"
    out = StringIO()
    call_command(
        "evaluate_quotes", str(lenient), str(EXAMPLES), "--lenient", "--summary", stdout=out
    )
    lines = out.getvalue().splitlines()
    assert lines[0].split()[:3] == ["set", "files", "quotes"]
    row = next(line for line in lines if line.startswith(str(lenient)[-36:])).split()
    assert row[1:] == ["3", "20", "0.952", "1.000", "0.882", "0.833", "0.882", "0.857"]
    assert any(line.startswith(str(EXAMPLES)[-36:]) for line in lines)
