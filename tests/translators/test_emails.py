"""Republishing a translated source emails its translators."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from wagtail.users.models import UserProfile
from wagtail_localize.models import TranslationSource

from cms.translation import translate_page
from tests.factories import locale, make_case_study


@pytest.fixture
def source(roles):
    return make_case_study(roles.school, slug="mail-case", title="地域の魅力")


def translated(source, title, *, last_editor):
    """A published English translation whose latest revision is ``last_editor``'s
    (translators save drafts; a publisher publishes)."""
    english = translate_page(
        source, locale("en"), values={"title": title}, publish=True
    )
    english.specific.save_revision(user=last_editor)
    return english


def republish(page, capture, title="地域の魅力（改訂）"):
    page = page.specific
    page.title = title
    with capture(execute=True):
        page.save_revision().publish()


def sent_to(address):
    return [m for m in mail.outbox if address in m.to]


def test_last_editor_alone_hears_with_a_sync_link_after_commit(
    source, cast, django_capture_on_commit_callbacks
):
    editor = cast.second["translator"]
    translated(source, "Regional charm", last_editor=editor)
    mail.outbox.clear()
    page = source.specific
    page.title = "地域の魅力（改訂）"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page.save_revision().publish()
    assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [[editor.email]]
    message = mail.outbox[0]
    assert "地域の魅力（改訂）" in message.subject
    assert "Regional charm" in message.body
    source_id = TranslationSource.objects.get(object_id=source.translation_key).pk
    expected = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtail_localize:update_translations", args=[source_id]
    )
    assert expected in message.body


def test_without_a_translator_editor_every_active_translator_hears_in_own_language(
    source, cast, django_user_model, django_capture_on_commit_callbacks
):
    # An editor is not a translator: the email falls back to the group.
    translated(source, "Regional charm", last_editor=cast["editor"])
    japanese_reader = cast.second["translator"]
    profile = UserProfile.get_for_user(japanese_reader)
    profile.preferred_language = "ja"
    profile.save()
    gone = django_user_model.objects.create_user(
        "gone-translator", "gone@example.org", "x", is_active=False
    )
    gone.groups.add(*cast["translator"].groups.all())
    mail.outbox.clear()
    republish(source, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [cast["translator"].email, japanese_reader.email]
    )
    assert "(English)" in sent_to(cast["translator"].email)[0].body
    assert "(英語" in sent_to(japanese_reader.email)[0].body


def test_first_publication_and_translation_publishes_send_nothing(
    roles, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        fresh = make_case_study(roles.school, slug="first-case", title="初公開")
        english = translated(fresh, "First", last_editor=cast["translator"])
    assert mail.outbox == []
    republish(english, django_capture_on_commit_callbacks, title="First, again")
    assert mail.outbox == []
