"""The dashboard tells a reviewer why a page they wrote is not theirs to review.

Nobody reviews a revision they wrote since the live one (``ReviewTask`` in
``cms.workflows.tasks``). Wagtail's "Awaiting your review" panel lists every task
state of the reviewer's groups, so such a page sat there with no actions and no
word of why. This module replaces that panel with one that leaves those pages
out, and adds a short list of them with the reason and a preview link.
"""

from __future__ import annotations

from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel

from cms.workflows.tasks import ReviewTask


def _own(state: dict, user) -> bool:
    task = state["task_state"].task.specific
    return (
        not state["actions"]
        and isinstance(task, ReviewTask)
        and task.is_own_submission(state["obj"], user)
    )


class ReviewablePanel(WorkflowObjectsToModeratePanel):
    """Wagtail's panel without the pages the reviewer may not review, then
    those pages with the reason (one query, as Wagtail's panel alone)."""

    template_name = "cms/workflows/reviewable_panel.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        reviewable, own = [], []
        for state in context["states"]:
            (own if _own(state, user) else reviewable).append(state)
        context["states"], context["own_states"] = reviewable, own
        return context


def replace_review_panel(request, panels: list[Component]) -> None:
    """``construct_homepage_panels`` hook."""
    for index, panel in enumerate(panels):
        if type(panel) is WorkflowObjectsToModeratePanel:
            panels[index] = ReviewablePanel()
            return
