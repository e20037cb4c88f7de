"""Workflow and task names appear in each reader's admin language, screens and emails.

The names are stored as English msgids and translated when read
(cms/workflows/translated_names.py). To test against a real catalogue whatever
state ours is in, the tests rename the editorial step and the case study workflow
to msgids Wagtail's own Japanese catalogue already translates.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Task, Workflow
from wagtail.users.models import UserProfile

from cms.workflows.setup import (
    CASE_STUDY_WORKFLOW,
    EDITORIAL_REVIEW,
    ensure_roles_and_workflows,
)
from tests.factories import make_case_study
from tests.workflows.actions import fresh
from tests.workflows.pages import edit_data

TASK, TASK_JA = "Dashboard", "ダッシュボード"
WORKFLOW, WORKFLOW_JA = "Privacy", "公開設定"


@pytest.fixture
def renamed(roles, cast):
    Task.objects.filter(name=EDITORIAL_REVIEW).update(name=TASK)
    Workflow.objects.filter(name=CASE_STUDY_WORKFLOW).update(name=WORKFLOW)
    return roles


@pytest.fixture
def submitted(renamed, cast, client):
    page = make_case_study(renamed.school, slug="named-case")
    english_reviewer = cast.second["reviewer"]
    profile = UserProfile.get_for_user(english_reviewer)
    profile.preferred_language = "en"
    profile.save()
    mail.outbox.clear()
    client.force_login(cast["editor"])
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {**edit_data(page), "action-submit": "1"},
    )
    assert fresh(page).current_workflow_state is not None
    return page


def _html(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_review_emails_name_the_step_in_each_recipients_language(submitted, cast):
    by_recipient = {message.to[0]: message for message in mail.outbox}
    japanese = by_recipient[cast["reviewer"].email]
    english = by_recipient[cast.second["reviewer"].email]
    assert f"「{TASK_JA}」" in japanese.subject
    assert TASK not in japanese.subject + japanese.body
    assert f'"{TASK}"' in english.subject


@pytest.mark.parametrize(
    "screen", ["dashboard", "page editor", "workflow history", "history detail"]
)
def test_admin_screens_name_workflow_and_step_in_the_readers_language(
    screen, submitted, cast, client
):
    page = submitted
    state = fresh(page).current_workflow_state
    url = {
        "dashboard": reverse("wagtailadmin_home"),
        "page editor": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        "workflow history": reverse(
            "wagtailadmin_pages:workflow_history", args=[page.pk]
        ),
        "history detail": reverse(
            "wagtailadmin_pages:workflow_history_detail", args=[page.pk, state.pk]
        ),
    }[screen]
    japanese = _html(client, cast["reviewer"], url)
    english = _html(client, cast.second["reviewer"], url)
    assert TASK_JA in japanese and TASK not in japanese
    assert TASK in english and TASK_JA not in english
    if screen != "dashboard":  # the dashboard names the step only
        assert WORKFLOW_JA in japanese and WORKFLOW not in japanese
        assert WORKFLOW in english


def test_edit_forms_show_and_keep_the_stored_name(renamed, cast, client):
    """A Japanese site admin saving the task form must not store the translation."""
    task = Task.objects.get(name=TASK).specific
    workflow = Workflow.objects.get(name=WORKFLOW)
    client.force_login(cast["site-admin"])
    for url in (
        reverse("wagtailadmin_workflows:edit", args=[workflow.pk]),
        reverse("wagtailadmin_workflows:edit_task", args=[task.pk]),
    ):
        html = _html(client, cast["site-admin"], url)
        assert 'value="' + (WORKFLOW if "tasks" not in url else TASK) + '"' in html
    response = client.post(
        reverse("wagtailadmin_workflows:edit_task", args=[task.pk]),
        {
            "name": TASK,  # what the form field holds, posted back unchanged
            "groups": [g.pk for g in task.groups.all()],
            "scope": task.scope,
        },
    )
    assert response.status_code == 302
    assert Task.objects.filter(pk=task.pk, name=TASK).exists()
    # Setup finds its tasks by the stored msgid, whatever language is active.
    Task.objects.filter(pk=task.pk).update(name=EDITORIAL_REVIEW)
    before = Task.objects.count()
    ensure_roles_and_workflows()
    assert Task.objects.count() == before


def test_the_lock_banner_names_the_step_in_the_readers_language(
    submitted, cast, client
):
    # Wagtail builds this banner with str.format(), not a template.
    html = _html(
        client, cast["editor"], reverse("wagtailadmin_pages:edit", args=[submitted.pk])
    )
    assert f"<b>'{TASK_JA}'</b>" in html
    assert f"'{TASK}'" not in html
