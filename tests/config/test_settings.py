"""Settings come from the environment and fail loudly where they must."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings.env import cache_from_url, env_bool, env_int, env_list


def _import_settings(module: str, **env: str) -> subprocess.CompletedProcess:
    clean_env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    clean_env.update(env)
    code = (
        f"import {module} as s; d = s.DATABASES['default']; print(d['ENGINE']);"
        " print(d['ATOMIC_REQUESTS']); print(s.DEBUG);"
        " print(d.get('CONN_MAX_AGE')); print(d.get('CONN_HEALTH_CHECKS'));"
        " print(d.get('OPTIONS', {}).get('transaction_mode'))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=clean_env,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _import_settings("config.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


def test_production_with_a_secret_key_uses_database_url():
    result = _import_settings(
        "config.settings.production",
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/test",
    )
    assert result.returncode == 0, result.stderr
    engine, atomic, debug, max_age, health, mode = result.stdout.split()
    assert engine == "django.db.backends.postgresql"
    # Writes are made atomic by cms.atomic_writes; reads stay in autocommit.
    assert atomic == "False"
    assert debug == "False"
    # Production keeps connections, checked before reuse, unless told otherwise.
    assert (max_age, health) == ("60", "True")
    assert mode == "None"  # PostgreSQL keeps its own transaction behaviour


def test_default_database_is_sqlite_under_var():
    result = _import_settings("config.settings.dev")
    assert result.returncode == 0, result.stderr
    engine, _atomic, _debug, _age, _health, mode = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    # Several processes may write: immediate transactions (with WAL and a timeout).
    assert mode == "IMMEDIATE"


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("", "django.core.cache.backends.locmem.LocMemCache"),
        ("redis://127.0.0.1:6379/1", "django.core.cache.backends.redis.RedisCache"),
        ("dummy://", "django.core.cache.backends.dummy.DummyCache"),
    ],
)
def test_cache_url_selects_the_backend(url, backend):
    assert cache_from_url(url)["BACKEND"] == backend


def test_an_unknown_cache_scheme_is_an_error():
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        cache_from_url("memcached://x")


def test_env_readers_reject_malformed_values(monkeypatch):
    monkeypatch.setenv("X_BOOL", "maybe")
    monkeypatch.setenv("X_INT", "ten")
    monkeypatch.setenv("X_LIST", " a, b ,,c ")
    with pytest.raises(ImproperlyConfigured, match="X_BOOL"):
        env_bool("X_BOOL")
    with pytest.raises(ImproperlyConfigured, match="X_INT"):
        env_int("X_INT", 1)
    assert env_list("X_LIST", []) == ["a", "b", "c"]


def test_image_pixel_limit_and_rich_text_format(settings):
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    assert settings.WAGTAILAPI_RICH_TEXT_FORMAT == "html"
    assert settings.LANGUAGE_CODE == "ja"
    assert [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES] == ["ja", "en"]
