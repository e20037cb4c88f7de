"""Settings of the server the browser tests drive: development settings (DEBUG, so
the admin's static files and images are served by Django itself, no collectstatic),
with mail written to files another process can read and tasks run in the request.
"""

import os

from config.settings.dev import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["BROWSER_TEST_MAIL_DIR"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
