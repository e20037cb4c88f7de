"""``manage.py load_demo_content``: the bilingual demo site (idempotent)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from casestudies.demo.loader import load_demo_content
from casestudies.importer import ImportFailed


class Command(BaseCommand):
    help = (
        "Create the home pages, sections and column series in Japanese and English, "
        "import the demo case studies and columns (images drawn locally) and a demo "
        "admin. Safe to run again: it updates instead of duplicating."
    )

    def handle(self, *args, **options):
        # English reports, like import_casestudies (the importer's messages).
        with translation.override("en"):
            try:
                summary = load_demo_content()
            except ImportFailed as exc:
                raise CommandError(exc.report()) from exc
            for line in summary.lines():
                self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
