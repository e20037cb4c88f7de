"""``/<lang>/_preview/?token=…``: a draft through the API's ``preview/``, for a
site that runs apart from the CMS (the admin's own preview needs no token).

The token is the only key: without one, or with a forged, expired or revoked
one, the answer is the site's 404, the same as for a page that does not exist,
so a draft's existence is not given away either.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from frontend.client import ApiError, api
from frontend.preview import render_preview
from frontend.views import errors


def preview(request: HttpRequest) -> HttpResponse:
    token = request.GET.get("token", "")
    try:
        item = api().get("preview/", {"token": token}).data if token else None
    except ApiError:  # 404 for a bad token, 400 for a malformed query
        item = None
    if item is None:
        response = errors.not_found(request)
        response["Cache-Control"] = "private, no-store"
        return response
    return render_preview(request, item)
