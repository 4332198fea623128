"""What changed between two revisions of an article, for editors to read: plain Python.

Text fields (headline, standfirst, body) are compared paragraph by paragraph, then word by
word inside a changed paragraph, as Wagtail and WordPress show them; everything else an
article's revision holds (status, date, section, tags, quotes, corrections) as a list of
what was added, removed or changed.

difflib's matcher can take time in the product of its two sequences' lengths, and a body may
be megabytes (``articles.seeds.limits.MAX_SEED_BYTES``). So the common start and end are cut
off first (linear: most edits touch a few words of a long text), the matcher only ever sees
what is left when that is small enough, and a whole comparison has a budget of such work:
past it, a changed paragraph is shown deleted and inserted whole. The cost stays linear in
the text's length, whatever the text.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from articles.seeds.quotes import normalise_quote_text

EQUAL, DELETE, INSERT = "equal", "delete", "insert"
CHANGED, SKIPPED = "changed", "skipped"

# The matcher runs on what is left between the common start and end only when the product of
# the two sides' lengths is at most this (tokens for words, paragraphs for a body)...
MAX_MATCH_WORK = 1_000_000
# ...and a whole comparison stops matching words once it has spent this much.
MAX_TOTAL_WORK = 3_000_000
# Unchanged paragraphs shown around a change; longer runs of them are folded.
CONTEXT_PARAGRAPHS = 1

_TOKENS = re.compile(r"\w+|\s+|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text that is in both versions (``equal``), only the old or only the new."""

    op: str
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of the comparison: ``equal`` and ``changed`` ones hold segments,
    ``delete`` and ``insert`` ones one segment (the whole paragraph), ``skipped`` stands for
    ``count`` unchanged paragraphs not shown."""

    op: str
    segments: tuple[Segment, ...] = ()
    count: int = 0


@dataclass
class Budget:
    """Matching work left for one comparison (see the module's docstring)."""

    left: int = MAX_TOTAL_WORK

    def spend(self, work: int) -> bool:
        """Whether ``work`` may be spent (and, if so, spend it)."""
        if work > MAX_MATCH_WORK or work > self.left:
            return False
        self.left -= work
        return True


def tokens(text: str) -> list[str]:
    """Words, runs of white space and single other characters: joined, the text again."""
    return _TOKENS.findall(text)


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs: its non-empty lines, stripped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _trim(a: Sequence[Hashable], b: Sequence[Hashable]) -> tuple[int, int]:
    """The lengths of the common start and of the common end (not overlapping it)."""
    start, most = 0, min(len(a), len(b))
    while start < most and a[start] == b[start]:
        start += 1
    end = 0
    while end < most - start and a[-1 - end] == b[-1 - end]:
        end += 1
    return start, end


def _opcodes(
    a: Sequence[Hashable], b: Sequence[Hashable], budget: Budget
) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes for ``a`` -> ``b``, matching only the middle the two do not share,
    and that only within the budget (else the middle is one ``replace``)."""
    start, end = _trim(a, b)
    codes: list[tuple[str, int, int, int, int]] = []
    if start:
        codes.append(("equal", 0, start, 0, start))
    a_end, b_end = len(a) - end, len(b) - end
    middle_a, middle_b = a[start:a_end], b[start:b_end]
    if middle_a or middle_b:
        if middle_a and middle_b and budget.spend(len(middle_a) * len(middle_b)):
            matcher = difflib.SequenceMatcher(None, middle_a, middle_b, autojunk=False)
            for op, i1, i2, j1, j2 in matcher.get_opcodes():
                codes.append((op, i1 + start, i2 + start, j1 + start, j2 + start))
        else:
            codes.append(("replace", start, a_end, start, b_end))
    if end:
        codes.append(("equal", a_end, len(a), b_end, len(b)))
    return codes


def word_diff(old: str, new: str, budget: Budget | None = None) -> tuple[Segment, ...]:
    """``old`` -> ``new`` as segments, word by word. Changes separated only by white space
    are shown as one, so that a rewritten phrase reads as a phrase, not a zebra."""
    budget = budget or Budget()
    a, b = tokens(old), tokens(new)
    segments: list[Segment] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        if deleted:
            segments.append(Segment(DELETE, "".join(deleted)))
        if inserted:
            segments.append(Segment(INSERT, "".join(inserted)))
        deleted.clear()
        inserted.clear()

    codes = _opcodes(a, b, budget)
    for index, (op, i1, i2, j1, j2) in enumerate(codes):
        if op == "equal":
            text = "".join(a[i1:i2])
            between = 0 < index < len(codes) - 1 and (deleted or inserted)
            if between and not text.strip():  # white space between two changes: join them
                deleted.append(text)
                inserted.append(text)
                continue
            flush()
            segments.append(Segment(EQUAL, text))
        else:
            deleted.extend(a[i1:i2])
            inserted.extend(b[j1:j2])
    flush()
    return tuple(_merge(segments))


def _merge(segments: Iterable[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for segment in segments:
        if merged and merged[-1].op == segment.op:
            merged[-1] = Segment(segment.op, merged[-1].text + segment.text)
        elif segment.text:
            merged.append(segment)
    return merged


def text_diff(old: str, new: str, budget: Budget | None = None) -> list[Paragraph]:
    """``old`` -> ``new`` paragraph by paragraph: unchanged paragraphs far from a change are
    folded (``skipped``), a changed one is compared word by word, and paragraphs with no
    counterpart, or nothing in common with theirs, are deleted or inserted whole (but for a
    text of one line each, such as a headline)."""
    budget = budget or Budget()
    a, b = paragraphs(old), paragraphs(new)
    shown: list[Paragraph] = []
    for op, i1, i2, j1, j2 in _opcodes(a, b, budget):
        if op == "equal":
            shown.extend(Paragraph(EQUAL, (Segment(EQUAL, text),)) for text in a[i1:i2])
            continue
        old_part, new_part = a[i1:i2], b[j1:j2]
        for index in range(max(len(old_part), len(new_part))):
            before = old_part[index] if index < len(old_part) else None
            after = new_part[index] if index < len(new_part) else None
            if before is None:
                shown.append(Paragraph(INSERT, (Segment(INSERT, after or ""),)))
            elif after is None:
                shown.append(Paragraph(DELETE, (Segment(DELETE, before),)))
            else:
                segments = word_diff(before, after, budget)
                one_line = len(a) == len(b) == 1  # a headline: one line, however changed
                if one_line or any(s.op == EQUAL and s.text.strip() for s in segments):
                    shown.append(Paragraph(CHANGED, segments))
                else:  # nothing in common: two paragraphs, not one garbled
                    shown.append(Paragraph(DELETE, (Segment(DELETE, before),)))
                    shown.append(Paragraph(INSERT, (Segment(INSERT, after),)))
    return fold(shown)


def fold(shown: list[Paragraph], context: int = CONTEXT_PARAGRAPHS) -> list[Paragraph]:
    """Unchanged paragraphs more than ``context`` away from a change, as ``skipped`` runs."""
    near = [False] * len(shown)
    for index, paragraph in enumerate(shown):
        if paragraph.op != EQUAL:
            for k in range(max(0, index - context), min(len(shown), index + context + 1)):
                near[k] = True
    folded: list[Paragraph] = []
    for paragraph, keep in zip(shown, near, strict=True):
        if keep or paragraph.op != EQUAL:
            folded.append(paragraph)
        elif folded and folded[-1].op == SKIPPED:
            folded[-1] = Paragraph(SKIPPED, count=folded[-1].count + 1)
        else:
            folded.append(Paragraph(SKIPPED, count=1))
    return folded


# --- everything else a revision holds -------------------------------------------------------


@dataclass
class Snapshot:
    """One article as a revision holds it, in plain values: its own fields (by attribute
    name), its tags' names, its quotes (dicts with ``text``, ``speaker`` (a name or ""),
    ``role``) and corrections (dicts with ``id`` and ``note``)."""

    fields: Mapping[str, object]
    tags: Iterable[str] = ()
    quotes: Sequence[Mapping[str, str]] = ()
    corrections: Sequence[Mapping[str, object]] = ()


@dataclass(frozen=True, slots=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class QuoteChange:
    """A quote added, removed, or whose speaker (or role) changed."""

    op: str  # insert, delete or changed
    text: str
    speaker: str = ""
    old_speaker: str = ""
    role: str = ""
    old_role: str = ""


@dataclass
class Comparison:
    texts: list[tuple[str, list[Paragraph]]] = field(default_factory=list)
    fields: list[FieldChange] = field(default_factory=list)
    tags_added: list[str] = field(default_factory=list)
    tags_removed: list[str] = field(default_factory=list)
    quotes: list[QuoteChange] = field(default_factory=list)
    corrections: list[tuple[str, list[Paragraph]]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.texts
            or self.fields
            or self.tags_added
            or self.tags_removed
            or self.quotes
            or self.corrections
        )


TEXT_FIELDS = (("headline", "Headline"), ("standfirst", "Standfirst"), ("body", "Body"))


def compare(
    old: Snapshot,
    new: Snapshot,
    shown_fields: Sequence[tuple[str, str]] = (),
    show: Mapping[str, object] | None = None,
) -> Comparison:
    """Everything that differs from ``old`` to ``new``. ``shown_fields``: (attribute, label)
    of the other fields to compare, each shown through ``show[attribute]`` (a function of the
    value, giving text) when there is one; values that show the same are no change."""
    show = show or {}
    result = Comparison()
    budget = Budget()
    for name, label in TEXT_FIELDS:
        before, after = str(old.fields.get(name) or ""), str(new.fields.get(name) or "")
        if before != after:
            result.texts.append((label, text_diff(before, after, budget)))
    for name, label in shown_fields:
        render = show.get(name, lambda value: "" if value is None else str(value))
        before, after = render(old.fields.get(name)), render(new.fields.get(name))
        if before != after:
            result.fields.append(FieldChange(label, before or "—", after or "—"))
    old_tags, new_tags = set(old.tags), set(new.tags)
    result.tags_added = sorted(new_tags - old_tags, key=str.casefold)
    result.tags_removed = sorted(old_tags - new_tags, key=str.casefold)
    result.quotes = compare_quotes(old.quotes, new.quotes)
    result.corrections = compare_corrections(old.corrections, new.corrections, budget)
    return result


def compare_quotes(
    old: Sequence[Mapping[str, str]], new: Sequence[Mapping[str, str]]
) -> list[QuoteChange]:
    """Quotes matched by their text (white space and quote marks aside), in the new order,
    then the removed ones in the old order."""
    remaining: dict[str, list[Mapping[str, str]]] = {}
    for quote in old:
        remaining.setdefault(normalise_quote_text(quote["text"]), []).append(quote)
    changes: list[QuoteChange] = []
    for quote in new:
        matches = remaining.get(normalise_quote_text(quote["text"]))
        if not matches:
            changes.append(
                QuoteChange(INSERT, quote["text"], quote.get("speaker", ""), role=quote["role"])
            )
            continue
        before = matches.pop(0)
        if (before.get("speaker", ""), before["role"]) != (quote.get("speaker", ""), quote["role"]):
            changes.append(
                QuoteChange(
                    CHANGED,
                    quote["text"],
                    quote.get("speaker", ""),
                    before.get("speaker", ""),
                    quote["role"],
                    before["role"],
                )
            )
    for quotes in remaining.values():
        changes.extend(
            QuoteChange(DELETE, q["text"], q.get("speaker", ""), role=q["role"]) for q in quotes
        )
    return changes


def compare_corrections(
    old: Sequence[Mapping[str, object]],
    new: Sequence[Mapping[str, object]],
    budget: Budget | None = None,
) -> list[tuple[str, list[Paragraph]]]:
    """Corrections matched by id: (``insert``/``delete``/``changed``, the note's diff)."""
    budget = budget or Budget()
    before = {c["id"]: str(c["note"]) for c in old}
    changes = []
    for correction in new:
        note = str(correction["note"])
        if correction["id"] not in before:
            changes.append((INSERT, text_diff("", note, budget)))
        elif before[correction["id"]] != note:
            changes.append((CHANGED, text_diff(before[correction["id"]], note, budget)))
    after = {c["id"] for c in new}
    changes.extend(
        (DELETE, text_diff(str(c["note"]), "", budget)) for c in old if c["id"] not in after
    )
    return changes
