"""wagtail-localize #634: a draft of a live translation stays a draft.

Through the normal path (``cms.translation.translate_page``), with the
workaround installed as the app does it. The last test is a canary: it checks
that upstream still has the gap, so it fails once a release fixes it — then
delete ``cms/workflows/wagtail_localize_634.py`` and this file.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import TestCase

from cms import translation
from cms.translation import translate_page
from cms.workflows import wagtail_localize_634
from tests.factories import locale, make_case_study
from tests.workflows.actions import fresh

pytestmark = pytest.mark.django_db

LIVE = {"title": "Making the ALT Journal", "summary": "The published summary."}
DRAFT = {"title": "A new draft title", "summary": "An unreviewed summary."}


@pytest.fixture
def live_english(site_tree):
    source = make_case_study(site_tree.school, slug="gap-634")
    return translate_page(source, locale("en"), values=LIVE, publish=True), source


@pytest.fixture
def without_workaround() -> Iterator[None]:
    """wagtail-localize's own ``save_target``, as if the module were deleted."""
    translation.install_save_target(None)
    yield
    wagtail_localize_634.install()


def test_a_draft_leaves_the_live_row_as_published(live_english):
    english, source = live_english
    translate_page(source, locale("en"), values=DRAFT)
    page = fresh(english)
    assert page.live and page.has_unpublished_changes
    # The row is what the site and the API serve: still the published text.
    assert (page.title, page.summary) == (LIVE["title"], LIVE["summary"])
    assert page.draft_title == DRAFT["title"]
    draft = page.get_latest_revision_as_object()
    assert (draft.title, draft.summary) == (DRAFT["title"], DRAFT["summary"])
    assert page.live_revision.as_object().title == LIVE["title"]


def test_a_publish_happens_in_the_callers_transaction(site_tree):
    source = make_case_study(site_tree.school, slug="gap-634-publish")
    # Nothing is committed here, so nothing deferred to on_commit may be needed.
    with TestCase.captureOnCommitCallbacks(execute=False):
        english = translate_page(source, locale("en"), values=LIVE, publish=True)
        page = fresh(english)
        assert page.live and page.live_revision_id == page.latest_revision_id
        assert not page.has_unpublished_changes


def test_upstream_still_overwrites_the_live_row(live_english, without_workaround):
    """Canary: fails once wagtail-localize fixes #634 (then delete the module)."""
    english, source = live_english
    translate_page(source, locale("en"), values=DRAFT)
    assert fresh(english).title == DRAFT["title"]
