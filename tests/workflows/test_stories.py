"""The review stories end to end, through the admin, in Japanese and in English."""

from __future__ import annotations

from django.core import mail
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from casestudies.models import CaseStudyPage, ColumnPage
from cms.workflows.setup import (
    EDITORIAL_REVIEW,
    PUBLICATION_SIGN_OFF,
    TRANSLATION_REVIEW,
)
from cms.workflows.wagtail_localize_676 import submit_url
from tests.factories import locale, tags
from tests.workflows.actions import (
    fresh,
    run_on_commit,
    title_segment,
    translation_of,
)
from tests.workflows.pages import edit_data, paragraphs


def add_url(model, parent) -> str:
    meta = model._meta
    return reverse(
        "wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk]
    )


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def action_url(page, action: str) -> str:
    task_state = fresh(page).current_workflow_task_state
    return reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]
    )


def current_task(page) -> str | None:
    task_state = fresh(page).current_workflow_task_state
    return task_state.task.name if task_state else None


def mails_to(user) -> list:
    return [message for message in mail.outbox if user.email in message.to]


def publish_log_count(page) -> int:
    return PageLogEntry.objects.filter(
        page_id=page.pk, action__in=("wagtail.publish", "wagtail.publish.scheduled")
    ).count()


def test_case_study_story_in_both_languages(roles, cast, client):
    editor, reviewer = cast["editor"], cast["reviewer"]
    publisher, translator = cast["publisher"], cast["translator"]

    # The editor drafts a case study in Japanese, then submits it.
    client.force_login(editor)
    draft = CaseStudyPage(
        title="英語カフェ",
        slug="english-cafe",
        prefecture="JP-43",
        municipality="熊本市",
        summary="教職員が英語で話す場を毎週つくった。",
    )
    data = edit_data(draft, tags=[t.pk for t in tags("jet-alt", "teachers")])
    assert client.post(add_url(CaseStudyPage, roles.school), data).status_code == 302
    page = CaseStudyPage.objects.get(slug="english-cafe")
    assert not page.live
    client.post(edit_url(page), {**edit_data(page), "action-submit": "1"})
    assert current_task(page) == EDITORIAL_REVIEW
    submitted = mails_to(reviewer)
    assert submitted and "レビュー段階" in submitted[-1].subject  # ja admin

    # The reviewer sees what changed, then asks for changes (a comment is a must).
    client.force_login(reviewer)
    revision = fresh(page).get_latest_revision()
    compare = reverse(
        "wagtailadmin_pages:revisions_compare",
        args=[page.pk, "earliest", revision.pk],
    )
    assert client.get(compare).status_code == 200
    client.post(action_url(page, "reject"), {"comment": ""})
    assert fresh(page).current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    client.post(action_url(page, "reject"), {"comment": "場所を市まで書いてください"})
    state = fresh(page).current_workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    rejected = mails_to(editor)[-1]
    assert "差し戻されました" in rejected.subject
    assert "場所を市まで書いてください" in rejected.body

    # The editor sees the comment in the history, revises and resubmits.
    client.force_login(editor)
    history = reverse(
        "wagtailadmin_pages:workflow_history_detail", args=[page.pk, state.pk]
    )
    assert "場所を市まで書いてください" in client.get(history).content.decode()
    client.post(
        edit_url(page),
        {**edit_data(page, title="英語カフェ（熊本市）"), "action-submit": "1"},
    )
    assert current_task(page) == EDITORIAL_REVIEW
    assert fresh(page).current_workflow_state.pk == state.pk  # resumed, not new

    # The reviewer approves; publication sign-off is the publishers' turn.
    client.force_login(reviewer)
    client.post(action_url(page, "approve"), {"comment": ""})
    assert current_task(page) == PUBLICATION_SIGN_OFF
    assert "承認されました" in mails_to(editor)[-1].subject
    assert mails_to(publisher)
    assert not fresh(page).live

    # The publisher signs off: live, with the revised title and one publish entry.
    client.force_login(publisher)
    client.post(action_url(page, "approve"), {"comment": ""})
    page = fresh(page)
    assert page.live and page.title == "英語カフェ（熊本市）"
    assert page.live_revision == page.get_latest_revision()
    assert publish_log_count(page) == 1
    actions = list(
        PageLogEntry.objects.filter(page_id=page.pk)
        .order_by("timestamp", "pk")
        .values_list("action", "user__username")
    )
    assert ("wagtail.workflow.reject", "demo-reviewer") in actions
    assert ("wagtail.workflow.approve", "demo-publisher") in actions

    # The translator makes the English edition and submits it for review.
    client.force_login(translator)
    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [locale("en").pk]},
    )
    english = page.get_translation(locale("en"))
    assert not english.live  # "Translate this page" makes a draft
    translation = translation_of(english)
    client.put(
        reverse(
            "wagtail_localize:edit_string_translation",
            args=[translation.pk, title_segment(translation).pk],
        ),
        data=encode_multipart(BOUNDARY, {"value": "English Café (Kumamoto City)"}),
        content_type=MULTIPART_CONTENT,
    )
    client.post(submit_url(translation))
    assert current_task(english) == TRANSLATION_REVIEW
    assert not fresh(english).live

    # A bilingual reviewer approves: the English page goes live as translated.
    client.force_login(reviewer)
    with run_on_commit():
        client.post(action_url(english, "approve"), {"comment": ""})
    english = fresh(english)
    assert english.live and english.title == "English Café (Kumamoto City)"
    assert publish_log_count(english) == 1
    assert "approved" in mails_to(translator)[-1].subject  # en admin


def test_column_author_story(roles, cast, client):
    author, reviewer = cast["column-author"], cast["reviewer"]
    client.force_login(author)
    draft = ColumnPage(
        title="教室の外で",
        slug="outside-the-classroom",
        author_name="Bailey Gaudin",
        home_country="アメリカ",
        placement="熊本市の小学校",
    )
    data = edit_data(draft, body=paragraphs("<p>毎週。</p>"))
    client.post(add_url(ColumnPage, roles.columns), data)
    column = ColumnPage.objects.get(slug="outside-the-classroom")
    assert column.owner == author
    client.post(edit_url(column), {**edit_data(column), "action-submit": "1"})
    assert current_task(column) == EDITORIAL_REVIEW

    # The author cannot approve it, even by posting the action directly.
    client.post(action_url(column, "approve"), {"comment": ""})
    assert current_task(column) == EDITORIAL_REVIEW
    assert not fresh(column).live

    client.force_login(reviewer)
    client.post(action_url(column, "approve"), {"comment": ""})
    column = fresh(column)
    assert column.live and publish_log_count(column) == 1
    assert column.live_revision.user == author


def test_column_written_in_english_first_gets_editorial_review(roles, cast, client):
    author, reviewer = cast["column-author"], cast["reviewer"]
    english_index = roles.columns.get_translation(locale("en"))
    client.force_login(author)
    data = edit_data(
        ColumnPage(
            title="Outside the classroom",
            slug="english-first",
            author_name="Bailey Gaudin",
            home_country="USA",
            placement="An elementary school in Kumamoto City",
        ),
        body=paragraphs("<p>Weekly.</p>"),
    )
    client.post(add_url(ColumnPage, english_index), data)
    column = ColumnPage.objects.get(slug="english-first", locale=locale("en"))
    client.post(edit_url(column), {**edit_data(column), "action-submit": "1"})
    assert current_task(column) == EDITORIAL_REVIEW
    skipped = TaskState.objects.filter(
        workflow_state=fresh(column).current_workflow_state,
        status=TaskState.STATUS_SKIPPED,
    )
    assert not skipped.exists()  # translation review comes after, if at all
    client.force_login(reviewer)
    client.post(action_url(column, "approve"), {"comment": ""})
    column = fresh(column)
    assert column.live
    states = TaskState.objects.filter(workflow_state__object_id=str(column.pk))
    assert set(states.values_list("task__name", "status")) == {
        (EDITORIAL_REVIEW, TaskState.STATUS_APPROVED),
        (TRANSLATION_REVIEW, TaskState.STATUS_SKIPPED),
    }
