"""Originals of images in restricted collections live under ``private/``.

A web server that serves ``MEDIA_ROOT`` itself would hand out an original image of a
private collection to anyone who knows or guesses its name. So the original of an
image whose collection (or an ancestor) carries a ``CollectionViewRestriction`` is
stored as ``private/original_images/…``, a prefix the documented web-server
configuration never serves (docs/operations.md, "Media"); ``cms.private_media``
serves it, under ``CMS_SERVE_MEDIA``, only to requests that pass the restriction.
Public originals stay under ``original_images/``.

* New uploads go straight to the right place (:func:`upload_name`, called from
  ``CasebookImage.get_upload_to``).
* Existing files follow their collection after commit (:func:`connect`): when a
  restriction is saved or deleted, when a collection is saved (moved in the tree),
  when an image is saved (moved to another collection).
* ``manage.py make_media_private`` re-applies the rule to every image.

Files move through the storage API (open, save, delete), never ``os.rename``, so
that any storage works; the image row's ``file`` is updated with a queryset
``update`` (no signals, no re-read of the dimensions). Every step is idempotent: an
image already in its place is left alone, and a move interrupted between copy and
delete is completed by the next run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from cms.image_representation import load_restricted_collection_ids

PRIVATE = "private/"

_CHUNK = 64 * 1024


def is_private_name(name: str) -> bool:
    return name.startswith(PRIVATE)


def name_for(name: str, *, restricted: bool) -> str:
    """Where a file named ``name`` belongs, for a restricted image or a public one."""
    if restricted:
        return name if is_private_name(name) else PRIVATE + name
    return name.removeprefix(PRIVATE)


def collection_is_restricted(collection: Collection | None) -> bool:
    return collection is not None and collection.get_view_restrictions().exists()


def upload_name(image, name: str) -> str:
    """The storage name of a new original: under ``private/`` when the image's
    collection is restricted. The storage trims it to the field's max length."""
    collection = image.collection if image.collection_id else None
    return name_for(name, restricted=collection_is_restricted(collection))


# --- Moving existing files ---------------------------------------------------------


@dataclass
class Result:
    made_private: int = 0
    made_public: int = 0
    unchanged: int = 0
    missing: int = 0

    def add(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)


def relocate(image, *, restricted: bool) -> str:
    """Move ``image``'s original to where ``restricted`` says, and point its row at
    it. Returns the outcome: ``made_private``, ``made_public``, ``unchanged`` or
    ``missing`` (no file at either name)."""
    current = image.file.name
    target = name_for(current, restricted=restricted)
    if not current or target == current:
        return "unchanged"
    storage = image.file.storage
    if not storage.exists(current):
        # A move that copied and updated but did not delete leaves nothing to do; one
        # that copied but did not update finds its copy at the target.
        if storage.exists(target) and _point_at(image, current, target):
            return _outcome(restricted)
        return "missing"
    new_name = _copy(image, current, target)
    if not _point_at(image, current, new_name):
        # The row changed under us (another save): drop our copy unless a row now
        # names it.
        if not type(image).objects.filter(file=new_name).exists():
            storage.delete(new_name)
        return "unchanged"
    storage.delete(current)
    return _outcome(restricted)


def _outcome(restricted: bool) -> str:
    return "made_private" if restricted else "made_public"


def _copy(image, current: str, target: str) -> str:
    """Copy ``current`` to ``target`` (or a free name beside it); reuse a copy an
    interrupted run left at ``target``."""
    storage = image.file.storage
    if (
        storage.exists(target)
        and not _in_use(image, target)
        and _same_content(storage, current, target)
    ):
        return target
    with storage.open(current, "rb") as content:
        return storage.save(target, content, max_length=image.file.field.max_length)


def _point_at(image, old: str, new: str) -> bool:
    updated = type(image).objects.filter(pk=image.pk, file=old).update(file=new)
    if updated:
        image.file.name = new
    return bool(updated)


def _in_use(image, name: str) -> bool:
    return type(image).objects.filter(file=name).exclude(pk=image.pk).exists()


def _same_content(storage, a: str, b: str) -> bool:
    if storage.size(a) != storage.size(b):
        return False
    with storage.open(a, "rb") as left, storage.open(b, "rb") as right:
        while True:
            chunk = left.read(_CHUNK)
            if chunk != right.read(_CHUNK):
                return False
            if not chunk:
                return True


def apply(collection_ids: Iterable[int] | None = None) -> Result:
    """Put the original of every image (in ``collection_ids``, or all) in its place."""
    restricted = load_restricted_collection_ids()
    images = get_image_model().objects.only("pk", "file", "collection_id")
    if collection_ids is not None:
        images = images.filter(collection_id__in=list(collection_ids))
    result = Result()
    for image in images.order_by("pk").iterator():
        result.add(relocate(image, restricted=image.collection_id in restricted))
    return result


def apply_below(collection_id: int) -> Result:
    """:func:`apply` to a collection and its descendants."""
    collection = Collection.objects.filter(pk=collection_id).first()
    if collection is None:
        return Result()
    ids = Collection.objects.descendant_of(collection, inclusive=True).values_list(
        "pk", flat=True
    )
    return apply(ids)


# --- After commit -----------------------------------------------------------------


def _restriction_changed(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    collection_id = instance.collection_id
    transaction.on_commit(lambda: apply_below(collection_id))


def _collection_saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    # A new collection holds no image; a saved one may have moved in the tree (the
    # admin saves it, then moves it, in one transaction).
    if raw or created:
        return
    collection_id = instance.pk
    transaction.on_commit(lambda: apply_below(collection_id))


def _image_saved(sender, instance, raw=False, **kwargs) -> None:
    if raw or not instance.file:
        return
    image_id = instance.pk

    def run() -> None:
        image = get_image_model().objects.filter(pk=image_id).first()
        if image is not None:
            relocate(image, restricted=collection_is_restricted(image.collection))

    transaction.on_commit(run)


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(
            _restriction_changed,
            sender=CollectionViewRestriction,
            dispatch_uid=f"cms.private_originals.restriction.{signal is post_save}",
        )
    post_save.connect(
        _collection_saved,
        sender=Collection,
        dispatch_uid="cms.private_originals.collection",
    )
    post_save.connect(
        _image_saved,
        sender=get_image_model(),
        dispatch_uid="cms.private_originals.image",
    )
