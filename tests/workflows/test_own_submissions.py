"""A reviewer's dashboard leaves out what they wrote, and says why
(cms/workflows/own_submissions.py)."""

from __future__ import annotations

from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from tests.factories import make_case_study
from tests.workflows.actions import fresh
from tests.workflows.pages import edit_data


def _post(client, user, page, **data) -> None:
    client.force_login(user)
    reply = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert reply.status_code == 302


def _dashboard(client, user) -> BeautifulSoup:
    client.force_login(user)
    return BeautifulSoup(
        client.get(reverse("wagtailadmin_home")).content, "html.parser"
    )


def _awaiting(dashboard: BeautifulSoup, page) -> list:
    """The page's rows in Wagtail's "Awaiting your review" panel."""
    panel = dashboard.select_one("#awaiting-review-section")
    assert panel is not None, "Wagtail's panel is missing"
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return [
        row
        for row in panel.select("tbody tr")
        if row.select(f"a[href='{edit}'], [data-workflow-action-url*='/{page.pk}/']")
        or "査読者の事例" in row.get_text()
    ]


def test_what_a_reviewer_wrote_is_listed_apart_with_the_reason(roles, cast, client):
    page = make_case_study(roles.school, slug="own-submission", title="査読者の事例")
    _post(client, cast["reviewer"], page, **edit_data(page, title="査読者が直した題"))
    _post(client, cast["editor"], page, **edit_data(page), **{"action-submit": "1"})
    assert fresh(page).current_workflow_state is not None

    mine = _dashboard(client, cast["reviewer"])
    assert mine.select_one("#awaiting-review-section") is None  # nothing else waits
    listed = mine.select(f"[data-own-submission='{page.pk}']")
    assert len(listed) == 1 and "査読者の事例" in listed[0].get_text()
    # The reason, in the reviewer's admin language (the site's Japanese here).
    reason = mine.select_one("[data-own-submissions-reason]").get_text().strip()
    with translation.override(mine.html["lang"]):
        assert reason == translation.gettext(
            "You wrote a version of these pages since they were last published, "
            "so another reviewer approves them."
        )

    # Control: a reviewer who wrote none of it sees it to review, with actions.
    theirs = _dashboard(client, cast.second["reviewer"])
    assert len(_awaiting(theirs, page)) == 1
    assert theirs.select(f"[data-workflow-action-url*='/workflow/action/{page.pk}/']")
    assert not theirs.select("[data-own-submission]")
