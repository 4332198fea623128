"""Rules for real copy, each on invented sentences (issue 14): who a pronoun stands for when
the sentence before opens with a surname named only once or with a phrase holding a name, what
a pronoun after a subject says of the subject's gender, and which quoted spans are titles."""

from __future__ import annotations

from articles.seeds.format import split_blocks
from articles.seeds.quotes import extract_quotes, quoted_ranges
from articles.seeds.quotes.classify import _title_like
from articles.seeds.quotes.clauses import _object_ref, _pre_ref, _subject_ref
from articles.seeds.quotes.document import _Doc


def speakers(*paragraphs: str) -> list[str | None]:
    return [q.speaker for q in extract_quotes(split_blocks("\n\n".join(paragraphs)))]


def test_a_surname_named_once_that_opens_a_sentence_is_whom_he_stands_for() -> None:
    assert speakers(
        "Tom Baxter went with the odds, saying the favourites would win.",
        "Lindqvist openly admitted his pick was tactical. “With an eye to March,” he said.",
    ) == ["Lindqvist"]


def test_a_capitalised_common_word_the_article_also_writes_in_lower_case_is_no_surname() -> None:
    assert speakers(
        "Tom Baxter spoke at the rally in the evening.",
        'Immigration dominated the evening, as immigration always does. "We will act," he said.',
    ) == ["Tom Baxter"]


def test_a_word_before_an_absolute_phrase_is_no_surname() -> None:
    assert speakers(
        '"That never happened," Bob Dunn said.',
        'Eyebrows raised, he asked, "Was I going to stay behind by myself?"',
    ) == ["Bob Dunn", "Bob Dunn"]


def test_her_as_the_object_of_the_subjects_verb_says_nothing_of_his_gender() -> None:
    assert speakers(
        "Mary Clark has always maintained that the server was secure.",
        "President Adeyemi backed her up in an interview last October."
        ' "I do not think it posed a problem," he said.',
    ) == ["Adeyemi"]


def genders(*paragraphs: str) -> dict[str, str | None]:
    doc = _Doc(split_blocks("\n\n".join(paragraphs)))
    doc.build_registry()
    return {e.name: e.gender for e in doc.entities}


def test_her_after_is_or_was_is_still_hers_and_after_another_verb_someone_elses() -> None:
    assert genders("Carla Fenn was late, and so was her husband.")["Carla Fenn"] == "f"
    assert genders("Taiwo Fenn praised her work.")["Taiwo Fenn"] is None
    assert genders("Taiwo Fenn thanked him for his work.")["Taiwo Fenn"] == "m"


def test_a_name_in_the_phrase_a_sentence_opens_with_is_not_whom_he_stands_for() -> None:
    assert speakers(
        "Since launching his Harbour Hall bid, Tom Baxter has taken a firm stance on rents.",
        '"Landlords are not sending their best offers," he said.',
    ) == ["Tom Baxter"]
    assert speakers(  # a pronoun after the comma: the name in the phrase is still the one
        "When the interview steered Ian Kerr toward the race, he offered his thoughts.",
        '"I think it is funny," he said.',
    ) == ["Ian Kerr"]


def test_a_title_keeps_its_prepositions_in_lower_case() -> None:
    assert _title_like(["Flip", "the", "Script", "with", "Ann", "Lee"])
    assert not _title_like(["I'm", "with", "her"])
    assert [
        q.text
        for q in extract_quotes(
            split_blocks(
                'With the help of "Flip the Script with Ann Lee", the actor held an audition.'
            )
        )
    ] == []


def test_a_name_after_in_or_at_in_an_appositive_is_where_the_speaker_was() -> None:
    ref = _subject_ref("Democratic front-runner Ann Lee, also campaigning in Kilbeg, ")
    assert ref is None or ref.value != "Kilbeg"
    assert speakers(
        'Senator Ann Lee, also campaigning in Kilbeg, said the mayor was "inciting violence."'
    ) == ["Ann Lee"]


def test_a_clause_with_its_own_verb_after_said_names_no_speaker() -> None:
    ref = _object_ref("the candidate could be strong in towns like Kilbeg, Dunmore and Harbour")
    assert ref is None or ref.value != "Harbour"
    assert speakers(
        '"We will win," said Tom Hale, the campaign chairman.',
        'Mr. Hale, citing "the unique magic of the race," said the candidate could be strong'
        " in towns like Kilbeg, Dunmore and Harbour.",
    ) == ["Tom Hale", "Tom Hale"]


def test_said_another_user_then_a_name_gives_the_name() -> None:
    ref = _object_ref("another Twitter user, Johanna Bayer. ")
    assert ref is not None and ref.value == "Johanna Bayer"


def test_a_us_state_after_a_home_town_is_a_place_not_the_speaker() -> None:
    ref = _subject_ref("Rachel Berg, a philanthropist from Monsey, New York, ")
    assert ref is not None and ref.value == "Rachel Berg"


def test_common_given_names_tell_the_gender_a_pronoun_needs() -> None:
    assert speakers(
        "Carly Dunne spoke first at the meeting.",
        "Along with her husband, Marvin Dunne, a money manager, she has given to many"
        ' candidates. She called the mayor a "special person."',
    ) == ["Carly Dunne"]


def test_said_a_long_office_then_a_person_gives_the_person_not_after_to() -> None:
    ref = _object_ref("former secretary of state Ann Lee, who praised the plan.")
    assert ref is not None and ref.value == "Ann Lee"
    ref = _object_ref("an adviser to Ann Lee.")
    assert ref is None or ref.value != "Ann Lee"


def test_a_name_in_a_participle_phrase_the_sentence_opens_with_is_not_the_subject() -> None:
    assert speakers(
        "Growing up in Santa Lucia, Obi Nwosu regularly met families who had crossed.",
        '"The centres are a disgrace," he said.',
    ) == ["Obi Nwosu"]


def test_he_never_stands_for_a_place_the_name_reader_took_for_a_person() -> None:
    assert speakers(
        'Tom Baxter held rallies all over the south. "We are winning," he tweeted.',
        "After his rally in San Remo the candidate went a step further."
        ' "Many of the thugs were paid," he tweeted.',
    ) == ["Tom Baxter", "Tom Baxter"]


def test_a_horizontal_bar_after_a_quote_paragraph_names_its_speaker() -> None:
    assert speakers(
        "“He is ignorant of our culture and lives.”― Pamela Ruiz",
        "“We are hard-working, tax-paying people.” ― Carla Dunne.",
    ) == ["Pamela Ruiz", "Carla Dunne"]


def test_a_name_then_himself_is_the_subject() -> None:
    ref = _subject_ref("Lindqvist himself ")
    assert ref is not None and ref.value == "Lindqvist"


def test_a_spaced_hyphen_sets_off_an_aside_as_a_dash_does() -> None:
    assert speakers(
        'Tom Baxter - a former governor of the state - said the plan was "dead on arrival."',
    ) == ["Tom Baxter"]


def test_the_attributes_of_embedded_markup_are_not_quotes() -> None:
    text = '<tweet id="6721" author="@annlee" datetime="2016-06-29">We will win.</tweet>.'
    assert quoted_ranges(text) == []
    assert [q.text for q in extract_quotes(split_blocks(text))] == []
    said = 'Ann Lee said, "We will win." <a href="https://example.org/x">More</a>'
    assert [q.text for q in extract_quotes(split_blocks(said))] == ["We will win."]


def test_a_broadcasters_programme_is_a_title_not_a_quote() -> None:
    assert [
        q.text
        for q in extract_quotes(
            split_blocks(
                'Speaking on KTV’s "State of the Union," Ann Lee said the plan was "dead."'
            )
        )
    ] == ["dead."]


def test_a_title_after_on_or_with_is_a_programme_even_with_a_full_stop() -> None:
    assert [
        q.text
        for q in extract_quotes(
            split_blocks('"I expect to be vetted," Ann Lee said on "Meet the Nation."')
        )
    ] == ["I expect to be vetted,"]
    assert [
        q.text for q in extract_quotes(split_blocks('The crowd answered with "Lock Her Up!"'))
    ] == ["Lock Her Up!"]


def test_a_name_after_an_intro_phrase_is_the_subject_of_a_second_verb() -> None:
    assert speakers(
        '"We will win," said Tom Hale.',
        "Asked on Monday whether Mr. Hale would hold a cabinet post, Mrs. Ann Lee shook her"
        ' head and said, "No."',
    ) == ["Tom Hale", "Ann Lee"]


def test_a_quotation_in_a_when_clause_is_the_when_clauses_subjects() -> None:
    assert speakers(
        "Some Democrats said they feared a repeat of the 1992 convention, when Tom Hale,"
        ' who had lost the nomination, called for a "cultural war."'
    ) == ["Tom Hale"]


def test_a_quotation_after_a_contrast_is_the_second_subjects() -> None:
    assert speakers(
        "Governor Tom Hale on Monday signed an order to block the plan, while Ann Lee,"
        ' the former mayor, proposed they "wake up and smell the coffee."'
    ) == ["Ann Lee"]
    assert speakers(  # "while attending": no contrast, no second subject
        'While attending the march, Tom Hale calls the mayor a "fascist."'
    ) == ["Tom Hale"]


def test_a_comma_inside_a_titles_closing_mark_still_ends_the_opening_phrase() -> None:
    assert speakers(
        "On this weekend’s broadcast of “Nation Sunday,” Republican nominee Gov. Ann Lee"
        " said the tweet was only “to mock” her rival."
    ) == ["Ann Lee"]


def test_a_transcript_line_opens_with_its_speakers_name_in_capitals() -> None:
    assert speakers(
        'On Sunday, Gov. Ann Lee said the tweet was only "to mock" her rival.',
        '"HALVORSEN: Let’s start with the debate. Will she be there?"',
        '"LEE: Well, look, we will see."',
        '"UPDATE: The debate starts at nine."',
    ) == ["Ann Lee", "Halvorsen", "Ann Lee", "Ann Lee"]


def test_a_participle_phrase_opening_a_sentence_is_passed_over_for_its_subject() -> None:
    assert speakers(
        "Facing mounting criticism from both parties, Tom Hale released a statement,"
        ' insisting that the family had "no right" to criticise him.'
    ) == ["Tom Hale"]


def test_a_name_before_one_of_the_appositive_is_the_subject() -> None:
    ref = _subject_ref("The Nobel-winning novelist Tom Hale, one of the signatories, ")
    assert ref is not None and ref.value == "Tom Hale"


def test_a_party_label_before_a_colon_leaves_the_name_that_introduces_the_quote() -> None:
    assert speakers('Rep. Tom Hale (R-S.C.):"I have not heard anyone cite that figure."') == [
        "Tom Hale"
    ]


def test_a_name_and_a_participle_of_speech_give_the_speaker_of_what_follows() -> None:
    assert speakers(
        "Both men issued a statement, Tom Hale saying he was “very encouraged” and Lee"
        " calling it a “great meeting.”"
    ) == ["Tom Hale", "Lee"]


def test_a_role_then_a_name_in_commas_opens_a_sentence_with_its_subject() -> None:
    assert speakers(
        "Mary Clark spoke first. Her chief policy aide, Jake Dunne, calls her record a"
        ' "blueprint" for growth.'
    ) == ["Jake Dunne"]


def test_with_no_speech_verb_the_subject_of_a_when_or_which_clause_speaks() -> None:
    assert speakers(
        "The anxiety was underscored on Wednesday when House Speaker Tom Hale of Kilbeg"
        ' lamented the "disheartened" state of the race.'
    ) == ["Tom Hale"]
    assert speakers(  # "that" opens what was said, not who said it
        'Sen. Ann Lee, alleging that Tom Hale wanted it, said the refugees are "mostly men."'
    ) == ["Ann Lee"]


def test_an_aside_after_the_name_and_a_role_before_it_leave_the_name() -> None:
    ref = _object_ref("Lee's introducer, actress Jamie Dunne.")
    assert ref is not None and ref.value == "Jamie Dunne"
    ref = _subject_ref("Texas delegate Bill Dunne, wearing a cowboy hat and campaign pins, ")
    assert ref is not None and ref.value == "Bill Dunne"


def test_a_verb_no_list_holds_then_a_role_and_a_name_after_the_quote() -> None:
    assert speakers(
        'Tom Hale spoke first. Then: "It is about time," exhorted actress Jamie Dunne.'
    ) == ["Jamie Dunne"]


def test_the_one_told_is_never_the_speaker() -> None:
    assert speakers(
        '"We should build bridges," the city spokesman, Tom Hale, told Kilbeg Radio.'
    ) == ["Tom Hale"]


def test_said_a_name_on_an_outlet_gives_the_name() -> None:
    ref = _object_ref("Larry Dunne on Hot Air.")
    assert ref is not None and ref.value == "Larry Dunne"


def test_and_then_before_the_subject_of_a_participle_of_speech() -> None:
    assert speakers(
        'And then Tom Hale went fully on the attack, saying, "Will the mayor resign?"'
    ) == ["Tom Hale"]


def test_a_quotation_after_the_speech_verb_of_a_which_clause_is_its_subjects() -> None:
    assert speakers(
        "Lee advisers say any effort could backfire, angering his supporters, both of which"
        ' Mrs. Ann Lee praised on Tuesday "for challenging us."'
    ) == ["Ann Lee"]


def test_she_never_stands_for_a_state_even_one_given_her_gender() -> None:
    assert speakers(
        "Mary Clark is shaping the role her husband would play.",
        "Before the West Virginia primary, she said her husband had"
        ' "got to come out of retirement."',
    ) == ["Mary Clark"]


def test_an_inverted_said_in_reported_speech_makes_its_object_the_latest_speaker() -> None:
    assert speakers(
        "Ann Lee has a large staff. The Lee approach is made possible by its resources, said"
        ' Katie Dunne, a director at the firm. Others are "having to be leaner," she said.'
    ) == ["Katie Dunne"]


def test_a_paragraph_on_who_spoke_then_a_quote_paragraph_gives_the_one_who_spoke() -> None:
    assert speakers(
        '"We were lucky," said captain Ann Lee.',
        "Assistant coach Tom Hale talked about the will of the side, led by Lee, to win.",
        '"We have got a team of immense skill."',
    ) == ["Ann Lee", "Tom Hale"]


def test_spoke_names_no_speaker_for_a_quote_a_later_clause_attributes() -> None:
    ref = _pre_ref(
        "The former mayor spoke hours after Hale held a news conference, pointedly saying"
        " the city was not "
    )
    assert ref is None or ref.kind != "rolenoun"
    assert speakers(
        'Former mayor Ann Lee endorsed the plan. "We are ready," said Tom Hale.',
        "The former mayor spoke hours after Hale held a news conference, pointedly"
        ' saying the city was not "safe" during her tenure.',
    ) == ["Tom Hale", "Tom Hale"]


def test_a_verb_no_list_holds_then_a_surname_that_ends_the_clause() -> None:
    assert speakers(
        "Ann Lee spoke about sport.",
        '"What sport is she talking about?" reacted Hale.',
    ) == ["Hale"]


def test_two_capitalised_words_are_a_title_however_common_the_first() -> None:
    assert _title_like(["New", "Day."])
    assert [
        q.text
        for q in extract_quotes(
            split_blocks('"We will go on," Tom Hale said in an interview aired on "New Day."')
        )
    ] == ["We will go on,"]


def test_a_programme_after_a_broadcasters_bare_apostrophe() -> None:
    text = 'Tom Hale backed her in an interview on KBS\' "60 Minutes." "It is fine," he said.'
    assert [q.text for q in extract_quotes(split_blocks(text))] == ["It is fine,"]


def test_a_tag_cut_at_the_end_of_a_paragraph_quotes_nobody() -> None:
    assert quoted_ranges('<tweet tweet-author="@annlee" tweet-date="January 19, 2016') == []


def test_a_title_and_subtitle_in_capitals_either_side_of_a_colon() -> None:
    text = (
        'As recalled in the book "Backfire: Ann Lee’s Battle for the Soul of the Company,"'
        ' the board "was never told."'
    )
    assert [q.text for q in extract_quotes(split_blocks(text))] == ["was never told."]


def test_a_report_within_a_report_gives_the_inner_speaker() -> None:
    assert speakers(
        "Commissioner Ann Lee said Hale told the department that he was running a check"
        ' when a second man "became combative and aggressive."'
    ) == ["Hale"]


def test_a_name_in_a_when_clause_after_said_x_is_not_the_speaker() -> None:
    ref = _object_ref("Kilbeg resident Dan Dunne when asked about Ann Lee. A voter")
    assert ref is not None and ref.value == "Dan Dunne"


def test_says_x_set_off_by_commas_mid_sentence_gives_x() -> None:
    assert speakers(
        '"We lost," said Mary Clark.',
        "The paradox of the mayor, says Carl Dunne, a historian at the library, is that she"
        ' was "one of the most powerful mayors in years."',
    ) == ["Mary Clark", "Carl Dunne"]


def test_a_capitalised_word_said_mid_sentence_is_a_name_not_a_group() -> None:
    ref = _pre_ref("It's a reminder, Rogers said, that ")
    assert ref is not None and (ref.kind, ref.value) == ("name", "Rogers")
    ref = _pre_ref("Teachers said that ")  # a group, opening its sentence
    assert ref is None or ref.kind != "name"


def test_a_name_and_its_appositives_after_an_adverb_led_time_phrase_give_the_person() -> None:
    assert speakers(
        "Just last week, Jo Dunne, editor at large of The Clarion, an influential weekly"
        ' newspaper for farmers, wrote, "When we think of rain, we should think of the drought."'
    ) == ["Jo Dunne"]


def test_a_colon_clause_after_a_quotation_that_ends_its_sentence_introduces_the_next() -> None:
    assert speakers(
        "Bea Kirwan and her husband fled in March.",
        '"We are refugees," Ms. Kirwan said. "We are not criminals." Mr. Zahed said:'
        ' "The attack that happened today is the work of criminals."',
    ) == ["Bea Kirwan", "Bea Kirwan", "Zahed"]


def test_a_subject_whose_verb_is_an_irregular_past_still_opens_the_sentence() -> None:
    assert speakers(
        "Ted Marsh spoke first.",
        'Lorna Vance drew cheers and then boomed, "Today, you proved there is no place like home."',
    ) == ["Lorna Vance"]


def test_a_single_capitalised_word_after_of_is_no_sentence_subject() -> None:
    assert speakers(
        "Ann Breen, a former secretary of State, toured Kilbeg on Monday.",
        "The former secretary of State began her speech by slamming rivals who would"
        ' "outsource" leadership.',
    ) != ["State"]


def test_he_never_stands_for_a_word_before_a_state_the_name_reader_took_for_a_person() -> None:
    assert speakers(
        "Tom Hale, a farmer, spoke at the fair on Monday.",
        "The Independent Vermont senator vowed to stay in the race.",
        '"We will fight for every vote," he said.',
    ) != ["Independent Vermont"]


def test_with_an_organisation_of_several_words_doing_something_gives_the_organisation() -> None:
    assert speakers(
        "Ann Lee spoke first.",
        "Unions were early supporters of Hale, with the Kilbeg Federation of Teachers calling"
        ' her "the champion working families need" and others hugging her.',
    ) == ["Kilbeg Federation of Teachers"]


def test_a_comma_clause_after_a_quotation_that_ends_its_sentence_introduces_the_next() -> None:
    assert speakers(
        "Earlier in 2012, Ambassador John Tefft wrote to Mrs. Lee about a visit by her"
        ' daughter, "at the invitation of an oligarch." Mrs. Lee replied, "As you know,'
        ' hearing nice things about your children is as good as it gets."'
    ) == ["John Tefft", "Lee"]


def test_with_a_name_an_adverb_and_a_participle_before_a_colon_gives_the_name() -> None:
    assert speakers(
        "At a Hale rally in Kilbeg on Saturday, some of his supporters punched a Kilbeg Matters"
        ' protester, with Hale reportedly yelling: "Get him the hell out of here!"'
    ) == ["Hale"]


def test_a_relative_clause_holding_a_name_in_commas_is_passed_over_for_the_subject() -> None:
    assert speakers(
        "Mr. Slinker, whose latest start-up, Paradata, uses big data to help brands, said"
        ' Mr. Hale was a candidate in the spirit of the valley: "He is a start-up kind of guy."'
    ) == ["Slinker"]


def test_a_while_clause_with_its_own_subject_keeps_each_quotation_with_its_subject() -> None:
    assert speakers(
        "Pat Quill met Ben Dorsey last year.",
        'Quill refers to the candidate as "Mr. Dorsey," while Dorsey refers to the governor'
        ' as "Pat."',
    ) == ["Pat Quill", "Ben Dorsey"]


def test_he_never_stands_for_a_name_only_ever_mentioned_after_an_opening_at_or_in() -> None:
    assert speakers(
        "At Boca Park, where it costs members $70,000 to join, Jay Dunne, the club's president,"
        ' blamed rivals. "It was just waiting for a recession," he said.'
    ) == ["Jay Dunne"]


def test_he_never_stands_for_a_capitalised_description_after_a_or_an() -> None:
    assert speakers(
        "Mandates are a burden, said Todd Wilcox, a Kilbeg businessman.",
        "Wilcox and Beruff, a Filby Republican, argued that the department is not needed.",
        'To believe otherwise, "you have to take a really cynical view of the states," he said.',
    ) == ["Todd Wilcox"]


def test_he_never_stands_for_a_capitalised_adjective_kept_alone_as_a_name() -> None:
    assert (
        speakers(
            "Democratic politicians oppose the tax. Democratic economists favour it.",
            '"We need a new source," said Mr. Dunne of the Kilbeg Tax Centre. Proposals so far from'
            ' the Democratic front-runner, Ann Lee, he added, amount to "just tinkering at the'
            ' edges."',
        )[1]
        != "Democratic"
    )


def test_a_pronoun_clause_after_a_when_clause_gives_its_subject_not_a_name_before() -> None:
    assert speakers(
        "Ann Lee, the Democratic nominee, spoke on Monday.",
        "Last month, when I asked Tom Hale if he would ever endorse Ann Lee, he looked straight"
        ' into my camera, furrowed his brow and said, "I am going to endorse YOU!"',
    ) == ["Tom Hale"]


def test_a_given_name_borne_by_men_and_women_says_nothing_of_gender() -> None:
    assert speakers(
        "Ann Lee, the Democratic nominee, spoke on Monday.",
        "Former Kilbeg governor Jan Dorrell, an early supporter of Hale, calls security"
        ' "a priority" for women. "That will resonate with all women," she said.',
    ) == ["Jan Dorrell", "Jan Dorrell"]


def test_he_never_stands_for_a_gerund_that_only_ever_opens_a_sentence() -> None:
    assert speakers(
        "Dave Gilbert runs the group.",
        "Gilbert said the boycott calls are unlikely to hurt. Fundraising was"
        ' "stagnant for about a month" as donors waited, he said.',
    ) == ["Dave Gilbert"]


def test_a_relative_clause_after_an_opening_participle_phrase_is_passed_over() -> None:
    assert speakers(
        "Republican hopefuls Jed Dorsey and Chris Hale say Senator Ann Lee has not been tested.",
        "Speaking to Kilbeg Radio on Monday in Filby, which is set to host the second contest,"
        ' Dorsey referred to Lee as "a bright, charismatic leader" but described her skills'
        ' as a "work in progress."',
    ) == ["Jed Dorsey", "Jed Dorsey"]
