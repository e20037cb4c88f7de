"""Rich text leaves the API as display HTML whose links are public only.

Every rich-text field and block (``devised``, ``challenges``, ``outcomes``, body
paragraphs of case studies and columns, section and column-index ``intro``, the
home ``intro``) links to a public page, a draft, a login- and a password-restricted
page, an expired page, a page under a restricted ancestor, a page on another site,
a deleted page, a public document and one in a restricted collection. Every
private target's slug, title and file name carries MARKER: no response may carry
it, nor internal markup (``linktype``, ``embedtype``); the link texts stay.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.rich_text import features, get_rewriter

from cms.api.endpoints.preview import issue_token
from cms.rich_text_output import (
    PublicDocumentLinkHandler,
    PublicPageLinkHandler,
    public_html,
)
from cms.translation import translate_page
from cms.workflows.scheduling import run_due
from tests.api.helpers import API
from tests.factories import locale, make_case_study, make_column

MARKER = "zqrtmarker"
PRIVATE_KINDS = (
    "draft",
    "login",
    "password",
    "expired",
    "ancestor",
    "othersite",
    "deleted",
    "secretdoc",
)


def _link_html(targets: dict[str, int]) -> str:
    """A paragraph linking every target, each link text naming its kind."""
    links = [f'<a linktype="page" id="{targets["public"]}">text-public</a>']
    for kind in ("draft", "login", "password", "expired", "ancestor", "othersite"):
        links.append(f'<a linktype="page" id="{targets[kind]}">text-{kind}</a>')
    links.append(f'<a linktype="page" id="{targets["deleted"]}">text-deleted</a>')
    links.append(f'<a linktype="document" id="{targets["doc"]}">text-doc</a>')
    links.append(
        f'<a linktype="document" id="{targets["secretdoc"]}">text-secretdoc</a>'
    )
    links.append('<a href="https://example.org/ext">text-external</a>')
    return "<p>" + " ".join(links) + "</p>"


def _document(title: str, name: str, collection=None):
    model = get_document_model()
    document = model(
        title=title, collection=collection or Collection.get_first_root_node()
    )
    document.file.save(name, ContentFile(b"%PDF-1.4 test"), save=False)
    document.save()
    return document


@pytest.fixture
def linked(api_content):
    site = api_content.site
    targets: dict[str, int] = {}
    # A live public page with a live English translation (api_content's).
    public = api_content.kumamoto
    targets["public"] = public.pk
    public_en = public.get_translation(locale("en"))
    # Before a second site exists (then Wagtail writes absolute URLs).
    public_url = {"ja": public.get_url(), "en": public_en.get_url()}
    columns_path = site.columns.url_path.removeprefix(site.home.url_path)
    assert public_url["ja"].startswith("/ja/") and public_url["en"].startswith("/en/")
    targets["draft"] = make_case_study(
        site.school, slug=f"{MARKER}-draft-case", title=MARKER, publish=False
    ).pk
    for kind, extra in (
        ("login", {"restriction_type": PageViewRestriction.LOGIN}),
        (
            "password",
            {"restriction_type": PageViewRestriction.PASSWORD, "password": "pw"},
        ),
    ):
        page = make_case_study(site.school, slug=f"{MARKER}-{kind}-case", title=MARKER)
        PageViewRestriction.objects.create(page=page, **extra)
        targets[kind] = page.pk
    expired = make_case_study(site.school, slug=f"{MARKER}-expired-case", title=MARKER)
    type(expired).objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - dt.timedelta(hours=1)
    )
    assert run_due().expired == [expired.pk]
    targets["expired"] = expired.pk
    # A page under a restricted ancestor (the restriction is not on the page).
    area = site.home.add_child(instance=Page(title=MARKER, slug=f"{MARKER}-area"))
    area.save_revision().publish()
    PageViewRestriction.objects.create(
        page=area, restriction_type=PageViewRestriction.LOGIN
    )
    child = area.add_child(instance=Page(title=MARKER, slug=f"{MARKER}-child"))
    child.save_revision().publish()
    targets["ancestor"] = child.pk
    # A live public page of another site.
    other_root = Page.get_first_root_node().add_child(
        instance=Page(title=MARKER, slug=f"{MARKER}-other-root", locale=locale("ja"))
    )
    other_root.save_revision().publish()
    Site.objects.create(hostname=f"{MARKER}.example", port=80, root_page=other_root)
    other = other_root.add_child(
        instance=Page(title=MARKER, slug=f"{MARKER}-other", locale=locale("ja"))
    )
    other.save_revision().publish()
    targets["othersite"] = other.pk
    targets["deleted"] = 987654
    # Documents: one public, one in a restricted collection.
    restricted = Collection.get_first_root_node().add_child(name=f"{MARKER} docs")
    CollectionViewRestriction.objects.create(
        collection=restricted, restriction_type=CollectionViewRestriction.LOGIN
    )
    doc = _document("Guide", "public-guide.pdf")
    secret_doc = _document(MARKER, f"{MARKER}-secret.pdf", restricted)
    targets["doc"] = doc.pk
    targets["secretdoc"] = secret_doc.pk

    html = _link_html(targets)
    case = make_case_study(
        site.school,
        slug="linked-case",
        title="リンク事例",
        body=[{"type": "paragraph", "value": html}],
        devised=html,
        challenges=html,
        outcomes=html,
    )
    case_en = translate_page(
        case, locale("en"), values={"title": "Linked case"}, publish=True
    )
    column = make_column(
        site.columns,
        slug="linked-column",
        body=[{"type": "paragraph", "value": html}],
    )
    column_en = translate_page(
        column, locale("en"), values={"title": "Linked column"}, publish=True
    )
    for index in (site.school, site.columns, site.home):
        page = type(index).objects.get(pk=index.pk)
        draft = page.get_latest_revision_as_object()
        draft.intro = html
        draft.save_revision().publish()
        translate_page(draft, locale("en"), publish=True)
    return {
        "targets": targets,
        "case": case,
        "case_en": case_en,
        "column": column,
        "column_en": column_en,
        "public_url": public_url,
        "columns_path": columns_path,
        "doc_url": doc.url,
        "secret_doc": secret_doc,
    }


def _get(client, endpoint: str, **params):
    response = client.get(API + endpoint, params)
    assert response.status_code == 200, response.content[:500]
    return response.content.decode()


def _rich_texts(body) -> list[str]:
    """Every HTML string in a JSON body that contains one of the link texts."""
    found = []
    if isinstance(body, dict):
        for value in body.values():
            found += _rich_texts(value)
    elif isinstance(body, list):
        for value in body:
            found += _rich_texts(value)
    elif isinstance(body, str) and "text-public" in body:
        found.append(body)
    return found


def assert_public_links_only(text: str, language: str, linked, *, expect: int):
    """No private target anywhere, no internal markup; the texts all kept."""
    lowered = text.lower()
    assert MARKER not in lowered
    assert "linktype" not in lowered
    assert "embedtype" not in lowered
    assert str(linked["secret_doc"].file.name).lower() not in lowered
    html = _rich_texts(json.loads(text))
    assert len(html) == expect, html
    public_url = linked["public_url"][language]
    for fragment in html:
        # Every link text is kept; only three links remain.
        for kind in ("public", "doc", "external", *PRIVATE_KINDS):
            assert f"text-{kind}" in fragment
        hrefs = re.findall(r'<a\b[^>]*href="([^"]*)"', fragment)
        assert hrefs == [public_url, linked["doc_url"], "https://example.org/ext"]
        assert len(re.findall(r"<a\b", fragment)) == 3
        assert fragment.count("</a>") == 3  # the private ones are plain text


# -- detail, find, preview, in both locales ------------------------------------


@pytest.mark.parametrize("language", ["ja", "en"])
def test_case_study_detail(client, linked, language):
    case = linked["case"] if language == "ja" else linked["case_en"]
    text = _get(client, f"case-studies/{case.pk}/")
    # body paragraph, devised, challenges, outcomes
    assert_public_links_only(text, language, linked, expect=4)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_case_study_detail_through_locale_parameter(client, linked, language):
    text = _get(
        client, f"case-studies/{linked['case'].pk}/", locale=language, fallback="ja"
    )
    assert_public_links_only(text, language, linked, expect=4)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_column_detail(client, linked, language):
    column = linked["column"] if language == "ja" else linked["column_en"]
    text = _get(client, f"columns/{column.pk}/")
    assert_public_links_only(text, language, linked, expect=1)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_home_intro(client, linked, language):
    text = _get(client, "home/", locale=language)
    assert_public_links_only(text, language, linked, expect=1)


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("path", ["school/", "columns/", "school/linked-case/"])
def test_find(client, linked, language, path):
    url_path = f"/{language}/{path}"
    if path == "columns/":
        url_path = f"/{language}/{linked['columns_path']}"
    text = _get(client, "pages/find/", path=url_path)
    expect = 4 if path.endswith("linked-case/") else 1
    assert_public_links_only(text, language, linked, expect=expect)


def test_preview_of_a_draft(client, linked):
    user = get_user_model().objects.create_superuser("ed", "ed@example.com", "pw")
    case = linked["case"]
    draft = case.get_latest_revision_as_object()
    draft.devised = draft.devised.replace("text-public", "text-public (draft)")
    draft.save_revision(user=user)
    text = _get(client, "preview/", token=issue_token(case, user))
    assert "text-public (draft)" in text
    assert_public_links_only(text, "ja", linked, expect=4)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_lists_carry_no_rich_text(client, linked, language):
    for endpoint in ("case-studies/", "columns/"):
        text = _get(client, endpoint, locale=language, limit="100")
        assert MARKER not in text.lower()
        assert "linktype" not in text
        assert "text-public" not in text  # summaries only: no rich text in lists


# -- the item's locale, never the request's ------------------------------------


def test_accept_language_does_not_change_links(client, linked):
    case = linked["case"]
    ja = _get(client, f"case-studies/{case.pk}/")
    from django.core.cache import cache

    cache.clear()  # build the body again, this time under an English request
    en_request = client.get(
        API + f"case-studies/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert en_request == ja
    assert linked["public_url"]["ja"] in en_request
    assert linked["public_url"]["en"] not in en_request
    assert_public_links_only(en_request, "ja", linked, expect=4)


def test_english_item_links_the_english_translation(client, linked):
    text = _get(client, f"case-studies/{linked['case_en'].pk}/")
    assert linked["public_url"]["en"] in text
    assert linked["public_url"]["ja"] not in text


# -- the handlers themselves ----------------------------------------------------


def test_our_handlers_are_the_registered_ones():
    link_types = features.get_link_types()
    assert link_types["page"] is PublicPageLinkHandler
    assert link_types["document"] is PublicDocumentLinkHandler
    assert not features.get_embed_types().keys() & {"x"}  # registry still works


def test_links_are_resolved_in_a_batch(linked):
    html = _link_html(linked["targets"]) * 20  # 220 links
    with CaptureQueriesContext(connection) as queries:
        out = public_html(html, "ja")
    assert "linktype" not in out and MARKER not in out.lower()
    # pages (1), restrictions (1), site roots (2), documents (1), collections (≤3)
    assert len(queries) <= 10, [q["sql"] for q in queries.captured_queries]


def test_embeds_never_leave(db):
    html = '<p>a</p><embed embedtype="media" url="https://evil.example/x"/><p>b</p>'
    assert public_html(html, "ja") == "<p>a</p><p>b</p>"


def test_rich_text_fields_and_blocks_enable_no_embed():
    from django.apps import apps
    from wagtail.blocks import RichTextBlock
    from wagtail.fields import RichTextField, StreamField

    def blocks_of(block):
        yield block
        for child in getattr(block, "child_blocks", {}).values():
            yield from blocks_of(child)
        if hasattr(block, "child_block"):
            yield from blocks_of(block.child_block)

    seen = 0
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, RichTextField) and field.model is model:
                assert field.features is not None, (model, field.name)
                assert not {"embed", "image"} & set(field.features), (model, field)
                seen += 1
            if isinstance(field, StreamField) and field.model is model:
                for block in blocks_of(field.stream_block):
                    if isinstance(block, RichTextBlock):
                        assert block.features is not None, (model, field.name)
                        assert not {"embed", "image"} & set(block.features)
                        seen += 1
    assert seen >= 6


def test_the_check_bites_with_the_stock_handlers(client, linked, monkeypatch):
    """With Wagtail's own handlers, the private URLs and file names leak."""
    from wagtail.documents.rich_text import DocumentLinkHandler
    from wagtail.rich_text.pages import PageLinkHandler

    monkeypatch.setitem(features.link_types, "page", PageLinkHandler)
    monkeypatch.setitem(features.link_types, "document", DocumentLinkHandler)
    get_rewriter.cache_clear()
    try:
        text = _get(client, f"case-studies/{linked['case'].pk}/")
    finally:
        monkeypatch.undo()
        get_rewriter.cache_clear()
    with pytest.raises(AssertionError):
        assert_public_links_only(text, "ja", linked, expect=4)
    assert MARKER in text.lower()
