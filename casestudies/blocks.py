"""The body blocks of case studies and columns, composed from cms.blocks.

Block names are public identifiers (the API's ``type``): never rename one.
"""

from wagtail import blocks

from cms.blocks import (
    CaptionedImageBlock,
    LinkBlock,
    ParagraphBlock,
    QuoteBlock,
    VideoBlock,
)


class CaseStudyBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    link = LinkBlock()


class ColumnBodyBlock(blocks.StreamBlock):
    """Columns are short first-person pieces: text, photos and quotes only."""

    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
