"""Roles and workflows as code: idempotent, attach late, page-tree permissions only."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage
from wagtail.users.models import UserProfile

from cms.workflows.roles import ROLES
from cms.workflows.setup import (
    CASE_STUDY_WORKFLOW,
    PAGE_WORKFLOW,
    ensure_roles_and_workflows,
)
from home.demo_users import DEMO_PASSWORD
from tests.factories import locale, make_case_study, make_column


def _snapshot():
    return (
        sorted(Group.objects.values_list("name", flat=True)),
        sorted(
            GroupPagePermission.objects.values_list(
                "group__name", "page_id", "permission__codename"
            )
        ),
        sorted(WorkflowPage.objects.values_list("page_id", "workflow__name")),
        sorted(Workflow.objects.values_list("name", "workflow_tasks__task__name")),
    )


def test_rerunning_changes_nothing(roles):
    first = _snapshot()
    report = ensure_roles_and_workflows()
    assert _snapshot() == first
    assert report.attached_pages == 0
    assert report.missing_places == []


def test_on_an_empty_site_groups_and_workflows_exist_and_attach_later(db):
    report = ensure_roles_and_workflows()
    assert {role.group_name for role in ROLES} <= set(
        Group.objects.values_list("name", flat=True)
    )
    assert Workflow.objects.filter(name=CASE_STUDY_WORKFLOW).exists()
    assert report.attached_pages == 0
    assert "home pages" in report.missing_places


def test_late_run_attaches_to_the_site(roles):
    # ``roles`` ran setup after the site existed: every place is covered.
    sections = roles.school, roles.community
    for section in sections:
        assert section.get_workflow().name == CASE_STUDY_WORKFLOW
        assert section.get_translation(locale("en")).get_workflow().name == (
            CASE_STUDY_WORKFLOW
        )
    assert roles.columns.get_workflow().name == PAGE_WORKFLOW
    assert roles.home.get_translation(locale("en")).get_workflow().name == (
        PAGE_WORKFLOW
    )


def test_stale_grants_are_removed(roles):
    editors = Group.objects.get(name="Editors")
    stray = GroupPagePermission.objects.create(
        group=editors,
        page=roles.home,
        permission=GroupPagePermission.objects.filter(
            permission__codename="publish_page"
        )
        .first()
        .permission,
    )
    ensure_roles_and_workflows()
    assert not GroupPagePermission.objects.filter(pk=stray.pk).exists()


def test_no_role_is_a_superuser_or_staff(cast):
    for user in cast.by_role.values():
        assert not user.is_superuser
        assert not user.is_staff


def test_review_paths_per_kind_of_page(roles):
    case = make_case_study(roles.school)
    column = make_column(roles.columns)
    assert case.get_workflow().name == CASE_STUDY_WORKFLOW
    assert column.get_workflow().name == PAGE_WORKFLOW


def test_setup_roles_command_with_demo_users(roles):
    out = io.StringIO()
    call_command("setup_roles", "--demo-users", stdout=out)
    call_command("setup_roles", "--demo-users", stdout=out)  # idempotent
    for role in ROLES:
        user = Group.objects.get(name=role.group_name).user_set.get(
            username=role.demo_username
        )
        assert user.check_password(DEMO_PASSWORD)
        language = UserProfile.get_for_user(user).preferred_language
        assert language == ("en" if role.key == "translator" else "ja")
    assert "Demo users: demo-editor" in out.getvalue()


def test_demo_banner_lists_each_role(roles):
    call_command("setup_roles", "--demo-users", stdout=io.StringIO())
    out = io.StringIO()
    call_command("demo_banner", stdout=out)
    for role in ROLES:
        assert role.demo_username in out.getvalue()
        assert role.group_name in out.getvalue()


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role.key)
def test_every_role_can_reach_the_admin(role, cast, client):
    client.force_login(cast[role.key])
    assert client.get("/admin/").status_code == 200
