"""Longer quoted spans (five words or more) on real copy: headlines with bylines and
translations are not quotations; a demand, a quoted clause after "the words" and a source's
reported finding are. Invented sentences, one per rule."""

from __future__ import annotations

from articles.seeds.format import split_blocks
from articles.seeds.quotes.document import _Doc


def quote_flags(paragraph: str) -> list[bool]:
    doc = _Doc(split_blocks(paragraph))
    doc.build_registry()
    doc.classify()
    return [s.is_quote for s in doc.blocks[0].spans]


def test_headline_cited_with_its_byline_is_a_title_not_a_quote() -> None:
    paragraph = (
        'WEEKEND READ—"Old mill in Barrowby to close after ninety years," by the Courier\'s '
        'Ada Fenwick: "The mill, which employs forty people, will shut in March."'
    )
    assert quote_flags(paragraph) == [False, True]


def test_a_quote_followed_by_by_contrast_is_still_a_quote() -> None:
    paragraph = '"We will keep the mill open as long as we can," by contrast, Ada Fenwick said.'
    assert quote_flags(paragraph) == [True]


def test_translation_of_a_foreign_phrase_is_the_writers_gloss() -> None:
    paragraph = (
        'Tobin Rusk signed every letter "Festina lente," Latin for "make haste slowly, my friend."'
    )
    assert quote_flags(paragraph)[1] is False


def test_what_someone_called_for_is_their_demand() -> None:
    paragraph = (
        "Her poll numbers rose after the floods and her call for "
        '"a full and immediate inquiry" into the dam.'
    )
    assert quote_flags(paragraph) == [True]


def test_a_clause_quoted_after_the_words_is_speech() -> None:
    paragraph = 'When Lena Ardel used the words, "we are not there yet," she meant the budget.'
    assert quote_flags(paragraph) == [True]


def test_a_single_word_after_the_word_is_still_a_term() -> None:
    paragraph = 'Lena Ardel never used the word "austerity" in the debate.'
    assert quote_flags(paragraph) == [False]


def test_what_a_source_reported_is_its_wording() -> None:
    paragraph = (
        'An audit last spring reported that the trust had "ignored repeated warnings from staff" '
        "about the wards."
    )
    assert quote_flags(paragraph) == [True]


def test_what_a_source_predicts_is_its_wording() -> None:
    paragraph = (
        "Sales fell again, a slide that the guild predicts will continue "
        '"well into the next decade."'
    )
    assert quote_flags(paragraph) == [True]


def test_a_title_corrected_with_not_is_a_title_too() -> None:
    paragraph = (
        "The report misstated the name of the show. It was the Courier's \"Secret Lives of "
        'the Famous," not "Private Lives of the Very Famous."'
    )
    assert quote_flags(paragraph) == [False, False]


def test_what_a_panel_found_is_its_wording() -> None:
    paragraph = (
        "Two auditors, Mira Olsen and Ravi Tan, found in 2019 that the ward was "
        '"the worst in the region" and that its staff were overworked.'
    )
    assert quote_flags(paragraph) == [True]


def test_a_headline_cited_in_brackets_with_outlet_and_date_is_a_title() -> None:
    paragraph = (
        'I agree with the mayor ("Mayor backs the new bypass after long delay," Daily Courier, '
        "Monday)."
    )
    assert quote_flags(paragraph) == [False]


def test_a_slogan_or_title_cited_with_its_year_is_not_speech() -> None:
    paragraph = (
        '"Safe streets and safe homes for every family" (2011) and '
        '"No more tolls on our bridges, ever again" (2015).'
    )
    assert quote_flags(paragraph) == [False, False]


def test_text_after_a_markup_attribute_is_not_speech() -> None:
    paragraph = '">Polls open at seven in Kilbeg tomorrow morning, bring your card<post/>.'
    assert quote_flags(paragraph) == [False]


def test_a_curly_quote_inside_a_straight_quotation_stays_inside_it() -> None:
    paragraph = (
        '"For example, the board has done nothing with the audit. “They have not read it,” one '
        'member told her in May."'
    )
    doc = _Doc(split_blocks(paragraph))
    spans = doc.blocks[0].spans
    assert len(spans) == 1
    assert spans[0].text.endswith("told her in May.")


def test_a_straight_mark_wrapping_a_curly_quotation_still_splits() -> None:
    paragraph = '"“We will not win every state,” Ada Fenwick said before the vote in March."'
    doc = _Doc(split_blocks(paragraph))
    assert doc.blocks[0].spans[0].text != paragraph[1:-1]


_US_STYLE = [
    '"We will build the bridge by spring," said Mayor Ada Fenwick.',
    "'A fight to the finish.'",
    '"The council has the money," Fenwick added. "It only needs the will."',
    'Her rival, Tobin Rusk, said: "The bridge will cost twice what she says."',
    '"Nobody believes the spring date," Rusk said.',
]


def _texts(paragraphs: list[str]) -> list[str]:
    from articles.seeds.quotes import extract_quotes

    return [q.text for q in extract_quotes(split_blocks("\n\n".join(paragraphs)))]


def test_a_single_marked_subheading_in_a_double_marked_article_is_not_a_quote() -> None:
    texts = _texts(_US_STYLE)
    assert "A fight to the finish." not in texts
    assert "Nobody believes the spring date," in texts


def test_a_single_marked_paragraph_in_a_single_marked_article_is_a_quote() -> None:
    british = [p.replace('"', "'") for p in _US_STYLE]
    assert "A fight to the finish." in _texts(british)
