"""Import problems: each names the record, the field path and what is wrong.

One shape for every stage (JSON syntax, schema, semantics, writing) so that the
command prints a single list an editor can work through from top to bottom.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the import file.

    ``record`` is e.g. ``case_studies[3] (key=miyagi-alt-journal)`` (empty for the
    file as a whole), ``field`` a path inside the record such as
    ``body[2].value.file``.
    """

    record: str
    field: str
    message: str

    def __str__(self) -> str:
        where = ": ".join(part for part in (self.record, self.field) if part)
        return f"{where}: {self.message}" if where else self.message


class ImportFailed(Exception):
    """The file was rejected; nothing was written. Holds every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems), key=_reading_order)
        super().__init__(self.report())

    def report(self) -> str:
        heading = _(
            "The import file has %(count)d problem(s); nothing was written:"
        ) % {"count": len(self.problems)}
        return "\n".join([heading, *(f"  - {problem}" for problem in self.problems)])


def record_label(collection: str, index: int, key: object = None) -> str:
    """``case_studies[3] (key=miyagi-alt-journal)``, or without the key if unknown."""
    label = f"{collection}[{index}]"
    if isinstance(key, str) and key:
        # A key with a control character (refused anyway) is shown escaped.
        label += f" (key={key})" if key.isprintable() else f" (key={key!r})"
    return label


def field_path(parts: Iterable[str | int]) -> str:
    """``body[2].value.file`` from ``["body", 2, "value", "file"]``."""
    path = ""
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def _reading_order(problem: Problem) -> tuple:
    # case_studies[10] after case_studies[9]: sort on the numbers, not the text.
    collection, _, rest = problem.record.partition("[")
    number = rest.split("]", 1)[0]
    return (
        collection,
        int(number) if number.isdigit() else -1,
        problem.field,
        problem.message,
    )
