"""The one way into the CMS for the public site and the booklet: its public API.

``api()`` returns the client the settings choose:

* in-process (the default): the API's own views are called inside this process,
  with no network and no serialisation beyond the JSON the API writes anyway;
* over HTTP when ``CMS_API_URL`` is set, so the site can run apart from the CMS.

Both answer the same ``ApiResponse`` and raise the same errors, so nothing above
this package knows which one it talks to. Nothing under ``frontend/`` imports a
CMS model, selector or queryset
(``tests/frontend/test_frontend_reads_only_the_api.py``).
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings

from frontend.client.base import ApiClient, ApiError, ApiResponse, ApiUnavailable

__all__ = ["ApiClient", "ApiError", "ApiResponse", "ApiUnavailable", "api"]


@lru_cache(maxsize=4)
def _client_for(base_url: str) -> ApiClient:
    if base_url:
        from frontend.client.http import HttpClient

        return HttpClient(base_url)
    from frontend.client.in_process import InProcessClient

    return InProcessClient()


def api() -> ApiClient:
    """The client for the current settings (tests may override ``CMS_API_URL``)."""
    return _client_for(getattr(settings, "CMS_API_URL", "") or "")
