"""Link blocks: an external link with a label."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cms.blocks.schemas import DerivedSchemaMixin


class LinkBlock(DerivedSchemaMixin, blocks.StructBlock):
    url = blocks.URLBlock(label=_("URL"))
    title = blocks.CharBlock(label=_("Link text"), max_length=255)
    description = blocks.CharBlock(
        label=_("Description"), max_length=255, required=False
    )

    class Meta:
        icon = "link"
        label = _("Link")
