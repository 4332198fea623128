"""The revision diff alone (articles/revision_compare.py): words, paragraphs, the rest of a
revision, and its cost on huge texts. Plain Python: no database."""

from __future__ import annotations

import time

from articles.revision_compare import (
    CHANGED,
    DELETE,
    EQUAL,
    INSERT,
    SKIPPED,
    Paragraph,
    Segment,
    Snapshot,
    compare,
    text_diff,
    tokens,
    word_diff,
)
from articles.seeds.limits import MAX_SEED_BYTES


def test_tokens_give_back_the_text():
    text = "Kerry said: “We’re  ready,”\tand left — 3.5 times."
    assert "".join(tokens(text)) == text


def test_word_diff_marks_only_the_changed_words():
    segments = word_diff("The minister said on Monday", "The minister said on Tuesday")
    assert segments == (
        Segment(EQUAL, "The minister said on "),
        Segment(DELETE, "Monday"),
        Segment(INSERT, "Tuesday"),
    )


def test_changes_separated_by_a_space_read_as_one_phrase():
    segments = word_diff("a big red dog barked", "a small blue dog barked")
    assert segments == (
        Segment(EQUAL, "a "),
        Segment(DELETE, "big red"),
        Segment(INSERT, "small blue"),
        Segment(EQUAL, " dog barked"),
    )


def test_old_and_new_are_rebuilt_from_the_segments():
    old, new = "One two three, four. Five six!", "One 2 three; four. Six six seven!"
    segments = word_diff(old, new)
    assert "".join(s.text for s in segments if s.op != INSERT) == old
    assert "".join(s.text for s in segments if s.op != DELETE) == new


def test_a_body_is_compared_paragraph_by_paragraph_and_unchanged_ones_folded():
    old = "\n\n".join(f"Paragraph {n} stays." for n in range(10))
    new = old.replace("Paragraph 5 stays.", "Paragraph 5 changed.") + "\n\nA new ending."
    shown = text_diff(old, new)
    ops = [p.op for p in shown]
    assert ops == [SKIPPED, EQUAL, CHANGED, EQUAL, SKIPPED, EQUAL, INSERT]
    assert shown[0].count == 4 and shown[4].count == 2
    assert Segment(DELETE, "stays") in shown[2].segments
    assert Segment(INSERT, "changed") in shown[2].segments
    assert shown[-1] == Paragraph(INSERT, (Segment(INSERT, "A new ending."),))


def test_a_deleted_paragraph_is_deleted_whole_and_the_rest_is_unchanged():
    old = "First.\n\nSecond goes.\n\nThird."
    shown = text_diff(old, "First.\n\nThird.")
    assert [p.op for p in shown] == [EQUAL, DELETE, EQUAL]


def test_paragraphs_with_nothing_in_common_are_not_interleaved():
    shown = text_diff("Same start.\n\nCompletely different words", "Same start.\n\nNothing alike")
    assert [p.op for p in shown] == [EQUAL, DELETE, INSERT]


def test_a_headline_rewritten_whole_stays_one_line():
    (shown,) = text_diff("Completely different words", "Nothing alike here")
    assert shown.segments == (
        Segment(DELETE, "Completely different words"),
        Segment(INSERT, "Nothing alike here"),
    )


def _snapshot(**fields) -> Snapshot:
    base = {"headline": "H", "standfirst": "S", "body": "B", "status": "draft", "section": "World"}
    return Snapshot(fields={**base, **fields.pop("fields", {})}, **fields)


def test_compare_lists_fields_tags_quotes_and_corrections():
    old = _snapshot(
        tags=["Kerry", "Iran"],
        quotes=[
            {"text": "We’re ready", "speaker": "John Kerry", "role": ""},
            {"text": "Gone now", "speaker": "", "role": ""},
        ],
        corrections=[{"id": 1, "note": "A name was misspelt."}],
    )
    new = _snapshot(
        fields={"status": "published", "section": "Politics"},
        tags=["Kerry", "Tehran"],
        quotes=[
            {"text": "We're  ready", "speaker": "Kerry aide", "role": "spokesman"},
            {"text": "Brand new", "speaker": "", "role": ""},
        ],
        corrections=[
            {"id": 1, "note": "A name was misspelled."},
            {"id": 2, "note": "A date was wrong."},
        ],
    )
    result = compare(old, new, [("status", "Status"), ("section", "Section")])
    assert result.texts == []
    assert [(f.label, f.old, f.new) for f in result.fields] == [
        ("Status", "draft", "published"),
        ("Section", "World", "Politics"),
    ]
    assert (result.tags_added, result.tags_removed) == (["Tehran"], ["Iran"])
    changed, added, removed = result.quotes
    assert (changed.op, changed.old_speaker, changed.speaker) == (
        CHANGED,
        "John Kerry",
        "Kerry aide",
    )
    assert (added.op, added.text) == (INSERT, "Brand new")
    assert (removed.op, removed.text) == (DELETE, "Gone now")
    assert [op for op, _ in result.corrections] == [CHANGED, INSERT]
    assert not result.empty
    assert compare(old, old).empty


def test_values_that_show_the_same_are_no_change():
    old = _snapshot(fields={"published_at": 1.25})
    new = _snapshot(fields={"published_at": 1.75})
    shown = compare(old, new, [("published_at", "Date")], {"published_at": lambda v: str(int(v))})
    assert shown.fields == []


# --- huge bodies: the cost stays linear ------------------------------------------------------


def _timed(old: str, new: str) -> tuple[list[Paragraph], float]:
    started = time.perf_counter()
    shown = text_diff(old, new)
    return shown, time.perf_counter() - started


def test_a_one_megabyte_paragraph_with_one_word_changed_is_quick_and_exact():
    words = [f"w{n}" for n in range(150_000)]
    old = " ".join(words)
    assert len(old) >= 1_000_000 and len(old) < MAX_SEED_BYTES
    words[75_000] = "CHANGED"
    shown, seconds = _timed(old, " ".join(words))
    assert seconds < 2
    (paragraph,) = shown
    assert [s.op for s in paragraph.segments] == [EQUAL, DELETE, INSERT, EQUAL]


def test_a_one_megabyte_body_rewritten_throughout_is_not_quadratic():
    """Every paragraph and every other word changed: the matcher's budget runs out and the
    rest is shown deleted and inserted whole, in about linear time."""
    old = "\n\n".join(" ".join(f"a{p}x{n}" for n in range(40)) for p in range(3_000))
    new = "\n\n".join(
        " ".join(f"a{p}x{n}" if n % 2 else f"b{p}y{n}" for n in range(40)) for p in range(3_000)
    )
    assert len(old) > 1_000_000
    shown, seconds = _timed(old, new)
    assert seconds < 5
    rebuilt_old = "\n\n".join(
        "".join(s.text for s in p.segments if s.op != INSERT) for p in shown if p.op != INSERT
    )
    assert rebuilt_old == old


def test_one_huge_paragraph_rewritten_is_deleted_and_inserted_quickly():
    old = " ".join(f"o{n}" for n in range(200_000))
    new = " ".join(f"n{n}" for n in range(200_000))
    shown, seconds = _timed(old, new)
    assert seconds < 2
    (paragraph,) = shown  # nothing matched: the old words deleted, the new inserted
    assert [s.op for s in paragraph.segments] == [DELETE, INSERT]
