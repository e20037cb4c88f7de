"""Workaround for wagtail-localize #676: the translation editor has no workflow.

Upstream: https://github.com/wagtail/wagtail-localize/issues/676 (open). The
issue reports that with a workflow on the target tree, creating a translation
shows the first workflow step's message, and says "the interaction between
Wagtail-Localize and the Workflows feature in Wagtail feels disconnected";
that disconnection is the gap worked around here.

wagtail-localize replaces the page editor of a translated page with its own
editor, whose only way to put the translator's strings into the page is
*Publish*; synced and newly created translations can also be published or made
live from the sync, "Translate this page" and "convert to alias" screens. None
of these go through Wagtail's moderation, so a translator's English edit could
go live unreviewed.

What this module does:

* ``publish_from_translation_editor`` — the translation editor's Publish button
  (a ``before_edit_page`` hook, run before wagtail-localize's), for users with
  publish permission only;
* ``submit_for_review`` — the missing "Save draft and submit for translation
  review" action: writes the translated strings into a *draft* revision and
  starts (or resumes, after "request changes") the page's workflow. The
  template ``cms/templates/wagtail_localize/admin/edit_translation.html`` adds
  the button to the translation editor;
* ``ModeratedUpdateTranslationsView`` — the "Sync translated pages" screen only
  offers "publish immediately" to users who may publish every target page;
* ``convert_to_alias`` — turning a translation back into an alias makes the
  source's content live in the target tree, so it needs publish permission;
* the setting
  ``WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False`` makes "Translate this
  page" create drafts.

Translations are written through the normal path's ``cms.translation.save_target``,
so whatever replaces that step applies here too: while wagtail-localize #634 is
open, ``cms.workflows.wagtail_localize_634`` makes a draft leave a live page's
row alone, which is what keeps a submitted (unreviewed) draft off the site.

Delete this module, its hooks in ``cms.workflows.hooks``, the template override
and the setting once wagtail-localize integrates the translation editor with
Wagtail workflows (follow #676) — and rerun
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
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import Translation
from wagtail_localize.views import convert
from wagtail_localize.views.update_translations import UpdateTranslationsView

from cms.translation import save_target, target_page


class NoWorkflowError(Exception):
    """The translated page has no workflow to submit to."""


class AlreadyInReview(PermissionDenied):
    """A review is under way: what the reviewer sees must not change under them."""


def submit_translation(translation: Translation, user) -> WorkflowState:
    """Save ``translation`` into a draft revision and put it into review.

    All-or-nothing: the draft revision and the workflow state are written in one
    transaction. Refused while a review is in progress (the page is locked to
    its reviewers), so what the reviewer approves is what they saw.
    """
    page = target_page(translation)
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
        save_target(translation, user=user, publish=False)
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
    page = target_page(translation)
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
        # A savepoint: a publish refused with ValidationError leaves nothing half-saved.
        with transaction.atomic():
            save_target(translation, user=request.user, publish=True)
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
            page = target_page(translation)
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
                    # Per translation: one refused publish does not undo the others.
                    with transaction.atomic():
                        save_target(translation, user=self.request.user, publish=True)
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
    "submit_for_review",
    "submit_translation",
    "submit_url",
    "urls",
]
