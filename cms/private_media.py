"""Media files as Django serves them: renditions and public originals, nothing private.

Django serves ``MEDIA_ROOT`` only under ``DEBUG`` (or with ``CMS_SERVE_MEDIA`` on,
when the web server forwards ``/media/`` to it instead of serving the files itself;
see docs/operations.md, "Media"). Instead of ``django.conf.urls.static``, which
serves every file under ``MEDIA_ROOT`` to anyone, :func:`serve` answers only for
files it can name in the database:

* ``images/…``: a rendition, served when its image may be seen by the request;
* ``original_images/…``: an image's original file, on the same condition;
* ``private/original_images/…``: the original of an image in a restricted
  collection (``cms.private_originals`` keeps them there), on the same condition;
  the web server never serves this prefix itself;
* ``avatar_images/…``: an admin user's avatar (shown in the admin);
* anything else, ``documents/…`` included, is a 404. Documents are served only by
  Wagtail's document view (``WAGTAILDOCS_SERVE_METHOD = "serve_view"``), which
  applies the collection's view restrictions.

An image may be seen when no view restriction of its collection or of an ancestor
refuses the request (Wagtail's own ``accept_request``: login, groups, password), or
when the user can use the admin, which shows these files to such users anyway.
Because the check runs on each request, an image's files stop being served the
moment its collection (or an ancestor) becomes private.

Renditions on disk outlive that check when a web server serves ``images/``
directly, so :func:`connect` also deletes, after commit, the renditions of every
image a new or changed ``CollectionViewRestriction`` covers, and of an image saved
into a restricted collection. The API never emits renditions of such images
(``cms.image_representation``), so they are not made again for the public.
Originals are moved instead, after commit, to and from ``private/``
(``cms.private_originals``), so a web server serving ``MEDIA_ROOT`` except
``private/`` never has a private original under a public path.
"""

from __future__ import annotations

import posixpath

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, re_path
from django.views import static
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from cms import private_originals

RENDITIONS = "images/"
ORIGINALS = "original_images/"
PRIVATE_ORIGINALS = private_originals.PRIVATE + ORIGINALS
AVATARS = "avatar_images/"


def enabled() -> bool:
    return bool(settings.DEBUG or getattr(settings, "CMS_SERVE_MEDIA", False))


def urlpatterns() -> list[URLPattern]:
    """The media route, always mounted; :func:`serve` 404s unless :func:`enabled`.

    Mounted whatever ``DEBUG`` was at import, so that the rule is the same in every
    environment and testable with ``override_settings(DEBUG=True)``. No route when
    ``MEDIA_URL`` is not a local path (an object store or another host).
    """
    prefix = settings.MEDIA_URL or ""
    if not prefix.startswith("/") or prefix.startswith("//"):
        return []
    return [
        re_path(
            rf"^{prefix.strip('/')}/(?P<path>.+)$",
            serve,
            name="cms_media",
        )
    ]


def serve(request: HttpRequest, path: str) -> HttpResponse:
    if not enabled():
        raise Http404
    name = _clean(path)
    if name is None:
        raise Http404
    if name.startswith(RENDITIONS):
        image = _rendition_image(name)
    elif name.startswith((ORIGINALS, PRIVATE_ORIGINALS)):
        image = get_image_model().objects.filter(file=name).first()
    elif name.startswith(AVATARS):
        return _serve_avatar(request, name)
    else:
        # documents/ and anything unknown: never from here.
        raise Http404
    if image is None:
        raise Http404
    public = not private_originals.collection_is_restricted(image.collection)
    if not public and not _may_see_private(request, image.collection):
        raise Http404
    response = static.serve(request, name, document_root=settings.MEDIA_ROOT)
    if not public:
        response["Cache-Control"] = "private, no-store"
    return response


def _clean(path: str) -> str | None:
    """The storage name of ``path``, or None for anything that leaves MEDIA_ROOT."""
    if "\\" in path or "\x00" in path:
        return None
    name = posixpath.normpath(path).lstrip("/")
    if name in ("", ".") or name.startswith("..") or name != path.lstrip("/"):
        return None
    return name


def _rendition_image(name: str):
    rendition_model = get_image_model().get_rendition_model()
    rendition = (
        rendition_model.objects.filter(file=name)
        .select_related("image__collection")
        .first()
    )
    return rendition.image if rendition else None


def _may_see_private(request: HttpRequest, collection: Collection) -> bool:
    user = getattr(request, "user", None)
    if (
        user is not None
        and user.is_active
        and user.has_perm("wagtailadmin.access_admin")
    ):
        return True
    return all(
        restriction.accept_request(request)
        for restriction in collection.get_view_restrictions()
    )


def _serve_avatar(request: HttpRequest, name: str) -> HttpResponse:
    from wagtail.users.models import UserProfile

    if not UserProfile.objects.filter(avatar=name).exists():
        raise Http404
    return static.serve(request, name, document_root=settings.MEDIA_ROOT)


# --- Renditions of images that became private -------------------------------------


def delete_renditions(collection_ids) -> int:
    """Delete the renditions (rows, and files after commit) of images in these
    collections. Wagtail's post_delete receiver removes each file."""
    rendition_model = get_image_model().get_rendition_model()
    deleted, _ = rendition_model.objects.filter(
        image__collection_id__in=list(collection_ids)
    ).delete()
    return deleted


def _restriction_saved(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    collection_id = instance.collection_id

    def run() -> None:
        collection = Collection.objects.filter(pk=collection_id).first()
        if collection is None:
            return
        ids = Collection.objects.descendant_of(collection, inclusive=True).values_list(
            "pk", flat=True
        )
        delete_renditions(ids)

    transaction.on_commit(run)


def _image_saved(sender, instance, raw=False, **kwargs) -> None:
    if raw or instance.collection_id is None:
        return
    image_id = instance.pk

    def run() -> None:
        image = get_image_model().objects.filter(pk=image_id).first()
        if image is not None and private_originals.collection_is_restricted(
            image.collection
        ):
            image.get_rendition_model().objects.filter(image_id=image_id).delete()

    transaction.on_commit(run)


def connect() -> None:
    # Originals follow their collection in and out of private/.
    private_originals.connect()
    post_save.connect(
        _restriction_saved,
        sender=CollectionViewRestriction,
        dispatch_uid="cms.private_media.restriction",
    )
    post_save.connect(
        _image_saved,
        sender=get_image_model(),
        dispatch_uid="cms.private_media.image",
    )
