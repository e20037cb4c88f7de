"""The shared public GET view: anonymous, validated, cached, ETagged.

Public endpoints authenticate nobody: a token or session cookie changes nothing,
so no credential (valid, garbage or revoked) can ever reveal a draft here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, ClassVar

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from cms.api import version
from cms.api.caching import (
    VERSION_HEADER,
    cache_control,
    etag_for,
    matches,
    not_modified,
    response_key,
)
from cms.api.filters import validated_params

BODY_TIMEOUT = 3600


class PublicGetView(APIView):
    authentication_classes: ClassVar[list] = []
    permission_classes: ClassVar[list] = [AllowAny]
    allowed_params: ClassVar[tuple[str, ...]] = ()
    repeatable: ClassVar[frozenset[str]] = frozenset()

    def build(
        self, request: HttpRequest, params: Mapping[str, list[str]], **kwargs: Any
    ) -> Any:
        """The response data; raise ProblemError / NotFoundError for errors."""
        raise NotImplementedError

    def get(self, request, *args: Any, **kwargs: Any) -> HttpResponse:
        params = validated_params(
            request.GET, self.allowed_params, repeatable=self.repeatable
        )
        store = getattr(settings, "CMS_API_CACHE_BODIES", True)
        with version.pinned() as content_version:
            key = response_key(request)
            cached = cache.get(key) if store else None
            if cached is None:
                data = self.build(request, params, **kwargs)
                body = json.dumps(
                    data, ensure_ascii=False, cls=DjangoJSONEncoder
                ).encode()
                cached = (body, etag_for(body))
                if store:
                    cache.set(key, cached, timeout=BODY_TIMEOUT)
        body, etag = cached
        if matches(request, etag):
            return not_modified(etag, content_version)
        response = HttpResponse(body, content_type="application/json")
        response["ETag"] = etag
        response["Cache-Control"] = cache_control()
        # Clients (the site, the booklet exporter) key their own caches by it.
        response[VERSION_HEADER] = content_version
        return response
