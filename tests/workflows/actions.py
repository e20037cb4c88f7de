"""Each editorial action, performed through the admin views as a person would.

Every function posts to the real admin URL and then reports whether the action
*took effect* in the database (not just the status code), so a view that
answers 200 but quietly does something else still counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.test import TestCase
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Revision, TaskState, WorkflowState
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
)

from cms.workflows.wagtail_localize_676 import submit_url
from tests.factories import locale
from tests.workflows.pages import edit_data

ACTIONS = (
    "edit",
    "submit",
    "approve",
    "reject",
    "publish",
    "unpublish",
    "schedule",
    "translate",
    "delete",
)


@dataclass
class Subject:
    """The content an action is tried on, and who hands it over for review."""

    kind: str  # "case study" | "column" | "translation"
    page: Page
    submitter: object  # submits for review before approve/reject is tried
    reviewers: dict  # group name -> a user who can move that step on

    @property
    def is_translation(self) -> bool:
        return self.kind == "translation"


def run_on_commit():
    """Run on-commit callbacks (wagtail-localize publishes in one) as a commit would."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def fresh(page: Page) -> Page:
    return Page.objects.get(pk=page.pk).specific


def translation_of(page: Page) -> Translation:
    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale_id=page.locale_id
    )


def title_segment(translation: Translation) -> StringSegment:
    return StringSegment.objects.get(source=translation.source, context__path="title")


# --- editing and submitting -------------------------------------------------------


def edit(client, user, subject: Subject) -> bool:
    page = subject.page
    if subject.is_translation:
        translation = translation_of(page)
        segment = title_segment(translation)
        client.put(
            reverse(
                "wagtail_localize:edit_string_translation",
                args=[translation.pk, segment.pk],
            ),
            # FormData, as the translation editor's JavaScript sends it.
            data=encode_multipart(BOUNDARY, {"value": f"Edited by {user.username}"}),
            content_type=MULTIPART_CONTENT,
        )
        return StringTranslation.objects.filter(
            translation_of_id=segment.string_id,
            locale_id=translation.target_locale_id,
            last_translated_by=user,
        ).exists()
    title = f"Edited by {user.username}"
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        edit_data(page, title=title),
    )
    revision = fresh(page).get_latest_revision()
    return revision.user_id == user.pk and revision.content["title"] == title


def submit(client, user, subject: Subject) -> bool:
    page = subject.page
    if subject.is_translation:
        client.post(submit_url(translation_of(page)))
    else:
        client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            {**edit_data(page), "action-submit": "Submit"},
        )
    state = fresh(page).current_workflow_state
    return bool(state and state.requested_by_id == user.pk)


# --- reviewing ----------------------------------------------------------------------


def start_review(subject: Subject) -> WorkflowState:
    """The submitter saves a revision and submits it, as they would in the editor."""
    page = fresh(subject.page)
    page.save_revision(user=subject.submitter)
    return page.get_workflow().start(page, subject.submitter)


def workflow_action_url(page: Page, action: str, task_state: TaskState) -> str:
    """The admin's approve / reject endpoint for one step (dashboard modal, editor)."""
    return reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]
    )


def _review(client, user, subject: Subject, action: str) -> bool:
    """Try ``action`` at each step in turn; True if ``user`` could act at any."""
    state = start_review(subject)
    while True:
        state.refresh_from_db()
        if state.status != WorkflowState.STATUS_IN_PROGRESS:
            return False
        task_state = state.current_task_state
        client.post(
            workflow_action_url(subject.page, action, task_state),
            {"comment": f"{action} by {user.username}"},
        )
        task_state = TaskState.objects.get(pk=task_state.pk)
        if task_state.finished_by_id == user.pk:
            return task_state.status == (
                TaskState.STATUS_APPROVED
                if action == "approve"
                else TaskState.STATUS_REJECTED
            )
        # Not this user's step: the step's own reviewer moves it on.
        task = task_state.task.specific
        reviewer = next(
            subject.reviewers[group.name]
            for group in task.groups.all()
            if group.name in subject.reviewers
        )
        task.on_action(task_state, reviewer, "approve")


def approve(client, user, subject: Subject) -> bool:
    return _review(client, user, subject, "approve")


def reject(client, user, subject: Subject) -> bool:
    return _review(client, user, subject, "reject")


# --- publishing ---------------------------------------------------------------------


def publish(client, user, subject: Subject) -> bool:
    page = subject.page
    if subject.is_translation:
        with run_on_commit():
            client.post(
                reverse("wagtailadmin_pages:edit", args=[page.pk]),
                {"action": "publish"},
            )
    else:
        client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            {**edit_data(page, title="Published"), "action-publish": "Publish"},
        )
    live = fresh(page).live_revision
    return bool(live and live.user_id == user.pk)


def unpublish(client, user, subject: Subject) -> bool:
    client.post(reverse("wagtailadmin_pages:unpublish", args=[subject.page.pk]))
    return not fresh(subject.page).live


def schedule(client, user, subject: Subject) -> bool:
    """Publish with a go-live date in the future (the translation editor has none)."""
    page = subject.page
    go_live_at = (timezone.localtime() + dt.timedelta(days=2)).replace(
        second=0, microsecond=0
    )
    data = {"action-publish": "Publish"}
    if not subject.is_translation:
        data.update(edit_data(page, go_live_at=go_live_at))
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    return Revision.page_revisions.filter(
        object_id=str(page.pk), user=user, approved_go_live_at__isnull=False
    ).exists()


def translate(client, user, subject: Subject) -> bool:
    """Sources: "Translate this page" into English. Translations: sync them."""
    page = subject.page
    if not subject.is_translation:
        client.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
            {"locales": [locale("en").pk]},
        )
        return page.get_translations().filter(locale=locale("en")).exists()
    source = translation_of(page).source
    source_page = source.get_source_instance()
    source_page.title = "同期テスト"
    source_page.save_revision(user=subject.submitter).publish()
    client.post(reverse("wagtail_localize:update_translations", args=[source.pk]))
    return StringSegment.objects.filter(
        source=source, string__data="同期テスト"
    ).exists()


def delete(client, user, subject: Subject) -> bool:
    client.post(reverse("wagtailadmin_pages:delete", args=[subject.page.pk]))
    return not Page.objects.filter(pk=subject.page.pk).exists()


PERFORM = {
    "edit": edit,
    "submit": submit,
    "approve": approve,
    "reject": reject,
    "publish": publish,
    "unpublish": unpublish,
    "schedule": schedule,
    "translate": translate,
    "delete": delete,
}
