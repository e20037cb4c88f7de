"""The translators' read-only listing of the Japanese sources (wagtail #5482)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from cms.translation import translate_page
from tests.factories import locale, make_case_study
from tests.workflows.conftest import PASSWORD

LISTING = reverse("translators_sources:index")


@pytest.fixture
def sources(roles):
    """One source page in each state, keyed by state."""
    missing = make_case_study(roles.school, slug="english-cafe", title="英語カフェ")
    up_to_date = make_case_study(roles.school, slug="snow-fest", title="雪まつり")
    translate_page(
        up_to_date, locale("en"), values={"title": "Snow festival"}, publish=True
    )
    behind = make_case_study(roles.community, slug="river-walk", title="川の散歩")
    translate_page(behind, locale("en"), values={"title": "River walk"}, publish=True)
    behind.title = "川の散歩（改訂）"
    behind.save_revision().publish()
    reviewed = make_case_study(roles.school, slug="quiz-day", title="クイズの日")
    draft = translate_page(reviewed, locale("en"), values={"title": "Quiz day"})
    return {
        "missing": missing,
        "up-to-date": up_to_date,
        "out-of-date": behind,
        "in-review": reviewed,
        "in-review-target": draft,
    }


def get(client, user, url, **params):
    client.login(username=user.username, password=PASSWORD)
    return client.get(url, params)


def denied(response) -> bool:
    """Wagtail's admin turns PermissionDenied into a redirect home with a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def listed(response) -> dict[int, str]:
    """Source page pk → its row's state, as rendered."""
    assert response.status_code == 200
    return {row.page.pk: row.state for row in response.context["rows"]}


def test_translator_sees_every_japanese_source_with_its_state(sources, cast, client):
    html = get(client, cast["translator"], LISTING)
    rows = listed(html)
    assert rows[sources["missing"].pk] == "missing"
    assert rows[sources["up-to-date"].pk] == "up-to-date"
    assert rows[sources["out-of-date"].pk] == "out-of-date"
    text = html.content.decode()
    assert "英語カフェ" in text and "川の散歩（改訂）" in text
    # The English translations are not sources.
    assert "Snow festival" not in text


def test_menu_item_is_shown_to_translators_only(sources, cast, client):
    home = reverse("wagtailadmin_home")
    assert LISTING in get(client, cast["translator"], home).content.decode()
    assert LISTING not in get(client, cast["editor"], home).content.decode()


def test_search_matches_a_japanese_word_in_the_title(sources, cast, client):
    rows = listed(get(client, cast["translator"], LISTING, q="英語"))
    assert list(rows) == [sources["missing"].pk]


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        # A draft translation nobody submitted is not on the site yet.
        ("missing", ("missing", "in-review")),
        ("up-to-date", ("up-to-date",)),
        ("out-of-date", ("out-of-date",)),
    ],
)
def test_state_filter_keeps_only_that_state(state, expected, sources, cast, client):
    rows = listed(get(client, cast["translator"], LISTING, state=state))
    assert rows == {sources[key].pk: state for key in expected}


def test_a_draft_translation_links_to_its_editor_not_to_translate(
    sources, cast, client
):
    rows = get(client, cast["translator"], LISTING).context["rows"]
    (row,) = [r for r in rows if r.page.pk == sources["in-review"].pk]
    draft = sources["in-review-target"]
    assert row.edit_translation_url == reverse(
        "wagtailadmin_pages:edit", args=[draft.pk]
    )
    assert not row.translate_url


def test_translation_in_a_workflow_is_awaiting_review(sources, cast, client):
    target = sources["in-review-target"]
    target.get_workflow().start(target, cast["translator"])
    rows = listed(get(client, cast["translator"], LISTING, state="in-review"))
    assert rows == {sources["in-review"].pk: "in-review"}


def test_rows_link_to_translate_sync_and_edit_translation(sources, cast, client):
    html = get(client, cast["translator"], LISTING).content.decode()
    missing, behind = sources["missing"], sources["out-of-date"]
    translate = (
        reverse("wagtail_localize:submit_page_translation", args=[missing.pk])
        + "?select_locale=en"
    )
    assert translate in html
    # The link ticks English in wagtail-localize's form: one click to translate.
    form = BeautifulSoup(
        get(client, cast["translator"], translate).content, "html.parser"
    )
    ticked = form.select("input[name=locales][checked]")
    assert [box["value"] for box in ticked] == [
        str(Locale.objects.get(language_code="en").pk)
    ]
    sync = TranslationSource.objects.get(object_id=behind.translation_key)
    assert reverse("wagtail_localize:update_translations", args=[sync.pk]) in html
    english = behind.get_translation(locale("en"))
    assert reverse("wagtailadmin_pages:edit", args=[english.pk]) in html


def test_preview_shows_the_live_source_read_only(sources, cast, client):
    page = sources["missing"]
    page.title = "英語カフェ（下書き）"
    page.save_revision()  # a draft the translator must not see
    url = reverse("translators_sources:preview", args=[page.pk])
    response = get(client, cast["translator"], url)
    assert response.status_code == 200
    text = response.content.decode()
    assert "英語カフェ" in text and "下書き" not in text
    assert page.summary in text
    assert "読み物を毎月発行" in text  # the body, a StreamField
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert denied(edit)
    assert not page.permissions_for_user(cast["translator"]).can_edit()


def test_editor_is_denied_the_listing_and_the_preview(sources, cast, client):
    assert denied(get(client, cast["editor"], LISTING))
    url = reverse("translators_sources:preview", args=[sources["missing"].pk])
    assert denied(client.get(url))
    # ... while the translator gets both.
    assert get(client, cast["translator"], url).status_code == 200


def test_translator_can_open_sync_and_submit_but_not_edit_the_source(
    sources, cast, client
):
    behind = sources["out-of-date"]
    sync = TranslationSource.objects.get(object_id=behind.translation_key)
    url = reverse("wagtail_localize:update_translations", args=[sync.pk])
    assert get(client, cast["translator"], url).status_code == 200
    submit = reverse(
        "wagtail_localize:submit_page_translation", args=[sources["missing"].pk]
    )
    assert client.get(submit).status_code == 200
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[behind.pk]))
    assert denied(edit)
    perms = behind.permissions_for_user(cast["translator"])
    assert not (perms.can_edit() or perms.can_publish() or perms.can_lock())


def test_preview_is_for_sources_only(sources, cast, client):
    english = sources["up-to-date"].get_translation(locale("en"))
    url = reverse("translators_sources:preview", args=[english.pk])
    client.login(username=cast["translator"].username, password=PASSWORD)
    # LocaleMiddleware first retries a 404 under a language prefix.
    assert client.get(url, follow=True).status_code == 404
