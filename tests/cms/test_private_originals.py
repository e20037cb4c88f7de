"""Originals of images in restricted collections live under private/ (issue 8.6).

A web server that serves MEDIA_ROOT except ``private/`` must never have a private
original under a public path: uploads into a restricted collection go straight to
``private/original_images/``, existing originals move there (and back) after commit
when restrictions or collections change, and ``make_media_private`` re-applies the
rule. Django (``CMS_SERVE_MEDIA``) serves the private prefix only to requests that
pass the restriction, and to admin users.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from cms.private_originals import PRIVATE
from tests.factories import ImageFactory, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """A MEDIA_ROOT of this test's own, with Django serving /media/ (CMS_SERVE_MEDIA)
    as it does behind a web server that forwards /media/private/ to it."""
    settings.MEDIA_ROOT = str(tmp_path)
    settings.DEBUG = False
    settings.CMS_SERVE_MEDIA = True
    cache.clear()
    yield tmp_path
    cache.clear()


@pytest.fixture
def admin(db):
    return get_user_model().objects.create_superuser("admin", "a@example.com", "pw")


def add_collection(name: str, parent: Collection | None = None) -> Collection:
    return (parent or Collection.get_first_root_node()).add_child(name=name)


def restrict(collection: Collection) -> CollectionViewRestriction:
    return CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )


def files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def publicly_reachable(root: Path, content: bytes) -> list[str]:
    """Files a web server serving MEDIA_ROOT except private/ would hand out that
    hold ``content``."""
    return [
        name
        for name in files(root)
        if not name.startswith(PRIVATE) and (root / name).read_bytes() == content
    ]


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def make_image(collection: Collection, title: str, colour: str = "#123456"):
    """An image whose bytes no other image of the test shares."""
    return ImageFactory(
        title=title,
        collection=collection,
        file=ImageFile(io.BytesIO(png_bytes(colour=colour)), name=f"{title}.png"),
    )


# --- uploads ---------------------------------------------------------------------


def test_upload_through_the_admin_into_a_restricted_collection_is_private(
    client, admin, media_root, django_capture_on_commit_callbacks
):
    private = add_collection("Board only")
    restrict(private)
    content = png_bytes(colour="#a1b2c3")
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailimages:add"),
            {
                "title": "board photo",
                "collection": private.pk,
                "file": SimpleUploadedFile("board.png", content, "image/png"),
            },
        )
    assert response.status_code == 302, response.content[:500]
    image = get_image_model().objects.get(title="board photo")
    assert image.file.name == "private/original_images/board.png"
    assert (media_root / image.file.name).read_bytes() == content
    assert publicly_reachable(media_root, content) == []


def test_upload_into_a_restricted_child_collection_is_private(media_root):
    parent = add_collection("Parent")
    restrict(parent)
    image = make_image(add_collection("Child", parent), "child")
    assert image.file.name == "private/original_images/child.png"
    assert (media_root / image.file.name).is_file()


def test_upload_into_a_public_collection_stays_where_it_was(media_root):
    image = make_image(add_collection("Public"), "open")
    assert image.file.name == "original_images/open.png"
    assert (media_root / image.file.name).is_file()


# --- restriction changes -----------------------------------------------------------


def test_restricting_and_unrestricting_moves_the_original(
    client, admin, media_root, django_capture_on_commit_callbacks
):
    parent = add_collection("Was public")
    image = make_image(add_collection("Child", parent), "soon", "#0f0f0f")
    content = (media_root / "original_images/soon.png").read_bytes()
    public_url = "/media/original_images/soon.png"
    private_url = "/media/private/original_images/soon.png"
    assert client.get(public_url).status_code == 200

    # A restriction on an ancestor of the image's collection.
    with django_capture_on_commit_callbacks(execute=True):
        restriction = restrict(parent)

    image.refresh_from_db()
    assert image.file.name == "private/original_images/soon.png"
    assert not (media_root / "original_images/soon.png").exists()
    assert (media_root / image.file.name).read_bytes() == content
    assert publicly_reachable(media_root, content) == []
    assert client.get(public_url).status_code == 404
    assert client.get(private_url).status_code == 404  # anonymous
    client.force_login(admin)
    response = client.get(private_url)
    assert response.status_code == 200
    assert body(response) == content
    assert "no-store" in response["Cache-Control"]
    client.logout()

    # The last restriction goes: the original is public again, where it was.
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()

    image.refresh_from_db()
    assert image.file.name == "original_images/soon.png"
    assert not (media_root / "private/original_images/soon.png").exists()
    assert client.get(public_url).status_code == 200
    assert body(client.get(public_url)) == content
    assert client.get(private_url).status_code == 404


def test_restricting_through_the_admin_privacy_view_moves_the_original(
    client, admin, media_root, django_capture_on_commit_callbacks
):
    collection = add_collection("Made private in the admin")
    image = make_image(collection, "admin-made", "#224466")
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_collections:set_privacy", args=[collection.pk]),
            {"restriction_type": "login"},
        )
    assert response.status_code == 200
    assert CollectionViewRestriction.objects.filter(collection=collection).exists()
    image.refresh_from_db()
    assert image.file.name == "private/original_images/admin-made.png"
    assert files(media_root) == {"private/original_images/admin-made.png"}


def test_one_restriction_removed_of_two_keeps_the_original_private(
    media_root, django_capture_on_commit_callbacks
):
    parent = add_collection("Parent")
    child = add_collection("Child", parent)
    on_parent, on_child = restrict(parent), restrict(child)
    image = make_image(child, "twice")
    with django_capture_on_commit_callbacks(execute=True):
        on_child.delete()
    image.refresh_from_db()
    assert image.file.name == "private/original_images/twice.png"
    with django_capture_on_commit_callbacks(execute=True):
        on_parent.delete()
    image.refresh_from_db()
    assert image.file.name == "original_images/twice.png"


def test_image_moved_into_and_out_of_a_restricted_collection(
    media_root, django_capture_on_commit_callbacks
):
    public = add_collection("Public")
    private = add_collection("Private")
    restrict(private)
    image = make_image(public, "mover", "#654321")
    content = (media_root / image.file.name).read_bytes()

    with django_capture_on_commit_callbacks(execute=True):
        image.collection = private
        image.save()
    image.refresh_from_db()
    assert image.file.name == "private/original_images/mover.png"
    assert publicly_reachable(media_root, content) == []

    with django_capture_on_commit_callbacks(execute=True):
        image.collection = public
        image.save()
    image.refresh_from_db()
    assert image.file.name == "original_images/mover.png"
    # (Public again, it gets its renditions back from the task, under images/.)
    assert {n for n in files(media_root) if not n.startswith("images/")} == {
        "original_images/mover.png"
    }


def test_collection_moved_under_a_restricted_one(
    media_root, django_capture_on_commit_callbacks
):
    private = add_collection("Private")
    restrict(private)
    wandering = add_collection("Wandering")
    image = make_image(wandering, "wanderer")
    with django_capture_on_commit_callbacks(execute=True):
        wandering.save()
        wandering.move(private, "sorted-child")
    image.refresh_from_db()
    assert image.file.name == "private/original_images/wanderer.png"


def test_a_rolled_back_restriction_moves_nothing(
    media_root, django_capture_on_commit_callbacks
):
    from django.db import transaction

    collection = add_collection("Almost private")
    image = make_image(collection, "stays")
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                restrict(collection)
                raise RuntimeError
        except RuntimeError:
            pass
    image.refresh_from_db()
    assert image.file.name == "original_images/stays.png"
    assert files(media_root) == {"original_images/stays.png"}


# --- the command -----------------------------------------------------------------


def command_output() -> str:
    out = io.StringIO()
    call_command("make_media_private", stdout=out)
    return out.getvalue()


def test_command_applies_the_rule_and_a_rerun_changes_nothing(media_root):
    public = add_collection("Public")
    private = add_collection("Private")
    outsider = make_image(public, "outsider", "#111111")
    make_image(private, "insider", "#222222")
    stray = make_image(public, "stray", "#333333")
    # State from before this code (or a change made without signals): a restriction
    # added and an image moved in the database only.
    CollectionViewRestriction.objects.bulk_create(
        [
            CollectionViewRestriction(
                collection=private, restriction_type=CollectionViewRestriction.LOGIN
            )
        ]
    )
    type(stray).objects.filter(pk=stray.pk).update(collection=private)
    # ...and an image wrongly under private/ while its collection is public.
    (media_root / "private/original_images").mkdir(parents=True)
    (media_root / "original_images/outsider.png").rename(
        media_root / "private/original_images/outsider.png"
    )
    type(outsider).objects.filter(pk=outsider.pk).update(
        file="private/original_images/outsider.png"
    )

    assert "Made private: 2, made public: 1, unchanged: 0" in command_output()
    names = dict(get_image_model().objects.values_list("title", "file"))
    assert names == {
        "outsider": "original_images/outsider.png",
        "insider": "private/original_images/insider.png",
        "stray": "private/original_images/stray.png",
    }
    after_first = {n: (media_root / n).read_bytes() for n in files(media_root)}
    assert set(after_first) == set(names.values())

    assert "Made private: 0, made public: 0, unchanged: 3" in command_output()
    assert {n: (media_root / n).read_bytes() for n in files(media_root)} == after_first
    assert dict(get_image_model().objects.values_list("title", "file")) == names


def test_command_completes_an_interrupted_move_without_a_second_copy(media_root):
    private = add_collection("Private")
    image = make_image(private, "halfway", "#444444")
    CollectionViewRestriction.objects.bulk_create(
        [
            CollectionViewRestriction(
                collection=private, restriction_type=CollectionViewRestriction.LOGIN
            )
        ]
    )
    # Copied to private/, then stopped before the row and the old file changed.
    target = media_root / "private/original_images/halfway.png"
    target.parent.mkdir(parents=True)
    target.write_bytes((media_root / image.file.name).read_bytes())

    assert "Made private: 1" in command_output()
    image.refresh_from_db()
    assert image.file.name == "private/original_images/halfway.png"
    assert files(media_root) == {"private/original_images/halfway.png"}
