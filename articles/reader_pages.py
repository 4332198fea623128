"""The reader's pages editors write: About, Contact and Corrections policy, as
``django.contrib.flatpages`` with starter text to edit. The data migration (0020) and
``demo_editor`` call :func:`ensure_pages`, so a flushed database gets them back too."""

from __future__ import annotations

from typing import Any

from django.conf import settings

# (url, title, starter HTML): the footer links to these three (newsroom/urls.py names them).
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


def ensure_pages(site_model: Any = None, flatpage_model: Any = None) -> None:
    """Create the site row and any of the three pages that is missing (models may be
    historical); pages editors changed are left as they are."""
    if site_model is None or flatpage_model is None:
        from django.contrib.flatpages.models import FlatPage
        from django.contrib.sites.models import Site

        site_model, flatpage_model = Site, FlatPage
    # The sites app creates its row only after all migrations; the pages need it now.
    site, _ = site_model.objects.get_or_create(
        pk=settings.SITE_ID, defaults={"domain": "example.com", "name": "Newsroom"}
    )
    for url, title, content in PAGES:
        page, created = flatpage_model.objects.get_or_create(
            url=url, defaults={"title": title, "content": content}
        )
        if created:
            page.sites.add(site)
