"""Quote extraction: the reference seed in full, then one focused case per attribution pattern.

Pure Python: no database and no Django settings needed. The pattern cases use invented sentences
and names so they test the general rule, not the example articles.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from articles.seeds.format import Block, read, split_blocks
from articles.seeds.quotes import ExtractedQuote, extract_quotes, normalise_quote_text

REFERENCE = Path(__file__).parent / "data" / "000_75629192de6a8d8b.txt"


def quotes_of(*paragraphs: str) -> list[ExtractedQuote]:
    return extract_quotes(split_blocks("\n\n".join(paragraphs)))


def speakers(*paragraphs: str) -> list[tuple[str | None, bool]]:
    return [(q.speaker, q.partial) for q in quotes_of(*paragraphs)]


# --- the reference seed (SEED_FORMAT.md table) ---------------------------------------------

# (block, speaker, partial, role); Jasarevic's role is the appositive as written, "the spokesman".
REFERENCE_QUOTES = [
    (2, "John McCain", True, "Republican senator"),
    (3, "John Kerry", False, None),
    (3, "John Kerry", False, None),
    (5, "United States", True, None),
    (7, "Aref al-Aref", False, "an intensive care medical worker"),
    (7, "Aref al-Aref", False, None),
    (8, "Bebars Mishal", False, None),
    (9, "Bebars Mishal", False, None),
    (9, "Bebars Mishal", False, None),
    (12, "Osama Abo Ezz", False, "a general surgeon and Aleppo coordinator for SAMS"),
    (13, "Osama Abo Ezz", False, None),
    (15, "Tarik Jasarevic", False, "the spokesman"),
    (19, "Dmitry Peskov", True, "Kremlin spokesman"),
]


@pytest.fixture(scope="module")
def reference() -> tuple[tuple[Block, ...], list[ExtractedQuote]]:
    blocks = read(REFERENCE).blocks
    return blocks, extract_quotes(blocks)


def test_reference_has_the_thirteen_quotes(reference) -> None:
    _blocks, quotes = reference
    got = [(q.block, q.speaker, q.partial, q.role) for q in quotes]
    assert got == REFERENCE_QUOTES


def test_reference_offsets_and_order(reference) -> None:
    blocks, quotes = reference
    for i, q in enumerate(quotes):
        assert q.order == i
        assert blocks[q.block].text[q.start : q.end] == q.text
        assert q.text[:1] not in '"“' and q.text[-1:] not in '"”'
    assert quotes[0].text == "intrepid but delusional"
    assert quotes[3].text == "barbarism"
    assert quotes[-1].text == "absolutely no prospect"


def test_reference_speaker_kinds(reference) -> None:
    _, quotes = reference
    kinds = {q.speaker: q.speaker_kind for q in quotes}
    assert kinds["United States"] == "organisation"
    assert kinds["John Kerry"] == "person"


def test_normalise_quote_text() -> None:
    assert normalise_quote_text("  “It’s  a\tdeal,”  ") == '"It\'s a deal,"'
    assert normalise_quote_text("a ‘b’") == "a 'b'"


# --- attribution patterns -----------------------------------------------------------------


def test_said_name_role_after_quote() -> None:
    (q,) = quotes_of('"The harvest is late," said Ingrid Solberg, a grain trader in Bergen.')
    assert (q.speaker, q.role, q.partial) == ("Ingrid Solberg", "a grain trader in Bergen", False)
    assert q.text == "The harvest is late,"


def test_name_said_colon() -> None:
    q = quotes_of('Tomasz Kowalczyk, who runs a bakery, said: "We open at five every day."')[0]
    assert (q.speaker, q.partial) == ("Tomasz Kowalczyk", False)


def test_name_told_reporters_with_surname_resolution() -> None:
    got = speakers(
        "Energy minister Rosalind Achebe visited the plant on Friday.",
        '"The turbines are running again," Achebe told reporters.',
    )
    assert got == [("Rosalind Achebe", False)]


def test_role_name_said_quote() -> None:
    (q,) = quotes_of('Harbour master Ewan Gillespie said "Nobody sails until the fog lifts."')
    assert (q.speaker, q.partial, q.role) == ("Ewan Gillespie", False, "Harbour master")


def test_according_to_name() -> None:
    (q,) = quotes_of(
        'According to Beatriz Okonjo-Lind, head of the tenants group, "Rents doubled in a year."'
    )
    assert (q.speaker, q.partial) == ("Beatriz Okonjo-Lind", False)


def test_pronoun_resolves_by_gender_not_just_recency() -> None:
    got = speakers(
        "Mr Halvorsen, the club chairman, thanked his goalkeeper, Mrs Ilse Brandt, for her save.",
        '"It was the best save I have seen in years," he said.',
    )
    assert got == [("Halvorsen", False)]


def test_pronoun_resolves_to_earlier_speaker_with_gender_cue() -> None:
    got = speakers(
        "Farid Qasemi, a fisherman, said his catch had halved. He praised his daughter, "
        "Leila Qasemi-Noor, who runs the boat.",
        '"We work harder for less," he said.',
    )
    assert got == [("Farid Qasemi", False)]


def test_title_reference_resolves_to_full_name() -> None:
    got = speakers(
        "Dr Chidi Okafor led the trial at the hospital.",
        '"The results surprised us," Dr Okafor said.',
        '"We will publish in the spring," Mr Okafor added.',
    )
    assert got == [("Chidi Okafor", False), ("Chidi Okafor", False)]


def test_said_the_spokeswoman_name() -> None:
    (q,) = quotes_of('"The line reopens on Monday," said the spokeswoman, Oona Vettori.')
    assert (q.speaker, q.role) == ("Oona Vettori", "the spokeswoman")


def test_spokesman_for_organisation_without_name() -> None:
    (q,) = quotes_of(
        'A spokesman for the Coastal Rail Authority said the closure was "regrettable but safe".'
    )
    assert (q.speaker, q.speaker_kind, q.partial) == (
        "Coastal Rail Authority",
        "organisation",
        True,
    )


def test_organisation_noun_resolves_to_full_name() -> None:
    got = quotes_of(
        "The Ministry of Fisheries published new quotas on Tuesday.",
        'In a statement, the ministry said the rules would "protect spawning grounds".',
    )
    assert [(q.speaker, q.speaker_kind, q.partial) for q in got] == [
        ("Ministry of Fisheries", "organisation", True)
    ]


def test_country_as_speaker() -> None:
    (q,) = quotes_of('At the summit, France called the blockade "unacceptable".')
    assert (q.speaker, q.speaker_kind, q.partial) == ("France", "organisation", True)


def test_split_quote_gives_two_quotes_same_speaker() -> None:
    got = quotes_of(
        "Marguerite Lindahl, the orchestra's director, was asked about the tour.",
        '"We sold every seat," she said, "and we still lost money."',
    )
    assert [(q.text, q.speaker, q.partial) for q in got] == [
        ("We sold every seat,", "Marguerite Lindahl", False),
        ("and we still lost money.", "Marguerite Lindahl", False),
    ]


def test_quote_running_over_paragraphs() -> None:
    got = quotes_of(
        "Rangi Parata, a ranger at the park, described the fire.",
        '"The wind turned at noon and we had ten minutes.',
        '"We lost the hut, but nobody was hurt," Parata said.',
    )
    assert [(q.block, q.speaker, q.partial) for q in got] == [
        (1, "Rangi Parata", False),
        (2, "Rangi Parata", False),
    ]
    assert got[0].text == "The wind turned at noon and we had ten minutes."


def test_unattributed_paragraph_continues_previous_speaker() -> None:
    got = speakers(
        'Svetlana Orlova, a teacher, said: "The roof leaks every winter."',
        '"The children wear coats in class."',
    )
    assert got == [("Svetlana Orlova", False), ("Svetlana Orlova", False)]


def test_partial_quotes_embedded_in_sentence() -> None:
    got = quotes_of(
        'Senator Hugo Almeida described the budget as "a fantasy" and said it would '
        '"hurt every family in the state".'
    )
    assert [(q.text, q.speaker, q.partial) for q in got] == [
        ("a fantasy", "Hugo Almeida", True),
        ("hurt every family in the state", "Hugo Almeida", True),
    ]


def test_curly_quotes_and_apostrophes() -> None:
    (q,) = quotes_of("“We’re not finished, and it’s not over,” said Niamh Ó Briain.")
    assert q.text == "We’re not finished, and it’s not over,"
    assert q.speaker == "Niamh Ó Briain"


def test_apostrophes_never_open_quotes() -> None:
    assert quotes_of("The farmers' union met at St Kevin's hall on O'Connell Street.") == []


# --- hard negatives: quoted text that is not a quotation ----------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        'The practice is what has become known as the "water debt" among growers.',
        'The strike was dubbed "Operation Bluebird" by organisers.',
        'Her best-selling memoir, "Salt and Iron", was published in 2019.',
        'Striker Luis "the Hammer" Ferreira scored twice.',
        'Shoppers queued for the "super saver" bundles on Friday.',
        'The band played "Rivers of Home" as the crowd left.',
        'The so-called "quiet zone" covers most of the valley.',
        'Residents formed a group called "Keep Our Library" in May.',
        "What engineers call “thermal drift” limits the sensor.",
    ],
)
def test_not_quotes(sentence: str) -> None:
    assert quotes_of(sentence) == []


def test_nickname_next_to_real_quote() -> None:
    got = quotes_of('Boxer Ana "Lightning" Ruiz said: "I trained for this my whole life."')
    assert [(q.text, q.speaker) for q in got] == [("I trained for this my whole life.", "Ana Ruiz")]


# --- the held-out development set under tests/data/extraction ------------------------------

# Truth sets beyond the given examples: one written to cover every pattern, then four written
# blind (each was used for development after its one blind measurement; see the README).
TRUTH_SETS = ["extraction", "blind", "holdout", "holdout2", "holdout3"]


@pytest.mark.parametrize("name", TRUTH_SETS)
def test_truth_set_meets_the_bar(name: str) -> None:
    from articles.seeds.evaluate import evaluate_dir

    report = evaluate_dir(Path(__file__).parent / "data" / name)
    assert len(report.rows) >= 10
    total = report.total
    assert total.e2e_precision >= 0.95, report.format_table()
    assert total.e2e_recall >= 0.90, report.format_table()
    assert total.attribution >= 0.95, report.format_table()
    assert total.tag_recall >= 0.8, report.format_table()


# Real articles nobody wrote for Newsroom (tests/data/real, see its README): measured blind at
# det P 0.978 R 0.882, attribution 0.644, end-to-end F1 0.602 (strict). Floors just below that
# first measurement guard against regressions; raise them as the extractor improves.
# Detection rules (single quotes, short quotes in reported speech) and attribution rules for real
# copy (issue 14) took the merged extractor to det R 0.961, attribution 0.884, end-to-end F1
# 0.855; the floors keep a margin below that. General rules developed on PolNeAR train (sentence
# subjects, reporting clauses with verbs no list holds, appositives, datelines) took it to det P
# 0.975 R 0.971, attribution 0.932, end-to-end F1 0.906; the resolution and title rules
# (tests/test_quote_resolution_rules.py) to det R 0.975, attribution 0.943, end-to-end F1 0.919.
REAL_FLOORS = {"precision": 0.965, "recall": 0.965, "attribution": 0.93, "e2e_f1": 0.90}


def test_real_articles_do_not_regress() -> None:
    from articles.seeds.evaluate import evaluate_dir

    report = evaluate_dir(Path(__file__).parent / "data" / "real")
    assert len(report.rows) >= 40
    total = report.total
    for figure, floor in REAL_FLOORS.items():
        assert getattr(total, figure) >= floor, f"{figure}\n{report.format_table()}"


# --- patterns that once failed on unseen articles ------------------------------------------


def test_what_he_called_is_a_partial_quote() -> None:
    got = quotes_of(
        "Ilse Marquardt, who chairs the growers' cooperative, spoke after the vote.",
        'Marquardt said the board had ignored what she called "years of warnings".',
    )
    assert [(q.text, q.speaker, q.partial) for q in got] == [
        ("years of warnings", "Ilse Marquardt", True)
    ]


def test_generic_label_is_not_a_quote_but_a_named_speakers_label_is() -> None:
    assert quotes_of('Fans had labelled the fixture the "salt derby" for a decade.') == []
    (q,) = quotes_of('Rafael Ortiz criticised what he called the "bridge to nowhere".')
    assert (q.speaker, q.partial) == ("Rafael Ortiz", True)


def test_quoted_modifier_is_not_a_quote() -> None:
    assert quotes_of('The board may serve a "category B" notice on the landlord.') == []


def test_organisation_noun_subject_is_the_organisation_not_the_last_speaker() -> None:
    got = quotes_of(
        '"We will not sign," said Oskar Lindgren, a negotiator for the Ferry Crews Guild.',
        "Talks with the Coastal Shipping Association ended without a date.",
        'The shipping association said in a statement that the walkout was "reckless".',
    )
    assert [(q.speaker, q.speaker_kind, q.partial) for q in got][-1] == (
        "Coastal Shipping Association",
        "organisation",
        True,
    )


def test_organisation_noun_without_a_name_is_kept_as_written() -> None:
    got = quotes_of(
        '"Nobody asked us," said Halla Jonsdottir, a fish processor.',
        'The growers\' federation said the quota cut was "a death sentence".',
    )
    assert (got[-1].speaker, got[-1].speaker_kind) == ("growers' federation", "organisation")


def test_company_noun_resolves_to_the_company() -> None:
    got = quotes_of(
        "Brightfold Textiles, the country's largest mill, said it would cut 300 jobs.",
        '"This is painful," said Olu Bankole, an analyst at Rivermouth Securities.',
        'The company said affected staff would get "generous terms".',
    )
    assert got[-1].speaker == "Brightfold Textiles"


def test_role_name_in_reported_speech_gives_the_pronoun_quote_its_role() -> None:
    got = quotes_of(
        "Fisheries Minister Talia Brandvold told lawmakers the quota was final. "
        '"There is no more fish to share," she said.'
    )
    assert [(q.speaker, q.role) for q in got] == [("Talia Brandvold", "Fisheries Minister")]


def test_according_to_a_name_with_a_whole_clause_is_not_partial() -> None:
    (q,) = quotes_of(
        'According to Mirela Dascalu, an economist at Baltic Credit, "the rate rise '
        'will hit renters first and hardest."'
    )
    assert (q.speaker, q.partial, q.role) == (
        "Mirela Dascalu",
        False,
        "an economist at Baltic Credit",
    )


def test_according_to_an_organisation_with_an_embedded_phrase_is_partial() -> None:
    (q,) = quotes_of(
        'According to the Ravel Water Board, "fewer than 200 homes" were still without water.'
    )
    assert (q.speaker, q.partial) == ("Ravel Water Board", True)


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        ('"The queue has not moved," said one taxi driver, who gave no name.', "one taxi driver"),
        ('"We lost everything," said a woman in Lower Brack.', "a woman in Lower Brack"),
        ('A resident, who asked not to be named, said: "The smoke came first."', "A resident"),
    ],
)
def test_anonymous_speaker_is_not_a_named_person(sentence: str, role: str) -> None:
    got = quotes_of('"Stay calm," said Ewa Kowalska, the fire chief.', sentence)
    anon = got[-1]
    assert (anon.speaker, anon.role, anon.partial) == (None, role, False)


def test_anonymous_speaker_keeps_follow_on_quote_and_pronoun() -> None:
    got = speakers(
        '"Stay calm," said Piotr Zielinski, the fire chief.',
        '"It was loud," said a neighbour, a retired nurse. "Then the lights went out."',
        'Her husband, who did not give his name, said the roof had gone. "All of it," he said.',
    )
    assert got == [("Piotr Zielinski", False), (None, False), (None, False), (None, False)]


def test_name_with_affiliation_after_the_verb() -> None:
    (q,) = quotes_of(
        '"The signal is clear," said Dr Kaveh Rostami of the Institute of Marine Studies in Oslo.'
    )
    assert (q.speaker, q.speaker_kind) == ("Kaveh Rostami", "person")


def test_role_words_and_circumstance_after_the_verb() -> None:
    (q,) = quotes_of(
        '"We grew faster than planned," said chief executive Ines Barata on a call with analysts.'
    )
    assert (q.speaker, q.role) == ("Ines Barata", "chief executive")


def test_plural_possessive_organisation_name() -> None:
    (q,) = quotes_of(
        "The Fishermen's Guild said nothing. The Dockers' Union, which has 12,000 members, "
        'called the plan "theft".'
    )
    assert q.speaker == "Dockers' Union"


def test_multi_paragraph_quote_after_a_description_paragraph() -> None:
    got = speakers(
        'The agency said the storm was "moving west".',
        "Lifeguard Tomas Reyes, who pulled four swimmers from the surf, described the scene.",
        '"The waves were higher than the tower.',
        '"We just kept going back in."',
    )
    assert got == [("agency", True), ("Tomas Reyes", False), ("Tomas Reyes", False)]


# --- patterns from the blind set's misses (own sentences, general rules) --------------------


def test_abbreviated_title_with_full_stop_is_not_the_speaker() -> None:
    got = speakers(
        '"We will not fold," said Gov. Harriet Lomax, the state\'s leader. "Never."',
        'Lt. Col. Ruairi Penhale told troops: "Hold the line."',
        '"It is done," he said.',
    )
    assert got == [
        ("Harriet Lomax", False),
        ("Harriet Lomax", False),
        ("Ruairi Penhale", False),
        ("Ruairi Penhale", False),
    ]


def test_body_and_office_before_a_name_are_a_role() -> None:
    qs = quotes_of('Reserve Bank of Ostland Governor Piet Marais told reporters: "Rates stay."')
    assert (qs[0].speaker, qs[0].role) == ("Piet Marais", "Reserve Bank of Ostland Governor")


def test_surname_resolves_to_a_name_first_given_without_a_quote_of_its_own() -> None:
    got = speakers(
        'House Majority Whip Colm Ferriter opposed the bill. "Not again," he said.',
        'Ferriter told reporters: "We will be back."',
    )
    assert got == [("Colm Ferriter", False), ("Colm Ferriter", False)]


def test_surname_prefers_the_exact_surname_over_a_hyphenated_relative() -> None:
    got = speakers(
        'Oskar Brede, the painter, has died. His niece, Ida Brede-Larsen, called him "kind".',
        'In a 1985 interview, Brede described his method. "I paint slowly."',
    )
    assert got == [("Ida Brede-Larsen", True), ("Oskar Brede", False)]


def test_the_role_noun_resolves_to_the_person_with_that_office() -> None:
    got = speakers(
        "Lady Justice Amelia Frost ruled against the firm.",
        'In her judgment, the judge wrote: "The law is plain."',
        "Martin Kealy, the club manager, was sacked on Friday.",
        'Afterwards the manager said: "It hurts."',
    )
    assert got == [("Amelia Frost", False), ("Martin Kealy", False)]


def test_the_noun_resolves_to_an_organisation_ending_in_it() -> None:
    got = speakers(
        "The Ostland Coast Guard said two boats had sunk.",
        '"Stay ashore," the guard said in a post.',
    )
    assert got == [("Ostland Coast Guard", False)]


def test_dateline_agency_is_never_the_company() -> None:
    got = speakers(
        "OSLO, May 2 (Reuters) - Fjordlink was fined on Monday. Fjordlink said it would appeal.",
        'In a statement, the company argued the fine was "unjustified".',
    )
    assert got == [("Fjordlink", True)]


def test_organisation_name_with_comma_and_and() -> None:
    got = speakers('The Ministry of Health, Labour and Welfare said it would "review the data".')
    assert got == [("Ministry of Health, Labour and Welfare", True)]


def test_an_organisations_spokesperson_speaks_for_it() -> None:
    got = speakers(
        'A Harbour Authority spokesperson said: "We will reopen."',
        '"We are sorry," said a Kessland Rail spokesman.',
        '"No comment," said a spokeswoman for the Port Trust.',
    )
    assert got == [
        ("Harbour Authority", False),
        ("Kessland Rail", False),
        ("Port Trust", False),
    ]


def test_short_given_name_that_is_a_common_word() -> None:
    got = speakers(
        '"We were lucky," said Tran Van So, a botanist at the Hue Institute.',
        'So and his team went back in May. "It had grown back," So said.',
    )
    assert got == [("Tran Van So", False), ("Tran Van So", False)]


def test_sentence_initial_pronoun_is_resolved_at_the_pronoun() -> None:
    got = speakers(
        '"We will go back," said Arjun Mehta, a diver.',
        'He added that the team hoped to return to Port Sorell Reef, "if the weather holds".',
    )
    assert got == [("Arjun Mehta", False), ("Arjun Mehta", True)]


def test_anonymous_group_is_not_an_earlier_name() -> None:
    got = speakers(
        "Shares of Ostland Steel fell 3%.",
        'Analysts at one Swiss bank described the slide as a "slow burn", though they said '
        "it could pass.",
        'Economists at Farrow Capital called it "a blip".',
    )
    assert got == [(None, True), ("Farrow Capital", True)]


def test_titles_labels_and_product_terms_are_not_quotes() -> None:
    qs = quotes_of(
        'The report, titled "Warm water, cold comfort: coral refuges in a hotter sea", was '
        "published on Monday.",
        'The album was dubbed "the best thing since the Beatles broke up" by some critics.',
        'Developers said the firm\'s new "platform access levy" works as a deterrent.',
    )
    assert qs == []


# --- roles, affiliations and organisations (holdout patterns, invented sentences) -------------


def test_office_with_county_and_middle_initial_is_stripped() -> None:
    got = speakers(
        'Lakeview County Coroner Harriet J. Osterman told reporters: "The cause is clear."'
    )
    assert got == [("Harriet J. Osterman", False)]


def test_abbreviated_and_prefixed_roles_are_stripped() -> None:
    got = speakers(
        'Coun Imran Westlake-Bose said: "The depot stays open."',
        'Co-founder Delia Marchetti said the engine "ran clean".',
    )
    assert got == [("Imran Westlake-Bose", False), ("Delia Marchetti", True)]


def test_person_of_organisation_is_the_person() -> None:
    got = speakers(
        "Historian Ravindra Kulkarni-Deo of Marlow Valley University said the vote was "
        '"a turning point".',
        '"Nobody saw it coming," she said.',
    )
    assert got == [("Ravindra Kulkarni-Deo", True), ("Ravindra Kulkarni-Deo", False)]


def test_party_and_state_labels_are_never_speakers() -> None:
    got = speakers(
        'Sen. Mara Ellingwood, D-Ore., said the bill was "long overdue".',
        'Rep. Victor Castellane (R-Texas) called it "a mistake".',
        'The SNP said the bill was "a start".',
        'Lorna Pike MP (Lab) said: "We will vote against it."',
    )
    assert got == [
        ("Mara Ellingwood", True),
        ("Victor Castellane", True),
        ("SNP", True),
        ("Lorna Pike", False),
    ]


def test_possessive_office_is_one_organisation() -> None:
    got = speakers(
        "The Pinecrest County Sheriff’s Office opened an inquiry on Friday.",
        'In a statement, the sheriff’s office said it would "cooperate fully".',
    )
    assert got == [("Pinecrest County Sheriff’s Office", True)]


def test_acronym_resolves_to_the_full_name() -> None:
    got = speakers(
        "The Coastal Rescue Coordination Agency (CRCA) sent four boats.",
        '"Every crew is out," a CRCA spokesperson said.',
        "The International Maritime Forum, which sets the rules, said it would investigate.",
        '"We are alarmed," an IMF spokeswoman said.',
        'IMF said the new rules were "overdue".',
    )
    assert got == [
        ("Coastal Rescue Coordination Agency", False),
        ("International Maritime Forum", False),
        ("International Maritime Forum", True),
    ]


def test_statement_of_a_bank_and_police_named_earlier() -> None:
    got = speakers(
        "The Reserve Bank of Norland cut its rate on Tuesday.",
        'In its statement, the bank said it would "act as needed".',
        "The theft was reported to Kessmark Police Directorate on Sunday.",
        'In a statement, police said they were "following several leads".',
    )
    assert got == [("Reserve Bank of Norland", True), ("Kessmark Police Directorate", True)]


def test_members_of_an_organisation_speak_for_it() -> None:
    got = speakers(
        "The Baltic Election Monitoring Mission sent 200 observers to the vote.",
        '"Voting was orderly," the mission’s monitors said.',
        "The Tarsk Water Authority cut supplies on Monday.",
        '"Reserves are low," the authority\'s engineers warned.',
    )
    assert got == [
        ("Baltic Election Monitoring Mission", False),
        ("Tarsk Water Authority", False),
    ]


def test_organisation_subject_of_a_participle() -> None:
    got = speakers(
        "Mira Santos, a farmer, spoke first.",
        "The Agriculture Ministry of Belmora issued its own account, saying officials had "
        '"acted lawfully".',
    )
    assert got == [("Agriculture Ministry of Belmora", True)]


def test_named_campaign_group_with_a_title_in_its_clause() -> None:
    got = speakers(
        "The Halden Clinic ran the study.",
        "The advocacy group Clean Air by 2035, whose “Breathe Easy” report was widely read, "
        "called on ministers to “stop dithering”.",
    )
    assert got == [("Clean Air by 2035", True)]


def test_company_named_with_its_kind_then_the_company() -> None:
    got = speakers(
        "Dr Anna Ferro spoke to the Valley Courier on Monday.",
        "The utility Northgate Energy said it had cut power to 2,000 homes. "
        '"We will restore supply when it is safe," the company said.',
    )
    assert got == [("Northgate Energy", False)]


def test_forecasters_with_an_organisation_in_a_place() -> None:
    got = speakers(
        "Experts with the Regional Flood Service in Tarnow said levels would peak on Friday "
        "but warned of “a long week”."
    )
    assert got == [("Regional Flood Service", True)]


def test_spokesperson_for_organisation_with_acronym_and_relative_clause() -> None:
    got = speakers(
        "Operator Vexa Rail said services were suspended.",
        "A spokesperson for Highways for North Essex (HfNE), which runs the roads, said: "
        '"We are working round the clock."',
    )
    assert got == [("Highways for North Essex", False)]


def test_single_name_with_age_and_given_name_only() -> None:
    got = speakers(
        '"The water came in at night," said a man in Koriva, who gave his name only as Tomasz.',
        'Priya, 54, said: "We lost everything."',
    )
    assert got == [("Tomasz", False), ("Priya", False)]


def test_possessive_role_before_an_appositive_name() -> None:
    got = speakers(
        "Sara Lindgren won the final on Sunday.",
        '"I was nervous," admitted Lindgren’s physio, Pavel Novak, a Czech who joined in May.',
    )
    assert got == [("Pavel Novak", False)]


def test_name_given_first_is_a_person_when_her_follows() -> None:
    got = speakers(
        "Japan’s Mori Haruka won the biggest race of her life on Sunday.",
        "Mori said she would rest. “My legs are gone,” she said.",
    )
    assert got == [("Mori Haruka", False)]


def test_nickname_after_the_is_not_a_quote() -> None:
    qs = quotes_of(
        "Rangers said the blaze, which locals were already calling “the Furnace” because of "
        "its heat, began on Sunday."
    )
    assert qs == []


# --- holdout2 patterns (invented sentences) -------------------------------------------------


def test_office_with_portfolio_before_name_is_stripped() -> None:
    got = speakers(
        "Lakeside District Commissioner for Water Beatrice Wanjiru Odhiambo defended the levy.",
        '"The pipes are older than all of us," Ms Odhiambo said.',
    )
    assert got == [("Beatrice Wanjiru Odhiambo", False)]


def test_minister_of_state_and_name_particle() -> None:
    got = speakers(
        "Junior Minister of State for Health Farah binte Osman wrote on Facebook that the clinics "
        "would reopen “within the week”."
    )
    assert got == [("Farah binte Osman", True)]


def test_general_in_an_organisation_name_is_not_a_rank() -> None:
    got = speakers(
        "The General Confederation of Dock Workers said it would strike, calling the plan "
        '"an insult to every docker."'
    )
    assert got == [("General Confederation of Dock Workers", True)]


def test_organisation_subject_of_a_relative_clause_quote() -> None:
    got = speakers(
        "Mr Halden Brisk criticised the vote.",
        'The opposition Green Party, which had called the bill "a gift to polluters," said it '
        "would appeal.",
    )
    assert got == [("Green Party", True)]


def test_which_the_union_described_as() -> None:
    got = speakers(
        "The Federated Teachers Union called a strike at Norwick Academy.",
        "Dr Maren Holt said the branch voted after the academy offered 1 per cent, which the "
        'union described as "a slap in the face."',
    )
    assert got == [("Federated Teachers Union", True)]


def test_the_university_prefers_a_university_over_a_union_named_after_one() -> None:
    got = speakers(
        "Staff at the University of Penmore walked out, the Universities Staff Union said.",
        'The university said in a statement that it was "deeply disappointed".',
    )
    assert got == [("University of Penmore", True)]


def test_the_airline_is_not_the_airport() -> None:
    got = speakers(
        "The flight left Torrin Regional Airport at dawn.",
        "It was operated by Saltmarsh Air Charter. The company said it was “helping police”.",
        "The Torrin Flying Club lent a hangar. The airline said it was “deeply sorry”.",
    )
    assert got == [("Saltmarsh Air Charter", True), ("Saltmarsh Air Charter", True)]


def test_title_picks_the_family_member_of_that_gender() -> None:
    got = speakers(
        "The driver, Conor Halloran, died at the scene.",
        "His mother, Brigid Halloran, said she was heartbroken.",
        "Mrs Halloran said the family wanted answers. “We deserve the truth.”",
    )
    assert got == [("Brigid Halloran", False)]


def test_one_plain_noun_is_an_anonymous_speaker() -> None:
    got = speakers(
        "Dock workers in Pellham said the heat was unbearable. "
        '"We drink water and keep going," said one welder, who asked not to be named.',
        "One vendor, who did not give her name, said she was shoved. "
        '"I was only selling bread," she said.',
    )
    assert got == [(None, False), (None, False)]


def test_the_club_is_the_one_word_club_named_before() -> None:
    got = speakers(
        "Aalborg had turned down two bids. The Danish club said the fee was "
        '"the highest in its history".'
    )
    assert got == [("Aalborg", True)]


def test_judge_named_in_the_next_paragraph_and_in_the_judgment() -> None:
    got = speakers(
        "The chef Milo Arden has won his case against the Weekly Lantern after a high court "
        "judge ruled that its claims were “baseless”.",
        "Mr Justice Hugo Fenwick awarded Arden £40,000 in damages.",
        "The source, Tess Ward, was described in the judgment as a witness whose account was "
        "“wholly unreliable”.",
    )
    assert got == [("Hugo Fenwick", True), ("Hugo Fenwick", True)]


def test_short_partial_quotes_after_describing_and_what_called_and_manner() -> None:
    got = speakers(
        'Its leader, Rosa Quintal, had spent months describing the plan as a "raid on savers."',
        "It could draw what Harbour Bank strategist Ivo Marsh called “a long pause” from buyers.",
        "Survivor Ana Delis posted online that she had read the report “with a broken heart”.",
    )
    assert got == [("Rosa Quintal", True), ("Ivo Marsh", True), ("Ana Delis", True)]


def test_issued_term_is_not_a_quote() -> None:
    qs = quotes_of("Ms Pell said the regulator had issued a “fire safety notice” to all landlords.")
    assert qs == []


# --- role prefixes, nationalities, leads and other attribution patterns (holdout3 round) ------


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        (
            "Deputy Solicitor General of Manitoba Corwin Tallis Brede told the tribunal the "
            'province would "abide by every word" of the decision.',
            "Corwin Tallis Brede",
        ),
        (
            '"We have made arrests in all four districts," Assistant-Commissioner of Customs '
            "Lorcan Fenwright-Oduya told journalists.",
            "Lorcan Fenwright-Oduya",
        ),
        (
            "Senior Minister for Maritime Trade and Inland Ports Maria Ivel Sandquist said the "
            'terminal would "open its doors by spring".',
            "Maria Ivel Sandquist",
        ),
        (
            'Advocate Mirela Castaven-Holt, who acted for the tenants, said the order "changes '
            'nothing for now".',
            "Mirela Castaven-Holt",
        ),
        (
            '"The roads are clear," said the council\'s chief engineer, D.R. Moltano.',
            "D.R. Moltano",
        ),
    ],
)
def test_role_prefix_before_a_person_is_stripped(paragraph: str, speaker: str) -> None:
    assert [q.speaker for q in quotes_of(paragraph)] == [speaker]


def test_bench_of_judges_splits_into_people() -> None:
    got = quotes_of(
        "A bench of Chief Justice of Freedonia Oriel Vantasse and Justices Kemal Ardeni-Roux "
        "and Petra L. Quennel dismissed the appeal.",
        '"The statute speaks plainly and we will not rewrite it," Justice Ardeni-Roux wrote.',
    )
    assert [q.speaker for q in got] == ["Kemal Ardeni-Roux"]


def test_nationality_description_resolves_to_the_person() -> None:
    got = quotes_of(
        'Ilse Brandvik finished fourth and said the course had been "punishing". '
        '"I had nothing left in the last lap," the Norwegian said.'
    )
    assert [q.speaker for q in got] == ["Ilse Brandvik", "Ilse Brandvik"]


def test_name_of_country_is_the_person() -> None:
    got = quotes_of(
        'Teodor Vasquel of Chile won the sprint and said it was "the best day of my life".'
    )
    assert [q.speaker for q in got] == ["Teodor Vasquel"]


def test_coordinated_verb_takes_the_opening_name() -> None:
    got = quotes_of(
        "Raya Domnitz finished the report last night.",
        "Canada's Oskar Feldmere won the final for a second time and called the ice "
        '"the hardest I have skated on".',
    )
    assert [q.speaker for q in got] == ["Oskar Feldmere"]


def test_lone_lede_quote_named_in_next_paragraph() -> None:
    got = quotes_of(
        '"I never thought I would see this harbour full again."',
        "That was how fisherman Colm Drayne-Okoro greeted the return of the herring fleet on "
        "Saturday.",
    )
    assert [q.speaker for q in got] == ["Colm Drayne-Okoro"]
    got = quotes_of(
        '"It is time for me to go home."',
        "With those words, posted online late on Friday, Hana Vorstadt ended a long standoff "
        "with her club.",
    )
    assert [q.speaker for q in got] == ["Hana Vorstadt"]


def test_pronoun_after_subordinator_is_the_subject() -> None:
    got = quotes_of(
        "Officers detained activist Rumi Castell at a cafe in Ostrava, Moravia, days after he "
        'told supporters to "fill the squares".'
    )
    assert [q.speaker for q in got] == ["Rumi Castell"]


def test_organisation_described_as_a_kind_speaks_as_that_kind() -> None:
    got = quotes_of(
        "Thieves took card details from Larkfield Care, a regional chain of clinics, the "
        "company said.",
        'In an email, the clinic system said it had found "unusual traffic" on its servers.',
    )
    assert [q.speaker for q in got] == ["Larkfield Care"]


def test_generic_group_is_the_subject_organisation() -> None:
    got = quotes_of(
        "The police in Dorrow called in the Federal Cyber Unit on Monday.",
        "The National Grocers Federation has opposed the levy. In a statement, the group said "
        'it would "hurt small shops most".',
    )
    assert [q.speaker for q in got] == ["National Grocers Federation"]


def test_modifier_picks_the_matching_organisation() -> None:
    got = quotes_of(
        "The Institute for Seismology and Tsunami Research raised the alert level. The "
        "National Relief Agency sent tents.",
        'The seismology agency said the coast would stay closed "until the swarm ends".',
    )
    assert [q.speaker for q in got] == ["Institute for Seismology and Tsunami Research"]


def test_convention_on_subject_is_one_name() -> None:
    got = quotes_of(
        'Norway said it wanted "a clear date".',
        "The Convention on Migratory Wetland Birds said in a statement that talks would go "
        'on and urged states to find "a workable middle".',
    )
    assert [q.speaker for q in got] == ["Norway", "Convention on Migratory Wetland Birds"]


def test_colon_after_a_named_subject_without_speech_verb() -> None:
    got = quotes_of(
        'Ria Solberg said the club had "tried everything".',
        'Rival director of football Anton Kestrel-Ward hit back on Monday: "Nobody was '
        'misled at any point."',
    )
    assert [q.speaker for q in got][-1] == "Anton Kestrel-Ward"


def test_elder_and_younger_of_a_family() -> None:
    got = quotes_of(
        "Her mother and agent, Dana Ravelli, negotiated the deal for Mia Ravelli.",
        '"I am so proud," Mia Ravelli said.',
        'The elder Ravelli admitted the talks had been "exhausting".',
    )
    assert [q.speaker for q in got] == ["Mia Ravelli", "Dana Ravelli"]


def test_plural_describers_in_a_relative_clause_are_anonymous() -> None:
    got = quotes_of(
        "Vera Sunde said the fund's losses came from shipping loans, which critics had long "
        'described as "a bet on calm seas".'
    )
    assert [q.speaker for q in got] == [None]


def test_court_ruled_holding_partial_quote() -> None:
    got = quotes_of(
        "LIMA: Landlords cannot cut off water to tenants in arrears, the Constitutional Court "
        'ruled on Monday, holding that water is "not a collection tool" under the charter.'
    )
    assert [(q.speaker, q.partial) for q in got] == [("Constitutional Court", True)]


def test_gloss_and_defined_term_are_not_quotes() -> None:
    got = quotes_of(
        'Villagers call the peak "Bukit Lama", or "old hill", and remember the 1961 eruption.'
    )
    assert got == []
    got = quotes_of(
        'Ana Pereira said customers should watch for what she called "card cloning," in '
        "which thieves copy a card's chip."
    )
    assert got == []
