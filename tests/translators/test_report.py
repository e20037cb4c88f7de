"""wagtail-localize #832: the Translations report shows "Source changed"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cms.translation import translate_page
from tests.factories import locale, make_case_study
from tests.workflows.conftest import PASSWORD


@pytest.fixture
def english(roles):
    source = make_case_study(roles.school, slug="report-case", title="地域の魅力")
    return translate_page(
        source, locale("en"), values={"title": "Regional charm"}, publish=True
    )


def status_cell(client, user, target_title="Regional charm") -> str:
    """The status cell of the report row whose target is ``target_title``."""
    client.login(username=user.username, password=PASSWORD)
    response = client.get(reverse("wagtail_localize:translations_report"))
    assert response.status_code == 200
    rows = response.content.decode().split("<tr>")
    (row,) = [row for row in rows if target_title in row]
    return row.split("data-translation-status=", 1)[1].split("</td>", 1)[0]


def test_report_tells_a_republished_source_from_an_up_to_date_one(
    english, cast, client
):
    before = status_cell(client, cast["translator"])
    # Upstream's own status (only the title was translated: "Waiting for ...").
    assert before.startswith('"upstream"')
    assert "Source changed" not in before
    source = english.get_translation(locale("ja")).specific
    source.title = "地域の魅力（改訂）"
    source.save_revision().publish()
    after = status_cell(client, cast["translator"])
    assert "Source changed" in after
    assert "Waiting for translations" not in after
    assert "/admin/localize/update/" in after
