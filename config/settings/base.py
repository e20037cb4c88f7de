"""Settings shared by every environment. Everything variable comes from env vars."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from config.settings.env import (
    cache_from_url,
    env_bool,
    env_int,
    env_list,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Project apps first so their templates and translations win.
    "cms",
    "cms.api",
    "home",
    "casestudies",
    "search",
    "frontend",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",  # CDN purge on publish (WAGTAILFRONTENDCACHE)
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",  # the task queue in the database (TASKS below)
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # One transaction per POST/PUT/PATCH/DELETE. Early, so that everything below
    # that writes (views, messages, anything added later) is all-or-nothing; after
    # SecurityMiddleware, whose redirects need no transaction; after sessions, whose
    # row is saved after the commit in its own short transaction, as it was with
    # ATOMIC_REQUESTS, and does not stretch the time the write lock is held.
    "cms.atomic_writes.AtomicWritesMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads request.GET (nothing above does), so an API query over
    # DATA_UPLOAD_MAX_NUMBER_FIELDS is a fast problem+json 400, not Django's HTML
    # 400 or, under DEBUG, a slow 500; after LocaleMiddleware for the language.
    "cms.api.too_many_params.TooManyParamsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------
# SQLite file under the git-ignored var/ unless DATABASE_URL says otherwise.
DATABASE_URL = env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0)
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (gunicorn workers, the scheduler, an import) share one file.
    # WAL: readers never wait for the writer, nor it for them. IMMEDIATE: a
    # transaction takes the write lock when it begins, and waits for it up to
    # `timeout` seconds; a deferred one starts as a reader and, when it first
    # writes after another process committed, fails at once with "database is
    # locked" (no wait can help it). synchronous=NORMAL: in WAL mode it survives
    # a crash of the application, loses at most the last commits on power loss
    # (never corrupts), and saves an fsync per commit.
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_BUSY_TIMEOUT", 20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
# Publishing touches the page, its revision and the audit log: every unsafe-method
# request runs in one transaction (cms/atomic_writes.py, in MIDDLEWARE), which makes
# it all-or-nothing. Not ATOMIC_REQUESTS: it would wrap every GET too, and on SQLite
# an IMMEDIATE transaction takes the write lock, so reads would queue behind writes.
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------
CACHES = {"default": cache_from_url(env_str("CACHE_URL"))}

# --- Auth -----------------------------------------------------------------------
_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_VALIDATORS}.MinimumLengthValidator"},
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]

# --- Languages ------------------------------------------------------------------
# Japanese is the source language of the casebook; English is its translation.
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The admin UI in either language, chosen per user (Account → Preferences).
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
# Japanese for Wagtail's review emails (its own ja catalogue lacks them). Listed
# after locale/ so makemessages keeps writing our strings to locale/.
LOCALE_PATHS.append(BASE_DIR / "cms/workflows/mail_locale")
# Japanese for Wagtail's and wagtail-localize's own strings that their catalogues
# lack, one folder per upstream catalogue (scripts/upstream_catalogues.py).
LOCALE_PATHS += sorted((BASE_DIR / "locale/upstream").glob("*/"))
TIME_ZONE = env_str("TIME_ZONE", "Asia/Tokyo")
USE_I18N = True
USE_TZ = True

# No machine translator unless one is configured: wagtail-localize's dummy one
# only reverses words, and a translator who clicks "Translate with Dummy
# translator" gets nonsense that looks like work done.
if machine_translator := env_str("MACHINE_TRANSLATOR_CLASS", ""):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": machine_translator,
        "OPTIONS": {},
    }

# --- Static and media -----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Django serves media only under DEBUG, or with CMS_SERVE_MEDIA when the web server
# forwards /media/ to it: renditions and originals of images the request may see,
# never documents/ (cms/private_media.py; docs/operations.md, "Media").
CMS_SERVE_MEDIA = env_bool("CMS_SERVE_MEDIA", False)

# --- Email ----------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "casebook@localhost")

# --- Wagtail --------------------------------------------------------------------
WAGTAIL_SITE_NAME = _("JET-ALT Casebook")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# No avatars from gravatar.com: the admin makes no outside requests (initials show).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILIMAGES_IMAGE_MODEL = "cms.CasebookImage"
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
# Japanese-aware: Wagtail's database backend (SQLite FTS5 / PostgreSQL) fed with
# analysed text (search/backends.py); "simple" so PostgreSQL adds no stemming.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backends", "SEARCH_CONFIG": "simple"}
}
# The scale-out path (docs/search.md): OpenSearch with a Japanese analyser and the
# glossary as synonyms, one index per language. Needs opensearch-py and a cluster.
SEARCH_ENGINE = env_str("SEARCH_ENGINE", "database")
if SEARCH_ENGINE == "opensearch":
    OPENSEARCH_URL = env_str("OPENSEARCH_URL", "http://localhost:9200")
    WAGTAILSEARCH_BACKENDS = {
        name: {
            "BACKEND": "search.opensearch",
            "LANGUAGE": language,
            "URLS": [OPENSEARCH_URL],
            "INDEX_PREFIX": f"casebook_{language}_",
        }
        for name, language in (("default", "ja"), ("en", "en"))
    }
WAGTAIL_ALLOW_UNICODE_SLUGS = False  # slugs stay ASCII so URLs are stable in both trees
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
# "Translate this page" creates drafts; translations go live through translation
# review (cms/workflows/wagtail_localize_676.py).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Final approval publishes even when the approving reviewer is not a publisher.
WAGTAIL_FINISH_WORKFLOW_ACTION = "cms.workflows.finish.publish_approved_revision"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "csv", "txt"]
# Documents only through Wagtail's document view (/documents/<id>/<name>), which
# applies collection view restrictions; never a direct or redirected storage URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# --- REST framework -------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Every API error is problem details (cms/api/errors.py).
    "EXCEPTION_HANDLER": "cms.api.errors.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Form parsers too: wagtail-localize's translation editor saves each string
    # through DRF views posting FormData (tests/workflows/test_wagtail_localize_676).
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "JET-ALT Casebook API",
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "PREPROCESSING_HOOKS": ["cms.api.schema.only_api_v1"],
    # Typed StreamField blocks, generated from the blocks, then every object shape
    # closed to undeclared keys (cms/api/schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "cms.api.schema.add_block_components",
        "cms.api.schema.close_components",
    ],
}
# HTTP caching of API responses (seconds); see cms/api/caching.py.
CMS_API_MAX_AGE = env_int("CMS_API_MAX_AGE", 60)
CMS_API_STALE_WHILE_REVALIDATE = env_int("CMS_API_STALE_WHILE_REVALIDATE", 300)
CMS_API_PREVIEW_TOKEN_SECONDS = env_int("CMS_API_PREVIEW_TOKEN_SECONDS", 3600)
# Keep whole response bodies in the cache (off only to benchmark the uncached path).
CMS_API_CACHE_BODIES = env_bool("CMS_API_CACHE_BODIES", True)
# Keep list items per content version in each process (off only to benchmark it).
CMS_API_CACHE_LIST_ITEMS = env_bool("CMS_API_CACHE_LIST_ITEMS", True)

# --- Public site (frontend/) ----------------------------------------------------
# The API the site reads: empty calls the API's views in this process; a URL
# (https://cms.example/api/v1/) reads it over HTTP, for a site running apart.
CMS_API_URL = env_str("CMS_API_URL", "")
# Seconds a page waits on the API over HTTP before it gives up (ApiUnavailable).
CMS_API_TIMEOUT = env_int("CMS_API_TIMEOUT", 5)
# What the admin's preview renders a page's API item with: code, not deployment,
# so not from the environment. A dotted path, so the kernel (cms/) names no site:
# BasePage.serve_preview imports it by name.
CMS_PREVIEW_RENDERER = "frontend.preview.render_preview"
# Where the casebook PDFs are kept, one file per edition at its content version
# (frontend/pdf/editions.py). Shared by every web process and the task worker.
PDF_EDITIONS_DIR = Path(env_str("PDF_EDITIONS_DIR", str(VAR_DIR / "pdf")))
# The only folders the booklet takes fonts from; empty = the Debian packages
# `make run` installs (frontend/pdf/render.py, DEFAULT_FONT_PATHS).
PDF_FONT_PATHS = env_list("PDF_FONT_PATHS", [])
# The kernel's signal after each commit of a new content version, which the site
# listens to when it runs in the CMS's process (CMS_API_URL empty) to rebuild the
# PDFs it keeps. Named by dotted path, like CMS_PREVIEW_RENDERER the other way
# round, so frontend/ imports nothing of the CMS and still runs without it.
CMS_CONTENT_VERSION_SIGNAL = "cms.api.version.content_version_changed"

# --- Background tasks -----------------------------------------------------------
# Renditions (cms/tasks.py) and Wagtail's own tasks (search index, reference index)
# are queued in the database and run by the worker process, `manage.py db_worker`
# (`make run` starts it; docs/operations.md). TASKS_BACKEND=
# django_tasks.backends.immediate.ImmediateBackend runs them in the process that
# queues them instead (after the commit, still in that request): no worker needed.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# --- Security defaults ----------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # Wagtail's admin JS reads it
X_FRAME_OPTIONS = "SAMEORIGIN"  # Wagtail's preview iframes the page
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # One line per background task (search index, reference index) is noise.
    "loggers": {"django_tasks": {"level": "WARNING"}},
}
