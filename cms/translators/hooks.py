"""Wagtail hooks of the translators' admin (imported from cms/wagtail_hooks.py)."""

from wagtail import hooks

from cms.translators import sources_hooks, wagtail_localize_832  # noqa: F401
from cms.translators.dashboard import add_translators_panel

hooks.register("construct_homepage_panels", add_translators_panel)
