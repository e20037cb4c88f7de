"""Themes are edited in the admin (Snippets → Themes) by Site admins only."""

from __future__ import annotations

from django.urls import reverse

from cms.models import Theme
from tests.workflows.conftest import cast, roles  # noqa: F401

INDEX = "wagtailsnippets_cms_theme:list"
ADD = "wagtailsnippets_cms_theme:add"
EDIT = "wagtailsnippets_cms_theme:edit"


def test_site_admin_lists_searches_adds_and_edits_themes(cast, client):  # noqa: F811
    Theme.objects.create(name_ja="防災", name_en="Disaster preparedness", slug="bosai")
    Theme.objects.create(name_ja="多言語", name_en="Other languages", slug="tagengo")
    client.force_login(cast["site-admin"])
    listing = client.get(reverse(INDEX)).content.decode()
    assert "防災" in listing and "Other languages" in listing
    found = client.get(reverse(INDEX), {"q": "Disaster"}).content.decode()
    assert "防災" in found and "多言語" not in found
    found = client.get(reverse(INDEX), {"q": "多言語"}).content.decode()
    assert "Other languages" in found and "Disaster" not in found

    response = client.post(
        reverse(ADD),
        {"name_ja": "食文化", "name_en": "Food culture", "slug": "food"},
    )
    assert response.status_code == 302
    theme = Theme.objects.get(slug="food")
    assert (theme.name_ja, theme.name_en) == ("食文化", "Food culture")
    client.post(
        reverse(EDIT, args=[theme.pk]),
        {"name_ja": "食の文化", "name_en": "Food culture", "slug": "food"},
    )
    theme.refresh_from_db()
    assert theme.name_ja == "食の文化"


def test_editors_cannot_add_themes(cast, client):  # noqa: F811
    client.force_login(cast["editor"])
    assert client.get(reverse(INDEX)).status_code in (302, 403)
    client.post(reverse(ADD), {"name_ja": "x", "name_en": "x", "slug": "x"})
    assert not Theme.objects.filter(slug="x").exists()
