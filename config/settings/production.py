"""Production: base settings plus hardening. Fails loudly without SECRET_KEY."""

from django.core.exceptions import ImproperlyConfigured

from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES, SECRET_KEY
from config.settings.env import env_bool, env_int

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")

# Keep connections between requests (a new PostgreSQL connection costs a few ms and
# a backend process), checked before reuse so a server restart or an idle timeout
# costs one reconnect, not a 500. DB_CONN_MAX_AGE=0 closes them after each request.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# TASKS (base): the database queue. The worker is its own process beside gunicorn,
# `manage.py db_worker`; without it renditions and search indexing wait in the queue.

DEBUG = False
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
