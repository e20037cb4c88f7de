"""A confirmation after approving or requesting changes outside the page editor.

Upstream: https://github.com/wagtail/wagtail/issues/7132 ("Workflow approval UI on
dashboard is confusing", open). Wagtail's workflow action view
(``wagtail.admin.views.generic.workflow.WorkflowAction``, used by the dashboard's
"Awaiting your review" buttons through the action modal) performs the action and
answers the modal's ajax POST with ``{"step": "success", "redirect": …}``; the
page is then reloaded, but the view never adds a message, so the reviewer sees the
page vanish from the list with no word of what happened. (The page editor's own
approve path adds its messages itself and does not use this view.)

``install()`` wraps the view's ``post`` to add a Django message once the task
state is finished by the acting user; the message is shown on the page the modal
reloads. Delete this module (and its import in ``cms/wagtail_hooks.py``) when
Wagtail confirms workflow actions itself.
"""

from __future__ import annotations

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail.admin.views.generic.workflow import WorkflowAction
from wagtail.models import TaskState

CONFIRMATIONS = {
    TaskState.STATUS_APPROVED: lambda title: (
        _("Approved “%(title)s”.") % {"title": title}
    ),
    TaskState.STATUS_REJECTED: lambda title: (
        _("Requested changes to “%(title)s”.") % {"title": title}
    ),
}


def _confirming(post):
    def post_with_confirmation(self, request, *args, **kwargs):
        response = post(self, request, *args, **kwargs)
        task_state = TaskState.objects.filter(
            pk=self.task_state.pk, finished_by=request.user
        ).first()
        confirm = task_state and CONFIRMATIONS.get(task_state.status)
        if confirm:
            messages.success(request, confirm(str(self.object)))
        return response

    post_with_confirmation.casebook_confirms = True
    return post_with_confirmation


def install() -> None:
    if not getattr(WorkflowAction.post, "casebook_confirms", False):
        WorkflowAction.post = _confirming(WorkflowAction.post)


install()
