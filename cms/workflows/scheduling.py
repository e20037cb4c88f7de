"""Scheduled publishing: go-live and expiry, one page at a time.

Wagtail's ``publish_scheduled`` command stops at the first page that fails,
and ``BasePage.publish`` refuses revisions that break a publishing rule. Here
each expiry and each go-live runs in its own transaction: a page that cannot be
published is logged and its schedule dropped (the revision stays, as a draft,
for an editor to fix and reschedule), a transient database error is logged and
retried on the next tick, and neither holds up the other pages.

``manage.py run_scheduler`` calls ``run_due()`` in a loop (every 60 s by
default): ``make run`` starts it beside the dev server; in production run it as
its own process (systemd unit or container) or call
``manage.py run_scheduler --once`` from cron every minute.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.db import DatabaseError, transaction
from django.utils import timezone
from wagtail.models import Page, Revision

from cms.publishing import PublishingRulesError

logger = logging.getLogger(__name__)


@dataclass
class SchedulerRun:
    published: list[int] = field(default_factory=list)  # revision ids
    expired: list[int] = field(default_factory=list)  # page ids
    refused: list[int] = field(default_factory=list)  # revision ids, rules broken
    failed: list[int] = field(default_factory=list)  # ids, retried next tick


def run_due(now: datetime | None = None) -> SchedulerRun:
    """Unpublish pages past their expiry, then publish revisions past go-live."""
    now = now or timezone.now()
    run = SchedulerRun()
    for page_id in Page.objects.filter(live=True, expire_at__lt=now).values_list(
        "pk", flat=True
    ):
        _expire(page_id, now, run)
    due = Revision.objects.filter(approved_go_live_at__lt=now).order_by(
        "approved_go_live_at", "pk"
    )
    for revision_id in due.values_list("pk", flat=True):
        _publish(revision_id, now, run)
    return run


def _expire(page_id: int, now: datetime, run: SchedulerRun) -> None:
    try:
        with transaction.atomic():
            page = Page.objects.select_for_update().get(pk=page_id).specific
            if not page.live or not page.expire_at or page.expire_at >= now:
                return
            page.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
        run.expired.append(page_id)
    except DatabaseError:
        logger.exception("Scheduled expiry of page %s failed; will retry", page_id)
        run.failed.append(page_id)


def _publish(revision_id: int, now: datetime, run: SchedulerRun) -> None:
    try:
        with transaction.atomic():
            revision = Revision.objects.select_for_update().get(pk=revision_id)
            if not revision.approved_go_live_at or revision.approved_go_live_at >= now:
                return
            revision.publish(log_action="wagtail.publish.scheduled")
        run.published.append(revision_id)
    except PublishingRulesError as error:
        logger.error(
            "Scheduled publish of revision %s refused, schedule dropped: %s",
            revision_id,
            "; ".join(str(v) for v in error.violations),
        )
        Revision.objects.filter(pk=revision_id).update(approved_go_live_at=None)
        run.refused.append(revision_id)
    except DatabaseError:
        logger.exception(
            "Scheduled publish of revision %s failed; will retry", revision_id
        )
        run.failed.append(revision_id)
