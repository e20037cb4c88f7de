"""``manage.py import_casestudies FILE [--publish] [--dry-run]`` (docs/importer.md)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from casestudies.importer import ImportFailed, import_file


class Command(BaseCommand):
    help = (
        "Import case studies and columns from a JSON file. The whole file is "
        "validated first and written in one transaction: on any problem nothing is "
        "written. Pages are saved as drafts unless --publish is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The JSON file; images are read beside it.")
        parser.add_argument(
            "--publish", action="store_true", help="Publish every imported page."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Validate and write, then roll everything back.",
        )

    def handle(self, *args, file: str, publish: bool, dry_run: bool, **options):
        # The command speaks English whatever LANGUAGE_CODE says: its reports are
        # quoted in logs and issues (see ENGLISH_ONLY in scripts/check_messages.py).
        with translation.override("en"):
            try:
                summary = import_file(file, publish=publish, dry_run=dry_run)
            except ImportFailed as exc:
                raise CommandError(exc.report()) from exc
            for line in summary.lines():
                self.stdout.write(line)
