"""A save racing the first autosave of the add form makes one page (cms/create_once.py).

The browser journey found two pages (``…`` and ``…-2``) when "submit" was pressed
while the add form's first autosave was in flight; the second request reaches the
add view again. These tests send that second request through the real admin.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from casestudies.models import CaseStudyPage
from tests.cms.test_slugs import JAPANESE_TITLE
from tests.workflows.pages import edit_data

pytestmark = pytest.mark.django_db


def _add(client, parent, json=False, **changes):
    url = reverse(
        "wagtailadmin_pages:add", args=("casestudies", "casestudypage", parent.pk)
    )
    data = edit_data(CaseStudyPage(title="", prefecture="JP-04"), **changes)
    headers = {"Accept": "application/json"} if json else {}
    return client.post(url, data, headers=headers)


def _pages(parent, title=JAPANESE_TITLE):
    return list(CaseStudyPage.objects.child_of(parent).filter(title=title))


def test_a_save_racing_the_first_autosave_edits_the_page_it_made(
    site_tree, editor_client
):
    autosave = _add(editor_client, site_tree.school, json=True, title=JAPANESE_TITLE)
    assert autosave.json()["success"], autosave.content
    response = _add(
        editor_client, site_tree.school, title=JAPANESE_TITLE, summary="続きです。"
    )
    assert response.status_code == 302
    [page] = _pages(site_tree.school)
    assert page.get_latest_revision_as_object().summary == "続きです。"


def test_a_racing_second_autosave_answers_like_the_add_view(site_tree, editor_client):
    first = _add(editor_client, site_tree.school, json=True, title=JAPANESE_TITLE)
    second = _add(editor_client, site_tree.school, json=True, title=JAPANESE_TITLE)
    [page] = _pages(site_tree.school)
    assert second.json()["pk"] == first.json()["pk"] == page.pk
    assert second.json()["url"] == reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_another_title_is_another_page(site_tree, editor_client):
    _add(editor_client, site_tree.school, json=True, title=JAPANESE_TITLE)
    _add(editor_client, site_tree.school, json=True, title="別の事例")
    assert len(_pages(site_tree.school)) == 1
    assert len(_pages(site_tree.school, "別の事例")) == 1


def test_a_published_page_of_the_same_title_is_not_taken_over(site_tree, editor_client):
    _add(editor_client, site_tree.school, json=True, title=JAPANESE_TITLE)
    [page] = _pages(site_tree.school)
    CaseStudyPage.objects.filter(pk=page.pk).update(first_published_at=timezone.now())
    _add(editor_client, site_tree.school, json=True, title=JAPANESE_TITLE)
    assert len(_pages(site_tree.school)) == 2
