"""What extraction makes of a fixed corpus, as JSON, to keep a refactoring or a speed fix from
changing any result: ``python bench/extraction_snapshot.py`` compares with the stored snapshot
(exit 1 and the first differences when they differ), ``--update`` rewrites it.

The corpus: every parseable seed under ``seeds/`` and ``tests/data/`` (truth sets, examples,
hostile input), 300 generated seeds, and the worst-case inputs of ``bench/worst_inputs.py`` at a
small size. ``--extra DIR`` adds the seeds of another directory to a one-off check without
storing them (for instance real articles that must not be copied into the repository).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.seeds.entities import extract_tags  # noqa: E402
from articles.seeds.format import SeedFormatError, parse  # noqa: E402
from articles.seeds.generate import iter_seeds  # noqa: E402
from articles.seeds.quotes import extract_quotes  # noqa: E402
from articles.seeds.understand import understand  # noqa: E402
from bench.worst_inputs import WORST_CASES  # noqa: E402

SNAPSHOT = ROOT / "tests" / "data" / "extraction_snapshot.json"
GENERATED = 300
WORST_SIZE = 6_000


def corpus(extra: list[Path] = ()) -> Iterator[tuple[str, bytes]]:
    """(name, seed bytes) for every input of the snapshot, in a fixed order."""
    for top in (ROOT / "seeds", ROOT / "tests" / "data", *extra):
        for path in sorted(top.rglob("*.txt")):
            yield str(path.relative_to(top.parent)), path.read_bytes()
    for seed in iter_seeds(GENERATED, seed=3):
        yield f"generated/{seed.name}", seed.text.encode("utf-8")
    for case, make in WORST_CASES.items():
        yield f"worst/{case}", make(WORST_SIZE).encode("utf-8")


def extraction_of(data: bytes, name: str) -> dict | None:
    """The quotes and tags of one seed as plain JSON values; None for a seed that is invalid."""
    try:
        seed = parse(data, name)
    except SeedFormatError:
        return None
    draft = understand(seed)
    quotes = extract_quotes(seed.blocks)
    assert tuple(quotes) == draft.quotes
    tags = extract_tags(draft.headline, seed.standfirst, seed.blocks, quotes)
    return {
        "quotes": [list(asdict(q).values()) for q in quotes],
        "tags": [[t.name, t.kind, list(t.aliases), t.score] for t in tags],
    }


def snapshot(extra: list[Path] = ()) -> dict[str, dict | None]:
    return {name: extraction_of(data, name) for name, data in corpus(extra)}


def dumps(found: dict) -> str:
    """JSON with one input a line, so that a changed result shows as a one-line diff."""
    lines = [
        f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
        for k, v in found.items()
    ]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def differences(got: dict, expected: dict, limit: int = 20) -> list[str]:
    out = [f"missing {name}" for name in expected.keys() - got.keys()]
    out += [f"new {name}" for name in got.keys() - expected.keys()]
    for name in sorted(got.keys() & expected.keys()):
        if got[name] != expected[name]:
            a, b = got[name] or {}, expected[name] or {}
            for part in ("quotes", "tags"):
                mine, theirs = a.get(part, []), b.get(part, [])
                for k in range(max(len(mine), len(theirs))):
                    x = mine[k] if k < len(mine) else None
                    y = theirs[k] if k < len(theirs) else None
                    if x != y:
                        out.append(f"{name} {part}[{k}]: got {x!r}, stored {y!r}")
                        break
    return out[:limit]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite the stored snapshot")
    parser.add_argument("--extra", type=Path, action="append", default=[], help="also check")
    parser.add_argument("--save", type=Path, help="write this run's snapshot here too")
    args = parser.parse_args(argv)
    got = snapshot(args.extra)
    if args.save:
        args.save.write_text(dumps(got), encoding="utf-8")
    if args.update:
        SNAPSHOT.write_text(dumps(got), encoding="utf-8")
        print(f"wrote {SNAPSHOT.relative_to(ROOT)}: {len(got)} inputs")
        return 0
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    if args.extra:
        expected = {k: v for k, v in expected.items() if k in got}
        got = {k: v for k, v in got.items() if k in expected}
    problems = differences(got, expected)
    print("\n".join(problems) or f"identical: {len(got)} inputs")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
