"""Hostile requests and hostile seeds: deploy checks, security headers, login throttling, a
configurable admin URL, seed text shown as text everywhere, and 404s (never 500s) for junk."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from articles.models import Article, Quote, Speaker, Tag

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = Path(__file__).parent / "data" / "hostile"


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a production deploy behind HTTPS, with a throwaway SQLite file."""
    # DJANGO_ALLOW_ASYNC_UNSAFE comes from the browser tests' plugin; no deploy would set it.
    unwanted = {"DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unwanted}
    env.update(
        {
            "SECRET_KEY": secrets.token_urlsafe(64),
            "SECURE_SSL": "1",
            "SQLITE_PATH": str(tmp_path / "prod.sqlite3"),
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "ALLOWED_HOSTS": "news.example.org",
            **extra,
        }
    )
    return env


# The production static storage needs `collectstatic`'s manifest; the probes swap in the plain
# storage (nothing else) so that pages render without writing staticfiles/.
SETUP = """
import django
from django.conf import settings
django.setup()
settings.STORAGES = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
"""


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter, so that settings are read from ``env``."""
    return subprocess.run(
        [sys.executable, "-c", SETUP + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_deploy_reports_nothing_under_production_settings(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


PRODUCTION_PROBE = """
import json
from django.core.management import call_command
from django.contrib.auth import get_user_model
from django.test import Client
call_command("migrate", verbosity=0)
get_user_model().objects.create_superuser("boss", "boss@example.org", "a long good password")
c = Client(HTTP_HOST="news.example.org")
plain = c.get("/")
home = c.get("/", secure=True)
login_page = c.get("/admin/login/", secure=True)
logged_in = c.post(
    "/admin/login/?next=/admin/",
    {"username": "boss", "password": "a long good password",
     "csrfmiddlewaretoken": login_page.cookies["csrftoken"].value},
    secure=True,
)
def cookie(response, name):
    morsel = response.cookies[name]
    return {"secure": bool(morsel["secure"]), "httponly": bool(morsel["httponly"]),
            "samesite": morsel["samesite"]}
print(json.dumps({
    "plain": [plain.status_code, plain.get("Location")],
    "status": home.status_code,
    "headers": dict(home.headers),
    "login": logged_in.status_code,
    "csrftoken": cookie(login_page, "csrftoken"),
    "sessionid": cookie(logged_in, "sessionid"),
}))
"""


def test_production_responses_carry_the_security_headers_and_cookie_flags(tmp_path: Path) -> None:
    result = run_python(PRODUCTION_PROBE, production_env(tmp_path))
    assert result.returncode == 0, result.stderr[-3000:]
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["plain"] == [301, "https://news.example.org/"]  # HTTP goes to HTTPS
    assert probe["status"] == 200
    headers = probe["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    csp = headers["Content-Security-Policy"]
    for directive in ("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'"):
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert probe["login"] == 302
    for name in ("csrftoken", "sessionid"):
        assert probe[name]["secure"] and probe[name]["httponly"], name


@pytest.mark.django_db
def test_plain_http_pages_have_csp_and_no_hsts(client: Client) -> None:
    response = client.get("/")
    assert "Content-Security-Policy" in response.headers
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Strict-Transport-Security" not in response.headers


def test_admin_url_is_configurable(tmp_path: Path) -> None:
    code = """
from django.test import Client
from django.urls import reverse
c = Client()
print(reverse("admin:index"), c.get("/backstage-7f3a/login/").status_code,
      c.get("/admin/login/").status_code)
"""
    env = production_env(tmp_path, ADMIN_URL="/backstage-7f3a/", SECURE_SSL="")
    env["ALLOWED_HOSTS"] = "testserver"
    result = run_python(code, env)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split() == ["/backstage-7f3a/", "200", "404"]


# --- login throttling ---------------------------------------------------------------------------


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "e@example.org", "right password")


def admin_login(client: Client, password: str, username: str = "editor", ip: str = "10.0.0.1"):
    return client.post(
        reverse("admin:login") + "?next=" + reverse("admin:index"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
    )


def test_the_login_after_the_failure_limit_is_refused_even_with_the_right_password(
    client: Client, editor, settings
) -> None:
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5
    for _ in range(limit - 1):
        response = admin_login(client, "wrong")
        assert response.status_code == 200 and "_auth_user_id" not in client.session
    response = admin_login(client, "wrong")  # the limit-th failure locks the pair out
    assert response.status_code in (403, 429)
    response = admin_login(client, "right password")  # the N+1th attempt
    assert response.status_code in (403, 429)
    assert "_auth_user_id" not in client.session
    # The lockout is per username and IP address: the editor elsewhere can still log in.
    assert admin_login(Client(), "right password", ip="10.0.0.2").status_code == 302


def test_fewer_failures_than_the_limit_do_not_lock_out(client: Client, editor, settings) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        admin_login(client, "wrong")
    assert admin_login(client, "right password").status_code == 302


def test_behind_a_proxy_the_lockout_follows_the_forwarded_client_address(
    client: Client, editor, settings
) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.9.9.9"}
    url = reverse("admin:login") + "?next=" + reverse("admin:index")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            url,
            {"username": "editor", "password": "wrong"},
            HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7",  # the first entry is forgeable
            **proxy,
        )
    good = {"username": "editor", "password": "right password"}
    locked = client.post(url, good, HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.7", **proxy)
    assert locked.status_code in (403, 429)
    other = Client().post(url, good, HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy)
    assert other.status_code == 302  # another client behind the same proxy is not locked out


def test_test_client_login_still_works(client: Client, editor) -> None:
    """``client.login`` passes no request; the throttling backend must let it through."""
    assert client.login(username="editor", password="right password")
    assert not client.login(username="editor", password="wrong")


# --- hostile seed text is text everywhere --------------------------------------------------------

RAW_MARKUP = [
    "<script>alert",
    "<img src=x",
    '<a href="javascript:',
    "<b>was</b>",
    "<i>Hostile</i>",
    "<style>body",
    'onerror=alert(1)">',
]


@pytest.fixture
def hostile_article(db) -> Article:
    call_command("import_seeds", str(HOSTILE / "hostile.txt"), verbosity=0)
    return Article.objects.get()


def assert_shown_as_text(html: str, where: str) -> None:
    for raw in RAW_MARKUP:
        assert raw not in html, f"{where}: raw {raw!r} in the page"
    for block in re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S):
        assert "<" not in block, f"{where}: '<' inside JSON-LD"
        json.loads(block)


def test_hostile_seed_is_imported_verbatim(hostile_article: Article) -> None:
    assert '<script>alert("standfirst")</script>' in hostile_article.standfirst
    assert '<a href="javascript:alert(1)">click me</a>' in hostile_article.body
    assert "&amp;" in hostile_article.standfirst  # an entity stays the characters it was


def test_hostile_seed_on_public_pages(client: Client, hostile_article: Article) -> None:
    pages = [
        reverse("articles:list"),
        # issue 16: the front page and the index pages
        reverse("articles:front"),
        reverse("articles:sections"),
        reverse("articles:tags"),
        reverse("articles:speakers"),
        hostile_article.get_absolute_url(),
        reverse("articles:quotes"),
        reverse("articles:source", args=[hostile_article.source.domain]),
        hostile_article.section.get_absolute_url(),
        *[tag.get_absolute_url() for tag in Tag.objects.all()],
        *[speaker.get_absolute_url() for speaker in Speaker.objects.all()],
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_shown_as_text(response.content.decode(), url)
    detail = client.get(hostile_article.get_absolute_url()).content.decode()
    # The reader's pages are Jinja2: markupsafe writes " as &#34; (Django: &quot;).
    assert "&lt;script&gt;alert(&#34;standfirst&#34;)&lt;/script&gt;" in detail
    assert "&amp;amp;" in detail  # the literal text "&amp;", not an ampersand
    assert "&lt;a href=&#34;javascript:alert(1)&#34;&gt;click me&lt;/a&gt;" in detail


def test_hostile_seed_in_json_ld(client: Client, hostile_article: Article) -> None:
    html = client.get(hostile_article.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    if not blocks:
        pytest.skip("the article page has no JSON-LD yet")
    data = json.dumps([json.loads(block) for block in blocks])
    assert "standfirst" in data or "Hackers" in data
    assert_shown_as_text(html, "JSON-LD")


def test_hostile_seed_in_feeds(client: Client, hostile_article: Article) -> None:
    home = client.get(reverse("articles:list")).content.decode()
    feeds = re.findall(r'<link[^>]+type="application/(?:rss|atom)\+xml"[^>]+href="([^"]+)"', home)
    if not feeds:
        pytest.skip("the site has no feed yet")
    for url in feeds:
        response = client.get(url)
        assert response.status_code == 200, url
        xml = response.content.decode()
        for raw in RAW_MARKUP:
            assert raw not in xml, f"{url}: raw {raw!r}"


def test_hostile_seed_in_the_admin(client: Client, hostile_article: Article) -> None:
    client.force_login(
        get_user_model().objects.create_superuser("boss", "b@example.org", "pw-not-used")
    )
    pages = [
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_change", args=[hostile_article.pk]),
        reverse("admin:articles_quote_changelist"),
        reverse("admin:articles_speaker_changelist"),
        reverse("admin:articles_tag_changelist"),
        reverse("admin:articles_source_changelist"),
        *[reverse("admin:articles_quote_change", args=[q.pk]) for q in Quote.objects.all()],
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert_shown_as_text(html, url)


# --- junk requests are 404s, never 500s ----------------------------------------------------------

NOT_FOUND = [
    "/articles/no-such-article/",
    "/tags/no-such-tag/",
    "/speakers/no-such-speaker/",
    "/sources/no-such-source.example/",
    "/articles/%00/",
    "/articles/" + "a" * 5000 + "/",
    "/latest/?page=99999999999999999999999999999",
    "/latest/?page=2",
    "/latest/?page=0",
    "/latest/?page=-1",
    "/latest/?page=abc",
    "/latest/?page=1e9",
    "/quotes/?page=99999999999999999999",
    "/quotes/?speaker=no-such-speaker",
    "/quotes/?tag=no-such-tag",
    "/quotes/?tag=../../etc/passwd",
    "/sections/%00/",
    "/sources/%00/",
    "/speakers/%00/",
    "/tags/x%00/",
    "/no/such/page/",
]
NEVER_500 = [
    "/?%zz=1",
    "/?page",
    "/?=&=&&",
    "/?" + "x=1&" * 2000,
    "/quotes/?speaker=&tag=",
    "/quotes/?speaker[]=1",
    "/sections/%C0%AF/",
    "/sections/" + "%FF" * 10 + "/",
    "/sources/%2e%2e%2f/",
    "/search/?q=" + "a" * 5000,
    "/search/?q=%ff%fe",
    "/search/?q=%00",
    "/?page=%00",
    "/?%00=1",
    "/quotes/?speaker=%00",
    "/quotes/?tag=%00",
]


@pytest.mark.django_db
def test_nul_in_query_strings_is_dropped_not_a_500(client: Client) -> None:
    """PostgreSQL refuses NUL in any text it compares: a lookup with one would be a 500."""
    client.force_login(get_user_model().objects.create_superuser("boss", "b@example.org", "x"))
    url = reverse("admin:articles_article_changelist")
    assert client.get(url + "?q=Kerry").status_code == 200
    assert client.get(url + "?q=%00").status_code == 200
    assert client.get("/quotes/?speaker=no%00such").status_code == 404  # "nosuch": unknown


@pytest.mark.django_db
@pytest.mark.parametrize("url", NOT_FOUND)
def test_junk_urls_are_404(client: Client, url: str) -> None:
    call_command("import_seeds", str(HOSTILE / "hostile.txt"), verbosity=0)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("url", NEVER_500)
def test_malformed_query_strings_are_never_500(client: Client, url: str) -> None:
    assert client.get(url).status_code < 500
