"""When two speakers' names name one person, across articles: "Donald J. Trump" and "Donald
Trump", or "Trump" alone where the archive knows one person of that surname.

Plain Python (the importer's ``Speaker.for_names`` asks it): no rule here names anyone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Protocol

# Generational suffixes: "Martin Luther King Jr." is King.
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


class Named(Protocol):
    name: str


def person_parts(name: str) -> tuple[str, tuple[str, ...], str] | None:
    """(first, middle names or initials, last) of a full name, case folded, initials without
    their dots; None for a single word."""
    words = [w for w in name.casefold().replace(".", " ").replace(",", " ").split() if w]
    while len(words) > 2 and words[-1] in SUFFIXES:
        words.pop()
    if len(words) < 2:
        return None
    return words[0], tuple(words[1:-1]), words[-1]


def surname_of(name: str) -> str:
    """The last name of a full name, or the one word of a surname alone, case folded."""
    parts = person_parts(name)
    return parts[2] if parts else name.casefold().strip(" .")


def same_person(one: str, other: str) -> bool:
    """Whether two full names name the same person: the same first and last names, and middle
    names or initials that agree wherever both give them ("Donald J. Trump" is "Donald Trump",
    "George W. Bush" is not "George H. W. Bush")."""
    a, b = person_parts(one), person_parts(other)
    if a is None or b is None or a[0] != b[0] or a[2] != b[2]:
        return False
    if not a[1] or not b[1]:
        return True
    if len(a[1]) != len(b[1]):
        return False
    pairs = zip(a[1], b[1], strict=True)
    return all(x == y or (x[0] == y[0] and min(len(x), len(y)) == 1) for x, y in pairs)


class PeopleBySurname:
    """People already known (speakers with full names), looked up for a new name: the person a
    full name names, or the one person a surname alone can mean."""

    def __init__(self, people: Iterable[Named] = ()) -> None:
        self._by_surname: dict[str, list[Named]] = defaultdict(list)
        self._surname_only: dict[str, list[Named]] = defaultdict(list)
        for person in people:
            self.add(person)

    def add(self, person: Named) -> None:
        parts = person_parts(person.name)
        if parts is not None:
            self._by_surname[parts[2]].append(person)
        else:
            self._surname_only[surname_of(person.name)].append(person)

    def known_by_surname_alone(self, name: str) -> Named | None:
        """For a full name no known person has: the one person known only by its surname
        ("Kerry", quoted before any article gave "John Kerry"), when no one of that surname
        is known by a full name. That person's full name is then ``name``."""
        parts = person_parts(name)
        if parts is None or self._by_surname.get(parts[2]):
            return None
        alone = self._surname_only.get(parts[2], [])
        return alone[0] if len(alone) == 1 else None

    def renamed(self, person: Named, old_name: str) -> None:
        """``person``, known as ``old_name`` (a surname alone), now has its full name."""
        alone = self._surname_only.get(surname_of(old_name), [])
        if person in alone:
            alone.remove(person)
        self.add(person)

    def match(self, name: str) -> Named | None:
        """The known person ``name`` names, or None when none, or several different people,
        could be meant ("Brandt" where the archive quotes Harold and Ruth Brandt). Among
        several known under the same person's variants, the first known."""
        parts = person_parts(name)
        known = self._by_surname.get(surname_of(name), [])
        if parts is not None:
            known = [person for person in known if same_person(person.name, name)]
        if not known:
            return None
        first = known[0]
        if all(same_person(first.name, person.name) for person in known[1:]):
            return first
        return None
