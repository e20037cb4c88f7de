"""A separate process that changes content when told to, for cross-process tests.

Run as ``python -m tests.processes.writer`` with the settings and ``DATABASE_URL``
of the server under test. It reads one command a line on stdin and answers ``ok``
(or ``error …``) on stdout once the change is committed, so the test knows exactly
when every other process must see it:

* ``unpublish ID`` / ``publish ID`` — in a transaction of their own;
* ``hold-unpublish ID`` — unpublish in a transaction left open until ``commit``;
* ``expire ID`` — set ``expire_at`` in the past (the scheduler does the rest);
* ``version`` — print the committed content version.
"""

from __future__ import annotations

import sys
from datetime import timedelta


def main() -> None:
    import django

    django.setup()
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Page

    from cms.api import version

    def answer(text: str) -> None:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()

    def specific(page_id: str):
        return Page.objects.get(pk=int(page_id)).specific

    for line in sys.stdin:
        command, *args = line.split()
        try:
            if command == "unpublish":
                with transaction.atomic():
                    specific(args[0]).unpublish()
            elif command == "publish":
                with transaction.atomic():
                    page = specific(args[0])
                    page.get_latest_revision().publish()
            elif command == "hold-unpublish":
                with transaction.atomic():
                    specific(args[0]).unpublish()
                    answer("held")
                    if sys.stdin.readline().strip() != "commit":
                        raise RuntimeError("expected commit")
            elif command == "expire":
                Page.objects.filter(pk=int(args[0])).update(
                    expire_at=timezone.now() - timedelta(minutes=1)
                )
            elif command == "version":
                answer(version.read().value)
                continue
            else:
                raise ValueError(command)
        except Exception as exc:  # reported to the test, which fails on it
            answer(f"error {type(exc).__name__}: {exc}")
            continue
        answer("ok")


if __name__ == "__main__":
    main()
