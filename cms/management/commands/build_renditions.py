"""``manage.py build_renditions [--now]``: make every registered rendition.

For images saved before a rendition spec was registered (or before renditions were
made by the task worker): queues one task per image for the worker, or with
``--now`` makes them here and now, for a site without a worker.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from wagtail.images import get_image_model

from cms.tasks import build_renditions, enqueue_all


class Command(BaseCommand):
    help = "Queue (or, with --now, make) every registered rendition of every image."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", action="store_true", help="Make them in this process."
        )

    def handle(self, *args, now: bool, **options):
        if not now:
            count = enqueue_all()
            self.stdout.write(f"Queued renditions of {count} image(s).")
            return
        ids = list(get_image_model().objects.values_list("pk", flat=True))
        made = sum(build_renditions.call(image_id) or 0 for image_id in ids)
        self.stdout.write(f"Made {made} rendition(s) of {len(ids)} image(s).")
