"""Shared helpers of the API tests."""

from __future__ import annotations

import json
from typing import Any

API = "/api/v1/"


def get_json(client, endpoint: str, /, status: int = 200, **params: Any) -> Any:
    response = client.get(API + endpoint, params)
    assert response.status_code == status, response.content[:500]
    return json.loads(response.content)


def facet(body: dict, dimension: str) -> dict[str, int]:
    return {entry["value"]: entry["count"] for entry in body["facets"][dimension]}


def titles(body: dict) -> list[str]:
    return [item["title"] for item in body["items"]]
