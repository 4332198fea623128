"""Each stage of the quotation pipeline (``articles/seeds/quotes/``) on its own, with invented
sentences: spans, classification, attribution clauses, registry, resolution, attribution."""

from __future__ import annotations

from articles.seeds.format import split_blocks
from articles.seeds.quotes.clauses import _object_ref, _subject_ref
from articles.seeds.quotes.document import _Doc
from articles.seeds.quotes.spans import mask_quotes, paragraph_layout, quoted_ranges


def doc_of(*paragraphs: str) -> _Doc:
    return _Doc(split_blocks("\n\n".join(paragraphs)))


def test_spans_pair_marks_and_cut_sentences() -> None:
    text = 'Ana Ruiz said: "We go on." Then she left. “An unclosed one'
    assert quoted_ranges(text) == [(15, 26), (42, len(text))]
    layout = paragraph_layout(text)
    assert [text[a:b] for a, b in layout.sentences] == [
        'Ana Ruiz said: "We go on." ',
        "Then she left. ",
        "“An unclosed one",
    ]
    assert mask_quotes(text) == text[:15] + "\x00" * 11 + text[26:42] + "\x00" * 16


def test_classification_tells_quotations_from_titles() -> None:
    doc = doc_of('She read "The Long Road Home" and said "we will not stop now," laughing.')
    doc.build_registry()
    doc.classify()
    spans = doc.blocks[0].spans
    assert [(s.text, s.is_quote) for s in spans] == [
        ("The Long Road Home", False),
        ("we will not stop now,", True),
    ]


def test_clauses_name_the_speaker_as_a_reference() -> None:
    named = _object_ref(" Mayor Ana Ruiz, a former teacher.")
    assert (named.kind, named.value, named.role) == ("name", "Mayor Ana Ruiz", "a former teacher")
    ref = _subject_ref("The harbour board")
    assert (ref.kind, ref.value) == ("orgnoun", "board")
    pronoun = _subject_ref("she")
    assert (pronoun.kind, pronoun.gender) == ("pronoun", "f")


def test_registry_records_people_and_their_mentions() -> None:
    doc = doc_of("Mayor Ana Ruiz met Tom Brennan. Ruiz spoke first.")
    doc.build_registry()
    assert [e.name for e in doc.entities if e.kind == "person"] == ["Ana Ruiz", "Tom Brennan"]
    mentions = doc.blocks[0].mentions
    assert [(m.entity.name, m.sentence, m.subject) for m in mentions] == [
        ("Ana Ruiz", 0, True),
        ("Tom Brennan", 0, False),
        ("Ana Ruiz", 1, True),
    ]


def test_resolution_finds_a_pronouns_person_by_gender() -> None:
    doc = doc_of("Tom Brennan met Ana Ruiz. He left early.")
    doc.build_registry()
    doc.classify()
    she = doc._resolve_pronoun("f", 0, len(doc.blocks[0].text))
    he = doc._resolve_pronoun("m", 0, len(doc.blocks[0].text))
    assert (she.name, he.name) == ("Ana Ruiz", "Tom Brennan")


def test_attribution_carries_a_speaker_to_the_next_paragraph() -> None:
    doc = doc_of('"We will rebuild," said Mayor Ana Ruiz.', '"It will take years."')
    doc.build_registry()
    doc.classify()
    doc.attribute()
    assert [(q.speaker, q.role) for q in doc.results()] == [
        ("Ana Ruiz", "Mayor"),
        ("Ana Ruiz", None),
    ]
