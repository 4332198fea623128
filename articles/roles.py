"""Writers and Editors: the newsroom's roles, as groups with permissions.

Writers create and edit drafts and send them to review; Editors may do everything to articles,
including what needs ``publish_article``. The data migration and ``demo_editor`` both call
:func:`ensure_roles`, so a flushed database gets them back too.
"""

from __future__ import annotations

from typing import Any

ROLE_PERMISSIONS: dict[str, list[str]] = {
    "Writers": [
        "add_article",
        "change_article",
        "view_article",
        "view_quote",
        "add_quote",
        "change_quote",
        "view_source",
        "view_section",
        "view_speaker",
        "view_tag",
        "view_correction",
        "view_statuschange",
    ],
    "Editors": [
        f"{action}_{model}"
        for model in ["article", "quote", "source", "section", "speaker", "tag", "correction"]
        for action in ["add", "change", "delete", "view"]
    ]
    + ["publish_article", "view_statuschange"]
    # Import runs and their problem files (articles/runs.py): read-only, but an Editor marks
    # an issue resolved (``change_importissue``).
    + ["view_importrun", "view_importissue", "change_importissue"]
    # The About, Contact and Corrections-policy pages (``django.contrib.flatpages``): their
    # HTML is published as written, so they are the Editors'; Writers may read them.
    + [f"flatpages.{action}_flatpage" for action in ["add", "change", "delete", "view"]],
}
ROLE_PERMISSIONS["Writers"].append("flatpages.view_flatpage")


def ensure_roles(group_model: Any = None, permission_model: Any = None) -> None:
    """Create the role groups and give them their permissions (models may be historical)."""
    if group_model is None or permission_model is None:
        from django.contrib.auth.models import Group, Permission

        group_model, permission_model = Group, Permission
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=name)
        by_app: dict[str, list[str]] = {}
        for codename in codenames:  # "codename" is articles'; "app_label.codename" another's
            app_label, _, bare = codename.rpartition(".")
            by_app.setdefault(app_label or "articles", []).append(bare)
        for app_label, bare_names in by_app.items():
            group.permissions.add(
                *permission_model.objects.filter(
                    content_type__app_label=app_label, codename__in=bare_names
                )
            )


# --- who manages whom: Editors add, change and deactivate Writers -----------------------------

WRITERS = "Writers"
EDITORS = "Editors"
# The Editors' permission (``articles.workflow.PUBLISH_PERMISSION``): who holds it manages Writers.
MANAGES_WRITERS_PERMISSION = "articles.publish_article"


def may_manage_writers(user: Any) -> bool:
    """Whether ``user`` may add Writers and change or deactivate them in the admin: Editors
    (and superusers, who may do anything)."""
    return bool(
        user.is_active
        and user.is_staff
        and (user.is_superuser or user.has_perm(MANAGES_WRITERS_PERMISSION))
    )


def managed_users(manager: Any, users: Any = None) -> Any:
    """The users ``manager`` (not a superuser) may see and change: Writers and nothing more,
    that is in the Writers group and no other, not superusers, with no permissions of their
    own, and never ``manager``. ``users``: the queryset to narrow (default: every user)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    if users is None:
        users = get_user_model()._default_manager.all()
    if not may_manage_writers(manager):
        return users.none()
    return (
        users.filter(is_superuser=False, groups__name=WRITERS)
        .exclude(groups__in=Group.objects.exclude(name=WRITERS))
        .exclude(user_permissions__isnull=False)
        .exclude(pk=manager.pk)
    )


def may_change_user(manager: Any, user: Any) -> bool:
    """Whether ``manager`` may change ``user`` (None: some user, for the list)."""
    if manager.is_superuser:
        return True
    if not may_manage_writers(manager):
        return False
    return user is None or managed_users(manager).filter(pk=user.pk).exists()


def writer_groups() -> Any:
    """The groups a manager who is not a superuser may give: Writers alone."""
    from django.contrib.auth.models import Group

    return Group.objects.filter(name=WRITERS)


def make_writer(user: Any) -> None:
    """What a user added or changed by a manager (not a superuser) always ends as: a staff
    Writer with no other group, no permissions of their own, not a superuser. ``user`` must
    be saved; only its flags are written here."""
    from django.contrib.auth.models import Group

    type(user)._default_manager.filter(pk=user.pk).update(is_staff=True, is_superuser=False)
    user.is_staff, user.is_superuser = True, False
    user.groups.set([Group.objects.get(name=WRITERS)])
    user.user_permissions.clear()
