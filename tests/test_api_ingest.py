"""Ingest over HTTP (issue 17): ``POST /api/v1/seeds/`` gives the reference seed and every bad
seed of tests/data/bad the same outcome and message as ``import_seeds`` does; the same seed
twice is ``unchanged``; only Editors import."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.importer import SeedImporter
from articles.models import Article, Source
from tests.conftest import BAD, REFERENCE_SEED
from tests.test_api_editors import token_client

pytestmark = pytest.mark.django_db

SEEDS = [REFERENCE_SEED, *sorted(BAD.glob("*.txt"))]


def push(client, data: bytes, name: str, **query: str):
    url = (
        reverse("api:seed-list") + f"?name={name}" + "".join(f"&{k}={v}" for k, v in query.items())
    )
    return client.post(url, data=data, content_type="application/octet-stream")


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_a_pushed_seed_has_the_commands_outcome_and_message(path):
    expected = SeedImporter().import_file(path)  # what import_seeds does with the file
    Article.objects.all().delete()
    Source.objects.all().delete()
    response = push(token_client("editor"), path.read_bytes(), path.name)
    answer = response.json()
    assert answer["outcome"] == expected.outcome.value
    assert answer["message"] == expected.message.replace(str(path), path.name)
    assert response.status_code == (201 if expected.outcome.value == "created" else 400)


def test_the_same_seed_twice_is_unchanged_and_drafts_stay_drafts():
    editor = token_client("editor")
    data = REFERENCE_SEED.read_bytes()
    first = push(editor, data, "kerry.txt", draft="1")
    assert first.status_code == 201
    assert Article.objects.get().status == "draft"
    again = push(editor, data, "kerry.txt")
    assert (again.status_code, again.json()["outcome"]) == (200, "unchanged")
    assert again.json()["article"] == first.json()["article"]


def test_an_oversized_seed_is_refused_naming_the_limit():
    response = push(token_client("editor"), b"x" * (5 * 1024 * 1024 + 10), "huge.txt")
    assert response.status_code == 400
    assert response.json()["message"].startswith("huge.txt")


@pytest.mark.parametrize("role, status", [("anonymous", 401), ("staff", 403), ("writer", 403)])
def test_only_editors_import(role, status):
    response = push(token_client(role), REFERENCE_SEED.read_bytes(), "kerry.txt")
    assert response.status_code == status
    assert not Article.objects.exists()
