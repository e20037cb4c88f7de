"""The translation editor's primary footer action is never destructive.

The React editor makes the *last* action it builds primary, in this fixed
order (wagtail-localize 1.14.5 bundle); ``primary_action`` replays it on the
props the real edit view hands to the editor.
"""

from __future__ import annotations

import html
import json
import re

import pytest
from django.urls import reverse

from cms.translation import translate_page
from tests.factories import locale, make_case_study

FOOTER_ORDER = (
    ("Stop Synced translation", lambda p: True),
    ("Convert to alias page", lambda p: bool(p["links"]["convertToAliasUrl"])),
    ("Delete", lambda p: p["perms"]["canDelete"]),
    ("Lock", lambda p: p["perms"]["canLock"] and not p["object"]["isLocked"]),
    ("Unlock", lambda p: p["perms"]["canUnlock"] and p["object"]["isLocked"]),
    ("Unpublish", lambda p: p["perms"]["canUnpublish"]),
    ("Publish in English", lambda p: p["perms"]["canPublish"]),
)
DESTRUCTIVE = {"Delete", "Convert to alias page", "Unpublish"}


def editor_props(client, page) -> dict:
    content = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content
    pattern = r'class="js-translation-editor" data-props="([^"]*)"'
    found = re.search(pattern, content.decode())
    return json.loads(html.unescape(found.group(1)))


def footer_actions(props) -> list[str]:
    return [label for label, shown in FOOTER_ORDER if shown(props)]


@pytest.fixture(params=["new", "live"])
def english(request, roles):
    source = make_case_study(roles.school, slug="editor-actions", title="地域の魅力")
    return translate_page(
        source,
        locale("en"),
        values={"title": "Regional charm"},
        publish=request.param == "live",
    )


def test_a_translator_never_gets_a_destructive_primary(english, cast, client):
    client.force_login(cast["translator"])
    actions = footer_actions(editor_props(client, english))
    assert actions[-1] not in DESTRUCTIVE
    assert not DESTRUCTIVE & set(actions)


def test_a_publisher_gets_publish_as_primary(english, cast, client):
    client.force_login(cast["publisher"])
    actions = footer_actions(editor_props(client, english))
    assert actions[-1] == "Publish in English"
