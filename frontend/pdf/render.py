"""The booklet as PDF bytes: collect (``data``), stage (``staging``), compile.

Typst is the ``typst`` PyPI package (no binary, no network: the template uses
only Typst's built-ins). Fonts come only from ``PDF_FONT_PATHS`` (default: the
Debian packages ``make run`` installs: fonts-noto-cjk for Japanese,
fonts-open-sans for the English edition's Latin text, fonts-noto-color-emoji for
emoji), never from whatever else the machine has, so every build embeds the same
faces.

Every booklet is exported as PDF/UA-1 (tagged, with the document language and
title, alt text on images). PDF/UA also forbids a character no font can show,
which is how a missing glyph is caught rather than printed as an empty box. A
build that breaks a PDF/UA rule (that one, or any other content can provoke) is
logged with Typst's reason, which names the text, and made again as a tagged PDF
without the PDF/UA claim: one stray symbol never stops the booklet.
"""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
from functools import lru_cache
from pathlib import Path

import typst
from django.conf import settings

from frontend.pdf.data import Booklet, collect_booklet, collect_case
from frontend.pdf.staging import TEMPLATE_NAME, stage

DEFAULT_FONT_PATHS = (
    "/usr/share/fonts/opentype/noto",  # fonts-noto-cjk
    "/usr/share/fonts/truetype/open-sans",  # fonts-open-sans
    "/usr/share/fonts/truetype/noto",  # fonts-noto-color-emoji
)
FONT_FAMILY = "Noto Sans CJK JP"
PDF_STANDARD = "ua-1"
# How Typst's PDF/UA export errors begin ("PDF/UA-1 error: the text `…` could
# not be displayed with font …").
_PDF_UA_ERROR = "PDF/UA"

log = logging.getLogger(__name__)


class MissingFont(RuntimeError):
    """The CJK font the booklet is set in is not in ``PDF_FONT_PATHS``."""


def render_booklet(locale: str) -> bytes:
    """The whole casebook in ``locale`` as a PDF."""
    return compile_booklet(collect_booklet(locale))


def render_case(case_id: int, locale: str) -> bytes:
    """One case in ``locale``, in the booklet's layout, as a PDF."""
    return compile_booklet(collect_case(case_id, locale))


def compile_booklet(booklet: Booklet) -> bytes:
    fonts = booklet_fonts(
        tuple(getattr(settings, "PDF_FONT_PATHS", None) or DEFAULT_FONT_PATHS)
    )
    with tempfile.TemporaryDirectory(prefix="casebook-pdf-") as build:
        build_dir = Path(build)
        content = stage(booklet, build_dir)
        options = {
            "root": str(build_dir),
            "font_paths": fonts,
            "ignore_system_fonts": True,
            "sys_inputs": {"content": content},
            # The edition day, not now: the same content gives the same file.
            "timestamp": dt.datetime.fromisoformat(booklet.edition_date).replace(
                tzinfo=dt.UTC
            ),
        }
        source = str(build_dir / TEMPLATE_NAME)
        try:
            return typst.compile(source, pdf_standards=[PDF_STANDARD], **options)
        except typst.TypstError as error:
            if _PDF_UA_ERROR not in str(error):
                raise
            log.warning(
                "booklet %s/%s: %s; built as a tagged PDF without the PDF/UA "
                "claim. For a missing character, install a font that has it "
                "(PDF_FONT_PATHS) or correct the text.",
                booklet.kind,
                booklet.locale,
                error,
            )
            return typst.compile(source, **options)


@lru_cache(maxsize=2)
def booklet_fonts(paths: tuple[str, ...]) -> typst.Fonts:
    """The fonts in ``paths`` and no others (not the machine's, not Typst's
    bundled ones), scanned once per process, checked to hold the booklet's
    font: Typst would otherwise fall back silently and print boxes for every
    kanji."""
    fonts = typst.Fonts(
        include_system_fonts=False,
        include_embedded_fonts=False,
        font_paths=[str(path) for path in paths],
    )
    if FONT_FAMILY not in fonts.families():
        raise MissingFont(
            f"{FONT_FAMILY} not found in {list(paths)}: install Debian's "
            "fonts-noto-cjk or set PDF_FONT_PATHS"
        )
    return fonts
