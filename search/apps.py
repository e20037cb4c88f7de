from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    # Japanese-aware indexing and the search endpoint arrive with the search issue;
    # until then pages are indexed by Wagtail's database backend (see settings).
    name = "search"
    label = "casebook_search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from search import api

        api.register()
