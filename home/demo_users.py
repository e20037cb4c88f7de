"""Demo accounts for local use only: created by `load_demo_content`, never in tests
of production settings. Each role from the workflows module gets one user."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.users.models import UserProfile

from cms.workflows.demo_users import DEMO_PASSWORD

__all__ = ["DEMO_ADMIN", "DEMO_PASSWORD", "ensure_demo_admin", "set_admin_language"]

DEMO_ADMIN = "demo-admin"


@transaction.atomic
def ensure_demo_admin():
    """A superuser for the demo site; keeps its password if it already exists."""
    user, created = get_user_model().objects.get_or_create(
        username=DEMO_ADMIN,
        defaults={"email": "demo-admin@example.org", "is_staff": True},
    )
    if created:
        user.is_superuser = True
        user.set_password(DEMO_PASSWORD)
        user.save()
    set_admin_language(user, "ja")
    return user


def set_admin_language(user, language: str) -> None:
    """Fix the user's admin language (left empty, it follows the browser's).

    The demo is meant to open in Japanese, as comms staff use it, whatever
    language the newcomer's browser asks for; an existing choice is kept.
    """
    profile = UserProfile.get_for_user(user)
    if not profile.preferred_language:
        profile.preferred_language = language
        profile.save(update_fields=["preferred_language"])
