"""The translators' dashboard panel: new, out-of-date and in-review translations.

Four queries whatever the number of pages: the translations, their target
pages (annotated with "in a workflow", so review costs no query of its own), and
the two ``cms.translation_lag`` reads (sources, publish times).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import Translation

from cms.translation_lag import publication_lags
from cms.workflows.roles import TRANSLATORS

TRANSLATORS_GROUP = TRANSLATORS.group_name


@dataclass(frozen=True)
class TranslationTodo:
    title: str
    locale: str
    url: str


def translation_todos() -> dict[str, list[TranslationTodo]]:
    """Page translations needing work, grouped as "new", "out_of_date" and
    "in_review" (submitted to a workflow: waiting for a reviewer, so listed there
    only, whatever else is true of them)."""
    translations = list(
        Translation.objects.filter(enabled=True).select_related(
            "source", "target_locale"
        )
    )
    by_key = {(t.source.object_id, t.target_locale_id): t for t in translations}
    targets = list(
        Page.objects.filter(
            translation_key__in={key for key, _locale in by_key},
            locale_id__in={locale for _key, locale in by_key},
        )
        .only("pk", "title", "translation_key", "locale_id", "live")
        .annotate(
            in_review=Exists(
                # Spelled out: ``page=`` is ambiguous (two generic relations
                # share that query name) and matched nothing here.
                WorkflowState.objects.filter(
                    base_content_type__app_label="wagtailcore",
                    base_content_type__model="page",
                    object_id=Cast(OuterRef("pk"), CharField()),
                    status=WorkflowState.STATUS_IN_PROGRESS,
                )
            )
        )
    )
    lags = publication_lags(targets)
    groups: dict[str, list[TranslationTodo]] = {
        "new": [],
        "out_of_date": [],
        "in_review": [],
    }
    for page in targets:
        translation = by_key.get((page.translation_key, page.locale_id))
        if translation is None:
            continue
        locale = translation.target_locale.get_display_name()
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        if page.in_review:
            groups["in_review"].append(TranslationTodo(page.title, locale, edit_url))
        elif not page.live:
            groups["new"].append(TranslationTodo(page.title, locale, edit_url))
        elif (lag := lags.get(page.pk)) is not None and lag.behind:
            groups["out_of_date"].append(
                TranslationTodo(
                    page.title,
                    locale,
                    reverse(
                        "wagtail_localize:update_translations",
                        args=[translation.source_id],
                    ),
                )
            )
    return groups


def is_translator(user) -> bool:
    return user.is_superuser or user.groups.filter(name=TRANSLATORS_GROUP).exists()


class TranslatorsPanel(Component):
    name = "translators"
    order = 150
    template_name = "cms/translators/dashboard_panel.html"

    def get_context_data(self, parent_context=None):
        groups = translation_todos()
        return {
            "groups": [
                ("new", _("New translations"), _("Translate"), groups["new"]),
                (
                    "out_of_date",
                    _("Out of date translations"),
                    _("Sync"),
                    groups["out_of_date"],
                ),
                (
                    "in_review",
                    _("Awaiting translation review"),
                    _("Open"),
                    groups["in_review"],
                ),
            ]
        }


def add_translators_panel(request, panels) -> None:
    if is_translator(request.user):
        panels.append(TranslatorsPanel())
