"""Lists that stay fast at any size (issue 16): the tag links carry a copy of their article's
status and date, indexed (tag, date) so a busy tag's page reads its newest articles from the
index; sections and sources get (section or source, date) twins of the listing index, which
stand in for their foreign keys' own indexes."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


# As ``articles.taxonomy.copy_article_dates``, in SQL both engines read.
COPY_DATES = (
    "UPDATE articles_taggedarticle SET "
    "status = (SELECT a.status FROM articles_article a "
    "WHERE a.id = articles_taggedarticle.content_object_id), "
    "published_at = (SELECT a.published_at FROM articles_article a "
    "WHERE a.id = articles_taggedarticle.content_object_id)"
)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0020_reader_pages"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="taggedarticle",
            name="published_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="taggedarticle",
            name="status",
            field=models.CharField(blank=True, editable=False, max_length=20),
        ),
        migrations.RunSQL(COPY_DATES, migrations.RunSQL.noop, elidable=False),
        migrations.AlterField(
            model_name="article",
            name="section",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="articles",
                to="articles.section",
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="source",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="articles",
                to="articles.source",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["section", "-published_at", "-id", "status"], name="section_listing_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["source", "-published_at", "-id", "status"], name="source_listing_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="taggedarticle",
            index=models.Index(
                fields=["tag", "-published_at", "-content_object", "status"],
                name="tag_published_idx",
            ),
        ),
    ]
