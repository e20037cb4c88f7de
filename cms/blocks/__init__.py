"""Shared StreamField blocks, one module per family. Apps compose them in blocks.py."""

from cms.blocks.figures import FigureBlock
from cms.blocks.links import LinkBlock
from cms.blocks.media import CaptionedImageBlock, VideoBlock
from cms.blocks.text import ParagraphBlock, QuoteBlock

__all__ = [
    "CaptionedImageBlock",
    "FigureBlock",
    "LinkBlock",
    "ParagraphBlock",
    "QuoteBlock",
    "VideoBlock",
]
