from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Casebook kernel")

    def ready(self) -> None:
        # Review emails and comment subscriptions (see cms.workflows.notifications).
        from cms.workflows import notifications

        notifications.connect()

        # Workflow and task names in each reader's language, on screens and in the
        # review emails (cms.workflows.translated_names).
        from cms.workflows import translated_names

        translated_names.install()

        # Republished sources email their translators (cms.translators.emails).
        from cms.translators import emails as translator_emails

        translator_emails.connect()

        # Renditions of images that become private are deleted (cms.private_media),
        # in every process: web workers, the importer, a shell.
        from cms import private_media

        private_media.connect()

        # Rich text wagtail-localize writes into a translation is stored as the
        # editor would store it (cms.translation.clean_translated_rich_text).
        from cms import translation

        translation.connect()

        # Upstream-gap workaround (wagtail-localize #634): replaces the step that
        # writes a translation into its page. Delete these lines with the module.
        from cms.workflows import wagtail_localize_634

        wagtail_localize_634.install()
