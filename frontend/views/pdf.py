"""``/<lang>/casebook.pdf`` and ``/<lang>/casebook/cases/<id>.pdf``: kept PDFs.

The file comes from ``frontend.pdf.editions`` (current, or an older one while it
is rebuilt, or built now if none exists yet); this module only speaks HTTP: the
ETag and ``X-Content-Version`` name the version the file sent was built from, and
the cache policy is the API's, like every page's (``frontend.page_cache``).
"""

from __future__ import annotations

from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotModified,
)
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from frontend.client import ApiError, ApiUnavailable, api
from frontend.page_cache import if_none_match
from frontend.pdf import editions
from frontend.views import errors

# Seconds a client is asked to wait when the API is down (a restart, a deploy).
RETRY_AFTER = 30


@require_safe
def casebook(request: HttpRequest) -> HttpResponse:
    return _send(request, editions.Edition.booklet(get_language()))


@require_safe
def case(request: HttpRequest, case_id: int) -> HttpResponse:
    return _send(request, editions.Edition.case(case_id, get_language()))


def _send(request: HttpRequest, edition: editions.Edition) -> HttpResponse:
    try:
        version_response = api().get("version/")
        served = editions.serve(edition, version_response.data["version"])
    except ApiError as error:
        if error.status in (400, 404):  # not public in this language, or no case
            raise Http404(request.path) from error
        raise
    except ApiUnavailable:
        # The site's error page, as a 503: the reader may simply try again.
        response = errors.server_error(request)
        response.status_code = 503
        response["Retry-After"] = str(RETRY_AFTER)
        return response

    etag = editions.etag_for(served.version)
    if etag in if_none_match(request):
        served.file.close()
        response = HttpResponseNotModified()
    else:
        response = FileResponse(
            served.file,
            content_type="application/pdf",
            filename=edition.download_name,
        )
    response["ETag"] = etag
    response["Cache-Control"] = version_response.cache_control or "no-cache"
    response["X-Content-Version"] = served.version
    response["Content-Language"] = edition.locale
    return response
