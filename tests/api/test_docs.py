"""docs/: interactive docs from our own static files, no CDN."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders

from tests.api.helpers import API


@pytest.mark.django_db
def test_docs_page_uses_only_local_assets(client):
    response = client.get(API + "docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/v1/schema/" in html
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets and all(not a.startswith(("http:", "https:", "//")) for a in assets)
    for asset in ("cms_api/docs.js", "cms_api/docs.css"):
        assert finders.find(asset), asset
        assert f"/static/{asset}" in html
