"""Rendition URLs from the API as files under ``MEDIA_ROOT``, and nothing else.

The booklet is built on the CMS's own machine, so an image is read from disk,
never fetched: a URL that is not under ``MEDIA_URL`` (another host, ``file://``,
``data:``) or whose path leaves ``MEDIA_ROOT`` (``..``, a symlink pointing out)
is refused, so content can never make the build read an arbitrary file.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings

log = logging.getLogger(__name__)

# Formats Typst prints, best first for print (JPEG is the universal one).
_FORMATS = ("jpeg", "webp")


def media_file(url: str) -> Path | None:
    """The file under ``MEDIA_ROOT`` that ``url`` (a rendition's ``src``) names,
    or ``None`` when it names anything else or no such file exists."""
    media_url = urlsplit(str(settings.MEDIA_URL))
    parts = urlsplit(url or "")
    # Only an absolute MEDIA_URL (a CDN in front of the same files) may give
    # absolute URLs, and only for its own host.
    if (parts.scheme or parts.netloc) and (parts.scheme, parts.netloc) != (
        media_url.scheme,
        media_url.netloc,
    ):
        log.warning("booklet: refused image URL not under MEDIA_URL: %s", url)
        return None
    prefix = media_url.path or "/"
    if not parts.path.startswith(prefix) or parts.query or parts.fragment:
        log.warning("booklet: refused image URL not under MEDIA_URL: %s", url)
        return None
    root = Path(settings.MEDIA_ROOT).resolve()
    candidate = (root / unquote(parts.path[len(prefix) :])).resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file():
        log.warning("booklet: refused image outside MEDIA_ROOT or missing: %s", url)
        return None
    return candidate


def best_rendition(image: Mapping[str, Any] | None) -> Path | None:
    """The API image's print rendition, else its widest screen rendition, that is
    a file under MEDIA_ROOT (an image saved moments ago may lack the print size
    until the worker has made it; the booklet then prints the screen one)."""
    renditions = (image or {}).get("renditions") or {}
    printed = renditions.get("print") or {}
    if printed.get("src"):
        path = media_file(str(printed["src"]))
        if path is not None:
            return path
    for kind in _FORMATS:
        rendition = renditions.get(kind)
        if not rendition:
            continue
        for url in _widest_first(rendition):
            path = media_file(url)
            if path is not None:
                return path
    return None


def _widest_first(rendition: Mapping[str, Any]) -> list[str]:
    """The ``srcset`` candidates widest first, then ``src``."""
    candidates: list[tuple[int, str]] = []
    for entry in str(rendition.get("srcset") or "").split(","):
        pieces = entry.strip().split()
        if len(pieces) == 2 and pieces[1].endswith("w") and pieces[1][:-1].isdigit():
            candidates.append((int(pieces[1][:-1]), pieces[0]))
    urls = [url for _width, url in sorted(candidates, reverse=True)]
    if rendition.get("src"):
        urls.append(str(rendition["src"]))
    return urls
