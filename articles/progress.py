"""The import's progress line: done of total, rate and time left (plain Python, no Django)."""

from __future__ import annotations

import time
from collections.abc import Callable


def duration(seconds: float) -> str:
    """``h:mm:ss`` (or ``m:ss`` under an hour), for a time left."""
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"


class Progress:
    """How far a run of ``total`` items has got (``total`` None: not known yet, "of ?").

    The rate is over the whole run so far (files differ in size, a batch's commit pauses the
    results): steadier than over the last few seconds. The time left needs the total.
    """

    def __init__(
        self, total: int | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.total = total
        self.clock = clock
        self.started = clock()
        self.done = 0

    def line(self, done: int, detail: str = "") -> str:
        self.done = done
        elapsed = self.clock() - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        total = "?" if self.total is None else f"{self.total:,}"
        parts = [f"{done:,} of {total} files", f"{rate:,.0f} files/s"]
        if self.total is not None and rate > 0:
            parts.append(f"ETA {duration(max(0, self.total - done) / rate)}")
        else:
            parts.append("ETA ?")
        if detail:
            parts.append(f"({detail})")
        return ", ".join(parts)
