"""After approving or requesting changes from the dashboard, a message confirms it.

The dashboard's buttons post to Wagtail's workflow action view from the action
modal (ajax); the modal then reloads the dashboard (cms/workflows/wagtail_gap_7132.py).
"""

from __future__ import annotations

import json

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from tests.factories import make_case_study
from tests.workflows.actions import fresh, workflow_action_url
from tests.workflows.pages import edit_data

AJAX = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


@pytest.fixture
def submitted(roles, cast, client):
    page = make_case_study(roles.school, slug="confirm-case")
    client.force_login(cast["editor"])
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {**edit_data(page), "action-submit": "1"},
    )
    client.get(reverse("wagtailadmin_home"))  # shows (and uses up) "submitted"
    return fresh(page)


def _act_from_dashboard(client, user, page, action, comment=""):
    client.force_login(user)
    task_state = page.current_workflow_task_state
    url = workflow_action_url(page, action, task_state)
    # The modal first fetches the form, then posts it.
    assert client.get(url, **AJAX).status_code == 200
    response = client.post(url, {"comment": comment}, **AJAX)
    assert json.loads(response.content)["step"] == "success"
    dashboard = client.get(reverse("wagtailadmin_home"))
    return [str(m) for m in get_messages(dashboard.wsgi_request)], dashboard


@pytest.mark.parametrize(
    ("action", "comment", "expected"),
    [
        ("approve", "", "Approved “{}”."),
        ("reject", "写真の代替テキストを直してください", "Requested changes to “{}”."),
    ],
)
def test_dashboard_review_is_confirmed(
    action, comment, expected, submitted, cast, client
):
    page = submitted
    shown, dashboard = _act_from_dashboard(
        client, cast["reviewer"], page, action, comment
    )
    with translation.override("ja"):
        wanted = translation.gettext(expected.replace("{}", "%(title)s")) % {
            "title": page.title
        }
    assert shown == [wanted]
    assert wanted in dashboard.content.decode()


def test_a_refused_action_is_not_confirmed(submitted, cast, client):
    """The submitter's own approve is refused: nothing to confirm."""
    client.force_login(cast["editor"])
    task_state = submitted.current_workflow_task_state
    client.post(
        workflow_action_url(submitted, "approve", task_state),
        {"comment": ""},
        **AJAX,
    )
    dashboard = client.get(reverse("wagtailadmin_home"))
    shown = [str(m) for m in get_messages(dashboard.wsgi_request)]
    assert not any(submitted.title in m and "承認" in m for m in shown)
    assert fresh(submitted).current_workflow_task_state.status == "in_progress"
