"""/healthz: 200 when the database and the cache answer, 503 naming what failed otherwise."""

from __future__ import annotations

import pytest

from articles import health

pytestmark = pytest.mark.django_db


def test_healthy(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"] == {"database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.parametrize("broken", ["check_database", "check_cache"])
def test_unhealthy_is_503(client, monkeypatch, broken):
    def fail() -> None:
        raise RuntimeError("down")

    monkeypatch.setattr(health, broken, fail)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert "error" in body["checks"].values()


def test_only_safe_methods(client):
    assert client.post("/healthz").status_code == 405
