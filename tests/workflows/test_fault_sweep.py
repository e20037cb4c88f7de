"""Fault sweep: a database error at each query of publish, approve and translation
publish, in turn; after each, the page is either as before or as after, never
half-written.

For each operation a clean run counts its queries (N) and records the state it
leaves; then N runs each fail at query 1, 2, … N (``connection.execute_wrapper``)
inside a savepoint that is rolled back afterwards. On-commit callbacks (where
wagtail-localize publishes) run as a real commit would, outside the request's
transaction. Invariants checked after every run:

* the page's state is exactly the state before or exactly the state after;
* a live page has a live revision whose content matches the page, and that
  revision has exactly one publish log entry;
* the revision under review (or the saved draft) still exists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import OperationalError, connection, transaction
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from wagtail.models import PageLogEntry, Revision, TaskState, WorkflowState

from cms.translation import translate_page
from tests.factories import locale, make_case_study
from tests.workflows.actions import (
    fresh,
    run_on_commit,
    title_segment,
    translation_of,
)
from tests.workflows.pages import edit_data

# Totals across the sweep, for the report (printed with -s).
FIGURES: dict[str, tuple[int, int]] = {}


class InjectedError(OperationalError):
    pass


class Injector:
    """Counts queries; raises at query ``fail_at`` as the database would."""

    def __init__(self, fail_at: int | None = None):
        self.fail_at = fail_at
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        if self.count == self.fail_at:
            raise InjectedError(f"injected failure at query {self.count}")
        return execute(sql, params, many, context)


@dataclass
class Scenario:
    page_id: int
    kept_revision_id: int  # must survive whatever happens
    operation: Callable[[], None]


def snapshot(page_id: int) -> tuple:
    """The page's observable state, free of ids that differ between runs."""
    page = fresh_page(page_id)
    live = page.live_revision
    latest = page.get_latest_revision()
    return (
        page.live,
        page.title,
        page.has_unpublished_changes,
        live.as_object().title if live else None,
        bool(live and latest and live.pk == latest.pk),
        Revision.page_revisions.filter(object_id=str(page_id)).count(),
        tuple(
            PageLogEntry.objects.filter(page_id=page_id)
            .order_by("pk")
            .values_list("action", flat=True)
        ),
        tuple(
            WorkflowState.objects.filter(object_id=str(page_id))
            .order_by("pk")
            .values_list("status", flat=True)
        ),
        tuple(
            TaskState.objects.filter(workflow_state__object_id=str(page_id))
            .order_by("pk")
            .values_list("status", flat=True)
        ),
    )


def fresh_page(page_id: int):
    from wagtail.models import Page

    return Page.objects.get(pk=page_id).specific


def invariant_violations(scenario: Scenario, before, after) -> list[str]:
    problems = []
    state = snapshot(scenario.page_id)
    if state not in (before, after):
        problems.append(f"half-written state {state}")
    page = fresh_page(scenario.page_id)
    if page.live:
        live = page.live_revision
        if live is None:
            problems.append("live page without a live revision")
        else:
            if live.as_object().title != page.title:
                problems.append("live revision content differs from the page")
            publishes = PageLogEntry.objects.filter(
                page_id=page.pk, revision=live, action__startswith="wagtail.publish"
            ).count()
            if publishes != 1:
                problems.append(f"{publishes} publish log entries for live revision")
    if not Revision.objects.filter(pk=scenario.kept_revision_id).exists():
        problems.append("the submitted revision was lost")
    return problems


def perform(scenario: Scenario, injector: Injector) -> None:
    with connection.execute_wrapper(injector):
        try:
            with run_on_commit():
                scenario.operation()
        except Exception:
            # The injected DatabaseError, or what it turned into on its way out
            # (Django's constraint checks report a failed query as a
            # ValidationError; a failed session load as a KeyError).
            # On-commit callbacks run in autocommit in production: what they
            # wrote before failing stays. Emulate that inside the test's
            # transaction (the injected error never reached the database).
            connection.needs_rollback = False


def sweep(name: str, scenario: Scenario) -> None:
    before = snapshot(scenario.page_id)
    counter = Injector()
    with transaction.atomic():
        perform(scenario, counter)
        after = snapshot(scenario.page_id)
        assert after != before, "the operation did nothing"
        assert invariant_violations(scenario, before, after) == []
        transaction.set_rollback(True)
    total = counter.count
    violations = []
    for fail_at in range(1, total + 1):
        with transaction.atomic():
            perform(scenario, Injector(fail_at))
            for problem in invariant_violations(scenario, before, after):
                violations.append(f"query {fail_at}: {problem}")
            transaction.set_rollback(True)
    FIGURES[name] = (total, len(violations))
    print(
        f"\nfault sweep {name}: {total} injection points, {len(violations)} violations"
    )
    assert violations == []


@pytest.fixture
def publisher_client(client, cast):
    client.force_login(cast["publisher"])
    return client


def test_publish(roles, cast, publisher_client):
    page = make_case_study(roles.school, slug="sweep-publish")
    draft = fresh(page)
    draft.title = "下書き"
    kept = draft.save_revision(user=cast["editor"])
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = {**edit_data(page, title="公開版"), "action-publish": "1"}
    sweep(
        "publish",
        Scenario(page.pk, kept.pk, lambda: publisher_client.post(url, data)),
    )


def test_approve(roles, cast, publisher_client):
    page = make_case_study(roles.school, slug="sweep-approve", publish=False)
    page = fresh(page)
    page.title = "承認版"
    kept = page.save_revision(user=cast["editor"])
    state = page.get_workflow().start(page, cast["editor"])
    state.current_task_state.task.specific.on_action(
        state.current_task_state, cast["reviewer"], "approve"
    )
    state.refresh_from_db()
    task_state = state.current_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
    )
    sweep(
        "approve",
        Scenario(page.pk, kept.pk, lambda: publisher_client.post(url, {"comment": ""})),
    )


def test_translation_publish(roles, cast, publisher_client):
    source = make_case_study(roles.school, slug="sweep-translation")
    english = translate_page(
        source, locale("en"), values={"title": "Sweep"}, publish=True
    )
    translation = translation_of(english)
    publisher_client.put(
        reverse(
            "wagtail_localize:edit_string_translation",
            args=[translation.pk, title_segment(translation).pk],
        ),
        data=encode_multipart(BOUNDARY, {"value": "Sweep, published"}),
        content_type=MULTIPART_CONTENT,
    )
    kept = fresh(english).get_latest_revision()
    url = reverse("wagtailadmin_pages:edit", args=[english.pk])
    sweep(
        "translation publish",
        Scenario(
            english.pk,
            kept.pk,
            lambda: publisher_client.post(url, {"action": "publish"}),
        ),
    )
