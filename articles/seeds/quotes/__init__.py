"""Quotations and who said them, from the body blocks of a wire article. Pure Python.

Quoted spans are found by their marks (straight or curly), then sorted into quotations and
other quoted text (titles, nicknames, terms), then attributed: an explicit speech verb in the
sentence first, then the paragraph, then the previous paragraph's speaker. Names are resolved to
the fullest form the article gives, pronouns by gender cues and recency.

The pipeline, one module a stage (``document._Doc`` runs them in order over an article):

* ``spans``: quote marks paired into spans, paragraphs cut into sentences (shared with tag
  extraction, ``entities``);
* ``lexicon``: the word lists and patterns;
* ``registry``: the people and organisations named, and their mentions (``names_read``: a
  name run's words without a party or home state, and whether it only describes the next);
* ``classify``: which spans are quotations, and which are partial (``titles``: the names of
  works and programmes, told by their capitals or by what comes before them);
* ``clauses``: who a clause next to a quotation names, as a reference (``labels``: the
  reporting verbs, and the lines and dashes of roundups that name a speaker; ``appositives``:
  what describes a name rather than naming someone new; ``openers``: who a colon, a
  participle or an "As X wrote" clause introduces with no speech verb);
* ``subjects``: the person a sentence opens with, for a quotation no speech verb attributes,
  and a reporting clause with a verb no list holds (``"...," Ann Lee barked``);
* ``named``: named speakers the other readers pass over (a verb before its speaker ending the
  clause, a long description before the verb, a relative clause's antecedent, a claim's
  author);
* ``sources``: speakers that are not one person talking: the outlet a sentence credits
  (``according to CNN``), the campaign or office that speaks for a person;
* ``resolution``: the entity a reference stands for;
* ``attribution``: each quotation's speaker.
"""

from __future__ import annotations

from .document import extract_quotes
from .registry import ExtractedQuote
from .spans import mask_quotes, normalise_quote_text, paragraph_layout, quoted_ranges

__all__ = [
    "ExtractedQuote",
    "extract_quotes",
    "mask_quotes",
    "normalise_quote_text",
    "paragraph_layout",
    "quoted_ranges",
]
