"""The glossary's admin screens (用語集): a snippet staff edit like the themes.

Wagtail imports this module at start-up. Who may edit is the model permissions
``casebook_search.{add,change,delete}_glossaryentry``; superusers have them.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import GlossaryEntry


class GlossaryEntryViewSet(SnippetViewSet):
    model = GlossaryEntry
    icon = "list-ul"
    menu_label = _("Glossary")
    menu_order = 310  # beside the themes (300)
    add_to_admin_menu = True
    form_fields = ["term_ja", "term_en", "synonyms_ja", "synonyms_en", "note"]
    list_display = ["term_ja", "term_en", "synonyms_ja", "synonyms_en"]
    # A few dozen rows, not in the search index: filter with the ORM.
    search_fields = ["term_ja", "term_en", "synonyms_ja", "synonyms_en"]
    search_backend_name = None
    ordering = ["term_ja"]


register_snippet(GlossaryEntryViewSet)
