"""What the URL gives: identity, source, section, headline words, outlet id, headline casing."""

from __future__ import annotations

import json

import pytest

from articles.seeds.format import read
from articles.seeds.url import (
    headline_from_slug,
    headline_from_standfirst,
    normalise_url,
    split_url,
)
from tests.conftest import EXAMPLES, REFERENCE_SEED


def test_reference_url_parts():
    parts = split_url(read(REFERENCE_SEED).url)
    assert parts.domain == "dnaindia.com"
    assert parts.section == "World"
    assert parts.outlet_id == "2259122"
    assert " ".join(parts.slug_words) == (
        "john kerry defends diplomacy as russian backed forces pound aleppo"
    )


def test_reference_headline_takes_capitals_from_the_body():
    seed = read(REFERENCE_SEED)
    words = split_url(seed.url).slug_words
    texts = [seed.standfirst, *(b.text for b in seed.blocks)]
    assert headline_from_slug(words, texts) == (
        "John Kerry defends diplomacy as Russian-backed forces pound Aleppo"
    )


@pytest.mark.parametrize("truth", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_example_headline_section_and_domain(truth):
    expected = json.loads(truth.read_text())
    seed = read(truth.with_suffix(".txt"))
    parts = split_url(seed.url)
    assert parts.domain == expected["source_domain"]
    assert parts.section == expected["section"]
    if expected["headline"] is None:
        assert parts.slug_words == ()
    else:
        texts = [seed.standfirst, *(b.text for b in seed.blocks)]
        assert headline_from_slug(parts.slug_words, texts) == expected["headline"]


def test_sentence_start_capital_does_not_capitalise_a_common_word():
    texts = ["Court papers were filed. The court heard the case on Monday."]
    assert headline_from_slug(["judge", "tells", "court"], texts) == "Judge tells court"


def test_phrase_written_as_a_name_keeps_its_capitals():
    texts = ["The ruling by the Supreme Court was final, the court said."]
    assert headline_from_slug(["supreme", "court", "rules"], texts) == "Supreme Court rules"


@pytest.mark.parametrize(
    ("url", "outlet_id"),
    [("https://example.com/article/2259122", "2259122"), ("https://example.com/?p=12", "12")],
)
def test_url_without_a_slug_has_no_headline_words(url, outlet_id):
    parts = split_url(url)
    assert parts.slug_words == ()
    assert parts.outlet_id == outlet_id


def test_headline_falls_back_to_the_standfirst_first_clause():
    standfirst = (
        "Russia blames the United States for the failure of the Syria ceasefire, arguing "
        "that the US failed to prevent rebels from using the truce to regroup"
    )
    assert headline_from_standfirst(standfirst) == (
        "Russia blames the United States for the failure of the Syria ceasefire"
    )


def test_short_standfirst_is_the_whole_headline():
    assert headline_from_standfirst("Council approves budget.") == "Council approves budget"


@pytest.mark.parametrize(
    ("url", "normal"),
    [
        ("HTTP://WWW.Example.COM/World/Story-1#top", "http://www.example.com/World/Story-1"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com/a?x=1#frag", "https://example.com/a?x=1"),
    ],
)
def test_normalise_url(url, normal):
    assert normalise_url(url) == normal
