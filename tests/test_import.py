"""``import_seeds`` end to end: the real seed in, rows out, idempotent, bad files named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Article, Quote, Source, Speaker
from tests.conftest import BAD, EXAMPLES, REFERENCE_SEED, run_import_seeds

pytestmark = pytest.mark.django_db

REFERENCE_SPEAKERS = [
    (2, "John McCain", True),
    (3, "John Kerry", False),
    (3, "John Kerry", False),
    (5, "United States", True),
    (7, "Aref al-Aref", False),
    (7, "Aref al-Aref", False),
    (8, "Bebars Mishal", False),
    (9, "Bebars Mishal", False),
    (9, "Bebars Mishal", False),
    (12, "Osama Abo Ezz", False),
    (13, "Osama Abo Ezz", False),
    (15, "Tarik Jasarevic", False),
    (19, "Dmitry Peskov", True),
]


def test_reference_seed_becomes_one_published_article():
    code, out, _ = run_import_seeds(str(REFERENCE_SEED))
    assert code == 0
    assert "1 created" in out
    article = Article.objects.get()
    assert article.headline == "John Kerry defends diplomacy as Russian-backed forces pound Aleppo"
    assert article.slug == "john-kerry-defends-diplomacy-as-russian-backed-forces-pound-aleppo"
    assert article.source.name == "DNA India"
    assert article.source.domain == "dnaindia.com"
    assert article.section.name == "World"
    assert article.outlet_article_id == "2259122"
    assert (article.seed_line2, article.seed_line3) == ("180", "18")
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at is not None
    blocks = article.blocks
    assert len(blocks) == 21
    assert [b.text for b in blocks if b.is_subheading] == ["NO RESPITE", "DIPLOMACY"]
    assert article in Article.objects.published()


def test_reference_quotes_and_speakers():
    run_import_seeds(str(REFERENCE_SEED))
    quotes = list(Quote.objects.select_related("speaker").order_by("position"))
    assert [(q.block, q.speaker.name, q.partial) for q in quotes] == REFERENCE_SPEAKERS
    assert [q.position for q in quotes] == list(range(13))
    assert quotes[0].text == "intrepid but delusional"
    assert quotes[12].role == "Kremlin spokesman"
    assert quotes[9].role == "a general surgeon and Aleppo coordinator for SAMS"
    article = Article.objects.get()
    for quote in quotes:
        assert article.blocks[quote.block].text[quote.start : quote.end] == quote.text


def test_reference_tags():
    run_import_seeds(str(REFERENCE_SEED))
    names = set(Article.objects.get().tags.names())
    assert {"Aleppo", "Syria", "Russia", "John Kerry"} <= names
    assert not names & {"Monday", "The", "NO RESPITE", "DIPLOMACY", "He", "September"}
    assert len(names) <= 12


def test_second_import_changes_nothing_and_says_so():
    run_import_seeds(str(REFERENCE_SEED))
    before = Article.objects.get()
    code, out, _ = run_import_seeds(str(REFERENCE_SEED))
    assert code == 0
    assert "0 created, 0 updated, 1 unchanged" in out
    after = Article.objects.get()
    assert after.updated_at == before.updated_at
    assert (Quote.objects.count(), Speaker.objects.count(), Source.objects.count()) == (13, 8, 1)


def test_default_path_is_the_seeds_directory(settings, tmp_path: Path):
    shutil.copy(REFERENCE_SEED, tmp_path)
    settings.SEEDS_DIR = tmp_path
    code, out, _ = run_import_seeds()
    assert code == 0 and "1 created" in out


def test_changed_seed_updates_its_article(tmp_path: Path):
    seed = tmp_path / "seed.txt"
    shutil.copy(REFERENCE_SEED, seed)
    run_import_seeds(str(seed))
    seed.write_text(
        seed.read_text().replace("Medical supplies were running out", "Supplies ran out")
    )
    code, out, _ = run_import_seeds(str(seed))
    assert code == 0 and "1 updated" in out
    article = Article.objects.get()
    assert "Supplies ran out" in article.body
    assert Quote.objects.count() == 13


def test_same_url_with_other_case_and_fragment_is_the_same_article(tmp_path: Path):
    text = REFERENCE_SEED.read_text()
    url = text.split("\n", 1)[0]
    variant = tmp_path / "variant.txt"
    variant.write_text(
        text.replace(url, url.replace("www.dnaindia.com", "WWW.DNAINDIA.COM") + "#x")
    )
    run_import_seeds(str(REFERENCE_SEED))
    code, out, _ = run_import_seeds(str(variant))
    assert code == 0
    assert Article.objects.count() == 1
    assert "1 unchanged" in out


def test_directory_with_a_broken_file(tmp_path: Path):
    shutil.copy(REFERENCE_SEED, tmp_path)
    shutil.copy(BAD / "line2_not_integer.txt", tmp_path / "broken.txt")
    code, out, err = run_import_seeds(str(tmp_path))
    assert code == 1
    assert f"{tmp_path / 'broken.txt'}:2: expected a non-negative integer, got 'abc'" in err
    assert "1 created, 0 updated, 0 unchanged, 0 conflict, 1 failed" in out
    assert Article.objects.count() == 1


@pytest.mark.parametrize("bad", sorted(BAD.glob("*.txt")), ids=lambda p: p.stem)
def test_each_bad_file_fails_whole_and_writes_nothing(bad: Path):
    code, _, err = run_import_seeds(str(bad))
    assert code == 1
    assert str(bad) in err
    assert not Article.objects.exists()
    assert not Source.objects.exists() and not Speaker.objects.exists()


def test_missing_path_is_a_bad_argument():
    with pytest.raises(Exception) as caught:
        call_command("import_seeds", "/nonexistent/seeds")
    assert getattr(caught.value, "returncode", None) == 2
    assert "/nonexistent/seeds" in str(caught.value)


def test_dry_run_writes_nothing():
    code, out, _ = run_import_seeds("--dry-run", str(REFERENCE_SEED))
    assert code == 0
    assert "Dry run" in out and "1 created" in out
    assert not Article.objects.exists()


def test_draft_flag_keeps_new_articles_from_readers():
    run_import_seeds("--draft", str(REFERENCE_SEED))
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert not Article.objects.published().exists()


def test_editor_changes_are_kept_when_the_seed_changes(tmp_path: Path):
    seed = tmp_path / "seed.txt"
    shutil.copy(REFERENCE_SEED, seed)
    run_import_seeds(str(seed))
    Article.objects.update(headline="An editor's headline")
    seed.write_text(seed.read_text().replace("Medical supplies", "Medicine"))
    code, out, err = run_import_seeds(str(seed))
    assert code == 3  # a conflict, and nothing failed
    assert "1 conflict" in out and "kept the editor's version" in err
    assert Article.objects.get().headline == "An editor's headline"
    code, out, _ = run_import_seeds("--overwrite", str(seed))
    assert "1 updated" in out
    assert Article.objects.get().headline.startswith("John Kerry defends")


def test_unknown_outlet_gets_a_readable_name(tmp_path: Path):
    seed = tmp_path / "seed.txt"
    seed.write_text(
        REFERENCE_SEED.read_text().replace("www.dnaindia.com", "www.the-daily-planet.co.uk")
    )
    run_import_seeds(str(seed))
    assert Source.objects.get().name == "The Daily Planet"


def test_a_crash_in_extraction_fails_that_file_only(tmp_path: Path, monkeypatch):
    from articles.seeds import pool

    shutil.copy(REFERENCE_SEED, tmp_path / "good.txt")
    (tmp_path / "trips.txt").write_text(
        REFERENCE_SEED.read_text().replace("report-john-kerry", "report-trips-the-extractor")
    )
    real_understand = pool.understand

    def fragile(seed, version="", data=None):
        if "trips-the-extractor" in seed.url:
            raise RuntimeError("boom")
        return real_understand(seed, version, data)

    monkeypatch.setattr(pool, "understand", fragile)
    code, out, err = run_import_seeds(str(tmp_path))
    assert code == 1
    assert f"{tmp_path / 'trips.txt'}: extraction failed (RuntimeError: boom)" in err
    assert "1 created" in out and "1 failed" in out
    assert Article.objects.count() == 1


def test_batches_and_workers_give_the_same_articles_as_one_file_at_a_time(tmp_path: Path):
    """The bulk path (many new articles per transaction, extraction in worker processes) writes
    exactly what saving one file per transaction writes, with consistent fingerprints, status
    history and search entries, and results in file order."""
    from articles.importer import Outcome, SeedImporter
    from articles.models import StatusChange, Tag
    from articles.search import search
    from tests.seedgen import snapshot, write_generated_seeds

    paths = write_generated_seeds(tmp_path / "seeds", 150)
    one_by_one = list(SeedImporter(batch_size=1).run([tmp_path / "seeds"]))
    expected = snapshot()
    Article.objects.all().delete()
    for model in (Speaker, Tag, Source):
        model.objects.all().delete()

    batched = list(SeedImporter(batch_size=40, workers=2).run([tmp_path / "seeds"]))
    assert [r.path for r in batched] == [r.path for r in one_by_one] == [str(p) for p in paths]
    assert {r.outcome for r in batched} == {Outcome.CREATED}
    assert snapshot() == expected
    assert not any(article.edited_since_import for article in Article.objects.all())
    assert StatusChange.objects.filter(old_status="", new_status="published").count() == 150
    headline = Article.objects.order_by("pk").last().headline
    assert any(hit.article.headline == headline for hit in search(headline))

    again = list(SeedImporter(batch_size=40, workers=2).run([tmp_path / "seeds"]))
    assert {r.outcome for r in again} == {Outcome.UNCHANGED}


REFERENCE_URL = REFERENCE_SEED.read_text().split("\n", 1)[0]
REFERENCE_REST = REFERENCE_SEED.read_text().split("\n", 1)[1]
IDN_URL = "https://bücher.example/world/report-john-kerry-defends-diplomacy-2259122"
# One story, six ways of writing its URL (issue 13, finding 8).
SIX_WAYS = [
    IDN_URL,
    IDN_URL.replace("https://", "http://"),
    IDN_URL.replace("bücher", "www.bücher"),
    IDN_URL + "/",
    IDN_URL + "?utm_source=twitter&utm_medium=social&fbclid=abc",
    IDN_URL.replace("bücher", "xn--bcher-kva"),
]


def write_seed(path: Path, url: str, rest: str = REFERENCE_REST) -> Path:
    path.write_text(f"{url}\n{rest}", encoding="utf-8")
    return path


def test_one_story_six_ways_is_one_article_in_separate_runs(tmp_path: Path, client):
    for n, url in enumerate(SIX_WAYS):
        seed = write_seed(tmp_path / f"{n}.txt", url)
        code, out, _ = run_import_seeds(str(seed))
        assert code == 0, out
        assert out.startswith("1 created" if n == 0 else "0 created, 1 updated"), out
    article = Article.objects.get()
    assert Article.objects.published().count() == 1
    assert article.original_url == SIX_WAYS[-1]  # kept as the latest seed wrote it
    assert article.source.domain == "bücher.example"
    assert Source.objects.count() == 1
    assert client.get(article.source.get_absolute_url()).status_code == 200


def test_one_story_six_ways_in_one_run_is_one_article_and_five_duplicates(tmp_path: Path):
    for n, url in enumerate(SIX_WAYS):
        write_seed(tmp_path / f"{n}.txt", url)
    code, out, err = run_import_seeds(str(tmp_path))
    assert code == 0
    assert "1 created, 0 updated, 0 unchanged, 0 conflict, 0 failed, 5 duplicate" in out
    for n in range(1, 6):
        assert f"DUPLICATE {tmp_path / f'{n}.txt'}: the same article as {tmp_path / '0.txt'}" in err
    article = Article.objects.get()
    assert article.original_url == IDN_URL  # the first file's, as written


def test_a_second_file_for_the_same_article_is_a_duplicate_not_an_update(tmp_path: Path):
    """The second of two files naming one article in a run is reported, naming the first, and
    not applied, whether it comes in the same batch or a later one."""
    from articles.importer import Outcome, SeedImporter

    write_seed(tmp_path / "a.txt", REFERENCE_URL)
    shutil.copy(tmp_path / "a.txt", tmp_path / "b.txt")
    changed = REFERENCE_REST.replace("Medical supplies", "Medicine")
    write_seed(tmp_path / "c.txt", REFERENCE_URL.replace("http://www.", "https://") + "/", changed)
    code, out, err = run_import_seeds(str(tmp_path))
    assert code == 0
    assert "1 created, 0 updated, 0 unchanged, 0 conflict, 0 failed, 2 duplicate" in out
    assert f"DUPLICATE {tmp_path / 'c.txt'}: the same article as {tmp_path / 'a.txt'}" in err
    assert "Medicine" not in Article.objects.get().body

    for batch_size in (1, 2):  # the duplicate in a later batch, and in the same one
        results = list(SeedImporter(batch_size=batch_size).run([tmp_path]))
        assert [r.outcome for r in results] == [
            Outcome.UNCHANGED,
            Outcome.DUPLICATE,
            Outcome.DUPLICATE,
        ]
        assert all(str(tmp_path / "a.txt") in r.message for r in results[1:])
    assert "Medicine" not in Article.objects.get().body


def test_a_host_that_is_not_a_host_name_fails_the_file_and_makes_no_source(tmp_path: Path):
    write_seed(tmp_path / "good.txt", REFERENCE_URL)
    write_seed(tmp_path / "bad.txt", 'http://www.dna"india.com/world/a-story-2259123')
    code, _out, err = run_import_seeds(str(tmp_path))
    assert code == 1
    assert f"{tmp_path / 'bad.txt'}:1: the URL's host 'www.dna\"india.com' has characters" in err
    assert [s.domain for s in Source.objects.all()] == ["dnaindia.com"]


def test_new_articles_are_saved_together_not_file_by_file(tmp_path, monkeypatch):
    """A batch of new articles is one transaction of bulk inserts; falling back to saving file
    by file (which a database error in the batch causes) is several times slower, and must not
    be what every import does (a new NOT NULL column the bulk insert left out once did)."""
    from articles.importer import SeedImporter

    def no_fallback(self, draft, name):
        raise AssertionError(f"the batch failed and {name} was saved on its own")

    monkeypatch.setattr(SeedImporter, "_save_with_retries", no_fallback)
    for path in sorted(EXAMPLES.glob("*.txt")):
        shutil.copy(path, tmp_path)
    code, _out, err = run_import_seeds(str(tmp_path))
    assert code == 0, err
    assert Article.objects.count() == len(list(EXAMPLES.glob("*.txt")))
