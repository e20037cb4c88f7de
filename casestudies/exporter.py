"""Export case studies and columns in the importer's own format, images included.

The other half of ``import_casestudies`` (``docs/importer.md``): exporting and then
importing into an empty site gives the same pages, translations (with the same
fields translated), tags, themes and images. It is also how a casebook moves to
another installation.

* Each page is written from its latest revision, so drafts travel too.
* A translation record gives only the fields wagtail-localize counts as translated
  (``cms.translation_state.untranslated_fields``); the rest fall back to the source
  after import, as they did before. A body counts as one field: a partly translated
  body is exported whole.
* Rich text leaves as HTML with public URLs (Wagtail's ``expand_db_html``).
* Image files are written once each, named by their content hash, so importing
  reuses an image already in the library.
* The document is checked against the importer's JSON Schema before anything is
  written, and written to a temporary name first: a failed export leaves no file.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils import translation
from jsonschema import Draft202012Validator
from wagtail.models import Page
from wagtail.rich_text import expand_db_html
from wagtail_localize.models import TranslationSource

from casestudies.importer.records import DEFAULT_LOCALE, IMAGE_FIELD
from casestudies.importer.schema import load_schema
from casestudies.importer.values import TRANSLATED_BLOCK_PARTS, TRANSLATED_TEXT_FIELDS
from casestudies.models import CaseStudyIndexPage, CaseStudyPage, ColumnPage
from cms.translation_state import untranslated_fields

FILE_NAME = "casebook.json"
IMAGE_DIR = "images"
RICH_TEXT_FIELDS = ("devised", "challenges", "outcomes")
KINDS = {"case_study": CaseStudyPage, "column": ColumnPage}
COLLECTIONS = {"case_study": "case_studies", "column": "columns"}


class ExportError(ValueError):
    """The export could not be made; nothing was written."""


@dataclass
class ExportSummary:
    path: Path
    counts: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        return [f"Wrote {self.path}"] + [
            f"  {what}: {count}" for what, count in self.counts.items()
        ]


def export_casebook(
    out_dir: Path,
    *,
    locales: Collection[str] = (),
    sections: Collection[str] = (),
    keys: Collection[str] = (),
) -> ExportSummary:
    """Write ``out_dir/casebook.json`` and its image files; filters narrow it."""
    out_dir = Path(out_dir)
    writer = _Exporter(out_dir, locales=set(locales), sections=set(sections))
    groups = writer.groups(keys=set(keys))
    document = writer.document(groups)
    errors = sorted(
        Draft202012Validator(load_schema()).iter_errors(document),
        key=lambda e: list(e.path),
    )
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.path)
        raise ExportError(
            f"the export does not match the import format: {where}: {first.message}"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    writer.write_images()
    target = out_dir / FILE_NAME
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=out_dir, delete=False, suffix=".tmp"
    ) as handle:
        json.dump(document, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    os.replace(handle.name, target)
    return ExportSummary(
        target,
        {
            "case studies": sum(
                1 for r in document["case_studies"] if "translation_of" not in r
            ),
            "columns": sum(1 for r in document["columns"] if "translation_of" not in r),
            "translations": sum(
                1
                for r in (*document["case_studies"], *document["columns"])
                if "translation_of" in r
            ),
            "themes": len(document["themes"]),
            "images": len(writer.images),
        },
    )


@dataclass
class _Group:
    """One piece of content: its source page and its translations."""

    kind: str
    key: str
    source: Page
    translations: list[Page]


class _Exporter:
    def __init__(self, out_dir: Path, *, locales: set[str], sections: set[str]):
        self.out_dir = out_dir
        self.locales = locales
        self.sections = sections
        self.images: dict[str, Any] = {}  # relative file name → image
        self.themes: dict[str, dict[str, str]] = {}
        self.keys: dict[str, str] = {}  # translation_key → record key
        self._used_keys: set[str] = set()

    # -- which pages ------------------------------------------------------------

    def groups(self, *, keys: set[str]) -> list[_Group]:
        groups = []
        for kind, model in KINDS.items():
            by_key: dict[str, list[Page]] = {}
            for page in model.objects.select_related("locale").order_by("path"):
                by_key.setdefault(str(page.translation_key), []).append(page)
            for pages in by_key.values():
                source = _source_of(pages)
                key = self._key_for(kind, source)
                if keys and key not in keys:
                    continue
                in_section = kind != "case_study" or not self.sections
                if not in_section and _section(source) not in self.sections:
                    continue
                others = [p for p in pages if p.pk != source.pk]
                groups.append(_Group(kind, key, source, others))
        return groups

    def _key_for(self, kind: str, page: Page) -> str:
        key = getattr(page, "import_key", "") or f"{kind.replace('_', '-')}-{page.slug}"
        base, n = key, 2
        while key in self._used_keys:
            key, n = f"{base}-{n}", n + 1
        self._used_keys.add(key)
        self.keys[str(page.translation_key)] = key
        return key

    # -- the document -------------------------------------------------------------

    def document(self, groups: Iterable[_Group]) -> dict[str, Any]:
        records: dict[str, list[dict]] = {"case_study": [], "column": []}
        for group in groups:
            source = group.source.get_latest_revision_as_object()
            if self._wanted(group.source):
                records[group.kind].append(self._source_record(group, source))
            for page in group.translations:
                if self._wanted(page):
                    records[group.kind].append(
                        self._translation_record(group, page, source)
                    )
        return {
            "version": 1,
            "themes": sorted(self.themes.values(), key=lambda t: t["slug"]),
            "case_studies": records["case_study"],
            "columns": records["column"],
        }

    def _wanted(self, page: Page) -> bool:
        return not self.locales or page.locale.language_code in self.locales

    def _source_record(self, group: _Group, page) -> dict[str, Any]:
        language = page.locale.language_code
        record: dict[str, Any] = {"key": group.key}
        if language != DEFAULT_LOCALE:
            record["locale"] = language
        if group.kind == "case_study":
            record["section"] = _section(group.source)
        record.update(title=page.title, slug=page.slug)
        image_field = IMAGE_FIELD[group.kind]
        if group.kind == "case_study":
            if page.prefecture:
                record["prefecture"] = page.prefecture
            if page.municipality:
                record["municipality"] = page.municipality
        record["summary"] = page.summary
        top = getattr(page, image_field)
        if top is not None:
            record[image_field] = {
                "file": self._image_file(top),
                "alt": getattr(page, f"{image_field}_alt"),
                **({"credit": top.credit} if getattr(top, "credit", "") else {}),
            }
        record["body"] = self._body(page, language)
        if group.kind == "case_study":
            for name in RICH_TEXT_FIELDS:
                if getattr(page, name):
                    record[name] = _html(getattr(page, name), language)
            record["tags"] = _tags(page)
            themes = []
            for theme in page.themes.all():
                themes.append(theme.slug)
                self.themes[theme.slug] = {
                    "slug": theme.slug,
                    "name_ja": theme.name_ja,
                    "name_en": theme.name_en,
                }
            if themes:
                record["themes"] = themes
            if page.is_sample:
                record["is_sample"] = True
        else:
            record.update(
                author_name=page.author_name,
                home_country=page.home_country,
                placement=page.placement,
            )
            related = page.related_case_study
            if related is not None:
                record["related_case_study"] = self.keys.get(
                    str(related.translation_key)
                ) or self._key_for("case_study", related)
        return record

    def _translation_record(self, group: _Group, page: Page, source) -> dict:
        page = page.get_latest_revision_as_object()
        language = page.locale.language_code
        open_fields = set(untranslated_fields(page))
        record: dict[str, Any] = {
            "key": f"{group.key}-{language}",
            "translation_of": group.key,
            "locale": language,
            "title": page.title,
        }
        for name in TRANSLATED_TEXT_FIELDS[group.kind]:
            value = getattr(page, name)
            if name in open_fields or not value:
                continue
            record[name] = _html(value, language) if name in RICH_TEXT_FIELDS else value
        image_field = IMAGE_FIELD[group.kind]
        alt_field = f"{image_field}_alt"
        if getattr(page, image_field) is not None and alt_field not in open_fields:
            record[image_field] = {"alt": getattr(page, alt_field)}
        if "body" not in open_fields and len(page.body):
            record["body"] = [
                _translated_block(block, language) for block in page.body.raw_data
            ]
        return record

    def _body(self, page, language: str) -> list[dict[str, Any]]:
        blocks = []
        for block in page.body:
            value = block.value
            if block.block_type == "paragraph":
                blocks.append(
                    {"type": "paragraph", "value": _html(value.source, language)}
                )
            elif block.block_type == "image":
                entry = {
                    "alt_text": value.get("alt_text") or "",
                    "decorative": bool(value.get("decorative")),
                    "caption": value.get("caption") or "",
                }
                if value.get("image") is not None:
                    entry = {"file": self._image_file(value["image"]), **entry}
                blocks.append({"type": "image", "value": entry})
            else:
                blocks.append(
                    {
                        "type": block.block_type,
                        "value": {k: v or "" for k, v in dict(value).items()},
                    }
                )
        return blocks

    # -- images -------------------------------------------------------------------

    def _image_file(self, image) -> str:
        with image.open_file() as handle:
            data = handle.read()
        suffix = Path(image.file.name).suffix.lower() or ".png"
        name = f"{IMAGE_DIR}/{hashlib.sha1(data).hexdigest()[:20]}{suffix}"
        self.images[name] = data
        return name

    def write_images(self) -> None:
        for name, data in self.images.items():
            path = self.out_dir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


def _source_of(pages: list[Page]) -> Page:
    """The page the others translate: wagtail-localize's source, else Japanese."""
    source_locales = set(
        TranslationSource.objects.filter(
            object_id=pages[0].translation_key
        ).values_list("locale__language_code", flat=True)
    )
    for page in pages:
        if page.locale.language_code in source_locales:
            return page
    for page in pages:
        if page.locale.language_code == DEFAULT_LOCALE:
            return page
    return pages[0]


def _section(page: Page) -> str:
    parent = page.get_parent()
    index = CaseStudyIndexPage.objects.filter(pk=parent.pk).first() if parent else None
    if index is None:
        raise ExportError(f"case study {page.pk} ({page.title}) is not in a section")
    return index.section


def _tags(page) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    # A revision's tags come from its own data, not a query: sort in Python.
    ordered = sorted(
        page.tags.all(), key=lambda t: (t.group.sort_order, t.sort_order, t.pk)
    )
    for tag in ordered:
        grouped.setdefault(tag.group.slug, []).append(tag.slug)
    return grouped


def _html(value: str, language: str) -> str:
    # Public URLs of linked pages, in the page's own language.
    with translation.override(language):
        return expand_db_html(value or "")


def _translated_block(block: dict[str, Any], language: str) -> dict[str, Any]:
    block_type, value = block["type"], block["value"]
    if block_type == "paragraph":
        return {"type": "paragraph", "value": _html(value, language)}
    parts = TRANSLATED_BLOCK_PARTS[block_type]
    return {
        "type": block_type,
        "value": {k: value.get(k) or "" for k in parts if value.get(k)},
    }
