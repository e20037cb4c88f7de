"""Record → page field values, shared by the publishing check and the writer.

Building the values in one place means the rules checked before writing are run on
exactly what would be saved.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _
from wagtail.models import Page

from casestudies.importer.errors import Problem
from casestudies.importer.records import IMAGE_FIELD, Record
from cms.models import Tag, Theme
from cms.rich_text_input import (
    LinkTarget,
    Resolver,
    clean_rich_text,
    model_rich_text_fields,
    stream_rich_text_blocks,
)

# Text fields a translation record may give, per kind (besides title, image alt and
# body); anything it leaves out falls back to the source's text.
TRANSLATED_TEXT_FIELDS = {
    "case_study": ("municipality", "summary", "devised", "challenges", "outcomes"),
    "column": ("home_country", "placement", "summary"),
}
# Parts of a struct block a translation may give; the rest comes from the source.
TRANSLATED_BLOCK_PARTS = {
    "image": ("alt_text", "caption"),
    "quote": ("text", "speaker", "role"),
    "video": ("caption",),
    "link": ("title", "description"),
}
BLOCK_DEFAULTS: dict[str, dict[str, Any]] = {
    "image": {"alt_text": "", "decorative": False, "caption": ""},
    "quote": {"role": ""},
    "link": {"description": ""},
    "video": {},
}

ImageLookup = Callable[[str], Any]


def _page_model(kind: str):
    from casestudies.models import CaseStudyPage, ColumnPage

    return {"case_study": CaseStudyPage, "column": ColumnPage}[kind]


class RichTextInput:
    """Cleans one record's rich-text values (``cms.rich_text_input``).

    Every rich-text value of a record passes through ``clean``, with the feature
    list of its own field or block, before it is checked or stored. What the
    cleaner removed is kept as ``removals`` (one Problem per removal, reported as
    warnings, or errors with ``--strict``); internal links whose target does not
    exist are ``link_problems`` (always errors).
    """

    def __init__(
        self,
        record: Record,
        resolver: Resolver | None = None,
        *,
        missing_message: str | None = None,
    ) -> None:
        self.record = record
        self.resolver = resolver
        # "%(url)s" and "%(what)s" are filled in for each link to nowhere.
        self.missing_message = missing_message or _(
            "links to %(url)s, but there is no such %(what)s in the site"
        )
        model = _page_model(record.kind)
        self.field_features = model_rich_text_fields(model)
        self.block_features = stream_rich_text_blocks(
            model._meta.get_field("body").stream_block
        )
        self.removals: list[Problem] = []
        self.link_problems: list[Problem] = []

    def field(self, name: str, value: str) -> str:
        return self.clean(name, value, self.field_features[name])

    def block(self, position: int, block_type: str, value: str) -> str:
        return self.clean(
            f"body[{position}].value", value, self.block_features[block_type]
        )

    def clean(self, path: str, value: str, features) -> str:
        result = clean_rich_text(value, features=features, resolver=self.resolver)
        self.removals += [self.record.problem(path, str(r)) for r in result.removals]
        for link in result.broken_links:
            what = _("page") if link.linktype == "page" else _("document")
            self.link_problems.append(
                self.record.problem(
                    path, self.missing_message % {"url": link.url, "what": what}
                )
            )
        return result.html

    def all_values(self) -> None:
        """Clean every rich-text value of the record (to collect what it reports)."""
        data = self.record.data
        for name in RICH_TEXT_FIELDS[self.record.kind]:
            if isinstance(data.get(name), str):
                self.field(name, data[name])
        for position, block in enumerate(data.get("body", [])):
            if block.get("type") in self.block_features and isinstance(
                block.get("value"), str
            ):
                self.block(position, block["type"], block["value"])


# Rich-text fields of a record besides the body's paragraphs, per kind.
RICH_TEXT_FIELDS = {"case_study": ("devised", "challenges", "outcomes"), "column": ()}


def rich_text_block_types(kind: str) -> set[str]:
    """Body block types of ``kind`` whose value is rich text (``paragraph``)."""
    body = _page_model(kind)._meta.get_field("body")
    return set(stream_rich_text_blocks(body.stream_block))


def any_internal_link(url: str) -> LinkTarget | None:
    """A resolver that accepts every internal URL: for reporting removals only."""
    from cms.rich_text_input import internal_link_kind

    kind = internal_link_kind(url)
    return LinkTarget(kind, 0) if kind else None


def rich_text_warnings(records: Sequence[Record]) -> list[Problem]:
    """What cleaning would remove from every record's rich text, per field path."""
    warnings: list[Problem] = []
    for record in records:
        rich_text = RichTextInput(record, resolver=any_internal_link)
        rich_text.all_values()
        warnings += rich_text.removals
    return warnings


def tags_by_group(tag_slugs: Mapping[str, Sequence[str]]) -> list[str]:
    return [slug for slugs in tag_slugs.values() for slug in slugs]


def source_values(
    record: Record,
    *,
    image_for: ImageLookup,
    tags: Mapping[str, Tag],
    themes: Mapping[str, Theme],
    rich_text: RichTextInput | None = None,
) -> dict[str, Any]:
    """Field values of a source record's page. ``image_for`` maps a file name to an
    image (or a stand-in when only the publishing rules are being checked); rich
    text is cleaned by ``rich_text`` (a new ``RichTextInput`` if not given)."""
    data = record.data
    rich_text = rich_text or RichTextInput(record)
    image_field = IMAGE_FIELD[record.kind]
    top_image = data.get(image_field)
    values: dict[str, Any] = {
        "title": data["title"],
        "slug": data["slug"],
        "summary": data.get("summary", ""),
        "body": body_blocks(data.get("body", []), image_for, rich_text),
        image_field: image_for(top_image["file"]) if top_image else None,
        f"{image_field}_alt": top_image.get("alt", "") if top_image else "",
    }
    if record.kind == "case_study":
        values.update(
            prefecture=data.get("prefecture", ""),
            municipality=data.get("municipality", ""),
            **{
                name: rich_text.field(name, data.get(name, ""))
                for name in RICH_TEXT_FIELDS["case_study"]
            },
            tags=[tags[s] for s in tags_by_group(data.get("tags", {}))],
            themes=[themes[s] for s in data.get("themes", [])],
            is_sample=data.get("is_sample", False),
        )
    else:
        values.update(
            author_name=data["author_name"],
            home_country=data["home_country"],
            placement=data["placement"],
        )
    return values


def body_blocks(
    blocks: Sequence[Mapping[str, Any]],
    image_for: ImageLookup,
    rich_text: RichTextInput,
) -> list:
    """StreamField raw data (``[{"type", "value"}]``) for a record's body."""
    raw = []
    for position, block in enumerate(blocks):
        block_type, value = block["type"], block["value"]
        if block_type in rich_text.block_features:
            value = rich_text.block(position, block_type, value)
            raw.append({"type": block_type, "value": value})
            continue
        value = {**BLOCK_DEFAULTS[block_type], **value}
        if block_type == "image":
            image = image_for(value.pop("file"))
            value["image"] = getattr(image, "pk", None)
        raw.append({"type": block_type, "value": value})
    return raw


def translation_values(
    record: Record,
    source_body: Sequence[Mapping],
    rich_text: RichTextInput | None = None,
) -> dict:
    """Target-language values for ``cms.translation.translate_page``.

    Struct blocks take the source block's value (image, URL, decorative mark) with
    the translated parts laid over it, so only words differ between the two pages.
    Rich text is cleaned by ``rich_text`` (a new ``RichTextInput`` if not given).
    """
    data = record.data
    rich_text = rich_text or RichTextInput(record)
    values: dict[str, Any] = {"title": data["title"]}
    for name in TRANSLATED_TEXT_FIELDS[record.kind]:
        if name in data:
            value = data[name]
            if name in RICH_TEXT_FIELDS[record.kind]:
                value = rich_text.field(name, value)
            values[name] = value
    image_field = IMAGE_FIELD[record.kind]
    if image_field in data:
        values[f"{image_field}_alt"] = data[image_field]["alt"]
    if "body" in data:
        values["body"] = merged_body(data["body"], source_body, rich_text)
    return values


def merged_body(
    blocks: Sequence[Mapping],
    source_body: Sequence[Mapping],
    rich_text: RichTextInput | None = None,
) -> list:
    merged = []
    for position, block in enumerate(blocks):
        source = source_body[position] if position < len(source_body) else None
        if block["type"] == "paragraph" or source is None:
            value = block["value"]
            if rich_text and block["type"] in rich_text.block_features:
                value = rich_text.block(position, block["type"], value)
            merged.append({"type": block["type"], "value": value})
            continue
        parts = TRANSLATED_BLOCK_PARTS[block["type"]]
        value = dict(source["value"])
        value.update({k: v for k, v in block["value"].items() if k in parts})
        merged.append({"type": block["type"], "value": value})
    return merged


def page_body_raw(page: Page) -> list[dict]:
    """The latest revision's body as raw data (what a translation is laid over)."""
    latest = page.specific.get_latest_revision_as_object()
    return [dict(block) for block in latest.body.raw_data]
