"""Faults found in the admin: self-approval of earlier edits, Wagtail's default
groups, outside avatar requests, and email links on another host and port."""

from __future__ import annotations

import re

from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, Site, TaskState

from cms.workflows.setup import ensure_roles_and_workflows
from tests.factories import make_case_study
from tests.workflows.actions import fresh, workflow_action_url
from tests.workflows.pages import edit_data


def _submit(client, user, page, **changes) -> None:
    client.force_login(user)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {**edit_data(page, **changes), "action-submit": "1"},
    )


def _save_draft(client, user, page, **changes) -> None:
    client.force_login(user)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), edit_data(page, **changes)
    )


# --- (5) a reviewer's own earlier edit ----------------------------------------------


def _reviewer_edits_then_editor_submits(client, cast, page, **editor_changes):
    reviewer = cast["reviewer"]
    _save_draft(client, reviewer, page, title="査読者が書き直した題")
    assert fresh(page).get_latest_revision().user_id == reviewer.pk
    _submit(client, cast["editor"], page, **editor_changes)
    state = fresh(page).current_workflow_state
    assert state.requested_by_id == cast["editor"].pk
    return state.current_task_state


def _approve(client, user, page, task_state) -> str:
    client.force_login(user)
    client.post(
        workflow_action_url(page, "approve", task_state),
        {"comment": "OK"},
    )
    return TaskState.objects.get(pk=task_state.pk).status


def test_reviewer_cannot_approve_their_edit_submitted_by_someone_else(
    roles, cast, client
):
    page = make_case_study(roles.school, slug="self-approve-unchanged")
    # The editor submits without changing anything.
    task_state = _reviewer_edits_then_editor_submits(client, cast, page)
    task = task_state.task.specific
    assert task.get_actions(fresh(page), cast["reviewer"]) == []
    assert _approve(client, cast["reviewer"], page, task_state) == "in_progress"
    # Someone who wrote none of it can.
    assert _approve(client, cast.second["reviewer"], page, task_state) == "approved"


def test_reviewer_cannot_approve_when_the_editor_edited_on_top(roles, cast, client):
    page = make_case_study(roles.school, slug="self-approve-edited")
    task_state = _reviewer_edits_then_editor_submits(
        client, cast, page, title="編集者がさらに直した題"
    )
    assert task_state.revision.user_id == cast["editor"].pk
    assert task_state.task.specific.get_actions(fresh(page), cast["reviewer"]) == []
    assert _approve(client, cast["reviewer"], page, task_state) == "in_progress"


def test_edits_before_the_last_publication_do_not_count(roles, cast, client):
    """The reviewer's edit went live earlier; the new submission is not theirs."""
    page = make_case_study(roles.school, slug="self-approve-old-edit")
    fresh(page).save_revision(user=cast["reviewer"]).publish()
    _submit(client, cast["editor"], page, title="新しい版")
    task_state = fresh(page).current_workflow_state.current_task_state
    actions = task_state.task.specific.get_actions(fresh(page), cast["reviewer"])
    assert "approve" in {name for name, _label, _modal in actions}


# --- (6) Wagtail's default groups -----------------------------------------------------


def test_wagtail_moderators_group_loses_its_root_grants(roles, cast):
    moderators = Group.objects.get_or_create(name="Moderators")[0]
    root = Page.get_first_root_node()
    GroupPagePermission.objects.get_or_create(
        group=moderators, page=root, permission_id=_publish_permission_id()
    )
    cast["editor"].groups.add(moderators)  # a member: the group is kept, emptied
    ensure_roles_and_workflows()
    assert not GroupPagePermission.objects.filter(group=moderators).exists()
    assert not moderators.permissions.exists()
    assert not cast["editor"].has_perm("wagtailadmin.access_admin") or (
        cast["editor"].groups.filter(name="Editors").exists()
    )
    # Nobody but Site admins publishes on the root page.
    assert set(
        GroupPagePermission.objects.filter(
            page=root, permission__codename="publish_page"
        ).values_list("group__name", flat=True)
    ) == {"Site admins"}


def test_an_unused_moderators_group_is_deleted(roles):
    Group.objects.get_or_create(name="Moderators")
    ensure_roles_and_workflows()
    assert not Group.objects.filter(name="Moderators").exists()


def _publish_permission_id() -> int:
    from django.contrib.auth.models import Permission

    return Permission.objects.get(
        content_type__app_label="wagtailcore", codename="publish_page"
    ).pk


# --- (4) no outside requests ----------------------------------------------------------


def test_admin_pages_load_no_gravatar(roles, cast, client):
    client.force_login(cast["site-admin"])
    for url in (reverse("wagtailadmin_home"), reverse("wagtailusers_users:index")):
        html = client.get(url).content.decode()
        assert "avatar" in html  # the avatar is drawn, from initials/default
        assert "gravatar" not in html


# --- (2) email links follow the base URL ----------------------------------------------


BASE_URL = "http://192.0.2.7:8765"


@override_settings(WAGTAILADMIN_BASE_URL=BASE_URL)
def test_demo_site_and_review_emails_follow_the_base_url(db, client):
    call_command("load_demo_content", verbosity=0)
    call_command("load_demo_content", verbosity=0)  # idempotent on a second run
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("192.0.2.7", 8765)
    assert Page.objects.get(pk=site.root_page_id).full_url.startswith(BASE_URL)
    from cms.workflows.demo_users import ensure_demo_users

    ensure_roles_and_workflows()
    editor, *_ = ensure_demo_users("pw")
    page = (
        Page.objects.type(_case_study_type())
        .filter(locale__language_code="ja")
        .first()
        .specific
    )
    mail.outbox.clear()
    # (Demo bodies hold images, which the test form builder does not post.)
    page.get_workflow().start(page, editor)
    reviewer_mail = next(m for m in mail.outbox if m.to != [editor.email])
    body = reviewer_mail.body + "".join(
        content for content, _type in getattr(reviewer_mail, "alternatives", [])
    )
    assert f"{BASE_URL}/admin/" in body
    assert "127.0.0.1:8000" not in body
    assert not re.search(r"http://localhost[/:]", body)
    # Approve: the submitter's email links to the live page on the same host.
    mail.outbox.clear()
    reviewer = Group.objects.get(name="Reviewers").user_set.first()
    task_state = fresh(page).current_workflow_state.current_task_state
    _approve(client, reviewer, page, task_state)
    to_editor = [m for m in mail.outbox if m.to == [editor.email]]
    assert to_editor and f"{BASE_URL}/admin/pages/{page.pk}/" in to_editor[0].body


def _case_study_type():
    from casestudies.models import CaseStudyPage

    return CaseStudyPage
