"""What the URL gives: identity (and what a host may be), source, section, headline words,
outlet id, headline casing."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.seeds.format import check_url, read
from articles.seeds.url import (
    check_host,
    headline_from_slug,
    headline_from_standfirst,
    normalise_host,
    normalise_url,
    split_url,
    url_identity,
    url_key,
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


# -- article identity (issue 13, finding 8) ------------------------------------------------------

ONE_STORY = [
    "https://bücher.example/world/story-12345",
    "http://bücher.example/world/story-12345",
    "https://www.bücher.example/world/story-12345",
    "https://xn--bcher-kva.example/world/story-12345",
    "http://WWW.XN--BCHER-KVA.EXAMPLE/world/story-12345/",
    "https://BÜCHER.example:443/world/story-12345",
    "http://bücher.example:80/world/story-12345#comments",
    "https://bücher.example/world/story-12345?utm_source=feed&utm_medium=rss",
    "https://bücher.example/world/story-12345/?fbclid=abc&gclid=def&mc_cid=1&mc_eid=2",
    "https://bücher.example/world/./story-12345",
    "https://bücher.example/world/%73tory-12345",
    "https://user:secret@bücher.example/world/story-12345",
    "https://bücher.example./world/story-12345",
]


@pytest.mark.parametrize("url", ONE_STORY)
def test_every_way_of_writing_one_url_has_one_identity(url):
    assert url_identity(url) == "https://bücher.example/world/story-12345"
    assert url_key(url) == url_key(ONE_STORY[0])


def test_query_parameters_are_kept_sorted_and_tracking_ones_dropped():
    a = "https://example.com/news?id=7&page=2&utm_campaign=x&UTM_Source=y&_ga=1&ncid=rss"
    b = "https://example.com/news/?page=2&id=7"
    assert url_identity(a) == url_identity(b) == "https://example.com/news?id=7&page=2"
    assert url_identity("https://example.com/a?q=a+b") == url_identity(
        "https://example.com/a?q=a%20b"
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://example.com/world/story-1", "https://example.com/world/story-2"),
        ("https://example.com/World/story", "https://example.com/world/story"),  # paths: case
        ("https://example.com/news?id=1", "https://example.com/news?id=2"),
        ("https://example.com/news?id=1", "https://example.com/news"),
        ("https://example.com/story", "https://example.org/story"),
        ("https://news.example.com/story", "https://example.com/story"),  # only www. goes
        ("https://example.com:8080/story", "https://example.com/story"),
        ("https://example.com/a%2Fb", "https://example.com/a/b"),  # an escaped slash is data
    ],
)
def test_different_articles_keep_different_identities(a, b):
    assert url_identity(a) != url_identity(b)
    assert url_key(a) != url_key(b)


def test_identity_escapes_and_keys_are_stable():
    assert url_identity("https://example.com/caf%c3%a9/%7Ename") == url_identity(
        "https://example.com/café/~name"
    )
    assert url_identity("https://example.com/caf%c3%a9") == "https://example.com/caf%C3%A9"
    assert url_identity("http://[::1]:8080/x/") == "https://[::1]:8080/x"
    assert len(url_key("https://example.com/" + "é" * 2000)) == 64  # any length: one key


def test_hosts_are_spelt_one_way():
    assert normalise_host("XN--BCHER-KVA.Example.") == "bücher.example"
    assert normalise_host("Bücher.Example") == "bücher.example"
    assert normalise_host("xn--not-valid-punycode-") == "xn--not-valid-punycode-"  # as it is
    assert split_url("http://www.xn--bcher-kva.example/world/a-story").domain == "bücher.example"


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ('http://exa"mple.com/world/x', "not allowed in a host name: '\"'"),
        ("http://<script>.example.com/x", "not allowed in a host name: '<', '>'"),
        ("http://exa%41mple.com/x", "not allowed in a host name: '%'"),
        ("http://exa\\mple.com/x", "not allowed in a host name: '\\\\'"),
        ("http://a..example.com/x", "empty label"),
        (f"http://{'a' * 64}.example.com/x", "a label longer than 63"),
        (f"http://{'abcdefgh.' * 29}com/x", "longer than 253"),
    ],
)
def test_a_host_that_is_not_a_host_name_is_refused(url, problem):
    assert problem in check_host(url)
    assert problem in check_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://bücher.example/x",
        "https://xn--bcher-kva.example/x",
        "https://my_host.example.com./x",
        "https://[2001:db8::1]:8443/x",
        "https://user:pass@example.com/x",
        f"https://{'a' * 63}.example.com/x",
    ],
)
def test_host_names_are_accepted(url):
    assert check_host(url) is None
    assert check_url(url) is None


_segments = st.text(alphabet="abcXYZ09-._~%2Fé/ ;=+", max_size=12)
_params = st.lists(
    st.tuples(
        st.sampled_from(["id", "page", "q", "utm_source", "fbclid", "Z"]),
        st.text(alphabet="ab1 +&=%é", max_size=5),
    ),
    max_size=4,
)


@given(
    host=st.sampled_from(["example.com", "bücher.example", "xn--bcher-kva.example", "a.b.co"]),
    path=st.lists(_segments, max_size=4),
    params=_params,
)
@settings(max_examples=300, deadline=None)
def test_identity_is_a_fixed_point_and_ignores_spelling(host, path, params):
    url = f"https://{host}/{'/'.join(quote(p, safe='/%;=+') for p in path)}"
    if params:
        url += "?" + "&".join(f"{quote(k)}={quote(v)}" for k, v in params)
    identity = url_identity(url)
    assert url_identity(identity) == identity
    variants = [
        url.replace("https://", "http://", 1),
        url.replace("https://", "https://www.", 1),
        url.replace("https://", "HTTPS://", 1).replace(host, host.upper(), 1),
        url + "#fragment",
        url + ("&" if params else "?") + "utm_campaign=x&gclid=1",
    ]
    if params:
        query = url.split("?", 1)[1].split("&")
        variants.append(url.split("?", 1)[0] + "?" + "&".join(reversed(query)))
    for variant in variants:
        assert url_identity(variant) == identity, variant
