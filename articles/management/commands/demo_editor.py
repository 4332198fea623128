"""``manage.py demo_editor``: create (or reset) the demo editor account and print its login.

With ``--password-file`` (what ``make run`` uses) the password is kept in that file and reused,
so restarting the demo neither changes the login nor logs anyone out; a password an editor has
since changed in the admin is left alone.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.reader_pages import ensure_pages
from articles.roles import ensure_roles


def _read_or_create_password(path: Path) -> str:
    """The password stored in ``path``, or a new random one written there (owner-only)."""
    try:
        stored = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        stored = ""
    except OSError as error:
        raise CommandError(f"{path}: cannot read the demo password: {error}") from error
    if stored:
        return stored
    password = secrets.token_urlsafe(12)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(password + "\n")
    return password


class Command(BaseCommand):
    help = "Create or reset the demo editor account: staff, in the Editors group."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="editor")
        parser.add_argument("--password", help="Default: a new random password each time.")
        parser.add_argument(
            "--password-file",
            type=Path,
            help="Keep the password in this file and reuse it: an existing account is not reset.",
        )

    def handle(self, *args: object, **options: object) -> None:
        username = str(options["username"])
        password_file = options["password_file"]
        if options["password"]:
            password = str(options["password"])
        elif password_file:
            password = _read_or_create_password(password_file)
        else:
            password = secrets.token_urlsafe(12)
        user, created = get_user_model().objects.get_or_create(username=username)
        ensure_roles()
        ensure_pages()
        keep = password_file is not None and not created and not options["password"]
        if keep and not user.check_password(password):
            self.stdout.write(
                f"Demo editor account: {username} (its password was changed since it was "
                f"created; `manage.py demo_editor` resets it)"
            )
            return
        if not keep:
            user.set_password(password)
        user.is_staff = True
        user.save()
        user.groups.add(Group.objects.get(name="Editors"))
        verb = "Created" if created else ("Kept" if keep else "Reset")
        self.stdout.write(
            self.style.SUCCESS(f"{verb} demo editor account: {username} / {password}")
        )
