"""``{% editors_desk as modules %}``: the editor's home for the admin index
(``articles.dashboard``), for the user who asks."""

from __future__ import annotations

from django import template

from articles import dashboard

register = template.Library()


@register.simple_tag(takes_context=True)
def editors_desk(context: template.Context) -> list[dashboard.Module]:
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return []
    return dashboard.home(request.user)
