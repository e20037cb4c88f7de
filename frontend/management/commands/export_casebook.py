"""``manage.py export_casebook --locale ja --out FILE [--case ID]``: the PDF to a file.

For print shops and offline copies: the same PDF the site serves, built now from
the API (``frontend.pdf.render``), whatever editions are kept. The file appears
whole or not at all, and an unwritable path fails before the seconds of building.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from frontend.client import ApiError, ApiUnavailable
from frontend.pdf import render
from frontend.pdf.editions import atomic_file

# Typst writes each page object uncompressed (``/Type/Page``; the tree is
# ``/Type/Pages``), so counting them needs no PDF library.
PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def page_count(pdf: bytes) -> int:
    return len(PAGE_OBJECT.findall(pdf))


class Command(BaseCommand):
    help = (
        "Write the casebook (or one case with --case) in one language as a PDF, "
        "built now from the public API."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--locale",
            required=True,
            choices=[code for code, _name in settings.LANGUAGES],
            help="The language of the edition.",
        )
        parser.add_argument("--out", required=True, help="The PDF file to write.")
        parser.add_argument(
            "--case",
            type=int,
            dest="case_id",
            help="Only this case (its page id), as the site's case PDF.",
        )

    def handle(self, *args, locale: str, out: str, case_id: int | None, **options):
        path = Path(out)
        started = time.monotonic()
        try:
            # Opened first, so a bad path fails before the build; renamed into
            # place only once the whole PDF is written.
            with atomic_file(path) as file:
                pdf = self._render(locale, case_id)
                file.write(pdf)
        except OSError as error:  # _render raises none: it says what went wrong
            raise CommandError(
                _("Cannot write %(path)s: %(reason)s")
                % {"path": path, "reason": error.strerror or error}
            ) from error
        self.stdout.write(
            _("Wrote %(path)s: %(pages)d pages, %(bytes)d bytes, %(seconds).2f s")
            % {
                "path": path,
                "pages": page_count(pdf),
                "bytes": len(pdf),
                "seconds": time.monotonic() - started,
            }
        )

    def _render(self, locale: str, case_id: int | None) -> bytes:
        try:
            if case_id is None:
                return render.render_booklet(locale)
            return render.render_case(case_id, locale)
        except ApiError as error:
            if case_id is not None and error.status in (400, 404):
                raise CommandError(
                    _("Case %(case_id)s is not public in %(locale)s.")
                    % {"case_id": case_id, "locale": locale}
                ) from error
            raise CommandError(
                _("The API refused the export: %(reason)s") % {"reason": error}
            ) from error
        except ApiUnavailable as error:
            raise CommandError(
                _("The API is unavailable: %(reason)s") % {"reason": error}
            ) from error
        except OSError as error:
            # Not the output's fault (a staged image, a font): said apart from it.
            raise CommandError(
                _("Could not build the PDF: %(reason)s") % {"reason": error}
            ) from error
