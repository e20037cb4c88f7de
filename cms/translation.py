"""Translations through wagtail-localize: create, sync, fill in and report status.

Every translated page in the project is made here, never by copying pages by hand,
so that wagtail-localize knows each English string's Japanese source and can show a
translator what changed when the source is edited and synced.

This is the normal path: it uses wagtail-localize's public API only
(``TranslationSource``, ``Translation.export_po`` / ``import_po`` /
``save_target``) and imports no upstream-gap workaround. The one step a
workaround may replace, writing a translation into its target page, goes
through ``save_target`` here; a workaround installs its own version with
``install_save_target`` (see ``cms.apps``), so deleting the workaround leaves
this module working with wagtail-localize's own behaviour. The public API's
read-only "behind" flags are in ``cms.translation_lag``.

Rich text is stored as Wagtail's own editor would store it, for each field's
features, whoever wrote it: values given in code are cleaned in
``_store_values``; whatever wagtail-localize itself writes into a synced
translation (its editor, "Translate this page", sync, a PO upload, any caller
of ``Translation.save_target``) is cleaned by ``clean_translated_rich_text``,
a ``pre_save`` receiver (``connect``, from ``cms.apps``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import pre_save
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from cms.rich_text_input import (
    clean_field_values,
    model_rich_text_fields,
    stream_rich_text_blocks,
)

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


class SaveTargetStep(Protocol):
    """Writes ``translation``'s strings into its target page, as a draft or live."""

    def __call__(self, translation: Translation, *, user, publish: bool) -> None: ...


def _wagtail_localize_save_target(
    translation: Translation, *, user, publish: bool
) -> None:
    translation.save_target(user=user, publish=publish)


# The hook point: wagtail-localize's own ``save_target`` unless a workaround
# module has installed a replacement (one at a time; the last install wins).
_save_target_step: SaveTargetStep = _wagtail_localize_save_target


def install_save_target(step: SaveTargetStep | None) -> None:
    """Make ``step`` the way translations are written; None restores
    wagtail-localize's ``Translation.save_target``."""
    global _save_target_step
    _save_target_step = step or _wagtail_localize_save_target


def save_target(translation: Translation, *, user=None, publish: bool) -> None:
    """Write ``translation`` into its target page: a draft, or published.

    Every write of a translated page the project itself makes (importer, site
    structure, the moderation views) comes through here, so a replacement
    installed with ``install_save_target`` applies to all of them at once.
    wagtail-localize's own views call ``Translation.save_target`` directly.
    """
    _save_target_step(translation, user=user, publish=publish)


def target_page(translation: Translation) -> Page | None:
    """The page ``translation`` writes into, if it exists yet (specific)."""
    page = Page.objects.filter(
        translation_key=translation.source.object_id,
        locale_id=translation.target_locale_id,
    ).first()
    return page.specific if page else None


def _save_target(translation: Translation, instance, *, user, publish: bool) -> Page:
    save_target(translation, user=user, publish=publish)
    return instance.get_translation(translation.target_locale)


# -- rich text wagtail-localize writes --------------------------------------------
#
# wagtail-localize checks a translated string only against its own fixed list
# of inline tags (``wagtail_localize.strings.INLINE_TAGS``: ``<code>``,
# ``<abbr>``, ``<strong>``…), never against the field's features, and Wagtail
# enforces features only in its editor's form, not when a model is saved. So a
# translator's ``<code>`` in a paragraph field without it would be stored as
# typed. Not an upstream gap with a workaround module: no wagtail-localize issue
# reports it (the nearest, #305, is about block validators; #778 about its fixed
# tag list splitting custom inline styles), and Wagtail itself leaves model saves
# unchecked. It is this project's rule of one rich-text format whatever the write
# path, so it lives on the normal path, with ``_store_values``.
#
# Why ``pre_save``, not the ``save_target`` step above: wagtail-localize's own
# "Translate this page" and snippet editor call ``Translation.save_target``
# directly, and inside it the page is filled in (``ingest_segments``), saved, and
# then its revision is made from the same instance; cleaning that instance just
# before its row is written means the row, the revision and a later publish of
# that revision all hold the cleaned text: no extra revision, nothing lost but
# markup outside the field's features.


@cache
def _rich_content_fields(model: type[Model]) -> tuple[str, ...]:
    """Fields of ``model`` holding rich text: RichTextFields, and StreamFields
    with top-level rich-text blocks (what ``clean_field_values`` cleans)."""
    names = list(model_rich_text_fields(model))
    for field in model._meta.get_fields():
        if isinstance(field, StreamField) and stream_rich_text_blocks(
            field.stream_block
        ):
            names.append(field.name)
    return tuple(names)


def _raw_value(instance: Model, name: str) -> Any:
    """The field's value as ``clean_field_values`` takes it: HTML, or a raw
    block list for a StreamField."""
    field = instance._meta.get_field(name)
    value = getattr(instance, name)
    if isinstance(field, StreamField):
        return list(field.stream_block.get_prep_value(value))
    return value


def clean_rich_text_fields(instance: Model, names: tuple[str, ...]) -> list[str]:
    """Store ``instance``'s rich text in ``names`` as the editor would for each
    field's features (in memory); returns the fields that changed."""
    values = {name: _raw_value(instance, name) for name in names}
    cleaned, _results = clean_field_values(type(instance), values)
    changed = [name for name in names if cleaned[name] != values[name]]
    for name in changed:
        setattr(instance, name, cleaned[name])
    return changed


def _is_synced_translation(instance: TranslatableMixin) -> bool:
    """True when wagtail-localize writes ``instance`` (an enabled translation
    into its locale); a translation stopped to be edited in Wagtail's own editor
    is left to that editor."""
    return Translation.objects.filter(
        source__object_id=instance.translation_key,
        target_locale_id=instance.locale_id,
        enabled=True,
    ).exists()


def clean_translated_rich_text(
    sender, instance: Model, raw: bool = False, update_fields=None, **kwargs
) -> None:
    """``pre_save``: a synced translation's rich text, as the editor stores it."""
    if raw or not isinstance(instance, TranslatableMixin):
        return
    names = _rich_content_fields(type(instance))
    if update_fields is not None:
        # A partial save (e.g. save_revision's bookkeeping) writes only these.
        names = tuple(name for name in names if name in update_fields)
    if names and _is_synced_translation(instance):
        clean_rich_text_fields(instance, names)


def connect() -> None:
    """Clean every write of a synced translation (idempotent)."""
    pre_save.connect(
        clean_translated_rich_text,
        dispatch_uid="cms.translation.clean_translated_rich_text",
    )


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
    # Rich text as the editor would store it, whoever wrote the values.
    values, _cleaned = clean_field_values(instance.__class__, values)
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
