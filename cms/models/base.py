"""The abstract page every casebook page type derives from."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.module_loading import import_string
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField

from cms.publishing import PublishingRulesError, PublishingRulesForm, RuleViolation
from cms.slugs import available_slug, romaji_slug


class BasePage(Page):
    """Shared behaviour: publishing rules and translation defaults.

    Subclasses declare their own rules in ``publishing_problems_for`` and their
    per-field translation behaviour in ``override_translatable_fields``.
    """

    # The same slug in both trees: /ja/school/x/ and /en/school/x/ are one case.
    override_translatable_fields = [SynchronizedField("slug")]
    # Page types may narrow it (case studies add the tag matrix); every one keeps
    # the publishing rules and the romaji slug (cms/slug_form.py).
    base_form_class = PublishingRulesForm

    class Meta:
        abstract = True

    @classmethod
    def publishing_problems_for(cls, values: Mapping[str, Any]) -> list[RuleViolation]:
        """Rules broken by a page with these field values (form data or a page)."""
        return []

    def publishing_values(self) -> dict[str, Any]:
        """This page's field values in the shape ``publishing_problems_for`` reads."""
        return {}

    def publishing_problems(self) -> list[RuleViolation]:
        return self.publishing_problems_for(self.publishing_values())

    def fill_slug_from_title(self) -> None:
        """Give a page without a slug a romaji one, unique under its parent.

        Runs before Wagtail's own default (``slugify`` of the title), which yields
        nothing for a Japanese title. Like Wagtail's, it waits until the page has a
        place in the tree: ``add_child`` sets the path, then saves, which cleans.
        """
        if self.slug or not self.path or not self.title:
            return
        self.slug = available_slug(romaji_slug(self.title), self.get_parent(), self)

    def full_clean(self, *args, **kwargs):
        self.fill_slug_from_title()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        # What Page.save() runs for drafts instead of full_clean.
        self.fill_slug_from_title()
        super().minimal_clean()

    def publish(self, revision, *args, **kwargs):
        # Wagtail's publish writes the page, the revision and the audit log in
        # separate queries; outside a request (importer, scheduler) nothing else
        # makes them one unit.
        with transaction.atomic():
            violations = revision.as_object().publishing_problems()
            if violations:
                raise PublishingRulesError(violations)
            return super().publish(revision, *args, **kwargs)

    def serve_preview(self, request: HttpRequest, mode_name: str) -> HttpResponse:
        """This in-memory page (the editor's unsaved form) as the site will show it.

        The item is built by the same builder as the API's ``preview/`` endpoint,
        so the admin preview and a headless frontend's preview cannot drift apart;
        the renderer is named by a setting because the kernel knows no site.
        """
        # Imported here: the API's serializers import this package's models.
        from cms.api.serializers.pages import item_for, make_context

        render = import_string(settings.CMS_PREVIEW_RENDERER)
        response = render(request, item_for(self, make_context(request)))
        # A draft: never kept by a browser or a shared cache.
        response["Cache-Control"] = "private, no-store"
        return response
