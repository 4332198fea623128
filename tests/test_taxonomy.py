"""Issue 15, taxonomy: sections as rows with slugs and aliases, sources and tags merged in the
admin with article counts, the tag autocomplete. Through the admin as an editor uses it, the
reader's site and the importer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from articles.models import Article, Section, Source, Tag
from articles.roles import ensure_roles
from tests.admin_forms import main_form
from tests.conftest import REFERENCE_SEED, run_import_seeds

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough password"
REFERENCE_URL = (
    "http://www.dnaindia.com/world/"
    "report-john-kerry-defends-diplomacy-as-russian-backed-forces-pound-aleppo-2259122"
)


def login(client, group: str):  # a user of the role, logged in
    ensure_roles()
    name = f"{group}-{get_user_model().objects.count()}"
    user = get_user_model().objects.create_user(name, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return client


@pytest.fixture
def editor(client):
    return login(client, "Editors")


def seed_at(directory: Path, url: str, name: str = "seed.txt") -> Path:
    """The reference seed with another URL (another article, source or section)."""
    text = REFERENCE_SEED.read_text(encoding="utf-8-sig")
    path = directory / name
    path.write_text(url + text[text.index("\n") :], encoding="utf-8")
    return path


def import_at(tmp_path: Path, url: str, name: str = "seed.txt") -> Article:
    code, _out, err = run_import_seeds(str(seed_at(tmp_path, url, name)))
    assert code == 0, err
    return Article.objects.get(original_url=url)


def changelist_action(client, model: str, action: str, selected: list, **extra) -> object:
    """Press a list page's action as an editor does: select rows, choose the action, Go."""
    url = reverse(f"admin:articles_{model}_changelist")
    data = {"action": action, "_selected_action": [obj.pk for obj in selected], **extra}
    return client.post(url, data)


# --- sections: the importer ------------------------------------------------------------------


def test_the_importer_maps_a_url_section_through_names_slugs_and_aliases(tmp_path):
    sport = Section.objects.create(name="Sport", slug="sport", aliases=["sports"])
    first = import_at(tmp_path, REFERENCE_URL.replace("/world/", "/sports/"), "a.txt")
    second = import_at(tmp_path, REFERENCE_URL.replace("/world/", "/SPORT/") + "1", "b.txt")
    assert first.section == second.section == sport
    # An unknown segment is a new section, named as the URL writes it.
    third = import_at(tmp_path, REFERENCE_URL.replace("/world/", "/middle-east/") + "2", "c.txt")
    assert (third.section.name, third.section.slug) == ("Middle East", "middle-east")
    assert Section.objects.count() == 2


def test_a_new_section_takes_its_name_from_the_general_alias_list(tmp_path):
    """On an empty database, ``technology`` and then ``tech`` are one section, Tech."""
    first = import_at(tmp_path, REFERENCE_URL.replace("/world/", "/technology/"), "a.txt")
    second = import_at(tmp_path, REFERENCE_URL.replace("/world/", "/tech/") + "1", "b.txt")
    assert first.section == second.section
    assert (first.section.name, first.section.slug) == ("Tech", "tech")
    assert "technology" in first.section.aliases


def test_an_unedited_reimport_stays_unchanged_and_renaming_its_section_edits_nothing(
    tmp_path, editor
):
    article = import_at(tmp_path, REFERENCE_URL)
    assert not article.edited_since_import
    _code, out, _ = run_import_seeds(str(tmp_path / "seed.txt"))
    assert "1 unchanged" in out
    # Renaming the section (its row) edits no article.
    world = article.section
    form = main_form(
        editor.get(reverse("admin:articles_section_change", args=[world.pk])).content.decode()
    )
    form["name"] = ["World news"]
    assert (
        editor.post(reverse("admin:articles_section_change", args=[world.pk]), form).status_code
        == 302
    )
    article.refresh_from_db()
    assert article.section.name == "World news" and not article.edited_since_import


# --- sections: the reader's site -------------------------------------------------------------


def test_a_section_answers_at_its_slug_and_redirects_every_other_spelling(client, tmp_path):
    article = import_at(tmp_path, REFERENCE_URL)
    world = article.section
    world.aliases = ["world-news"]
    world.save()
    assert client.get("/sections/world/").status_code == 200
    for spelling in ["World", "WORLD", "world-news", "World%20News"]:
        response = client.get(f"/sections/{spelling}/?page=1")
        assert response.status_code == 301, spelling
        assert response["Location"] == "/sections/world/?page=1"
    assert client.get("/sections/nowhere/").status_code == 404
    assert article.get_section_url() == "/sections/world/"
    page = client.get(article.get_absolute_url()).content.decode()
    assert '<a href="/sections/world/">World</a>' in page


def test_the_sitemap_and_json_ld_name_the_section(client, tmp_path):
    article = import_at(tmp_path, REFERENCE_URL)
    assert (
        "<loc>http://testserver/sections/world/</loc>"
        in client.get("/sitemap-sections.xml").content.decode()
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert '"articleSection": "World"' in page
    assert '<meta property="article:section" content="World">' in page


def test_a_section_without_a_public_article_is_404_at_every_spelling(client, tmp_path):
    article = import_at(tmp_path, REFERENCE_URL)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    for url in ["/sections/world/", "/sections/World/", "/sections/world/feed/"]:
        assert client.get(url).status_code == 404, url


def test_a_renamed_section_keeps_its_old_address(client, editor, tmp_path):
    article = import_at(tmp_path, REFERENCE_URL)
    url = reverse("admin:articles_section_change", args=[article.section_id])
    form = main_form(editor.get(url).content.decode())
    form.update(name=["International"], slug=["international"])
    assert editor.post(url, form).status_code == 302
    section = Section.objects.get()
    assert "World" in section.aliases  # (its old slug, world, is the same key)
    client.logout()
    response = client.get("/sections/world/")
    assert (response.status_code, response["Location"]) == (301, "/sections/international/")
    # And the importer still files /world/ there.
    again = import_at(tmp_path, REFERENCE_URL.replace("2259122", "2259123"), "b.txt")
    assert again.section == section


# --- sections: the admin ---------------------------------------------------------------------


def test_the_section_list_counts_articles_and_refuses_an_alias_another_section_has(
    editor, tmp_path
):
    import_at(tmp_path, REFERENCE_URL)
    sport = Section.objects.create(name="Sport", slug="sport")
    html = editor.get(reverse("admin:articles_section_changelist")).content.decode()
    assert re.search(r'field-article_count">1<', html)
    url = reverse("admin:articles_section_change", args=[sport.pk])
    form = main_form(editor.get(url).content.decode())
    form["aliases"] = ["sports, World"]
    response = editor.post(url, form)
    assert response.status_code == 200
    assert "already means the section World" in response.content.decode()
    form["aliases"] = ["sports, athletics"]
    assert editor.post(url, form).status_code == 302
    assert Section.objects.get(pk=sport.pk).aliases == ["sports", "athletics"]


def test_merging_sections_moves_articles_and_keeps_the_old_names(client, editor, tmp_path):
    first = import_at(tmp_path, REFERENCE_URL.replace("/world/", "/footy/"), "a.txt")
    second = import_at(tmp_path, REFERENCE_URL.replace("/world/", "/sport/") + "1", "b.txt")
    footy, sport = first.section, second.section
    edited = import_at(tmp_path, REFERENCE_URL.replace("/world/", "/footy/") + "9", "e.txt")
    Article.objects.filter(pk=edited.pk).update(headline="An editor's headline")
    written_here = Article.objects.create(
        headline="Written here", slug="written-here", standfirst="S.", body="B.",
        source=first.source, section=footy, original_url="https://newsroom.example/here",
        seed_line2="1", seed_line3="2",
    )  # fmt: skip
    page = changelist_action(editor, "section", "merge_sections", [footy, sport])
    assert page.status_code == 200 and "Footy: 3 article(s)" in page.content.decode()
    response = changelist_action(
        editor, "section", "merge_sections", [footy, sport], target=sport.pk
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.section == sport and not Section.objects.filter(pk=footy.pk).exists()
    assert not first.edited_since_import  # a merge is not an edit of the article
    assert Article.objects.get(pk=edited.pk).edited_since_import  # an editor's edit stays one
    assert Article.objects.get(pk=written_here.pk).imported_fingerprint == ""  # never imported
    assert "Footy" in Section.objects.get(pk=sport.pk).aliases
    assert client.get("/sections/footy/")["Location"] == "/sections/sport/"
    third = import_at(tmp_path, REFERENCE_URL.replace("/world/", "/footy/") + "2", "c.txt")
    assert third.section == sport


def test_the_article_list_filters_by_section(editor, tmp_path):
    article = import_at(tmp_path, REFERENCE_URL)
    url = reverse("admin:articles_article_changelist")
    html = editor.get(url).content.decode()
    assert f"?section__id__exact={article.section_id}" in html
    response = editor.get(f"{url}?section__id__exact={article.section_id}")
    assert article.headline in response.content.decode()


# --- sources -----------------------------------------------------------------------------------


def test_one_outlet_under_two_domains_is_two_labels_then_one_source(editor, tmp_path):
    one = import_at(tmp_path, "https://www.bbc.co.uk/news/world-kerry-2259122", "a.txt")
    two = import_at(tmp_path, "https://www.bbc.com/news/world-kerry-2259123", "b.txt")
    Source.objects.update(name="BBC News")
    url = reverse("admin:articles_article_changelist")
    html = editor.get(url).content.decode()
    assert "BBC News (bbc.co.uk)" in html and "BBC News (bbc.com)" in html

    response = changelist_action(
        editor, "source", "merge_sources", [one.source, two.source], target=two.source_id
    )
    assert response.status_code == 302
    kept = Source.objects.get()
    assert (kept.domain, kept.aliases) == ("bbc.com", ["bbc.co.uk"])
    assert set(kept.articles.all()) == {one, two}
    html = editor.get(url).content.decode()
    assert html.count(">BBC News</a>") == 1 and "(bbc.co.uk)" not in html
    assert "BBC News (2)" in editor.get(f"{url}?_facets=1").content.decode()  # with counts
    # The importer files the merged domain's articles under the kept source.
    three = import_at(tmp_path, "https://www.bbc.co.uk/news/world-kerry-2259124", "c.txt")
    assert three.source == kept


def test_a_merged_domain_s_pages_redirect_to_the_kept_source(client, editor, tmp_path):
    one = import_at(tmp_path, "https://www.bbc.co.uk/news/world-kerry-2259122", "a.txt")
    two = import_at(tmp_path, "https://www.bbc.com/news/world-kerry-2259123", "b.txt")
    changelist_action(
        editor, "source", "merge_sources", [one.source, two.source], target=two.source_id
    )
    client.logout()
    for url, target in [
        ("/sources/bbc.co.uk/?page=1", "/sources/bbc.com/?page=1"),
        ("/sources/bbc.co.uk/feed/", "/sources/bbc.com/feed/"),
        ("/sources/bbc.co.uk/feed/atom/", "/sources/bbc.com/feed/atom/"),
    ]:
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (301, target), url
    assert client.get("/sources/bbc.com/").status_code == 200
    Article.objects.update(status=Article.Status.DRAFT)
    assert client.get("/sources/bbc.co.uk/").status_code == 404  # no public article: no page


def test_a_writer_may_not_merge_sources_of_live_articles(client, tmp_path):
    one = import_at(tmp_path, "https://www.bbc.co.uk/news/world-kerry-2259122", "a.txt")
    two = import_at(tmp_path, "https://www.bbc.com/news/world-kerry-2259123", "b.txt")
    writer = login(client, "Writers")
    changelist_action(
        writer, "source", "merge_sources", [one.source, two.source], target=two.source_id
    )
    assert Source.objects.count() == 2


# --- tags --------------------------------------------------------------------------------------


def test_merging_tags_gives_their_articles_the_kept_tag(editor, tmp_path):
    article = import_at(tmp_path, REFERENCE_URL)
    other = import_at(tmp_path, REFERENCE_URL.replace("2259122", "2259123"), "b.txt")
    syria = Tag.objects.create(name="Syria (country)", slug="syria-country")
    kept = Tag.objects.get(name="Syria")
    other.tags.remove(kept)
    other.tags.add(syria)
    html = editor.get(reverse("admin:articles_tag_changelist") + "?q=syria").content.decode()
    assert re.search(r'field-article_count">1<', html)

    page = changelist_action(editor, "tag", "merge_tags", [kept, syria])
    assert "Syria (country): 1 article(s)" in page.content.decode()
    response = changelist_action(editor, "tag", "merge_tags", [kept, syria], target=kept.pk)
    assert response.status_code == 302
    assert not Tag.objects.filter(pk=syria.pk).exists()
    assert kept in other.tags.all() and kept in article.tags.all()


def test_merging_one_tag_is_refused_with_a_message(editor):
    tag = Tag.objects.create(name="Alone", slug="alone")
    response = changelist_action(editor, "tag", "merge_tags", [tag], target=tag.pk)
    assert response.status_code == 302
    assert Tag.objects.filter(pk=tag.pk).exists()


# --- the tag widget ------------------------------------------------------------------------------


def test_the_tag_input_offers_autocomplete_and_posts_a_comma_string(editor, tmp_path):
    article = import_at(tmp_path, REFERENCE_URL)
    url = reverse("admin:articles_article_change", args=[article.pk])
    html = editor.get(url).content.decode()
    field = re.search(r'<input type="text" name="tags"[^>]*>', html).group(0)
    assert "tag-autocomplete" in field and "data-autocomplete-url" in field
    assert "/static/admin/js/vendor/select2/select2.full.min.js" in html
    assert "/static/articles/tag_autocomplete.js" in html
    assert "//cdn" not in html
    # The endpoint the script asks: the Tag admin's autocomplete, answering as JSON.
    endpoint = re.search(r'data-autocomplete-url="([^"]+)"', field).group(1).replace("&amp;", "&")
    results = editor.get(endpoint + "&term=Ale").json()["results"]
    assert "Aleppo" in [r["text"] for r in results]
    # Without JavaScript the field is the comma string, and a new tag can be typed in it.
    form = main_form(html)
    form["tags"] = [form["tags"][0] + ", A brand new tag"]
    assert editor.post(url, form).status_code == 302
    assert "A brand new tag" in article.tags.names()


def test_the_tag_script_is_served_locally():
    script = Path(__file__).parent.parent / "static" / "articles" / "tag_autocomplete.js"
    text = script.read_text(encoding="utf-8")
    assert "tags: true" in text and "http" not in text


# --- a live story's pending change of section ---------------------------------------------------


def test_a_pending_change_keeps_its_section_by_slug_and_publishes_it(client, tmp_path):
    """A Writer's change to a live story's section waits (by the section's slug, which a backup
    restores anywhere), shows as World -> Sport, and goes live when an Editor publishes it."""
    from articles.pending import PendingChange, differences

    article = import_at(tmp_path, REFERENCE_URL)
    sport = Section.objects.create(name="Sport", slug="sport")
    url = reverse("admin:articles_article_change", args=[article.pk])

    def press(user, button: str, **changes: str):
        data = main_form(user.get(url).content.decode())
        data.update({name: [value] for name, value in changes.items()})
        data["_action"] = [button]
        return user.post(url, data)

    writer = login(client, "Writers")
    assert press(writer, "submit", headline="A writer's headline").status_code == 302
    change = PendingChange.objects.get(article=article)
    assert change.values["section"] == "world"
    assert [row[0] for row in differences(article, change)] == ["headline"]
    assert press(writer, "submit", section=str(sport.pk)).status_code == 302
    change.refresh_from_db()
    assert change.values["section"] == "sport"
    assert ("section", "World", "Sport") in differences(article, change)
    article.refresh_from_db()
    assert article.section.name == "World"  # readers still see the live version

    from django.test import Client

    editor = login(Client(), "Editors")
    html = editor.get(url).content.decode()
    assert re.search(rf'<option value="{sport.pk}" selected>Sport</option>', html)
    assert press(editor, "publish").status_code == 302
    article.refresh_from_db()
    assert article.section == sport and article.headline == "A writer's headline"


def test_compare_names_a_changed_section(editor, tmp_path):
    """Revisions hold the section's id since it is a row: compare shows its name."""
    from tests.test_workflow import form_data

    article = import_at(tmp_path, REFERENCE_URL)
    Article.objects.filter(pk=article.pk).update(status="draft")
    sport = Section.objects.create(name="Sport", slug="sport")
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert editor.post(url, form_data(article, headline="First")).status_code == 302
    assert editor.post(url, form_data(article, section=sport.pk)).status_code == 302
    html = editor.get(reverse("admin:articles_article_compare", args=[article.pk])).content
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html.decode()))
    assert "Section[before: World][after: Sport]" in text


# --- the API --------------------------------------------------------------------------------------


def test_the_api_names_sections_and_takes_any_spelling_of_them(tmp_path):
    from tests.test_api_editors import post, token_client

    article = import_at(tmp_path, REFERENCE_URL)
    Section.objects.filter(pk=article.section_id).update(aliases=["world-news"])
    reader = token_client("anonymous")
    sections = reader.get(reverse("api:section-list")).json()
    assert sections == [{"name": "World", "slug": "world", "articles": 1}]
    for spelling in ["world", "World", "world-news"]:
        listed = reader.get(reverse("api:article-list"), {"section": spelling}).json()
        assert [a["slug"] for a in listed["results"]] == [article.slug], spelling
        assert listed["results"][0]["section"] == "World"
    assert reader.get(reverse("api:article-list"), {"section": "nowhere"}).json()["results"] == []

    Section.objects.create(name="Sport", slug="sport", aliases=["sports"])
    editor = token_client("editor")
    url = reverse("api:article-detail", args=[article.slug])
    response = post(editor, url, {"section": "Sports", "action": "publish"}, "patch")
    assert response.status_code == 200, response.content
    article.refresh_from_db()
    assert article.section.name == "Sport"
    response = post(editor, url, {"section": "Quidditch"}, "patch")
    assert response.status_code == 400 and "no section 'Quidditch'" in str(response.json())
