"""What an import may write, counted: tests compare it before and after a refusal."""

from __future__ import annotations

import os

from django.conf import settings
from wagtail.models import Page, Revision
from wagtail_localize.models import Translation, TranslationSource

from cms.models import CasebookImage, Theme


def media_files() -> int:
    return sum(len(files) for _root, _dirs, files in os.walk(settings.MEDIA_ROOT))


def written_state() -> dict[str, int]:
    """Rows and files an import writes; equal before and after = nothing written."""
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": CasebookImage.objects.count(),
        "translations": Translation.objects.count(),
        "translation sources": TranslationSource.objects.count(),
        "themes": Theme.objects.count(),
        "media files": media_files(),
    }
