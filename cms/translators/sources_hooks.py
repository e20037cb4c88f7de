"""Wagtail hooks of the translators' source listing (``wagtail_5482``)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.translators.dashboard import is_translator
from cms.translators.wagtail_5482 import SourceListView, SourcePreviewView


@hooks.register("register_admin_urls")
def register_sources_urls():
    urls = [
        path("", SourceListView.as_view(), name="index"),
        path("<int:page_id>/", SourcePreviewView.as_view(), name="preview"),
    ]
    return [
        path(
            "translators/sources/",
            include((urls, "translators_sources"), namespace="translators_sources"),
        )
    ]


class TranslatorsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_translator(request.user)


@hooks.register("register_admin_menu_item")
def register_sources_menu_item():
    return TranslatorsMenuItem(
        _("Sources to translate"),
        reverse("translators_sources:index"),
        name="translator-sources",
        icon_name="doc-full",
        order=250,
    )
