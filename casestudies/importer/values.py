"""Record → page field values, shared by the publishing check and the writer.

Building the values in one place means the rules checked before writing are run on
exactly what would be saved.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from wagtail.models import Page

from casestudies.importer.records import IMAGE_FIELD, Record
from cms.models import Tag, Theme

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


def tags_by_group(tag_slugs: Mapping[str, Sequence[str]]) -> list[str]:
    return [slug for slugs in tag_slugs.values() for slug in slugs]


def source_values(
    record: Record,
    *,
    image_for: ImageLookup,
    tags: Mapping[str, Tag],
    themes: Mapping[str, Theme],
) -> dict[str, Any]:
    """Field values of a source record's page. ``image_for`` maps a file name to an
    image (or a stand-in when only the publishing rules are being checked)."""
    data = record.data
    image_field = IMAGE_FIELD[record.kind]
    top_image = data.get(image_field)
    values: dict[str, Any] = {
        "title": data["title"],
        "slug": data["slug"],
        "summary": data.get("summary", ""),
        "body": body_blocks(data.get("body", []), image_for),
        image_field: image_for(top_image["file"]) if top_image else None,
        f"{image_field}_alt": top_image.get("alt", "") if top_image else "",
    }
    if record.kind == "case_study":
        values.update(
            prefecture=data.get("prefecture", ""),
            municipality=data.get("municipality", ""),
            devised=data.get("devised", ""),
            challenges=data.get("challenges", ""),
            outcomes=data.get("outcomes", ""),
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


def body_blocks(blocks: Sequence[Mapping[str, Any]], image_for: ImageLookup) -> list:
    """StreamField raw data (``[{"type", "value"}]``) for a record's body."""
    raw = []
    for block in blocks:
        block_type, value = block["type"], block["value"]
        if block_type == "paragraph":
            raw.append({"type": block_type, "value": value})
            continue
        value = {**BLOCK_DEFAULTS[block_type], **value}
        if block_type == "image":
            image = image_for(value.pop("file"))
            value["image"] = getattr(image, "pk", None)
        raw.append({"type": block_type, "value": value})
    return raw


def translation_values(record: Record, source_body: Sequence[Mapping]) -> dict:
    """Target-language values for ``cms.translation.translate_page``.

    Struct blocks take the source block's value (image, URL, decorative mark) with
    the translated parts laid over it, so only words differ between the two pages.
    """
    data = record.data
    values: dict[str, Any] = {"title": data["title"]}
    for name in TRANSLATED_TEXT_FIELDS[record.kind]:
        if name in data:
            values[name] = data[name]
    image_field = IMAGE_FIELD[record.kind]
    if image_field in data:
        values[f"{image_field}_alt"] = data[image_field]["alt"]
    if "body" in data:
        values["body"] = merged_body(data["body"], source_body)
    return values


def merged_body(blocks: Sequence[Mapping], source_body: Sequence[Mapping]) -> list:
    merged = []
    for position, block in enumerate(blocks):
        source = source_body[position] if position < len(source_body) else None
        if block["type"] == "paragraph" or source is None:
            merged.append({"type": block["type"], "value": block["value"]})
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
