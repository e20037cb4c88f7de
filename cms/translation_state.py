"""Record, when a translation is published, which of its fields are untranslated.

A field is untranslated when any of its source strings has no translation into the
page's locale in wagtail-localize (the same test as its progress bar): the page
then shows the source's text there. The names are stored in
``PublishedTranslationState`` by a ``page_published`` receiver, inside the publish
transaction, so the API reads them with the published page and never sees a
translator's unpublished work.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from cms.models import PublishedTranslationState


def untranslated_fields(page: Page) -> list[str]:
    """Top-level field names of ``page`` still in the source language, in order."""
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id
        )
        .only("source_id", "target_locale_id")
        .first()
    )
    if translation is None:  # a source page, or one made without wagtail-localize
        return []
    paths = (
        StringSegment.objects.filter(source_id=translation.source_id)
        .annotate(
            translated=Exists(
                StringTranslation.objects.filter(
                    translation_of_id=OuterRef("string_id"),
                    context_id=OuterRef("context_id"),
                    locale_id=translation.target_locale_id,
                    has_error=False,
                )
            )
        )
        .filter(translated=False)
        .order_by("order")
        .values_list("context__path", flat=True)
    )
    # "body.<block id>.paragraph" → "body": readers care about the field.
    return list(dict.fromkeys(path.split(".", 1)[0] for path in paths))


def record_published_state(sender, instance: Page, **_kwargs) -> None:
    """``page_published`` receiver: store the untranslated fields of ``instance``."""
    fields = untranslated_fields(instance)
    if fields:
        PublishedTranslationState.objects.update_or_create(
            page_id=instance.pk, defaults={"untranslated_fields": fields}
        )
    else:
        PublishedTranslationState.objects.filter(page_id=instance.pk).delete()


def published_untranslated_fields(page_ids) -> dict[int, list[str]]:
    """``{page id: fields}`` for the pages that have any, in one query."""
    return dict(
        PublishedTranslationState.objects.filter(
            page_id__in=list(page_ids)
        ).values_list("page_id", "untranslated_fields")
    )
