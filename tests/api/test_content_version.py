"""The content version: in the database, bumped with every public change, read once.

The cross-process behaviour (a change made by another process is served on the next
request) is in ``test_cross_process.py``; these tests pin down the rules it rests on.
"""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cms.api import version
from cms.models import ContentVersion, Tag
from tests.api.helpers import API, get_json
from tests.casestudies.import_files.builder import valid_document, write_import
from tests.factories import ImageFactory, make_case_study

TABLE = ContentVersion._meta.db_table


def _version_queries(queries) -> list[str]:
    return [q["sql"] for q in queries if TABLE in q["sql"]]


def _updates(queries) -> list[str]:
    return [sql for sql in _version_queries(queries) if sql.startswith("UPDATE")]


@pytest.fixture
def case(site_tree):
    return make_case_study(site_tree.school, slug="versioned")


def _changes(case, site_tree):
    """Each change that can alter public output, as (name, callable)."""

    def publish():
        make_case_study(site_tree.school, slug="another")

    def unpublish():
        case.unpublish()

    def move():
        case.move(site_tree.community, pos="last-child")

    def delete():
        case.delete()

    def privacy():
        PageViewRestriction.objects.create(
            page=case, restriction_type=PageViewRestriction.LOGIN
        )

    def taxonomy():
        tag = Tag.objects.get(slug="jet-alt")
        tag.name_en = "JET ALT"
        tag.save()

    def image():
        ImageFactory(title="new")

    return [publish, unpublish, move, delete, privacy, taxonomy, image]


@pytest.mark.parametrize("index", range(7))
def test_each_public_change_starts_a_new_version(case, site_tree, index):
    change = _changes(case, site_tree)[index]
    before = version.read().value
    change()
    assert version.read().value != before, change.__name__


def test_a_draft_save_keeps_the_version(case):
    before = version.read().value
    case.title = "下書きの題名"
    case.save_revision()
    assert version.read().value == before


def test_a_rolled_back_change_leaves_the_version_and_its_token_is_never_reused(case):
    before = version.read().value
    with transaction.atomic():
        case.unpublish()
        inside = version.read().value
        transaction.set_rollback(True)
    assert inside != before
    assert version.read().value == before
    case.refresh_from_db()
    case.unpublish()
    assert version.read().value not in {before, inside}


def test_deferred_bumps_once_at_the_end_and_not_on_error(site_tree):
    with (
        CaptureQueriesContext(connection) as queries,
        transaction.atomic(),
        version.deferred(),
    ):
        for n in range(3):
            make_case_study(site_tree.school, slug=f"batch-{n}")
        assert _updates(queries.captured_queries) == []
    assert len(_updates(queries.captured_queries)) == 1

    before = version.read().value
    with pytest.raises(RuntimeError), version.deferred():
        version.bump()
        raise RuntimeError
    assert version.read().value == before


def test_an_import_bumps_once_after_its_last_page(site_tree, tmp_path):
    from casestudies.importer import import_file

    path = write_import(tmp_path, valid_document())
    with CaptureQueriesContext(connection) as queries:
        import_file(path, publish=True)
    sql = [q["sql"] for q in queries.captured_queries]
    bumps = [i for i, s in enumerate(sql) if s.startswith("UPDATE") and TABLE in s]
    page_writes = [
        i
        for i, s in enumerate(sql)
        if s.startswith(("INSERT", "UPDATE")) and '"wagtailcore_page"' in s
    ]
    assert len(bumps) == 1
    assert bumps[0] > max(page_writes)


def test_a_get_reads_the_version_once_and_says_it(client, case):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(API + "case-studies/")
    assert response.status_code == 200
    assert len(_version_queries(queries.captured_queries)) == 1
    assert response["X-Content-Version"] == version.read().value

    again = client.get(API + "case-studies/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again["X-Content-Version"] == response["X-Content-Version"]


def test_the_version_endpoint_is_current_and_not_cached(client, case):
    body = get_json(client, "version/")
    assert body["version"] == version.read().value
    response = client.get(API + "version/")
    assert response["Cache-Control"] == "no-cache"
    case.unpublish()
    assert get_json(client, "version/")["version"] != body["version"]


def test_an_old_etag_is_not_honoured_after_a_change(client, case):
    first = client.get(API + f"case-studies/{case.pk}/")
    assert first.status_code == 200
    case.title = "新しい題名"
    case.save_revision().publish()
    again = client.get(
        API + f"case-studies/{case.pk}/", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert again.status_code == 200
    assert again.json()["title"] == "新しい題名"


def test_a_flushed_table_starts_a_new_version(db):
    ContentVersion.objects.all().delete()
    info = version.read()
    assert ContentVersion.objects.get().value == info.value
