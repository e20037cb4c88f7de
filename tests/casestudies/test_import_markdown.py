"""Markdown rich text in the importer (docs/importer.md, "Markdown").

A rich-text value may be ``{"markdown": "…"}`` instead of an HTML string. It is made
HTML with Wagtail's own converter and then cleaned like HTML input, so the stored
text is what the editor stores for the equivalent HTML; removals, ``--strict`` and
internal links behave as they do for HTML. Everything here runs the real
``import_casestudies`` command on the real database.
"""

from __future__ import annotations

import json
import re

import pytest
from django.core.files.base import ContentFile
from django.core.management.base import CommandError
from wagtail.api.rich_text import APIRichText
from wagtail.documents import get_document_model
from wagtail.models import Revision

from casestudies.models import CaseStudyPage, ColumnPage
from cms.rich_text_input import clean_rich_text, markdown_to_html
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
    r"<script|alert\(|<img|onerror|onclick|javascript:|<h2", re.IGNORECASE
)

# The same text twice: as comms staff write it, and as HTML.
DEVISED_MD = (
    "## 工夫した点\n\n"
    "**太字**と*斜体*の説明。\n\n"
    "- 一つ目\n- 二つ目\n\n"
    "1. 最初\n\n"
    "[県のページ](https://example.org/miyagi/)"
)
DEVISED_HTML = (
    "<h2>工夫した点</h2>"
    "<p><strong>太字</strong>と<em>斜体</em>の説明。</p>"
    "<ul><li>一つ目</li><li>二つ目</li></ul>"
    "<ol><li>最初</li></ol>"
    '<p><a href="https://example.org/miyagi/">県のページ</a></p>'
)
# The English translation: the same blocks, so wagtail-localize's segments line up.
DEVISED_EN_MD = (
    "## What was devised\n\n"
    "**Bold** and *italic* notes.\n\n"
    "- First\n- Second\n\n"
    "1. One\n\n"
    "[The prefecture](https://example.org/miyagi/)"
)


def _features(name: str):
    return CaseStudyPage._meta.get_field(name).features


def _pages():
    ja = CaseStudyPage.objects.get(import_key="miyagi-alt-journal", locale=locale("ja"))
    column = ColumnPage.objects.get(import_key="journal-column", locale=locale("en"))
    return ja, ja.get_translation(locale("en")), column


def _refused(path) -> str:
    """Import ``path``, which must be refused without writing anything."""
    before = written_state()
    with pytest.raises(CommandError) as caught:
        run_import(path)
    assert written_state() == before
    message = str(caught.value)
    assert "nothing was written" in message
    return message


# -- stored as the editor stores the same text ---------------------------------------


def test_markdown_is_stored_as_the_equivalent_html(site_tree, tmp_path):
    document = valid_document()
    case, case_en = document["case_studies"]
    case["devised"] = {"markdown": DEVISED_MD}
    case_en["devised"] = {"markdown": DEVISED_EN_MD}
    case["body"][0]["value"] = {"markdown": "毎号、**写真**と*クイズ*を載せる。"}
    column = document["columns"][0]
    column["body"][0]["value"] = {"markdown": "I love *local* festivals."}
    output = run_import(write_import(tmp_path, document))

    ja, en, column_page = _pages()
    features = _features("devised")
    assert ja.devised == clean_rich_text(DEVISED_HTML, features=features).html
    assert ja.devised == (
        "<p>工夫した点</p><p><b>太字</b>と<i>斜体</i>の説明。</p>"
        "<ul><li>一つ目</li><li>二つ目</li></ul><ol><li>最初</li></ol>"
        '<p><a href="https://example.org/miyagi/">県のページ</a></p>'
    )
    # Wagtail's own Markdown input (the API's db_markdown), saved by the editor.
    wagtail_api, _removals = APIRichText.convert_input(
        {"format": "db_markdown", "content": DEVISED_MD}, features=features
    )
    assert ja.devised == clean_rich_text(wagtail_api, features=features).html
    assert (
        ja.body[0].value.source == "<p>毎号、<b>写真</b>と<i>クイズ</i>を載せる。</p>"
    )
    assert column_page.body[0].value.source == "<p>I love <i>local</i> festivals.</p>"
    assert en.devised.startswith("<p>What was devised</p><p><b>Bold</b> and")

    # The heading is outside the field's features: reported as for HTML input.
    assert f"warning: {CASE}: devised: removed <h2>" in output
    assert f"warning: {CASE_EN}: devised: removed <h2>" in output
    assert output.count("warning:") == 2

    # Importing again changes nothing: the stored values are the clean ones.
    revisions = Revision.objects.count()
    run_import(write_import(tmp_path, document))
    assert Revision.objects.count() == revisions


# -- hostile HTML inside Markdown ------------------------------------------------------

HOSTILE_MD = (
    "ALTに<script>alert(1)</script>**質問**する <img src=x onerror=alert(1)>\n\n"
    '<p onclick="steal()">段落</p>\n\n'
    "[写真](javascript:void) と `<script>` の話"
)
HOSTILE_HTML = (
    "<p>ALTに<script>alert(1)</script><b>質問</b>する <img src=x onerror=alert(1)></p>"
    '<p onclick="steal()">段落</p>'
    '<p><a href="javascript:void">写真</a> と <code>&lt;script&gt;</code> の話</p>'
)


def _hostile_document():
    document = valid_document()
    document["case_studies"][0]["devised"] = {"markdown": HOSTILE_MD}
    # As many paragraphs as the cleaned source, so the segments line up.
    document["case_studies"][1]["devised"] = {"markdown": "Asked.\n\nA.\n\nPhoto."}
    document["columns"][0]["body"][0]["value"] = {
        "markdown": "Festivals<style>p{}</style> <b onclick='x()'>rock</b>."
    }
    return document


def test_hostile_html_inside_markdown_is_removed_and_reported(site_tree, tmp_path):
    output = run_import(write_import(tmp_path, _hostile_document()))

    ja, _en, column = _pages()
    assert (
        ja.devised == clean_rich_text(HOSTILE_HTML, features=_features("devised")).html
    )
    # Code in backticks is words about code, shown as text.
    assert ja.devised == (
        "<p>ALTに<b>質問</b>する</p><p>段落</p><p>写真 と &lt;script&gt; の話</p>"
    )
    assert column.body[0].value.source == "<p>Festivals <b>rock</b>.</p>"
    for page in (ja, column):
        for revision in Revision.objects.filter(object_id=str(page.pk)):
            stored = json.dumps(revision.content, ensure_ascii=False)
            assert not DANGEROUS.search(stored.replace("&lt;script&gt;", ""))

    assert f"warning: {CASE}: devised: removed <script>" in output
    assert f"warning: {CASE}: devised: removed <img>" in output
    assert f"warning: {CASE}: devised: removed attribute onclick= from <p>" in output
    assert f"warning: {CASE}: devised: removed javascript: link" in output
    assert f"warning: {COLUMN}: body[0].value: removed <style>" in output
    assert f"warning: {COLUMN}: body[0].value: removed attribute onclick= from <b>" in (
        output
    )


def test_strict_refuses_markdown_removals_and_writes_nothing(site_tree, tmp_path):
    path = write_import(tmp_path, _hostile_document())
    before = written_state()
    with pytest.raises(CommandError) as caught:
        run_import(path, "--strict")
    assert written_state() == before
    message = str(caught.value)
    assert "nothing was written" in message
    assert f"{CASE}: devised: removed <script>" in message
    assert f"{CASE}: devised: removed javascript: link" in message
    assert f"{COLUMN}: body[0].value: removed <style>" in message

    # Markdown that removes nothing passes --strict.
    clean = valid_document()
    clean["case_studies"][0]["devised"] = {"markdown": "**太字**の工夫。"}
    run_import(write_import(tmp_path, clean), "--strict")
    ja, _en, _column = _pages()
    assert ja.devised == "<p><b>太字</b>の工夫。</p>"


# -- internal links ------------------------------------------------------------------


def test_markdown_internal_links_become_wagtail_references(site_tree, tmp_path):
    doc = get_document_model().objects.create(
        title="Guide", file=ContentFile(b"%PDF-1.4", name="guide.pdf")
    )
    document = valid_document()
    document["case_studies"][0]["devised"] = {
        "markdown": f"[学校](/ja/school/)と[手引き](/documents/{doc.pk}/guide.pdf)"
    }
    # A page this file creates, imported before the column that links to it.
    document["columns"][0]["body"][0]["value"] = {
        "markdown": "See [the case](/en/school/alt-journal/)."
    }
    output = run_import(write_import(tmp_path, document), "--publish")
    assert "warning" not in output

    ja, en, column = _pages()
    assert ja.devised == (
        f'<p><a linktype="page" id="{site_tree.school.pk}">学校</a>と'
        f'<a linktype="document" id="{doc.pk}">手引き</a></p>'
    )
    assert column.body[0].value.source == (
        f'<p>See <a linktype="page" id="{en.pk}">the case</a>.</p>'
    )


def test_a_markdown_link_to_nowhere_is_refused(site_tree, tmp_path):
    document = valid_document()
    document["case_studies"][0]["devised"] = {
        "markdown": "[x](/ja/school/nowhere/) [y](/documents/999/a.pdf)"
    }
    document["case_studies"][0]["body"][0]["value"] = {
        "markdown": "[z](wagtail://page?id=999999)"
    }
    message = _refused(write_import(tmp_path, document))
    assert (
        f"{CASE}: devised: links to /ja/school/nowhere/, but there is no such page"
    ) in message
    assert f"{CASE}: devised: links to /documents/999/a.pdf" in message
    assert f'{CASE}: body[0].value: links to <a linktype="page" id="999999">' in (
        message
    )


# -- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, where, problem",
    [
        (
            {"markdown": "[x](wagtail://page)"},
            "devised.markdown",
            "is not valid Markdown: wagtail://page reference requires id",
        ),
        ({"markdown": 5}, "devised.markdown", "must be a string, not number"),
        ({"md": "**x**"}, "devised.markdown", "is required"),
        (
            {"markdown": "x", "format": "gfm"},
            "devised.format",
            "is not a field of this block or object",
        ),
        (
            ["**x**"],
            "devised",
            'must be a string, not list; rich text may also be {"markdown": "…"}',
        ),
    ],
)
def test_bad_markdown_is_a_located_error(site_tree, tmp_path, value, where, problem):
    document = valid_document()
    document["case_studies"][0]["devised"] = value
    message = _refused(write_import(tmp_path, document))
    assert f"{CASE}: {where}: {problem}" in message


def test_an_empty_markdown_paragraph_is_refused(site_tree, tmp_path):
    document = valid_document()
    document["columns"][0]["body"][0]["value"] = {"markdown": ""}
    message = _refused(write_import(tmp_path, document))
    assert f"{COLUMN}: body[0].value.markdown: must not be empty" in message


# -- what counts as raw HTML -----------------------------------------------------------


@pytest.mark.parametrize(
    "markdown, html",
    [
        ("a < b and x<y", "<p>a &lt; b and x&lt;y</p>"),
        ("<https://example.org/>", "<p>&lt;https://example.org/&gt;</p>"),
        ("AT&T", "<p>AT&amp;T</p>"),
        ("`<b>x</b>`", "<p><code>&lt;b&gt;x&lt;/b&gt;</code></p>"),
        ("<b>x</b>", "<p><b>x</b></p>"),
        ("<div>x</div>", "<div>x</div>"),
    ],
)
def test_only_commonmark_raw_html_is_html(markdown, html):
    assert markdown_to_html(markdown) == html
