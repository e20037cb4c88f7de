"""``manage.py export_search_synonyms --out FILE``: the glossary as Solr synonyms.

For an OpenSearch cluster that reads its synonyms from a file
(``synonyms_path``) rather than inline index settings (``search.opensearch``).
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from search.opensearch import synonyms_export


class Command(BaseCommand):
    help = "Write the search glossary as a Solr-format synonym file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--out", required=True, type=Path, help="The file to write (UTF-8)."
        )

    def handle(self, *args, out: Path, **options) -> None:
        lines = synonyms_export()
        # One rule per line, UTF-8, newline-terminated: what OpenSearch reads.
        out.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
        self.stdout.write(f"{len(lines)} synonym rules written to {out}")
