"""Rules for real copy, each on invented sentences (issue 14): the speaker is a name in the
quotation's own sentence that the clause readers passed over, so the quotation went to the
previous speaker: a long description between the subject and its verb, a reporting verb put
before its speaker at the end of a clause, "with X doing", an aside before a new clause."""

from __future__ import annotations

from articles.seeds.format import split_blocks
from articles.seeds.quotes import extract_quotes
from articles.seeds.quotes.named import after_long_description, joins_new_clause, verb_then_name

EARLIER = 'Sam Ortlieb opened the hearing. "We are ready," Ortlieb said.'


def speakers(*paragraphs: str) -> list[str | None]:
    return [q.speaker for q in extract_quotes(split_blocks("\n\n".join(paragraphs)))]


def test_a_long_description_between_the_subject_and_its_verb_is_passed_over() -> None:
    assert speakers(
        EARLIER,
        "Ted Nordlund, co-founder of the Barrow Institute and advocate of a far larger effort "
        'to cultivate new technologies, welcomed "the recognition that we lack the tools."',
    )[1:] == ["Ted Nordlund"]


def test_a_description_of_several_commas_between_the_subject_and_its_verb_is_passed_over() -> None:
    assert speakers(
        EARLIER,
        "Morton Bleckley, founder of the Leadership Trust, a member in the 1960s and long time "
        'committeeman from Ohio, endorsed Drew Hale last week, saying he "has shown his deep '
        'commitment to our principles."',
    )[1:] == ["Morton Bleckley"]


def test_a_list_of_names_is_no_description() -> None:
    assert after_long_description(", Ann Lee and Tom Hale signed it", lambda t: True) is None


def test_a_reporting_verb_before_its_speaker_ends_the_clause() -> None:
    assert speakers(
        EARLIER,
        'In other words, explained the moderator Nancy Corder: "What does that have to do '
        'with donations?"',
    )[1:] == ["Nancy Corder"]
    assert speakers(
        EARLIER,
        "Because of how the party drew up the calendar, said Rosenfeld, "
        '"with this thing being over by March, it is hard."',
    )[1:] == ["Rosenfeld"]


def test_a_verb_then_a_preposition_names_whom_it_is_about_not_who_speaks() -> None:
    assert verb_then_name("Ann Lee, a former aide, said of Mr. Hale: ") is None


def test_with_a_single_name_doing_gives_the_speaker() -> None:
    assert speakers(
        EARLIER,
        "Ted Cranley and Ron Paulsen have used the hardest language, with Cranley recently "
        'promising to "carpet bomb them into oblivion."',
    )[1:] == ["Ted Cranley"]


def test_with_a_name_during_is_no_speaker() -> None:
    assert speakers(
        EARLIER,
        "Ann Lee famously clashed with Hale during the hearing, chiding him: "
        '"What difference does it make?"',
    )[1:] == ["Ann Lee"]


def test_an_aside_then_a_conjunction_opens_another_subjects_clause() -> None:
    assert joins_new_clause(", for instance, and Paulsen vowed to ")
    assert speakers(
        EARLIER,
        "Ted Cranley and Ron Paulsen spoke last. Cranley said he would make the desert "
        '"glow in the dark," for instance, and Paulsen vowed to "bomb them" out of the region.',
    )[1:] == ["Ted Cranley", "Ron Paulsen"]


def test_a_quotation_sentence_after_a_sentence_opened_by_a_named_subject_is_theirs() -> None:
    assert speakers(
        EARLIER,
        "Ann Clanton touted her record as an original co-sponsor of the bill. "
        '"We need to find ways to support workers."',
    )[1:] == ["Ann Clanton"]


def test_a_capitalised_plural_opening_the_sentence_before_is_no_speaker() -> None:
    assert speakers(
        EARLIER,
        'Environmentalists protested outside the plant. "We will be back next year."',
    )[1:] == ["Sam Ortlieb"]


def test_a_name_after_a_description_ending_in_a_kind_of_organisation_is_that_organisation() -> None:
    assert speakers(
        EARLIER,
        "Gina Vance, the editor in chief of the city's evening newspaper, The Kilbeg Herald, "
        'said every mayor was "both pious and political."',
    )[1:] == ["Gina Vance"]


def test_a_relative_clause_no_comma_closes_before_the_verb_is_on_the_person() -> None:
    assert speakers(
        EARLIER,
        "Katie Packard, who is chairman of the Kilbeg Principles Fund said in a statement: "
        '"More and more, he looks like the politician voters fear."',
    )[1:] == ["Katie Packard"]


def test_the_name_before_who_is_the_subject_of_the_relative_clause() -> None:
    assert speakers(
        EARLIER,
        "Domestically, the row drew a damning reaction from President Barack Oban, who called "
        'the nominee "unfit to serve" as president.',
    )[1:] == ["Barack Oban"]


def test_a_clause_ending_in_its_own_speech_verb_and_that_keeps_its_quotation() -> None:
    assert speakers(
        EARLIER,
        'But even as Dan Tramper claimed on Tuesday that "the general got in trouble for far '
        'less," one of the prosecutors for Dave Petrus said the two cases were different.',
    )[1:] == ["Dan Tramper"]


def test_a_colon_clause_after_a_quotation_with_its_own_verb_introduces_the_next() -> None:
    assert speakers(
        EARLIER,
        'After Ida Scalpa said that pupils might do better at "less advanced schools," '
        'Dan Tramper said: "I don\'t like what she said."',
    )[1:] == ["Ida Scalpa", "Dan Tramper"]


def test_a_conjunction_before_the_name_after_a_quotation_opens_another_clause() -> None:
    assert speakers(
        EARLIER,
        'Ann Clanton accuses Bernard Sandler of an "artful smear" over her links while Sandler '
        "suggests she is a captive of the system.",
    )[1:] == ["Ann Clanton"]


def test_a_reflexive_after_the_subject_is_passed_over() -> None:
    assert speakers(
        EARLIER,
        "Bernard Sandler himself, who was not at the rally, has toned down his criticism, "
        'admitting that his "political revolution" will end.',
    )[1:] == ["Bernard Sandler"]


def test_a_title_in_quotation_marks_after_the_quotation_does_not_hide_its_speaker() -> None:
    assert speakers(
        EARLIER,
        '"We have had better conventions than this one," Texas delegate Bill Eastlake, wearing '
        'a cowboy hat and "Ted Crane" campaign pins, said matter-of-factly.',
    )[1:] == ["Bill Eastlake"]


def test_is_then_a_participle_after_the_subject_is_a_verb() -> None:
    assert speakers(
        EARLIER,
        'President Barack Oban also is reported to have called the neighbours "free riders" '
        "who rely too much on aid.",
    )[1:] == ["Barack Oban"]


def test_a_verb_then_a_possessive_office_then_the_name_gives_the_name() -> None:
    assert speakers(
        EARLIER,
        '"It is about time we had a woman running this country," exhorted Clanton\'s '
        "introducer, actress Jamie Lee Curtiss.",
    )[1:] == ["Jamie Lee Curtiss"]


def test_two_people_of_an_organisation_are_not_the_organisation() -> None:
    assert speakers(
        EARLIER,
        '"Tritium would enable it," nuclear experts Dan Albury and Sera Kell of the Institute '
        "for Science Studies wrote in September.",
    )[1:] == ["Dan Albury"]


def test_an_opening_adverb_before_a_name_and_its_description_is_no_phrase_of_its_own() -> None:
    assert speakers(
        EARLIER,
        "Now Donald Tramper, the most unusual candidate in modern times, is promising to "
        'create "a big spectacle" in the city.',
    )[1:] == ["Donald Tramper"]


def test_so_then_that_opens_a_clause_whose_subject_speaks() -> None:
    assert speakers(
        EARLIER,
        "But much of the debate was so subdued that Mr. Tramper was prompted to say, "
        '"So far, I cannot believe how civil it has been."',
    )[1:] == ["Tramper"]


def test_argue_that_opens_no_clause_whose_subject_speaks() -> None:
    assert speakers(
        EARLIER,
        'They argue that Ann Clanton should "lead by example."',
    )[1:] != ["Ann Clanton"]


def test_a_name_set_off_after_a_possessive_office_is_the_subject() -> None:
    assert speakers(
        EARLIER,
        "Shilling's son, Grant, defended his father on Tuesday, saying: "
        '"He has made great strides."',
    )[1:] == ["Grant"]
    assert speakers(
        EARLIER,
        "One early supporter, Representative Lee Zeldon, Republican of Ohio, gave the "
        'technique a whirl on Tuesday: "You can easily argue it."',
    )[1:] == ["Lee Zeldon"]


def test_an_explicit_attribution_no_one_resolves_is_not_replaced_by_the_sentence_before() -> None:
    assert speakers(
        EARLIER,
        "But Neil Eggers had little time to speak. "
        '"It was not a convincing argument," said one Democrat familiar with the talks.',
    )[1:] != ["Neil Eggers"]


def test_a_persons_claim_that_gives_the_quotation_after_it() -> None:
    assert speakers(
        EARLIER,
        'For example, Don Tramper\'s recent assertion that "thousands" of people celebrated '
        "parallels stories online.",
    )[1:] == ["Don Tramper"]
    assert speakers(
        EARLIER,
        "His remarks buttress the contention of former minister Ann Clanton that some of her "
        'emails were subjected to "over-classification."',
    )[1:] == ["Ann Clanton"]


def test_which_then_a_name_that_calls_it_gives_the_name() -> None:
    assert speakers(
        EARLIER,
        "Containment is tied to the party's record, one which Kilbeg University historian "
        'John Bake calls "a foundation of our political culture."',
    )[1:] == ["John Bake"]


def test_as_described_by_after_a_quotation_names_its_speaker() -> None:
    assert speakers(
        EARLIER,
        'Many believe Ann Clanton was "extremely careless" in the handling of the files - as '
        "described by agency director James Comley - and should step aside.",
    )[1:] == ["James Comley"]


def test_a_name_someone_calls_themselves_or_goes_by_is_their_name() -> None:
    assert speakers(
        EARLIER,
        '"Whoever opens the borders has no place here!" wrote a man calling himself Karl Karl.',
        '"We do not have freedom of opinion anymore," tweeted a user from Hanover going by the '
        "handle Pulvermeier.",
    )[1:] == ["Karl Karl", "Pulvermeier"]
