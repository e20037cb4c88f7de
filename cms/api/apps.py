"""The API as its own app config, so its signal wiring lives with the API."""

from django.apps import AppConfig


class CmsApiConfig(AppConfig):
    name = "cms.api"
    label = "cms_api"
    verbose_name = "Casebook API"

    def ready(self) -> None:
        from cms.api import signals

        signals.connect()
