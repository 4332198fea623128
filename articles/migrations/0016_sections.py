"""Sections become rows (``Section``: name, slug, aliases), articles point at them, and sources
gain aliases (their other domains). The articles' strings are renamed ``section_name``; 0017
turns them into rows and 0018 drops them. Three migrations, three transactions: on PostgreSQL a
table whose rows a transaction has updated cannot be altered or indexed until it ends."""

import django.db.models.deletion
import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0015_importissue_seed_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="source",
            name="aliases",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="Other domains of this outlet: the importer files their articles here.",
            ),
        ),
        migrations.CreateModel(
            name="Section",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=100)),
                ("slug", models.SlugField(max_length=100, unique=True)),
                (
                    "aliases",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Other names or URL segments that mean this section (sports "
                        "for Sport): the importer files them here, and their addresses "
                        "redirect here.",
                    ),
                ),
            ],
            options={
                "ordering": ["name"],
                "constraints": [
                    models.UniqueConstraint(
                        django.db.models.functions.text.Lower("name"), name="unique_section_name"
                    )
                ],
            },
        ),
        migrations.RenameField(model_name="article", old_name="section", new_name="section_name"),
        migrations.AddField(
            model_name="article",
            name="section",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="articles",
                to="articles.section",
            ),
        ),
    ]
