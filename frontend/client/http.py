"""Call the API over HTTP, for a site that runs apart from the CMS (``CMS_API_URL``).

Answers are kept per URL with their ETag and revalidated with ``If-None-Match``:
an unchanged resource costs the API a 304, not a body. Only the standard library
is used; one short timeout bounds how long a page can wait on the CMS.
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections import OrderedDict
from urllib.parse import urlencode

from django.conf import settings

from frontend.client.base import (
    ApiClient,
    ApiResponse,
    ApiUnavailable,
    Params,
    query_pairs,
)

VERSION_HEADER = "X-Content-Version"
MAX_KEPT = 512


class HttpClient(ApiClient):
    def __init__(self, base_url: str):
        self.base_url = base_url.rstrip("/") + "/"
        self._kept: OrderedDict[str, ApiResponse] = OrderedDict()
        self._lock = threading.Lock()

    def fetch(self, path: str, params: Params | None = None) -> ApiResponse:
        query = urlencode(query_pairs(params))
        url = self.base_url + path.lstrip("/") + (f"?{query}" if query else "")
        with self._lock:
            kept = self._kept.get(url)
        headers = {"Accept": "application/json"}
        # The version endpoint is what tells us the rest is current: never reuse it.
        if kept is not None and kept.etag and path != "version/":
            headers["If-None-Match"] = kept.etag
        request = urllib.request.Request(url, headers=headers)
        timeout = getattr(settings, "CMS_API_TIMEOUT", 10)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as raw:
                response = self._response(raw.status, raw.read(), raw.headers)
        except urllib.error.HTTPError as error:
            if error.code == 304 and kept is not None:
                return kept
            response = self._response(error.code, error.read(), error.headers)
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise ApiUnavailable(f"{url}: {error}") from error
        if response.ok and response.etag:
            with self._lock:
                self._kept[url] = response
                self._kept.move_to_end(url)
                while len(self._kept) > MAX_KEPT:
                    self._kept.popitem(last=False)
        return response

    @staticmethod
    def _response(status: int, body: bytes, headers) -> ApiResponse:
        try:
            data = json.loads(body) if body else None
        except ValueError as error:
            raise ApiUnavailable(f"HTTP {status}: not JSON") from error
        return ApiResponse(
            status=status,
            data=data,
            version=headers.get(VERSION_HEADER, ""),
            etag=headers.get("ETag", ""),
            cache_control=headers.get("Cache-Control", ""),
        )
