"""Reading a built PDF back as a reader's viewer would: Debian's poppler-utils
(``pdftotext``, ``pdffonts``, ``pdfinfo``), which ``make test`` installs."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

needs_poppler = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "pdfinfo")),
    reason="needs Debian's poppler-utils (pdftotext, pdffonts, pdfinfo)",
)


def poppler(tool: str, pdf: bytes, *args: str) -> str:
    """``tool``'s output for ``pdf`` (given on standard input)."""
    return subprocess.run(
        [tool, *args, "-", "-"] if tool == "pdftotext" else [tool, *args, "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()


def squeezed(text: str) -> str:
    """Text without whitespace: Typst puts a quarter-em between kana and Latin
    letters, which extraction reads back as spaces, and lines wrap."""
    return re.sub(r"\s+", "", text)


def pdf_text(pdf: bytes) -> str:
    """All the text, squeezed."""
    return squeezed(poppler("pdftotext", pdf))


def page_count(pdf: bytes) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", poppler("pdfinfo", pdf), re.M).group(1))


def pages_text(pdf: bytes) -> list[str]:
    return poppler("pdftotext", pdf, "-layout").split("\f")
