"""The article as the pipeline sees it: its paragraphs with their spans and sentences, and the
stages (registry, classification, attribution) run in order over it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from ..format import Block
from .attribution import Attributor
from .classify import Classifier
from .references import _Ref
from .registry import ExtractedQuote, Registry, _BlockInfo, _Entity
from .resolution import Resolver
from .spans import _end_of, _sentence_at, _Span, paragraph_layout


class _Doc(Registry, Classifier, Resolver, Attributor):
    """One article's body on its way through the stages: see the package docstring."""

    def __init__(self, blocks: Sequence[Block]) -> None:
        self.blocks: list[_BlockInfo] = []
        self.entities: list[_Entity] = []
        # The same entities by last word and by surname (last word without its Arabic article),
        # in the same order: resolving a name looks only at those that can match it.
        self.by_last: dict[str, list[_Entity]] = {}
        self.by_surname: dict[str, list[_Entity]] = {}
        self.by_key: dict[str, _Entity] = {}
        self.by_word: dict[str, list[_Entity]] = {}  # each word of a name: who has it, in order
        self.single_counts: dict[str, int] = {}
        self.lower_words: frozenset[str] | None = None  # see Registry._lowercase_words
        self.mention_blocks: list[int] | None = None  # blocks with mentions, once all are in
        self.chain_ends: dict[int, tuple[int, _Ref] | None] = {}
        self.label_ends: dict[int, _Entity | None] = {}  # see Attributor._label_after
        self.venue_ids: set[int] | None = None  # see Resolver._venues
        self.person_ids: set[int] | None = None  # see Resolver._weak_person
        self.subject_ids: set[int] = set()  # the same: entities that open a sentence
        self.articled_ids: set[int] = set()  # the same: entities always after "the"
        self.speaker_ids: set[int] = set()  # entities a clause has named so far
        self.raw_texts: list[str] = [block.text for block in blocks]  # subheadings too
        for i, block in enumerate(blocks):
            text = block.text if not block.is_subheading else ""
            layout = paragraph_layout(text)
            spans = [_Span(i, *bounds) for bounds in layout.spans]
            info = _BlockInfo(text, spans, list(layout.sentences), [], [], [])
            info.masked = layout.masked
            for s in spans:
                s.sentence = self._sentence_of(info, s.mark)
            self.blocks.append(info)

    @staticmethod
    def _sentence_of(info: _BlockInfo, pos: int) -> int:
        return _sentence_at(info.sentences, pos)

    def gaps(self, info: _BlockInfo) -> list[tuple[int, int]]:
        """Ranges of the block outside quoted spans (marks excluded), in order."""
        if info.gap_list is None:
            out, pos = [], 0
            for s in info.spans:
                out.append((pos, s.mark))
                pos = (s.close + 1) if s.close is not None else len(info.text)
            out.append((pos, len(info.text)))
            info.gap_list = [(a, b) for a, b in out if b > a]
        return info.gap_list

    def gaps_within(self, info: _BlockInfo, lo: int, hi: int) -> list[tuple[int, int]]:
        """The parts of ``[lo, hi)`` outside quoted spans, in order: found by a binary search
        among the block's gaps, so a paragraph of many quotations is not read once per quote."""
        gaps = self.gaps(info)
        out = []
        for k in range(bisect_right(gaps, lo, key=_end_of), len(gaps)):
            ga, gb = gaps[k]
            if ga >= hi:
                break
            a, b = max(ga, lo), min(gb, hi)
            if a < b:
                out.append((a, b))
        return out


def extract_quotes(blocks: Sequence[Block]) -> list[ExtractedQuote]:
    """Every quotation in the body, in order, with speaker, role and whether it is partial."""
    doc = _Doc(blocks)
    doc.build_registry()
    doc.kin_names()
    doc.classify()
    doc.attribute()
    return doc.results()
