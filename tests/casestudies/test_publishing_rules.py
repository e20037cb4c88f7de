"""A case study cannot go live without a prefecture, lead and participants tags,
and alt text on every image; drafts may be incomplete."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from casestudies.models import CaseStudyPage
from cms.publishing import PublishingRulesError
from tests.factories import ImageFactory, make_case_study, make_column, tags

pytestmark = pytest.mark.django_db


def test_an_incomplete_draft_saves(site_tree):
    page = make_case_study(site_tree.school, publish=False, prefecture="", tags=[])
    assert not page.live
    assert {v.field for v in page.publishing_problems()} == {"prefecture", "tags"}


def test_publishing_without_prefecture_and_tags_is_refused_naming_each_rule(site_tree):
    page = make_case_study(site_tree.school, publish=False, prefecture="", tags=[])
    with pytest.raises(PublishingRulesError) as caught:
        page.get_latest_revision().publish()
    errors = caught.value.message_dict
    assert "prefecture" in errors
    assert len(errors["tags"]) == 2  # lead and participants, one message each
    page.refresh_from_db()
    assert not page.live and page.live_revision is None


def test_a_participants_tag_alone_is_not_enough(site_tree):
    page = make_case_study(site_tree.school, publish=False, tags=tags("teachers"))
    problems = page.publishing_problems()
    assert [v.field for v in problems] == ["tags"]
    assert "取組の主体" in str(problems[0].message)


def test_an_image_block_without_alt_text_blocks_publishing(site_tree):
    image = ImageFactory()
    body = [
        {"type": "paragraph", "value": "<p>本文</p>"},
        {"type": "image", "value": {"image": image.pk, "alt_text": "", "caption": "x"}},
    ]
    page = make_case_study(site_tree.school, publish=False, body=body)
    with pytest.raises(PublishingRulesError) as caught:
        page.get_latest_revision().publish()
    assert "2" in caught.value.message_dict["body"][0]  # names the block position


def test_a_decorative_image_needs_no_alt_text(site_tree):
    image = ImageFactory()
    body = [{"type": "image", "value": {"image": image.pk, "decorative": True}}]
    page = make_case_study(site_tree.school, publish=True, body=body)
    assert page.live


def test_a_hero_image_needs_alt_text(site_tree):
    page = make_case_study(site_tree.school, publish=False, hero_image=ImageFactory())
    assert [v.field for v in page.publishing_problems()] == ["hero_image_alt"]


def test_a_complete_case_study_publishes(site_tree):
    page = make_case_study(
        site_tree.school, hero_image=ImageFactory(), hero_image_alt="表紙"
    )
    assert page.live and page.live_revision_id


def test_a_column_portrait_needs_alt_text(site_tree):
    with pytest.raises(PublishingRulesError):
        make_column(site_tree.columns, portrait=ImageFactory(), portrait_alt="")


def _edit_form_data(page: CaseStudyPage, **overrides) -> dict:
    data = {
        "title": page.title,
        "slug": page.slug,
        "prefecture": "",
        "municipality": "",
        "summary": page.summary,
        "hero_image_alt": "",
        "body": streamfield([("paragraph", rich_text("<p>本文</p>"))]),
        "devised": rich_text("<p>工夫</p>"),
        "challenges": rich_text(""),
        "outcomes": rich_text(""),
        "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
    }
    data.update(overrides)
    return nested_form_data(data)


def test_the_editor_sees_which_rule_failed_when_publishing(site_tree, admin_client):
    page = make_case_study(site_tree.school, publish=False, prefecture="", tags=[])
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = _edit_form_data(page)
    data["action-publish"] = "action-publish"
    response = admin_client.post(url, data)
    assert response.status_code == 200  # the form again, not a redirect
    form = response.context["form"]
    assert "prefecture" in form.errors
    assert len(form.errors["tags"]) == 2
    page.refresh_from_db()
    assert not page.live


def test_the_editor_can_still_save_an_incomplete_draft(site_tree, admin_client):
    page = make_case_study(site_tree.school, publish=False, prefecture="", tags=[])
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = admin_client.post(url, _edit_form_data(page, summary="新しい要約"))
    assert response.status_code == 302
    page = CaseStudyPage.objects.get(pk=page.pk)
    assert page.get_latest_revision_as_object().summary == "新しい要約"
