"""Workaround for wagtail-localize #634: a draft of a live translation goes live.

Upstream: https://github.com/wagtail/wagtail-localize/issues/634 ("Support draft
translation and synchronised publishing", open): wagtail-localize has no real
draft of a translation. ``Translation.save_target(publish=False)`` still saves
the translated content into the target *page row* before it makes the
revision, and the page row is what the site and the API serve, so a "draft"
of a live translation (an importer run, a translator's submission for review)
is served at once. Its ``publish=True`` defers the publish to
``transaction.on_commit`` (a deliberate upstream choice, PR #720), so a publish
that fails leaves the import or request that asked for it half done.

This module replaces that one step, writing a translation into its target
page, and nothing else:

* a draft is a new revision only: a live target's row is put back from its
  live revision (``_restore_live_row``), marked as having unpublished changes;
* a publish happens in the caller's transaction, so it is all-or-nothing with
  the import or request around it.

It registers itself through the hook point ``cms.translation.install_save_target``
(called from ``cms.apps.CmsConfig.ready``); nothing imports its helpers.

Delete this module and its ``install()`` call in ``cms/apps.py`` once
wagtail-localize saves a draft translation without writing the live page row
(follow #634), after running ``tests/workflows/test_wagtail_localize_634.py``
and ``tests/api/test_leaks.py`` against that release without it.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Page, Revision
from wagtail_localize.models import Translation

from cms import translation as translation_path


def save_target(translation: Translation, *, user, publish: bool) -> None:
    """``Translation.save_target`` with a draft that stays a draft, and an
    in-transaction publish."""
    with transaction.atomic():
        revision = _save_draft(translation, user)
        if publish:
            revision.publish(user=user)


def _save_draft(translation: Translation, user) -> Revision:
    translation.save_target(user=user, publish=False)
    page = translation_path.target_page(translation)
    if page.live and page.live_revision_id:
        _restore_live_row(page)
    return Revision.objects.get(pk=page.latest_revision_id)


def _restore_live_row(page: Page) -> None:
    """Put the live revision's content back into the page row ``save_target``
    overwrote, keeping the bookkeeping that says a newer draft exists."""
    live = page.live_revision.as_object()
    live.live_revision_id = page.live_revision_id
    live.last_published_at = page.last_published_at
    live.draft_title = page.draft_title
    live.has_unpublished_changes = True
    live.save(clean=False)


def install() -> None:
    """Make this the project's way of writing translations (idempotent)."""
    translation_path.install_save_target(save_target)
