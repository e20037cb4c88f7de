"""Review emails, on top of the ones Wagtail already sends.

Wagtail emails (each in the recipient's admin language, via
``UserProfile.get_preferred_language``):

* on submit — the reviewing group of each step as it starts;
* on final approval and on "request changes" (with the comment) — the submitter.

Wagtail's own Japanese catalogue lacks these emails; their Japanese is in
``cms/workflows/mail_locale`` (in ``LOCALE_PATHS``, compiled .mo committed).

This module adds what the casebook's two-step review needs:

* the submitter hears when an intermediate step (editorial review) is approved,
  not only at the very end;
* the submitter and each step's reviewers are subscribed to the page's comment
  notifications, so a comment left during review reaches the other side
  (Wagtail's own "updated comments" email); a reviewer who unsubscribed from a
  page stays unsubscribed.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from wagtail.admin.mail import BaseGroupApprovalTaskStateEmailNotifier
from wagtail.models import Page, PageSubscription, TaskState, WorkflowState
from wagtail.signals import task_approved, task_submitted, workflow_submitted


class StepApprovedEmailNotifier(BaseGroupApprovalTaskStateEmailNotifier):
    """Tell the submitter a review step was approved while more steps remain."""

    notification = "approved"  # Wagtail's task_state_approved templates

    def can_handle(self, instance, **kwargs):
        if not super().can_handle(instance, **kwargs):
            return False
        # The final step's approval is Wagtail's workflow email; skip it here.
        return instance.workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    def get_recipient_users(self, task_state, **kwargs):
        requested_by = task_state.workflow_state.requested_by
        triggering_user = kwargs.get("user")
        if requested_by is None or requested_by == triggering_user:
            return set()
        return {requested_by}


step_approved_email_notifier = StepApprovedEmailNotifier()


def subscribe_to_comments(page: Page, users) -> None:
    for user in users:
        if user is not None and user.is_active:
            PageSubscription.objects.get_or_create(
                page=page, user=user, defaults={"comment_notifications": True}
            )


def _page_of(workflow_state: WorkflowState) -> Page | None:
    obj = workflow_state.content_object
    return obj if isinstance(obj, Page) else None


def subscribe_submitter(sender, instance: WorkflowState, user=None, **kwargs) -> None:
    """Submitting turns the submitter's comment emails on: the review is for them.

    (The editor's toggle defaults to off and is saved just before submission,
    so "off" here usually means "never chosen"; they can switch it off again.)
    """
    page = _page_of(instance)
    if page is not None and instance.requested_by is not None:
        PageSubscription.objects.update_or_create(
            page=page,
            user=instance.requested_by,
            defaults={"comment_notifications": True},
        )


def subscribe_reviewers(sender, instance: TaskState, user=None, **kwargs) -> None:
    page = _page_of(instance.workflow_state)
    groups = getattr(instance.task.specific, "groups", None)
    if page is None or groups is None:
        return
    reviewers = get_user_model().objects.filter(groups__in=groups.all()).distinct()
    subscribe_to_comments(page, reviewers)


def connect() -> None:
    """Connect the handlers; called once from ``CmsConfig.ready``."""
    task_approved.connect(
        step_approved_email_notifier,
        sender=TaskState,
        dispatch_uid="casebook_step_approved_email",
    )
    workflow_submitted.connect(
        subscribe_submitter,
        sender=WorkflowState,
        dispatch_uid="casebook_subscribe_submitter_to_comments",
    )
    task_submitted.connect(
        subscribe_reviewers,
        sender=TaskState,
        dispatch_uid="casebook_subscribe_reviewers_to_comments",
    )
