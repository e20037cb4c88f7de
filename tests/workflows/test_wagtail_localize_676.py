"""wagtail-localize #676: a translator's English edit never goes live unreviewed.

Each wagtail-localize route that can make a translation live is tried as a
translator (refused or turned into a draft) and, where it should work, as a
publisher. Delete with ``cms/workflows/wagtail_localize_676.py``.
"""

from __future__ import annotations

import json

import pytest
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import resolve, reverse
from wagtail.models import WorkflowState

from cms.translation import translate_page
from cms.workflows.setup import TRANSLATION_REVIEW
from cms.workflows.wagtail_localize_676 import (
    ModeratedUpdateTranslationsView,
    submit_url,
)
from tests.factories import locale, make_case_study
from tests.workflows.actions import fresh, run_on_commit, title_segment, translation_of


@pytest.fixture
def english(roles):
    source = make_case_study(roles.school, slug="gap-case", title="地域の魅力")
    return translate_page(
        source, locale("en"), values={"title": "Regional charm"}, publish=True
    )


def put_string(client, translation, value: str):
    return client.put(
        reverse(
            "wagtail_localize:edit_string_translation",
            args=[translation.pk, title_segment(translation).pk],
        ),
        data=encode_multipart(BOUNDARY, {"value": value}),
        content_type=MULTIPART_CONTENT,
    )


def refused(response) -> bool:
    """Wagtail's admin answers PermissionDenied with a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def live_title(page) -> str:
    return fresh(page).live_revision.as_object().title


def test_translation_editor_publish_is_refused_to_a_translator(english, cast, client):
    client.force_login(cast["translator"])
    translation = translation_of(english)
    assert put_string(client, translation, "Unreviewed title").status_code in (
        200,
        201,
    )
    with run_on_commit():
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[english.pk]),
            {"action": "publish"},
        )
    assert refused(response)
    assert live_title(english) == "Regional charm"
    assert fresh(english).title == "Regional charm"


def test_translation_editor_offers_submit_not_publish_to_a_translator(
    english, cast, client
):
    client.force_login(cast["translator"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk]))
    content = html.content.decode()
    assert submit_url(translation_of(english)) in content
    props = json.loads(html.context["props"])
    assert props["perms"]["canPublish"] is False


def test_submit_saves_a_draft_and_starts_translation_review(english, cast, client):
    client.force_login(cast["translator"])
    translation = translation_of(english)
    put_string(client, translation, "Reviewed title")
    client.post(submit_url(translation))
    page = fresh(english)
    # The site (and the API) serve the page row: it must still be the live text.
    assert page.title == "Regional charm"
    assert page.live_revision.as_object().title == "Regional charm"
    assert page.get_latest_revision().as_object().title == "Reviewed title"
    assert page.draft_title == "Reviewed title" and page.has_unpublished_changes
    assert page.current_workflow_task.name == TRANSLATION_REVIEW
    # While in review the submitted revision stays the one reviewed.
    put_string(client, translation, "Sneaked-in title")
    response = client.post(submit_url(translation), follow=True)
    assert "already in review" in response.content.decode()
    assert fresh(english).get_latest_revision().as_object().title == "Reviewed title"


def test_resubmitting_after_changes_requested_resumes_the_review(english, cast, client):
    translator, reviewer = cast["translator"], cast["reviewer"]
    translation = translation_of(english)
    client.force_login(translator)
    put_string(client, translation, "First try")
    client.post(submit_url(translation))
    state = fresh(english).current_workflow_state
    client.force_login(reviewer)
    task_state = state.current_task_state
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[english.pk, "reject", task_state.pk],
        ),
        {"comment": "Use the municipality's English name"},
    )
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    client.force_login(translator)
    put_string(client, translation, "Second try")
    client.post(submit_url(translation))
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.revision.as_object().title == "Second try"
    assert live_title(english) == "Regional charm"


def test_sync_cannot_publish_for_a_translator(english, cast, client):
    source = english.get_translation(locale("ja"))
    source.title = "地域の魅力・改"
    source.save_revision().publish()
    translation = translation_of(english)
    url = reverse("wagtail_localize:update_translations", args=[translation.source.pk])
    assert resolve(url).func.view_class is ModeratedUpdateTranslationsView

    client.force_login(cast["translator"])
    form = client.get(url).context["form"]
    assert form.fields["publish_translations"].disabled
    with run_on_commit():
        client.post(url, {"publish_translations": "on"})
    assert live_title(english) == "Regional charm"
    assert fresh(english).live_revision.user is None  # untouched since setup


def test_sync_can_publish_for_a_publisher(english, cast, client):
    source = english.get_translation(locale("ja"))
    source.save_revision().publish()
    translation = translation_of(english)
    url = reverse("wagtail_localize:update_translations", args=[translation.source.pk])
    client.force_login(cast["publisher"])
    with run_on_commit():
        client.post(url, {"publish_translations": "on"})
    assert fresh(english).live_revision.user == cast["publisher"]


def test_convert_to_alias_needs_publish_permission(english, cast, client):
    url = reverse("wagtail_localize:convert_to_alias", args=[english.pk])
    client.force_login(cast["translator"])
    assert refused(client.post(url))
    assert fresh(english).alias_of_id is None
    client.force_login(cast["publisher"])
    client.post(url)
    assert fresh(english).alias_of_id is not None


def test_translate_this_page_makes_a_draft(roles, cast, client):
    source = make_case_study(roles.school, slug="draft-translation")
    client.force_login(cast["translator"])
    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[source.pk]),
        {"locales": [locale("en").pk]},
    )
    english = source.get_translation(locale("en"))
    assert not english.live
