"""What a published translation left untranslated, recorded when it was published.

The API tells readers which fields of a translated page still show the source
language (``untranslated_fields``). That is read from wagtail-localize's segment
state at the moment the translation is published and stored here, never worked out
per request: a translator's unpublished progress must not show on the public side,
and a request must not pay for walking the segments.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class PublishedTranslationState(models.Model):
    page = models.OneToOneField(
        Page,
        on_delete=models.CASCADE,
        related_name="published_translation_state",
        primary_key=True,
    )
    untranslated_fields = models.JSONField(
        _("untranslated fields"),
        default=list,
        help_text=_("Fields whose text is still the source's, in field order."),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("published translation state")
        verbose_name_plural = _("published translation states")

    def __str__(self) -> str:
        return f"{self.page_id}: {', '.join(self.untranslated_fields) or '-'}"
