"""Review emails reach the right people, in each recipient's admin language."""

from __future__ import annotations

from django.core import mail
from django.urls import reverse
from wagtail.models import PageSubscription
from wagtail.users.models import UserProfile

from tests.factories import make_case_study
from tests.workflows.actions import fresh
from tests.workflows.pages import edit_data


def _submit(client, user, page) -> None:
    client.force_login(user)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {**edit_data(page), "action-submit": "1"},
    )


def _act(client, user, page, action: str, comment: str = "") -> None:
    client.force_login(user)
    task_state = fresh(page).current_workflow_task_state
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]
        ),
        {"comment": comment},
    )


def _recipients() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


def test_submit_emails_each_reviewer_in_their_language(roles, cast, client):
    page = make_case_study(roles.school, slug="mail-case")
    # One reviewer reads the admin in English, the other in Japanese.
    profile = UserProfile.get_for_user(cast.second["reviewer"])
    profile.preferred_language = "en"
    profile.save()
    _submit(client, cast["editor"], page)
    by_recipient = {message.to[0]: message for message in mail.outbox}
    japanese = by_recipient[cast["reviewer"].email]
    english = by_recipient[cast.second["reviewer"].email]
    assert "レビュー段階「編集レビュー」に提出されました" in japanese.subject
    assert 'submitted for approval in moderation stage "Editorial review"' in (
        english.subject
    )
    # Only the step's reviewers (and no publisher, nor the submitter) hear of it.
    assert _recipients() == {cast["reviewer"].email, cast.second["reviewer"].email}


def test_step_approval_tells_the_submitter_and_the_next_reviewers(roles, cast, client):
    page = make_case_study(roles.school, slug="mail-step")
    _submit(client, cast["editor"], page)
    mail.outbox.clear()
    _act(client, cast["reviewer"], page, "approve")
    to_editor = [m for m in mail.outbox if cast["editor"].email in m.to]
    assert len(to_editor) == 1
    assert "「編集レビュー」で承認されました" in to_editor[0].subject
    publishers = {cast["publisher"].email, cast.second["publisher"].email}
    assert publishers <= _recipients()
    assert cast["reviewer"].email not in _recipients()  # not the approver


def test_rejection_email_carries_the_comment(roles, cast, client):
    page = make_case_study(roles.school, slug="mail-reject")
    _submit(client, cast["editor"], page)
    mail.outbox.clear()
    _act(client, cast["reviewer"], page, "reject", "写真の代替テキストを")
    (message,) = mail.outbox
    assert message.to == [cast["editor"].email]
    assert "差し戻されました" in message.subject
    assert "写真の代替テキストを" in message.body


def test_final_approval_email(roles, cast, client):
    page = make_case_study(roles.school, slug="mail-final")
    _submit(client, cast["editor"], page)
    _act(client, cast["reviewer"], page, "approve")
    mail.outbox.clear()
    _act(client, cast["publisher"], page, "approve")
    (message,) = [m for m in mail.outbox if cast["editor"].email in m.to]
    assert "「事例のレビュー」で承認されました" in message.subject


def test_review_subscribes_both_sides_to_comments(roles, cast, client):
    page = make_case_study(roles.school, slug="mail-comments")
    _submit(client, cast["editor"], page)
    subscribed = set(
        PageSubscription.objects.filter(
            page=page, comment_notifications=True
        ).values_list("user__username", flat=True)
    )
    assert {"demo-editor", "demo-reviewer", "second-reviewer"} <= subscribed


def test_a_comment_during_review_emails_the_submitter(roles, cast, client):
    page = make_case_study(roles.school, slug="mail-comment-sent")
    _submit(client, cast["editor"], page)
    mail.outbox.clear()
    client.force_login(cast["reviewer"])
    data = edit_data(page)
    data.update(
        {
            "comments-TOTAL_FORMS": "1",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000",
            "comments-0-contentpath": "title",
            "comments-0-text": "タイトルを短く",
            "comments-0-position": "",
            "comments-0-resolved": "",
            "comments-0-replies-TOTAL_FORMS": "0",
            "comments-0-replies-INITIAL_FORMS": "0",
            "comments-0-replies-MIN_NUM_FORMS": "0",
            "comments-0-replies-MAX_NUM_FORMS": "1000",
        }
    )
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    to_editor = [m for m in mail.outbox if cast["editor"].email in m.to]
    assert to_editor, [m.subject for m in mail.outbox]
    assert "コメントを更新しました" in to_editor[0].subject
    assert "タイトルを短く" in to_editor[0].body
