"""Short embedded quotations (four words or fewer) that a clause gives to its subject, and the
titles and names that still are not quotations: invented sentences, one per rule."""

from __future__ import annotations

import pytest

from articles.seeds.format import split_blocks
from articles.seeds.quotes import extract_quotes
from articles.seeds.quotes.classify import SpanContext, exclusion
from articles.seeds.quotes.document import _Doc
from articles.seeds.quotes.short_quotes import (
    attributed_short_quote,
    calls_someone_so,
    characterised_as,
    uttered,
    uttering_group,
    what_someone_calls,
)
from articles.seeds.quotes.titles import is_show_title, is_title_as_subject, is_told_programme


def _doc(paragraph: str) -> _Doc:
    doc = _Doc(split_blocks(paragraph))
    doc.build_registry()
    doc.classify()
    return doc


def context_of(paragraph: str, k: int = 0) -> SpanContext:
    doc = _doc(paragraph)
    info = doc.blocks[0]
    return doc._context(info, k, info.spans[k])


def quote_flags(paragraph: str) -> list[bool]:
    return [s.is_quote for s in _doc(paragraph).blocks[0].spans]


def first_speaker(paragraph: str) -> str | None:
    """The speaker given to the paragraph's first quoted span."""
    text = _doc(paragraph).blocks[0].spans[0].text
    found = {q.text: q.speaker for q in extract_quotes(split_blocks(paragraph))}
    return found[text]


# --- what one speaker calls a thing -------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        (
            "Ruiz won the seat in 1998 in what Tom Vale, the party's old treasurer, called "
            '"hand-to-hand combat."',
            "Tom Vale",
        ),
        (
            'The firm builds what it calls "behavioural" profiles of shoppers.',
            None,  # "it": the firm, which the sentence does not name as a speaker
        ),
        ('The judge rejected charges that Dara Quinlan, for one, called "lazy lingo."', None),
    ],
)
def test_what_one_speaker_calls_a_thing_is_a_quotation(paragraph, speaker) -> None:
    assert what_someone_calls(context_of(paragraph))
    assert quote_flags(paragraph) == [True]
    if speaker is not None:
        assert first_speaker(paragraph) == speaker


@pytest.mark.parametrize(
    "paragraph",
    [
        'Crews moved families into the hall, which locals call "the bunker".',
        'Staff used the first hour for what district officials called "reconnection time."',
        'Hundreds staged what they dubbed a "Fossil Funeral", carrying a coffin.',
        'The fee, which the Treasury has branded the "Road Renewal Levy", adds Sh7 a litre.',
    ],
)
def test_what_a_group_calls_a_thing_is_still_its_name(paragraph) -> None:
    assert not what_someone_calls(context_of(paragraph))
    assert quote_flags(paragraph) == [False]


# --- calling someone or something so -----------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ('Within minutes, Dara Quinlan called Mr. Feeney "Little Tom" twice.', "Dara Quinlan"),
        ('Tom Vale spoke next. Within a week, he called Ms. Harlow "Queen Spend" twice.', None),
    ],
)
def test_what_one_speaker_calls_someone_is_a_quotation(paragraph, speaker) -> None:
    ctx = context_of(paragraph)
    assert calls_someone_so(ctx)
    assert quote_flags(paragraph)[0]
    if speaker is not None:
        assert speaker in (first_speaker(paragraph) or "")


def test_what_team_mates_call_someone_is_a_nickname() -> None:
    paragraph = 'She has scored five goals. Her team-mates call her "the Finisher", a nickname.'
    assert not calls_someone_so(context_of(paragraph))
    assert quote_flags(paragraph) == [False]


def test_a_thing_called_by_a_hyphenated_so_called_is_not_someone_calling_it() -> None:
    paragraph = 'He wants to keep so-called Northern "raiders" out of the valley.'
    assert not calls_someone_so(context_of(paragraph))


# --- characterising someone or something as ----------------------------------------------


@pytest.mark.parametrize(
    "paragraph",
    [
        'For years, Tellbird has positioned itself as a "global town square" for all.',
        'Mr. Kessler, who has postured himself as the "law and order" man, spoke last.',
    ],
)
def test_how_one_speaker_characterises_something_is_a_quotation(paragraph) -> None:
    assert characterised_as(context_of(paragraph))
    assert quote_flags(paragraph) == [True]


@pytest.mark.parametrize(
    "paragraph",
    [
        'That interval, which geologists refer to as a "super-warm phase", lasted long.',
        'The club’s supporters still refer to that night as "the Dunmore heartbreak".',
        'Older rivals, such as "the Greys", were in the league long before the club.',
    ],
)
def test_what_a_group_refers_to_as_is_still_a_term(paragraph) -> None:
    assert attributed_short_quote(context_of(paragraph)) is None
    assert quote_flags(paragraph) == [False]


# --- words uttered aloud -----------------------------------------------------------------


@pytest.mark.parametrize(
    "paragraph",
    [
        'The crowd chanted back at him, "Send Them Home," as it had for earlier speakers.',
        'There were near-constant calls of "Feel the Heat" from the back of the hall.',
    ],
)
def test_words_chanted_or_shouted_aloud_are_a_quotation(paragraph) -> None:
    assert uttered(context_of(paragraph))
    assert quote_flags(paragraph)[0]


def test_a_chanted_word_glossed_in_brackets_is_a_cited_term() -> None:
    paragraph = 'The vendors chanted "Hatari!" (Danger!) as they marched to the square.'
    assert uttered(context_of(paragraph))
    assert quote_flags(paragraph) == [False]


# --- titles, still not quotations --------------------------------------------------------


@pytest.mark.parametrize(
    "paragraph",
    [
        '"We will win," she wrote in her memoir, "Hard Roads Home."',
        'Its first salvo was a 30-second ad, "Playing Fair," in which children argue.',
    ],
)
def test_a_title_set_off_after_its_work_is_a_title_even_after_a_speech_verb(paragraph) -> None:
    assert quote_flags(paragraph)[-1] is False
    assert exclusion(context_of(paragraph, len(quote_flags(paragraph)) - 1)) == "is_work_title"


def test_a_capitalised_addressee_of_told_is_a_programme() -> None:
    paragraph = '"We have to act," Ann Ruiz told "Morning Call," adding that time was short.'
    ctx = context_of(paragraph, 1)
    assert is_told_programme(ctx)
    assert quote_flags(paragraph) == [True, False]


def test_a_show_after_a_weekdays_possessive_is_a_programme() -> None:
    paragraph = 'Senator Ann Ruiz said she would run again, speaking on Sunday’s "Late Desk."'
    assert is_show_title(context_of(paragraph))
    assert quote_flags(paragraph) == [False]


# --- a quoted phrase before a pronoun heads a relative clause, not a modifier ------------


def test_a_phrase_before_a_pronoun_is_not_a_modifier() -> None:
    paragraph = (
        'The fund is short of cash, and Ms. Arroyo said the "stopgap fixes" she had used '
        "were running out."
    )
    assert exclusion(context_of(paragraph)) is None
    assert quote_flags(paragraph) == [True]


def test_a_chant_is_the_chanting_groups_not_the_person_named_before_it() -> None:
    paragraph = (
        'As Mr. Okafor attacked the mayor, the attendees chanted, "Lock Him Up!" as they had '
        "for earlier speakers."
    )
    assert uttering_group(context_of(paragraph).pre) == "the attendees"
    (quote,) = extract_quotes(split_blocks(paragraph))
    assert (quote.text, quote.speaker, quote.role) == ("Lock Him Up!", None, "the attendees")


def test_a_chant_one_person_shouts_keeps_its_speaker() -> None:
    paragraph = 'Facing the crowd, Mr. Okafor yelled, "Out, out, out!" and left the stage.'
    assert uttering_group(context_of(paragraph).pre) is None
    (quote,) = extract_quotes(split_blocks(paragraph))
    assert quote.speaker == "Okafor"


@pytest.mark.parametrize(
    "paragraph",
    [
        '"Open Season," which opens on Friday, is a remake of a 1990s film.',
        '"Night Tales," an HBO series that first aired in 1989, will return on Monday.',
    ],
)
def test_a_title_that_opens_its_sentence_before_an_apposition_is_its_subject(paragraph) -> None:
    assert is_title_as_subject(context_of(paragraph))
    assert quote_flags(paragraph) == [False]


def test_a_capitalised_exclamation_before_its_speaker_is_still_speech() -> None:
    paragraph = '"Oh, My God," a young woman exclaimed upon seeing him.'
    assert not is_title_as_subject(context_of(paragraph))
    assert quote_flags(paragraph) == [True]


def test_a_capitalised_name_listed_after_a_title_is_another_title() -> None:
    paragraph = 'Ms. Vane, who has starred in "Harbour Lights" and "Night of the Owls," posted it.'
    assert quote_flags(paragraph) == [False, False]


def test_a_nickname_listed_after_a_quoted_nickname_is_still_a_quotation() -> None:
    paragraph = 'Mr. Okafor called them "Sleepy Tom" and "Crooked Ann" at the rally.'
    assert quote_flags(paragraph) == [True, True]
