"""The synthetic-case generator feeds the API like real content, and cleans up."""

from __future__ import annotations

from django.core.management import call_command

from tests.api.helpers import get_json


def test_generate_and_delete_synthetic_cases(client, site_tree):
    call_command("generate_synthetic_casestudies", count=12, translated=0.5)
    body = get_json(client, "case-studies/", limit=100)
    assert body["count"] == 12
    assert sum(e["count"] for e in body["facets"]["section"]) == 12
    english = get_json(client, "case-studies/", locale="en", limit=100)
    assert 0 < english["count"] < 12
    # Every English twin links back to its Japanese source, and vice versa.
    item = english["items"][0]
    assert item["translations"][0]["locale"] == "ja"
    found = get_json(client, "pages/find/", path=item["url"])
    assert found["id"] == item["id"]
    call_command("generate_synthetic_casestudies", delete=True)
    assert get_json(client, "case-studies/")["count"] == 0
