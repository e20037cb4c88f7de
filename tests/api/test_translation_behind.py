"""``behind`` is public: it moves when the source is published, never on a draft."""

from __future__ import annotations

from casestudies.models import CaseStudyPage
from cms.translation import translate_page
from tests.api.helpers import get_json
from tests.factories import locale


def _english_item(client, api_content) -> dict:
    body = get_json(client, "case-studies/", locale="en")
    return next(i for i in body["items"] if i["id"] == api_content.miyagi_en.pk)


def _japanese_item(client, api_content) -> dict:
    body = get_json(client, "case-studies/")
    return next(i for i in body["items"] if i["id"] == api_content.miyagi.pk)


def test_a_fresh_translation_is_not_behind(client, api_content):
    assert _english_item(client, api_content)["behind"] is False
    assert _japanese_item(client, api_content)["behind"] is False  # the source


def test_a_draft_of_the_source_is_not_revealed(client, api_content, settings):
    settings.CMS_API_CACHE_BODIES = False  # compute every body: no cached answer
    before = client.get("/api/v1/case-studies/", {"locale": "en"})
    draft = CaseStudyPage.objects.get(pk=api_content.miyagi.pk)
    draft = draft.get_latest_revision_as_object()
    draft.summary = "未公開の下書き"
    draft.save_revision()
    after = client.get("/api/v1/case-studies/", {"locale": "en"})
    assert after["ETag"] == before["ETag"]
    assert _english_item(client, api_content)["behind"] is False


def test_publishing_the_source_marks_the_translation_behind_until_it_follows(
    client, api_content
):
    source = CaseStudyPage.objects.get(pk=api_content.miyagi.pk)
    source = source.get_latest_revision_as_object()
    source.summary = "要約を改めた。"
    source.save_revision().publish()
    english = _english_item(client, api_content)
    assert english["behind"] is True
    japanese = _japanese_item(client, api_content)
    assert japanese["translations"][0]["behind"] is True

    translate_page(CaseStudyPage.objects.get(pk=source.pk), locale("en"), publish=True)
    assert _english_item(client, api_content)["behind"] is False
