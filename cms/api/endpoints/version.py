"""``version/``: the content version, for clients that keep caches of their own.

The public site and the booklet exporter key what they build by this value (it is
also sent as ``X-Content-Version`` on every GET). It is read from the database on
every request and never cached here, so a poll is always current; it is one
primary-key read.
"""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers as s

from cms.api import schema, version
from cms.api.caching import VERSION_HEADER
from cms.api.endpoints.base import PublicGetView
from cms.api.filters import validated_params
from cms.api.shapes import shaped


class ContentVersionSerializer(s.Serializer):
    version = s.CharField(help_text="Opaque; changes with every public change.")
    changed_at = s.DateTimeField()

    class Meta:
        ref_name = "ContentVersion"


class VersionView(PublicGetView):
    @extend_schema(
        responses=schema.responses(ContentVersionSerializer, 400),
        operation_id="version_retrieve",
    )
    def get(self, request, *args, **kwargs) -> HttpResponse:
        validated_params(request.GET, self.allowed_params)
        info = version.read()
        response = JsonResponse(
            shaped(
                ContentVersionSerializer,
                version=info.value,
                changed_at=info.changed_at.isoformat(),
            )
        )
        response["Cache-Control"] = "no-cache"
        response[VERSION_HEADER] = info.value
        return response
