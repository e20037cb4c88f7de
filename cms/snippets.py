"""Admin screens for the editable taxonomy: the free themes (防災, 英語以外の言語, …).

The tag matrix is fixed data created by migration, so only themes get a screen.
Who may add, edit or delete them is the ``cms.*_theme`` model permissions of the
roles (Site admins, ``cms/workflows/roles.py``); Wagtail's snippet views check them.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.models import Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    menu_order = 300
    add_to_admin_menu = True
    form_fields = ["name_ja", "name_en", "slug"]
    list_display = ["name_ja", "name_en", "slug"]
    # Themes are few and not in the search index: filter with the ORM, both names.
    search_fields = ["name_ja", "name_en", "slug"]
    search_backend_name = None
    ordering = ["name_ja"]


register_snippet(ThemeViewSet)
