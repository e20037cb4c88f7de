"""Wagtail's and wagtail-localize's own strings reach the Japanese admin in Japanese.

Counted as the issue asks: every msgid of each upstream English catalogue, looked
up under ``ja`` with the project's catalogues loaded, through Django's own
translation machinery (the merged catalogue the admin and its ``jsi18n`` views
use), not by reading our files.
"""

from __future__ import annotations

import json

import pytest
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation
from wagtail.users.models import UserProfile

from scripts.upstream_catalogues import CATALOGUES, TARGET, english_entries

CASES = [(c, d) for c in CATALOGUES for d in c.domains]


def _merged(catalogue, domain: str) -> DjangoTranslation:
    if domain == "django":
        return translation.trans_real.translation("ja")
    # What JavaScriptCatalog(packages=[...]) builds: the package's catalogue with
    # LOCALE_PATHS merged over it.
    return DjangoTranslation(
        "ja", domain=domain, localedirs=[str(catalogue.package_dir() / "locale")]
    )


def _translated(merged: DjangoTranslation, entry) -> bool:
    msgid = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
    found = merged._catalog.get((msgid, 0) if entry.msgid_plural else msgid)
    return bool(found and found.strip())


@pytest.mark.parametrize(
    ("catalogue", "domain"), CASES, ids=[f"{c.name}-{d}" for c, d in CASES]
)
def test_upstream_catalogue_is_japanese_enough(catalogue, domain):
    entries = english_entries(catalogue, domain)
    merged = _merged(catalogue, domain)
    missing = [e.msgid for e in entries if not _translated(merged, e)]
    share = 1 - len(missing) / len(entries)
    assert share >= TARGET, (
        f"{catalogue.name} {domain}: {share:.1%} Japanese, "
        f"{len(missing)} of {len(entries)} missing, e.g. {missing[:5]}"
    )


def test_our_wording_wins_over_upstreams():
    # Upstream says 調整のために提出されました ("submitted for adjustment").
    with translation.override("ja"):
        message = translation.gettext(
            "Page '%(page_title)s' has been submitted for moderation."
        )
    assert "調整" not in message
    assert "レビュー" in message


def test_the_admin_javascript_catalogue_serves_ours(client, admin_user):
    """What the editor's React parts read: Wagtail 8.0 has no ja for "Collapse all"."""
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "ja"
    profile.save()
    client.force_login(admin_user)
    response = client.get("/admin/jsi18n/")
    assert response.status_code == 200
    assert json.dumps("すべて折りたたむ") in response.content.decode()
