"""Tag candidates: the reference seed's tags, alias folding and the words that are never tags."""

from __future__ import annotations

from pathlib import Path

from articles.seeds.entities import TagCandidate, extract_tags
from articles.seeds.format import read, split_blocks
from articles.seeds.quotes import extract_quotes

REFERENCE = Path(__file__).parent / "data" / "000_75629192de6a8d8b.txt"


def tags_for(standfirst: str, *paragraphs: str, headline: str = "") -> list[TagCandidate]:
    blocks = split_blocks("\n\n".join(paragraphs))
    return extract_tags(headline, standfirst, blocks, extract_quotes(blocks))


def by_name(tags: list[TagCandidate]) -> dict[str, TagCandidate]:
    return {t.name: t for t in tags}


def test_reference_tags() -> None:
    seed = read(REFERENCE)
    tags = extract_tags("", seed.standfirst, seed.blocks, extract_quotes(seed.blocks))
    names = by_name(tags)
    for wanted in ("Aleppo", "Syria", "Russia", "John Kerry"):
        assert wanted in names
    forms = {f.lower() for t in tags for f in (t.name, *t.aliases)}
    for unwanted in ("monday", "the", "no respite", "diplomacy", "kerry's", "residents", "but"):
        assert unwanted not in {t.name.lower() for t in tags}
    assert "kerry" in forms  # folded into John Kerry, not a tag of its own
    assert names["John Kerry"].kind == "person"
    assert names["Aleppo"].kind == "place"
    assert names["United States"].aliases == ("US",) or "US" in names["United States"].aliases
    assert len(tags) <= 12
    assert [t.score for t in tags] == sorted((t.score for t in tags), reverse=True)


def test_aliases_fold_into_one_tag() -> None:
    tags = tags_for(
        "Talks between the U.S. and Peru stalled.",
        "Trade envoy Marisol Quispe met officials from the United States in Lima on Monday.",
        "Quispe said the US had not moved. Peru's exporters want a deal before March.",
        '"We are patient," Quispe said.',
    )
    names = by_name(tags)
    assert "United States" in names
    assert {"U.S.", "US"} <= set(names["United States"].aliases)
    assert "Marisol Quispe" in names
    assert "Quispe" in names["Marisol Quispe"].aliases
    assert names["Marisol Quispe"].kind == "person"
    assert "Peru" in names and "Peru's" not in names
    lowered = {t.name.lower() for t in tags}
    assert not lowered & {"monday", "march", "quispe", "we", "trade"}


def test_organisation_acronym_and_cues() -> None:
    tags = tags_for(
        "A charity warned of shortages.",
        "The Northern Rivers Wildlife Society (NRWS) said on Friday that feeders were empty.",
        "NRWS volunteers have fed birds for a decade, according to the Ministry of Forests.",
    )
    names = by_name(tags)
    assert names["Northern Rivers Wildlife Society"].kind == "organisation"
    assert "NRWS" in names["Northern Rivers Wildlife Society"].aliases
    assert names["Ministry of Forests"].kind == "organisation"


def test_subheadings_and_sentence_initial_words_are_not_tags() -> None:
    tags = tags_for(
        "Floods hit the valley.",
        "Residents of Hallstrom waded through water on Tuesday.",
        "WATER RISING",
        "Volunteers filled sandbags in Hallstrom. However, the river kept rising.",
    )
    names = {t.name for t in tags}
    assert "Hallstrom" in names
    assert not names & {"Residents", "Volunteers", "However", "WATER RISING", "Tuesday"}


def test_limit() -> None:
    seed = read(REFERENCE)
    assert len(extract_tags("", seed.standfirst, seed.blocks, limit=3)) == 3


def test_port_of_and_river_names_are_places() -> None:
    tags = tags_for(
        "Dockers walked out at the Port of Halvik.",
        "Ships queued outside the Port of Halvik on Monday as the River Orme flooded.",
        "The University of Brenmoor said its research vessel was stuck at the Port of Halvik.",
    )
    names = by_name(tags)
    assert names["Port of Halvik"].kind == "place"
    assert names["River Orme"].kind == "place"
    assert names["University of Brenmoor"].kind == "organisation"


def test_portfolio_word_names_an_institution() -> None:
    tags = tags_for(
        "Waiting lists grew again.",
        "The Health Service Executive and the Department of Education published figures.",
        "Green Valley Watch, a campaign group, criticised both.",
    )
    names = by_name(tags)
    assert names["Health Service Executive"].kind == "organisation"
    assert "Department of Education" in names
    assert "Green Valley Watch" in names


def _forms(tags: list[TagCandidate]) -> set[str]:
    return {f for t in tags for f in (t.name, *t.aliases)}


def test_long_institution_names_with_and_comma_digits_and_possessives() -> None:
    tags = tags_for(
        "Ferries were cancelled on Route 66 and the Westmoor Radio 4 link went down.",
        "The Ministry of Health, Labour and Welfare said the Dock Workers and Pilots "
        "Association had called a strike before the Girls’ and Women’s Rowing Cup final.",
        "Traffic on Route 66 was stopped. The Dock Workers and Pilots Association "
        "said it would picket the Ministry of Health, Labour and Welfare again.",
    )
    forms = _forms(tags)
    assert "Ministry of Health, Labour and Welfare" in forms
    assert "Dock Workers and Pilots Association" in forms
    assert "Route 66" in forms


def test_lower_case_geographic_and_prize_nouns_and_the_venue() -> None:
    tags = tags_for(
        "A study of Cua Viet bay won the Merrow prize.",
        "Divers surveyed Cua Viet bay in March. The work won the Merrow prize at a dinner at "
        "the Roundhouse in Leeds.",
        "The Merrow prize is worth £10,000.",
    )
    forms = _forms(tags)
    assert {"Cua Viet bay", "Merrow prize", "Roundhouse"} <= forms


def test_legislature_and_dateline() -> None:
    tags = tags_for(
        "The Senate passed the bill.",
        "OSLO, May 2 (Reuters) - The Senate passed the bill on Friday, and the Senate "
        "will sit again on Monday.",
    )
    names = by_name(tags)
    assert "Senate" in names
    assert "Reuters" not in names and "OSLO" not in names


def forms_of(tags: list[TagCandidate]) -> set[str]:
    return {f for t in tags for f in (t.name, *t.aliases)}


def test_bracketed_acronym_folds_into_the_full_name() -> None:
    tags = tags_for(
        "A new licensing body met for the first time.",
        "The government created the Northern Aviation Licensing and Safety Board (NALS-Bo) "
        "in 2021.",
        "NALS-Bo chairman Tomas Reyl said the rules were ready.",
    )
    names = by_name(tags)
    assert "NALS-Bo" in names["Northern Aviation Licensing and Safety Board"].aliases
    assert "NALS-Bo" not in names


def test_union_name_with_and_and_plural_possessive_is_one_tag() -> None:
    tags = tags_for(
        "Workers walked out.",
        "The walkout was called by the Ferry and Harbour Boatmen's Union (FHBU) on Monday.",
        "The FHBU said talks would resume.",
    )
    names = by_name(tags)
    assert "Ferry and Harbour Boatmen's Union" in names
    assert "FHBU" in names["Ferry and Harbour Boatmen's Union"].aliases


def test_possessive_office_and_based_adjective_names() -> None:
    tags = tags_for(
        "Deputies searched the valley.",
        "The Marlow County Sheriff’s Office said the search would continue.",
        "Ada Quist, an analyst at Leeds-based Harrow Partners, said costs would rise.",
    )
    forms = forms_of(tags)
    assert "Marlow County Sheriff’s Office" in forms
    assert "Harrow Partners" in forms
    assert "Leeds-based Harrow Partners" not in forms


def test_quoted_acronym_speaker_keeps_its_speaker_weight() -> None:
    tags = tags_for(
        "The tennis final drew a record audience.",
        "Ilse Varga beat Ana Lenz in the final. Varga said she was tired.",
        "Lenz said she would rest. Varga said she would not.",
        "The state broadcaster KTVN called it “a night to remember”.",
    )
    assert "KTVN" in by_name(tags)


def test_shares_of_a_company_is_not_part_of_its_name() -> None:
    names = by_name(
        tags_for(
            "Brannock Foods agreed a takeover.",
            "Brannock Foods agreed to be bought by Tellwick Group.",
            "Shares of Brannock rose 9 per cent on Monday.",
        )
    )
    assert "Shares of Brannock" not in names


def test_role_prefixed_people_are_tagged_by_their_names() -> None:
    tags = tags_for(
        "A tribunal ruled on the port levy.",
        "Deputy Inspector-General of Customs Peter Walcott Ndege told reporters the levy was "
        "lawful. A bench of Chief Justice of Freedonia Oriel Vantasse and Justices Kemal "
        "Ardeni-Roux and Petra L. Quennel heard the case.",
        "Senior Minister for Maritime Trade and Inland Ports Maria Ivel Sandquist welcomed it. "
        "Tomas Edvik of Chile, a shipper, said he would appeal.",
    )
    names = set(by_name(tags))
    for wanted in (
        "Peter Walcott Ndege",
        "Oriel Vantasse",
        "Kemal Ardeni-Roux",
        "Maria Ivel Sandquist",
        "Tomas Edvik",
    ):
        assert wanted in names
    assert not any("Inspector" in n or "Justice" in n or "Minister" in n for n in names)


def test_convention_on_subject_is_one_tag() -> None:
    tags = tags_for(
        "Talks stalled.",
        "The Convention on Migratory Wetland Birds said talks would resume on Friday.",
    )
    assert "Convention on Migratory Wetland Birds" in by_name(tags)


def test_given_names_that_start_places_and_organisations_do_not_make_them_people() -> None:
    """The given-name list (which tells he or she) leaves out names as often a place's or an
    organisation's first word: "Al Jazeera" and "Milton Keynes" are not people."""
    tags = by_name(
        tags_for(
            "Reports from the region.",
            "Al Jazeera reported that the talks had failed, Al Jazeera said on Monday.",
            "The family moved to Milton Keynes last year.",
        )
    )
    assert tags["Al Jazeera"].kind == "organisation"
    assert tags["Milton Keynes"].kind == "place"
