"""``pages/find/?path=/ja/…``: a public URL, in either locale, to its item.

Wagtail's own ``find`` routes from the default language's root (wagtail #6679),
so ``/en/…`` would resolve in the Japanese tree; here the locale prefix picks the
tree, and the rest of the path is matched against that tree's ``url_path``.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema

from cms.api import schema
from cms.api.endpoints.base import PublicGetView
from cms.api.errors import NotFoundError, ProblemError
from cms.api.filters import LOCALES, single
from cms.api.selectors import locale_root, public_pages
from cms.api.serializers.pages import item_for, make_context

SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")


class FindView(PublicGetView):
    allowed_params = ("path",)

    @extend_schema(
        parameters=[schema.PATH_PARAMETER],
        responses=schema.responses(schema.find_response(), 400, 404),
        operation_id="pages_find",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request, params, **kwargs) -> Any:
        path = single(params, "path")
        if not path or not path.startswith("/"):
            raise ProblemError(
                _("path is required: a public URL path such as /ja/school/…"),
                parameter="path",
            )
        parts = [part for part in path.split("?")[0].split("/") if part]
        if not parts or parts[0] not in LOCALES:
            raise NotFoundError()
        language, slugs = parts[0], parts[1:]
        if not all(SLUG.match(slug) for slug in slugs):
            raise NotFoundError()
        root = locale_root(language)
        if root is None:
            raise NotFoundError()
        url_path = root.url_path + "".join(f"{slug}/" for slug in slugs)
        page = (
            public_pages()
            .filter(url_path=url_path, locale_id=root.locale_id)
            .descendant_of(root, inclusive=True)
            .first()
        )
        if page is None:
            raise NotFoundError()
        return item_for(page.specific, make_context(request))
