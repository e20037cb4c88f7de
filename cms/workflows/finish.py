"""What happens when a workflow's last step is approved: publish, as the reviewer.

Wagtail's default finish action publishes the latest revision *checking the
approving user's publish permission*. In the casebook the reviewers of columns
and translations are not publishers: their approval is the authorisation, so
the publish skips the permission check (the page's publishing rules still
apply, in ``BasePage.publish``). The audit log records the approver as the
publisher. Set as ``WAGTAIL_FINISH_WORKFLOW_ACTION``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported while wagtail.models loads: no runtime import
    from wagtail.models import WorkflowState


def publish_approved_revision(workflow_state: WorkflowState, user=None) -> None:
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
