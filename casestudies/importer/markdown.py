"""Rich-text values written in Markdown (``{"markdown": "…"}``), made HTML once.

This runs after the schema check and before every other stage, so validation, the
cleaning report, ``--strict``, the link checks and the writer all see the HTML the
Markdown means (``cms.rich_text_input.markdown_to_html``), exactly as if the file
had given that HTML: removals and links to nowhere are reported under the same
field paths, and what is stored is what ``clean_rich_text`` makes of it with the
field's own features.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from casestudies.importer.errors import Problem
from casestudies.importer.records import Record
from casestudies.importer.values import RICH_TEXT_FIELDS, rich_text_block_types
from cms.rich_text_input import MarkdownInputError, markdown_to_html

MARKDOWN_KEY = "markdown"


def is_markdown(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get(MARKDOWN_KEY), str)


def markdown_as_html(records: list[Record]) -> list[Problem]:
    """Replace every Markdown value in ``records`` by its HTML; what cannot be
    converted is a problem naming the record and the field path."""
    problems: list[Problem] = []
    for record in records:
        record.data = _record_as_html(record, problems.append)
    return problems


def _record_as_html(record: Record, report: Callable[[Problem], None]) -> dict:
    def convert(value: Any, path: str) -> Any:
        if not is_markdown(value):
            return value
        try:
            return markdown_to_html(value[MARKDOWN_KEY])
        except MarkdownInputError as error:
            report(record.problem(f"{path}.{MARKDOWN_KEY}", _message(error)))
            return ""

    data = dict(record.data)  # the parsed document itself stays as it was read
    for name in RICH_TEXT_FIELDS[record.kind]:
        if name in data:
            data[name] = convert(data[name], name)
    rich_blocks = rich_text_block_types(record.kind)
    if isinstance(data.get("body"), list):
        data["body"] = [
            {**block, "value": convert(block["value"], f"body[{position}].value")}
            if block.get("type") in rich_blocks
            else block
            for position, block in enumerate(data["body"])
        ]
    return data


def _message(error: MarkdownInputError) -> str:
    if error.line is not None:
        return _("is not valid Markdown (line %(line)d): %(error)s") % {
            "line": error.line,
            "error": error.message,
        }
    return _("is not valid Markdown: %(error)s") % {"error": error.message}
