"""Revision history of articles (django-reversion), recorded where it is worth keeping.

An import creates thousands of articles that no editor will ever touch, so it writes no
revision for a new article: a serialised copy of every wire story, with its quotes and tag
links, would double the archive for nothing. Instead the article as it stood is recorded, once,
just before its first change by an editor or a re-import, so every change can still be compared
and undone.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import router
from reversion.models import Revision, Version

from articles.models import REVISION_FOLLOWS, Article

BASELINE_COMMENT = "As imported, before its first change."


def record_baseline(article: Article) -> bool:
    """Record ``article`` as it is in the database now, if it has no revision yet; returns
    whether it did.

    Written as its own revision even inside another revision block (the admin wraps whole views
    in one), which is why it builds the rows itself: what django-reversion would write for the
    article and the relations it follows.
    """
    if article.pk is None or Version.objects.get_for_object(article).exists():
        return False
    stored = Article.objects.get(pk=article.pk)
    objects = [stored]
    for name in REVISION_FOLLOWS:
        objects.extend(getattr(stored, name).all())
    db = router.db_for_write(Article, instance=stored)
    revision = Revision.objects.create(date_created=stored.updated_at, comment=BASELINE_COMMENT)
    Version.objects.bulk_create(
        Version(
            revision=revision,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            db=db,
            format="json",
            serialized_data=serializers.serialize("json", [obj]),
            object_repr=str(obj),
        )
        for obj in objects
    )
    return True
