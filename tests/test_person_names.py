"""One person, one Speaker across the archive: full names with and without middle initials, and
a surname alone where the archive quotes one person of that name (articles/seeds/person_names)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from articles.models import Speaker
from articles.seeds.person_names import PeopleBySurname, person_parts, same_person, surname_of


@dataclass
class Person:
    name: str


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("Donald J. Trump", "Donald Trump", True),
        ("Harold K Brandt", "harold brandt", True),
        ("Mary Ann Quist", "Mary A. Quist", True),
        ("George W. Bush", "George H. W. Bush", False),
        ("George W. Bush", "George H. Bush", False),
        ("Ruth Brandt", "Harold Brandt", False),
        ("Martin Luther King Jr.", "Martin King", True),
        ("Brandt", "Harold Brandt", False),  # a surname alone is not a full name
    ],
)
def test_same_person(one: str, other: str, same: bool) -> None:
    assert same_person(one, other) is same
    assert same_person(other, one) is same


def test_parts_and_surnames() -> None:
    assert person_parts("Harold K. Brandt") == ("harold", ("k",), "brandt")
    assert person_parts("Brandt") is None
    assert surname_of("Brandt") == "brandt" and surname_of("Ruth Brandt") == "brandt"


def test_a_surname_alone_means_the_one_person_of_that_name() -> None:
    harold = Person("Harold Brandt")
    people = PeopleBySurname([harold, Person("Harold K. Brandt"), Person("Amy Lowe")])
    assert people.match("Brandt") is harold  # two spellings of one person: the first known
    assert PeopleBySurname([Person("Harold K. Brandt")]).match("Harold J. Brandt") is None
    people.add(Person("Ruth Brandt"))
    assert people.match("Brandt") is None  # Harold or Ruth: not guessed
    assert people.match("Harold Brandt") is harold


@pytest.mark.django_db
def test_speakers_already_in_the_archive_take_their_other_names() -> None:
    """Across imports (the names looked up in the database, not only within one batch)."""
    harold = Speaker.for_name("Harold Brandt")
    assert Speaker.for_name("Harold K. Brandt") == harold
    assert Speaker.for_name("Brandt") == harold
    assert Speaker.for_names({"Ruth Brandt": "person", "Brandt": "person"})["Brandt"] != harold
    assert Speaker.for_name("Brandt", kind=Speaker.Kind.ORGANISATION) == Speaker.objects.get(
        name="Brandt"
    )


@pytest.mark.django_db
def test_organisations_are_never_matched_as_people() -> None:
    firm = Speaker.for_name("Hale Brandt", kind=Speaker.Kind.ORGANISATION)
    assert Speaker.for_name("Brandt") != firm


@pytest.mark.django_db
def test_a_surname_quoted_first_becomes_the_full_name_given_later() -> None:
    """Whichever order the articles come in, one Speaker with the full name: "Brandt" quoted
    first is renamed "Harold Brandt" when an article gives it (its page keeps its address)."""
    alone = Speaker.for_name("Brandt")
    slug = alone.slug
    full = Speaker.for_name("Harold Brandt")
    assert full.pk == alone.pk
    full.refresh_from_db()
    assert (full.name, full.aliases, full.slug) == ("Harold Brandt", ["Brandt"], slug)
    assert Speaker.for_name("Brandt") == full
    assert Speaker.for_name("Ruth Brandt") != full  # another Brandt: a new speaker


@pytest.mark.django_db
def test_within_one_batch_the_order_does_not_matter() -> None:
    one = Speaker.for_names({"Kerry": "person", "John Kerry": "person"})
    assert one["Kerry"] is one["John Kerry"]
    assert list(Speaker.objects.values_list("name", flat=True)) == ["John Kerry"]
