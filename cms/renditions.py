"""The one registry of rendition specs: every rendition public output uses.

The API, the public site and the PDF booklet all show images as Wagtail renditions,
and every rendition any of them uses is named here, so that one background task
(``cms.tasks.build_renditions``) can make them all after an image is saved. A
reader's request never makes one: it shows the renditions that exist
(``cms.image_representation``).

The API's own specs are registered below. The site and the booklet add theirs from
their ``AppConfig.ready()`` (the kernel names no app)::

    from cms import renditions

    renditions.register("site:thumbnail", "fill-320x180|format-webp")

A name is registered once; registering it again with the same spec is a no-op,
with another spec an error. Images saved before a spec was registered lack it
until their task runs again: ``cms.tasks.enqueue_all()`` queues every image.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from wagtail.images.models import Filter


@dataclass(frozen=True)
class RenditionSpec:
    name: str
    spec: str

    @cached_property
    def filter(self) -> Filter:
        return Filter(spec=self.spec)


_registry: dict[str, RenditionSpec] = {}


def register(name: str, spec: str) -> RenditionSpec:
    """Name a rendition spec (a Wagtail filter spec, e.g. ``width-960|format-webp``)."""
    existing = _registry.get(name)
    if existing is not None:
        if existing.spec != spec:
            raise ValueError(
                f"Rendition {name!r} is already registered as {existing.spec!r}."
            )
        return existing
    # Not parsed here: parsing loads every app's image operations (wagtail_hooks),
    # too early at import time. tests/cms/test_renditions.py parses them all.
    entry = RenditionSpec(name, spec)
    _registry[name] = entry
    return entry


def get(name: str) -> RenditionSpec:
    return _registry[name]


def registered() -> tuple[RenditionSpec, ...]:
    """Every registered spec, in registration order."""
    return tuple(_registry.values())


def filters() -> list[Filter]:
    """One Filter per distinct spec string: what the background task makes."""
    by_spec: dict[str, Filter] = {}
    for entry in _registry.values():
        by_spec.setdefault(entry.spec, entry.filter)
    return list(by_spec.values())


# --- the API's renditions ----------------------------------------------------------
# WebP and JPEG srcsets at three widths (``cms.image_representation``). Small
# originals are never upscaled, so several widths may give the same image.

API_WIDTHS = (480, 960, 1600)
API_FORMATS = ("webp", "jpeg")


def api_name(fmt: str, width: int) -> str:
    return f"api:{fmt}:{width}"


for _fmt in API_FORMATS:
    for _width in API_WIDTHS:
        register(api_name(_fmt, _width), f"width-{_width}|format-{_fmt}")


# One print-resolution JPEG (``renditions.print`` in the API), for the PDF booklet
# and any other client that prints: 2400 px is an A4 page's text width at 300 dpi,
# where the screens' largest (1600 px) prints soft. JPEG because every PDF reader
# and print workflow takes it; quality 85 keeps photographs clean at a third of
# the size of 95.
PRINT_NAME = "api:print"
register(PRINT_NAME, "width-2400|format-jpeg|jpegquality-85")


def api_specs() -> tuple[RenditionSpec, ...]:
    return (
        *(get(api_name(fmt, width)) for fmt in API_FORMATS for width in API_WIDTHS),
        get(PRINT_NAME),
    )
