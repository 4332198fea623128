"""Commands an operator runs by hand: clear one-line errors, a demo login that survives restarts."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def test_manage_py_without_secret_key_says_so_in_one_line():
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.django_db
def test_demo_editor_with_a_password_file_keeps_the_login_and_sessions(tmp_path, client):
    password_file = tmp_path / "demo_password"
    first = StringIO()
    call_command("demo_editor", "--password-file", str(password_file), stdout=first)
    password = password_file.read_text().strip()
    assert f"editor / {password}" in first.getvalue()
    assert oct(password_file.stat().st_mode & 0o777) == "0o600"
    assert client.login(username="editor", password=password)
    assert client.get("/admin/").status_code == 200

    second = StringIO()
    call_command("demo_editor", "--password-file", str(password_file), stdout=second)
    assert f"Kept demo editor account: editor / {password}" in second.getvalue()
    # The session made before the restart still works: the password hash did not change.
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_demo_editor_leaves_a_changed_password_alone(tmp_path):
    password_file = tmp_path / "demo_password"
    call_command("demo_editor", "--password-file", str(password_file), stdout=StringIO())
    user = get_user_model().objects.get(username="editor")
    user.set_password("chosen by the editor 42")
    user.save()
    out = StringIO()
    call_command("demo_editor", "--password-file", str(password_file), stdout=out)
    assert "password was changed" in out.getvalue()
    user.refresh_from_db()
    assert user.check_password("chosen by the editor 42")


@pytest.mark.django_db
def test_demo_editor_without_a_file_resets_as_before():
    call_command("demo_editor", "--password", "first pass 123", stdout=StringIO())
    out = StringIO()
    call_command("demo_editor", "--password", "second pass 456", stdout=out)
    assert "Reset demo editor account: editor / second pass 456" in out.getvalue()
    assert get_user_model().objects.get(username="editor").check_password("second pass 456")
