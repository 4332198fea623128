"""``{% open_import_conflicts article as count %}``: the article's import conflicts not yet
resolved, for the link on its admin page."""

from __future__ import annotations

from django import template

from articles.models import Article
from articles.runs import ImportIssue

register = template.Library()


@register.simple_tag
def open_import_conflicts(article: Article) -> int:
    """How many of the seed's changes to ``article`` were kept from it (conflicts) and are
    still open."""
    return ImportIssue.objects.filter(
        article=article, outcome=ImportIssue.Kind.CONFLICT, resolved=False
    ).count()
