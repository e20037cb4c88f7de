"""Text blocks: paragraphs and quotes/testimony."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cms.blocks.schemas import DerivedSchemaMixin
from cms.rich_text_output import Visibility, public_html

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
        """Display HTML whose links are public only (``cms.rich_text_output``).

        Links resolve for the active language: the API serializes an item's
        streams under ``translation.override`` of the item's locale, never the
        request's. The restricted collections come from the serializer context
        when the API put them there.
        """
        collections = (context or {}).get("restricted_collections")
        return public_html(
            value.source,
            translation.get_language() or "",
            Visibility(restricted_collections=collections),
        )

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")


class QuoteBlock(DerivedSchemaMixin, blocks.StructBlock):
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
