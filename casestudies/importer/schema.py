"""Reading the import file and checking it against docs/importer.schema.json.

The JSON Schema in ``docs/`` is the single description of the format: the importer
validates against that very file, so the documentation cannot drift from the code.
jsonschema's own messages are replaced by short, translatable ones that say what to
fix, with the field path in the record.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

from casestudies.importer.errors import Problem, field_path, record_label
from casestudies.importer.limits import file_size_problem, load_json, text_problems

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "importer.schema.json"
RECORD_COLLECTIONS = ("themes", "case_studies", "columns")
SLUG_PATTERN = "^[a-z0-9]+(?:-[a-z0-9]+)*$"

JSON_TYPES = {
    "object": "object",
    "array": "list",
    "string": "string",
    "boolean": "true/false",
    "integer": "whole number",
    "number": "number",
    "null": "null",
}


@cache
def load_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def parse_json(text: str, file_label: str) -> tuple[Any, list[Problem]]:
    """The decoded document, or problems: the line and column of a syntax error, a
    file over the size limit, members given twice (with their lines)."""
    too_big = file_size_problem(len(text))  # characters: never more than bytes
    if too_big:
        return None, [Problem(file_label, "", too_big)]
    try:
        document, duplicates = load_json(text)
        return document, [_problem(document, path, msg) for path, msg in duplicates]
    except json.JSONDecodeError as exc:
        message = _("invalid JSON at line %(line)d, column %(column)d: %(error)s") % {
            "line": exc.lineno,
            "column": exc.colno,
            "error": exc.msg,
        }
        return None, [Problem(file_label, "", message)]


def limit_problems(document: Any) -> list[Problem]:
    """Forbidden characters and over-long text anywhere in ``document``
    (casestudies/importer/limits.py); safe on documents the schema refuses."""
    return [
        _problem(document, path, message) for path, message in text_problems(document)
    ]


def schema_problems(document: Any) -> list[Problem]:
    """Every place where ``document`` does not follow the schema."""
    validator = Draft202012Validator(load_schema())
    problems: list[Problem] = []
    for error in validator.iter_errors(document):
        problems.extend(_problems_from(error, document))
    return problems


def _problems_from(error: SchemaError, document: Any) -> list[Problem]:
    path = list(error.absolute_path)
    if error.validator in ("if", "then", "else", "allOf", "$ref"):
        # Composite keywords report through their sub-errors.
        return [p for sub in error.context or [] for p in _problems_from(sub, document)]
    if error.validator == "anyOf":
        return _any_of_problems(error, document)
    if error.validator == "required":
        missing = [
            name for name in error.validator_value if name not in (error.instance or {})
        ]
        return [_problem(document, [*path, name], _("is required")) for name in missing]
    if error.validator == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - allowed)
        message = _("is not a field of this record")
        if isinstance(error.instance, dict) and "translation_of" in error.instance:
            message = _(
                "is not allowed in a translation: it is synchronised from the "
                "source record"
            )
        elif len(path) > 2:
            message = _("is not a field of this block or object")
        return [_problem(document, [*path, name], message) for name in extra]
    return [_problem(document, path, _message(error))]


def _any_of_problems(error: SchemaError, document: Any) -> list[Problem]:
    """A value that may take several shapes (rich text: HTML or ``{"markdown"}``):
    what is wrong with it in the shape it has, or which shapes it may have."""
    depth = len(error.absolute_path)
    in_its_shape = [
        sub
        for sub in error.context or []
        if not (sub.validator == "type" and len(sub.absolute_path) == depth)
    ]
    if in_its_shape:
        return [p for sub in in_its_shape for p in _problems_from(sub, document)]
    message = _(
        'must be a string, not %(actual)s; rich text may also be {"markdown": "…"}'
    ) % {"actual": _json_type(error.instance)}
    return [_problem(document, list(error.absolute_path), message)]


def _message(error: SchemaError) -> str:
    kind = error.validator
    expected = error.validator_value
    if kind == "type":
        names = expected if isinstance(expected, list) else [expected]
        return _("must be a %(expected)s, not %(actual)s") % {
            "expected": " or ".join(JSON_TYPES.get(n, n) for n in names),
            "actual": _json_type(error.instance),
        }
    if kind == "maxLength":
        return _("is %(length)d characters long; the limit is %(limit)d") % {
            "length": len(error.instance),
            "limit": expected,
        }
    if kind == "minLength":
        return _("must not be empty")
    if kind == "minItems":
        return _("needs at least %(count)d item(s)") % {"count": expected}
    if kind == "uniqueItems":
        return _("lists the same value twice")
    if kind in ("enum", "const"):
        choices = expected if kind == "enum" else [expected]
        return _("is %(actual)s; it must be one of: %(choices)s") % {
            "actual": json.dumps(error.instance, ensure_ascii=False),
            "choices": ", ".join(json.dumps(c, ensure_ascii=False) for c in choices),
        }
    if kind == "pattern" and expected == SLUG_PATTERN:
        return _(
            "is %(actual)s; use lower-case ASCII letters, digits and single hyphens"
        ) % {"actual": json.dumps(error.instance, ensure_ascii=False)}
    return error.message


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return JSON_TYPES["boolean"]
    if isinstance(value, int | float):
        return JSON_TYPES["number"]
    for json_type, python_type in (
        ("string", str),
        ("array", list),
        ("object", dict),
    ):
        if isinstance(value, python_type):
            return JSON_TYPES[json_type]
    return JSON_TYPES["null"]


def _problem(document: Any, path: list, message: str) -> Problem:
    """Split an absolute path into the record (with its key) and the field inside."""
    if len(path) >= 2 and path[0] in RECORD_COLLECTIONS and isinstance(path[1], int):
        collection, index = path[0], path[1]
        record = _record_at(document, collection, index)
        key = (
            record.get("key") or record.get("slug")
            if isinstance(record, dict)
            else None
        )
        return Problem(
            record_label(collection, index, key), field_path(path[2:]), message
        )
    return Problem("", field_path(path), message)


def _record_at(document: Any, collection: str, index: int) -> Any:
    try:
        return document[collection][index]
    except (KeyError, IndexError, TypeError):
        return None
