"""The reader's About, Contact and Corrections-policy pages, as flatpages editors manage, with
starter text to edit (``articles.reader_pages``); Editors get the flatpage permissions
(``articles.roles``)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from articles.reader_pages import PAGES, ensure_pages
from articles.roles import ensure_roles


def create_pages(apps, schema_editor):
    ensure_pages(apps.get_model("sites", "Site"), apps.get_model("flatpages", "FlatPage"))
    # Permissions are normally created after all migrations; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def remove_pages(apps, schema_editor):
    FlatPage = apps.get_model("flatpages", "FlatPage")
    FlatPage.objects.filter(url__in=[url for url, _, _ in PAGES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0019_importrun_process"),
        ("flatpages", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(create_pages, remove_pages, elidable=False)]
