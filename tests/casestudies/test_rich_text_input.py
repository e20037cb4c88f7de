"""One rich-text format whatever the write path (cms/rich_text_input.py).

Hostile markup given to the importer, to translations written by code, or already
in the database ends up as what Wagtail's own editor would store for the field's
features, and what was removed is reported per record and field.
"""

from __future__ import annotations

import importlib
import json
import re

import pytest
from django.apps import apps as django_apps
from django.core.management.base import CommandError
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.models import Page, Revision
from wagtail_localize.models import (
    String,
    StringSegment,
    Template,
    TemplateSegment,
    TranslationSource,
)

from casestudies.demo.loader import DEMO_FILE
from casestudies.importer.records import read_records
from casestudies.importer.values import rich_text_warnings
from casestudies.models import CaseStudyPage, ColumnPage
from cms.blocks.text import PARAGRAPH_FEATURES
from cms.rich_text_input import (
    LinkTarget,
    clean_rich_text,
    model_rich_text_fields,
    stream_rich_text_blocks,
)
from cms.translation import translate_page
from tests.casestudies.import_files.builder import (
    CASE,
    CASE_EN,
    COLUMN,
    run_import,
    valid_document,
    write_import,
)
from tests.casestudies.import_files.state import written_state
from tests.factories import locale

pytestmark = pytest.mark.django_db


# Markup that runs in a browser, or that the editor cannot produce.
DANGEROUS = re.compile(
    r"<script|<style|<iframe|<img|onerror|onclick|style=|javascript:|data:|<marquee",
    re.IGNORECASE,
)

HOSTILE = {
    "script": (
        "<p>a<script>alert(1)</script></p>",
        "<p>a</p>",
        [("element", "script")],
    ),
    "onerror": (
        '<p><img src="x" onerror="alert(1)">b</p>',
        "<p>b</p>",
        [("element", "img")],
    ),
    "onclick attribute": (
        '<p onclick="alert(1)">c</p>',
        "<p>c</p>",
        [("attribute", "onclick")],
    ),
    "javascript: href": (
        '<p><a href="javascript:alert(1)">d</a></p>',
        "<p>d</p>",
        [("scheme", "javascript")],
    ),
    "obfuscated javascript: href": (
        '<p><a href="JaVa&#x09;ScRiPt:alert(1)">e</a></p>',
        "<p>e</p>",
        [("scheme", "javascript")],
    ),
    "data: href": (
        '<p><a href="data:text/html,x">f</a></p>',
        "<p>f</p>",
        [("scheme", "data")],
    ),
    "iframe": (
        '<iframe src="https://example.org/x"></iframe><p>g</p>',
        "<p>g</p>",
        [("element", "iframe")],
    ),
    "style element and attribute": (
        '<style>p{color:red}</style><p style="color:red">h</p>',
        "<p>h</p>",
        [("element", "style"), ("attribute", "style")],
    ),
    "unknown tags": (
        "<p><marquee><blink>i</blink></marquee></p>",
        "<p>i</p>",
        [("element", "marquee"), ("element", "blink")],
    ),
    "nested": (
        '<ul><li><b><i><a href="https://example.org/" onclick="x()" target="_blank">'
        "j</a><script>bad()</script></i></b></li></ul>",
        # The editor's own nesting: the link outside the inline styles.
        '<ul><li><a href="https://example.org/"><b><i>j</i></b></a></li></ul>',
        [("attribute", "onclick"), ("attribute", "target"), ("element", "script")],
    ),
    "heading outside the features": (
        "<h2>k</h2><p>l</p>",
        "<p>k</p><p>l</p>",
        [("element", "h2")],
    ),
}


@pytest.mark.parametrize("given, stored, removed", HOSTILE.values(), ids=HOSTILE)
def test_hostile_markup_is_removed_and_reported(given, stored, removed):
    result = clean_rich_text(given, features=PARAGRAPH_FEATURES)
    assert result.html == stored
    assert sorted((r.kind, r.name) for r in result.removals) == sorted(removed)
    assert not DANGEROUS.search(result.html)
    # Idempotent: clean output is stored as it is.
    again = clean_rich_text(result.html, features=PARAGRAPH_FEATURES)
    assert (again.html, again.removals) == (result.html, [])


def _editor_stores(field, html: str) -> str:
    """What Wagtail's own admin form stores for ``html`` (open, then save)."""
    widget = field.formfield().widget
    contentstate = widget.format_value(html)
    stored = widget.value_from_datadict({"f": contentstate}, {}, "f")
    return re.sub(r' data-block-key="[^"]*"', "", stored)


EDITOR_CASES = [
    "<p>plain <strong>strong</strong> <em>em</em> <b>b</b> <i>i</i></p>",
    "bare text",
    "<p>line<br/>break</p>\n\n<p>two</p>",
    '<ul><li>one</li><li>two <a href="https://example.org/">link</a></li></ul>',
    "<ol><li>first</li></ol>",
    "<div>a div</div>",
]


@pytest.mark.parametrize("given", EDITOR_CASES)
def test_stores_what_the_admin_form_stores(given):
    field = CaseStudyPage._meta.get_field("devised")
    result = clean_rich_text(given, features=field.features)
    assert result.removals == []
    assert result.html == _editor_stores(field, given)


@pytest.mark.parametrize("given, stored, removed", HOSTILE.values(), ids=HOSTILE)
def test_the_editor_keeps_clean_output_as_it_is(given, stored, removed):
    field = CaseStudyPage._meta.get_field("devised")
    cleaned = clean_rich_text(given, features=field.features).html
    assert _editor_stores(field, cleaned) == cleaned


def test_each_field_uses_its_own_features():
    assert model_rich_text_fields(CaseStudyPage) == {
        "devised": PARAGRAPH_FEATURES,
        "challenges": PARAGRAPH_FEATURES,
        "outcomes": PARAGRAPH_FEATURES,
    }
    body = ColumnPage._meta.get_field("body").stream_block
    assert stream_rich_text_blocks(body) == {"paragraph": PARAGRAPH_FEATURES}

    given = '<p><b>bold</b> <i>italic</i> <a href="https://example.org/">l</a></p>'
    only_italic = clean_rich_text(given, features=["italic"])
    assert only_italic.html == "<p>bold <i>italic</i> l</p>"
    assert {(r.kind, r.name) for r in only_italic.removals} == {
        ("element", "b"),
        ("element", "a"),
    }
    assert clean_rich_text(given, features=PARAGRAPH_FEATURES).removals == []


# -- the importer -------------------------------------------------------------------


def _hostile_document():
    document = valid_document()
    case, case_en = document["case_studies"]
    case["devised"] = '<p onclick="x()">ALTに<script>alert(1)</script>質問</p>'
    case["challenges"] = "<div><strong>題材</strong>選び。<em>難しい</em></div>"
    case["body"][0]["value"] = (
        '<p>毎号<a href="javascript:alert(1)">写真</a>を載せる。</p>'
        '<iframe src="https://example.org/"></iframe>'
    )
    case_en["outcomes"] = '<p>Teachers <img src=x onerror="alert(1)">use it.</p>'
    case_en["body"][0]["value"] = "<p>Each issue<style>p{}</style> has photos.</p>"
    document["columns"][0]["body"][0]["value"] = "<p><marquee>Festivals</marquee></p>"
    return document


def test_imported_rich_text_is_what_the_cleaner_stores(site_tree, tmp_path):
    document = _hostile_document()
    output = run_import(write_import(tmp_path, document))
    case = document["case_studies"][0]

    ja = CaseStudyPage.objects.get(import_key="miyagi-alt-journal", locale=locale("ja"))
    en = ja.get_translation(locale("en"))
    column = ColumnPage.objects.get(import_key="journal-column", locale=locale("en"))
    features = CaseStudyPage._meta.get_field("devised").features
    assert ja.devised == clean_rich_text(case["devised"], features=features).html
    assert ja.devised == "<p>ALTに質問</p>"
    # What the admin form stores for the same (harmless) input: the editor's format.
    challenges = CaseStudyPage._meta.get_field("challenges")
    assert ja.challenges == _editor_stores(challenges, case["challenges"])
    assert ja.challenges == "<p><b>題材</b>選び。<i>難しい</i></p>"
    assert ja.body[0].value.source == "<p>毎号写真を載せる。</p>"
    assert en.outcomes == "<p>Teachers use it.</p>"
    assert en.body[0].value.source == "<p>Each issue has photos.</p>"
    assert column.body[0].value.source == "<p>Festivals</p>"
    for page in (ja, en, column):
        for revision in Revision.objects.filter(object_id=str(page.pk)):
            assert not DANGEROUS.search(json.dumps(revision.content))
    for source in TranslationSource.objects.all():
        assert not DANGEROUS.search(source.content_json)

    assert f"warning: {CASE}: devised: removed <script>" in output
    assert f"warning: {CASE}: devised: removed attribute onclick= from <p>" in output
    assert f"warning: {CASE}: body[0].value: removed javascript: link" in output
    assert f"warning: {CASE}: body[0].value: removed <iframe>" in output
    assert f"warning: {CASE_EN}: outcomes: removed <img>" in output
    assert f"warning: {CASE_EN}: body[0].value: removed <style>" in output
    assert f"warning: {COLUMN}: body[0].value: removed <marquee>" in output

    # Importing again: the stored values already are the clean ones.
    revisions = Revision.objects.count()
    run_import(write_import(tmp_path, document))
    assert Revision.objects.count() == revisions


def test_strict_refuses_and_writes_nothing(site_tree, tmp_path):
    path = write_import(tmp_path, _hostile_document())
    before = written_state()
    with pytest.raises(CommandError) as caught:
        run_import(path, "--strict", "--publish")
    assert written_state() == before
    message = str(caught.value)
    assert "nothing was written" in message
    assert f"{CASE}: devised: removed <script>" in message
    assert f"{CASE_EN}: outcomes: removed <img>" in message
    assert f"{COLUMN}: body[0].value: removed <marquee>" in message

    # A clean file passes --strict.
    run_import(write_import(tmp_path, valid_document()), "--strict")
    assert Page.objects.count() > before["pages"]


def test_demo_content_imports_without_removals():
    document = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    records = read_records(document, DEMO_FILE.parent)
    assert records
    assert rich_text_warnings(records) == []


# -- internal links -----------------------------------------------------------------


def test_internal_links_become_wagtail_references(site_tree, tmp_path):
    document_model = get_document_model()
    from django.core.files.base import ContentFile

    doc = document_model.objects.create(
        title="Guide", file=ContentFile(b"%PDF-1.4", name="guide.pdf")
    )
    document = valid_document()
    case = document["case_studies"][0]
    case["devised"] = (
        '<p><a href="/ja/school/">学校</a>と'
        f'<a href="/documents/{doc.pk}/guide.pdf">手引き</a></p>'
    )
    # A reference given as such (e.g. from export_casestudies) is kept.
    case["outcomes"] = f'<p><a linktype="page" id="{site_tree.community.pk}">c</a></p>'
    # A link to a page of this file (imported before the column).
    document["columns"][0]["body"][0]["value"] = (
        '<p>See <a href="/en/school/alt-journal/">the case</a>.</p>'
    )
    output = run_import(write_import(tmp_path, document), "--publish")
    assert "warning" not in output

    ja = CaseStudyPage.objects.get(import_key="miyagi-alt-journal", locale=locale("ja"))
    en_case = ja.get_translation(locale("en"))
    assert ja.devised == (
        f'<p><a linktype="page" id="{site_tree.school.pk}">学校</a>と'
        f'<a linktype="document" id="{doc.pk}">手引き</a></p>'
    )
    assert ja.outcomes == (
        f'<p><a linktype="page" id="{site_tree.community.pk}">c</a></p>'
    )
    column = ColumnPage.objects.get(import_key="journal-column", locale=locale("en"))
    assert column.body[0].value.source == (
        f'<p>See <a linktype="page" id="{en_case.pk}">the case</a>.</p>'
    )
    # The reference renders as the (published) page's URL, in the reader's language.
    with translation.override("en"):
        assert f'href="{en_case.url}"' in str(column.body[0].value)


def test_a_link_to_a_missing_page_or_document_is_a_problem(site_tree, tmp_path):
    document = valid_document()
    document["case_studies"][0]["devised"] = (
        '<p><a href="/ja/school/nowhere/">x</a> '
        '<a href="/documents/999/a.pdf">y</a> '
        '<a linktype="page" id="999999">z</a></p>'
    )
    before = written_state()
    with pytest.raises(CommandError) as caught:
        run_import(write_import(tmp_path, document))
    assert written_state() == before
    message = str(caught.value)
    assert (
        f"{CASE}: devised: links to /ja/school/nowhere/, but there is no such page"
    ) in message
    assert f"{CASE}: devised: links to /documents/999/a.pdf" in message
    assert f'{CASE}: devised: links to <a linktype="page" id="999999">' in message


def test_a_link_to_a_page_the_file_imports_later_is_a_problem(site_tree, tmp_path):
    document = valid_document()
    # Case studies are written before columns: the column does not exist yet.
    columns_path = site_tree.columns.get_translation(locale("en")).url
    document["case_studies"][0]["devised"] = (
        f'<p><a href="{columns_path}why-i-write/">column</a></p>'
    )
    before = written_state()
    with pytest.raises(CommandError) as caught:
        run_import(write_import(tmp_path, document))
    assert written_state() == before
    assert "a page this file imports after this record" in str(caught.value)


# -- translations written by code ---------------------------------------------------


def test_translations_stored_by_code_are_cleaned(site_tree, tmp_path):
    run_import(write_import(tmp_path, valid_document()))
    ja = CaseStudyPage.objects.get(import_key="miyagi-alt-journal", locale=locale("ja"))
    body = [dict(b) for b in ja.get_latest_revision_as_object().body.raw_data]
    values = {
        "devised": '<p onclick="x()">Asked <script>alert(1)</script>the ALT.</p>',
        "body": [
            {
                "type": "paragraph",
                "value": '<p><a href="javascript:x()">Photos</a></p>',
            },
            *({"type": b["type"], "value": b["value"]} for b in body[1:]),
        ],
    }
    en = translate_page(ja, locale("en"), values=values)
    en.refresh_from_db()
    assert en.devised == "<p>Asked the ALT.</p>"
    assert en.body[0].value.source == "<p>Photos</p>"


# -- the data migration -------------------------------------------------------------

DIRTY = '<p onclick="x()">a<script>alert(1)</script> <a href="javascript:y()">j</a></p>'
DIRTY_PARAGRAPH = "<p>q<iframe src='https://e/'></iframe></p><style>p{}</style>"


def _migration():
    return importlib.import_module("casestudies.migrations.0002_clean_rich_text")


def _dirty_everywhere(page: CaseStudyPage) -> None:
    """Put dirty markup in the live row, a revision and wagtail-localize's records,
    bypassing every cleaner (as the importer used to)."""
    raw = [dict(b) for b in page.body.raw_data]
    raw[0]["value"] = DIRTY_PARAGRAPH
    CaseStudyPage.objects.filter(pk=page.pk).update(devised=DIRTY, body=raw)
    page = CaseStudyPage.objects.get(pk=page.pk)
    page.save_revision()
    TranslationSource.update_or_create_from_instance(page)


def _dirty_places(page: CaseStudyPage) -> dict[str, bool]:
    source = TranslationSource.objects.get(
        object_id=page.translation_key, locale=page.locale
    )
    live = CaseStudyPage.objects.get(pk=page.pk)
    strings = StringSegment.objects.filter(source=source)
    templates = TemplateSegment.objects.filter(source=source)
    return {
        "live row": bool(
            DANGEROUS.search(live.devised)
            or DANGEROUS.search(json.dumps(list(live.body.raw_data)))
        ),
        "revisions": any(
            DANGEROUS.search(json.dumps(r.content))
            for r in Revision.objects.filter(object_id=str(page.pk))
        ),
        "content_json": bool(DANGEROUS.search(source.content_json)),
        "templates": any(DANGEROUS.search(t.template.template) for t in templates)
        or any(DANGEROUS.search(t.template) for t in Template.objects.all()),
        "strings": any(DANGEROUS.search(json.dumps(s.attrs or {})) for s in strings)
        or String.objects.filter(data__in=["alert(1)", "p{}"]).exists(),
    }


def test_migration_cleans_the_home_page_intro_too(site_tree):
    from home.models import HomePage

    HomePage.objects.filter(pk=site_tree.home.pk).update(intro=DIRTY)
    _migration().clean_stored_rich_text(django_apps, None)
    assert HomePage.objects.get(pk=site_tree.home.pk).intro == "<p>a j</p>"


def test_migration_cleans_live_rows_revisions_and_translation_records(
    site_tree, tmp_path
):
    run_import(write_import(tmp_path, valid_document()))
    ja = CaseStudyPage.objects.get(import_key="miyagi-alt-journal", locale=locale("ja"))
    en = ja.get_translation(locale("en"))
    _dirty_everywhere(ja)
    CaseStudyPage.objects.filter(pk=en.pk).update(devised=DIRTY)
    assert all(_dirty_places(ja).values()), _dirty_places(ja)

    _migration().clean_stored_rich_text(django_apps, None)

    assert not any(_dirty_places(ja).values()), _dirty_places(ja)
    ja = CaseStudyPage.objects.get(pk=ja.pk)
    assert ja.devised == "<p>a j</p>"
    assert ja.body[0].value.source == "<p>q</p>"
    assert CaseStudyPage.objects.get(pk=en.pk).devised == "<p>a j</p>"

    # Idempotent: a second run changes no row.
    state = (
        list(Revision.objects.order_by("pk").values_list("content", flat=True)),
        list(
            TranslationSource.objects.order_by("pk").values_list(
                "content_json", flat=True
            )
        ),
        CaseStudyPage.objects.get(pk=ja.pk).devised,
        StringSegment.objects.count(),
    )
    _migration().clean_stored_rich_text(django_apps, None)
    assert state == (
        list(Revision.objects.order_by("pk").values_list("content", flat=True)),
        list(
            TranslationSource.objects.order_by("pk").values_list(
                "content_json", flat=True
            )
        ),
        CaseStudyPage.objects.get(pk=ja.pk).devised,
        StringSegment.objects.count(),
    )


def test_resolver_decides_internal_links():
    result = clean_rich_text(
        '<p><a href="/ja/anything/">x</a></p>',
        features=PARAGRAPH_FEATURES,
        resolver=lambda url: LinkTarget("page", 42),
    )
    assert result.html == '<p><a linktype="page" id="42">x</a></p>'
    missing = clean_rich_text(
        '<p><a href="/ja/anything/">x</a></p>',
        features=PARAGRAPH_FEATURES,
        resolver=lambda url: None,
    )
    assert [link.url for link in missing.broken_links] == ["/ja/anything/"]
