"""The abstract page every casebook page type derives from."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField

from cms.publishing import PublishingRulesError, RuleViolation


class BasePage(Page):
    """Shared behaviour: publishing rules and translation defaults.

    Subclasses declare their own rules in ``publishing_problems_for`` and their
    per-field translation behaviour in ``override_translatable_fields``.
    """

    # The same slug in both trees: /ja/school/x/ and /en/school/x/ are one case.
    override_translatable_fields = [SynchronizedField("slug")]

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

    def publish(self, revision, *args, **kwargs):
        # Wagtail's publish writes the page, the revision and the audit log in
        # separate queries; outside a request (importer, scheduler) nothing else
        # makes them one unit.
        with transaction.atomic():
            violations = revision.as_object().publishing_problems()
            if violations:
                raise PublishingRulesError(violations)
            return super().publish(revision, *args, **kwargs)
