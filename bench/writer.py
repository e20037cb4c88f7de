"""A concurrent editor for the benchmark (``python -m bench.writer SECONDS``).

Why: reads were measured on an idle database, but an editor saving drafts takes
the write lock over and over; on SQLite that is where a read could queue behind a
write (see ``cms/atomic_writes.py``). Run with the same environment as the server;
prints ``ready`` once set up, then saves draft revisions of one case study, each in
its own transaction as the admin does, for SECONDS, and prints
``{"saves": n, "locked": n, "other": n}`` as JSON. Drafts, not publishes: a
publish also changes the content version and so empties the readers' caches,
which would measure cache misses rather than locking.
"""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

import django

django.setup()

from django.db import OperationalError, transaction  # noqa: E402

from casestudies.models import CaseStudyPage  # noqa: E402


def main(seconds: float) -> None:
    page = CaseStudyPage.objects.live().order_by("pk").first()
    assert page is not None, "generate_synthetic_casestudies first"
    report = {"saves": 0, "locked": 0, "other": 0}
    print("ready", flush=True)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with transaction.atomic():
                page.title = f"bench draft {report['saves']}"
                page.save_revision()
        except OperationalError as exc:
            report["locked" if "locked" in str(exc) else "other"] += 1
        else:
            report["saves"] += 1
    print(json.dumps(report), flush=True)


if __name__ == "__main__":
    main(float(sys.argv[1]))
