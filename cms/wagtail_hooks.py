"""Wagtail hooks of the kernel; each module registers its own on import."""

from wagtail import hooks

from cms import create_once, snippets, wagtail_13749  # noqa: F401
from cms.rich_text_output import register_link_handlers
from cms.translators import hooks as translator_hooks  # noqa: F401
from cms.workflows import hooks as workflow_hooks  # noqa: F401
from cms.workflows import wagtail_gap_7132  # noqa: F401

# After Wagtail's own (order 0), whose page and document link handlers write URLs
# for drafts, private pages and restricted documents (cms/rich_text_output.py).
hooks.register("register_rich_text_features", register_link_handlers, order=100)

# Autosave and the editor's own save racing on the add form make one page, not two.
hooks.register("before_create_page", create_once.edit_instead_of_duplicating)
