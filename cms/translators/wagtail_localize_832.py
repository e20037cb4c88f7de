"""Workaround for wagtail-localize #832: the Translations report says "Up to date"
for a translation whose source has been published again since.

https://github.com/wagtail/wagtail-localize/issues/832 asks for a report that
shows which pages are "no longer in sync". Upstream's status
(``Translation.get_status_display``) only asks whether every string segment of the
*last synced* source has a translation, so republishing the Japanese page changes
nothing there until someone syncs. This subclass keeps upstream's report (filters,
queryset, URL names) and only decorates the listed page: a translation whose live
page is behind its live source (``cms.translation_lag.publication_lags``, the same
flag as the translators' dashboard) shows "Source changed" instead. Its URLs are
registered ahead of wagtail-localize's (``order=-1``), at the same paths.

Delete this module (and its import in ``cms/translators/hooks.py``) once
wagtail-localize's report tells a changed source apart; rerun
``tests/translators/test_report.py`` against that release first.
"""

from __future__ import annotations

from django.urls import path
from wagtail import hooks
from wagtail.models import Page
from wagtail_localize.views.report import TranslationsReportView

from cms.translation_lag import publication_lags


class SourceAwareTranslationsReportView(TranslationsReportView):
    results_template_name = "cms/translators/translations_report_results.html"

    def decorate_paginated_queryset(self, object_list):
        translations = list(super().decorate_paginated_queryset(object_list))
        keys = {t.source.object_id for t in translations}
        targets = Page.objects.filter(
            translation_key__in=keys,
            locale_id__in={t.target_locale_id for t in translations},
        ).only("pk", "translation_key", "locale_id")
        target_pk = {(str(p.translation_key), p.locale_id): p.pk for p in targets}
        lags = publication_lags(targets)
        for translation in translations:
            pk = target_pk.get(
                (str(translation.source.object_id), translation.target_locale_id)
            )
            lag = lags.get(pk) if pk is not None else None
            translation.source_changed = bool(lag and lag.behind)
        return translations


def report_urls() -> list:
    return [
        path(
            "localize/reports/translations/",
            SourceAwareTranslationsReportView.as_view(),
            name="casebook_translations_report",
        ),
        path(
            "localize/reports/translations/results/",
            SourceAwareTranslationsReportView.as_view(results_only=True),
            name="casebook_translations_report_results",
        ),
    ]


hooks.register("register_admin_urls", report_urls, order=-1)
