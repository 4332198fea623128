"""The last step of 0016_sections: the articles' section strings, now rows, are dropped, and
the roles get the new Section permissions (Editors manage sections, Writers see them)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from articles.roles import ensure_roles


def grant_roles(apps, schema_editor):
    """Editors manage sections, Writers see them: the permissions exist only after all
    migrations, so they are created here, as 0004_roles does."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0017_section_rows"),
    ]

    operations = [
        migrations.RemoveField(model_name="article", name="section_name"),
        migrations.RunPython(grant_roles, migrations.RunPython.noop, elidable=False),
    ]
