"""Case studies, columns and the taxonomy in the API, registered with the kernel.

``register()`` (called from ``CaseStudiesConfig.ready()``) adds this app's routes
under ``/api/v1/`` and its page types, so ``pages/find/`` and ``preview/`` can
serve them; ``cms/api`` itself names none of it.
"""

from __future__ import annotations


def register() -> None:
    from django.urls import path

    from casestudies.api import schema
    from casestudies.api.endpoints import case_studies, columns, related, taxonomy
    from casestudies.api.filters import SECTION_RULE
    from casestudies.api.serializers import (
        case_study_detail,
        case_study_index_detail,
        column_detail,
    )
    from casestudies.models import (
        CaseStudyIndexPage,
        CaseStudyPage,
        ColumnIndexPage,
        ColumnPage,
    )
    from cms.api import filters, registry
    from cms.api.schema import IndexPageSerializer
    from cms.api.serializers.pages import index_detail

    filters.register_rule("section", SECTION_RULE)
    registry.register_routes(
        [
            path(
                "case-studies/",
                case_studies.CaseStudyListView.as_view(),
                name="case-study-list",
            ),
            path(
                "case-studies/<int:pk>/",
                case_studies.CaseStudyDetailView.as_view(),
                name="case-study-detail",
            ),
            path(
                "case-studies/<int:pk>/related/",
                related.RelatedCaseStudiesView.as_view(),
                name="case-study-related",
            ),
            path("columns/", columns.ColumnListView.as_view(), name="column-list"),
            path(
                "columns/<int:pk>/",
                columns.ColumnDetailView.as_view(),
                name="column-detail",
            ),
            path("taxonomy/", taxonomy.TaxonomyView.as_view(), name="taxonomy"),
        ],
        purge=("case-study-list", "column-list", "taxonomy"),
    )
    for page_type in (
        registry.PageType(
            CaseStudyPage,
            schema.CaseStudySerializer,
            case_study_detail,
            detail_route="case-study-detail",
        ),
        registry.PageType(
            ColumnPage, schema.ColumnSerializer, column_detail, "column-detail"
        ),
        registry.PageType(
            CaseStudyIndexPage,
            schema.CaseStudyIndexSerializer,
            case_study_index_detail,
        ),
        registry.PageType(ColumnIndexPage, IndexPageSerializer, index_detail),
    ):
        registry.register_page_type(page_type)
