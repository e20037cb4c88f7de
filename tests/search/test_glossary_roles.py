"""Who may edit the glossary: site admins and publishers, granted by the search
app itself (the kernel's roles name no app)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from cms.workflows.setup import ensure_roles_and_workflows

pytestmark = pytest.mark.django_db

LISTING = "wagtailsnippets_casebook_search_glossaryentry:list"


def _member_of(group_name: str):
    user = get_user_model().objects.create_user(group_name.replace(" ", ""), "x")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.mark.parametrize(
    ("group_name", "allowed"),
    [("Site admins", True), ("Publishers", True), ("Editors", False)],
)
def test_the_glossary_is_editable_by_its_roles_only(client, group_name, allowed):
    ensure_roles_and_workflows()
    user = _member_of(group_name)
    assert user.has_perm("casebook_search.change_glossaryentry") is allowed
    client.force_login(user)
    response = client.get(reverse(LISTING))
    assert (response.status_code == 200) is allowed, response.status_code
