"""The site's files at the root, outside the language prefixes: one for all
languages (``config/urls.py`` includes these before ``i18n_patterns``)."""

from django.urls import path

from frontend.views import robots, sitemap

urlpatterns = [
    path("sitemap.xml", sitemap.sitemap, name="frontend-sitemap"),
    path("robots.txt", robots.robots, name="frontend-robots"),
]
