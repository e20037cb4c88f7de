"""Limit/offset paging: strict integers, ``limit`` capped, errors as 400s."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from cms.api.errors import ProblemError

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# Beyond this an offset is a crawler walking off the end, not a reader.
MAX_OFFSET = 100_000


@dataclass(frozen=True)
class Window:
    limit: int
    offset: int

    def slice(self, items: list) -> list:
        return items[self.offset : self.offset + self.limit]


def _parse_int(name: str, raw: str | None, default: int, low: int, high: int) -> int:
    if raw is None:
        return default
    # isdigit() also accepts characters like '²' that int() rejects; be exact.
    if not raw.isascii() or not raw.isdigit() or len(raw) > 7:
        raise ProblemError(
            _("%(name)s must be an integer from %(low)d to %(high)d.")
            % {"name": name, "low": low, "high": high},
            parameter=name,
        )
    value = int(raw)
    if not low <= value <= high:
        raise ProblemError(
            _("%(name)s must be an integer from %(low)d to %(high)d.")
            % {"name": name, "low": low, "high": high},
            parameter=name,
        )
    return value


def window_from(params) -> Window:
    """The window of a list request (``params`` is the validated query dict)."""
    return Window(
        limit=_parse_int("limit", params.get("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT),
        offset=_parse_int("offset", params.get("offset"), 0, 0, MAX_OFFSET),
    )
