"""Background tasks of the kernel: renditions, made after commit by the task worker.

Saving an image (``post_save`` of the image model, connected in
``cms.api.signals``) queues :func:`build_renditions` once the transaction has
committed (``transaction.on_commit``): a rolled-back save queues nothing, and the
worker never looks for an image that is not committed yet. The worker
(``manage.py db_worker``, see docs/operations.md) makes every rendition of the
registry (``cms.renditions``) that the image lacks, then stores them and starts a
new content version in one short transaction, so no cache keeps an answer that
said "not ready" past it. Readers' requests never make renditions.

Images in a collection with a view restriction get none: public output never
shows them (``cms.image_representation``, ``cms.private_media``).

A page's images need nothing on publish: each was saved, and so queued, before any
page could choose it. Images saved before a spec was registered (or before this
task existed) are queued with :func:`enqueue_all`.
"""

from __future__ import annotations

import logging
from io import BytesIO

from django.db import transaction
from django_tasks import task
from wagtail.images import get_image_model

from cms import renditions

logger = logging.getLogger(__name__)


def enqueue_renditions(sender, instance, raw: bool = False, using=None, **kwargs):
    """``post_save`` receiver of the image model: queue its renditions on commit."""
    if raw:  # loaddata: the renditions come with the fixture, or from enqueue_all
        return
    image_id = instance.pk
    transaction.on_commit(
        lambda: build_renditions.enqueue(image_id), using=using, robust=True
    )


def enqueue_all() -> int:
    """Queue every image (after registering a new spec, or for old images)."""
    ids = list(get_image_model().objects.values_list("pk", flat=True))
    for image_id in ids:
        build_renditions.enqueue(image_id)
    return len(ids)


def _private(image) -> bool:
    from cms.image_representation import load_restricted_collection_ids

    return image.collection_id in load_restricted_collection_ids()


@task()
def build_renditions(image_id: int) -> int:
    """Make the registered renditions the image lacks; return how many were stored."""
    from cms.api import version

    image_model = get_image_model()
    rendition_model = image_model.get_rendition_model()
    image = image_model.objects.filter(pk=image_id).first()
    if image is None or _private(image):
        # Deleted since it was saved, or private: public output never shows it,
        # and cms.private_media deletes such renditions.
        return 0
    wanted = renditions.filters()
    existing = image.find_existing_renditions(*wanted)
    missing = [f for f in wanted if f not in existing]
    if not missing:
        return 0

    # The slow part, outside any transaction: on SQLite a transaction holds the
    # write lock from its start, and editors must not queue behind image work.
    with image.open_file() as file:
        original = file.read()
    made = [image.generate_rendition_instance(f, BytesIO(original)) for f in missing]
    source = (image.file.name, image.file_hash)

    stored = 0
    with transaction.atomic():
        current = image_model.objects.select_for_update().filter(pk=image_id).first()
        if (
            current is None
            or (current.file.name, current.file_hash) != source
            or _private(current)
        ):
            # Deleted, given a new file (that save queued a newer task) or made
            # private meanwhile.
            keep: list = []
        else:
            taken = {
                (r.filter_spec, r.focal_point_key)
                for r in rendition_model.objects.filter(
                    image_id=image_id,
                    filter_spec__in=[r.filter_spec for r in made],
                )
            }
            keep = [r for r in made if (r.filter_spec, r.focal_point_key) not in taken]
        if keep:
            rendition_model.objects.bulk_create(keep)
            stored = len(keep)
            # After the rendition rows, in their transaction: the new version
            # commits with them, never before.
            version.bump()
    # Renditions not kept were never written: their files are saved to storage
    # by bulk_create (the field's pre_save), so there is nothing to delete.
    if stored:
        logger.info("Stored %d renditions of image %s", stored, image_id)
    return stored
