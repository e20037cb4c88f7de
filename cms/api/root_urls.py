"""A URLconf with the API and no ``i18n_patterns``, set on API 404 responses.

Django's ``LocaleMiddleware`` turns any 404 outside a language prefix into a
redirect to ``/ja/…`` when the prefixed path would resolve, and Wagtail's
catch-all page route makes almost every path resolve: an API 404 would become a
302 to an HTML page. Responses whose request names this URLconf are left alone.
"""

from django.urls import include, path

urlpatterns = [path("api/v1/", include("cms.api.urls"))]
