"""Each stage of the quotation pipeline (``articles/seeds/quotes/``) on its own, with invented
sentences: spans, classification, attribution clauses, registry, resolution, attribution."""

from __future__ import annotations

import pytest

from articles.seeds.format import split_blocks
from articles.seeds.quotes.classify import (
    EXCLUSIONS,
    SpanContext,
    exclusion,
    is_defined_term,
    is_gloss_of_a_name,
    is_issued_document,
    is_label_by_someone,
    is_media_label,
    is_name_for_a_new_thing,
    is_named_as,
    is_nickname_inside_a_name,
    is_speakers_epithet,
    is_strong_title,
    is_term_as_modifier,
    is_the_nickname,
    is_title_case_name,
    is_work_title,
    sentence_reports_speech,
    someone_calls_it,
)
from articles.seeds.quotes.clauses import _object_ref, _subject_ref
from articles.seeds.quotes.document import _Doc
from articles.seeds.quotes.spans import _find_spans, mask_quotes, paragraph_layout, quoted_ranges
from articles.seeds.quotes.subjects import sentence_subject


def doc_of(*paragraphs: str) -> _Doc:
    return _Doc(split_blocks("\n\n".join(paragraphs)))


def test_spans_pair_marks_and_cut_sentences() -> None:
    text = 'Ana Ruiz said: "We go on." Then she left. “An unclosed one'
    assert quoted_ranges(text) == [(15, 26), (42, len(text))]
    layout = paragraph_layout(text)
    assert [text[a:b] for a, b in layout.sentences] == [
        'Ana Ruiz said: "We go on." ',
        "Then she left. ",
        "“An unclosed one",
    ]
    assert mask_quotes(text) == text[:15] + "\x00" * 11 + text[26:42] + "\x00" * 16


def test_classification_tells_quotations_from_titles() -> None:
    doc = doc_of('She read "The Long Road Home" and said "we will not stop now," laughing.')
    doc.build_registry()
    doc.classify()
    spans = doc.blocks[0].spans
    assert [(s.text, s.is_quote) for s in spans] == [
        ("The Long Road Home", False),
        ("we will not stop now,", True),
    ]


def test_clauses_name_the_speaker_as_a_reference() -> None:
    named = _object_ref(" Mayor Ana Ruiz, a former teacher.")
    assert (named.kind, named.value, named.role) == ("name", "Mayor Ana Ruiz", "a former teacher")
    ref = _subject_ref("The harbour board")
    assert (ref.kind, ref.value) == ("orgnoun", "board")
    pronoun = _subject_ref("she")
    assert (pronoun.kind, pronoun.gender) == ("pronoun", "f")


def test_registry_records_people_and_their_mentions() -> None:
    doc = doc_of("Mayor Ana Ruiz met Tom Brennan. Ruiz spoke first.")
    doc.build_registry()
    assert [e.name for e in doc.entities if e.kind == "person"] == ["Ana Ruiz", "Tom Brennan"]
    mentions = doc.blocks[0].mentions
    assert [(m.entity.name, m.sentence, m.subject) for m in mentions] == [
        ("Ana Ruiz", 0, True),
        ("Tom Brennan", 0, False),
        ("Ana Ruiz", 1, True),
    ]


def test_resolution_finds_a_pronouns_person_by_gender() -> None:
    doc = doc_of("Tom Brennan met Ana Ruiz. He left early.")
    doc.build_registry()
    doc.classify()
    she = doc._resolve_pronoun("f", 0, len(doc.blocks[0].text))
    he = doc._resolve_pronoun("m", 0, len(doc.blocks[0].text))
    assert (she.name, he.name) == ("Ana Ruiz", "Tom Brennan")


def test_attribution_carries_a_speaker_to_the_next_paragraph() -> None:
    doc = doc_of('"We will rebuild," said Mayor Ana Ruiz.', '"It will take years."')
    doc.build_registry()
    doc.classify()
    doc.attribute()
    assert [(q.speaker, q.role) for q in doc.results()] == [
        ("Ana Ruiz", "Mayor"),
        ("Ana Ruiz", None),
    ]


# --- classification: each exclusion on the example it is named after ------------------------


def context_of(paragraph: str, k: int) -> SpanContext:
    doc = doc_of(paragraph)
    doc.build_registry()
    doc.classify()
    info = doc.blocks[0]
    return doc._context(info, k, info.spans[k])


@pytest.mark.parametrize(
    ("paragraph", "k", "predicate"),
    [
        ('The hill, known locally as "Bukit Lama", or "old hill", looms.', 1, is_gloss_of_a_name),
        ('The plan, known as "Project Dawn", was dropped.', 0, is_named_as),
        ('The paper, titled "A long title: with a subtitle and more", is out.', 0, is_strong_title),
        ('He was dubbed "the finest writer of his whole generation" by critics.', 0,
         is_label_by_someone),
        ('Officers served a "section 114" notice on the council.', 0, is_term_as_modifier),
        ('The firm defended its new "loyalty levy" as a way to cut costs.', 0,
         is_name_for_a_new_thing),
        ('Local media labelled the contest the "rent election".', 0, is_media_label),
        ('She sang the song "Northern Lights" twice.', 0, is_work_title),
        ('The bureau issued a "safety advisory notice" on Monday.', 0, is_issued_document),
        ('Emma "the Cat" Lindqvist won again.', 0, is_nickname_inside_a_name),
        ('Firefighters were battling "the Chute" all night.', 0, is_the_nickname),
        ('She read "The Long Road Home" twice.', 0, is_title_case_name),
    ],
)  # fmt: skip
def test_each_exclusion_is_the_first_to_hold_on_its_example(paragraph, k, predicate) -> None:
    ctx = context_of(paragraph, k)
    assert predicate(ctx)
    assert exclusion(ctx) == predicate.__name__
    assert [p for p in EXCLUSIONS if p is predicate]  # tried by classification


def test_a_defined_term_after_what_they_called_is_not_a_quotation() -> None:
    paragraph = 'Police warned of what they called "card skimming," in which thieves copy cards.'
    assert is_defined_term(context_of(paragraph, 0))
    assert not quote_flags(paragraph)[0]


def test_speech_is_excluded_by_nothing() -> None:
    paragraph = 'She said "we will not stop now," laughing.'
    assert exclusion(context_of(paragraph, 0)) is None
    assert quote_flags(paragraph) == [True]


def quote_flags(paragraph: str) -> list[bool]:
    doc = doc_of(paragraph)
    doc.build_registry()
    doc.classify()
    return [s.is_quote for s in doc.blocks[0].spans]


@pytest.mark.parametrize(
    "paragraph",
    [
        'Smith called the deal "a disgrace" on Monday.',
        'Trump blasted Disney for its "outrageous practices" in hiring.',
        'Ruiz described it as "disgusting" and left the room.',
        'Critics derided the plan as "a giveaway" to developers.',
        'He commented that his network "held on" to the story.',
        'Biden assured residents that Reid was "made of the same stuff" as him.',
    ],
)
def test_a_short_phrase_in_a_sentence_that_reports_speech_is_a_quotation(paragraph) -> None:
    assert sentence_reports_speech(mask_quotes(paragraph))
    assert quote_flags(paragraph) == [True]


def test_a_short_phrase_in_a_sentence_that_reports_nothing_is_a_scare_quote() -> None:
    paragraph = 'The town built a "smart" bridge over the river in 2020.'
    assert not sentence_reports_speech(mask_quotes(paragraph))
    assert quote_flags(paragraph) == [False]


# --- spans: the single-quote style ---------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "quoted"),
    [
        ("'We will appeal,' said Ms Reid.", ["We will appeal,"]),
        ("‘I'm sure we don’t lose,’ said O'Neill.", ["I'm sure we don’t lose,"]),
        ("‘The pupils’ union is angry,’ Davis’ lawyer said.", ["The pupils’ union is angry,"]),
        ("The best side in Wales’ league, she called it ‘a disgrace’.", ["a disgrace"]),
        ("Rock 'n' roll in the '90s, and Davis' lawyer's view.", []),
        ("‘This quote goes on in the next paragraph", ["This quote goes on in the next paragraph"]),
        ("A lone ‘mark here is an apostrophe", []),
    ],
)
def test_single_quote_style_pairs_quotes_and_never_apostrophes(paragraph, quoted) -> None:
    """Paragraphs without a double mark are read in the single-quote style."""
    assert [s.text for s in _find_spans(0, paragraph)] == quoted


def test_single_marks_stay_inner_quotes_in_a_paragraph_with_double_marks() -> None:
    paragraph = "\"It was 'a disgrace', and Davis' lawyer knew it,\" said Ms Reid."
    assert quoted_ranges(paragraph) == [(0, paragraph.index(" said"))]


def test_a_single_quoted_paragraph_is_a_quotation_with_its_speaker() -> None:
    doc = doc_of("'We will appeal the ruling today,' said Ms Reid, the club's lawyer.")
    doc.build_registry()
    doc.classify()
    spans = doc.blocks[0].spans
    assert [(s.text, s.is_quote) for s in spans] == [("We will appeal the ruling today,", True)]


@pytest.mark.parametrize(
    "paragraph",
    [
        'Bush referred to Rubio as "a bright, charismatic leader" on Monday.',
        'Cruz railed against what he calls the "Washington cartel" again.',
        'Lewandowski took to Twitter to call Fields "totally delusional" for it.',
        'Tom Hale, a Kilbeg councillor, calls the budget "a blueprint" for growth.',
        'Ann Marsh infamously referred to the rebels as "criminals" at the time.',
        'He went on to call Marsh "the absolutely worst politician" in Kilbeg.',
    ],
)
def test_what_someone_calls_a_thing_is_their_word_not_its_name(paragraph) -> None:
    pre = context_of(paragraph, 0).pre
    verb = max(pre.rfind(" call"), pre.rfind(" refer")) + 1
    assert someone_calls_it(pre, verb)
    assert not is_named_as(context_of(paragraph, 0))
    assert quote_flags(paragraph) == [True]


def test_a_thing_called_by_its_name_is_still_a_name() -> None:
    paragraph = 'He set up a website called "Leave the island now" last year.'
    assert is_named_as(context_of(paragraph, 0))
    assert quote_flags(paragraph) == [False]


@pytest.mark.parametrize(
    "paragraph",
    [
        'Ms Reid warned of a "ferocious" battle ahead for the party.',
        'He railed against a "fraudulent scheme" run by the board.',
        'Residents said the "increasing" number of cars worried them.',
    ],
)
def test_a_speakers_epithet_before_a_noun_is_a_quotation(paragraph) -> None:
    ctx = context_of(paragraph, 0)
    assert is_speakers_epithet(ctx)
    assert not is_term_as_modifier(ctx)
    assert quote_flags(paragraph) == [True]


@pytest.mark.parametrize(
    "paragraph",
    [
        'The union said it began its "trolley watch" count in 2006.',
        'The court said Cruz meets the "natural born" requirement.',
    ],
)
def test_a_named_thing_in_a_sentence_that_reports_speech_is_still_a_term(paragraph) -> None:
    assert is_term_as_modifier(context_of(paragraph, 0))
    assert quote_flags(paragraph) == [False]


def test_in_her_words_introduces_speech_not_a_title() -> None:
    paragraph = 'She backed him because, in her words, "he knows how to do it."'
    assert not is_work_title(context_of(paragraph, 0))
    assert quote_flags(paragraph) == [True]


def test_nested_curly_quotes_are_part_of_the_outer_quote() -> None:
    paragraph = "“The office isn’t about “law and order” any more,” she said. “It is about power.”"
    assert [s.text for s in _find_spans(0, paragraph)] == [
        "The office isn’t about “law and order” any more,",
        "It is about power.",
    ]


def test_a_missing_closing_mark_is_still_mended_when_marks_do_not_balance() -> None:
    paragraph = "“We will go on, she said. “We always do.”"
    assert [s.text for s in _find_spans(0, paragraph)] == [
        "We will go on, she said.",
        "We always do.",
    ]


def test_a_word_ending_a_sentence_is_no_nickname_between_names() -> None:
    paragraph = 'Ann Marsh called Hale "reckless." Tom Hale called the claim "absurd."'
    assert not is_nickname_inside_a_name(context_of(paragraph, 0))


@pytest.mark.parametrize(
    ("clause", "subject"),
    [
        ("Tom Hale thanked the council for ", "Tom Hale"),
        ("On Friday, Kilbeg mayor Tom Hale derided the plan as ", "Tom Hale"),
        ("Band member Ann Marsh shared the news, writing ", "Ann Marsh"),
        ("Senator Tom Hale (D-Kan.) on Saturday criticized the deal, saying ", "Senator Tom Hale"),
        ("Tom Hale, a Kilbeg councillor, is labeling the plan ", "Tom Hale"),
        ("After Ann Marsh spoke, Tom Hale shot back, ", "Tom Hale"),
        ("Marsh supporters responded with chants of ", None),
        ("Kilbeg shares have fallen amid a wave of ", None),
        ("The president's plan, which critics called ", None),
        ("It was a day of ", None),
    ],
)  # fmt: skip
def test_sentence_subject_is_the_name_a_sentence_opens_with_before_a_verb(clause, subject) -> None:
    ref = sentence_subject(clause)
    assert (ref.value if ref is not None else None) == subject


@pytest.mark.parametrize(
    "paragraph",
    [
        'Tom Hale blamed the closure on "reckless management" at the depot.',
        'Tom Hale said the club was proud. She wanted to "go an extra step" for fans.',
        'Ann Marsh dispensed with the question before pivoting to a "rigged economy" again.',
    ],
)
def test_a_short_phrase_in_a_sentence_a_person_opens_is_their_word(paragraph) -> None:
    flags = quote_flags(paragraph)
    assert flags[-1] is True


@pytest.mark.parametrize(
    "paragraph",
    [
        'Ann Marsh said the city\'s so-called "heat islands" were hotter.',
        'Ann Marsh earned the nickname "the scalpel" on tour.',
        'Ann Marsh said the council would issue a "section 114" notice.',
        'The Kilbeg Nurses Organisation began its "trolley watch" count in 2006.',
    ],
)
def test_a_term_stays_a_term_whoever_the_sentence_opens_with(paragraph) -> None:
    assert quote_flags(paragraph) == [False]


def test_marks_typed_the_wrong_way_round_are_read_by_where_they_stand() -> None:
    spans = _find_spans(0, "The campaign called for an “urgent review“ of the pipes and a “ban”.")
    assert [s.text for s in spans] == ["urgent review", "ban"]
    assert [s.text for s in _find_spans(0, "Ann Lee said ”We will appeal,” and left.")] == [
        "We will appeal,"
    ]


def test_a_month_that_is_a_given_name_opens_a_name_run_only_where_no_date_can_be() -> None:
    from articles.seeds.runs import runs

    assert [r.text for r in runs("April Marsh, a spokeswoman, said")] == ["April Marsh"]
    assert [r.text for r in runs("In April Congress voted")] == ["In", "Congress"]
    assert [r.text for r in runs("On 4 June Marsh said")] == ["Marsh"]
    assert [r.text for r in runs("At a June Marsh rally")] == ["At", "Marsh"]


def test_a_dateline_of_a_city_and_state_before_a_dash_is_cut() -> None:
    from articles.seeds.runs import dateline_end

    assert dateline_end("KILBEG FALLS, Iowa — Residents woke to snow.") == len(
        "KILBEG FALLS, Iowa — "
    )
    assert dateline_end("KILBEG — The council met.") == len("KILBEG — ")
    assert dateline_end("NATO — the alliance said") == 0


def test_appositives_that_say_a_name_is_an_organisation() -> None:
    from articles.seeds.quotes.appositives import described_as_organisations

    text = (
        "Pemberton Hale, the law firm, represents the council. Tom Ryan, the group's "
        "spokesman, said nothing. Harbour Power, a utility."
    )
    assert described_as_organisations(text) == ["Pemberton Hale", "Harbour Power"]
    assert described_as_organisations("Ann Lee, the mayor, spoke.") == []
