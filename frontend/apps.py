from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontendConfig(AppConfig):
    # The public site and the PDF booklet, reading only the headless API.
    name = "frontend"
    verbose_name = _("Public site and booklet")

    def ready(self):
        # Kept PDFs are rebuilt after each publish that commits, if any is kept.
        from frontend.pdf.tasks import connect_rebuilds

        connect_rebuilds()
