"""Attribution patterns of international wire copy (issue 14, tests/data/real2), each on
invented sentences: an affiliation glued to a name, a subject before a circumstance aside,
an agency credited before the speaker is named, a speaker named in the next paragraph."""

from __future__ import annotations

from articles.seeds.format import split_blocks
from articles.seeds.name_homes import without_home
from articles.seeds.quotes import extract_quotes
from articles.seeds.quotes.asides import aside_subject
from articles.seeds.runs import analyse


def speakers(*paragraphs: str) -> list[str | None]:
    return [q.speaker for q in extract_quotes(split_blocks("\n\n".join(paragraphs)))]


# 1. An affiliation glued to a name: the person, not the whole run


def test_affiliation_after_of_is_not_part_of_the_name() -> None:
    assert speakers(
        "James Cain of JN Planning Consultants represents the firm. "
        '"This is a well-used site and it brings jobs," he explained.'
    ) == ["James Cain"]


def test_affiliation_reader_keeps_titles_and_offices() -> None:
    def name(words: str) -> str | None:
        info = without_home(analyse(words.split()))
        return None if info is None else info.name

    assert name("Mary Kole of KLM Property Advisers") == "Mary Kole"
    assert name("Duke of York") == "Duke of York"  # one word before "of"
    assert name("University of Kilbeg Medical School") == "University of Kilbeg Medical School"


# 2. A subject before a circumstance aside ("Lee, while speaking ..., described")


def test_subject_before_a_while_aside_is_the_reported_speaker() -> None:
    assert speakers(
        "A minister says he did not walk out on reporters.",
        "The Kilbeg Press Agency (KPA) recalls the minister allegedly walked out on the "
        "reporters during the briefing.",
        "However, Brennan, while speaking with reporters in Dunmore, described the claim as "
        "untrue.",
        "The minister said he had only wanted to thank selected outlets.",
        "“They all worked hard for us during the opening and I wanted to thank them.",
        "“I became very angry with the aide,” he said.",
    ) == ["Brennan", "Brennan"]


def test_aside_without_its_closing_comma_hides_the_names_inside_it() -> None:
    assert speakers(
        "The Kilbeg Press Agency (KPA) recalls the minister allegedly walked out on the "
        "reporters during the briefing.",
        "However, Brennan, while speaking with reporters in Dunmore after attending events "
        "marking Gov. Tom Ryan’s year in office described the claim as untrue.",
        "“They all worked hard for us during the opening and I wanted to thank them.",
        "“I became very angry with the aide,” he said.",
    ) == ["Brennan", "Brennan"]


def test_aside_subject_reader() -> None:
    ref = aside_subject("However, Ann Lee, while speaking in Kilbeg, ")
    assert ref is not None and ref.value == "Ann Lee"
    assert aside_subject("The report, while long, ") is None
    assert aside_subject("Ann Lee ") is None


def test_aside_reader_leaves_subordinate_and_time_openers() -> None:
    # "When X, during ..., recommended ..., Y replied": X opens a subordinate clause
    assert (
        aside_subject("When Ms. Lee, during a debate in 1973, recommended it, Mrs. Roe replied ")
        is None
    )
    # "Last September, when ..., Babar says": a time phrase, then the subject
    assert (
        aside_subject("Last September, when the centre was hit by vandals, Tom Ryan says ") is None
    )


# 4. A speaker described in the quotation's paragraph and named in the next one


def test_described_person_named_in_the_next_paragraph() -> None:
    assert speakers(
        "A man who tied up two boys on his farm called them “little brats” and told police "
        "there would otherwise be “no consequences”.",
        "Tom Brennan, 46, appeared in Kilbeg court on Monday.",
    ) == ["Tom Brennan", "Tom Brennan"]


def test_described_person_not_the_organisation_in_the_description() -> None:
    assert speakers(
        "A Channel Nine presenter who ended his last show by calling the managers "
        '"dwarfs in grey suits wearing blindfolds" said yesterday he had planned it.',
        "Jack Hollis, who made his comments on air, said he was not sorry.",
    ) == ["Jack Hollis"]


def test_described_person_and_a_different_next_name() -> None:
    # the next paragraph names someone else (no age, no "who"), or a man where a woman spoke
    assert speakers(
        'A woman who lost her son called the verdict "a joke and a disgrace to us".',
        "Judge Tom Brennan jailed the driver for six years.",
    ) == [None]
    assert speakers(
        'A woman who lost her son called the verdict "a joke and a disgrace to us".',
        "Tom Brennan, 46, was jailed for six years.",
    ) == [None]


def test_aside_subject_after_an_opening_phrase() -> None:
    assert speakers(
        "Reuters reported the minister walked out on reporters on Friday.",
        "On Sunday, Tom Brennan, while visiting Dunmore, denied it.",
        "“They all worked hard for us and I wanted to thank them.”",
    ) == ["Tom Brennan"]


def test_affiliation_with_an_unknown_given_name_and_a_title() -> None:
    # a body named as one (an acronym, a company word) after an unfamiliar given name
    assert speakers(
        '"This is a well-used site and it brings jobs," said Okoth Wanjiru of KLM Planning '
        "Consultants."
    ) == ["Okoth Wanjiru"]
    # a title before the name made the reader take the body for the name
    assert speakers(
        '"This is a well-used site and it brings jobs," said Professor Tom Ryan of Dunmore Tech.'
    ) == ["Tom Ryan"]


# 1. A place dateline glued to a name (already read right on main: a guard)


def test_dateline_place_before_a_dash_is_not_the_speaker() -> None:
    for head, name in (
        ("Uasin Gishu - Governor Okoth Wanjiru", "Okoth Wanjiru"),
        ("KILBEG, Kenya — Police chief Ann Lee", "Ann Lee"),
        ("Kilbeg County – Senator Achieng Otieno", "Achieng Otieno"),
    ):
        assert speakers(
            "A post went viral on Sunday.",
            head + " said the post was fake.",
            '"We will find who made it and they will face the law."',
        ) == [name]


def test_described_person_with_a_comma_before_who_and_a_same_noun_appositive() -> None:
    assert speakers(
        "A NEW councillor, who only decided to stand at the last minute, said he was "
        "“euphoric” when he heard.",
        "Tom Brennan, 46, won 1,406 votes.",
    ) == ["Tom Brennan"]
    assert speakers(
        "A Kilbeg farmer who found two boys in his barn called them “little thieves”.",
        "Tom Brennan, a 46-year-old farmer from Kilbeg, appeared in court on Monday.",
    ) == ["Tom Brennan"]
    assert speakers(  # an appositive with another noun: someone else
        "A Kilbeg farmer who found two boys in his barn called them “little thieves”.",
        "Tom Brennan, a judge in Kilbeg, heard the case on Monday.",
    ) == [None]


# 3. An organisation credited before an unnamed speaker


def test_unnamed_role_after_a_credited_agency_is_not_the_agency() -> None:
    quotes = extract_quotes(
        split_blocks(
            "\n\n".join(
                (
                    "The Kilbeg Press Agency (KPA) recalls the minister allegedly walked out "
                    "on the reporters during the briefing.",
                    "The minister said he had only wanted to thank selected outlets.",
                    "“They all worked hard for us during the opening and I wanted to thank them.",
                    "“I became very angry with the aide,” he said.",
                )
            )
        )
    )
    assert [q.speaker for q in quotes] == [None, None]
    assert quotes[0].role == "the minister"
