"""The public site's URLs. ``config/urls.py`` mounts them under ``/ja/`` and ``/en/``.

The catch-all keeps Wagtail's URL name, ``wagtail_serve``, and its pattern, so
``Page.url``, the admin's "View live" and rich-text links, all of which reverse
that name, land on the pages this site renders.
"""

from django.urls import path, re_path

from frontend.views import pages, pdf, preview, search

# Wagtail's own pattern for WAGTAIL_APPEND_SLASH (wagtail/urls.py).
SERVE_PATTERN = r"^((?:[\w\-]+/)*)$"

urlpatterns = [
    path("search/", search.search, name="frontend-search"),
    # Before the catch-all, whose pattern would take "_preview/" for a page path.
    path("_preview/", preview.preview, name="frontend-preview"),
    # Files, hence no trailing slash (APPEND_SLASH redirects only paths that
    # resolve to nothing).
    path("casebook.pdf", pdf.casebook, name="frontend-casebook-pdf"),
    path("casebook/cases/<int:case_id>.pdf", pdf.case, name="frontend-case-pdf"),
    re_path(SERVE_PATTERN, pages.page, name="wagtail_serve"),
]
