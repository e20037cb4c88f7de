"""The translators' own read-only listing of the Japanese source pages.

Wagtail has no read-only page permission
(https://github.com/wagtail/wagtail/issues/5482): a group without a grant on
the Japanese tree is redirected away from it in the page explorer and finds
none of its pages in the admin search. Granting "edit" or "lock" there just to
let translators *see* the sources would let them change them, so this module
gives translators a listing of their own (with a read-only view of each live
source) and links into wagtail-localize's submit and sync views, which only
need ``wagtail_localize.submit_translation``.

The page types listed are those the domain apps register with
``cms.api.registry`` as having a detail endpoint (the casebook's articles), so
the kernel names no app.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import TranslationSource

from cms.api.registry import page_types
from cms.translation_lag import publication_lags
from cms.translators.dashboard import is_translator

SOURCE_LANGUAGE = "ja"
TARGET_LANGUAGE = "en"
PER_PAGE = 30


class State:
    MISSING = "missing"
    OUT_OF_DATE = "out-of-date"
    UP_TO_DATE = "up-to-date"
    IN_REVIEW = "in-review"


STATE_LABELS = {
    State.MISSING: _("Translation missing"),
    State.OUT_OF_DATE: _("Out of date"),
    State.UP_TO_DATE: _("Up to date"),
    State.IN_REVIEW: _("Awaiting review"),
}


@dataclass(frozen=True)
class SourceRow:
    page: Page
    state: str
    preview_url: str
    translate_url: str = ""
    sync_url: str = ""
    edit_translation_url: str = ""

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


def article_models() -> list[type[Page]]:
    """The casebook's article page types (registered with a detail endpoint)."""
    return [t.model for t in page_types() if t.detail_route]


def source_pages(query: str = "") -> models.QuerySet[Page]:
    """Live Japanese pages of the article types, newest published first.

    A title ``icontains`` filter rather than the search backend: it matches a
    Japanese word inside a title whatever the backend's tokeniser does.
    """
    pages = Page.objects.filter(locale__language_code=SOURCE_LANGUAGE, live=True).type(
        *article_models()
    )
    if query:
        pages = pages.filter(title__icontains=query)
    return pages.order_by("-last_published_at", "pk")


def source_rows(pages: list[Page]) -> list[SourceRow]:
    """One row per source page, with its translation's state and the links."""
    keys = {page.translation_key for page in pages}
    targets = {
        page.translation_key: page
        for page in Page.objects.filter(
            translation_key__in=keys, locale__language_code=TARGET_LANGUAGE
        ).only("pk", "title", "translation_key", "locale_id", "live")
    }
    lags = publication_lags(targets.values())
    in_review = set(
        WorkflowState.objects.active()
        .filter(
            base_content_type__app_label="wagtailcore",
            base_content_type__model="page",
            object_id__in=[str(t.pk) for t in targets.values()],
        )
        .values_list("object_id", flat=True)
    )
    sync_sources = dict(
        TranslationSource.objects.filter(
            object_id__in=keys, locale__language_code=SOURCE_LANGUAGE
        ).values_list("object_id", "pk")
    )
    rows = []
    for page in pages:
        preview_url = reverse("translators_sources:preview", args=[page.pk])
        target = targets.get(page.translation_key)
        if target is None:
            rows.append(
                SourceRow(
                    page,
                    State.MISSING,
                    preview_url,
                    # wagtail-localize's own parameter ticks the target locale,
                    # so "Translate" is one click, not a required checkbox.
                    translate_url=reverse(
                        "wagtail_localize:submit_page_translation", args=[page.pk]
                    )
                    + f"?select_locale={TARGET_LANGUAGE}",
                )
            )
            continue
        edit_url = reverse("wagtailadmin_pages:edit", args=[target.pk])
        lag = lags.get(target.pk)
        source_id = sync_sources.get(page.translation_key)
        if str(target.pk) in in_review:
            state = State.IN_REVIEW
        elif not target.live:
            # A draft translation nobody has submitted: still missing from
            # the site, but there is something to edit rather than to create.
            state = State.MISSING
        elif lag is not None and lag.behind and source_id is not None:
            state = State.OUT_OF_DATE
        else:
            state = State.UP_TO_DATE
        rows.append(
            SourceRow(
                page,
                state,
                preview_url,
                sync_url=(
                    reverse("wagtail_localize:update_translations", args=[source_id])
                    if state == State.OUT_OF_DATE
                    else ""
                ),
                edit_translation_url=edit_url,
            )
        )
    return rows


class TranslatorsOnlyMixin:
    """Translators and superusers; everyone else gets 403."""

    def dispatch(self, request, *args, **kwargs):
        if not is_translator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SourceListView(TranslatorsOnlyMixin, TemplateView):
    template_name = "cms/translators/sources.html"

    @cached_property
    def query(self) -> str:
        return self.request.GET.get("q", "").strip()

    @cached_property
    def state(self) -> str:
        state = self.request.GET.get("state", "")
        return state if state in STATE_LABELS else ""

    def get_context_data(self, **kwargs):
        rows = source_rows(list(source_pages(self.query)))
        if self.state:
            # The state is computed from three other tables, so filtering
            # happens on the rows; the sources are a few hundred pages at most.
            rows = [row for row in rows if row.state == self.state]
        page_obj = Paginator(rows, PER_PAGE).get_page(self.request.GET.get("p"))
        return super().get_context_data(
            page_obj=page_obj,
            rows=page_obj.object_list,
            query=self.query,
            state=self.state,
            states=list(STATE_LABELS.items()),
            **kwargs,
        )


def readonly_fields(page: Page) -> list[tuple[str, object, str]]:
    """(label, value, kind) for the text fields the page's own model adds.

    Only fields declared below ``Page`` (the content), in model order; "kind"
    tells the template how to render the value.
    """
    fields = []
    for field in type(page)._meta.get_fields():
        model = getattr(field, "model", None)
        if model is None or model is Page or not issubclass(model, Page):
            continue
        if isinstance(field, StreamField):
            kind = "stream"
        elif isinstance(field, RichTextField):
            kind = "richtext"
        elif isinstance(field, models.CharField | models.TextField):
            kind = "text"
        else:
            continue
        value = getattr(page, field.name)
        if value:
            fields.append((field.verbose_name, value, kind))
    return fields


class SourcePreviewView(TranslatorsOnlyMixin, TemplateView):
    """The live revision of one source page, read-only (no edit rights needed)."""

    template_name = "cms/translators/sources_preview.html"

    def get_context_data(self, **kwargs):
        page = get_object_or_404(
            source_pages(), pk=self.kwargs["page_id"]
        ).specific_deferred
        live = page.live_revision.as_object() if page.live_revision else page
        return super().get_context_data(
            page=live,
            fields=readonly_fields(live),
            listing_url=reverse("translators_sources:index"),
            **kwargs,
        )
