"""Validate real responses against the generated OpenAPI document."""

from __future__ import annotations

import json
from typing import Any

from jsonschema import Draft202012Validator

from tests.api.helpers import API


def openapi_document(client) -> dict[str, Any]:
    response = client.get(API + "schema/")
    assert response.status_code == 200
    return json.loads(response.content)


def response_schema(doc: dict, path: str, status: str = "200") -> dict[str, Any]:
    operation = doc["paths"][path]["get"]
    content = operation["responses"][status]["content"]
    return next(iter(content.values()))["schema"]


def assert_conforms(doc: dict, path: str, body: Any, status: str = "200") -> None:
    """``body`` is valid for the documented response of GET ``path``."""
    schema = {**response_schema(doc, path, status), "components": doc["components"]}
    validator = Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(body), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
