"""Malformed import files: each is rejected with the record key, the field path and
the problem, and leaves the database exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from casestudies.models import CaseStudyPage
from tests.casestudies.import_files.builder import (
    CASE,
    CASE_EN,
    COLUMN,
    valid_document,
    write_import,
)
from tests.casestudies.import_files.state import written_state
from tests.factories import locale

pytestmark = pytest.mark.django_db

COLUMN_JA = "columns[1] (key=journal-column-ja)"


def _rejected(path: Path, *flags: str) -> str:
    """Import ``path``; assert it fails and changes nothing; return the message."""
    before = written_state()
    with pytest.raises(CommandError) as caught:
        call_command("import_casestudies", str(path), *flags)
    assert written_state() == before
    return str(caught.value)


def _case(doc):
    return doc["case_studies"][0]


BAD_DOCUMENTS = {
    "missing required field": (
        lambda doc: _case(doc).pop("summary"),
        f"{CASE}: summary: is required",
    ),
    "unknown tag slug": (
        lambda doc: _case(doc)["tags"]["lead"].append("astronaut"),
        f"{CASE}: tags.lead[1]: unknown tag 'astronaut'",
    ),
    "tag in the wrong group": (
        lambda doc: _case(doc)["tags"]["lead"].append("elementary"),
        f"{CASE}: tags.lead[1]: tag 'elementary' belongs to group 'participants', "
        "not 'lead'",
    ),
    "unknown tag group": (
        lambda doc: _case(doc)["tags"].update(colours=["red"]),
        f"{CASE}: tags.colours: is not a field of this block or object",
    ),
    "unknown prefecture": (
        lambda doc: _case(doc).update(prefecture="JP-48"),
        f"{CASE}: prefecture: unknown prefecture code 'JP-48'",
    ),
    "wrong type": (
        lambda doc: _case(doc).update(is_sample="yes"),
        f"{CASE}: is_sample: must be a true/false, not string",
    ),
    "wrong type in a block": (
        lambda doc: _case(doc)["body"][0].update(value=42),
        f"{CASE}: body[0].value: must be a string, not number",
    ),
    "duplicate key": (
        lambda doc: doc["columns"][0].update(key="miyagi-alt-journal"),
        "columns[0] (key=miyagi-alt-journal): key: duplicate key: "
        f"{CASE} has the same key",
    ),
    "missing image file": (
        lambda doc: _case(doc)["body"][1]["value"].update(file="images/nope.png"),
        f"{CASE}: body[1].value.file: image file not found",
    ),
    "image outside the import folder": (
        lambda doc: _case(doc)["hero_image"].update(file="../outside.png"),
        f"{CASE}: hero_image.file: must name a file inside the import file's folder",
    ),
    "translation whose source does not exist": (
        lambda doc: doc["case_studies"][1].update(translation_of="no-such-case"),
        f"{CASE_EN}: translation_of: no record with key 'no-such-case'",
    ),
    "translation of a record of the other kind": (
        lambda doc: doc["columns"][1].update(translation_of="miyagi-alt-journal"),
        f"{COLUMN_JA}: translation_of: {CASE} is a case study, not a column",
    ),
    "translation in its source's locale": (
        lambda doc: doc["case_studies"][1].update(locale="ja"),
        f"{CASE_EN}: locale: is the source's locale 'ja'",
    ),
    "synchronised field in a translation": (
        lambda doc: doc["case_studies"][1].update(prefecture="JP-01"),
        f"{CASE_EN}: prefecture: is not allowed in a translation",
    ),
    "translation with a different block structure": (
        lambda doc: doc["case_studies"][1]["body"].pop(),
        f"{CASE_EN}: body: has 4 blocks but the source has 5",
    ),
    "translation with a block of another type": (
        lambda doc: doc["case_studies"][1]["body"].__setitem__(
            2, {"type": "paragraph", "value": "<p>Not a quote.</p>"}
        ),
        f"{CASE_EN}: body[2].type: is 'paragraph' but the source block is 'quote'",
    ),
    "over-long title": (
        lambda doc: _case(doc).update(title="長" * 256),
        f"{CASE}: title: is 256 characters long; the limit is 255",
    ),
    "unknown block type": (
        lambda doc: _case(doc)["body"].append({"type": "table", "value": "x"}),
        f'{CASE}: body[5].type: is "table"; it must be one of',
    ),
    "video in a column": (
        lambda doc: doc["columns"][0]["body"].append(
            {"type": "video", "value": {"url": "https://e.org", "caption": "x"}}
        ),
        f'{COLUMN}: body[1].type: is "video"; it must be one of',
    ),
    "bad URL": (
        lambda doc: _case(doc)["body"][3]["value"].update(url="javascript:alert(1)"),
        f"{CASE}: body[3].value.url: 'javascript:alert(1)' is not an http(s) URL",
    ),
    "unknown related case study": (
        lambda doc: doc["columns"][0].update(related_case_study="nowhere"),
        f"{COLUMN}: related_case_study: no case study with key 'nowhere'",
    ),
    "unknown theme": (
        lambda doc: _case(doc)["themes"].append("astrology"),
        f"{CASE}: themes[1]: unknown theme 'astrology'",
    ),
    "slug used twice in one section": (
        lambda doc: doc["case_studies"].append({**_case(doc), "key": "another-case"}),
        "case_studies[2] (key=another-case): slug: "
        f"{CASE} already uses this slug in the same section",
    ),
    "bad key": (
        lambda doc: _case(doc).update(key="Miyagi ALT"),
        'case_studies[0] (key=Miyagi ALT): key: is "Miyagi ALT"; use lower-case',
    ),
    "wrong version": (
        lambda doc: doc.update(version=2),
        "version: is 2; it must be one of: 1",
    ),
}


@pytest.mark.parametrize("mutate, expected", BAD_DOCUMENTS.values(), ids=BAD_DOCUMENTS)
def test_a_bad_file_is_rejected_and_changes_nothing(
    site_tree, tmp_path, mutate, expected
):
    document = valid_document()
    mutate(document)
    message = _rejected(write_import(tmp_path, document))
    assert expected in message
    assert "nothing was written" in message


def test_invalid_json_names_the_line_and_column(site_tree, tmp_path):
    path = write_import(tmp_path, '{\n  "version": 1,\n  "case_studies": [,]\n}')
    message = _rejected(path)
    assert "invalid JSON at line 3, column 20" in message
    assert str(path) in message


def test_a_file_that_is_not_an_image_is_rejected(site_tree, tmp_path):
    path = write_import(tmp_path, valid_document())
    (tmp_path / "images" / "classroom.png").write_text("not a picture")
    message = _rejected(path)
    assert f"{CASE}: body[1].value.file: is not a readable image" in message


def test_every_problem_is_reported_at_once(site_tree, tmp_path):
    document = valid_document()
    _case(document).update(prefecture="JP-99")
    _case(document)["tags"]["lead"] = ["residents"]
    doc_column = document["columns"][0]
    doc_column["related_case_study"] = "missing"
    message = _rejected(write_import(tmp_path, document))
    assert f"{CASE}: prefecture: unknown prefecture code 'JP-99'" in message
    assert f"{CASE}: tags.lead[0]: tag 'residents' belongs to group" in message
    assert f"{COLUMN}: related_case_study: no case study" in message
    assert "has 3 problem(s)" in message


def test_publish_refuses_a_record_that_breaks_a_publishing_rule(site_tree, tmp_path):
    document = valid_document()
    _case(document)["tags"]["lead"] = []
    _case(document)["body"][1]["value"]["alt_text"] = ""
    document["case_studies"][1]["body"][1]["value"].pop("alt_text")
    path = write_import(tmp_path, document)
    message = _rejected(path, "--publish")
    assert f"{CASE}: tags: cannot be published (--publish): Choose at least one " in (
        message
    )
    assert f"{CASE}: body: cannot be published (--publish): Image blocks 2 need" in (
        message
    )
    # As drafts the same records are fine: the rules guard going live.
    call_command("import_casestudies", str(path))
    assert not CaseStudyPage.objects.get(locale=locale("ja")).live


def test_a_translation_gives_text_exactly_where_the_source_has_it(site_tree, tmp_path):
    document = valid_document()
    document["case_studies"][1]["hero_image"]["alt"] = ""
    _case(document)["body"][1]["value"]["caption"] = ""
    message = _rejected(write_import(tmp_path, document))
    assert f"{CASE_EN}: hero_image.alt: is empty but the source has text" in message
    assert (
        f"{CASE_EN}: body[1].value.caption: the source has no text here to translate"
        in message
    )


def test_paragraphs_that_do_not_match_the_source_roll_everything_back(
    site_tree, tmp_path
):
    """Found only while writing (wagtail-localize splits paragraphs into segments):
    the Japanese page written just before is rolled back as well."""
    document = valid_document()
    path = write_import(tmp_path, document)
    call_command("import_casestudies", str(path), "--publish")
    _case(document)["summary"] = "変更した要約。"
    document["case_studies"][1]["body"][0]["value"] = "<p>One.</p><p>Two.</p>"
    write_import(tmp_path, document)

    message = _rejected(path, "--publish")
    assert f"{CASE_EN}: body[0].value: the translation has 2 text segments" in message
    ja = CaseStudyPage.objects.get(locale=locale("ja"))
    assert ja.summary != "変更した要約。"


def test_a_new_image_stored_before_a_failure_is_deleted_again(site_tree, tmp_path):
    """Storage is not transactional: files of rolled-back images are removed."""
    document = valid_document()
    document["case_studies"][1]["body"][0]["value"] = "<p>One.</p><p>Two.</p>"
    message = _rejected(write_import(tmp_path, document), "--publish")
    assert "text segments" in message


def test_the_site_structure_must_exist(db, tmp_path):
    message = _rejected(write_import(tmp_path, valid_document()))
    assert f"{CASE}: section: the 'school' section has no index page" in message
    assert f"{COLUMN}: locale: there is no column index page in locale 'en'" in message
