"""Rules for real copy, each on invented sentences (issue 14): whom a "he" or "she" before or
after a quotation stands for, when the nearest name is not the subject of its sentence or does
not name a person at all."""

from __future__ import annotations

from articles.seeds.format import split_blocks
from articles.seeds.quotes import extract_quotes


def speakers(*paragraphs: str) -> list[str | None]:
    return [q.speaker for q in extract_quotes(split_blocks("\n\n".join(paragraphs)))]


def test_a_name_in_an_opening_prepositional_phrase_is_not_the_subject() -> None:
    assert speakers(
        "Carrow cut 300 jobs in the spring. Carrow said more cuts may come.",
        "Outside Carrow's plant on Dunmore Road, a welder named Ian Pike has only good things "
        'to say about his job. "The pay is fair," he said.',
    ) == ["Ian Pike"]


def test_an_inverted_sentence_before_its_first_comma_keeps_its_subject() -> None:
    assert speakers(
        "Among those waiting is Orla Keane, 71, from Co Tarbert, who has waited two years. "
        '"Some days I cannot walk," she said.',
    ) == ["Orla Keane"]


def test_he_passes_over_a_name_ending_in_a_word_the_article_writes_in_lower_case() -> None:
    assert speakers(
        "Senator Tom Hale toured the county on Monday.",
        "He was asked about Kilbeg Bridge, and said the bridge carries 900 cars a day. Kilbeg "
        'Bridge opened in May. "It cost too much," he said.',
    ) == ["Tom Hale"]


def test_he_still_stands_for_a_person_of_no_known_gender_named_by_surname() -> None:
    assert speakers(
        "Senator Tom Hale spoke first. Zorvik Quennel, a local farmer, took the floor next.",
        'Quennel was blunt about the start of the season. "We have had no rain," he said.',
    ) == ["Zorvik Quennel"]


def test_a_pronoun_after_but_opens_the_sentence_as_its_subject() -> None:
    assert speakers(
        '"It was a good night for all of us," Mary Vance said after the vote, with Tom Hale '
        "beside her.",
        'But he wanted to know, "How surprised are you that the count took three days this time?"',
    ) == ["Mary Vance", "Tom Hale"]


def test_she_passes_over_a_name_no_sentence_opens_with_and_no_given_name_starts() -> None:
    assert speakers(
        "Former governor Ann Kerrigan criticised the deal on Monday.",
        "The former governor wrote for Tom Hale's paper, the Kestrel-Ledger of Dunmore. "
        '"I am ashamed of this party," she said.',
    ) == ["Ann Kerrigan"]


def test_a_speaker_carried_over_yields_to_a_pronoun_of_the_other_gender_in_the_sentence() -> None:
    assert speakers(
        'Tom Hale, the finance minister, said the tax plan "will pay for itself."',
        'Mary Vance sees the same benefits. But while denouncing the "scandal" of tax avoidance '
        "at rallies, she has not set out a plan of her own.",
    ) == ["Tom Hale", "Mary Vance"]


def test_she_passes_over_a_title_that_opens_no_clause_of_its_own() -> None:
    assert speakers(
        "Ann Kerrigan, 29, moved back in with her parents last year.",
        "Her bedroom walls carry the same Midnight Dancing, Top Gun and Grease posters from her "
        'teens. "Who wants to live at home at 29?" she said. "I do not, but I can."',
    ) == ["Ann Kerrigan", "Ann Kerrigan"]


def test_a_relative_named_by_a_given_name_alone_is_whom_she_stands_for() -> None:
    assert speakers(
        "Senator Tom Hale will speak on Tuesday, and campaign manager Lou Brandt will open the "
        "night.",
        "On Monday, Hale's wife, Orla, is among the featured speakers. At a rally in May, she "
        'described him as "kind" and said, "He will fight for you."',
    ) == ["Orla", "Orla"]


def test_a_relative_named_by_a_given_name_is_the_full_name_the_article_gives() -> None:
    assert speakers(
        "Orla Hale, 52, runs a bakery in Dunmore. Senator Tom Hale will speak on Tuesday.",
        "On Monday, Hale's wife, Orla, is among the featured speakers. At a rally in May, she "
        'described him as "kind" and said, "He will fight for you."',
    ) == ["Orla Hale", "Orla Hale"]


def test_a_name_opening_its_sentence_before_an_age_is_a_persons() -> None:
    assert speakers(
        '"We will win," Mary Vance said on Monday.',
        "Zorva Quist, 34, could be an effective voice for the party. She has pushed back against "
        'the claims, calling them "a smear."',
    ) == ["Mary Vance", "Zorva Quist"]


def test_a_pronoun_before_an_adverb_of_frequency_is_the_sentences_subject() -> None:
    assert speakers(
        '"Turnout will be low," said Lou Brandt, a pollster.',
        "Mary Vance now talks freely about her first campaign. She often speaks of breaking "
        '"the oldest rule in the party" by running at all.',
    ) == ["Lou Brandt", "Mary Vance"]


def test_a_relative_named_by_a_given_name_before_a_verb_is_the_sentences_subject() -> None:
    assert speakers(
        "In Dunmore, 14-year-old Aoife Pell held up a sign. Her father, Brad, 39, worried that "
        "voters could not see the point of choosing Tom Hale.",
        '"People are afraid of wasting their votes," he said.',
    ) == ["Brad"]


def test_he_passes_over_a_name_the_article_always_writes_after_the() -> None:
    assert speakers(
        "The Bundle has kept interest rates low for years.",
        "Just look at Senator Tom Hale. He says he gets his ideas from an old novel. In 2008, he "
        "wanted to force the Bundle to stop worrying about jobs. In 2010, he warned the Bundle "
        'against buying bonds, because he thought it "risks higher inflation and a weaker '
        'currency."',
    ) == ["Tom Hale"]


def test_a_pronoun_before_an_aside_is_still_the_sentences_subject() -> None:
    assert speakers(
        "Mary Vance is running as a steady hand, much as Prime Minister Tom Hale did.",
        "She, too, is a pragmatist battling nationalist anger, warning that the turmoil shows a "
        'need for "calm, steady, experienced leadership in the White House."',
    ) == ["Mary Vance"]


def test_a_name_after_when_it_comes_to_is_not_the_sentences_subject() -> None:
    from articles.seeds.quotes.document import _Doc

    doc = _Doc(
        split_blocks(
            "Kelso announced in February that the plant would move. Kelso employs 1,400 "
            'people.\n\nBut when it comes to Kelso, "we have all worked hard," he said.'
        )
    )
    doc.build_registry()
    assert [(m.entity.name, m.subject) for m in doc.blocks[1].mentions] == [("Kelso", False)]
