"""One demo login per role, for the local demo site (``setup_roles --demo-users``).

Never run by migrations or in production settings: the password is public.
Existing demo users keep their password; their groups and admin language are
reset to the role's, so the demo always matches the table in the README.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.users.models import UserProfile

from cms.workflows.roles import ROLES

DEMO_PASSWORD = "casebook-demo"  # a documented local demo login, never production


@transaction.atomic
def ensure_demo_users(password: str) -> list:
    """Create or update ``demo-<role>`` users, one per role; returns them."""
    if not password:
        raise ValueError("a demo password is required")
    User = get_user_model()
    users = []
    for role in ROLES:
        user, created = User.objects.get_or_create(
            username=role.demo_username,
            defaults={"email": f"{role.demo_username}@example.org", "is_staff": False},
        )
        if created:
            user.set_password(password)
            user.save()
        user.groups.set([Group.objects.get(name=role.group_name)])
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = role.demo_language
        profile.save()
        users.append(user)
    return users
