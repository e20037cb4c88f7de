from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Casebook kernel")

    def ready(self) -> None:
        # Review emails and comment subscriptions (see cms.workflows.notifications).
        from cms.workflows import notifications

        notifications.connect()

        # Upstream-gap workaround (wagtail-localize #634): replaces the step that
        # writes a translation into its page. Delete these lines with the module.
        from cms.workflows import wagtail_localize_634

        wagtail_localize_634.install()
