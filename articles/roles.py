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
        "view_speaker",
        "view_tag",
        "view_correction",
        "view_statuschange",
    ],
    "Editors": [
        f"{action}_{model}"
        for model in ["article", "quote", "source", "speaker", "tag", "correction"]
        for action in ["add", "change", "delete", "view"]
    ]
    + ["publish_article", "view_statuschange"]
    # Import runs and their problem files (articles/runs.py): read-only, but an Editor marks
    # an issue resolved (``change_importissue``).
    + ["view_importrun", "view_importissue", "change_importissue"],
}


def ensure_roles(group_model: Any = None, permission_model: Any = None) -> None:
    """Create the role groups and give them their permissions (models may be historical)."""
    if group_model is None or permission_model is None:
        from django.contrib.auth.models import Group, Permission

        group_model, permission_model = Group, Permission
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=name)
        group.permissions.add(
            *permission_model.objects.filter(
                content_type__app_label="articles", codename__in=codenames
            )
        )
