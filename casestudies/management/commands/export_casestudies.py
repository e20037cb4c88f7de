"""``manage.py export_casestudies [--locale L] [--section S] [--key K …] OUT_DIR``."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from casestudies.exporter import ExportError, export_casebook
from casestudies.models import Section


class Command(BaseCommand):
    help = (
        "Export case studies and columns, with their translations and images, in "
        "the import format (docs/importer.md): OUT_DIR/casebook.json and "
        "OUT_DIR/images/. Import it again with import_casestudies."
    )

    def add_arguments(self, parser):
        parser.add_argument("out_dir", help="Folder to write (created if missing).")
        parser.add_argument(
            "--locale",
            action="append",
            choices=("ja", "en"),
            default=[],
            help="Only records in this language (repeatable).",
        )
        parser.add_argument(
            "--section",
            action="append",
            choices=Section.values,
            default=[],
            help="Only case studies of this section (repeatable; columns stay).",
        )
        parser.add_argument(
            "--key",
            action="append",
            default=[],
            help="Only the record with this key and its translations (repeatable).",
        )

    def handle(self, *args, out_dir: str, locale, section, key, **options):
        # Reports in English, like the importer's (scripts/check_messages.py).
        with translation.override("en"):
            try:
                summary = export_casebook(
                    Path(out_dir), locales=locale, sections=section, keys=key
                )
            except ExportError as exc:
                raise CommandError(str(exc)) from exc
            for line in summary.lines():
                self.stdout.write(line)
