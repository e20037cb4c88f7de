"""Template filter for the translation editor override (see its module's docstring)."""

from django import template

from cms.workflows.wagtail_localize_editor_actions import footer_props

register = template.Library()

register.filter("editor_footer_props", footer_props)
