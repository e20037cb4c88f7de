"""Call the API's views inside this process: no socket, no second server.

The request is a real ``WSGIRequest`` for ``/api/v1/<path>``, resolved against
the API's own URLconf, so the views run exactly as they do for an outside caller:
the same validation, the same body cache keyed by the content version, the same
problem documents. Only the middleware is skipped; nothing in it changes a public
GET's answer, and the site's own request already went through it.
"""

from __future__ import annotations

import io
import json
from urllib.parse import urlencode

from django.core.handlers.wsgi import WSGIRequest
from django.http import Http404
from django.urls import Resolver404, resolve

from frontend.client.base import ApiClient, ApiResponse, Params, query_pairs

API_PREFIX = "/api/v1/"
# The API's URLconf without the site's language prefixes (see its docstring).
API_URLCONF = "cms.api.root_urls"
# The header the API names the content version in (cms.api.caching).
VERSION_HEADER = "X-Content-Version"


class InProcessClient(ApiClient):
    def fetch(self, path: str, params: Params | None = None) -> ApiResponse:
        url_path = API_PREFIX + path.lstrip("/")
        request = WSGIRequest(
            {
                "REQUEST_METHOD": "GET",
                "PATH_INFO": url_path,
                "QUERY_STRING": urlencode(query_pairs(params)),
                "SERVER_NAME": "frontend.internal",
                "SERVER_PORT": "80",
                "HTTP_HOST": "frontend.internal",
                "HTTP_ACCEPT": "application/json",
                "wsgi.input": io.BytesIO(),
                "wsgi.url_scheme": "http",
            }
        )
        try:
            match = resolve(url_path, urlconf=API_URLCONF)
        except Resolver404:
            return ApiResponse(404, {"status": 404, "detail": "No such resource."})
        try:
            response = match.func(request, *match.args, **match.kwargs)
        except Http404:
            return ApiResponse(404, {"status": 404, "detail": "Not found."})
        if hasattr(response, "render"):  # a DRF Response (problem documents)
            response.render()
        data = json.loads(response.content) if response.content else None
        return ApiResponse(
            status=response.status_code,
            data=data,
            version=response.get(VERSION_HEADER, ""),
            etag=response.get("ETag", ""),
            cache_control=response.get("Cache-Control", ""),
        )
