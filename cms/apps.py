from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Casebook kernel")

    def ready(self) -> None:
        # Review emails and comment subscriptions (see cms.workflows.notifications).
        from cms.workflows import notifications

        notifications.connect()
