from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseStudiesConfig(AppConfig):
    name = "casestudies"
    verbose_name = _("Case studies and columns")

    def ready(self) -> None:
        from casestudies import api, workflow_places

        workflow_places.register()
        api.register()
