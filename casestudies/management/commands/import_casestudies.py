"""``manage.py import_casestudies FILE [--publish] [--dry-run] [--strict]``
(docs/importer.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from casestudies.importer import ImportFailed
from casestudies.importer.validate import read_plan
from casestudies.importer.write import write_plan


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
        parser.add_argument(
            "--strict",
            action="store_true",
            help=(
                "Refuse the file (writing nothing) if storing its rich text as the "
                "editor would removes anything; without it, removals are warnings."
            ),
        )

    def handle(
        self, *args, file: str, publish: bool, dry_run: bool, strict=False, **options
    ):
        # The command speaks English whatever LANGUAGE_CODE says: its reports are
        # quoted in logs and issues (see ENGLISH_ONLY in scripts/check_messages.py).
        with translation.override("en"):
            try:
                plan = read_plan(Path(file), publish=publish)
                summary = write_plan(
                    plan, publish=publish, dry_run=dry_run, strict=strict
                )
            except ImportFailed as exc:
                raise CommandError(exc.report()) from exc
            for line in summary.lines():
                self.stdout.write(line)
