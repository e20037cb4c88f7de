"""Publishing rules: what a page must have before it can go live.

Rules are checked in two places that share one definition:

* ``BasePage.publish`` refuses to publish a revision that breaks a rule, whichever
  route the publish comes from (admin, workflow approval, scheduler, importer);
* ``PublishingRulesForm`` shows the failed rules on the editor's form, on the field
  concerned, when the editor publishes or submits for review.

Drafts may be incomplete: the rules guard going live, not saving.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from cms.slug_form import RomajiSlugFormMixin
from cms.wagtail_12355 import autosave_on_change

# Form buttons in the page editor that make content public or ask for it to be.
PUBLISHING_ACTIONS = ("action-publish", "action-submit")


@dataclass(frozen=True)
class RuleViolation:
    """One broken rule: the field it concerns (None for the whole page) and why."""

    field: str | None
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else str(self.message)


class PublishingRulesError(ValidationError):
    """Raised when a revision that breaks a publishing rule is published."""

    def __init__(self, violations: Iterable[RuleViolation]):
        self.violations = list(violations)
        errors: dict[str, list[str]] = {}
        for violation in self.violations:
            errors.setdefault(violation.field or "__all__", []).append(
                str(violation.message)
            )
        super().__init__(errors)


def image_blocks_missing_alt(stream_value, block_name: str = "image") -> list[int]:
    """Positions (1-based) of image blocks with neither alt text nor a decorative mark.

    The block's own validation already asks for alt text; this catches content that
    arrived without going through a form (imports, old revisions).
    """
    missing = []
    for position, child in enumerate(stream_value or [], start=1):
        if child.block_type != block_name:
            continue
        value = child.value
        if not value.get("decorative") and not (value.get("alt_text") or "").strip():
            missing.append(position)
    return missing


def body_alt_text_violation(stream_value, field: str = "body") -> RuleViolation | None:
    missing = image_blocks_missing_alt(stream_value)
    if not missing:
        return None
    positions = ", ".join(str(p) for p in missing)
    return RuleViolation(
        field,
        _("Image blocks %(positions)s need alt text or a decorative mark.")
        % {"positions": positions},
    )


class PublishingRulesForm(RomajiSlugFormMixin, WagtailAdminPageForm):
    """Admin form that reports publishing-rule failures on the fields concerned.

    It also gives Japanese titles a romaji slug (``cms.slug_form``).

    The page class implements ``publishing_problems_for(values)`` taking the cleaned
    form data, so the form and ``publish`` run the same rules.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        autosave_on_change(self)

    def clean(self):
        cleaned_data = super().clean()
        if not any(action in self.data for action in PUBLISHING_ACTIONS):
            return cleaned_data
        page_class = type(self.instance)
        for violation in page_class.publishing_problems_for(cleaned_data):
            field = violation.field if violation.field in self.fields else None
            self.add_error(field, violation.message)
        return cleaned_data
