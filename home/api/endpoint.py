"""``home/``: the home page of a locale (introduction, figures, featured cases)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema

from cms.api.endpoints.base import PublicGetView
from cms.api.errors import NotFoundError
from cms.api.filters import DEFAULT_LOCALE, LOCALES, choice
from cms.api.schema import LOCALE_PARAMETER, responses
from cms.api.selectors import locale_root, translations_of
from cms.api.serializers.pages import make_context
from home.api import schema
from home.api.serializers import home_item
from home.models import HomePage


class HomeView(PublicGetView):
    allowed_params = ("locale",)

    @extend_schema(
        parameters=[LOCALE_PARAMETER],
        responses=responses(schema.HomeSerializer, 400, 404),
        operation_id="home_retrieve",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request, params, **kwargs) -> Any:
        language = choice(params, "locale", LOCALES, DEFAULT_LOCALE)
        root = locale_root(language)
        if root is None or not issubclass(root.specific_class, HomePage):
            raise NotFoundError()
        # The home page and its translations in one query, specific.
        group = translations_of(HomePage, root)
        home = next((page for page in group if page.pk == root.pk), None)
        if home is None:
            raise NotFoundError()
        return home_item(home, make_context(request), group=group)
