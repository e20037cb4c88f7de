"""``manage.py run_scheduler [--interval N] [--once]``: publish and expire on time.

See ``cms.workflows.scheduling`` for how it runs under ``make run`` and in
production.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from cms.workflows.scheduling import run_due


class Command(BaseCommand):
    help = "Publish revisions whose go-live time has come and expire pages, in a loop."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=60, help="Seconds.")
        parser.add_argument("--once", action="store_true", help="One pass, then exit.")

    def handle(self, *args, interval: int, once: bool, **options):
        if interval < 1:
            raise CommandError("--interval must be at least 1 second")
        while True:
            run = run_due()
            if run.published or run.expired or run.refused or run.failed:
                self.stdout.write(
                    f"published {len(run.published)}, expired {len(run.expired)}, "
                    f"refused {len(run.refused)}, failed {len(run.failed)}"
                )
            if once:
                return
            time.sleep(interval)
            # A long-running process: drop connections past their lifetime.
            close_old_connections()
