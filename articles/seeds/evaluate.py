"""Score quote and tag extraction against the truth JSON beside each example seed. Pure Python.

``evaluate_dir(path)`` reads every ``NNN*.json`` with its ``.txt`` and reports, per file and in
total, quote detection precision/recall, attribution accuracy, end-to-end P/R/F1 and tag recall.
``lenient=True`` matches texts and speakers by the shared PolNeAR scorer's rules (``scoring``).
A truth quote marked ``"resolved_by": "none"`` (the truth could not say who spoke) is scored for
detection only: it is left out of attribution, and a prediction matched to it is neither right nor
wrong end to end, exactly as the shared scorer counts it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .format import ParsedSeed, read
from .quotes import normalise_quote_text
from .scoring import (
    match_one_to_one,
    same_speaker_lenient,
    same_speaker_strict,
    text_match_lenient,
    text_match_strict,
)
from .understand import understand

__all__ = ["FileScore", "Report", "evaluate_dir", "evaluate_seed", "format_summary"]


def _ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


@dataclass(slots=True)
class FileScore:
    """Counts for one article; the ratios are derived so totals can simply add counts."""

    name: str
    truth: int = 0  # quotes in the truth
    found: int = 0  # quotes extracted
    matched: int = 0  # extracted spans that match a truth span
    attributed: int = 0  # matched and the speaker is right
    unscorable: int = 0  # truth quotes marked "resolved_by": "none": detection only
    unscorable_matched: int = 0  # extracted spans matched to one of those
    entities: int = 0
    entities_recalled: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return _ratio(self.matched, self.found)

    @property
    def recall(self) -> float:
        return _ratio(self.matched, self.truth)

    @property
    def attribution(self) -> float:
        return _ratio(self.attributed, self.matched - self.unscorable_matched)

    @property
    def e2e_precision(self) -> float:
        return _ratio(self.attributed, self.found - self.unscorable_matched)

    @property
    def e2e_recall(self) -> float:
        return _ratio(self.attributed, self.truth - self.unscorable)

    @property
    def e2e_f1(self) -> float:
        p, r = self.e2e_precision, self.e2e_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def tag_recall(self) -> float:
        return _ratio(self.entities_recalled, self.entities)


@dataclass(slots=True)
class Report:
    """Per-file rows and their total; ``format_table()`` prints them."""

    rows: list[FileScore]
    total: FileScore

    def format_table(self) -> str:
        head = (
            f"{'file':<36} {'det P':>6} {'det R':>6} {'attr':>6} "
            f"{'e2e P':>6} {'e2e R':>6} {'e2e F1':>6} {'tags R':>6}"
        )
        lines = [head, "-" * len(head)]
        for row in [*self.rows, self.total]:
            if row is self.total:
                lines.append("-" * len(head))
            lines.append(
                f"{row.name[:36]:<36} {row.precision:6.3f} {row.recall:6.3f} "
                f"{row.attribution:6.3f} {row.e2e_precision:6.3f} {row.e2e_recall:6.3f} "
                f"{row.e2e_f1:6.3f} {row.tag_recall:6.3f}"
            )
        misses = [m for row in self.rows for m in row.misses]
        if misses:
            lines.append("")
            lines.extend(misses)
        return "\n".join(lines)


def format_summary(reports: dict[str, Report]) -> str:
    """One line per truth set: its size and its total figures (what ``make eval`` prints)."""
    head = (
        f"{'set':<36} {'files':>5} {'quotes':>6} {'det P':>6} {'det R':>6} {'attr':>6} "
        f"{'e2e P':>6} {'e2e R':>6} {'e2e F1':>6}"
    )
    lines = [head, "-" * len(head)]
    for label, report in reports.items():
        total = report.total
        lines.append(
            f"{label[-36:]:<36} {len(report.rows):>5} {total.truth:>6} {total.precision:6.3f} "
            f"{total.recall:6.3f} {total.attribution:6.3f} {total.e2e_precision:6.3f} "
            f"{total.e2e_recall:6.3f} {total.e2e_f1:6.3f}"
        )
    return "\n".join(lines)


def evaluate_seed(
    seed: ParsedSeed, truth: dict, name: str = "", *, lenient: bool = False
) -> FileScore:
    """Score one parsed seed against its truth dictionary, read exactly as the importer reads
    it (``understand``), so the figures are the product's, headline included."""
    score = FileScore(name or seed.name)
    draft = understand(seed)
    quotes = draft.quotes
    want = truth["quotes"]
    score.truth = len(want)
    score.found = len(quotes)
    score.unscorable = sum(_unscorable(t) for t in want)
    pairs = match_one_to_one(
        [(q.block, q.text) for q in quotes],
        [(t["block"], t["text"]) for t in want],
        text_match_lenient if lenient else text_match_strict,
    )
    same_speaker = same_speaker_lenient if lenient else same_speaker_strict
    matched_truth = {ti for _fi, ti in pairs}
    matched_found = {fi for fi, _ti in pairs}
    for fi, q in enumerate(quotes):
        if fi not in matched_found:
            score.misses.append(f"{score.name}: extra quote in block {q.block}: {q.text[:60]!r}")
    for fi, ti in sorted(pairs):
        q, t = quotes[fi], want[ti]
        score.matched += 1
        if _unscorable(t):
            score.unscorable_matched += 1
        elif same_speaker(q.speaker, t["speaker"]):
            score.attributed += 1
        else:
            score.misses.append(
                f"{score.name}: block {q.block} speaker {q.speaker!r}, want {t['speaker']!r}"
            )
    for ti, t in enumerate(want):
        if ti not in matched_truth:
            score.misses.append(
                f"{score.name}: missed quote in block {t['block']}: "
                f"{normalise_quote_text(t['text'])[:60]!r}"
            )
    tags = draft.tags
    forms = {t.name.casefold() for t in tags} | {a.casefold() for t in tags for a in t.aliases}
    forms = {normalise_quote_text(f) for f in forms}
    for entity in truth.get("entities", []):
        score.entities += 1
        if normalise_quote_text(entity).casefold() in forms:
            score.entities_recalled += 1
        else:
            score.misses.append(f"{score.name}: entity not in tags: {entity!r}")
    return score


def _unscorable(truth_quote: dict) -> bool:
    """The truth marks who spoke as unknown ("officials", an unresolved "he"): detection only."""
    return truth_quote.get("resolved_by") == "none"


def evaluate_dir(path: str | os.PathLike[str], *, lenient: bool = False) -> Report:
    """Evaluate every ``*.json`` truth file in ``path`` against its ``.txt`` seed."""
    rows = []
    for truth_path in sorted(Path(path).glob("*.json")):
        seed_path = truth_path.with_suffix(".txt")
        if not seed_path.exists():
            continue
        seed = read(seed_path)
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        rows.append(evaluate_seed(seed, truth, truth_path.stem, lenient=lenient))
    total = FileScore("TOTAL")
    for row in rows:
        for counter in (
            "truth",
            "found",
            "matched",
            "attributed",
            "unscorable",
            "unscorable_matched",
            "entities",
            "entities_recalled",
        ):
            setattr(total, counter, getattr(total, counter) + getattr(row, counter))
    return Report(rows, total)


if __name__ == "__main__":  # pragma: no cover - a convenience for the command line
    import sys

    print(evaluate_dir(sys.argv[1] if len(sys.argv) > 1 else "tests/data/examples").format_table())
