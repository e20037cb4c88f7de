"""``preview/``: the latest draft of one page, for the headless preview.

A logged-in editor asks ``preview/token/`` for a token; the token is signed
(``django.core.signing``), names one page and its issuer, and expires. The preview
endpoint re-checks on every use that the issuer still exists, is active and may
still edit the page, so deactivating a user or withdrawing a permission revokes
every token they hold. Responses are private and never stored by caches.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.models import Page

from cms.api import schema
from cms.api.errors import NotFoundError, ProblemError
from cms.api.filters import single, validated_params
from cms.api.serializers.pages import item_for, make_context

SALT = "cms.api.preview"

PREVIEW_TOKEN = inline_serializer(
    "PreviewToken",
    {
        "token": serializers.CharField(),
        "expires_in": serializers.IntegerField(),
        "preview_url": serializers.CharField(),
    },
)


def token_lifetime() -> timedelta:
    return timedelta(seconds=getattr(settings, "CMS_API_PREVIEW_TOKEN_SECONDS", 3600))


def issue_token(page: Page, user) -> str:
    return signing.dumps({"page": page.pk, "user": user.pk}, salt=SALT, compress=True)


def page_for_token(token: str) -> Page | None:
    """The page a valid, unexpired, unrevoked token names; None otherwise."""
    try:
        claims = signing.loads(
            token, salt=SALT, max_age=token_lifetime().total_seconds()
        )
    except signing.BadSignature:  # includes SignatureExpired
        return None
    if not isinstance(claims, dict):
        return None
    page = Page.objects.filter(pk=claims.get("page")).first()
    user = (
        get_user_model().objects.filter(pk=claims.get("user"), is_active=True).first()
    )
    if page is None or user is None:
        return None
    if not page.permissions_for_user(user).can_edit():
        return None
    return page


class PreviewTokenView(APIView):
    """POST ``{"page": id}`` as a logged-in editor: a token for that page."""

    authentication_classes = [SessionAuthentication]
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=inline_serializer(
            "PreviewTokenRequest", {"page": serializers.IntegerField()}
        ),
        responses=schema.responses(PREVIEW_TOKEN, 400, 403, 404),
        operation_id="preview_token_create",
    )
    def post(self, request) -> Response:
        pk = _requested_page_id(request)
        page = Page.objects.filter(pk=pk).first() if pk < 2**31 else None
        if page is None:
            raise NotFoundError()
        if not page.permissions_for_user(request.user).can_edit():
            raise ProblemError(
                _("You may not edit this page."), status_code=403, code="forbidden"
            )
        token = issue_token(page, request.user)
        response = Response(
            {
                "token": token,
                "expires_in": int(token_lifetime().total_seconds()),
                "preview_url": reverse("cms_api:preview") + "?token=" + token,
            }
        )
        response["Cache-Control"] = "private, no-store"
        return response


def _requested_page_id(request) -> int:
    """The ``page`` of a token request; 400 for anything else in the request.

    The same rules as a public GET: no query parameters, no body member but
    ``page``, given once, a plain non-negative integer (JSON ``true`` is an int
    to Python, and would have meant page 1).
    """
    validated_params(request.GET, ())
    data: Any = request.data
    if isinstance(data, QueryDict):  # a form body: one value per name, as a query
        data = {k: v[0] for k, v in validated_params(data, ("page",)).items()}
    if not isinstance(data, Mapping):
        data = {}
    unknown = sorted(set(data) - {"page"})
    if unknown:
        raise ProblemError(
            _("Unknown member(s): %(unknown)s. Allowed: page.")
            % {"unknown": ", ".join(map(str, unknown))},
            unknown=unknown,
            allowed=["page"],
        )
    raw = data.get("page")
    if isinstance(raw, str) and raw.isascii() and raw.isdigit():
        raw = int(raw)
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
        raise ProblemError(_("page must be a page id."), parameter="page")
    return raw


class PreviewView(APIView):
    """GET ``?token=…``: the latest revision of the token's page, draft or not."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "token",
                schema.text_schema(),
                required=True,
                description="Preview token.",
            )
        ],
        responses=schema.responses(schema.find_response(), 400, 404),
        operation_id="preview_retrieve",
    )
    def get(self, request) -> Response:
        params = validated_params(request.GET, ("token",))
        token = single(params, "token")
        if not token:
            raise ProblemError(_("token is required."), parameter="token")
        page = page_for_token(token)
        if page is None:
            # One answer for forged, expired and revoked tokens alike.
            raise NotFoundError(_("This preview link is invalid or has expired."))
        draft: Any = page.specific.get_latest_revision_as_object()
        response = Response(item_for(draft, make_context(request)))
        response["Cache-Control"] = "private, no-store"
        return response
