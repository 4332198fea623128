"""What an import did with each file (:class:`Outcome`, :class:`FileResult`) and its counts."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace


class Outcome(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"
    FAILED = "failed"
    # The same article as an earlier file of the run: not applied. (Last, so the summary
    # still starts as it did.)
    DUPLICATE = "duplicate"
    # A file in a seed directory that is not a seed (not ``*.txt``): named, not read.
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class FileResult:
    path: str
    outcome: Outcome
    message: str = ""
    article_id: int | None = None
    # A conflict's seed file as read (``seeds.export.seed_text`` of its draft), which an
    # editor may take from the admin instead of their version; "" for every other outcome.
    seed: str = ""


class ImportSummary:
    """Counts per outcome, and every failure's, conflict's and duplicate's message, in order."""

    # Outcomes whose message the summary keeps and the command prints at the end.
    PROBLEMS = (Outcome.FAILED, Outcome.CONFLICT, Outcome.DUPLICATE)

    def __init__(self) -> None:
        self.counts = {outcome: 0 for outcome in Outcome}
        self.problems: list[FileResult] = []

    def add(self, result: FileResult) -> None:
        self.counts[result.outcome] += 1
        if result.outcome in self.PROBLEMS:
            # The message is what is printed; a conflict's seed would only fill memory.
            self.problems.append(replace(result, seed="") if result.seed else result)

    @property
    def failed(self) -> int:
        return self.counts[Outcome.FAILED]

    @property
    def conflicts(self) -> int:
        return self.counts[Outcome.CONFLICT]

    @property
    def files(self) -> int:
        """Files done so far, skipped ones included."""
        return sum(self.counts.values())

    def __str__(self) -> str:
        return ", ".join(f"{self.counts[o]} {o.value}" for o in Outcome)

    def brief(self) -> str:
        """The counts that are not zero, for the progress line (which must fit a terminal)."""
        return ", ".join(f"{n:,} {o.value}" for o, n in self.counts.items() if n)
