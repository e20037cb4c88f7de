"""Images as public output shows them: alt, size, focal point, WebP and JPEG srcsets.

No bare image ids ever leave the API: every image (hero, portrait, inside a body)
goes through :func:`image_representation`, which also refuses images from
collections with a view restriction. It lives in the kernel beside the blocks
rather than in the API package, so that blocks (which own their representation)
import nothing from ``cms.api``; the API hands in the restricted collections it
caches per content version through the serializer context.

Renditions are made after commit by a background task (``cms.tasks``), never in a
reader's request: the representation shows the renditions that exist
(``renditions.webp`` / ``renditions.jpeg`` are null while none of that format
does) and says whether all of them do (``ready``). The task's commit starts a new
content version, so a "not ready" answer is not served from a cache after it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from wagtail.models import Collection, CollectionViewRestriction

from cms import renditions as registry


def restricted_ids(context: Mapping[str, Any] | None) -> frozenset[int]:
    if context and "restricted_collections" in context:
        return context["restricted_collections"]
    return load_restricted_collection_ids()


def load_restricted_collection_ids() -> frozenset[int]:
    """Collections (with their descendants) that carry any view restriction."""
    found: set[int] = set()
    restricted = Collection.objects.filter(
        pk__in=CollectionViewRestriction.objects.values("collection_id")
    )
    for collection in restricted:
        found.update(
            Collection.objects.descendant_of(collection, inclusive=True).values_list(
                "pk", flat=True
            )
        )
    return frozenset(found)


def is_visible(image, context: Mapping[str, Any] | None = None) -> bool:
    return image is not None and image.collection_id not in restricted_ids(context)


def image_representation(
    image, alt: str, context: Mapping[str, Any] | None = None
) -> dict[str, Any] | None:
    """The image's public shape, or None when there is none to show."""
    if not is_visible(image, context):
        return None
    specs = registry.api_specs()
    # Only what exists: a lookup in the prefetched renditions (or the database),
    # never ``get_renditions``, which would make the missing ones here and now.
    found = {
        f.spec: rendition
        for f, rendition in image.find_existing_renditions(
            *(entry.filter for entry in specs)
        ).items()
    }
    sources: dict[str, dict[str, str] | None] = {}
    for fmt in registry.API_FORMATS:
        names = (registry.api_name(fmt, width) for width in registry.API_WIDTHS)
        specs_of_fmt = (registry.get(name).spec for name in names)
        chosen = [found[spec] for spec in specs_of_fmt if spec in found]
        if not chosen:
            sources[fmt] = None
            continue
        # Small originals are never upscaled, so several widths may collapse.
        seen: dict[int, str] = {}
        for rendition in chosen:
            seen.setdefault(rendition.width, rendition.url)
        sources[fmt] = {
            "src": chosen[0].url,
            "srcset": ", ".join(f"{url} {width}w" for width, url in seen.items()),
        }
    printed = found.get(registry.get(registry.PRINT_NAME).spec)
    sources["print"] = (
        {"src": printed.url, "width": printed.width, "height": printed.height}
        if printed
        else None
    )
    focal = None
    if image.has_focal_point():
        focal = {
            "x": image.focal_point_x,
            "y": image.focal_point_y,
            "width": image.focal_point_width,
            "height": image.focal_point_height,
        }
    return {
        "alt": alt,
        "width": image.width,
        "height": image.height,
        "focal_point": focal,
        "renditions": sources,
        "ready": all(entry.spec in found for entry in specs),
    }


def prefetch_images(images: Iterable) -> None:
    """Load every rendition of ``images`` in one query (a no-op for none)."""
    from django.db.models import prefetch_related_objects

    # Images loaded with their renditions already (``prefetched_renditions``,
    # set by the API's ``images_with_renditions``) need no second look.
    images = [
        image
        for image in images
        if image is not None and not hasattr(image, "prefetched_renditions")
    ]
    if images:
        prefetch_related_objects(images, "renditions")
