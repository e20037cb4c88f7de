"""Email a source's translators when the source is published again.

A republished source leaves its published translations behind (see
``cms.translation_lag``); the dashboard shows that, but translators rarely look
at the dashboard unprompted. Each translation's last editor (its latest
revision's author, if still an active translator or a superuser) hears about
it; a translation without one falls back to every active member of the
Translators group. One email per recipient per publish, in the recipient's
admin language, sent once the publishing transaction has committed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page
from wagtail.signals import page_published
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation

from cms.translators.dashboard import TRANSLATORS_GROUP, is_translator
from cms.workflows.scope import is_translation


@dataclass(frozen=True)
class BehindTranslation:
    title: str
    locale_code: str
    sync_url: str


def _translators_group_members() -> list:
    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=TRANSLATORS_GROUP)
        .distinct()
    )


def recipients_by_translation(source_page: Page) -> dict:
    """{user: [BehindTranslation, ...]} for ``source_page``'s enabled translations."""
    translations = Translation.objects.filter(
        source__object_id=source_page.translation_key,
        source__locale_id=source_page.locale_id,
        enabled=True,
    ).select_related("target_locale")
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    recipients: dict = defaultdict(list)
    fallback = None
    for item in translations:
        target = (
            Page.objects.filter(
                translation_key=source_page.translation_key,
                locale_id=item.target_locale_id,
            )
            .select_related("latest_revision__user")
            .first()
        )
        if target is None:
            continue
        behind = BehindTranslation(
            title=target.title,
            locale_code=item.target_locale.language_code,
            sync_url=base_url
            + reverse("wagtail_localize:update_translations", args=[item.source_id]),
        )
        revision = target.latest_revision
        editor = revision.user if revision is not None else None
        if editor is not None and editor.is_active and is_translator(editor):
            users = [editor]
        else:
            if fallback is None:
                fallback = _translators_group_members()
            users = fallback
        for user in users:
            if user.email:
                recipients[user].append(behind)
    return recipients


def _language_name(code: str) -> str:
    # Django's own name for the language, in the reader's language ("英語").
    return str(translation.get_language_info(code)["name_translated"])


def send_republished_emails(source_page_id: int) -> None:
    source_page = Page.objects.filter(pk=source_page_id).first()
    if source_page is None:
        return
    for user, behind in recipients_by_translation(source_page).items():
        language = UserProfile.get_for_user(user).get_preferred_language()
        with translation.override(language):
            context = {
                "user": user,
                "source_title": source_page.title,
                "translations": [
                    {
                        "title": item.title,
                        "language": _language_name(item.locale_code),
                        "sync_url": item.sync_url,
                    }
                    for item in behind
                ],
            }
            subject = render_to_string(
                "cms/translators/emails/source_republished_subject.txt", context
            )
            body = render_to_string(
                "cms/translators/emails/source_republished.txt", context
            )
        send_mail(
            " ".join(subject.split()),
            body,
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )


def on_page_published(sender, instance: Page, **kwargs) -> None:
    # Both stamps are set to the same "now" on a page's first publication, and a
    # first publication has no translation that could be behind it.
    if instance.first_published_at == instance.last_published_at:
        return
    if is_translation(instance):
        return
    transaction.on_commit(partial(send_republished_emails, instance.pk))


def connect() -> None:
    """Connect the handler; called once from ``CmsConfig.ready``."""
    page_published.connect(
        on_page_published, dispatch_uid="casebook_translators_source_republished"
    )
