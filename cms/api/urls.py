"""Routes of API v1, mounted at ``/api/v1/`` by ``config/urls.py``."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView

from cms.api.endpoints import (
    case_studies,
    columns,
    docs,
    find,
    home,
    preview,
    search,
    taxonomy,
    version,
)

app_name = "cms_api"

urlpatterns = [
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
    path("columns/", columns.ColumnListView.as_view(), name="column-list"),
    path("columns/<int:pk>/", columns.ColumnDetailView.as_view(), name="column-detail"),
    path("pages/find/", find.FindView.as_view(), name="find"),
    path("taxonomy/", taxonomy.TaxonomyView.as_view(), name="taxonomy"),
    path("home/", home.HomeView.as_view(), name="home"),
    path("search/", search.SearchView.as_view(), name="search"),
    path("version/", version.VersionView.as_view(), name="version"),
    path("preview/", preview.PreviewView.as_view(), name="preview"),
    path("preview/token/", preview.PreviewTokenView.as_view(), name="preview-token"),
    path(
        "schema/",
        SpectacularJSONAPIView.as_view(),
        name="schema",
    ),
    path("docs/", docs.docs, name="docs"),
    # Anything else under /api/v1/ is a problem-details 404, not an HTML page.
    re_path(r"^.*$", docs.not_found, name="not-found"),
]
