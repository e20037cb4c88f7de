"""The importer's limits, in one place, and the checks that enforce them.

Every limit is checked while the file is validated, before anything is written
(docs/importer.md, "Limits"). A file that breaks one is refused with the record,
the field path and the problem, like any other mistake.

* The file: at most ``MAX_FILE_BYTES``, refused before it is read or parsed; a JSON
  object may not give the same member twice (``json`` would silently keep the last).
* Text: no control characters except tab and newline, no lone surrogates, no
  Unicode non-characters, in any string; at most ``MAX_TEXT_CHARS`` characters in
  one string (rich text, quotes and other fields without a model ``max_length``;
  fields with one are limited by ``maxLength`` in docs/importer.schema.json, kept
  equal to the model by tests/casestudies/test_importer_schema.py) and at most
  ``MAX_RECORD_TEXT_CHARS`` characters of text in one record.
* Images: at most ``max_image_bytes()`` bytes and ``max_image_pixels()`` pixels
  (Wagtail's own settings), read from the header without decoding; the content must
  be the format the file name says, and must decode completely (not truncated).
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image as PILImage

# -- the file -------------------------------------------------------------------
MAX_FILE_BYTES = 20 * 1024 * 1024  # 20 MB of JSON, checked before reading it

# -- text -----------------------------------------------------------------------
# One string: a paragraph, a rich-text field, a quote. 100,000 characters is some
# forty printed pages; a longer paragraph is a conversion accident, not an article.
MAX_TEXT_CHARS = 100_000
# All the strings of one record together, i.e. about the size of one page in the
# API: a case study of 25 long paragraphs fits.
MAX_RECORD_TEXT_CHARS = 500_000
# Allowed control characters: tab and newline. Everything else in C0, DEL and C1 is
# refused, as are lone surrogates (JSON's "\ud800") and Unicode non-characters.
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_SURROGATES = "\ud800-\udfff"
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(17)
)
FORBIDDEN_CHARACTERS = re.compile(f"[{_CONTROL}{_SURROGATES}{_NONCHARACTERS}]")
_CONTROL_NAMES = {0x00: "NUL", 0x0D: "carriage return", 0x1B: "ESC", 0x7F: "DEL"}

# -- images -----------------------------------------------------------------------
# Used when WAGTAILIMAGES_MAX_UPLOAD_SIZE is not set (it is Wagtail's default too).
DEFAULT_MAX_IMAGE_BYTES = 10 * 1024 * 1024
# Used when WAGTAILIMAGES_MAX_IMAGE_PIXELS is not set (the project sets 40,000,000).
DEFAULT_MAX_IMAGE_PIXELS = 40_000_000
# File name extension → the Pillow format its content must have.
IMAGE_FORMATS = {
    "png": "PNG",
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "gif": "GIF",
    "webp": "WEBP",
    "avif": "AVIF",
}


def max_image_bytes() -> int:
    return getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", DEFAULT_MAX_IMAGE_BYTES)


def max_image_pixels() -> int:
    return getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", DEFAULT_MAX_IMAGE_PIXELS)


JsonPath = list[str | int]


# -- the file ---------------------------------------------------------------------


def file_size_problem(size: int) -> str | None:
    """Why a file of ``size`` bytes (or characters: never fewer than its bytes) is
    refused, or None."""
    if size <= MAX_FILE_BYTES:
        return None
    return _(
        "is %(size)s bytes; the limit is %(limit)s bytes (%(mb)d MB): split it into "
        "several files"
    ) % {
        "size": f"{size:,}",
        "limit": f"{MAX_FILE_BYTES:,}",
        "mb": MAX_FILE_BYTES // (1024 * 1024),
    }


def load_json(text: str) -> tuple[Any, list[tuple[JsonPath, str]]]:
    """``json.loads(text)`` and every member given twice in one object, as
    (path of the member, message naming its lines). Raises JSONDecodeError.

    The fast C decoder reads the file; only when it has met a duplicate is the text
    scanned again, in Python, to find where the duplicates are.
    """
    found_duplicate = False

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal found_duplicate
        result = dict(pairs)
        if len(result) != len(pairs):
            found_duplicate = True
        return result

    document = json.loads(text, object_pairs_hook=pairs_hook)
    if not found_duplicate:
        return document, []
    return document, list(_duplicate_members(text))


# A token of valid JSON: a string, a structural character, or a bare literal.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+', re.DOTALL)


def _duplicate_members(text: str) -> Iterator[tuple[JsonPath, str]]:
    """Scan valid JSON ``text`` for members named twice in one object."""
    # One entry per open object or array: [is_object, key or index, {key: line},
    # expecting a key].
    stack: list[list[Any]] = []
    line, counted = 1, 0  # line number at position ``counted``, kept up as we go
    for match in _TOKEN.finditer(text):
        token = match.group()
        top = stack[-1] if stack else None
        if token in "{[":
            stack.append([token == "{", 0 if token == "[" else None, {}, True])
        elif token in "}]":
            stack.pop()
        elif token == ",":
            if top[0]:
                top[3] = True
            else:
                top[1] += 1
        elif token == ":":
            top[3] = False
        elif top is not None and top[0] and top[3] and token.startswith('"'):
            key = json.loads(token)
            line += text.count("\n", counted, match.start())
            counted = match.start()
            top[1] = key
            if key in top[2]:
                path = [entry[1] for entry in stack]
                yield (
                    path,
                    _(
                        "member %(name)s is given twice in one object (line %(line)d, "
                        "first at line %(first)d); JSON would keep only the last: "
                        "remove one"
                    )
                    % {
                        "name": json.dumps(key, ensure_ascii=False),
                        "line": line,
                        "first": top[2][key],
                    },
                )
            else:
                top[2][key] = line


# -- text ----------------------------------------------------------------------------


def text_problems(document: Any) -> Iterator[tuple[JsonPath, str]]:
    """Forbidden characters and over-long text anywhere in ``document``, as
    (absolute path, message); works on any shape, before or after the schema."""
    for path, text in _strings(document, []):
        problem = character_problem(text)
        if problem:
            yield path, problem
        if len(text) > MAX_TEXT_CHARS:
            yield (
                path,
                _("is %(length)s characters long; the limit for one text is %(limit)s")
                % {"length": f"{len(text):,}", "limit": f"{MAX_TEXT_CHARS:,}"},
            )
    if isinstance(document, dict):
        for collection, records in document.items():
            if not isinstance(records, list):
                continue
            for index, record in enumerate(records):
                total = sum(len(text) for _path, text in _strings(record, []))
                if total > MAX_RECORD_TEXT_CHARS:
                    yield (
                        [collection, index],
                        _(
                            "has %(total)s characters of text in all; the limit for "
                            "one record is %(limit)s"
                        )
                        % {
                            "total": f"{total:,}",
                            "limit": f"{MAX_RECORD_TEXT_CHARS:,}",
                        },
                    )


def character_problem(text: str) -> str | None:
    """Why ``text`` contains a character that may not be imported, or None."""
    match = FORBIDDEN_CHARACTERS.search(text)
    if match is None:
        return None
    code = ord(match.group())
    where = {"code": f"U+{code:04X}", "position": match.start() + 1}
    if 0xD800 <= code <= 0xDFFF:
        return (
            _(
                "contains a lone surrogate %(code)s at character %(position)d, which "
                "is not a valid Unicode character"
            )
            % where
        )
    if code > 0x9F:
        return (
            _("contains the Unicode non-character %(code)s at character %(position)d")
            % where
        )
    name = _CONTROL_NAMES.get(code)
    where["code"] += f" ({name})" if name else ""
    return (
        _(
            "contains the control character %(code)s at character %(position)d; only "
            "tab and newline are allowed"
        )
        % where
    )


def _strings(value: Any, path: JsonPath) -> Iterator[tuple[JsonPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, [*path, key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, [*path, index])


# -- images -------------------------------------------------------------------------


def image_problem(path: Path) -> str | None:
    """Why the image file at ``path`` is refused, or None.

    Size and pixel count are checked from the file system and the header, so a
    decompression bomb is never decoded; then the file is verified and decoded, so a
    truncated file is refused here rather than when a rendition is made.
    """
    size = path.stat().st_size
    if size > max_image_bytes():
        return _("is %(size)s bytes; the limit for an image is %(limit)s bytes") % {
            "size": f"{size:,}",
            "limit": f"{max_image_bytes():,}",
        }
    extension = path.suffix.lower().removeprefix(".")
    expected = IMAGE_FORMATS.get(extension)
    if expected is None:
        return _(
            "has the extension %(ext)r; image files must be one of: %(allowed)s"
        ) % {
            "ext": path.suffix,
            "allowed": ", ".join(f".{name}" for name in IMAGE_FORMATS),
        }
    limit = max_image_pixels()
    try:
        with warnings.catch_warnings():
            # Pillow warns above its own limit; ours is lower and checked below.
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            with PILImage.open(
                path, formats=sorted(set(IMAGE_FORMATS.values()))
            ) as image:
                actual, (width, height) = image.format, image.size
                if actual != expected:
                    return _(
                        "is a %(actual)s image but its name ends in %(ext)s; rename it "
                        "or convert it"
                    ) % {"actual": actual, "ext": path.suffix}
                if width * height > limit:
                    return _too_many_pixels(f"{width:,} × {height:,}", width * height)
                image.verify()
            with PILImage.open(path, formats=[expected]) as image:
                image.load()
    except PILImage.DecompressionBombError:
        # Pillow refuses outright above twice its own MAX_IMAGE_PIXELS.
        pillow_limit = 2 * (PILImage.MAX_IMAGE_PIXELS or 0)
        return _too_many_pixels(_("more than %s") % f"{pillow_limit:,}", None)
    except Exception as exc:  # Pillow raises many types for unreadable files
        return _("is not a readable image (%(error)s)") % {"error": exc}
    return None


def _too_many_pixels(dimensions: str, pixels: int | None) -> str:
    return _(
        "is %(dimensions)s pixels%(total)s; the limit is %(limit)s pixels: make it "
        "smaller"
    ) % {
        "dimensions": dimensions,
        "total": f" ({pixels:,})" if pixels else "",
        "limit": f"{max_image_pixels():,}",
    }
