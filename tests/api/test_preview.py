"""preview/: signed, page-bound, expiring tokens, issued to editors only."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import signing

from cms.api.endpoints.preview import SALT
from tests.api.helpers import API
from tests.factories import make_case_study

TOKEN = API + "preview/token/"


@pytest.fixture
def draft(site_tree):
    return make_case_study(
        site_tree.school, slug="secret-draft", title="下書きの事例", publish=False
    )


@pytest.fixture
def editor():
    return get_user_model().objects.create_superuser("ed", "ed@example.com", "pw")


def _token(client, user, page) -> str:
    client.force_login(user)
    response = client.post(TOKEN, {"page": page.pk}, format="json")
    client.logout()
    assert response.status_code == 200, response.content
    assert response["Cache-Control"] == "private, no-store"
    return response.json()["token"]


def test_editor_previews_the_latest_draft(client, draft, editor):
    token = _token(client, editor, draft)
    response = client.get(API + "preview/", {"token": token})
    assert response.status_code == 200
    assert response.json()["title"] == "下書きの事例"
    assert response["Cache-Control"] == "private, no-store"
    # The draft is not public.
    assert client.get(API + f"case-studies/{draft.pk}/").status_code == 404


def test_token_is_bound_to_its_page(client, draft, editor, site_tree):
    token = _token(client, editor, draft)
    claims = signing.loads(token, salt=SALT)
    forged = signing.dumps({**claims, "page": site_tree.home.pk}, salt="other")
    assert client.get(API + "preview/", {"token": forged}).status_code == 404
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get(API + "preview/", {"token": tampered}).status_code == 404


def test_token_expires(client, draft, editor, settings):
    token = _token(client, editor, draft)
    settings.CMS_API_PREVIEW_TOKEN_SECONDS = -1
    assert client.get(API + "preview/", {"token": token}).status_code == 404


def test_token_is_revoked_with_the_user(client, draft, editor):
    token = _token(client, editor, draft)
    editor.is_active = False
    editor.save()
    assert client.get(API + "preview/", {"token": token}).status_code == 404


def test_only_editors_of_the_page_get_a_token(client, draft):
    reader = get_user_model().objects.create_user("reader", "r@example.com", "pw")
    reader.groups.add(Group.objects.get_or_create(name="Readers")[0])
    client.force_login(reader)
    response = client.post(TOKEN, {"page": draft.pk}, format="json")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert client.post(TOKEN, {"page": "x"}, format="json").status_code == 400
    assert client.post(TOKEN, {"page": 999999}, format="json").status_code == 404
