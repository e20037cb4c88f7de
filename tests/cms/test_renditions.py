"""Renditions before readers: one registry, made after commit, never in a request.

* every rendition public output uses is registered in ``cms.renditions``;
* saving an image queues ``cms.tasks.build_renditions`` on commit, not before;
* the task makes every registered spec, then bumps the content version in its
  own transaction;
* a GET never makes a rendition: an image whose renditions do not exist yet is
  shown as not ready (schema-conformant), and the next version shows it ready.
"""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from cms import renditions
from cms.api import version
from cms.image_representation import image_representation
from cms.models import CasebookRendition
from cms.tasks import build_renditions, enqueue_all
from tests.api.helpers import API, get_json
from tests.api.schema_tools import assert_conforms, openapi_document
from tests.factories import ImageFactory, make_case_study

pytestmark = pytest.mark.django_db

API_SPECS = {
    f"width-{w}|format-{f}" for f in ("webp", "jpeg") for w in (480, 960, 1600)
} | {"width-2400|format-jpeg|jpegquality-85"}
RENDITION_TABLE = CasebookRendition._meta.db_table


def _image(**kwargs):
    """An image whose on-commit task has not run (the worker is behind)."""
    return ImageFactory(**kwargs)


def _specs(image) -> set[str]:
    return set(image.renditions.values_list("filter_spec", flat=True))


def _rendition_inserts(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith("INSERT")
        and RENDITION_TABLE in q["sql"]
    ]


@pytest.fixture
def extra_spec(monkeypatch):
    """A spec the PDF might add (a print size), registered for one test."""
    monkeypatch.setattr(renditions, "_registry", dict(renditions._registry))
    return renditions.register("pdf:print", "width-2400|format-jpeg")


# --- the registry -------------------------------------------------------------------


def test_the_api_specs_are_registered_by_name_and_all_parse():
    assert {entry.spec for entry in renditions.api_specs()} == API_SPECS
    assert renditions.get("api:webp:960").spec == "width-960|format-webp"
    for entry in renditions.registered():
        assert entry.filter.operations  # a bad spec fails here, not in the worker
    assert {f.spec for f in renditions.filters()} >= API_SPECS


def test_registering_again_is_a_no_op_and_a_different_spec_an_error(extra_spec):
    assert renditions.register("pdf:print", "width-2400|format-jpeg") is extra_spec
    with pytest.raises(ValueError, match="already registered"):
        renditions.register("pdf:print", "width-1200|format-jpeg")
    # Two names for one spec: made once.
    renditions.register("site:print", "width-2400|format-jpeg")
    specs = [f.spec for f in renditions.filters()]
    assert specs.count("width-2400|format-jpeg") == 1


# --- queued on commit ---------------------------------------------------------------


def test_saving_an_image_queues_its_renditions_on_commit_not_before(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks:
        image = ImageFactory()
    # Saved, not yet committed: nothing made (the immediate backend would have run
    # the task at once had the receiver enqueued it directly).
    assert callbacks
    assert _specs(image) == set()
    for callback in callbacks:  # the commit
        callback()
    assert _specs(image) == {f.spec for f in renditions.filters()}


def test_a_rolled_back_save_queues_nothing(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        ImageFactory()
        raise RuntimeError
    assert callbacks == []
    assert not CasebookRendition.objects.exists()


# --- the task -----------------------------------------------------------------------


def test_the_task_makes_every_registered_spec_once(extra_spec):
    image = _image()
    wanted = {entry.spec for entry in renditions.registered()}
    assert "width-2400|format-jpeg" in wanted
    assert build_renditions.call(image.pk) == len(wanted)
    assert _specs(image) == wanted
    assert build_renditions.call(image.pk) == 0  # idempotent
    assert image.renditions.count() == len(wanted)


def test_the_task_adds_only_what_is_missing(extra_spec):
    image = _image()
    image.get_renditions("width-480|format-webp")
    assert build_renditions.call(image.pk) == len(renditions.registered()) - 1


def test_the_task_for_a_deleted_image_does_nothing():
    image = _image()
    image_id = image.pk
    image.delete()
    assert build_renditions.call(image_id) == 0


def test_enqueue_all_builds_old_images():
    first, second = _image(), _image()
    assert enqueue_all() == 2  # the immediate backend runs them here
    assert _specs(first) == _specs(second) == API_SPECS


def test_the_version_is_bumped_after_the_writes_in_the_tasks_transaction(
    monkeypatch,
):
    image = _image()
    before = version.read().value
    depth = len(connection.atomic_blocks)
    seen = []
    real_bump = version.bump

    def bump(**kwargs):
        seen.append((image.renditions.count(), len(connection.atomic_blocks)))
        real_bump(**kwargs)

    monkeypatch.setattr(version, "bump", bump)
    build_renditions.call(image.pk)
    # Once, with the rows already written, inside a transaction of the task's own.
    assert seen == [(len(API_SPECS), depth + 1)]
    assert version.read().value != before

    seen.clear()
    build_renditions.call(image.pk)  # nothing made: no new version
    assert seen == []


def test_private_images_get_no_renditions():
    from wagtail.models import Collection, CollectionViewRestriction

    private = Collection.get_first_root_node().add_child(name="private")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    image = _image(collection=private)
    assert build_renditions.call(image.pk) == 0
    assert _specs(image) == set()


def test_a_rendition_task_racing_a_file_change_stores_nothing(monkeypatch):
    image = _image()
    real = type(image).generate_rendition_instance

    def replace_file_meanwhile(self, filter, source):
        rendition = real(self, filter, source)
        type(image).objects.filter(pk=image.pk).update(file_hash="changed")
        return rendition

    monkeypatch.setattr(
        type(image), "generate_rendition_instance", replace_file_meanwhile
    )
    assert build_renditions.call(image.pk) == 0
    assert _specs(image) == set()


# --- readers ------------------------------------------------------------------------


def test_not_ready_shape_and_partial_renditions():
    image = _image()
    shown = image_representation(image, "alt")
    assert shown["ready"] is False
    assert shown["renditions"] == {"webp": None, "jpeg": None, "print": None}
    assert _specs(image) == set()  # showing it made nothing

    image.get_renditions("width-960|format-jpeg")
    shown = image_representation(type(image).objects.get(pk=image.pk), "alt")
    assert shown["ready"] is False
    assert shown["renditions"]["webp"] is None
    assert shown["renditions"]["jpeg"]["srcset"].endswith(" 64w")

    build_renditions.call(image.pk)
    shown = image_representation(type(image).objects.get(pk=image.pk), "alt")
    assert shown["ready"] is True
    assert ".webp" in shown["renditions"]["webp"]["src"]
    assert ".jpg" in shown["renditions"]["jpeg"]["src"]
    # The print size: never wider than the 64 px original, its own file.
    printed = shown["renditions"]["print"]
    assert (printed["width"], printed["height"]) == (image.width, image.height)
    assert printed["src"].endswith(".jpg")
    assert printed["src"] not in shown["renditions"]["jpeg"]["srcset"]


def test_a_get_makes_no_rendition_and_is_ready_after_the_task(client, site_tree):
    image = _image()
    page = make_case_study(
        site_tree.school,
        slug="not-ready",
        hero_image=image,
        hero_image_alt="表紙",
        body=[
            {
                "type": "image",
                "value": {
                    "image": image.pk,
                    "alt_text": "写真",
                    "decorative": False,
                    "caption": "",
                },
            }
        ],
    )
    doc = openapi_document(client)
    detail = f"case-studies/{page.pk}/"
    with CaptureQueriesContext(connection) as queries:
        body = get_json(client, detail)
        listed = get_json(client, "case-studies/", limit=100)
        found = get_json(client, "pages/find/", path=page.url)
    assert _rendition_inserts(queries.captured_queries) == []
    assert _specs(image) == set()
    not_ready = {"webp": None, "jpeg": None, "print": None}
    assert body["hero_image"]["ready"] is False
    assert body["hero_image"]["renditions"] == not_ready
    assert body["body"][0]["value"]["image"]["renditions"] == not_ready
    (item,) = [i for i in listed["items"] if i["id"] == page.pk]
    assert item["hero_image"]["ready"] is False
    assert found["hero_image"]["ready"] is False
    assert_conforms(doc, "/api/v1/case-studies/{id}/", body)
    stale = client.get(API + detail)["X-Content-Version"]

    build_renditions.call(image.pk)  # the worker catches up

    response = client.get(API + detail)
    assert response["X-Content-Version"] != stale  # not the cached "not ready"
    body = response.json()
    assert body["hero_image"]["ready"] is True
    assert ".webp" in body["hero_image"]["renditions"]["webp"]["srcset"]
    assert body["body"][0]["value"]["image"]["ready"] is True
    assert_conforms(doc, "/api/v1/case-studies/{id}/", body)


def test_a_large_image_is_not_made_in_the_request(client, site_tree):
    from django.core.files.images import ImageFile

    big = _image(file=ImageFile(_big_png(), name="big.png"))
    page = make_case_study(
        site_tree.school, slug="big", hero_image=big, hero_image_alt="大"
    )
    with CaptureQueriesContext(connection) as queries:
        body = get_json(client, f"case-studies/{page.pk}/")
    assert _rendition_inserts(queries.captured_queries) == []
    assert body["hero_image"]["width"] == 3000
    assert body["hero_image"]["ready"] is False


def _big_png():
    import io

    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (3000, 2000), "#3a7").save(buffer, "PNG")
    buffer.seek(0)
    return buffer


def test_the_command_makes_the_renditions_of_older_images(db):
    from django.core.management import call_command

    from cms.renditions import filters
    from tests.factories import ImageFactory

    image = ImageFactory(title="older")
    image.renditions.all().delete()  # as if saved before renditions were tasks
    call_command("build_renditions", "--now")
    assert image.renditions.count() == len(filters())
