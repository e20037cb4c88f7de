"""The case study editor mirrors the printed casebook and previews drafts."""

import pytest
from django.urls import reverse

from cms.models import Tag
from tests.factories import make_case_study

pytestmark = pytest.mark.django_db


def test_the_tag_matrix_is_grouped_as_printed(site_tree, admin_client):
    page = make_case_study(site_tree.school)
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    html = response.text
    for group in ("取組の主体", "取組の対象", "地域の国際化", "特色ある取組"):
        assert group in html
    assert "児童・生徒: 小学" in html  # the sub-heading printed above school levels
    assert html.count('name="tags"') == Tag.objects.count()


def test_prefectures_are_offered_in_the_admin_language(site_tree, admin_client):
    page = make_case_study(site_tree.school)
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert '<option value="JP-45">宮崎県</option>' in response.text


def test_a_draft_previews_with_its_fields(site_tree, admin_client):
    page = make_case_study(site_tree.school, publish=False, municipality="仙台市")
    url = reverse("wagtailadmin_pages:view_draft", args=[page.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "ALT Journal の作成" in response.text
    assert "宮城県仙台市" in response.text
