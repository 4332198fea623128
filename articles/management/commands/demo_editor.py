"""``manage.py demo_editor``: create (or reset) the demo editor account and print its login."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandParser

from articles.roles import ensure_roles


class Command(BaseCommand):
    help = "Create or reset the demo editor account: staff, in the Editors group."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="editor")
        parser.add_argument("--password", help="Default: a new random password each time.")

    def handle(self, *args: object, **options: object) -> None:
        username = str(options["username"])
        password = str(options["password"] or secrets.token_urlsafe(12))
        user, created = get_user_model().objects.get_or_create(username=username)
        user.is_staff = True
        user.set_password(password)
        user.save()
        ensure_roles()
        user.groups.add(Group.objects.get(name="Editors"))
        verb = "Created" if created else "Reset"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} demo editor account: {username} / {password}")
        )
