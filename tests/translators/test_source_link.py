"""The translation editor's head links to a source its reader can open, and its
submit form says what it will do (cms/translators/source_link.py and the
wagtail-localize #676 template override)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail_localize.models import Translation

from cms.translation import translate_page
from cms.workflows.wagtail_localize_676 import submit_url
from tests.factories import locale, make_case_study


@pytest.fixture
def english(roles):
    source = make_case_study(roles.school, slug="source-link", title="地域の魅力")
    return translate_page(source, locale("en"), values={"title": "Regional charm"})


def _translation(page) -> Translation:
    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale=page.locale
    )


def _editor(client, user, page) -> BeautifulSoup:
    client.force_login(user)
    reply = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert reply.status_code == 200
    return BeautifulSoup(reply.content, "html.parser")


def _source_href(editor: BeautifulSoup) -> str:
    return editor.select_one(".header-meta--locales a")["href"]


def test_a_translator_is_led_to_the_read_only_source(english, cast, client):
    source = english.get_translation(locale("ja"))
    editor = _editor(client, cast["translator"], english)
    href = _source_href(editor)
    assert href == reverse("translators_sources:preview", args=[source.pk])
    assert client.get(href).status_code == 200


def test_who_may_edit_the_source_keeps_its_edit_view(english, cast, client):
    source = english.get_translation(locale("ja"))
    editor = _editor(client, cast["publisher"], english)
    assert _source_href(editor) == reverse("wagtailadmin_pages:edit", args=[source.pk])


def _submit_button(editor: BeautifulSoup):
    form = editor.select_one("form[data-casebook-submit-translation-form]")
    return form, form.select_one("[data-casebook-submit-translation]")


def test_the_submit_form_is_main_for_translators_and_secondary_for_publishers(
    english, cast, client
):
    translation = _translation(english)
    form, button = _submit_button(_editor(client, cast["translator"], english))
    assert form["action"] == submit_url(translation)
    assert form["data-primary"] == "true"
    assert "Save draft and submit for translation review" in button.text
    assert not button.has_attr("disabled")
    form, _button = _submit_button(_editor(client, cast["publisher"], english))
    assert form["data-primary"] == "false"


def test_in_review_the_button_says_so_and_cannot_submit_again(english, cast, client):
    client.force_login(cast["translator"])
    translation = _translation(english)
    assert client.post(submit_url(translation)).status_code == 302
    _form, button = _submit_button(_editor(client, cast["translator"], english))
    assert "Awaiting translation review" in button.text
    assert button.has_attr("disabled")
