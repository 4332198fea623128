"""``generate_seeds``: valid, varied and reproducible synthetic wire copy."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.importer import iter_seed_files
from articles.seeds.format import read
from articles.seeds.generate import generate_seed, iter_seeds
from articles.seeds.url import split_url


def test_every_generated_seed_is_valid_and_varied():
    seeds = [s for s in iter_seeds(300, seed=3)]
    parsed = [read_text(s.text, s.name) for s in seeds]
    domains = Counter(split_url(p.url).domain for p in parsed)
    sections = Counter(split_url(p.url).section for p in parsed)
    lengths = {len(p.paragraphs) for p in parsed}
    texts = "\n".join(s.text for s in seeds)
    assert len({p.url for p in parsed}) == 300
    assert len(domains) >= 10 and len(sections) >= 8
    assert min(lengths) <= 5 and max(lengths) >= 15
    assert any(p.subheadings for p in parsed)
    for pattern in ["“", '," said ', '," he said', '," she said', "described the decision as"]:
        assert pattern in texts, pattern


def read_text(text: str, name: str):
    from articles.seeds.format import parse

    return parse(text.encode("utf-8"), name)


def test_same_seed_same_files_other_seed_other_files():
    assert generate_seed(1, 42) == generate_seed(1, 42)
    assert generate_seed(1, 42).text != generate_seed(2, 42).text


@pytest.mark.django_db
def test_command_writes_importable_files(tmp_path: Path):
    call_command("generate_seeds", "8", str(tmp_path), "--seed", "5", verbosity=0)
    files = list(iter_seed_files([tmp_path]))
    assert len(files) == 8
    for path in files:
        read(path)
    call_command("import_seeds", str(tmp_path), verbosity=0)
    from articles.models import Article

    assert Article.objects.count() == 8
