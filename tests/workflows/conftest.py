"""Shared setup for the moderation tests: the site, the roles and one user per role."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group

from cms.workflows.demo_users import ensure_demo_users
from cms.workflows.roles import ROLES
from cms.workflows.setup import ensure_roles_and_workflows

PASSWORD = "test-password"


@dataclass
class Cast:
    """One user per role (keyed by role key), plus second members for hand-offs."""

    by_role: dict
    second: dict

    def __getitem__(self, key):
        return self.by_role[key]


@pytest.fixture
def roles(site_tree):
    ensure_roles_and_workflows()
    return site_tree


@pytest.fixture
def cast(roles, django_user_model) -> Cast:
    demo = ensure_demo_users(PASSWORD)
    users = {role.key: user for role, user in zip(ROLES, demo, strict=True)}
    second = {}
    for role in ROLES:
        user = django_user_model.objects.create_user(
            username=f"second-{role.key}",
            email=f"second-{role.key}@example.org",
            password=PASSWORD,
        )
        user.groups.add(Group.objects.get(name=role.group_name))
        second[role.key] = user
    return Cast(by_role=users, second=second)
