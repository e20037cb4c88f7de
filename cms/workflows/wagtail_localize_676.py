"""Workaround for wagtail-localize #676: the translation editor has no workflow.

Upstream: https://github.com/wagtail/wagtail-localize/issues/676 (open; "the
interaction between Wagtail-Localize and the Workflows feature in Wagtail feels
disconnected") and, for drafts of translations,
https://github.com/wagtail/wagtail-localize/issues/634 ("Support draft
translation and synchronised publishing", open).

wagtail-localize replaces the page editor of a translated page with its own
editor, whose only way to put the translator's strings into the page is
*Publish*; synced and newly created translations can also be published or made
live from the sync,
"Translate this page" and "convert to alias" screens. None of these go through
Wagtail's moderation, so a translator's English edit could go live unreviewed.

Two more faults of the same code path are fixed here too: ``save_target``
writes the translated content into the *page row* even when saving a draft
(and the page row is what the site and the API serve, so a "draft" of a live
translation went live), and it publishes in ``transaction.on_commit``, after
the request's transaction, so a failed publish left the page row and the live
revision disagreeing.

What this module does, all in one place:

* ``save_draft`` / ``publish_translation`` — ``save_target`` without those
  faults: a draft leaves the live row as published; a publish happens in the
  caller's transaction (all-or-nothing);
* ``publish_from_translation_editor`` — the translation editor's Publish button
  (a ``before_edit_page`` hook, run before wagtail-localize's), through
  ``publish_translation``, for users with publish permission only;
* ``submit_for_review`` — the missing "Save draft and submit for translation
  review" action: writes the translated strings into a *draft* revision and
  starts (or resumes, after "request changes") the page's workflow. The
  template ``cms/templates/wagtail_localize/admin/edit_translation.html`` adds
  the button to the translation editor;
* ``ModeratedUpdateTranslationsView`` — the "Sync translated pages" screen only
  offers "publish immediately" to users who may publish every target page, and
  publishes through ``publish_translation``;
* ``convert_to_alias`` — turning a translation back into an alias makes the
  source's content live in the target tree, so it needs publish permission;
* the setting
  ``WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False`` makes "Translate this
  page" create drafts.

Delete this module, its hooks in ``cms.workflows.hooks``, the template override
and the setting once wagtail-localize integrates the translation editor with
Wagtail workflows and saves drafts without touching the live page (follow both
upstream issues) — and rerun
``tests/workflows/test_wagtail_localize_676.py`` against that release first.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.models import Page, Revision, WorkflowState
from wagtail_localize.models import Translation
from wagtail_localize.views import convert
from wagtail_localize.views.update_translations import UpdateTranslationsView


class NoWorkflowError(Exception):
    """The translated page has no workflow to submit to."""


class AlreadyInReview(PermissionDenied):
    """A review is under way: what the reviewer sees must not change under them."""


def save_draft(translation: Translation, user) -> Revision:
    """Write the translated strings into a new draft revision of the target page.

    A live target keeps serving its published content: the page row that
    ``save_target`` overwrote is put back from the live revision.
    """
    with transaction.atomic():
        translation.save_target(user=user, publish=False)
        page = _target_page(translation)
        if page.live and page.live_revision_id:
            _restore_live_row(page)
        return Revision.objects.get(pk=page.latest_revision_id)


def publish_translation(translation: Translation, user) -> Revision:
    """Save the translation and publish it, all in the caller's transaction."""
    with transaction.atomic():
        revision = save_draft(translation, user)
        revision.publish(user=user)
        return revision


def _restore_live_row(page: Page) -> None:
    live = page.live_revision.as_object()
    live.live_revision_id = page.live_revision_id
    live.last_published_at = page.last_published_at
    live.draft_title = page.draft_title
    live.has_unpublished_changes = True
    live.save(clean=False)


def submit_translation(translation: Translation, user) -> WorkflowState:
    """Save ``translation`` into a draft revision and put it into review.

    All-or-nothing: the draft revision and the workflow state are written in one
    transaction. Refused while a review is in progress (the page is locked to
    its reviewers), so what the reviewer approves is what they saw.
    """
    page = _target_page(translation)
    if page is None:
        raise PermissionDenied
    perms = page.permissions_for_user(user)
    if not perms.can_edit():
        raise PermissionDenied
    workflow_state = page.current_workflow_state
    if workflow_state and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        raise AlreadyInReview(page)
    workflow = page.get_workflow()
    if workflow is None:
        raise NoWorkflowError(page)
    with transaction.atomic():
        save_draft(translation, user)
        page = Page.objects.get(pk=page.pk).specific
        if (
            workflow_state
            and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
        ):
            workflow_state.resume(user=user)
            workflow_state.refresh_from_db()
            return workflow_state
        return workflow.start(page, user)


@require_POST
def submit_for_review(request: HttpRequest, translation_id: int) -> HttpResponse:
    translation = get_object_or_404(Translation, id=translation_id, enabled=True)
    page = _target_page(translation)
    try:
        submit_translation(translation, request.user)
    except NoWorkflowError:
        messages.error(request, _("This page has no review workflow."))
    except AlreadyInReview:
        messages.error(
            request,
            _("This translation is already in review; wait for the reviewer."),
        )
    else:
        messages.success(
            request,
            _("'%(title)s' was saved as a draft and submitted for review.")
            % {"title": page.get_admin_display_title()},
        )
    return redirect("wagtailadmin_pages:edit", page.pk)


def publish_from_translation_editor(request: HttpRequest, page: Page):
    """``before_edit_page`` hook: the translation editor's Publish, in-transaction."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    translation = Translation.objects.filter(
        source__object_id=page.translation_key,
        target_locale_id=page.locale_id,
        enabled=True,
    ).first()
    if translation is None:
        return None
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    try:
        publish_translation(translation, request.user)
    except ValidationError as error:
        messages.error(
            request,
            _("'%(title)s' could not be published: %(errors)s")
            % {"title": page.get_admin_display_title(), "errors": "; ".join(error)},
        )
    else:
        messages.success(
            request,
            _("'%(title)s' has been published.")
            % {"title": page.get_admin_display_title()},
        )
    return redirect("wagtailadmin_pages:edit", page.pk)


class ModeratedUpdateTranslationsView(UpdateTranslationsView):
    """Sync translated pages; publishing them at once needs publish permission."""

    def user_can_publish_targets(self) -> bool:
        for translation in self.object.translations.filter(enabled=True):
            page = _target_page(translation)
            if (
                page is not None
                and not page.permissions_for_user(self.request.user).can_publish()
            ):
                return False
        return True

    def get_form(self):
        form = super().get_form()
        if not self.user_can_publish_targets():
            field = form.fields["publish_translations"]
            field.disabled = True
            field.initial = False
            field.help_text = _(
                "Synced translations are saved for translators; they go live "
                "through translation review."
            )
        return form

    def form_valid(self, form):
        publish = form.cleaned_data.get("publish_translations")
        if publish and not self.user_can_publish_targets():
            raise PermissionDenied
        # Sync without wagtail-localize's on-commit publish, then publish here.
        form.cleaned_data["publish_translations"] = False
        response = super().form_valid(form)
        if publish:
            for translation in self.object.translations.filter(enabled=True):
                try:
                    publish_translation(translation, self.request.user)
                except ValidationError:
                    messages.warning(
                        self.request,
                        _("A translation could not be published: %(locale)s")
                        % {"locale": translation.target_locale.get_display_name()},
                    )
        return response


def convert_to_alias(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(Page, id=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return convert.convert_to_alias(request, page_id)


def _target_page(translation: Translation) -> Page | None:
    page = Page.objects.filter(
        translation_key=translation.source.object_id,
        locale_id=translation.target_locale_id,
    ).first()
    return page.specific if page else None


def urls() -> list:
    """Admin URLs; the last two shadow wagtail-localize's (registered earlier)."""
    return [
        path(
            "casebook/translations/<int:translation_id>/submit/",
            submit_for_review,
            name="casebook_submit_translation_for_review",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            ModeratedUpdateTranslationsView.as_view(),
            name="casebook_moderated_update_translations",
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            convert_to_alias,
            name="casebook_moderated_convert_to_alias",
        ),
    ]


def submit_url(translation: Translation) -> str:
    return reverse("casebook_submit_translation_for_review", args=[translation.pk])


__all__ = [
    "AlreadyInReview",
    "ModeratedUpdateTranslationsView",
    "NoWorkflowError",
    "convert_to_alias",
    "publish_from_translation_editor",
    "publish_translation",
    "save_draft",
    "submit_for_review",
    "submit_translation",
    "submit_url",
    "urls",
]
