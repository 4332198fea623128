"""Settings for Newsroom, all read from the environment (twelve-factor style).

SECRET_KEY, DEBUG, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL and ADMIN_URL are the knobs; the
README's "Settings" section lists them. The defaults are safe: DEBUG is off, and with DEBUG off a
missing SECRET_KEY stops the site rather than running with a guessable key.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable (any long random "
            "string), or set DEBUG=1 for local development; `make run` generates and keeps one "
            "in .secret_key for you."
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # About, Contact, Corrections policy: pages editors manage (flatpages needs sites).
    "django.contrib.sites",
    "django.contrib.flatpages",
    "taggit",
    "axes",
    "reversion",
    "rest_framework",
    "rest_framework.authtoken",  # editors' API tokens, managed in the admin
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served from here (no CDN)
    "articles",
]

# The one Site flatpages belong to. Feeds, sitemaps and pages build absolute links from the
# request's host (``newsroom.sites``), not from this row's domain.
SITE_ID = 1

MIDDLEWARE = [
    # Whole public pages for anonymous readers: a hit skips everything below, and answers with
    # the headers the page was stored with, which the middleware below set (articles/cache.py).
    "articles.cache.PublicPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The current site is the request's host (newsroom/sites.py), for feeds, sitemaps, pages.
    "newsroom.sites.CurrentHostMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsroom.middleware.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # django-axes: turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

# The reader's pages are Jinja2 (``jinja2/``, ``newsroom/jinja2.py`` says why); the admin, the
# API's pages and the sitemaps keep Django templates (``templates/``).
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "newsroom.jinja2.environment"},
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

# SQLite is the embedded default: WAL lets readers work while an import writes, the busy timeout
# and IMMEDIATE transactions make writers queue instead of failing with "database is locked".
SQLITE_PATH = os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3"))
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{SQLITE_PATH}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Connections are kept for CONN_MAX_AGE seconds, as with PostgreSQL: opening one (and
    # reading the schema again) cost more than a cold article page's queries.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

elif DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # Fail fast (and so fail /healthz) rather than hang when the server is unreachable.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)

# An optional read replica (PostgreSQL streaming replica, say): public pages read from it through
# newsroom.routers.PrimaryReplicaRouter, everything else uses "default". In tests the replica is a
# mirror of default, so test data written through default is what the public pages read.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["newsroom.routers.PrimaryReplicaRouter"]

# Whole public pages are cached this long at most (0 turns the page cache off); every change
# invalidates them at once anyway (articles/cache.py).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.RedisCache",  # Django's, keeping its clients
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6's default, today

ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"
SEEDS_DIR = BASE_DIR / "seeds"
# Seconds one seed file may take to be read and understood in an import; a file that takes
# longer fails alone ("took longer than ... s"), the others go on. 0 turns the budget off.
IMPORT_FILE_SECONDS = float(os.environ.get("IMPORT_FILE_SECONDS", "20"))
ARTICLES_PER_PAGE = 20
# Search results carry a snippet each, the costly part of a search: ten a page, as news sites'
# search pages show.
SEARCH_RESULTS_PER_PAGE = 10
TAGGIT_CASE_INSENSITIVE = True

# Security headers that cost nothing behind plain HTTP; the HTTPS ones follow SECURE_SSL.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # the admin reads the token from the form, never from the cookie
if env_bool("SECURE_SSL"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Content Security Policy (django-csp 4): the site and the admin load scripts, styles and images
# only from this origin and run no inline script; nothing may frame the site. JSON-LD
# (<script type="application/ld+json">) is data, not script, and is unaffected.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Login throttling (django-axes): after AXES_FAILURE_LIMIT bad passwords for one username from
# one IP address, that pair is locked out for AXES_COOLOFF_HOURS; a good login resets the count.
AUTHENTICATION_BACKENDS = [
    "newsroom.auth.AxesRequestOptionalBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Behind N proxies (a load balancer), throttle the client's address from X-Forwarded-For, not the
# proxy's: set TRUSTED_PROXY_COUNT=N.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "newsroom.auth.client_ip"
AXES_VERBOSE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}


# The content API (articles/api/): reads for anyone, as readers see the site; writes for staff
# with a token (``Authorization: Token ...``); cursor pages; anonymous clients throttled. No
# session authentication: an anonymous API response never touches the session, so the page
# cache keeps it like a page (articles/cache.py).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["articles.api.writes.ReadsForAllWritesForStaff"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "articles.api.schema.NewsroomSchema",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("API_ANON_RATE", "600/minute")},
}
PAGE_CACHE_NAMESPACES = ["articles", "api"]  # the API's anonymous answers are cached too
SPECTACULAR_SETTINGS = {
    "ENUM_NAME_OVERRIDES": {
        "SpeakerKindEnum": "articles.taxonomy.Speaker.Kind",
        "TagKindEnum": "articles.taxonomy.Tag.Kind",
    },
    "TITLE": "Newsroom content API",
    "DESCRIPTION": "The archive and who said what, as readers see them.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
}
