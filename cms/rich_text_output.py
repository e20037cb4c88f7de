"""Rich text as public output shows it: display HTML with only public links.

Wagtail stores links as ``<a linktype="page" id="…">`` and ``<a linktype="document"
id="…">`` and rewrites them on output with the link handlers registered for those
link types (``expand_db_html``). Its stock handlers write a URL for any page (a
draft, a login-restricted page, a page on another site) and for any document, so
the kernel registers its own (``cms/wagtail_hooks.py``):

* a page link keeps its ``href`` only when the page, in the item's locale (its
  translation there, else the page itself), is live, not expired, without a view
  restriction on it or an ancestor, and under a locale root of the default site;
  the URL is the page's public one in its own locale;
* a document link keeps its ``href`` (Wagtail's document serve URL) only when the
  document's collection has no view restriction;
* anything else becomes its plain inner text: no ``<a>``, no URL, no file name.

Each rewrite resolves all the links of one text in a batch
(``expand_db_attributes_many``): a fixed number of queries, whatever the number of
links. Links are resolved for the item's locale, given by the caller, never for the
request's language. Embeds (``<embed embedtype=…/>``) are never output.

Like ``cms.image_representation`` this sits in the kernel beside the blocks, which
import nothing from ``cms.api``: the API hands in what it caches per content
version (restricted paths and collections, the locale roots) as a
:class:`Visibility`; whatever is not handed in is loaded once per text.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.api.rich_text import APIRichText
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.rich_text import LinkHandler

from cms.image_representation import load_restricted_collection_ids

# What a handler writes for a link that must not be a link: Wagtail's own
# placeholder for a missing target. ``public_html`` unwraps every one of them.
UNLINKED = "<a>"
_UNLINKED_ELEMENT = re.compile(r"<a>(.*?)</a>", re.DOTALL | re.IGNORECASE)
_EMBED = re.compile(r"<embed\b[^>]*/?>", re.IGNORECASE)

# Page fields a link needs (visibility and URL).
_PAGE_FIELDS = (
    "id",
    "path",
    "url_path",
    "translation_key",
    "live",
    "expired",
    "locale__language_code",
)


@dataclass(frozen=True)
class Visibility:
    """What the caller already knows about public content (``None``: load it)."""

    restricted_page_paths: Iterable[str] | None = None
    restricted_collections: frozenset[int] | None = None
    # language → that locale's live root page of the default site, or None
    locale_root: Callable[[str], Page | None] | None = None


@dataclass
class _Scope:
    language: str
    visibility: Visibility
    _loaded: dict[str, Any] = field(default_factory=dict)

    def restricted_paths(self) -> tuple[str, ...]:
        if "paths" not in self._loaded:
            paths = self.visibility.restricted_page_paths
            if paths is None:
                paths = PageViewRestriction.objects.values_list("page__path", flat=True)
            self._loaded["paths"] = tuple(paths)
        return self._loaded["paths"]

    def restricted_collections(self) -> frozenset[int]:
        if "collections" not in self._loaded:
            ids = self.visibility.restricted_collections
            self._loaded["collections"] = (
                load_restricted_collection_ids() if ids is None else ids
            )
        return self._loaded["collections"]

    def locale_root(self, language: str) -> Page | None:
        if self.visibility.locale_root is not None:
            return self.visibility.locale_root(language)
        if "roots" not in self._loaded:
            self._loaded["roots"] = _default_site_roots()
        return self._loaded["roots"].get(language)


_scope: ContextVar[_Scope | None] = ContextVar("cms_rich_text_scope", default=None)


def _current_scope() -> _Scope:
    scope = _scope.get()
    if scope is None:
        # Rich text expanded outside ``public_html`` (a template, say): the same
        # rules, for the active language, loading what they need.
        scope = _Scope(_language(translation.get_language()), Visibility())
    return scope


def _language(code: str | None) -> str:
    return (code or "").split("-")[0].lower()


def _default_site_roots() -> dict[str, Page]:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return {}
    roots = Page.objects.filter(
        translation_key=site.root_page.translation_key, live=True
    ).select_related("locale")
    return {root.locale.language_code: root for root in roots}


@contextlib.contextmanager
def _scoped(language: str, visibility: Visibility | None) -> Iterator[None]:
    token = _scope.set(_Scope(_language(language), visibility or Visibility()))
    try:
        with translation.override(language):
            yield
    finally:
        _scope.reset(token)


def public_html(
    source: str | None, language: str, visibility: Visibility | None = None
) -> str:
    """``source`` (Wagtail's stored rich text) as display HTML for readers.

    ``language`` is the locale of the item the text belongs to: page links resolve
    to the linked page's translation in it. The output never carries internal
    markup (``linktype``, ``embedtype``) nor a link to anything not public.
    """
    if not source:
        return ""
    language = language or settings.LANGUAGE_CODE
    source = _EMBED.sub("", source)
    with _scoped(language, visibility):
        # Always display HTML: the stored formats (db_html, db_markdown) carry ids
        # and link types, and the Markdown ones would bypass the unwrapping below.
        html = APIRichText.serialize(source, format=APIRichText.FORMAT_HTML)
    return unlink_placeholders(html)


def unlink_placeholders(html: str) -> str:
    """Replace every attribute-less ``<a>…</a>`` by its inner text."""
    return _UNLINKED_ELEMENT.sub(r"\1", html)


def _ids(attrs_list: list[dict]) -> list[int | None]:
    found: list[int | None] = []
    for attrs in attrs_list:
        try:
            found.append(int(attrs.get("id")))
        except (TypeError, ValueError):
            found.append(None)
    return found


class PublicPageLinkHandler(LinkHandler):
    """``<a linktype="page">``: the page's public URL in the item's locale, or text."""

    identifier = "page"

    @staticmethod
    def get_model():
        return Page

    @classmethod
    def expand_db_attributes(cls, attrs: dict) -> str:
        return cls.expand_db_attributes_many([attrs])[0]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        ids = _ids(attrs_list)
        urls = public_page_urls(_current_scope(), {i for i in ids if i is not None})
        return [f'<a href="{escape(urls[i])}">' if i in urls else UNLINKED for i in ids]

    @classmethod
    def extract_references(cls, attrs):
        # For Wagtail's reference index, as the stock handler does.
        yield Page, attrs["id"], "", ""


def public_page_urls(scope: _Scope, ids: set[int]) -> dict[int, str]:
    """The public URL to link for each of ``ids`` that has one (one query)."""
    if not ids:
        return {}
    language = scope.language
    rows = (
        Page.objects.filter(
            Q(pk__in=ids)
            | Q(
                translation_key__in=Page.objects.filter(pk__in=ids).values(
                    "translation_key"
                ),
                locale__language_code=language,
            )
        )
        .values(*_PAGE_FIELDS)
        .order_by()
    )
    by_id: dict[int, dict] = {}
    in_language: dict[Any, dict] = {}
    for row in rows:
        by_id[row["id"]] = row
        if row["locale__language_code"] == language:
            in_language[row["translation_key"]] = row
    urls = {}
    for pk in ids:
        target = by_id.get(pk)
        if target is None:  # deleted
            continue
        for candidate in (in_language.get(target["translation_key"]), target):
            url = candidate and _public_url(scope, candidate)
            if url:
                urls[pk] = url
                break
    return urls


def _public_url(scope: _Scope, row: dict) -> str | None:
    if not row["live"] or row["expired"]:
        return None
    if any(row["path"].startswith(path) for path in scope.restricted_paths()):
        return None
    language = row["locale__language_code"]
    root = scope.locale_root(language)
    if root is None or not row["url_path"].startswith(root.url_path):
        return None  # not on the site this API serves
    with translation.override(language):
        try:
            return reverse(
                "wagtail_serve", args=(row["url_path"][len(root.url_path) :],)
            )
        except NoReverseMatch:
            return None


class PublicDocumentLinkHandler(LinkHandler):
    """``<a linktype="document">``: Wagtail's serve URL if public, or text."""

    identifier = "document"

    @staticmethod
    def get_model():
        return get_document_model()

    @classmethod
    def expand_db_attributes(cls, attrs: dict) -> str:
        return cls.expand_db_attributes_many([attrs])[0]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        ids = _ids(attrs_list)
        wanted = {i for i in ids if i is not None}
        if not wanted:
            return [UNLINKED] * len(ids)
        documents = get_document_model().objects.in_bulk(wanted)
        restricted = _current_scope().restricted_collections() if documents else ()
        found = []
        for pk in ids:
            document = documents.get(pk)
            if document is None or document.collection_id in restricted:
                found.append(UNLINKED)
                continue
            url = reverse("wagtaildocs_serve", args=(document.pk, document.filename))
            found.append(f'<a href="{escape(url)}">')
        return found

    @classmethod
    def extract_references(cls, attrs):
        yield cls.get_model(), attrs["id"], "", ""


def register_link_handlers(features) -> None:
    """For the ``register_rich_text_features`` hook: replace the stock handlers."""
    features.register_link_type(PublicPageLinkHandler)
    features.register_link_type(PublicDocumentLinkHandler)
