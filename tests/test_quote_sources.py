"""Speakers that are not one person talking (issue 14, on invented sentences): the outlet or
document a quotation is credited to at the end of its sentence, and the campaign or office that
speaks for a person."""

from __future__ import annotations

import pytest

from articles.seeds.format import split_blocks
from articles.seeds.quotes import extract_quotes


def found(*paragraphs: str) -> list[tuple[str | None, str]]:
    quotes = extract_quotes(split_blocks("\n\n".join(paragraphs)))
    return [(q.speaker, q.speaker_kind) for q in quotes]


def speakers(*paragraphs: str) -> list[str | None]:
    return [speaker for speaker, _kind in found(*paragraphs)]


def test_a_credit_closing_the_sentence_gives_the_outlet_for_the_whole_quotation() -> None:
    assert speakers(
        "Senator Ann Lee spoke in Ames on Monday.",
        '"We will win this state," Lee said at a rally, according to the Kilbeg Herald. '
        '"And then we will win the nation."',
    ) == ["Kilbeg Herald", "Kilbeg Herald"]


def test_a_credit_with_no_reporting_clause_gives_the_outlet() -> None:
    assert speakers(
        "Talks went on late into the night.",
        '"The deal is done and the money is in the bank," according to Harbour News.',
    ) == ["Harbour News"]


def test_a_credit_names_whoever_filed_the_document() -> None:
    assert speakers(
        "Charges were dropped on Friday.",
        '"The evidence cannot prove every element of the offence," according to a court '
        "document filed by state attorney Tom Ryan.",
    ) == ["Tom Ryan"]


def test_a_credit_to_an_unnamed_document_leaves_the_speaker_who_said_it() -> None:
    assert speakers(
        "Senator Ann Lee spoke in Ames on Monday.",
        '"We will win this state," Lee said, according to a transcript of the show.',
    ) == ["Ann Lee"]


def test_a_credit_to_a_report_alone_names_no_person() -> None:
    assert speakers(
        "Senator Ann Lee spoke in Ames on Monday.",
        '"Spending rose by a third over the two years," according to the report.',
    ) == [None]


@pytest.mark.parametrize(
    "paragraph",
    [
        'The Lee campaign said the speech would be "about jobs and nothing else."',
        '"The speech will be about jobs and nothing else," the Lee campaign said.',
        'Lee’s campaign called the claim "a rush to judgment by the paper."',
        '"The speech will be about jobs and nothing else," said the Lee campaign.',
    ],
)
def test_a_campaign_speaks_as_an_organisation_not_as_its_candidate(paragraph: str) -> None:
    assert found("Senator Ann Lee spoke in Ames on Monday.", paragraph) == [
        ("Lee campaign", "organisation")
    ]


def test_an_office_speaks_for_its_holder_by_title_and_name() -> None:
    assert speakers(
        "Governor Ann Lee was in Ames on Monday.",
        '"She has no plans to travel this month," Gov. Ann Lee’s office said.',
    ) == ["Ann Lee office"]


def test_a_spokesman_for_a_campaign_is_still_the_person_named() -> None:
    assert speakers(
        "Senator Ann Lee spoke in Ames on Monday.",
        '"We expect to win," said Tom Ryan, a spokesman for the Lee campaign.',
    ) == ["Tom Ryan"]


def test_a_closing_reports_credit_gives_the_outlet() -> None:
    assert speakers(
        "Talks went on late into the night.",
        '"This platform says you are no longer welcome," said Ann Lee, director of Kilbeg '
        "Voters, reports the Harbour News.",
    ) == ["Harbour News"]
