"""The translators' dashboard panel: new, out-of-date and in-review translations."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cms.translation import translate_page
from cms.translators.dashboard import translation_todos
from tests.factories import locale, make_case_study
from tests.workflows.conftest import PASSWORD


@pytest.fixture
def english(roles):
    source = make_case_study(roles.school, slug="panel-case", title="地域の魅力")
    return translate_page(
        source, locale("en"), values={"title": "Regional charm"}, publish=True
    )


def dashboard(client, user) -> str:
    client.login(username=user.username, password=PASSWORD)
    return client.get(reverse("wagtailadmin_home")).content.decode()


def test_republished_source_shows_as_out_of_date_with_a_sync_link(
    english, cast, client
):
    source = english.get_translation(locale("ja"))
    assert "Regional charm" not in dashboard(client, cast["translator"])
    source.title = "地域の魅力（改訂）"
    source.save_revision().publish()
    html = dashboard(client, cast["translator"])
    assert "translators-panel" in html
    assert "Regional charm" in html
    assert "/admin/localize/update/" in html


def test_panel_is_not_shown_to_an_editor(english, cast, client):
    assert "translators-panel" not in dashboard(client, cast["editor"])


def test_unpublished_translation_is_new_with_a_translate_link(roles, cast, client):
    source = make_case_study(roles.school, slug="draft-case", title="新しい事例")
    draft = translate_page(source, locale("en"), values={"title": "Fresh case"})
    html = dashboard(client, cast["translator"])
    assert "Fresh case" in html
    assert reverse("wagtailadmin_pages:edit", args=[draft.pk]) in html


def section(html: str, slug: str) -> str:
    return html.split(f'data-translators-group="{slug}"', 1)[1].split("</ul>")[0]


def test_translation_in_review_is_listed_as_awaiting_review_with_an_edit_link(
    roles, cast, client
):
    source = make_case_study(roles.school, slug="review-case", title="審査中の事例")
    draft = translate_page(source, locale("en"), values={"title": "Under review"})
    html = dashboard(client, cast["translator"])
    assert "Under review" not in section(html, "in_review")
    assert "Under review" in section(html, "new")
    draft.get_workflow().start(draft, cast["translator"])
    html = dashboard(client, cast["translator"])
    in_review = section(html, "in_review")
    assert "Under review" in in_review
    assert reverse("wagtailadmin_pages:edit", args=[draft.pk]) in in_review
    # Waiting for a reviewer now, no longer for the translator.
    assert "Under review" not in section(html, "new")


def test_todos_take_four_queries_however_many_pages(
    english, roles, cast, django_assert_num_queries
):
    for n in range(3):
        page = make_case_study(roles.school, slug=f"bulk-{n}", title=f"事例{n}")
        draft = translate_page(page, locale("en"), values={"title": f"Case {n}"})
        if n:
            draft.get_workflow().start(draft, cast["translator"])
    with django_assert_num_queries(4):
        groups = translation_todos()
    assert len(groups["in_review"]) == 2
