"""The reader's About, Contact and Corrections-policy pages, as flatpages editors manage, with
starter text to edit; Editors get the flatpage permissions (``articles.roles``)."""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations

from articles.roles import ensure_roles

PAGES = [
    (
        "/about/",
        "About Newsroom",
        "<p>Newsroom publishes news from wire services and partner outlets, checked and "
        "edited by our editors. Every story names its source and links to the original.</p>\n"
        "<p>We quote people in their own words and show who said what. When we get "
        'something wrong, we correct it in the open: see our <a href="/corrections-policy/">'
        "corrections policy</a>.</p>",
    ),
    (
        "/contact/",
        "Contact us",
        "<p>To tell us about a mistake, send a story tip or ask about a story, write to the "
        'news desk at <a href="mailto:desk@example.org">desk@example.org</a>.</p>\n'
        "<p>Please include the address of the story you are writing about.</p>",
    ),
    (
        "/corrections-policy/",
        "Corrections policy",
        "<p>We correct errors of fact as soon as we know of them. A corrected story says "
        "“Corrected” beside its date, and a note at its foot says what was wrong and when "
        "it was fixed.</p>\n"
        "<p>When a story cannot be corrected, for legal reasons or because it should not have "
        "been published, we withdraw it: its address then shows a notice with the reason.</p>\n"
        '<p>To report an error, <a href="/contact/">contact us</a>.</p>',
    ),
]


def create_pages(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    FlatPage = apps.get_model("flatpages", "FlatPage")
    # The sites app creates its row only after all migrations; the pages need it now.
    site, _ = Site.objects.get_or_create(
        pk=settings.SITE_ID, defaults={"domain": "example.com", "name": "Newsroom"}
    )
    for url, title, content in PAGES:
        page, created = FlatPage.objects.get_or_create(
            url=url, defaults={"title": title, "content": content}
        )
        page.sites.add(site)
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
        ("articles", "0018_sections_drop_strings"),
        ("flatpages", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(create_pages, remove_pages, elidable=False)]
