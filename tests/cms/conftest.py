"""Fixtures of the kernel's tests."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from cms.workflows.demo_users import ensure_demo_users
from cms.workflows.setup import ensure_roles_and_workflows


@pytest.fixture
def editor_client(site_tree, client):
    ensure_roles_and_workflows()
    ensure_demo_users("test-password")
    client.force_login(get_user_model().objects.get(username="demo-editor"))
    return client
