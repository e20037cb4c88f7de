"""Wagtail admin hooks of the moderation module (imported by ``cms.wagtail_hooks``)."""

from __future__ import annotations

from wagtail import hooks

from cms.workflows import own_submissions, wagtail_localize_676


@hooks.register("register_admin_urls")
def register_moderation_urls() -> list:
    # The cms app is listed before wagtail_localize, so these URLs are matched
    # first and shadow the unmoderated wagtail-localize views they wrap.
    return wagtail_localize_676.urls()


# Runs before wagtail-localize's own hook (cms is listed first), so the
# translation editor's Publish goes through the all-or-nothing path.
hooks.register("before_edit_page", wagtail_localize_676.publish_from_translation_editor)

# "Awaiting your review" leaves out what the reviewer wrote, and says why.
hooks.register("construct_homepage_panels", own_submissions.replace_review_panel)
