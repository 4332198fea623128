"""Settings for the test suite: the real settings, with a throwaway key and a fast hasher."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")

from newsroom.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The manifest needs `collectstatic`; tests render templates without running it.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
