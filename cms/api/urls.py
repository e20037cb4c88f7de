"""Routes of API v1, mounted at ``/api/v1/`` by ``config/urls.py``."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView

from cms.api import registry
from cms.api.endpoints import docs, find, preview, sitemap, version

app_name = "cms_api"


urlpatterns = [
    # The domain apps' resources (cms.api.registry), then the kernel's own.
    *registry.routes(),
    path("pages/find/", find.FindView.as_view(), name="find"),
    path("pages/sitemap/", sitemap.SitemapView.as_view(), name="pages-sitemap"),
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
