"""The article form's tag input: a comma-separated list that, with JavaScript, becomes an
autocomplete of existing tags (Django admin's own select2, against the Tag admin's autocomplete
view) where a new tag can still be typed. Without JavaScript it stays the comma-separated text,
and with it the form still posts that text: the server reads one format."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.urls import reverse
from taggit.forms import TagWidget


class TagAutocompleteWidget(TagWidget):
    """taggit's text input, marked for ``articles/tag_autocomplete.js``."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"class": "vLargeTextField tag-autocomplete", **(attrs or {})})

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict:
        context = super().get_context(name, value, attrs)
        query = urlencode({"app_label": "articles", "model_name": "article", "field_name": "tags"})
        context["widget"]["attrs"]["data-autocomplete-url"] = (
            f"{reverse('admin:autocomplete')}?{query}"
        )
        return context

    @property
    def media(self) -> forms.Media:
        # The admin's jQuery, select2 and their CSS, bundled with Django: nothing from a CDN.
        return forms.Media(
            js=[
                "admin/js/vendor/jquery/jquery.min.js",
                "admin/js/vendor/select2/select2.full.min.js",
                "admin/js/jquery.init.js",
                "articles/tag_autocomplete.js",
            ],
            css={
                "screen": ["admin/css/vendor/select2/select2.min.css", "admin/css/autocomplete.css"]
            },
        )
