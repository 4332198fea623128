"""Score quote and tag extraction against the truth JSON beside each example seed. Pure Python.

``evaluate_dir(path)`` reads every ``NNN*.json`` with its ``.txt`` and reports, per file and in
total, quote detection precision/recall, attribution accuracy, end-to-end P/R/F1 and tag recall.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .format import ParsedSeed, read
from .quotes import normalise_quote_text
from .understand import understand

__all__ = ["FileScore", "Report", "evaluate_dir", "evaluate_seed"]


def _ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


def _same_name(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is b
    return normalise_quote_text(a).casefold() == normalise_quote_text(b).casefold()


@dataclass(slots=True)
class FileScore:
    """Counts for one article; the ratios are derived so totals can simply add counts."""

    name: str
    truth: int = 0  # quotes in the truth
    found: int = 0  # quotes extracted
    matched: int = 0  # extracted spans that match a truth span
    attributed: int = 0  # matched and the speaker is right
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
        return _ratio(self.attributed, self.matched)

    @property
    def e2e_precision(self) -> float:
        return _ratio(self.attributed, self.found)

    @property
    def e2e_recall(self) -> float:
        return _ratio(self.attributed, self.truth)

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


def evaluate_seed(seed: ParsedSeed, truth: dict, name: str = "") -> FileScore:
    """Score one parsed seed against its truth dictionary, read exactly as the importer reads
    it (``understand``), so the figures are the product's, headline included."""
    score = FileScore(name or seed.name)
    draft = understand(seed)
    quotes = draft.quotes
    want = {(t["block"], normalise_quote_text(t["text"])): t for t in truth["quotes"]}
    score.truth = len(want)
    score.found = len(quotes)
    seen: set[tuple[int, str]] = set()
    for q in quotes:
        key = (q.block, normalise_quote_text(q.text))
        t = want.get(key)
        if t is None or key in seen:
            score.misses.append(f"{score.name}: extra quote in block {q.block}: {q.text[:60]!r}")
            continue
        seen.add(key)
        score.matched += 1
        if _same_name(q.speaker, t["speaker"]):
            score.attributed += 1
        else:
            score.misses.append(
                f"{score.name}: block {q.block} speaker {q.speaker!r}, want {t['speaker']!r}"
            )
    for key in want:
        if key not in seen:
            score.misses.append(f"{score.name}: missed quote in block {key[0]}: {key[1][:60]!r}")
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


def evaluate_dir(path: str | os.PathLike[str]) -> Report:
    """Evaluate every ``*.json`` truth file in ``path`` against its ``.txt`` seed."""
    rows = []
    for truth_path in sorted(Path(path).glob("*.json")):
        seed_path = truth_path.with_suffix(".txt")
        if not seed_path.exists():
            continue
        seed = read(seed_path)
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        rows.append(evaluate_seed(seed, truth, truth_path.stem))
    total = FileScore("TOTAL")
    for row in rows:
        total.truth += row.truth
        total.found += row.found
        total.matched += row.matched
        total.attributed += row.attributed
        total.entities += row.entities
        total.entities_recalled += row.entities_recalled
    return Report(rows, total)


if __name__ == "__main__":  # pragma: no cover - a convenience for the command line
    import sys

    print(evaluate_dir(sys.argv[1] if len(sys.argv) > 1 else "tests/data/examples").format_table())
