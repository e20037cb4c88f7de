"""Saves of one page are serialised, so a late autosave cannot overwrite newer work.

Upstream: https://github.com/wagtail/wagtail/pull/13749 ("Fix race condition in
autosave revision overwrite", closed unmerged). Wagtail 8's page edit view reads
the page's latest revision when the request starts and refuses an autosave whose
editor loaded an older one ("Saving will overwrite a newer version"). The check
and the write are not atomic: on PostgreSQL (READ COMMITTED) an autosave that
arrives while a submit or another save of the same page is still in its
transaction sees the old latest revision, passes the check, and then writes its
stale form over the work that has just committed. The browser journey caught it:
the editor's "submit for review" was followed by an autosave sent a moment
earlier, and the revision under review lost the tag ticked last. SQLite does not
show it, since its IMMEDIATE transactions already serialise writers.

``install()`` makes the edit view lock the page row (``SELECT … FOR UPDATE``)
before it reads anything, for every POST. Each POST runs in one transaction
(``cms.atomic_writes``), so the lock is held until it commits and the next save
of that page then reads the revision that commit made. Saves of other pages are
not affected. Delete this module once Wagtail takes the lock itself.
"""

from __future__ import annotations

from wagtail.admin.views.pages.edit import EditView
from wagtail.models import Page


def _serialised(dispatch):
    def dispatch_serialised(self, request, page_id, *args, **kwargs):
        if request.method == "POST":
            Page.objects.select_for_update().filter(pk=page_id).first()
        return dispatch(self, request, page_id, *args, **kwargs)

    dispatch_serialised.casebook_serialised = True
    return dispatch_serialised


def install() -> None:
    if not getattr(EditView.dispatch, "casebook_serialised", False):
        EditView.dispatch = _serialised(EditView.dispatch)


install()
