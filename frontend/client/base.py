"""What every API client answers, whichever way it reaches the API."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

# Query values as the API takes them: one value, or several for repeatable filters.
Params = Mapping[str, str | int | Sequence[str] | None]


class ApiUnavailable(Exception):
    """The API could not be reached or answered with a server error."""


@dataclass(frozen=True)
class ApiResponse:
    status: int
    data: Any  # the decoded JSON: an item, a listing or a problem document
    version: str = ""  # the content version the answer was built from
    etag: str = ""
    cache_control: str = ""

    @property
    def ok(self) -> bool:
        return self.status == 200


@dataclass
class ApiError(Exception):
    """A 4xx problem document from the API, kept whole for the page to explain."""

    status: int
    problem: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.status}: {self.problem.get('detail', '')}"


class ApiClient:
    """``get`` one API resource (a path under ``/api/v1/``) with its query."""

    def fetch(self, path: str, params: Params | None = None) -> ApiResponse:
        raise NotImplementedError

    def get(self, path: str, params: Params | None = None) -> ApiResponse:
        """The 200 answer; ``ApiError`` for a 4xx, ``ApiUnavailable`` otherwise."""
        response = self.fetch(path, params)
        if response.ok:
            return response
        if 400 <= response.status < 500:
            problem = response.data if isinstance(response.data, Mapping) else {}
            raise ApiError(response.status, problem)
        raise ApiUnavailable(f"{path}: HTTP {response.status}")

    def find(self, url_path: str) -> ApiResponse:
        """The public page at a site URL path (``/ja/school/x/``)."""
        return self.get("pages/find/", {"path": url_path})

    def version(self) -> str:
        """The current content version: what every cached page is keyed by."""
        return self.get("version/").data["version"]


def query_pairs(params: Params | None) -> list[tuple[str, str]]:
    """``params`` as ordered (name, value) pairs, dropping empty values."""
    pairs: list[tuple[str, str]] = []
    for name, value in (params or {}).items():
        if value is None or value == "":
            continue
        values = [value] if isinstance(value, str | int) else list(value)
        pairs.extend((name, str(item)) for item in values if item not in (None, ""))
    return pairs
