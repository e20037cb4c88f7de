"""Writing a validated import plan, all or nothing.

Pages are created and updated only through ``cms.pages.upsert_child_page`` and
translations only through ``cms.translation.translate_page``. The whole import runs
in one transaction: an error while writing (a translation whose paragraphs do not
line up with its source, a publishing rule) rolls everything back and is reported
with the record and field concerned.

Re-importing an unchanged file changes nothing: each page is written inside a
savepoint, and when the new revision's content equals the previous one the savepoint
is rolled back, so no empty revisions pile up in the page history.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from casestudies.importer.errors import ImportFailed
from casestudies.importer.images import ImageStore
from casestudies.importer.records import Record
from casestudies.importer.validate import PAGE_MODELS, Plan, parent_page
from casestudies.importer.values import (
    RichTextInput,
    page_body_raw,
    rich_text_warnings,
    source_values,
    translation_values,
)
from cms.api import version
from cms.models import Tag, Theme
from cms.pages import upsert_child_page, write_unless_unchanged
from cms.publishing import PublishingRulesError
from cms.translation import TranslationMismatchError, translate_page


@dataclass
class Summary:
    """What an import did (or, for a dry run, would do)."""

    pages: dict[str, Counter] = field(default_factory=dict)
    images_created: int = 0
    images_reused: int = 0
    themes_written: int = 0
    dry_run: bool = False
    # What rich-text cleaning removed, per record and field (docs/importer.md).
    warnings: list = field(default_factory=list)

    def count(self, what: str, outcome: str) -> None:
        self.pages.setdefault(what, Counter())[outcome] += 1

    def lines(self) -> list[str]:
        lines = []
        for what, counts in self.pages.items():
            lines.append(
                _(
                    "%(what)s: %(created)d created, %(updated)d updated, "
                    "%(same)d unchanged"
                )
                % {
                    "what": what,
                    "created": counts["created"],
                    "updated": counts["updated"],
                    "same": counts["unchanged"],
                }
            )
        lines.append(
            _("images: %(created)d created, %(reused)d reused")
            % {"created": self.images_created, "reused": self.images_reused}
        )
        lines.append(_("themes written: %(count)d") % {"count": self.themes_written})
        for warning in self.warnings:
            lines.append(_("warning: %(warning)s") % {"warning": warning})
        if self.dry_run:
            lines.append(_("dry run: everything was rolled back"))
        return lines


class _DryRunDone(Exception):
    """Rolls back a complete dry run."""


def write_plan(
    plan: Plan, *, publish: bool, dry_run: bool = False, user=None, strict: bool = False
) -> Summary:
    """Write ``plan``. Rich text is stored as the editor would store it; what that
    removes is a warning in the summary, or with ``strict`` an error raised before
    anything is written."""
    warnings = rich_text_warnings(plan.records)
    if strict and warnings:
        raise ImportFailed(warnings)
    writer = _Writer(plan, publish=publish, user=user)
    writer.summary.warnings = warnings
    try:
        # One version bump, at the end: the import does not hold the version row
        # (and with it every other publisher) from its first page to its last.
        with transaction.atomic(), version.deferred():
            writer.write()
            if dry_run:
                raise _DryRunDone
    except _DryRunDone:
        writer.summary.dry_run = True
        writer.images.discard_stored_files()
    except BaseException:
        writer.images.discard_stored_files()
        raise
    writer.summary.images_created = writer.images.created
    writer.summary.images_reused = writer.images.reused
    return writer.summary


class _Writer:
    def __init__(self, plan: Plan, *, publish: bool, user) -> None:
        self.plan = plan
        self.publish = publish
        self.user = user
        self.images = ImageStore()
        self.summary = Summary()
        self.pages: dict[str, Page] = {}  # source pages by record key
        self.changed: set[str] = set()  # source keys whose page changed in this run
        self.tags: dict[str, Tag] = {}
        self.themes: dict[str, Theme] = {}

    def write(self) -> None:
        self._write_themes()
        self.tags = {t.slug: t for t in Tag.objects.select_related("group")}
        self.themes = {t.slug: t for t in Theme.objects.all()}
        for kind, what in (("case_study", _("case studies")), ("column", _("columns"))):
            for record in self.plan.of(kind, translations=False):
                self._guarded(record, self._write_source, what)
            for record in self.plan.of(kind, translations=True):
                self._guarded(record, self._write_translation, what)

    def _write_themes(self) -> None:
        for theme in self.plan.themes:
            names = {"name_ja": theme["name_ja"], "name_en": theme["name_en"]}
            existing = Theme.objects.filter(slug=theme["slug"]).first()
            if existing and all(getattr(existing, k) == v for k, v in names.items()):
                continue
            Theme.objects.update_or_create(slug=theme["slug"], defaults=names)
            self.summary.themes_written += 1

    def _guarded(self, record: Record, write: Callable, what: str) -> None:
        """Run one record's write, turning write-time errors into located problems."""
        try:
            outcome = write(record)
        except TranslationMismatchError as exc:
            raise ImportFailed(
                [record.problem(self._block_path(record, exc.path), exc.message)]
            ) from exc
        except PublishingRulesError as exc:
            raise ImportFailed(
                [
                    record.problem(
                        v.field or "", _("cannot be published: %s") % v.message
                    )
                    for v in exc.violations
                ]
            ) from exc
        except ValidationError as exc:
            raise ImportFailed(
                [
                    record.problem("" if name == "__all__" else name, message)
                    for name, messages in _error_dict(exc).items()
                    for message in messages
                ]
            ) from exc
        self.summary.count(f"{what} ({record.locale})", outcome)

    # -- source records ---------------------------------------------------------

    def _write_source(self, record: Record) -> str:
        model = PAGE_MODELS[record.kind]
        parent = parent_page(record)
        existing = (
            model.objects.child_of(parent)
            .filter(import_key=record.key, locale=parent.locale)
            .first()
        )
        refs = {ref.path: ref for ref in record.images}
        rich_text = self._rich_text(record)
        values = source_values(
            record,
            image_for=lambda name: self.images.image_for(
                refs[self.plan.base_dir / name]
            ),
            tags=self.tags,
            themes=self.themes,
            rich_text=rich_text,
        )
        if rich_text.link_problems:
            raise ImportFailed(rich_text.link_problems)
        if record.kind == "column":
            values["related_case_study"] = self._related_case_study(record)
        if existing is not None:
            _keep_block_ids(values["body"], page_body_raw(existing))

        def write() -> Page:
            return upsert_child_page(
                parent,
                model,
                match={"import_key": record.key},
                values=values,
                publish=self.publish,
                user=self.user,
            )

        page, outcome = self._apply(existing, write, compare=True)
        self.pages[record.key] = page
        if outcome != "unchanged":
            self.changed.add(record.key)
        return outcome

    def _related_case_study(self, record: Record) -> Page | None:
        key = record.data.get("related_case_study")
        if key is None:
            return None
        page = (
            self.pages.get(key)
            or PAGE_MODELS["case_study"].objects.filter(import_key=key).first()
        )
        locale = Locale.objects.get(language_code=record.locale)
        return page.get_translation(locale)

    # -- translation records ----------------------------------------------------

    def _write_translation(self, record: Record) -> str:
        source = self.pages.get(record.translation_of)
        if source is None:
            source = (
                PAGE_MODELS[record.kind]
                .objects.filter(import_key=record.translation_of)
                .exclude(locale__language_code=record.locale)
                .get()
            )
        locale = Locale.objects.get(language_code=record.locale)
        existing = source.get_translation_or_none(locale)
        rich_text = self._rich_text(record)
        values = translation_values(record, page_body_raw(source), rich_text)
        if rich_text.link_problems:
            raise ImportFailed(rich_text.link_problems)

        def write() -> Page:
            return translate_page(
                source, locale, values=values, publish=self.publish, user=self.user
            )

        # A changed source must be synced even if the translated words are the same.
        compare = record.translation_of not in self.changed
        _page, outcome = self._apply(existing, write, compare=compare)
        return outcome

    # -- helpers ----------------------------------------------------------------

    @staticmethod
    def _rich_text(record: Record) -> RichTextInput:
        """Cleans a record's rich text; internal links resolve against the site as
        written so far. Validation accepted links to pages of this file, so a link
        that does not resolve here names a page the file imports later."""
        return RichTextInput(
            record,
            missing_message=_(
                "links to %(url)s, a %(what)s this file imports after this record; "
                "list the linked record first"
            ),
        )

    def _apply(
        self, existing: Page | None, write: Callable[[], Page], *, compare: bool
    ) -> tuple[Page, str]:
        return write_unless_unchanged(
            existing, write, publish=self.publish, compare=compare
        )

    def _block_path(self, record: Record, path: str) -> str:
        """``body.<block uuid>.caption`` → ``body[2].value.caption``."""
        parts = path.split(".")
        if len(parts) < 2 or parts[0] != "body":
            return path
        source = (
            self.pages.get(record.translation_of) if record.is_translation else None
        )
        ids = [block.get("id") for block in page_body_raw(source)] if source else []
        if parts[1] in ids:
            return ".".join([f"body[{ids.index(parts[1])}].value", *parts[2:]])
        return path


def _keep_block_ids(new_body: list[dict], old_body: list[dict]) -> None:
    """Reuse the stored block ids position by position where the type is the same.

    Stable ids keep wagtail-localize's segment contexts (and so the existing English
    strings) attached to the same blocks, and let an unchanged re-import compare equal.
    """
    for new, old in zip(new_body, old_body, strict=False):
        if new["type"] == old.get("type") and old.get("id"):
            new["id"] = old["id"]


def _error_dict(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return dict(exc.message_dict)
    return {"__all__": list(exc.messages)}
