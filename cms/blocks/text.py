"""Text blocks: paragraphs and quotes/testimony."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.api.rich_text import APIRichText

# Rich text features editors get in body paragraphs: enough for the printed casebook
# (emphasis, lists, links), nothing that breaks the booklet layout.
PARAGRAPH_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    @classmethod
    def api_schema(cls) -> dict:
        """The value in the API: display-ready HTML (WAGTAILAPI_RICH_TEXT_FORMAT)."""
        return {"type": "string", "description": "Display-ready HTML."}

    def get_api_representation(self, value, context=None) -> str:
        # The project-wide format (html): clients never pick another through the query.
        return APIRichText.serialize(
            value.source, format=APIRichText.get_default_format()
        )

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")


class QuoteBlock(blocks.StructBlock):
    """A quote or testimony, with who said it (a pupil, a teacher, the ALT…)."""

    text = blocks.TextBlock(label=_("Quote"))
    speaker = blocks.CharBlock(label=_("Speaker"), max_length=120)
    role = blocks.CharBlock(
        label=_("Speaker's role"),
        max_length=120,
        required=False,
        help_text=_("e.g. 'JET-ALT who started the project', 'teacher'"),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")

    @classmethod
    def api_schema(cls) -> dict:
        return {
            "type": "object",
            "required": ["text", "speaker", "role"],
            "properties": {
                "text": {"type": "string"},
                "speaker": {"type": "string"},
                "role": {"type": "string"},
            },
            "additionalProperties": False,
        }
