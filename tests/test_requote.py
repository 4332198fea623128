"""Quotes follow the text (issue 15): an editor's body change in the admin re-extracts the
quotes and tags, keeps the speakers an editor fixed, and says what changed; a quote is edited
by its words, never by offsets."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from markupsafe import escape

from articles import requote
from articles.models import Article, Quote, Source, Speaker, Tag
from articles.roles import ensure_roles
from articles.seeds.format import split_blocks
from tests.admin_forms import main_form

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough password"

BODY = (
    "The council met on Monday to vote on the new bridge.\n\n"
    '"We will not back down," said Jane Smith, the council leader.\n\n'
    'Opposition leader Tom Brown called the plan "a waste of money".\n\n'
    '"The bridge will be finished by spring," Smith said.'
)


@pytest.fixture
def article() -> Article:
    source = Source.objects.create(name="Example", domain="example.com")
    article = Article.objects.create(
        headline="Council votes on bridge",
        slug="council-votes-on-bridge",
        standfirst="The council voted on the bridge.",
        body=BODY,
        source=source,
        original_url="https://example.com/council-votes-on-bridge",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(hours=1),
    )
    requote.requote(article)  # as an import would: the quotes the text gives
    return article


def _client(client, role: str):
    ensure_roles()
    user = get_user_model().objects.create_user(role, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name={"editor": "Editors", "writer": "Writers"}[role]))
    client.force_login(user)
    return client


@pytest.fixture
def editor(client):
    return _client(client, "editor")


def _change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def _post_change(client, article: Article, **changes: str):
    """The article's change form as the page gives it, with ``changes`` made (field name ->
    value, inline fields as ``quotes-N-text``)."""
    url = _change_url(article)
    data = main_form(client.get(url).content.decode())
    data.update({name: [value] for name, value in changes.items()})
    return client.post(url, data)


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_setup_extracts_the_quotes_in_body_order(article):
    texts = list(article.quotes.order_by("position").values_list("text", "block"))
    assert texts == [
        ("We will not back down,", 1),
        ("a waste of money", 2),
        ("The bridge will be finished by spring,", 3),
    ]


def test_the_change_form_has_no_offsets_and_shows_each_quote_in_its_sentence(editor, article):
    html = editor.get(_change_url(article)).content.decode()
    fields = main_form(html)
    assert "quotes-0-text" in fields
    for offset in ("block", "start", "end", "position"):
        assert f"quotes-0-{offset}" not in fields
    assert "<mark>a waste of money</mark>" in html
    assert "Paragraph 3:" in html


def test_deleting_a_paragraph_removes_its_quote(editor, article):
    body = BODY.replace('Opposition leader Tom Brown called the plan "a waste of money".\n\n', "")
    response = _post_change(editor, article, body=body)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(article.quotes.order_by("position").values_list("text", "block")) == [
        ("We will not back down,", 1),
        ("The bridge will be finished by spring,", 2),
    ]
    assert any("0 quotes added, 1 removed" in m for m in _messages(response))


def test_inserting_a_paragraph_moves_the_later_quotes_and_their_links(editor, article):
    inserted = "The vote was close: seven to six."
    body = BODY.replace("\n\nOpposition", f"\n\n{inserted}\n\nOpposition")
    response = _post_change(editor, article, body=body)
    assert response.status_code == 302, response.content.decode()[:3000]
    quotes = list(article.quotes.order_by("position"))
    assert [(q.text, q.block) for q in quotes] == [
        ("We will not back down,", 1),
        ("a waste of money", 3),
        ("The bridge will be finished by spring,", 4),
    ]
    assert any("2 moved to another paragraph" in m for m in _messages(response))
    page = editor.get(article.get_absolute_url()).content.decode()
    for quote in quotes:
        # The quote's link goes to the paragraph that holds its words.
        assert f'<a href="#p{quote.block}">in paragraph {quote.block + 1}</a>' in page
        paragraph = re.search(rf'<p id="p{quote.block}">(.*?)</p>', page, re.S).group(1)
        assert str(escape(quote.text)) in paragraph


def test_a_speaker_an_editor_fixed_survives_the_body_change(editor, article):
    quote = article.quotes.get(text__startswith="The bridge")
    other = Speaker.objects.create(name="Mary Jones", slug="mary-jones")
    index = quote.position
    response = _post_change(editor, article, **{f"quotes-{index}-speaker": str(other.pk)})
    assert response.status_code == 302, response.content.decode()[:3000]
    quote.refresh_from_db()
    assert quote.speaker == other and quote.speaker_fixed

    body = "A new first paragraph.\n\n" + BODY + '\n\n"It is a good day," Smith said.'
    response = _post_change(editor, article, body=body)
    assert response.status_code == 302, response.content.decode()[:3000]
    quote.refresh_from_db()
    assert (quote.speaker, quote.speaker_fixed, quote.block) == (other, True, 4)
    unfixed = article.quotes.get(text__startswith="We will")
    assert unfixed.speaker.name == "Jane Smith" and not unfixed.speaker_fixed
    assert (
        "The text changed, so its quotes were found again: 1 quote added, 0 removed, "
        "1 speaker kept as an editor set, 3 moved to another paragraph."
    ) in _messages(response)


def test_editing_a_quote_to_words_not_in_the_body_is_a_form_error(editor, article):
    before = list(article.quotes.values_list("text", "block", "start", "end"))
    response = _post_change(editor, article, **{"quotes-0-text": "Words nobody said"})
    assert response.status_code == 200
    assert "These words are not in the article" in response.content.decode()
    assert list(article.quotes.values_list("text", "block", "start", "end")) == before


def test_editing_a_quote_to_other_words_of_the_body_moves_it_there(editor, article):
    # Curly quote marks and other spacing still find the words; the quote takes their place.
    response = _post_change(editor, article, **{"quotes-0-text": "met  on Monday"})
    assert response.status_code == 302, response.content.decode()[:3000]
    quote = article.quotes.get(position=0)
    # Stored as the body has the words, and numbered first: it now stands first in the body.
    assert (quote.text, quote.block, quote.start, quote.end) == ("met on Monday", 0, 12, 25)
    assert [q.position for q in article.quotes.order_by("block")] == [0, 1, 2]


def test_the_quote_page_finds_the_words_and_refuses_others(editor, article):
    quote = article.quotes.get(text__startswith="a waste")
    url = reverse("admin:articles_quote_change", args=[quote.pk])
    data = main_form(editor.get(url).content.decode())
    for offset in ("block", "start", "end", "position"):
        assert offset not in data
    response = editor.post(url, {**data, "text": ["Not in there"]})
    assert response.status_code == 200
    assert "These words are not in the article" in response.content.decode()
    response = editor.post(url, {**data, "text": ["“a waste of money”"]})
    assert response.status_code == 302, response.content.decode()[:3000]
    quote.refresh_from_db()
    assert (quote.text, quote.block, quote.start, quote.end) == ("a waste of money", 2, 45, 61)


def test_a_writer_still_may_not_change_a_live_articles_quotes(client, article):
    writer = _client(client, "writer")
    quote = article.quotes.first()
    response = writer.post(
        reverse("admin:articles_quote_change", args=[quote.pk]),
        {"article": article.pk, "text": "The council met", "speaker": "", "role": ""},
    )
    assert response.status_code == 403
    response = writer.post(
        reverse("admin:articles_quote_add"),
        {"article": article.pk, "text": "The council met", "speaker": "", "role": ""},
    )
    assert response.status_code == 200
    assert "only editors may change its quotes" in response.content.decode()
    assert article.quotes.count() == 3


def test_tags_follow_the_text_and_an_editors_own_tags_stay(editor, article):
    own = Tag.objects.create(name="Infrastructure", slug="infrastructure")
    article.tags.add(own)
    before = set(article.tags.values_list("name", flat=True))
    assert "Tom Brown" in before
    body = BODY.replace('Opposition leader Tom Brown called the plan "a waste of money".', "")
    body += "\n\nAlice Walker, the mayor of Springfield, welcomed the vote."
    response = _post_change(editor, article, body=body)
    assert response.status_code == 302, response.content.decode()[:3000]
    after = set(article.tags.values_list("name", flat=True))
    assert "Infrastructure" in after  # an editor's tag, not the machine's: kept
    assert "Tom Brown" not in after
    assert "Alice Walker" in after
    assert any("Tags removed: Tom Brown" in m for m in _messages(response))


def test_locate_prefers_exact_then_normalised_then_nearest():
    blocks = split_blocks("He said “yes, we can”.\n\nShe said yes, we can.\n\nyes,  WE can")
    assert requote.locate(blocks, "yes, we can") == requote.Place(0, 9, 20)
    assert requote.locate(blocks, "yes, we can", near=requote.Place(1, 0, 0)) == (
        requote.Place(1, 9, 20)
    )
    assert requote.locate(blocks, '"yes,   we CAN"', near=requote.Place(2, 0, 0)) == (
        requote.Place(2, 0, 12)
    )
    assert requote.locate(blocks, "no, we cannot") is None
    assert requote.locate(blocks, "  ") is None


def test_message_counts():
    result = requote.Requoted(added=2, removed=1, speakers_kept=1)
    assert result.message() == (
        "The text changed, so its quotes were found again: 2 quotes added, 1 removed, "
        "1 speaker kept as an editor set."
    )
    assert Quote._meta.get_field("speaker_fixed")  # the flag the kept speakers carry


def test_a_quote_deleted_with_the_body_change_is_not_found_again(editor, article):
    quote = article.quotes.get(text="a waste of money")
    body = BODY + "\n\nThe vote was close."
    response = _post_change(editor, article, body=body, **{f"quotes-{quote.position}-DELETE": "on"})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not article.quotes.filter(text="a waste of money").exists()
    assert list(article.quotes.values_list("position", flat=True)) == [0, 1]


def test_a_standfirst_change_alone_re_extracts_and_says_so(editor, article):
    response = _post_change(editor, article, standfirst="Alice Walker welcomed the vote.")
    assert response.status_code == 302, response.content.decode()[:3000]
    messages = _messages(response)
    assert any("0 quotes added, 0 removed" in m for m in messages), messages
    assert article.quotes.count() == 3


def test_a_headline_change_alone_leaves_the_quotes_as_they_are(editor, article):
    response = _post_change(editor, article, headline="Council backs the bridge")
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not any("found again" in m for m in _messages(response))


def test_a_fixed_speaker_moved_by_a_body_edit_survives_a_reimport(
    editor, imported_article, tmp_path
):
    from django.core.management import call_command

    from tests.conftest import REFERENCE_SEED

    seed = tmp_path / "seed.txt"  # the wire's next version of the story
    seed.write_text(REFERENCE_SEED.read_text().replace("Medical supplies", "Medicine"))

    quote = imported_article.quotes.get(text__startswith="We don't know how long")
    who = Speaker.objects.create(name="World Health Organization", slug="who")
    response = _post_change(
        editor,
        imported_article,
        body="An editor's opening paragraph.\n\n" + imported_article.body,
        **{f"quotes-{quote.position}-speaker": str(who.pk)},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    quote.refresh_from_db()
    assert (quote.block, quote.speaker, quote.speaker_fixed) == (16, who, True)
    # The wire's text again: the quote is back in paragraph 16, its speaker the editor's.
    call_command("import_seeds", "--overwrite", str(seed), verbosity=0)
    quote = imported_article.quotes.get(text__startswith="We don't know how long")
    assert (quote.block, quote.speaker, quote.speaker_fixed) == (15, who, True)
