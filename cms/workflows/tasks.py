"""The review task every casebook workflow is built from.

Wagtail's ``GroupApprovalTask`` does the heavy lifting (queue, locking, emails to
the group); this subclass adds the casebook's rules:

* nobody approves or rejects their own work: the person who submitted the
  workflow, or who wrote any revision of what is under review, gets no review
  actions, even when they are in the reviewing group. "What is under review" is
  every revision since the last published one (all of them for a page never
  published) up to the revision the step reviews: approving passes all of those
  changes, whoever pressed submit, so a reviewer's own edit saved before someone
  else submitted is still their own work;
* "Request changes" needs a comment, so the author knows what to fix — checked by
  the modal form *and* in ``on_action``, because the page editor's own approve /
  reject path posts its extra data without going through the form;
* a task can be scoped to source pages or to translations and is skipped for the
  other kind, so one workflow per page type serves both trees (a column written in
  English first is a source: editorial review; a translated column: translation
  review).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Page, TaskState

from cms.workflows.scope import is_translation


class RejectionCommentRequired(PermissionDenied):
    """A "request changes" without a comment: the author would not know what to fix."""


class SelfReviewRefused(PermissionDenied):
    """A reviewer tried to approve or reject their own submission."""


class RequestChangesForm(forms.Form):
    """The comment box of "Request changes", where the comment is mandatory."""

    comment = forms.CharField(
        label=_("What needs to change"),
        required=True,
        widget=forms.Textarea({"rows": 3}),
        error_messages={
            "required": _("Say what needs to change so the author can fix it.")
        },
    )


class ApproveCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea({"rows": 2})
    )


class ReviewScope(models.TextChoices):
    ALL = "all", _("All pages")
    SOURCES = "sources", _("Source pages only (skipped for translations)")
    TRANSLATIONS = "translations", _("Translations only (skipped for source pages)")


class ReviewTask(AbstractGroupApprovalTask):
    """Group approval with no self-review, mandatory rejection comments and a scope."""

    scope = models.CharField(
        _("applies to"),
        max_length=20,
        choices=ReviewScope.choices,
        default=ReviewScope.ALL,
        help_text=_("Which pages this step reviews; the others skip it."),
    )

    admin_form_fields = [*AbstractGroupApprovalTask.admin_form_fields, "scope"]

    class Meta:
        verbose_name = _("casebook review task")
        verbose_name_plural = _("casebook review tasks")

    # --- scope ------------------------------------------------------------------

    def applies_to(self, obj) -> bool:
        if self.scope == ReviewScope.ALL or not isinstance(obj, Page):
            return True
        translated = is_translation(obj)
        return translated if self.scope == ReviewScope.TRANSLATIONS else not translated

    def start(self, workflow_state, user=None):
        obj = workflow_state.content_object
        if self.applies_to(obj):
            return super().start(workflow_state, user=user)
        # Recorded as skipped (no email, no queue entry) so the history shows why.
        return TaskState.objects.create(
            workflow_state=workflow_state,
            revision=obj.get_latest_revision(),
            task=self,
            status=TaskState.STATUS_SKIPPED,
            finished_at=timezone.now(),
            finished_by=user,
        )

    # --- who may act --------------------------------------------------------------

    @staticmethod
    def is_own_submission(obj, user) -> bool:
        """Did ``user`` submit the current review of ``obj``, or write any of it?"""
        workflow_state = obj.current_workflow_state
        if workflow_state is None:
            return False
        if workflow_state.requested_by_id == user.pk:
            return True
        task_state = workflow_state.current_task_state
        if task_state is None:
            return False
        if task_state.revision.user_id == user.pk:
            return True
        return _authored_unpublished_revision(obj, user, task_state.revision)

    def get_actions(self, obj, user):
        if self.is_own_submission(obj, user):
            return []
        return [
            (name, label, True if name == "reject" else modal)
            for name, label, modal in super().get_actions(obj, user)
        ]

    def get_form_for_action(self, action):
        return RequestChangesForm if action == "reject" else ApproveCommentForm

    def on_action(self, task_state, user, action_name, **kwargs):
        obj = task_state.workflow_state.content_object
        if isinstance(obj, Page):
            obj = obj.specific
        if action_name in ("approve", "reject"):
            allowed = {action[0] for action in self.get_actions(obj, user)}
            if action_name not in allowed:
                _refuse(SelfReviewRefused(_("You cannot review this submission.")))
        if action_name == "reject" and not (kwargs.get("comment") or "").strip():
            _refuse(RejectionCommentRequired(_("Requesting changes needs a comment.")))
        return super().on_action(task_state, user, action_name, **kwargs)


def _authored_unpublished_revision(obj, user, reviewed) -> bool:
    """Did ``user`` write a revision after the live one, up to ``reviewed``?"""
    revisions = obj.revisions.filter(pk__lte=reviewed.pk)
    live_revision_id = getattr(obj, "live_revision_id", None)
    if live_revision_id is not None:
        revisions = revisions.filter(pk__gt=live_revision_id)
    return revisions.filter(user_id=user.pk).exists()


def _refuse(error: PermissionDenied) -> None:
    """Raise ``error`` and roll back whatever the same request already wrote.

    The page editor saves the edited revision *before* performing the workflow
    action, and Wagtail's admin turns PermissionDenied into a redirect, so the
    request would otherwise commit the edit of a refused approve or reject.
    """
    if transaction.get_connection().in_atomic_block:
        transaction.set_rollback(True)
    raise error
