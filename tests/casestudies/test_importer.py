"""The importer writes what the file says, in both languages, and re-imports cleanly."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision

from casestudies.models import CaseStudyPage, ColumnPage
from cms.models import CasebookImage, Theme
from cms.translation import translation_status
from tests.casestudies.import_files.builder import valid_document, write_import
from tests.factories import locale

pytestmark = pytest.mark.django_db


def _import(path, *args) -> str:
    sink = _Sink()
    call_command("import_casestudies", str(path), *args, stdout=sink)
    return sink.text


class _Sink:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


def _page(model, key, code):
    return model.objects.get(import_key=key, locale=locale(code))


def _tags_by_group(page):
    groups: dict[str, list[str]] = {}
    for tag in page.tags.select_related("group").order_by("slug"):
        groups.setdefault(tag.group.slug, []).append(tag.slug)
    return groups


def test_round_trip_reads_back_what_the_file_says(site_tree, tmp_path):
    document = valid_document()
    _import(write_import(tmp_path, document), "--publish")
    record, english = document["case_studies"]

    ja = _page(CaseStudyPage, "miyagi-alt-journal", "ja")
    assert ja.live and ja.get_parent().pk == site_tree.school.pk
    assert (ja.title, ja.slug, ja.prefecture) == (
        record["title"],
        record["slug"],
        "JP-04",
    )
    assert ja.summary == record["summary"]
    assert ja.devised == record["devised"]
    assert _tags_by_group(ja) == {
        group: sorted(slugs) for group, slugs in record["tags"].items()
    }
    assert list(ja.themes.values_list("slug", flat=True)) == ["local-appeal"]
    assert Theme.objects.get(slug="local-appeal").name_en == "Local appeal"
    assert [b.block_type for b in ja.body] == [b["type"] for b in record["body"]]
    assert ja.body[0].value.source == record["body"][0]["value"]
    image_block = ja.body[1].value
    assert image_block["alt_text"] == "読み物を読む生徒"
    assert image_block["caption"] == "授業での活用"
    assert image_block["image"].file_hash
    assert ja.body[2].value["speaker"] == "生徒"
    assert ja.body[3].value["url"] == "https://www.youtube.com/watch?v=casebook1"
    assert ja.hero_image_alt == "読み物の表紙"
    assert ja.hero_image.description == "読み物の表紙"

    en = _page(CaseStudyPage, "miyagi-alt-journal", "en")
    assert en.translation_key == ja.translation_key
    assert (
        en.live
        and en.get_parent().pk == site_tree.school.get_translation(locale("en")).pk
    )
    assert en.title == english["title"]
    assert en.summary == english["summary"]
    assert en.hero_image_id == ja.hero_image_id  # synchronised, not translated
    assert en.hero_image_alt == "The reader's cover"
    assert en.body[0].value.source == english["body"][0]["value"]
    assert en.body[1].value["alt_text"] == "Pupils reading the journal"
    assert en.body[1].value["image"].pk == image_block["image"].pk
    assert en.body[3].value["url"] == "https://www.youtube.com/watch?v=casebook1"
    assert en.body[4].value["title"] == "The prefecture's page"
    assert en.prefecture == "JP-04"
    assert _tags_by_group(en) == _tags_by_group(ja)
    status = translation_status(en)
    assert status.source_locale == "ja" and not status.behind


def test_a_column_written_in_english_first_gets_its_japanese_translation(
    site_tree, tmp_path
):
    _import(write_import(tmp_path, valid_document()), "--publish")
    en = _page(ColumnPage, "journal-column", "en")
    ja = _page(ColumnPage, "journal-column", "ja")
    assert translation_status(ja).source_locale == "en"
    assert translation_status(en) is None
    assert (en.title, ja.title) == ("Why I write the journal", "読み物を書く理由")
    assert (en.home_country, ja.home_country) == ("Canada", "カナダ")
    assert ja.author_name == "Sam Example"
    assert ja.portrait_alt == "笑顔のサム" and ja.portrait_id == en.portrait_id
    # Each column points at the case study of its own locale.
    assert (
        en.related_case_study_id == _page(CaseStudyPage, "miyagi-alt-journal", "en").pk
    )
    assert (
        ja.related_case_study_id == _page(CaseStudyPage, "miyagi-alt-journal", "ja").pk
    )


def test_drafts_by_default(site_tree, tmp_path):
    _import(write_import(tmp_path, valid_document()))
    ja = _page(CaseStudyPage, "miyagi-alt-journal", "ja")
    en = _page(CaseStudyPage, "miyagi-alt-journal", "en")
    assert not ja.live and not en.live
    assert en.get_latest_revision_as_object().title.startswith("The ALT Journal")


def _counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": CasebookImage.objects.count(),
    }


@pytest.mark.parametrize("publish", [True, False])
def test_reimporting_the_same_file_changes_nothing(site_tree, tmp_path, publish):
    path = write_import(tmp_path, valid_document())
    flags = ["--publish"] if publish else []
    _import(path, *flags)
    first = _counts()
    _import(path, *flags)
    assert _counts() == first


def test_reimporting_a_changed_file_updates_in_place(site_tree, tmp_path):
    document = valid_document()
    path = write_import(tmp_path, document)
    _import(path, "--publish")
    before = _counts()
    document["case_studies"][0]["summary"] = "書き直した要約。"
    document["case_studies"][1]["summary"] = "A rewritten summary."
    write_import(tmp_path, document)
    _import(path, "--publish")
    after = _counts()
    assert after["pages"] == before["pages"]
    assert after["images"] == before["images"]
    # One new revision each for the Japanese page and its English translation.
    assert after["revisions"] == before["revisions"] + 2
    assert (
        _page(CaseStudyPage, "miyagi-alt-journal", "ja").summary == "書き直した要約。"
    )
    en = _page(CaseStudyPage, "miyagi-alt-journal", "en")
    assert en.summary == "A rewritten summary."
    assert not translation_status(en).behind


def test_an_english_record_can_translate_a_page_imported_earlier(site_tree, tmp_path):
    document = valid_document()
    english = document["case_studies"].pop(1)
    document["columns"] = []
    _import(write_import(tmp_path, document), "--publish")
    later = {"version": 1, "case_studies": [english]}
    (tmp_path / "later").mkdir()
    _import(write_import(tmp_path / "later", later), "--publish")
    assert _page(CaseStudyPage, "miyagi-alt-journal", "en").title == english["title"]


def test_dry_run_writes_nothing(site_tree, tmp_path):
    before = _counts()
    output = _import(write_import(tmp_path, valid_document()), "--dry-run")
    assert _counts() == before
    assert "case studies (ja): 1 created" in output
    assert "dry run: everything was rolled back" in output


def test_the_command_reports_what_it_did(site_tree, tmp_path):
    path = write_import(tmp_path, valid_document())
    first = _import(path)
    assert "case studies (en): 1 created, 0 updated, 0 unchanged" in first
    assert "images: 3 created, 0 reused" in first
    again = _import(path)
    assert "case studies (ja): 0 created, 0 updated, 1 unchanged" in again
    assert "columns (ja): 0 created, 0 updated, 1 unchanged" in again
