"""Translations through wagtail-localize: create, sync, fill in and report status.

Every translated page in the project is made here, never by copying pages by hand,
so that wagtail-localize knows each English string's Japanese source and can show a
translator what changed when the source is edited and synced.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from cms.workflows.wagtail_localize_676 import publish_translation, save_draft

TOOL_NAME = "casebook-importer"


class TranslationMismatchError(ValueError):
    """Given target-language values do not line up with the source's structure."""

    def __init__(self, path: str, message: str):
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")


@dataclass(frozen=True)
class TranslationStatus:
    source_locale: str
    total_segments: int
    translated_segments: int
    source_changed_since_sync: bool

    @property
    def behind(self) -> bool:
        """True when the translation lacks strings or its source has moved on."""
        return (
            self.translated_segments < self.total_segments
            or self.source_changed_since_sync
        )


def translate_page(
    source_page: Page,
    locale: Locale,
    *,
    values: Mapping[str, Any] | None = None,
    publish: bool = False,
    user=None,
) -> Page:
    """Create or update ``source_page``'s translation into ``locale``.

    The source's latest revision is synced into wagtail-localize first. ``values``
    optionally gives target-language field values (plain fields as strings, rich
    text as HTML, StreamFields as ``[{"type", "value"}, ...]`` lists in the same
    order as the source); they are stored as manual string translations, exactly as
    if a translator had typed them. Strings without a value fall back to the source.
    """
    with transaction.atomic():
        instance = source_page.specific.get_latest_revision_as_object()
        source, _ = TranslationSource.update_or_create_from_instance(instance)
        translation, _ = Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        if values:
            _store_values(translation, instance, values, user=user)
        return _save_target(translation, instance, user=user, publish=publish)


def sync_translations(source_page: Page, *, publish: bool = False, user=None) -> list:
    """Push the source's latest content to every enabled translation.

    Strings that are new or changed in the source have no translation yet; they show
    as untranslated in the translation editor and make ``translation_status`` behind.
    """
    translated = []
    with transaction.atomic():
        instance = source_page.specific.get_latest_revision_as_object()
        source, _ = TranslationSource.update_or_create_from_instance(instance)
        for translation in source.translations.filter(enabled=True):
            translated.append(
                _save_target(translation, instance, user=user, publish=publish)
            )
    return translated


def _save_target(translation: Translation, instance, *, user, publish: bool) -> Page:
    """Save the translated page as a draft, or publish it, in this transaction.

    Goes through the wagtail-localize gap module: its ``save_target`` overwrites
    a live page's row even for a draft and defers publishing to
    ``transaction.on_commit``, outside an import's or a request's transaction.
    """
    if publish:
        publish_translation(translation, user)
    else:
        save_draft(translation, user)
    return instance.get_translation(translation.target_locale)


def translation_status(page: Page) -> TranslationStatus | None:
    """How far ``page`` (a translation) is behind its source; None for a source."""
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id
        )
        .select_related("source", "source__locale")
        .first()
    )
    if translation is None:
        return None
    total, translated = translation.get_progress()
    source_page = (
        Page.objects.filter(
            translation_key=page.translation_key,
            locale_id=translation.source.locale_id,
        )
        .only("latest_revision_created_at")
        .first()
    )
    changed = bool(
        source_page
        and source_page.latest_revision_created_at
        and source_page.latest_revision_created_at > translation.source.last_updated_at
    )
    return TranslationStatus(
        source_locale=translation.source.locale.language_code,
        total_segments=total,
        translated_segments=translated,
        source_changed_since_sync=changed,
    )


def _store_values(translation: Translation, instance, values, *, user) -> None:
    # A detached copy of the source, holding the target-language values.
    target_like = instance.__class__.from_serializable_data(
        instance.serializable_data()
    )
    for field_name, value in values.items():
        if isinstance(value, list):
            value = _aligned_stream(field_name, getattr(instance, field_name), value)
        setattr(target_like, field_name, value)

    target_strings: dict[str, list[str]] = defaultdict(list)
    for segment in extract_segments(target_like):
        if isinstance(segment, StringSegmentValue):
            target_strings[segment.path].append(segment.string.data)

    given_fields = set(values)
    po = translation.export_po()
    seen: dict[str, int] = defaultdict(int)
    for entry in po:
        if entry.obsolete or entry.msgctxt.split(".")[0] not in given_fields:
            continue
        position = seen[entry.msgctxt]
        seen[entry.msgctxt] += 1
        candidates = target_strings.get(entry.msgctxt, [])
        if position >= len(candidates):
            raise TranslationMismatchError(
                entry.msgctxt,
                f"the source has more text segments here ({position + 1}+) than the "
                f"translation ({len(candidates)}); keep the same paragraphs and blocks",
            )
        entry.msgstr = candidates[position]
    for path, strings in target_strings.items():
        if path.split(".")[0] in given_fields and len(strings) > seen.get(path, 0):
            raise TranslationMismatchError(
                path,
                f"the translation has {len(strings)} text segments here, the source "
                f"{seen.get(path, 0)}; keep the same paragraphs and blocks",
            )
    translation.import_po(po, user=user, tool_name=TOOL_NAME)


def _aligned_stream(field_name: str, source_stream, blocks: list[dict]) -> list[dict]:
    """Give target blocks the source's block ids, so segment paths line up."""
    source_blocks = list(source_stream.raw_data)
    if len(blocks) != len(source_blocks):
        raise TranslationMismatchError(
            field_name,
            f"the translation has {len(blocks)} blocks, the source "
            f"{len(source_blocks)}",
        )
    aligned = []
    for index, (block, source_block) in enumerate(
        zip(blocks, source_blocks, strict=True)
    ):
        if block.get("type") != source_block["type"]:
            raise TranslationMismatchError(
                f"{field_name}[{index}].type",
                f"is {block.get('type')!r} but the source block is "
                f"{source_block['type']!r}",
            )
        aligned.append({**block, "id": source_block["id"]})
    return aligned


@dataclass(frozen=True)
class PublicationLag:
    """The public view of "behind": the source went live after the translation."""

    behind: bool


def publication_lags(pages) -> dict[int, PublicationLag | None]:
    """Public "behind" flags for many pages (with ``pk``, ``translation_key``,
    ``locale_id``) in two queries; None for a page that is not a translation.

    Only live pages' publish times are read: they change when something is
    published, never when someone saves a draft or a translator types, so the
    flag reveals no unpublished work and stays valid until the next publish,
    which is when the API's caches are invalidated anyway. The admin's per-string
    progress is ``translation_status``.
    """
    pages = list(pages)
    result: dict[int, PublicationLag | None] = {page.pk: None for page in pages}
    keys = {page.translation_key for page in pages}
    if not keys:
        return result
    source_locales: dict[str, set[int]] = defaultdict(set)
    for key, locale_id in TranslationSource.objects.filter(
        object_id__in=keys
    ).values_list("object_id", "locale_id"):
        source_locales[str(key)].add(locale_id)
    published = {
        (str(key), locale_id): at
        for key, locale_id, at in Page.objects.filter(
            translation_key__in=keys, live=True
        ).values_list("translation_key", "locale_id", "last_published_at")
    }
    for page in pages:
        key = str(page.translation_key)
        own = published.get((key, page.locale_id))
        for source_locale in source_locales.get(key, ()):
            if source_locale == page.locale_id:
                continue
            source_at = published.get((key, source_locale))
            result[page.pk] = PublicationLag(
                behind=bool(own and source_at and source_at > own)
            )
    return result


def ensure_translation(
    source_page: Page,
    locale: Locale,
    *,
    values: Mapping[str, Any] | None = None,
    source_changed: bool,
    publish: bool = True,
) -> Page:
    """``translate_page``, rolled back when it would change nothing.

    A translation whose source changed is always synced, even if its own values
    are the same, so new source strings reach the translators.
    """
    from cms.pages import write_unless_unchanged

    existing = source_page.get_translation_or_none(locale)
    translated, _outcome = write_unless_unchanged(
        existing,
        lambda: translate_page(source_page, locale, values=values, publish=publish),
        publish=publish,
        compare=not source_changed,
    )
    return translated
