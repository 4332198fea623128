"""Attribution rules for real copy, each on invented sentences (issue 14): speakers named in a
roundup label, under a run of quote paragraphs, in an appositive, after a topic phrase."""

from __future__ import annotations

import pytest

from articles.seeds.format import split_blocks
from articles.seeds.quotes import extract_quotes
from articles.seeds.quotes.labels import _label_name


def speakers(*paragraphs: str) -> list[str | None]:
    return [q.speaker for q in extract_quotes(split_blocks("\n\n".join(paragraphs)))]


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Kilbeg manager Tom Ryan", "Tom Ryan"),
        ("Harbour United coach, Brian Walsh", "Brian Walsh"),
        ("Jane Roe, The Daily Record", "Jane Roe"),
        ("Sir Tom Ryan:", "Tom Ryan"),
        ("The Coaches", None),
        ("Kilbeg 2-1 Harbour United", None),
        ("He told Jane Roe", None),
        ("Jane Roe, who was there", None),
        ("OPERATOR RESPONDS", None),
    ],
)
def test_a_label_line_names_only_a_speaker(line: str, name: str | None) -> None:
    assert _label_name(line) == name


def test_colon_roundups_give_each_speaker_and_their_follow_on_paragraphs() -> None:
    assert speakers(
        '"We were poor," said Mark Doyle.',
        'Sir Tom Ryan: "It was a great finish."',
        '"We never stopped believing."',
        'Ann Kelly: "They have been fantastic."',
    ) == ["Mark Doyle", "Tom Ryan", "Tom Ryan", "Ann Kelly"]


def test_a_label_line_under_quote_paragraphs_names_their_speaker() -> None:
    assert speakers(
        "The coaches",
        "“There was some rust in our play.",
        "“But we will learn from that.”",
        "Harbour United coach, Brian Walsh",
        '"We looked flat in the first ten minutes."',
        "Kilbeg manager Tom Ryan",
    ) == ["Brian Walsh", "Brian Walsh", "Tom Ryan"]


def test_a_heading_of_two_capitalised_words_is_not_a_speaker_label() -> None:
    assert speakers(
        'Ana Ruiz said: "We are tired."',
        '"Every spring it is the same."',
        "Market Reaction",
    ) == ["Ana Ruiz", "Ana Ruiz"]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ('Representative Jane Roe, a California Democrat, said: "We will vote no."', "Jane Roe"),
        (
            'Col. Joe Gasper, director of Kilbeg State Police, said it was "unwarranted".',
            "Joe Gasper",
        ),
        (
            'Colin Gillis, analyst at Harbour Partners, said profits were "crazy good".',
            "Colin Gillis",
        ),
        ('Jason Storey, 49, from Filby, said: "He really deserved it."', "Jason Storey"),
        ('Cllr Ann Leeson, of Garden Close, Kilbeg, said: "I was shocked."', "Ann Leeson"),
    ],
)
def test_the_person_before_an_appositive_is_the_speaker(sentence: str, speaker: str) -> None:
    assert speakers(sentence) == [speaker]


def test_a_role_before_a_name_still_gives_the_name() -> None:
    assert speakers('The company chief, Jane Roe, said: "We agree."') == ["Jane Roe"]


def test_a_name_the_appositive_works_for_is_not_the_speaker() -> None:
    assert speakers(
        'Chris Covert, South Carolina director for Sanders, said: "We are in good position."'
    ) == ["Chris Covert"]


def test_a_paragraph_ending_in_a_colon_introduces_the_quote_paragraphs_after_it() -> None:
    assert speakers(
        '"We were poor," said Mark Doyle.',
        "Jane Roe reflected on her win:",
        '"It was a long season."',
        '"We never stopped believing."',
    ) == ["Mark Doyle", "Jane Roe", "Jane Roe"]


def test_an_office_glued_to_a_name_is_not_part_of_it() -> None:
    assert speakers(
        'Taoiseach Simon Hartigan said there was "no hiding place" for the attackers.',
        'Kilbeg Region Superintendent Paul Cleere said: "We are investigating."',
    ) == ["Simon Hartigan", "Paul Cleere"]


def test_a_family_name_first_stays_whole() -> None:
    assert speakers(
        'Lim Wei Ling, the chief executive, said: "Inference is forever."',
        'Lim added: "We will prove them wrong."',
    ) == ["Lim Wei Ling", "Lim Wei Ling"]


def test_the_party_and_office_refer_back_to_the_person_who_holds_it() -> None:
    assert speakers(
        'MP Ann Marsh tells the station: "If one of us gets hurt, I will blame Tom Hale."',
        "The Labour MP told Ruth Green how she had approached Tom Hale today, for which he "
        'gave "rubbish answers".',
        '"I asked him how he felt about it."',
    ) == ["Ann Marsh", "Ann Marsh", "Ann Marsh"]


@pytest.mark.parametrize(
    "paragraph",
    [
        '"This is a disgrace," Jane Roe fumed after the vote.',
        '"It was the best night of my life," Jane Roe gushed.',
        'Jane Roe interjected: "So you are saying there will be some flexibility?"',
        '"You have called them names," Jane Roe charged in her question.',
    ],
)
def test_reporting_verbs_beyond_said_name_the_speaker(paragraph: str) -> None:
    assert speakers('"We will see," said Tom Hale.', paragraph) == ["Tom Hale", "Jane Roe"]


def test_a_verb_in_a_subordinate_clause_does_not_name_the_speaker() -> None:
    assert speakers(
        'While not everything Tom Hale says is true, Ann Marsh said he is "telling them what '
        'they want to hear."'
    ) == ["Ann Marsh"]


def test_a_party_letter_after_a_name_is_not_the_speaker() -> None:
    assert speakers('Gov. Phil Brand (R) said he expects an "aggressive appeal".') == ["Phil Brand"]


def test_a_surname_and_a_verb_before_a_colon_introduce_the_quote() -> None:
    assert speakers(
        'Governor Tom Hale met Ann Marsh. "Sign it," said Ann Marsh.',
        'When Ann Marsh suggested a deal, Hale fired back: "Governors cannot do that."',
    ) == ["Ann Marsh", "Tom Hale"]


def test_a_surname_ending_in_s_is_the_person_not_an_unnamed_group() -> None:
    assert speakers(
        "Bernie Sanders met voters in Iowa on Monday.",
        '"We will win," Sanders said.',
        '"Analysts are wrong," analysts said.',
    ) == ["Bernie Sanders", None]


def test_a_participle_after_the_main_clause_takes_its_subject() -> None:
    assert speakers(
        "Ohio Gov. Tom Hale suspended his campaign on Wednesday, telling supporters that he "
        'had faith that "the Lord will show me the way forward."'
    ) == ["Tom Hale"]


def test_reported_is_a_reporting_verb() -> None:
    assert speakers(
        'The Kilbeg Herald reported on Thursday that "agents are looking at the code".'
    ) == ["Kilbeg Herald"]


def test_former_before_a_place_is_not_a_person_a_pronoun_can_mean() -> None:
    assert speakers(
        "Former Kilbeg governor Ann Marsh calls security a priority for women. "
        '"That will resonate," she said.'
    ) == ["Ann Marsh"]


def test_a_dash_after_a_roundup_quote_names_its_speaker() -> None:
    assert speakers(
        "“It was a critical moment for us.” – Kilbeg coach Warren Hale on his team's escape.",
        "“The better team lost today.” – Hale rated the visitors' performance higher.",
    ) == ["Warren Hale", "Warren Hale"]


def test_a_label_line_may_end_with_what_the_speaker_talks_about() -> None:
    assert speakers(
        "“It's a bit disappointing, but that happens.",
        "“We've got to pick ourselves back up.”",
        "Kilbeg stand-off, Danny Marsh, on that video decision",
    ) == ["Danny Marsh", "Danny Marsh"]


@pytest.mark.parametrize(
    "sentence",
    [
        'Tom Hale thanked the council for "stepping up when nobody else would."',
        'On Friday, Kilbeg mayor Tom Hale derided the plan as "a fantasy."',
        'Tom Hale, a Kilbeg councillor, frequently emphasizes that he is a "proud local."',
        'Former party spokesman Tom Hale heralded the deal as a "breakthrough."',
    ],
)
def test_the_subject_of_a_sentence_without_a_speech_verb_is_its_speaker(sentence: str) -> None:
    """Not the previous paragraph's speaker: the person the sentence opens with."""
    assert speakers('"We will fight on," said Ann Marsh.', sentence) == ["Ann Marsh", "Tom Hale"]


def test_a_subject_pronoun_without_a_speech_verb_is_resolved_by_gender() -> None:
    assert speakers(
        '"We will fight on," said Ann Marsh, standing beside Tom Hale.',
        'He thanked the council for "stepping up when nobody else would."',
    ) == ["Ann Marsh", "Tom Hale"]


def test_a_verb_in_a_subordinate_clause_does_not_make_its_subject_the_speaker() -> None:
    assert speakers(
        "After Ann Marsh criticised the plan at a meeting, Tom Hale shot back, "
        '"I suppose I could have stayed at home."'
    ) == ["Tom Hale"]


def test_a_name_and_its_participle_before_a_colon_give_the_speaker() -> None:
    assert speakers(
        "Ann Marsh, who looked puzzled, asked him to expand on his answer, which ended with "
        'Tom Hale replying: "You are asking about hypothetical situations."'
    ) == ["Tom Hale"]


def test_a_nickname_after_a_middle_initial_still_joins_the_name() -> None:
    assert speakers(
        'Mayor Tom R. "Rocky" Hale issued a statement saying: "I fully support the decision."'
    ) == ["Tom R. Hale"]


def test_a_speech_verb_after_a_comma_opens_its_own_clause() -> None:
    assert speakers(
        '"Consumers have shown a new resilience," like the recent calm in markets, said Tom '
        "Hale, the chief economist at Kilbeg Bank."
    ) == ["Tom Hale"]


def test_party_and_state_after_a_name_are_an_appositive_not_the_speaker() -> None:
    assert speakers(
        '"That was a good speech," Representative Ann Marsh, Democrat of Kansas, told the '
        "president."
    ) == ["Ann Marsh"]


def test_an_opening_mark_typed_for_a_closing_one_still_closes_the_quote() -> None:
    quotes = extract_quotes(
        split_blocks(
            '"If the plan fails, that could create real problems for her here,“ said Tom Hale, '
            "a councillor from Kilbeg."
        )
    )
    assert [(q.text, q.speaker) for q in quotes] == [
        ("If the plan fails, that could create real problems for her here,", "Tom Hale")
    ]


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ("“Go back to your seat,” Tom Hale barked, and a guard led her out.", "Tom Hale"),
        ("“This is fantastic!” beamed Tom Hale, who had come from the guest seats.", "Tom Hale"),
        ("“Kilbeg will always be Kilbeg,” an angry Hale retaliated.", "Hale"),
        ("“They are all here for the free stuff,” Tom Hale shot back with a laugh.", "Tom Hale"),
    ],
)
def test_a_name_and_a_verb_no_list_holds_after_a_quote_give_its_speaker(
    paragraph: str, speaker: str
) -> None:
    assert speakers('"We will win," said Ann Marsh.', paragraph) == ["Ann Marsh", speaker]


def test_a_later_quotes_attribution_covers_an_earlier_one_in_its_sentence() -> None:
    assert speakers(
        '"We will win," said Ann Marsh.',
        "Guns are “the ultimate public health crisis” and “stunt children’s growth,” Tom Hale, "
        "a former governor, told a cheering crowd.",
    ) == ["Ann Marsh", "Tom Hale", "Tom Hale"]


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        (
            "April Marsh, a spokeswoman for the Kilbeg Convention, said in a statement that the "
            'team would work with police "to ensure the safety of all delegates."',
            "April Marsh",
        ),
        (
            "For now, Hale, at the Kilbeg Institute, said the two sides had reached some sort of "
            '"uneasy truce" here.',
            "Hale",
        ),
        (
            "Hale, during a town hall meeting in Kilbeg, Ohio, said she was "
            '"going to put a lot of miners out of work."',
            "Hale",
        ),
        (
            "Tom Hale, who lives in a village outside the state capital, Sacramento, said he "
            '"prays the plan goes ahead."',
            "Tom Hale",
        ),
        ('"The commissions have failed," said ACLU executive director Tom Hale in a statement.',
         "Tom Hale"),
        ('Caucus chairman Tom Hale of North Carolina said he was "outraged" to hear it.',
         "Tom Hale"),
    ],
)  # fmt: skip
def test_the_person_is_the_speaker_not_the_body_or_place_around_the_name(
    paragraph: str, speaker: str
) -> None:
    assert speakers('"We will win," said Ann Marsh.', paragraph) == ["Ann Marsh", speaker]


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        (
            "Hours later, Tom Hale returned the compliment, telling reporters, "
            '"We have been friends for a long time."',
            "Tom Hale",
        ),
        (
            "Former Kilbeg presidential candidate Tom Hale broke down what was wrong with it: "
            '"It was so insensitive."',
            "Tom Hale",
        ),
        (
            "Councillors were irritated by the lack of detail, with Senator Tom Hale calling "
            'it a "menu of options."',
            "Tom Hale",
        ),
        (
            'Tom Hale accuses the council of "leading from behind" and Ann Marsh says it is '
            '"losing the argument."',
            "Tom Hale",
        ),
    ],
)
def test_the_subject_of_the_clause_that_holds_the_quote_speaks(paragraph, speaker) -> None:
    assert speakers('"We will win," said Ann Marsh.', paragraph)[1] == speaker


def test_a_dateline_without_an_agency_is_not_a_speaker_a_pronoun_can_mean() -> None:
    assert speakers(
        "KILBEG FALLS, Iowa — Residents woke to a foot of snow on Monday.",
        "“Nobody saw this coming,” he said.",
    ) == [None]


def test_a_pronoun_before_a_name_in_its_sentence_does_not_give_the_name_its_gender() -> None:
    assert speakers(
        "While she has dropped direct attacks on Zev Hale from her speech, Ann Marsh keeps on.",
        "On Thursday, Hale unloaded on the paper at a breakfast. "
        "“Check out where the geniuses on the editorial page were,” he said.",
    ) == ["Zev Hale"]


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        (
            "During their first debate, Tom Hale cracked, "
            '"I am a progressive who likes to get things done."',
            "Tom Hale",
        ),
        ('"It may have been his first attempt," said his best friend at Kilbeg, Tom Hale.',
         "Tom Hale"),
        ('"How are you today?" Tom Hale, a retired engineer, said pleasantly into the phone.',
         "Tom Hale"),
        (
            "Asked whether the work, which friends described as miserable, had hurt him, "
            'Tom Hale said: "I hope not."',
            "Tom Hale",
        ),
    ],
)  # fmt: skip
def test_reporting_clauses_real_copy_writes(paragraph: str, speaker: str) -> None:
    assert speakers('"We will win," said Ann Marsh.', paragraph) == ["Ann Marsh", speaker]


def test_an_office_before_a_name_is_not_a_person_and_the_office_alone_means_its_holder() -> None:
    assert speakers(
        "The Kilbeg Premier, Ann Marsh, has been vocal in her unhappiness.",
        "But Eastshire Premier Jane Roe has come out fighting.",
        "The Premier told journalists there had been relentless pressure.",
        "“It is relentless. But I will not be intimidated,” she said.",
    ) == ["Jane Roe"]


@pytest.mark.parametrize(
    "paragraph",
    [
        '"I am very pleased," the married father-of-two said.',
        '"I am very pleased," said the 47-year-old.',
        'Laughing the 47-year-old said it was in "someone else\'s hands."',
    ],
)
def test_a_description_of_the_person_just_named_is_that_person(paragraph: str) -> None:
    assert speakers("Tom Hale, 47, is the new councillor for the Rudloe ward.", paragraph) == [
        "Tom Hale"
    ]


def test_a_person_opening_the_clause_speaks_not_the_university_after_the_role() -> None:
    assert speakers(
        '"We accidentally discovered this extinct species," Dr. Tom Hale a senior researcher '
        "at the Kilbeg Centre for Ancient DNA, University of Kilbeg told Reuters."
    ) == ["Tom Hale"]


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ("Tom Hale at the time said he had asked his “people” to “look into” paying the fees.",
         "Tom Hale"),
        ('Sunday morning, Tom Hale slammed the shift and accused Ann Marsh of a "flip-flop."',
         "Tom Hale"),
        ("Ann Marsh suggested that the plan could not work, while Tom Hale said that the "
         '"stakes in this election are too high."', "Tom Hale"),
    ],
)  # fmt: skip
def test_the_clause_nearest_the_quote_names_its_speaker(paragraph: str, speaker: str) -> None:
    assert set(speakers('"We will win," said Ann Marsh.', paragraph)[1:]) == {speaker}


@pytest.mark.parametrize(
    ("paragraphs", "speaker"),
    [
        (['As the columnist Tom Hale had written a few years earlier, "We could not have an '
          'industry without him."'], "Tom Hale"),
        (["Band member Tom Hale shared the news last week, writing “Feels great to support "
          "someone I believe in.”"], "Tom Hale"),
        (["At a campaign event in Kilbeg, Iowa, on Sunday, Tom Hale tried to expand on his "
          'statement, saying that the country should "be rallying our partners."'], "Tom Hale"),
        (["Or maybe Ann Roe, digital consultant Tom Hale says.",
          '"Several surveys suggest a second look is occurring."'], "Tom Hale"),
    ],
)  # fmt: skip
def test_the_speaker_behind_an_opening_clause_or_a_role(paragraphs, speaker) -> None:
    assert speakers('"We will win," said Ann Marsh.', *paragraphs) == ["Ann Marsh", speaker]


@pytest.mark.parametrize(
    "paragraph",
    [
        "On Thursday night as the four remaining candidates took the debate stage at the "
        "University of Kilbeg, Hale wanted the Kilbeg Party to “embrace” his candidacy.",
        "Early in his campaign, Hale attacked Marsh, calling her, among other things, "
        "“a failed candidate.”",
    ],
)
def test_a_long_opening_phrase_still_leaves_the_subject(paragraph: str) -> None:
    assert speakers("Tom Hale spoke first.", paragraph) == ["Tom Hale"]


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ('Ann Marsh would have to "go more to the centre," Cuban said.', "Tom Cuban"),
        ('"I do not think she has been truthful," Ann Marsh, 67, a retired clerk in Allentown, '
         'Pa., said in an interview.', "Ann Marsh"),
        ('"The endorsement came early," said Heiserman of the Kilbeg Teachers Union.',
         "Heiserman"),
    ],
)  # fmt: skip
def test_a_surname_a_demonym_or_a_state_does_not_hide_the_speaker(paragraph, speaker) -> None:
    assert speakers("Businessman Tom Cuban spoke to reporters.", paragraph) == [speaker]


@pytest.mark.parametrize(
    ("clause", "name"),
    [
        (
            "Odalys Dorsey, 67, a retired nurse in Allentown, Pa., said in an interview.",
            "Odalys Dorsey",
        ),
        ("Mr. Dorsey, now 81 and retired in Cambridge, Mass., said by telephone.", "Dorsey"),
    ],
)
def test_a_state_closing_the_description_of_a_speaker_is_not_the_speaker(
    clause: str, name: str
) -> None:
    assert speakers(
        "Polls closed.", f'"I do not think she has been truthful at all," {clause}'
    ) == [name]


def test_the_state_a_politician_represents_is_not_part_of_the_name() -> None:
    assert speakers(
        "Senator Tom Dorsey of Oklahoma spoke after the vote.",
        '"It is a good day for the party," Dorsey said.',
        '"It is a good day for us," said Senator Ann Kerr of New Hampshire.',
    ) == ["Tom Dorsey", "Ann Kerr"]


def test_a_surname_ending_like_a_plural_is_still_a_name() -> None:
    """ "Tom Sanders" is a person, not a group like "local traders"."""
    assert speakers(
        "The council met on Monday.",
        'Tom Sanders called the plan "a reckless waste of public money."',
    ) == ["Tom Sanders"]


def test_a_name_and_verb_after_a_full_stop_open_the_next_sentence() -> None:
    """``"...crash." Rita Kerr called Hale a "..."``: a new sentence with its own subject, not
    an attribution of the quotation before it (``"...crash." Rita Kerr said.`` is one)."""
    assert speakers(
        'Ann Lee said Tom Hale "caused the crash." Rita Kerr called Hale a "reckless driver."',
        '"We won the case." Rita Kerr said.',
    ) == ["Ann Lee", "Rita Kerr", "Rita Kerr"]


@pytest.mark.parametrize(
    "opening",
    [
        "Hale consultant Rita Kerr took up the theme at the time.",
        "Hale’s chief strategist Rita Kerr took up the theme at the time.",
    ],
)
def test_a_name_before_an_office_and_a_person_is_not_the_sentence_subject(opening: str) -> None:
    """``Hale consultant Rita Kerr ... "...," she said``: the pronoun stands for Kerr."""
    assert speakers(
        "Governor Jane Hale won the vote.",
        f'{opening} "Voters see that they have a lot in common," she said.',
    ) == ["Rita Kerr"]


def test_a_name_saying_what_they_would_do_after_a_full_stop_is_a_new_sentence() -> None:
    """``"...law." Rita Kerr said she would ...``: Kerr's own sentence, not the attribution of
    the quotation, which carries on from the paragraph before."""
    assert speakers(
        '"We will appeal," Ann Lee said.',
        '"The ruling was wrong in law." Rita Kerr said she would also appeal.',
    ) == ["Ann Lee", "Ann Lee"]


@pytest.mark.parametrize(
    ("paragraph", "name"),
    [
        (
            "Kerr didn’t seem impressed with Hale’s comments on Tuesday, telling reporters, "
            '"A lot of people said the mayor should step down."',
            "Kerr",
        ),
        (
            "Senator Rita Kerr also sent out an appeal after the remarks, asking supporters to "
            '"donate to our campaign now and condemn the hate."',
            "Rita Kerr",
        ),
    ],
)
def test_the_subject_of_a_clause_before_a_participle_says_the_quotation(
    paragraph: str, name: str
) -> None:
    assert speakers('"We will appeal," Ann Lee said.', paragraph) == ["Ann Lee", name]


@pytest.mark.parametrize(
    ("paragraph", "name"),
    [
        (
            'Polls did call the caucus - Kilbeg Research: "Most pollsters fared well."',
            "Kilbeg Research",
        ),
        ('Polls did call the caucus - Rita Kerr: "Most pollsters fared well."', "Rita Kerr"),
        (
            'The swing does not surprise Republican pollster Rita Kerr: "Late deciders often '
            'break for the challenger."',
            "Rita Kerr",
        ),
    ],
)
def test_a_name_closing_the_clause_before_a_colon_is_the_speaker(paragraph: str, name: str) -> None:
    assert speakers('"We will appeal," Ann Lee said.', paragraph) == ["Ann Lee", name]


@pytest.mark.parametrize(
    ("paragraph", "name"),
    [
        (
            "Senator Rita Kerr threw her support behind Senator Tom Hale on Wednesday, saying "
            'it is time for "a real conservative in the governor’s mansion."',
            "Rita Kerr",
        ),
        (
            "Senator Rita Kerr’s office slammed a lawsuit filed by a former aide, calling it "
            '"meritless and improper."',
            "Rita Kerr office",
        ),
        (
            "Kilbeg (AFP) – Democrat Odalys Kerr has taken a swipe at her rival’s stance on "
            'trade, saying "bombastic comments" do more harm than good.',
            "Odalys Kerr",
        ),
    ],
)
def test_the_subject_before_a_participle_after_a_long_verb_phrase_or_a_dateline(
    paragraph: str, name: str
) -> None:
    assert speakers(paragraph) == [name]


@pytest.mark.parametrize(
    ("paragraph", "name"),
    [
        (
            "The home was renovated. Said Odalys Kerr, who grew up on the street, "
            '"We were all so proud of him."',
            "Odalys Kerr",
        ),
        (
            "Lee was asked by Kilbeg TV moderator Odalys Kerr whether his plan would risk "
            '"adding another expensive programme to the budget."',
            "Odalys Kerr",
        ),
        (
            'Here’s Kerr in December 1992: "Our new direction must rest on the new realities."',
            "Rita Kerr",
        ),
        (
            'The Kilbeg Post reveals a few relevant facts: "Of its 76,981 voters, 30,290 are '
            'Democrats."',
            "Kilbeg Post",
        ),
    ],
)
def test_inverted_passive_and_presenting_clauses_name_the_speaker(
    paragraph: str, name: str
) -> None:
    opening = '"We will appeal," Tom Hale said after meeting Senator Rita Kerr.'
    assert speakers(opening, paragraph)[1:] == [name]


def test_a_surname_and_a_colon_between_quotations_give_each_speaker() -> None:
    assert speakers(
        "Tom Hale and Rita Kerr debated on Monday.",
        'Kerr: "Our goal is to defeat the plan, not to delay it." Hale: "The plan is the '
        'only one on the table."',
    ) == ["Rita Kerr", "Tom Hale"]


def test_a_repeated_surname_opening_a_sentence_is_a_person_a_pronoun_can_stand_for() -> None:
    """``Dorsey defied the question. ... "...," he said``: Dorsey, though the article never
    gives his first name, not the man named in the paragraph before."""
    assert speakers(
        '"Kilbeg will win it," Tom Hale said on Sunday.',
        "Dorsey defied the question and made no choice at all.",
        '"With complete certainty, I predict the winner will be one of the two," he said. '
        "Dorsey then left the stage.",
    ) == ["Tom Hale", "Dorsey"]


@pytest.mark.parametrize(
    ("paragraph", "name"),
    [
        (
            "And on Tuesday, Tom Hale, chairman of the Kilbeg Ways and Means Committee, said "
            'the council might add a "pause" to the levy.',
            "Tom Hale",
        ),
        (
            "In a statement, Tom Hale, a spokesman for the Dorsey campaign, said: "
            '"We have cooperated with every inquiry since last summer."',
            "Tom Hale",
        ),
        (
            'The vote signals "the beginning of the end" for the Kilbeg Union, said Tom Hale, '
            "founder of the Dutch Party for Freedom.",
            "Tom Hale",
        ),
    ],
)
def test_the_person_not_their_affiliation_after_an_opening_phrase_or_a_running_sentence(
    paragraph: str, name: str
) -> None:
    assert speakers("Senator Ann Dorsey spoke on Monday.", paragraph) == [name]


def test_a_participle_phrase_opening_the_clause_is_not_its_subject() -> None:
    assert speakers(
        "Senator Ann Dorsey spoke on Monday.",
        "Dashing into a closed-door lunch, Senator Odalys Kerr, Republican of West Virginia, "
        'called over her shoulder, "His comments are not helping."',
    ) == ["Odalys Kerr"]


def test_a_sentence_saying_what_someone_said_makes_them_the_next_quotations_speaker() -> None:
    """``Dorsey distanced himself from it by saying ... "..."``: Dorsey, not the speaker of
    the paragraph before."""
    assert speakers(
        '"We will appeal," Tom Hale said.',
        "Dorsey distanced himself from the group by saying he would be willing to help. "
        '"I am going to support him, and support him enthusiastically."',
    ) == ["Tom Hale", "Dorsey"]


def test_a_study_or_pollster_that_found_something_is_its_speaker() -> None:
    assert speakers(
        '"We will appeal," Tom Hale said.',
        'In 2014, Kilbeg Research found that "about twice as many voters said it was more '
        'important to control gun ownership."',
    ) == ["Tom Hale", "Kilbeg Research"]


def test_a_repeated_plural_body_opening_sentences_is_not_taken_for_a_surname() -> None:
    assert speakers(
        'Kilbegers are responding to a "serious incident" in the north.',
        "Kilbegers are still at the scene. Kilbegers have closed the road.",
    ) == [None]
