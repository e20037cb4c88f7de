from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import private_media

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The headless API (cms/api). Wagtail's own v2/v3 API is deliberately not
    # mounted: any token there makes the caller a CMS user and exposes drafts.
    path("api/v1/", include("cms.api.urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# Media: only renditions and originals of images the request may see, never
# documents/ (served by the document view above, with its privacy checks). Always
# mounted; it answers only under DEBUG or with CMS_SERVE_MEDIA (cms/private_media.py,
# docs/operations.md "Media").
urlpatterns += private_media.urlpatterns()

# The site's files at the root, for every language: sitemap.xml and robots.txt.
urlpatterns += [path("", include("frontend.root_urls"))]

# The public site under /ja/… and /en/… (frontend/, built from the API only). Its
# catch-all keeps Wagtail's URL name, wagtail_serve, so page URLs reverse to it.
# Wagtail's own login and password forms for restricted documents and pages stay
# (its document view redirects to them); only its page serving is replaced.
wagtail_forms = [p for p in wagtail_urls.urlpatterns if p.name != "wagtail_serve"]
urlpatterns += i18n_patterns(
    path("", include(wagtail_forms)),
    path("", include("frontend.urls")),
    prefix_default_language=True,
)

handler404 = "frontend.views.errors.not_found"
handler500 = "frontend.views.errors.server_error"
