"""Every route to publishing an editor or translator might take is refused.

Admin publish button, bulk actions, the workflow (approving one's own work, the
editor's approve path, rejecting without a comment) and the HTTP API.
"""

from __future__ import annotations

import json
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.models import PageLogEntry, Revision, TaskState, WorkflowState

from cms.translation import translate_page
from cms.workflows.tasks import (
    RejectionCommentRequired,
    ReviewTask,
    SelfReviewRefused,
)
from tests.factories import locale, make_case_study
from tests.workflows.actions import (
    Subject,
    fresh,
    run_on_commit,
    start_review,
    submit,
)
from tests.workflows.pages import edit_data


@pytest.fixture
def pages(roles, cast):
    case = make_case_study(roles.school, slug="refusal-case")
    english = translate_page(
        case, locale("en"), values={"title": "Refusal case"}, publish=True
    )
    return case, english


def state_of(*pages) -> list:
    return [
        (
            fresh(page).live,
            fresh(page).live_revision_id,
            Revision.page_revisions.filter(approved_go_live_at__isnull=False).count(),
            PageLogEntry.objects.filter(
                page_id=page.pk, action__startswith="wagtail.publish"
            ).count(),
        )
        for page in pages
    ]


@pytest.mark.parametrize("role", ["editor", "translator"])
def test_publish_button_and_bulk_publish_are_refused(role, pages, cast, client):
    case, english = pages
    before = state_of(case, english)
    client.force_login(cast[role])
    with run_on_commit():
        client.post(
            reverse("wagtailadmin_pages:edit", args=[case.pk]),
            {**edit_data(case, title="x"), "action-publish": "1"},
        )
        client.post(
            reverse("wagtailadmin_pages:edit", args=[english.pk]),
            {"action": "publish"},
        )
        for page in (case, english):
            client.post(
                reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
                + f"?id={page.pk}",
                {"include_descendants": "on"},
            )
            client.post(
                reverse(
                    "wagtail_bulk_action", args=["wagtailcore", "page", "unpublish"]
                )
                + f"?id={page.pk}",
                {"include_descendants": "on"},
            )
    assert state_of(case, english) == before


def submitted_by(client, user, page) -> WorkflowState:
    """``user`` submits ``page`` for review through the page editor."""
    client.force_login(user)
    assert submit(client, user, Subject("case study", page, user, {}))
    return fresh(page).current_workflow_state


def approve_url(page, task_state) -> str:
    return reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
    )


def test_nobody_approves_their_own_submission(pages, cast, client):
    """A reviewer, in the step's review group, submits and cannot approve."""
    case, _english = pages
    reviewer, other_reviewer = cast["reviewer"], cast.second["reviewer"]
    state = submitted_by(client, reviewer, case)
    task_state = state.current_task_state
    task = task_state.task.specific
    # Only the no-self-review rule stands between this reviewer and "approve".
    assert task.groups.filter(user=reviewer).exists()
    assert task.get_actions(fresh(case), reviewer) == []
    client.post(approve_url(case, task_state), {"comment": "Looks good to me"})
    assert TaskState.objects.get(pk=task_state.pk).status == "in_progress"
    # Another reviewer can: the refusal is about whose submission it is.
    client.force_login(other_reviewer)
    client.post(approve_url(case, task_state), {"comment": "Approved"})
    assert TaskState.objects.get(pk=task_state.pk).status == "approved"


def test_the_author_of_the_reviewed_revision_cannot_approve_it(pages, cast):
    """Someone else submitted, but the reviewer wrote the revision under review."""
    case, _english = pages
    reviewer = cast["reviewer"]
    case = fresh(case)
    case.save_revision(user=reviewer)
    state = case.get_workflow().start(case, cast["editor"])
    task = state.current_task_state.task.specific
    assert task.get_actions(fresh(case), reviewer) == []
    with pytest.raises(SelfReviewRefused):
        task.on_action(state.current_task_state, reviewer, "approve")


def test_approving_through_the_editor_is_refused_to_the_submitter(pages, cast, client):
    """The page editor's own approve path, tried by a reviewer on their submission."""
    case, _english = pages
    reviewer = cast["reviewer"]
    task_state = submitted_by(client, reviewer, case).current_task_state
    assert task_state.task.specific.groups.filter(user=reviewer).exists()
    client.post(
        reverse("wagtailadmin_pages:edit", args=[case.pk]),
        {
            **edit_data(case, title="self-approved"),
            "action-workflow-action": "1",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps({"comment": ""}),
        },
    )
    page = fresh(case)
    # Still the same step, unapproved (an approval would move on to sign-off).
    assert page.current_workflow_state.current_task_state.pk == task_state.pk
    assert TaskState.objects.get(pk=task_state.pk).status == "in_progress"
    assert page.live_revision.as_object().title != "self-approved"
    # (Wagtail keeps the posted edit as a plain draft: a reviewer may edit.)


def test_rejecting_through_the_editor_needs_a_comment(pages, cast, client):
    case, _english = pages
    subject_state = start_review(_subject(case, cast))
    client.force_login(cast["reviewer"])
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[case.pk]),
        {
            **edit_data(case, title="changed while rejecting"),
            "action-workflow-action": "1",
            "workflow-action-name": "reject",
            "workflow-action-extra-data": json.dumps({"comment": "  "}),
        },
    )
    assert response.status_code in (302, 403)
    subject_state.refresh_from_db()
    assert subject_state.current_task_state.status == "in_progress"
    # All-or-nothing: the edit posted with the refused rejection is not kept.
    assert fresh(case).get_latest_revision().as_object().title != (
        "changed while rejecting"
    )


def test_rejection_comment_is_required_by_the_task_itself(pages, cast):
    case, _english = pages
    state = start_review(_subject(case, cast))
    task = ReviewTask.objects.get(pk=state.current_task_state.task_id)
    with pytest.raises(RejectionCommentRequired):
        task.on_action(state.current_task_state, cast["reviewer"], "reject")


def _subject(case, cast) -> Subject:
    return Subject("case study", case, cast.second["editor"], {})


# --- the HTTP API -------------------------------------------------------------------


def _api_paths(page_id: int) -> list[str]:
    """Every URL the project routes under /api/, with ids filled in."""
    paths: list[str] = []

    def walk(patterns, prefix: str) -> None:
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, route)
            elif isinstance(entry, URLPattern):
                paths.append(route)

    walk(get_resolver().url_patterns, "/")
    api = [p for p in paths if p.startswith("/api/")]
    filled = []
    for path in api:
        path = re.sub(r"<int:[^>]+>", str(page_id), path)
        path = re.sub(r"<[^>]+>", "x", path)
        path = re.sub(r"[\^$]|\\Z|\(\?P<[^>]+>[^)]*\)", "", path)
        filled.append(path)
    return filled


@pytest.mark.parametrize("role", ["editor", "translator", None])
def test_no_api_route_can_write(role, pages, cast, client):
    case, english = pages
    if role:
        client.force_login(cast[role])
    paths = _api_paths(case.pk)
    assert paths, "the API is routed under /api/"
    before = state_of(case, english), Revision.objects.count()
    for path in paths:
        for method in ("post", "put", "patch", "delete"):
            response = getattr(client, method)(
                path, data="{}", content_type="application/json"
            )
            assert response.status_code >= 400, (method, path)
    assert (state_of(case, english), Revision.objects.count()) == before
