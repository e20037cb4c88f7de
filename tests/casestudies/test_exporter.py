"""``export_casestudies``: export, import into an emptied site, get the same content."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from casestudies.exporter import export_casebook
from casestudies.importer import import_file
from casestudies.models import CaseStudyPage, ColumnPage
from cms.models import CasebookImage, Theme
from cms.translation import translate_page
from cms.translation_state import untranslated_fields
from tests.casestudies.import_files.builder import valid_document, write_import
from tests.factories import ImageFactory, locale, make_case_study, tags


def _file_hash(image) -> str | None:
    if image is None:
        return None
    with image.open_file() as handle:
        return hashlib.sha1(handle.read()).hexdigest()


def _body(page) -> list:
    blocks = []
    for block in page.body:
        value = block.value
        if block.block_type == "paragraph":
            blocks.append(("paragraph", value.source))
        else:
            plain = dict(value)
            if "image" in plain:
                plain["image"] = _file_hash(plain["image"])
            blocks.append((block.block_type, sorted(plain.items())))
    return blocks


def snapshot() -> dict:
    """Everything the export promises to carry, keyed by public path."""
    pages = {}
    for model in (CaseStudyPage, ColumnPage):
        for row in model.objects.select_related("locale"):
            page = row.get_latest_revision_as_object()
            entry = {
                "title": page.title,
                "summary": page.summary,
                "body": _body(page),
                "untranslated": untranslated_fields(row),
            }
            if model is CaseStudyPage:
                entry.update(
                    prefecture=page.prefecture,
                    municipality=page.municipality,
                    devised=page.devised,
                    challenges=page.challenges,
                    outcomes=page.outcomes,
                    tags=sorted(t.slug for t in page.tags.all()),
                    themes=sorted(t.slug for t in page.themes.all()),
                    hero=_file_hash(page.hero_image),
                    hero_alt=page.hero_image_alt,
                    is_sample=page.is_sample,
                )
            else:
                related = page.related_case_study
                entry.update(
                    author=page.author_name,
                    country=page.home_country,
                    placement=page.placement,
                    portrait=_file_hash(page.portrait),
                    portrait_alt=page.portrait_alt,
                    related=related.url_path if related else None,
                )
            pages[(row.locale.language_code, row.url_path)] = entry
    themes = sorted(Theme.objects.values_list("slug", "name_ja", "name_en"))
    # Images by content: two library images with the same bytes import as one.
    images = sorted({_file_hash(i) for i in CasebookImage.objects.all()} - {None})
    return {"pages": pages, "themes": themes, "images": images}


@pytest.fixture
def content(site_tree, tmp_path):
    """Imported content (with an English-first column) plus a page made by hand
    whose English translation leaves most fields untranslated."""
    import_file(write_import(tmp_path / "in", valid_document()), publish=True)
    by_hand = make_case_study(
        site_tree.community,
        slug="by-hand",
        title="手で作った事例",
        municipality="水戸市",
        hero_image=ImageFactory(title="hand"),
        hero_image_alt="写真",
        tags=tags("contracting-organisation", "residents"),
    )
    translate_page(
        by_hand, locale("en"), values={"title": "Made by hand"}, publish=True
    )
    return site_tree


def _empty_the_site():
    for model in (ColumnPage, CaseStudyPage):
        for page in model.objects.order_by("-depth"):
            page.delete()
    CasebookImage.objects.all().delete()
    Theme.objects.all().delete()


def test_export_then_import_into_an_empty_site_gives_the_same_content(
    content, tmp_path
):
    before = snapshot()
    assert any(entry["untranslated"] for entry in before["pages"].values())
    summary = export_casebook(tmp_path / "out")
    assert summary.counts["translations"] >= 3

    _empty_the_site()
    assert not CaseStudyPage.objects.exists()
    import_file(tmp_path / "out" / "casebook.json", publish=True)
    assert snapshot() == before


def test_the_file_is_the_import_format_with_images_by_content(content, tmp_path):
    export_casebook(tmp_path / "out")
    document = json.loads((tmp_path / "out" / "casebook.json").read_text())
    assert document["version"] == 1
    files = {p.name for p in (tmp_path / "out" / "images").iterdir()}
    named = {
        r["hero_image"]["file"].split("/")[-1]
        for r in document["case_studies"]
        if "file" in r.get("hero_image", {})
    }
    assert named <= files
    english = next(
        r for r in document["case_studies"] if r["key"] == "case-study-by-hand-en"
    )
    # Only what was translated: the municipality still shows the Japanese text.
    assert english["title"] == "Made by hand"
    assert "municipality" not in english


def test_filters_and_the_command(content, tmp_path, capsys):
    call_command("export_casestudies", str(tmp_path / "ja"), "--locale", "ja")
    document = json.loads((tmp_path / "ja" / "casebook.json").read_text())
    locales = {r.get("locale", "ja") for r in document["case_studies"]}
    assert locales == {"ja"}
    call_command("export_casestudies", str(tmp_path / "school"), "--section", "school")
    school = json.loads((tmp_path / "school" / "casebook.json").read_text())
    assert {r.get("section") for r in school["case_studies"] if "section" in r} == {
        "school"
    }
    call_command(
        "export_casestudies", str(tmp_path / "one"), "--key", "case-study-by-hand"
    )
    one = json.loads((tmp_path / "one" / "casebook.json").read_text())
    assert [r["key"] for r in one["case_studies"]] == [
        "case-study-by-hand",
        "case-study-by-hand-en",
    ]
    assert "Wrote" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("export_casestudies", str(tmp_path / "x"), "--section", "nowhere")
