from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "casebook_search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from search import api

        api.register()
        self._bump_version_on_glossary_changes()
        self._let_site_admins_and_publishers_edit_the_glossary()

    def _let_site_admins_and_publishers_edit_the_glossary(self) -> None:
        from cms.workflows.roles import grant_model_permissions

        permissions = tuple(
            f"casebook_search.{action}_glossaryentry"
            for action in ("add", "change", "delete")
        )
        for role in ("site-admin", "publisher"):
            grant_model_permissions(role, permissions)

    def _bump_version_on_glossary_changes(self) -> None:
        # Expansions, suggestions and every cached response that used them are
        # keyed by the content version; a glossary edit must start a new one,
        # in the transaction that makes it. Connected here, not in
        # cms/api/signals.py: the kernel names no app.
        from django.db.models.signals import post_delete, post_save

        from cms.api import version
        from search.models import GlossaryEntry

        for signal in (post_save, post_delete):
            signal.connect(
                version.bump,
                sender=GlossaryEntry,
                dispatch_uid=f"search.glossary.bump.{id(signal)}",
            )
