"""``docs/``: interactive API docs from our own static files (no CDN)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cms.api.errors import problem_response


@require_GET
def docs(request: HttpRequest) -> HttpResponse:
    response = render(
        request,
        "cms_api/docs.html",
        {"schema_url": reverse("cms_api:schema")},
    )
    response["Cache-Control"] = "public, max-age=300"
    return response


def not_found(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return problem_response(404, _("There is no API endpoint at this path."), request)
