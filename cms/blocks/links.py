"""Link blocks: an external link with a label."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class LinkBlock(blocks.StructBlock):
    url = blocks.URLBlock(label=_("URL"))
    title = blocks.CharBlock(label=_("Link text"), max_length=255)
    description = blocks.CharBlock(
        label=_("Description"), max_length=255, required=False
    )

    class Meta:
        icon = "link"
        label = _("Link")

    @classmethod
    def api_schema(cls) -> dict:
        return {
            "type": "object",
            "required": ["url", "title", "description"],
            "properties": {
                "url": {"type": "string", "format": "uri"},
                "title": {"type": "string"},
                "description": {"type": "string"},
            },
            "additionalProperties": False,
        }
