"""Whole-file validation: schema first, then the meaning of every record.

Everything that can be known before writing is checked here and reported together,
so an editor fixes a file in one pass and a rejected file never half-imports.
Checks that need the database (tags, themes, sections, records imported earlier)
only read from it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from casestudies.importer.errors import ImportFailed, Problem
from casestudies.importer.limits import file_size_problem, image_problem
from casestudies.importer.markdown import markdown_as_html
from casestudies.importer.records import IMAGE_FIELD, Record, read_records
from casestudies.importer.schema import limit_problems, parse_json, schema_problems
from casestudies.importer.values import (
    TRANSLATED_TEXT_FIELDS,
    RichTextInput,
    merged_body,
    page_body_raw,
    source_values,
)
from casestudies.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    ColumnIndexPage,
    ColumnPage,
)
from cms.blocks.media import validate_video_url
from cms.models import Tag, Theme
from cms.prefectures import get_prefecture
from cms.rich_text_input import LinkTarget, internal_link_kind, resolve_internal_url

PAGE_MODELS = {"case_study": CaseStudyPage, "column": ColumnPage}
KIND_NAMES = {"case_study": "case study", "column": "column"}
# Publishing-rule fields (model field names) → where they are in a record.
RULE_FIELD_PATHS = {"hero_image_alt": "hero_image.alt", "portrait_alt": "portrait.alt"}
# Stands in for an image during the publishing check (the file is only read later).
_IMAGE_STAND_IN = object()


@dataclass
class Plan:
    """A validated file: what the writer imports, in order."""

    base_dir: Path
    themes: list[dict[str, str]]
    records: list[Record]

    def of(self, kind: str, *, translations: bool) -> list[Record]:
        return [
            r
            for r in self.records
            if r.kind == kind and r.is_translation == translations
        ]


def read_plan(path: Path, *, publish: bool) -> Plan:
    """Parse and validate the file at ``path``; raise ImportFailed listing problems."""
    try:
        too_big = file_size_problem(path.stat().st_size)  # before reading it
        if too_big:
            raise ImportFailed([Problem(str(path), "", too_big)])
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFailed(
            [Problem(str(path), "", _("cannot be read: %s") % exc)]
        ) from exc
    document, problems = parse_json(text, str(path))
    if problems:
        raise ImportFailed(problems)
    return validate_document(document, path.parent, publish=publish)


def validate_document(document: Any, base_dir: Path, *, publish: bool) -> Plan:
    problems = [*schema_problems(document), *limit_problems(document)]
    if problems:
        # The semantic checks assume the shapes the schema guarantees.
        raise ImportFailed(problems)
    records = read_records(document, base_dir)
    problems = markdown_as_html(records)
    if problems:
        # Later checks compare and clean the text: they need it as HTML.
        raise ImportFailed(problems)
    problems = _Checker(document, records, base_dir, publish=publish).problems()
    if problems:
        raise ImportFailed(problems)
    return Plan(base_dir=base_dir, themes=document.get("themes", []), records=records)


class _Checker:
    def __init__(self, document, records: list[Record], base_dir: Path, *, publish):
        self.document = document
        self.records = records
        self.base_dir = base_dir.resolve()
        self.publish = publish
        self.tags = {t.slug: t for t in Tag.objects.select_related("group")}
        self.file_themes = {t["slug"] for t in document.get("themes", [])}
        self.themes = {t.slug: t for t in Theme.objects.all()}
        for slug in self.file_themes - set(self.themes):
            self.themes[slug] = Theme(slug=slug)
        self.sources: dict[str, Record] = {}
        for record in records:
            if not record.is_translation:
                self.sources.setdefault(record.key, record)
        self.by_key = {r.key: r for r in records}

    def problems(self) -> list[Problem]:
        problems = [*self._duplicates(), *self._image_problems()]
        for record in self.records:
            if record.is_translation:
                problems += self._translation_problems(record)
            else:
                problems += self._source_problems(record)
            problems += self._rich_text_problems(record)
        return problems

    # -- rich text ----------------------------------------------------------------

    def _rich_text_problems(self, record: Record) -> list[Problem]:
        """Internal links must name a page of the site or of this file, or a
        document of the site. (What cleaning removes is a warning, reported by the
        writer: ``values.rich_text_warnings``.)"""
        rich_text = RichTextInput(record, resolver=self._link_target)
        rich_text.all_values()
        return rich_text.link_problems

    def _link_target(self, url: str) -> LinkTarget | None:
        target = resolve_internal_url(url)
        if target is None and internal_link_kind(url) == "page":
            path = urlsplit(url.strip()).path.rstrip("/") + "/"
            if path in self._file_page_paths():
                return LinkTarget("page", 0)  # a page this file creates
        return target

    def _file_page_paths(self) -> set[str]:
        """``/<locale>/<route>/`` of every page this file creates or updates."""
        if hasattr(self, "_page_paths"):
            return self._page_paths
        paths: set[str] = set()
        for record in self.records:
            source = self.sources.get(record.translation_of or record.key)
            if source is None:
                continue
            parent = parent_page(source)
            if parent is None:
                continue
            if record.is_translation:
                parent = parent.get_translation_or_none(
                    Locale.objects.filter(language_code=record.locale).first()
                )
                if parent is None:
                    continue
            root = parent.get_site().root_page.get_translation_or_none(parent.locale)
            if root is None or not parent.url_path.startswith(root.url_path):
                continue
            route = parent.url_path[len(root.url_path) :]
            paths.add(f"/{record.locale}/{route}{source.data['slug']}/")
        self._page_paths = paths
        return paths

    # -- the file as a whole ---------------------------------------------------

    def _duplicates(self) -> list[Problem]:
        problems = []
        seen: dict[str, Record] = {}
        for record in self.records:
            if record.key in seen:
                problems.append(
                    record.problem(
                        "key",
                        _("duplicate key: %(first)s has the same key")
                        % {"first": seen[record.key].label},
                    )
                )
            else:
                seen[record.key] = record
        counts = Counter(t["slug"] for t in self.document.get("themes", []))
        for index, theme in enumerate(self.document.get("themes", [])):
            if counts[theme["slug"]] > 1:
                problems.append(
                    Problem(f"themes[{index}]", "slug", _("duplicate theme slug"))
                )
        slugs: dict[tuple, list[Record]] = defaultdict(list)
        for record in self.records:
            if not record.is_translation:
                place = (record.kind, record.data.get("section"), record.locale)
                slugs[(*place, record.data["slug"])].append(record)
        for clashing in slugs.values():
            for record in clashing[1:]:
                problems.append(
                    record.problem(
                        "slug",
                        _("%(first)s already uses this slug in the same section")
                        % {"first": clashing[0].label},
                    )
                )
        return problems

    def _image_problems(self) -> list[Problem]:
        problems = []
        verdicts: dict[Path, str | None] = {}
        for record in self.records:
            for ref in record.images:
                if ref.path not in verdicts:
                    verdicts[ref.path] = self._image_verdict(ref.path)
                if verdicts[ref.path]:
                    problems.append(record.problem(ref.field, verdicts[ref.path]))
        return problems

    def _image_verdict(self, path: Path) -> str | None:
        resolved = path.resolve()
        if not resolved.is_relative_to(self.base_dir):
            return _("must name a file inside the import file's folder")
        if not resolved.is_file():
            return _("image file not found: %(path)s") % {"path": path}
        return image_problem(resolved)  # size, pixels, format, truncation

    # -- source records ---------------------------------------------------------

    def _source_problems(self, record: Record) -> list[Problem]:
        problems = [*self._url_problems(record), *self._placement_problems(record)]
        if record.kind == "case_study":
            problems += self._taxonomy_problems(record)
        else:
            problems += self._related_problems(record)
        if self.publish and not problems:
            values = source_values(
                record,
                image_for=lambda _file: _IMAGE_STAND_IN,
                tags=self.tags,
                themes=self.themes,
            )
            problems += self._rule_problems(record, values)
        return problems

    def _taxonomy_problems(self, record: Record) -> list[Problem]:
        problems = []
        code = record.data.get("prefecture")
        if code is not None and get_prefecture(code) is None:
            problems.append(
                record.problem(
                    "prefecture",
                    _("unknown prefecture code %(code)r; use JP-01 … JP-47")
                    % {"code": code},
                )
            )
        for group, slugs in record.data.get("tags", {}).items():
            for position, slug in enumerate(slugs):
                tag = self.tags.get(slug)
                where = f"tags.{group}[{position}]"
                if tag is None:
                    problems.append(
                        record.problem(
                            where, _("unknown tag %(slug)r") % {"slug": slug}
                        )
                    )
                elif tag.group.slug != group:
                    problems.append(
                        record.problem(
                            where,
                            _("tag %(slug)r belongs to group %(actual)r, not %(group)r")
                            % {"slug": slug, "actual": tag.group.slug, "group": group},
                        )
                    )
        for position, slug in enumerate(record.data.get("themes", [])):
            if slug not in self.themes:
                problems.append(
                    record.problem(
                        f"themes[{position}]",
                        _("unknown theme %(slug)r: define it under themes")
                        % {"slug": slug},
                    )
                )
        return problems

    def _url_problems(self, record: Record) -> list[Problem]:
        problems = []
        validate = URLValidator(schemes=["http", "https"])
        for position, block in enumerate(record.data.get("body", [])):
            url = (
                block["value"].get("url") if isinstance(block["value"], dict) else None
            )
            if url is None:
                continue
            field = f"body[{position}].value.url"
            try:
                validate(url)
            except ValidationError:
                problems.append(
                    record.problem(
                        field, _("%(url)r is not an http(s) URL") % {"url": url}
                    )
                )
                continue
            if block["type"] == "video":
                # The block's own rule (YouTube or Vimeo over https), which
                # Page.full_clean does not run on StreamField blocks.
                try:
                    validate_video_url(url)
                except ValidationError as error:
                    problems.append(record.problem(field, " ".join(error.messages)))
        return problems

    def _placement_problems(self, record: Record) -> list[Problem]:
        """The parent page must exist, and re-imports must stay where they were."""
        parent = parent_page(record)
        if parent is None:
            if record.kind == "case_study":
                message = _(
                    "the %(section)r section has no index page in locale %(locale)r; "
                    "create the site structure first (load_demo_content does)"
                ) % {"section": record.data["section"], "locale": record.locale}
                return [record.problem("section", message)]
            message = _(
                "there is no column index page in locale %(locale)r; create the "
                "site structure first (load_demo_content does)"
            ) % {"locale": record.locale}
            return [record.problem("locale", message)]
        model = PAGE_MODELS[record.kind]
        existing = model.objects.filter(
            import_key=record.key, locale=parent.locale
        ).first()
        if existing and existing.get_parent().pk != parent.pk:
            return [
                record.problem(
                    "section",
                    _(
                        "this record was imported under %(url)s; moving it is not "
                        "supported"
                    )
                    % {"url": existing.get_parent().url_path},
                )
            ]
        clash = (
            Page.objects.child_of(parent)
            .filter(slug=record.data["slug"])
            .exclude(pk=getattr(existing, "pk", None))
            .first()
        )
        if clash:
            return [
                record.problem(
                    "slug",
                    _("the page %(title)r already uses this slug here")
                    % {"title": clash.title},
                )
            ]
        return []

    def _related_problems(self, record: Record) -> list[Problem]:
        key = record.data.get("related_case_study")
        if key is None:
            return []
        problem = self._related_case_study_problem(key, record.locale)
        return [record.problem("related_case_study", problem)] if problem else []

    def _related_case_study_problem(self, key: str, locale: str) -> str | None:
        target = self.by_key.get(key)
        if target is not None:
            if target.kind != "case_study" or target.is_translation:
                return _("%(label)s is not a source case-study record") % {
                    "label": target.label
                }
            if target.locale == locale or any(
                r.translation_of == key and r.locale == locale for r in self.records
            ):
                return None
            return _(
                "case study %(key)r has no %(locale)r version in this file or the site"
            ) % {"key": key, "locale": locale}
        page = CaseStudyPage.objects.filter(import_key=key).first()
        if page is None:
            return _("no case study with key %(key)r in this file or the site") % {
                "key": key
            }
        if not CaseStudyPage.objects.filter(
            import_key=key, locale__language_code=locale
        ).exists():
            return _(
                "case study %(key)r has no %(locale)r version in this file or the site"
            ) % {"key": key, "locale": locale}
        return None

    # -- translation records ----------------------------------------------------

    def _translation_problems(self, record: Record) -> list[Problem]:
        source = self._source_of(record)
        if isinstance(source, str):
            return [record.problem("translation_of", source)]
        problems = []
        source_locale = (
            source.locale if isinstance(source, Record) else source.locale.language_code
        )
        if source_locale == record.locale:
            problems.append(
                record.problem(
                    "locale",
                    _("is the source's locale %(locale)r; a translation needs another")
                    % {"locale": source_locale},
                )
            )
        twins = [
            r
            for r in self.records
            if r.translation_of == record.translation_of
            and r.locale == record.locale
            and r.index < record.index
            and r.kind == record.kind
        ]
        if twins:
            problems.append(
                record.problem(
                    "translation_of",
                    _("%(first)s already translates this record into %(locale)r")
                    % {"first": twins[0].label, "locale": record.locale},
                )
            )
        source_body = self._source_body(source)
        problems += self._structure_problems(record, source, source_body)
        if not problems:
            problems += self._text_problems(record, source, source_body)
        if self.publish and not problems:
            problems += self._translation_rule_problems(record, source, source_body)
        return problems

    def _source_of(self, record: Record) -> Record | Page | str:
        """The source record or page, or why there is none."""
        key = record.translation_of
        target = self.by_key.get(key)
        if target is not None:
            if target.is_translation:
                return _("%(label)s is itself a translation; name its source") % {
                    "label": target.label
                }
            if target.kind != record.kind:
                return _("%(label)s is a %(kind)s, not a %(expected)s") % {
                    "label": target.label,
                    "kind": KIND_NAMES[target.kind],
                    "expected": KIND_NAMES[record.kind],
                }
            return target
        page = (
            PAGE_MODELS[record.kind]
            .objects.filter(import_key=key)
            .exclude(locale__language_code=record.locale)
            .select_related("locale")
            .first()
        )
        if page is None:
            return _(
                "no record with key %(key)r in this file, and no imported page has it"
            ) % {"key": key}
        return page

    def _source_body(self, source: Record | Page) -> list[dict]:
        if isinstance(source, Record):
            body = source.data.get("body", [])
            return [{"type": b["type"], "value": b["value"]} for b in body]
        return page_body_raw(source)

    def _structure_problems(self, record, source, source_body) -> list[Problem]:
        problems = []
        body = record.data.get("body")
        if body is not None:
            if len(body) != len(source_body):
                problems.append(
                    record.problem(
                        "body",
                        _(
                            "has %(count)d blocks but the source has %(source)d; a "
                            "translation keeps the source's blocks in order"
                        )
                        % {"count": len(body), "source": len(source_body)},
                    )
                )
            else:
                for position, (block, src) in enumerate(
                    zip(body, source_body, strict=True)
                ):
                    if block["type"] != src["type"]:
                        problems.append(
                            record.problem(
                                f"body[{position}].type",
                                _("is %(type)r but the source block is %(source)r")
                                % {"type": block["type"], "source": src["type"]},
                            )
                        )
        image_field = IMAGE_FIELD[record.kind]
        if image_field in record.data and not _source_has_image(source, image_field):
            problems.append(
                record.problem(
                    f"{image_field}.alt",
                    _("the source has no %(field)s to describe")
                    % {"field": image_field},
                )
            )
        return problems

    def _text_problems(self, record, source, source_body) -> list[Problem]:
        """A translation gives text exactly where the source has text.

        wagtail-localize translates strings one for one: text where the source is
        empty has nothing to attach to, and an empty translation is "untranslated".
        """
        pairs = [
            (name, record.data[name], _source_text(source, name))
            for name in ("title", *TRANSLATED_TEXT_FIELDS[record.kind])
            if name in record.data
        ]
        image_field = IMAGE_FIELD[record.kind]
        if image_field in record.data:
            pairs.append(
                (
                    f"{image_field}.alt",
                    record.data[image_field]["alt"],
                    _source_text(source, f"{image_field}_alt"),
                )
            )
        for position, block in enumerate(record.data.get("body", [])):
            if not isinstance(block["value"], dict):
                continue
            src_value = source_body[position]["value"]
            for part, text in block["value"].items():
                pairs.append(
                    (f"body[{position}].value.{part}", text, src_value.get(part) or "")
                )
        problems = []
        for where, text, source_text in pairs:
            if text.strip() and not source_text.strip():
                problems.append(
                    record.problem(where, _("the source has no text here to translate"))
                )
            elif source_text.strip() and not text.strip():
                problems.append(
                    record.problem(
                        where,
                        _(
                            "is empty but the source has text here; translate it or "
                            "leave the field out"
                        ),
                    )
                )
        return problems

    def _translation_rule_problems(self, record, source, source_body) -> list[Problem]:
        if isinstance(source, Record):
            values = source_values(
                source,
                image_for=lambda _file: _IMAGE_STAND_IN,
                tags=self.tags,
                themes=self.themes,
            )
        else:
            latest = source.specific.get_latest_revision_as_object()
            values = latest.publishing_values()
            values["body"] = page_body_raw(source)
        image_field = IMAGE_FIELD[record.kind]
        if image_field in record.data:
            values[f"{image_field}_alt"] = record.data[image_field]["alt"]
        if "body" in record.data:
            values["body"] = merged_body(record.data["body"], values["body"])
        return self._rule_problems(record, values)

    # -- publishing rules -------------------------------------------------------

    def _rule_problems(self, record: Record, values: dict[str, Any]) -> list[Problem]:
        model = PAGE_MODELS[record.kind]
        body_block = model._meta.get_field("body").stream_block
        values = {**values, "body": body_block.to_python(values["body"])}
        return [
            record.problem(
                RULE_FIELD_PATHS.get(violation.field, violation.field or ""),
                _("cannot be published (--publish): %(rule)s")
                % {"rule": violation.message},
            )
            for violation in model.publishing_problems_for(values)
        ]


def parent_page(record: Record) -> Page | None:
    """The section or column index a source record goes under, in its locale."""
    if record.kind == "case_study":
        return CaseStudyIndexPage.objects.filter(
            section=record.data["section"], locale__language_code=record.locale
        ).first()
    return ColumnIndexPage.objects.filter(locale__language_code=record.locale).first()


def _source_text(source: Record | Page, name: str) -> str:
    if isinstance(source, Record):
        if name.endswith("_alt"):
            image = source.data.get(name.removesuffix("_alt")) or {}
            return image.get("alt", "")
        return source.data.get(name, "")
    return getattr(source.specific.get_latest_revision_as_object(), name) or ""


def _source_has_image(source: Record | Page, image_field: str) -> bool:
    if isinstance(source, Record):
        return image_field in source.data
    return bool(getattr(source.specific, f"{image_field}_id"))
