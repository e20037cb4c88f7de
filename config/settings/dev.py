"""Local development: `make run`. Debug on, a fixed development secret."""

from config.settings.base import *  # noqa: F403
from config.settings.base import SECRET_KEY
from config.settings.env import env_bool

DEBUG = env_bool("DEBUG", True)
# A development-only key; production refuses to start without SECRET_KEY.
SECRET_KEY = SECRET_KEY or "dev-insecure-key-do-not-use-in-production"
