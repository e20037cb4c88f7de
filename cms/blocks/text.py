"""Text blocks: paragraphs and quotes/testimony."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

# Rich text features editors get in body paragraphs: enough for the printed casebook
# (emphasis, lists, links), nothing that breaks the booklet layout.
PARAGRAPH_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

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
