"""Quote extraction errors by category, for developing the rules on a truth set (development
only: no test runs this, and it reads whatever directory it is given, ``../shared`` included).

    DEBUG=1 python bench/quote_errors.py DIR [--lenient] [--show CATEGORY] [--limit N]

Counts every missed quote, spurious quote and wrong speaker in ``DIR`` (``NNN.txt`` seeds with
``NNN.json`` truths, as ``evaluate_quotes`` reads them) under a category, then prints up to
``--limit`` examples of each category named by ``--show`` (``all`` for every one), with the
paragraph text around the quote, the truth's speaker span when it has one, and what was found.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

_PRONOUNS = {"he", "she", "they", "it", "him", "her", "his", "i", "we", "you"}


def _words(text: str) -> int:
    return len(text.split())


def _miss_category(t: dict, spans: list[str], quotes_in_block: list) -> str:
    """Why a truth quote was not found: no span of its text at all, a span we judged not a
    quotation (short or long), or a span whose bounds differ."""
    from articles.seeds.scoring import lenient_text

    want = lenient_text(t["text"])
    short = "short" if _words(t["text"]) <= 4 else "long"
    for s in spans:
        got = lenient_text(s)
        if got == want or (want and (want in got or got in want)):
            if got == want:
                return f"miss: span judged not a quote ({short})"
            return f"miss: span bounds differ ({short})"
    if t.get("marks") in ("'", "‘"):
        return "miss: single marks"
    if not t.get("closed", True):
        return "miss: unclosed truth quote"
    return f"miss: no span ({short})"


def _speaker_category(t: dict, pred: str | None, kind: str, block_text: str) -> str:
    via = t.get("via", "?")
    src = (t.get("source_text") or "").strip()
    low = src.lower()
    if pred is None:
        head = "no speaker"
    elif kind == "organisation":
        head = "wrong: gave an organisation"
    else:
        head = "wrong speaker"
    if low in _PRONOUNS:
        where = "pronoun"
    elif via == "coref":
        where = "description"
    else:
        where = "name"
    at = block_text.find(src) if src else -1
    start = t.get("start", 0) or 0
    if at < 0:
        near = "outside paragraph"
    elif at > start:
        near = "after the quote"
    else:
        between = block_text[at + len(src) : max(at + len(src), start - 1)]
        stop = re.search(r"[.!?][”\"’']?\s+[“\"‘']?[A-Z]", between)
        near = "earlier sentence" if stop else "before, same sentence"
    return f"{head} / truth {where} {near}"


def analyse_dir(directory: Path, lenient: bool) -> tuple[Counter, dict[str, list[str]]]:
    import django

    django.setup()
    from articles.seeds.format import read
    from articles.seeds.quotes import paragraph_layout
    from articles.seeds.scoring import (
        match_one_to_one,
        same_speaker_lenient,
        same_speaker_strict,
        text_match_lenient,
        text_match_strict,
    )
    from articles.seeds.understand import understand

    same = same_speaker_lenient if lenient else same_speaker_strict
    text_match = text_match_lenient if lenient else text_match_strict
    counts: Counter = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for truth_path in sorted(directory.glob("*.json")):
        seed_path = truth_path.with_suffix(".txt")
        if not seed_path.exists():
            continue
        seed = read(seed_path)
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        draft = understand(seed)
        blocks = [b.text for b in seed.blocks]
        found = draft.quotes
        want = truth["quotes"]
        pairs = match_one_to_one(
            [(q.block, q.text) for q in found], [(t["block"], t["text"]) for t in want], text_match
        )
        by_found = dict(pairs)
        by_truth = {ti: fi for fi, ti in pairs}
        not_quotes = {  # entries with a block, or the plain texts some sets keep
            (n["block"], re.sub(r"\W+", " ", n["text"]).strip().lower())
            for n in truth.get("not_quotes", [])
            if isinstance(n, dict)
        }

        def context(block: int, text: str, width: int = 260, blocks=blocks) -> str:
            para = blocks[block] if 0 <= block < len(blocks) else ""
            at = para.find(text[:30])
            lo = max(0, at - width) if at >= 0 else 0
            return para[lo : (at + len(text) + 120) if at >= 0 else width * 2].replace("\n", " ")

        for fi, q in enumerate(found):
            if fi in by_found:
                continue
            key = (q.block, re.sub(r"\W+", " ", q.text).strip().lower())
            short = "short" if _words(q.text) <= 4 else "long"
            cat = f"spurious: {'a not_quote' if key in not_quotes else 'other'} ({short})"
            counts[cat] += 1
            examples[cat].append(
                f"{truth_path.stem} b{q.block} [{q.speaker}] {q.text[:80]!r}\n"
                f"    {context(q.block, q.text)}"
            )
        for ti, t in enumerate(want):
            fi = by_truth.get(ti)
            para = blocks[t["block"]] if 0 <= t["block"] < len(blocks) else ""
            if fi is None:
                spans = [s[4] for s in paragraph_layout(para).spans]
                cat = _miss_category(t, spans, [])
                counts[cat] += 1
                examples[cat].append(
                    f"{truth_path.stem} b{t['block']} gold={t.get('speaker')!r} "
                    f"{t['text'][:80]!r}\n    {context(t['block'], t['text'])}"
                )
                continue
            if t.get("resolved_by") == "none":
                counts["ok (detection only)"] += 1
                continue
            q = found[fi]
            if same(q.speaker, t["speaker"]):
                counts["ok"] += 1
                continue
            cat = _speaker_category(t, q.speaker, q.speaker_kind, para)
            counts[cat] += 1
            prev = blocks[t["block"] - 1][-200:] if t["block"] > 0 else ""
            examples[cat].append(
                f"{truth_path.stem} b{t['block']} got={q.speaker!r} gold={t['speaker']!r} "
                f"src={t.get('source_text')!r} via={t.get('via')}\n"
                f"    prev: ...{prev}\n    here: {context(t['block'], t['text'])}"
            )
    return counts, examples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    parser.add_argument("--lenient", action="store_true")
    parser.add_argument("--show", action="append", default=[], help="a category, or all")
    parser.add_argument("--limit", type=int, default=15)
    args = parser.parse_args(argv)
    counts, examples = analyse_dir(Path(args.directory), args.lenient)
    for cat, n in sorted(counts.items(), key=lambda item: -item[1]):
        print(f"{n:6d}  {cat}")
    for wanted in args.show:
        for cat in sorted(examples):
            if wanted != "all" and wanted not in cat:
                continue
            print(f"\n== {cat} ({counts[cat]})")
            for line in examples[cat][: args.limit]:
                print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
