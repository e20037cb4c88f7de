"""The records of an import file, read once into typed objects.

Validation and writing both work from these, so a record's locale default, its
label in messages and the files it names are decided in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from casestudies.importer.errors import Problem, record_label

DEFAULT_LOCALE = "ja"
Kind = Literal["case_study", "column"]
COLLECTION_KINDS: dict[str, Kind] = {"case_studies": "case_study", "columns": "column"}
# Field of a record that holds its top image, per kind.
IMAGE_FIELD = {"case_study": "hero_image", "column": "portrait"}


@dataclass(frozen=True)
class ImageRef:
    """An image file named by a record, and where in the record it is named."""

    path: Path
    field: str
    alt: str
    credit: str = ""


@dataclass
class Record:
    kind: Kind
    collection: str
    index: int
    data: dict[str, Any]
    images: list[ImageRef] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.data["key"]

    @property
    def locale(self) -> str:
        return self.data.get("locale", DEFAULT_LOCALE)

    @property
    def translation_of(self) -> str | None:
        return self.data.get("translation_of")

    @property
    def is_translation(self) -> bool:
        return self.translation_of is not None

    @property
    def label(self) -> str:
        return record_label(self.collection, self.index, self.key)

    def problem(self, field_name: str, message: str) -> Problem:
        return Problem(self.label, field_name, message)


def read_records(document: dict[str, Any], base_dir: Path) -> list[Record]:
    """All case-study and column records, in file order, with their image files."""
    records = []
    for collection, kind in COLLECTION_KINDS.items():
        for index, data in enumerate(document.get(collection, [])):
            record = Record(kind, collection, index, data)
            record.images = list(_image_refs(record, base_dir))
            records.append(record)
    return records


def _image_refs(record: Record, base_dir: Path):
    top = record.data.get(IMAGE_FIELD[record.kind])
    if isinstance(top, dict) and "file" in top:
        yield ImageRef(
            base_dir / top["file"],
            f"{IMAGE_FIELD[record.kind]}.file",
            top.get("alt", ""),
            top.get("credit", ""),
        )
    for position, block in enumerate(record.data.get("body", [])):
        value = block.get("value")
        if block.get("type") == "image" and isinstance(value, dict) and "file" in value:
            yield ImageRef(
                base_dir / value["file"],
                f"body[{position}].value.file",
                value.get("alt_text", ""),
            )
