"""Keeping the built PDFs current: a background rebuild, and who queues it.

:func:`rebuild_editions` rebuilds every edition that has a file
(``frontend.pdf.editions``) but none at the current version: whatever a reader
asked for once (a booklet, a single case) stays current, and nothing else is
ever built. It is queued

* in the single deployment (``CMS_API_URL`` empty), by
  :func:`rebuild_on_new_version`, a receiver of the kernel's
  ``content_version_changed`` (named by ``CMS_CONTENT_VERSION_SIGNAL``, so this
  package imports nothing of the CMS), once the change has committed; and only
  when a file exists, so the many publishes of an editor (or of the test suite)
  build nothing nobody asked for;
* when the site runs apart (``CMS_API_URL`` set), by the first request that sees
  a new version (``editions.serve``).

Both mark the editions they queue for in the cache, so one version queues one
rebuild however many requests and signals see it.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils.module_loading import import_string
from django_tasks import task

from frontend.client import ApiError
from frontend.pdf import editions

logger = logging.getLogger(__name__)

DISPATCH_UID = "frontend.pdf.tasks.rebuild_on_new_version"


@task()
def rebuild_editions() -> int:
    """Rebuild each kept edition not at the current version; return how many
    were kept."""
    version = editions.content_version()
    kept = 0
    for edition in editions.kept():
        if editions.current_file(edition, version) is not None:
            continue
        try:
            built = editions.build(edition)
        except ApiError as error:
            if error.status not in (400, 404):
                raise
            # A case withdrawn, or no longer in that language: its old file
            # must not be sent again.
            logger.info("Removing %s: no longer public (%s)", edition.stem, error)
            editions.discard(edition)
            continue
        kept += built.path is not None
    return kept


def rebuild_on_new_version(sender=None, version: str = "", **kwargs) -> None:
    """``content_version_changed`` receiver: queue a rebuild if any PDF is kept."""
    if getattr(settings, "CMS_API_URL", ""):
        return  # this process's API is not the site's: its requests queue it
    if not editions.any_kept():
        return
    editions.request_rebuild(editions.kept(), version)


def connect_rebuilds() -> bool:
    """Listen to the kernel's version signal when the CMS runs in this process;
    False where it does not (the site deployed without the CMS)."""
    try:
        signal = import_string(settings.CMS_CONTENT_VERSION_SIGNAL)
    except ImportError:
        return False
    signal.connect(rebuild_on_new_version, dispatch_uid=DISPATCH_UID)
    return True
