"""The article page's quote list (articles/quote_display.py): clean punctuation, split quotes
joined whole, each quote once, grouped by speaker. Plain Python: no database."""

from __future__ import annotations

from types import SimpleNamespace

from articles.quote_display import clean, continues, display_quotes

KERRY = SimpleNamespace(pk=1, name="John Kerry")
LAVROV = SimpleNamespace(pk=2, name="Sergei Lavrov")


def quote(text, speaker=KERRY, block=0, start=0, end=None, partial=False, role=""):
    return SimpleNamespace(
        text=text,
        speaker=speaker,
        speaker_id=getattr(speaker, "pk", None),
        block=block,
        start=start,
        end=start + len(text) if end is None else end,
        partial=partial,
        role=role,
    )


def texts(groups):
    return [[item.text for item in group.quotes] for group in groups]


def test_a_dangling_comma_becomes_the_end_of_the_sentence():
    assert clean("There is no military victory,") == "There is no military victory."
    assert clean("We are ready;") == "We are ready."
    assert clean("Is it over?") == "Is it over?"


def test_a_partial_quote_loses_its_comma_but_gains_no_full_stop():
    assert clean("a military victory,", partial=True) == "a military victory"


def test_quotation_marks_left_half_are_removed():
    assert clean("“We will win") == "We will win."
    assert clean("We will win”,") == "We will win."
    assert clean('He said "no and left') == "He said no and left."
    # Paired inner marks stay.
    assert clean("They called it “a farce” today") == "They called it “a farce” today."


def test_white_space_is_one_line():
    assert clean("  We will\n  win ") == "We will win."


def test_a_quote_split_by_its_attribution_is_shown_whole():
    body = '"We will win," he said, "whatever it takes."'
    first = quote("We will win,", start=1)
    second = quote("whatever it takes.", start=body.index("whatever"))
    assert continues(first, second)
    groups = display_quotes([first, second])
    assert texts(groups) == [["We will win, whatever it takes."]]
    assert groups[0].quotes[0].block == 0


def test_halves_of_different_speakers_paragraphs_or_sentences_stay_apart():
    first = quote("We will win,", start=1)
    assert not continues(first, quote("whatever it takes.", speaker=LAVROV, start=25))
    assert not continues(first, quote("whatever it takes.", block=1, start=25))
    assert not continues(first, quote("Whatever it takes.", start=25))  # a new sentence
    assert not continues(first, quote("whatever it takes.", start=400))  # far apart
    assert not continues(quote("We will win.", start=1), quote("and more.", start=25))


def test_each_quote_is_shown_once_grouped_by_speaker_in_order_unattributed_last():
    quotes = [
        quote("The talks failed,", start=0),
        quote("Nobody knows,", speaker=None, block=1),
        quote("We disagree.", speaker=LAVROV, block=2, role="foreign minister"),
        quote("The talks failed.", block=3),  # repeated later in the story
    ]
    groups = display_quotes(quotes)
    assert [group.speaker for group in groups] == [KERRY, LAVROV, None]
    assert texts(groups) == [["The talks failed."], ["We disagree."], ["Nobody knows."]]
    assert groups[1].role == "foreign minister"


def test_no_quotes_no_groups():
    assert display_quotes([]) == []
    assert display_quotes([quote("  “ ”  ")]) == []
