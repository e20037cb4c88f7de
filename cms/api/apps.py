"""The API as its own app config, so its signal wiring lives with the API."""

from django.apps import AppConfig


class CmsApiConfig(AppConfig):
    name = "cms.api"
    label = "cms_api"
    verbose_name = "Casebook API"

    def ready(self) -> None:
        from cms.api import registry, signals

        signals.connect()
        # The kernel's own listing: any publish can change it, so a CDN purges it
        # too. Registered here, not with the URLs, so that a process that
        # publishes before it loads any URL (a shell, the scheduler) purges it.
        registry.register_routes((), purge=("pages-sitemap",))
