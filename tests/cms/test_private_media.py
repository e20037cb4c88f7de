"""Private media stays private (cms/private_media.py, WAGTAILDOCS_SERVE_METHOD).

Documents are served only by Wagtail's document view, which applies collection
view restrictions; /media/ serves renditions and originals of images the request
may see, never documents/, and only under DEBUG (or CMS_SERVE_MEDIA). A collection
that becomes private stops serving its files at once, and its renditions are
deleted after the commit.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import override_settings
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from cms.image_representation import image_representation
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db

DOC_TEXT = b"zqprivatedoc contents"


@pytest.fixture(autouse=True)
def no_stale_renditions():
    """Wagtail caches renditions by image id, and ids are reused after rollback."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def collections():
    root = Collection.get_first_root_node()
    public = root.add_child(name="Public")
    private = root.add_child(name="Private")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    return public, private


def make_document(collection, name="notes.txt"):
    return get_document_model().objects.create(
        title=name,
        collection=collection,
        file=ContentFile(DOC_TEXT, name=name),
    )


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def media_url(file) -> str:
    return file.url


# --- settings ------------------------------------------------------------------


def test_every_settings_module_serves_documents_through_the_view():
    code = (
        "import importlib, sys\n"
        "for name in sys.argv[1:]:\n"
        "    module = importlib.import_module(name)\n"
        "    print(name, module.WAGTAILDOCS_SERVE_METHOD)\n"
    )
    modules = [f"config.settings.{n}" for n in ("dev", "test", "production")]
    env = {**os.environ, "SECRET_KEY": "x"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    out = subprocess.run(
        [sys.executable, "-c", code, *modules],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=settings.BASE_DIR,
    ).stdout.split()
    assert out == [x for m in modules for x in (m, "serve_view")]


def test_document_urls_point_at_the_document_view(collections):
    public, _ = collections
    document = make_document(public)
    assert document.url == f"/documents/{document.pk}/{document.filename}"


# --- documents -----------------------------------------------------------------


def test_public_document_is_served_by_the_view(client, collections):
    public, _ = collections
    document = make_document(public)
    response = client.get(document.url)
    assert response.status_code == 200
    assert body(response) == DOC_TEXT


def test_restricted_document_is_refused_to_anonymous_readers(client, collections):
    _, private = collections
    document = make_document(private)
    response = client.get(document.url)
    assert response.status_code in (302, 403, 404)
    assert DOC_TEXT not in body(response)
    # A logged-in reader passes the LOGIN restriction.
    client.force_login(get_user_model().objects.create_user("reader", password="pw"))
    response = client.get(document.url)
    assert response.status_code == 200
    assert body(response) == DOC_TEXT


def test_restriction_on_an_ancestor_covers_documents(client):
    root = Collection.get_first_root_node()
    parent = root.add_child(name="Parent")
    child = parent.add_child(name="Child")
    CollectionViewRestriction.objects.create(
        collection=parent, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = make_document(child)
    response = client.get(document.url)
    assert response.status_code != 200
    assert DOC_TEXT not in body(response)


@override_settings(DEBUG=True)
def test_documents_are_never_served_from_media(client, collections):
    public, private = collections
    for collection in (public, private):
        document = make_document(collection, name=f"{collection.name}.txt")
        assert document.file.name.startswith("documents/")
        assert os.path.exists(document.file.path)
        response = client.get(media_url(document.file))
        assert response.status_code == 404
        assert DOC_TEXT not in body(response)
    # Not by walking out of an allowed folder either.
    response = client.get("/media/images/../documents/Public.txt")
    assert response.status_code == 404
    response = client.get("/media/original_images/%2e%2e/documents/Public.txt")
    assert response.status_code == 404


# --- images --------------------------------------------------------------------


@override_settings(DEBUG=True)
def test_public_image_original_and_rendition_are_served(client, collections):
    public, _ = collections
    image = ImageFactory(title="pub", collection=public)
    rendition = image.get_rendition("width-32")
    for url in (image.file.url, rendition.url):
        response = client.get(url)
        assert response.status_code == 200, url
        assert body(response) == Path(settings.MEDIA_ROOT, url[7:]).read_bytes()


@override_settings(DEBUG=True)
def test_restricted_image_files_are_not_served_to_anonymous_readers(
    client, collections
):
    _, private = collections
    image = ImageFactory(title="secret", collection=private)
    rendition = image.get_rendition("width-32")
    for url in (image.file.url, rendition.url):
        assert client.get(url).status_code == 404, url
    # Whoever passes the restriction (here: any logged-in user) gets them, never
    # from a shared cache.
    client.force_login(get_user_model().objects.create_user("reader", password="pw"))
    for url in (image.file.url, rendition.url):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "private" in response["Cache-Control"]


@override_settings(DEBUG=True)
def test_files_unknown_to_the_database_are_not_served(client):
    storage_root = Path(settings.MEDIA_ROOT)
    for name in ("images/orphan.png", "original_images/orphan.png", "loose.txt"):
        (storage_root / name).parent.mkdir(parents=True, exist_ok=True)
        (storage_root / name).write_bytes(b"orphan")
        assert client.get(f"/media/{name}").status_code == 404, name


def test_media_is_not_served_without_debug(client, collections):
    public, _ = collections
    image = ImageFactory(title="pub", collection=public)
    assert client.get(image.file.url).status_code == 404
    with override_settings(CMS_SERVE_MEDIA=True):
        assert client.get(image.file.url).status_code == 200


# --- a collection becoming private ---------------------------------------------


@override_settings(DEBUG=True)
def test_collection_becoming_private_hides_its_files(
    client, django_capture_on_commit_callbacks
):
    root = Collection.get_first_root_node()
    parent = root.add_child(name="Was public")
    child = parent.add_child(name="Child")
    image = ImageFactory(title="soon-secret", collection=child)
    rendition = image.get_rendition("width-32")
    rendition_path = Path(settings.MEDIA_ROOT, rendition.file.name)
    document = make_document(child)
    urls = (image.file.url, rendition.url, document.url)
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert image_representation(image, "alt") is not None

    # The restriction is set on an ancestor of the image's collection.
    with django_capture_on_commit_callbacks(execute=True):
        CollectionViewRestriction.objects.create(
            collection=parent, restriction_type=CollectionViewRestriction.LOGIN
        )

    for url in urls:
        response = client.get(url)
        assert response.status_code != 200, url
    assert DOC_TEXT not in body(client.get(document.url))
    # Its renditions are gone from the database and from disk, so a web server
    # serving images/ directly has nothing left to serve...
    assert not image.get_rendition_model().objects.filter(image=image).exists()
    assert not rendition_path.exists()
    # ...and the API emits none again.
    image.refresh_from_db()
    assert image_representation(image, "alt") is None


def test_image_moved_into_a_private_collection_loses_its_renditions(
    collections, django_capture_on_commit_callbacks
):
    public, private = collections
    image = ImageFactory(title="moving", collection=public)
    rendition = image.get_rendition("width-32")
    rendition_path = Path(settings.MEDIA_ROOT, rendition.file.name)
    assert rendition_path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        image.collection = private
        image.save()
    assert not image.get_rendition_model().objects.filter(image=image).exists()
    assert not rendition_path.exists()


def test_public_images_keep_their_renditions(
    collections, django_capture_on_commit_callbacks
):
    public, _ = collections
    image = ImageFactory(title="stays", collection=public)
    image.get_rendition("width-32")
    with django_capture_on_commit_callbacks(execute=True):
        image.title = "renamed"
        image.save()
    assert image.get_rendition_model().objects.filter(image=image).exists()


@override_settings(DEBUG=True)
def test_admin_users_see_private_image_files_the_admin_shows_them(client):
    from django.contrib.auth.models import Group, Permission

    root = Collection.get_first_root_node()
    private = root.add_child(name="Board only")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Board"))
    image = ImageFactory(title="board", collection=private)
    reader = get_user_model().objects.create_user("reader", password="pw")
    client.force_login(reader)
    assert client.get(image.file.url).status_code == 404  # logged in, not in group
    reader.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    client.force_login(get_user_model().objects.get(pk=reader.pk))
    assert client.get(image.file.url).status_code == 200
