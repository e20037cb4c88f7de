"""Tell the kernel's roles and workflows which of this app's pages they cover."""

from __future__ import annotations

from cms.workflows import places
from cms.workflows.roles import Place
from cms.workflows.setup import CASE_STUDY_WORKFLOW


def _sections():
    from casestudies.models import CaseStudyIndexPage

    return CaseStudyIndexPage.objects.order_by("path")


def _source_sections():
    from home.site_structure import SOURCE_LANGUAGE

    return _sections().filter(locale__language_code=SOURCE_LANGUAGE)


def _column_series():
    from casestudies.models import ColumnIndexPage

    return ColumnIndexPage.objects.order_by("path")


def register() -> None:
    places.register_place(Place.SOURCE_SECTIONS, _source_sections)
    places.register_place(Place.COLUMN_SERIES, _column_series)
    # Both locales' sections: translations get the workflow's translation step.
    places.register_workflow_roots(
        CASE_STUDY_WORKFLOW, "case study sections", _sections
    )
