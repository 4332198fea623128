"""Valid POST data for an admin page, read from the page itself: what a browser would submit."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    """Collects the fields of every ``method="post"`` form on a page, by form."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[dict[str, str], dict[str, list[str]]]] = []
        self._fields: dict[str, list[str]] | None = None
        self._select: tuple[str, bool] | None = None  # name, multiple
        self._select_options: list[tuple[str, bool]] = []
        self._option: list | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            if a.get("method", "get").lower() == "post":
                self._fields = {}
                self.forms.append((a, self._fields))
            return
        fields = self._fields
        if fields is None:
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            fields.setdefault(name, []).append(a.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select" and name and "disabled" not in a:
            self._select = (name, "multiple" in a)
            self._select_options = []
        elif tag == "option" and self._select is not None:
            self._option = [a.get("value"), "selected" in a, []]
        elif tag == "textarea" and name and "disabled" not in a:
            self._textarea, self._text = name, []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)
        elif self._option is not None:
            self._option[2].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._fields = None
        elif tag == "option" and self._option is not None:
            value, selected, text = self._option
            self._select_options.append((value if value is not None else "".join(text), selected))
            self._option = None
        elif tag == "select" and self._select is not None and self._fields is not None:
            name, multiple = self._select
            chosen = [value for value, selected in self._select_options if selected]
            if not chosen and not multiple and self._select_options:
                chosen = [self._select_options[0][0]]
            self._fields.setdefault(name, []).extend(chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._fields is not None:
            text = "".join(self._text)
            # Django writes a newline after <textarea>, which a browser drops.
            self._fields.setdefault(self._textarea, []).append(text.removeprefix("\n"))
            self._textarea = None


def post_forms(html: str) -> list[tuple[dict[str, str], dict[str, list[str]]]]:
    """Every POST form on the page: (its attributes, its fields as a browser would send them)."""
    reader = _FormReader()
    reader.feed(html)
    return reader.forms


def main_form(html: str) -> dict[str, list[str]]:
    """The fields of the page's own POST form (not the header's log-out form)."""
    forms = [
        fields
        for attrs, fields in post_forms(html)
        if attrs.get("id") != "logout-form" and "logout" not in attrs.get("action", "")
    ]
    if not forms:
        raise AssertionError("no POST form on the page")
    return forms[0]
