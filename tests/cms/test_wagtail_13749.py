"""A late autosave cannot overwrite a save that committed while it waited
(cms/wagtail_13749.py).

PostgreSQL only: SQLite's IMMEDIATE transactions serialise writers already, so the
race cannot happen there. Real concurrency: another transaction saves the page and
holds its row lock; the stale autosave is sent from a second thread meanwhile; the
lock is released only once the autosave is seen waiting on it (pg_stat_activity).
"""

from __future__ import annotations

import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections, transaction
from django.urls import reverse
from wagtail.models import Page

from tests.factories import make_case_study
from tests.workflows.pages import edit_data

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers itself (IMMEDIATE transactions)",
)


def _someone_waits_for_a_lock(seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    with connections["default"].cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.05)
    return False


# serialized_rollback: the flush after this test must not let post_migrate remake
# the content types under new ids (PostgreSQL keeps its sequences), or the next
# serialized test's restore collides with them.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_stale_autosave_waits_and_is_refused(site_tree, editor_client):
    page = make_case_study(site_tree.school, slug="race", municipality="元の値")
    loaded = page.get_latest_revision()
    stale = {
        **edit_data(page, municipality="古いタブの値"),
        "loaded_revision_id": str(loaded.pk),
        "loaded_revision_created_at": loaded.created_at.isoformat(),
    }
    editor = get_user_model().objects.get(username="demo-editor")
    saved, release = threading.Event(), threading.Event()

    def another_save() -> None:
        try:
            with transaction.atomic():
                other = Page.objects.select_for_update().get(pk=page.pk).specific
                other.municipality = "新しい値"
                other.save_revision(user=editor)
                saved.set()
                release.wait(15)
        finally:
            connection.close()

    replies = []

    def stale_autosave() -> None:
        try:
            replies.append(
                editor_client.post(
                    reverse("wagtailadmin_pages:edit", args=[page.pk]),
                    stale,
                    headers={"Accept": "application/json"},
                )
            )
        finally:
            connection.close()

    first = threading.Thread(target=another_save)
    first.start()
    assert saved.wait(10)
    second = threading.Thread(target=stale_autosave)
    second.start()
    try:
        assert _someone_waits_for_a_lock(), "the autosave never reached the lock"
    finally:
        release.set()
        first.join(20)
        second.join(20)

    (reply,) = replies
    assert reply.status_code == 400, reply.content
    assert reply.json()["error_code"] == "invalid_revision"
    latest = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    assert latest.municipality == "新しい値"
