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


# name → (low, high): also what ``filters.validated_params`` checks up front and
# what the schema states, so the three never disagree.
BOUNDS: dict[str, tuple[int, int]] = {
    "limit": (1, MAX_LIMIT),
    "offset": (0, MAX_OFFSET),
}


def parse_int(name: str, raw: str, low: int, high: int) -> int:
    """``raw`` as an integer in [low, high]; a 400 naming ``name`` otherwise.

    Only plain ASCII digits: ``int()`` would also take " 5", "+5", "5_0" and
    other-script digits, which no client means and the cache would key apart.
    """
    # isdigit() also accepts characters like '²' that int() rejects; be exact.
    if raw.isascii() and raw.isdigit() and len(raw) <= len(str(high)):
        value = int(raw)
        if low <= value <= high:
            return value
    raise ProblemError(
        _("%(name)s must be an integer from %(low)d to %(high)d.")
        % {"name": name, "low": low, "high": high},
        parameter=name,
        minimum=low,
        maximum=high,
    )


def _parse_int(name: str, raw: str | None, default: int) -> int:
    if raw is None:
        return default
    return parse_int(name, raw, *BOUNDS[name])


def window_from(params) -> Window:
    """The window of a list request (``params`` is the validated query dict)."""
    return Window(
        limit=_parse_int("limit", params.get("limit"), DEFAULT_LIMIT),
        offset=_parse_int("offset", params.get("offset"), 0),
    )
