"""Editors add Writers and change or deactivate them in the admin, and can give nobody more
than a Writer's rights (articles/roles.py, articles/user_admin.py)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from articles.roles import ensure_roles
from tests.admin_forms import main_form

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough password 1"
User = get_user_model()


@pytest.fixture
def groups() -> dict[str, Group]:
    ensure_roles()
    return {group.name: group for group in Group.objects.all()}


def member(username: str, group: Group | None, **flags) -> User:
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True, **flags)
    if group is not None:
        user.groups.add(group)
    return user


@pytest.fixture
def editor(groups) -> Client:
    client = Client()
    client.user = member("ed", groups["Editors"])
    client.force_login(client.user)
    return client


def change_url(user: User) -> str:
    return reverse("admin:auth_user_change", args=[user.pk])


def page_form(client: Client, url: str) -> dict[str, list[str]]:
    response = client.get(url)
    assert response.status_code == 200
    return main_form(response.content.decode())


def rights(user: User) -> tuple:
    user = User.objects.get(pk=user.pk)
    return (
        user.is_superuser,
        user.is_staff,
        user.is_active,
        sorted(user.groups.values_list("name", flat=True)),
        sorted(user.user_permissions.values_list("codename", flat=True)),
    )


def test_an_editor_adds_a_writer_who_can_then_log_in_and_write(editor):
    response = editor.post(
        reverse("admin:auth_user_add"),
        {
            "username": "newcomer",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "_save": "Save",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    newcomer = User.objects.get(username="newcomer")
    assert rights(newcomer) == (False, True, True, ["Writers"], [])
    # The Editor lands on the Writer's page, where they can give a name.
    assert response["Location"] == change_url(newcomer)
    writer = Client()
    assert writer.login(username="newcomer", password=PASSWORD)
    assert writer.get(reverse("admin:articles_article_add")).status_code == 200


def test_an_editor_lists_only_writers_and_deactivates_one(editor, groups):
    writer = member("penman", groups["Writers"])
    hidden = [
        member("other-editor", groups["Editors"]),
        User.objects.create_superuser("chief", password=PASSWORD),
        User.objects.create_user("reader"),
        editor.user,
    ]
    listing = editor.get(reverse("admin:auth_user_changelist")).content.decode()
    assert change_url(writer) in listing
    for user in hidden:
        assert change_url(user) not in listing, user

    data = page_form(editor, change_url(writer))
    assert not {"is_superuser", "is_staff", "user_permissions"} & set(data)
    data.pop("is_active", None)  # unticked: deactivated
    response = editor.post(change_url(writer), data)
    assert response.status_code == 302
    assert rights(writer) == (False, True, False, ["Writers"], [])
    assert not Client().login(username="penman", password=PASSWORD)


def test_an_editor_cannot_escalate_a_writer(editor, groups):
    writer = member("penman", groups["Writers"])
    before = rights(writer)
    data = page_form(editor, change_url(writer))
    publish = Permission.objects.get(codename="publish_article")

    # The Editors group is not a choice: the form is refused, nothing changes.
    refused = editor.post(change_url(writer), {**data, "groups": [groups["Editors"].pk]})
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.content.decode()
    assert rights(writer) == before

    # Flags and permissions the form does not have are ignored.
    response = editor.post(
        change_url(writer),
        {
            **data,
            "first_name": "Pen",
            "is_superuser": "on",
            "is_staff": "on",
            "user_permissions": [publish.pk],
            "groups": [groups["Writers"].pk, groups["Editors"].pk],
        },
    )
    assert response.status_code == 200  # the Editors group again: refused
    response = editor.post(
        change_url(writer),
        {**data, "first_name": "Pen", "is_superuser": "on", "user_permissions": [publish.pk]},
    )
    assert response.status_code == 302
    assert User.objects.get(pk=writer.pk).first_name == "Pen"
    assert rights(writer) == before


def test_an_editor_cannot_add_a_superuser_or_an_editor(editor, groups):
    response = editor.post(
        reverse("admin:auth_user_add"),
        {
            "username": "sneaky",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "is_superuser": "on",
            "groups": [groups["Editors"].pk],
            "user_permissions": [Permission.objects.get(codename="publish_article").pk],
        },
    )
    assert response.status_code == 302
    assert rights(User.objects.get(username="sneaky")) == (False, True, True, ["Writers"], [])


@pytest.mark.parametrize("target", ["superuser", "editor", "self", "writer with a permission"])
def test_an_editor_cannot_change_anyone_but_a_plain_writer(editor, groups, target):
    if target == "superuser":
        user = User.objects.create_superuser("chief", password=PASSWORD)
    elif target == "editor":
        user = member("other-editor", groups["Editors"])
    elif target == "self":
        user = editor.user
    else:
        user = member("trusted", groups["Writers"])
        user.user_permissions.add(Permission.objects.get(codename="publish_article"))
    before = (rights(user), User.objects.get(pk=user.pk).password)
    assert editor.get(change_url(user)).status_code == 302  # "doesn't exist": not theirs
    editor.post(change_url(user), {"username": user.username, "is_active": ""})
    password = reverse("admin:auth_user_password_change", args=[user.pk])
    assert editor.get(password).status_code == 404
    editor.post(password, {"password1": "taken over 123", "password2": "taken over 123"})
    delete = reverse("admin:auth_user_delete", args=[user.pk])
    assert editor.post(delete, {"post": "yes"}).status_code == 403
    assert (rights(user), User.objects.get(pk=user.pk).password) == before


def test_an_editor_cannot_delete_a_writer_and_writers_manage_nobody(editor, groups):
    writer = member("penman", groups["Writers"])
    delete = reverse("admin:auth_user_delete", args=[writer.pk])
    assert editor.post(delete, {"post": "yes"}).status_code == 403
    other = member("quill", groups["Writers"])
    client = Client()
    client.force_login(writer)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(change_url(other)).status_code == 403
    assert client.get(reverse("admin:auth_user_add")).status_code == 403
    assert User.objects.filter(pk=writer.pk).exists()
