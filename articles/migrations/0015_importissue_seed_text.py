from django.db import migrations, models


class Migration(migrations.Migration):
    """A conflict keeps the seed the editor's version was kept from, so that an editor can
    take it from the admin ("take the wire's"). Issues recorded before have none."""

    dependencies = [
        ("articles", "0014_pending_changes"),
    ]

    operations = [
        migrations.AddField(
            model_name="importissue",
            name="seed_text",
            field=models.TextField(
                blank=True,
                help_text="A conflict's seed file, as the import read it (at most the seed size "
                "limit), for taking the wire's version; empty otherwise.",
            ),
        ),
    ]
