"""The importer's limits (casestudies/importer/limits.py, docs/importer.md "Limits").

Each is refused while the file is validated, naming the record, the field path and
the problem, and leaves pages, revisions and media files exactly as they were
(``_rejected`` counts them).
"""

from __future__ import annotations

import io
import json
import os
import struct
import time
import zlib

import pytest
from django.core.management import call_command
from PIL import Image as PILImage

from casestudies.importer import limits
from casestudies.importer.schema import parse_json
from casestudies.models import CaseStudyPage, ColumnPage
from tests.casestudies.import_files.builder import valid_document, write_import
from tests.casestudies.test_importer_bad_files import (
    CASE,
    CASE_EN,
    COLUMN,
    _rejected,
)
from tests.factories import locale, png_bytes

pytestmark = pytest.mark.django_db


def _case(doc):
    return doc["case_studies"][0]


def _image_bytes(fmt: str, size=(32, 24), **options) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "#3a7").save(buffer, fmt, **options)
    return buffer.getvalue()


# -- characters ----------------------------------------------------------------------


def test_nul_in_a_title_is_refused(site_tree, tmp_path):
    document = valid_document()
    _case(document)["title"] = "ALT\x00Journal"
    message = _rejected(write_import(tmp_path, document))
    assert (
        f"{CASE}: title: contains the control character U+0000 (NUL) at character 4; "
        "only tab and newline are allowed"
    ) in message
    assert "nothing was written" in message


def test_nul_in_a_body_paragraph_is_refused(site_tree, tmp_path):
    document = valid_document()
    _case(document)["body"][0]["value"] = "<p>毎号\x00</p>"
    message = _rejected(write_import(tmp_path, document))
    assert f"{CASE}: body[0].value: contains the control character U+0000 (NUL)" in (
        message
    )


BAD_CHARACTERS = {
    "start of heading": ("\x01", "the control character U+0001 at"),
    "escape": ("\x1b", "the control character U+001B (ESC)"),
    "carriage return": ("\r", "the control character U+000D (carriage return)"),
    "delete": ("\x7f", "the control character U+007F (DEL)"),
    "C1 next line": ("\x85", "the control character U+0085 at"),
    "lone surrogate": ("\ud800", "a lone surrogate U+D800 at character 2"),
    "non-character": ("\ufffe", "the Unicode non-character U+FFFE at character 2"),
    "plane-16 non-character": ("\U0010ffff", "the Unicode non-character U+10FFFF"),
}


@pytest.mark.parametrize("char, expected", BAD_CHARACTERS.values(), ids=BAD_CHARACTERS)
def test_other_forbidden_characters_are_refused_in_any_string(
    site_tree, tmp_path, char, expected
):
    document = valid_document()
    document["case_studies"][1]["body"][2]["value"]["speaker"] = f"P{char}upil"
    document["columns"][0]["portrait"]["alt"] = f"S{char}am"
    message = _rejected(write_import(tmp_path, document))
    assert f"{CASE_EN}: body[2].value.speaker: contains {expected}" in message
    assert f"{COLUMN}: portrait.alt: contains {expected}" in message


def test_tab_and_newline_are_allowed(site_tree, tmp_path):
    document = valid_document()
    _case(document)["summary"] = "一行目\n二行目\tタブ"
    _case(document)["body"][0]["value"] = "<p>一行目\n\t二行目</p>"
    call_command("import_casestudies", str(write_import(tmp_path, document)))
    page = CaseStudyPage.objects.get(locale=locale("ja"))
    assert page.summary == "一行目\n二行目\tタブ"


# -- lengths --------------------------------------------------------------------------

# Record field path → the model field it is stored in: the limit is the model's.
MODEL_FIELDS = [
    (CASE, "title", CaseStudyPage, "title"),
    (CASE, "slug", CaseStudyPage, "slug"),
    (CASE, "key", CaseStudyPage, "import_key"),
    (CASE, "municipality", CaseStudyPage, "municipality"),
    (CASE, "summary", CaseStudyPage, "summary"),
    (CASE, "hero_image.alt", CaseStudyPage, "hero_image_alt"),
    (COLUMN, "author_name", ColumnPage, "author_name"),
    (COLUMN, "home_country", ColumnPage, "home_country"),
    (COLUMN, "placement", ColumnPage, "placement"),
    (COLUMN, "portrait.alt", ColumnPage, "portrait_alt"),
]


@pytest.mark.parametrize("record, where, model, name", MODEL_FIELDS)
def test_over_long_fields_are_refused_at_the_model_max_length(
    site_tree, tmp_path, record, where, model, name
):
    limit = model._meta.get_field(name).max_length
    document = valid_document()
    target = _case(document) if record == CASE else document["columns"][0]
    *parents, leaf = where.split(".")
    for part in parents:
        target = target[part]
    target[leaf] = "a" * (limit + 1)
    if leaf == "key":
        record = record.replace("miyagi-alt-journal", "a" * (limit + 1))
        record = record.replace("journal-column", "a" * (limit + 1))
    message = _rejected(write_import(tmp_path, document))
    assert (
        f"{record}: {where}: is {limit + 1} characters long; the limit is {limit}"
        in message
    )


def test_a_10_mb_paragraph_is_refused_quickly(site_tree, tmp_path, capsys):
    document = valid_document()
    _case(document)["body"][0]["value"] = "<p>" + "a" * 10_000_000 + "</p>"
    path = write_import(tmp_path, document)
    started = time.perf_counter()
    message = _rejected(path)
    elapsed = time.perf_counter() - started
    assert (
        f"{CASE}: body[0].value: is 10,000,007 characters long; the limit for one "
        "text is 100,000"
    ) in message
    assert f"{CASE}: has 10,000," in message  # and the record's total
    with capsys.disabled():
        print(f"\n10 MB paragraph refused in {elapsed:.2f} s")
    assert elapsed < 10


def test_a_record_with_too_much_text_in_all_is_refused(site_tree, tmp_path):
    document = valid_document()
    paragraph = {"type": "paragraph", "value": "<p>" + "a" * 99_990 + "</p>"}
    _case(document)["body"][0:1] = [paragraph] * 6
    message = _rejected(write_import(tmp_path, document))
    assert f"{CASE}: has 6" in message
    assert "characters of text in all; the limit for one record is 500,000" in message
    assert "the limit for one text" not in message


def test_an_oversize_file_is_refused_before_it_is_read(site_tree, tmp_path):
    path = tmp_path / "import.json"
    path.write_text("{")  # not even JSON: it must never be parsed
    os.truncate(path, limits.MAX_FILE_BYTES + 1)  # sparse: takes no disk space
    message = _rejected(path)
    assert (
        f"{path}: is 20,971,521 bytes; the limit is 20,971,520 bytes (20 MB)" in message
    )
    assert "invalid JSON" not in message


def test_parse_json_refuses_oversize_text_too():
    _document, problems = parse_json(" " * (limits.MAX_FILE_BYTES + 1), "x.json")
    assert [p.message for p in problems] == [
        limits.file_size_problem(limits.MAX_FILE_BYTES + 1)
    ]


# -- duplicate members ----------------------------------------------------------------


def test_a_duplicate_member_is_refused_with_its_line(site_tree, tmp_path):
    lines = json.dumps(valid_document(), indent=2).splitlines()
    first = next(
        n for n, line in enumerate(lines) if line.strip().startswith('"title"')
    )
    lines.insert(first + 1, '      "title": "Second title",')
    speaker = next(n for n, line in enumerate(lines) if '"speaker"' in line)
    lines.insert(speaker, '          "speaker": "x",')  # the last member: before it
    lines.insert(1, '  "version": 1,')
    message = _rejected(write_import(tmp_path, "\n".join(lines)))
    assert (
        f'{CASE}: title: member "title" is given twice in one object (line '
        f"{first + 3}, first at line {first + 2}); JSON would keep only the last"
    ) in message
    assert (
        f'{CASE}: body[2].value.speaker: member "speaker" is given twice in one '
        f"object (line {speaker + 3}, first at line {speaker + 2})"
    ) in message
    assert (
        'version: member "version" is given twice in one object (line 3, first at '
        "line 2)"
    ) in message
    assert "has 3 problem(s)" in message


def test_duplicate_search_is_not_fooled_by_strings():
    text = (
        '{"a": "{\\"b\\": 1, \\"b\\": 2}", "list": [{"b": 1}, {"b": 2}],\n'
        '"nested": {"a": [1, {"k": "}", "k": "]"}]}}'
    )
    document, problems = parse_json(text, "x.json")
    assert document["nested"]["a"][1] == {"k": "]"}
    assert [(p.field, p.message.split(" (")[1]) for p in problems] == [
        (
            "nested.a[1].k",
            "line 2, first at line 2); JSON would keep only the last: remove one",
        )
    ]


# -- images -------------------------------------------------------------------------


def test_a_100_megapixel_png_is_refused_from_its_header(site_tree, tmp_path):
    path = write_import(tmp_path, valid_document())
    buffer = io.BytesIO()
    PILImage.new("1", (10_000, 10_001)).save(buffer, "PNG", optimize=True)
    assert len(buffer.getvalue()) < 100_000  # small on disk
    (tmp_path / "images" / "hero.png").write_bytes(buffer.getvalue())
    started = time.perf_counter()
    message = _rejected(path)
    assert time.perf_counter() - started < 10
    assert (
        f"{CASE}: hero_image.file: is 10,000 × 10,001 pixels (100,010,000); the "
        "limit is 40,000,000 pixels"
    ) in message


def test_a_huge_image_over_pillows_own_limit_is_refused_too(site_tree, tmp_path):
    """A header claiming 2 gigapixels: Pillow itself refuses to open it."""
    path = write_import(tmp_path, valid_document())
    small = png_bytes()
    ihdr = small.index(b"IHDR")
    header = struct.pack(">II", 50_000, 40_000) + small[ihdr + 12 : ihdr + 17]
    chunk = b"IHDR" + header
    forged = (
        small[: ihdr - 4]
        + struct.pack(">I", 13)
        + chunk
        + struct.pack(">I", zlib.crc32(chunk))
        + small[ihdr + 21 :]
    )
    (tmp_path / "images" / "hero.png").write_bytes(forged)
    message = _rejected(path)
    assert f"{CASE}: hero_image.file: is more than " in message
    assert "the limit is 40,000,000 pixels" in message


def test_a_truncated_png_is_refused(site_tree, tmp_path):
    path = write_import(tmp_path, valid_document())
    whole = png_bytes(width=200, height=200)
    (tmp_path / "images" / "classroom.png").write_bytes(whole[: len(whole) // 2])
    message = _rejected(path)
    assert f"{CASE}: body[1].value.file: is not a readable image" in message


def test_a_truncated_jpeg_is_refused(site_tree, tmp_path):
    """``verify()`` does not notice a cut JPEG; decoding it does."""
    document = valid_document()
    _case(document)["body"][1]["value"]["file"] = "images/classroom.jpg"
    path = write_import(tmp_path, document)
    whole = _image_bytes("JPEG", size=(300, 200), quality=95)
    (tmp_path / "images" / "classroom.jpg").write_bytes(whole[: len(whole) // 2])
    message = _rejected(path)
    assert f"{CASE}: body[1].value.file: is not a readable image" in message
    assert "truncated" in message


def test_gif_content_named_png_is_refused(site_tree, tmp_path):
    path = write_import(tmp_path, valid_document())
    (tmp_path / "images" / "portrait.png").write_bytes(_image_bytes("GIF"))
    message = _rejected(path)
    assert (
        f"{COLUMN}: portrait.file: is a GIF image but its name ends in .png" in message
    )


def test_text_named_jpg_is_refused(site_tree, tmp_path):
    document = valid_document()
    _case(document)["hero_image"]["file"] = "images/hero.jpg"
    path = write_import(tmp_path, document)
    (tmp_path / "images" / "hero.jpg").write_text("<html>not a photo</html>")
    message = _rejected(path)
    assert f"{CASE}: hero_image.file: is not a readable image" in message


def test_an_image_extension_wagtail_does_not_take_is_refused(site_tree, tmp_path):
    document = valid_document()
    _case(document)["hero_image"]["file"] = "images/hero.bmp"
    path = write_import(tmp_path, document)
    (tmp_path / "images" / "hero.bmp").write_bytes(_image_bytes("BMP"))
    message = _rejected(path)
    assert f"{CASE}: hero_image.file: has the extension '.bmp'" in message


def test_an_image_over_the_upload_size_is_refused(site_tree, tmp_path, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    path = write_import(tmp_path, valid_document())
    size = (tmp_path / "images" / "hero.png").stat().st_size
    message = _rejected(path)
    assert (
        f"{CASE}: hero_image.file: is {size:,} bytes; the limit for an image is 100 "
        "bytes"
    ) in message


def test_the_image_limits_are_wagtails_settings(settings):
    assert limits.max_image_pixels() == settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    del settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    assert limits.max_image_pixels() == limits.DEFAULT_MAX_IMAGE_PIXELS
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 123
    assert limits.max_image_bytes() == 123


def test_images_within_the_limits_in_every_format_import(site_tree, tmp_path):
    document = valid_document()
    _case(document)["hero_image"]["file"] = "images/hero.jpeg"
    _case(document)["body"][1]["value"]["file"] = "images/classroom.webp"
    document["columns"][0]["portrait"]["file"] = "images/portrait.gif"
    path = write_import(tmp_path, document)
    for name, fmt in (("hero.jpeg", "JPEG"), ("classroom.webp", "WEBP")):
        (tmp_path / "images" / name).write_bytes(_image_bytes(fmt))
    (tmp_path / "images" / "portrait.gif").write_bytes(_image_bytes("GIF"))
    call_command("import_casestudies", str(path))
    assert CaseStudyPage.objects.get(locale=locale("ja")).hero_image is not None
