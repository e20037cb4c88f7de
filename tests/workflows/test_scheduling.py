"""Scheduled publishing publishes and expires at the time, page by page."""

from __future__ import annotations

import datetime as dt
import io
from unittest import mock

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from cms.workflows.scheduling import run_due
from tests.factories import make_case_study
from tests.workflows.actions import fresh
from tests.workflows.pages import edit_data

_SECOND = dt.timedelta(seconds=1)


def _minute(delta: dt.timedelta) -> dt.datetime:
    return (timezone.localtime() + delta).replace(second=0, microsecond=0)


def _schedule_via_admin(client, publisher, page, **fields):
    client.force_login(publisher)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {**edit_data(page, **fields), "action-publish": "1"},
    )


def test_publishes_at_the_go_live_time(roles, cast, client):
    page = make_case_study(roles.school, slug="scheduled", publish=False)
    go_live = _minute(dt.timedelta(hours=3))
    _schedule_via_admin(client, cast["publisher"], page, go_live_at=go_live)
    assert not fresh(page).live
    assert run_due(now=go_live - dt.timedelta(minutes=1)).published == []
    assert not fresh(page).live

    # Time passes: Wagtail's publish action itself compares go-live with "now".
    with mock.patch("django.utils.timezone.now", return_value=go_live + _SECOND):
        run = run_due()
    page = fresh(page)
    assert len(run.published) == 1 and page.live
    assert page.live_revision.pk == run.published[0]
    assert (
        PageLogEntry.objects.filter(
            page_id=page.pk, action="wagtail.publish.scheduled"
        ).count()
        == 1
    )
    with mock.patch("django.utils.timezone.now", return_value=go_live + 60 * _SECOND):
        assert run_due().published == []


def test_expires_at_the_expiry_time(roles, cast, client):
    page = make_case_study(roles.school, slug="expiring")
    expire = _minute(dt.timedelta(days=1))
    _schedule_via_admin(
        client, cast["publisher"], page, expire_at=expire.strftime("%Y-%m-%d %H:%M")
    )
    assert fresh(page).live and fresh(page).expire_at == expire
    assert run_due(now=expire - dt.timedelta(minutes=1)).expired == []
    run = run_due(now=expire + dt.timedelta(seconds=1))
    page = fresh(page)
    assert run.expired == [page.pk]
    assert not page.live and page.expired


def test_a_page_breaking_the_rules_does_not_block_the_others(roles, cast, caplog):
    good = make_case_study(roles.school, slug="good", publish=False)
    bad = make_case_study(roles.school, slug="bad", publish=False, prefecture="")
    past = timezone.now() - dt.timedelta(minutes=1)
    # Scheduled before a rule tightened, or by an import: both are due now.
    for page in (bad, good):
        Revision.objects.filter(pk=page.get_latest_revision().pk).update(
            approved_go_live_at=past
        )
    run = run_due()
    assert fresh(good).live and not fresh(bad).live
    assert run.refused == [bad.get_latest_revision().pk]
    assert "refused" in caplog.text
    # Dropped, not retried every minute.
    assert bad.get_latest_revision().approved_go_live_at is None
    assert run_due().refused == []


def test_run_scheduler_once(roles):
    page = make_case_study(roles.school, slug="via-command", publish=False)
    Revision.objects.filter(pk=page.get_latest_revision().pk).update(
        approved_go_live_at=timezone.now() - dt.timedelta(seconds=1)
    )
    out = io.StringIO()
    call_command("run_scheduler", "--once", stdout=out)
    assert fresh(page).live
    assert "published 1" in out.getvalue()
