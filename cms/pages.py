"""Create-or-update of pages by a stable lookup, for importers and site setup."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from wagtail.models import Page


@transaction.atomic
def upsert_child_page(
    parent: Page,
    page_class: type[Page],
    *,
    match: Mapping[str, Any],
    values: Mapping[str, Any],
    publish: bool,
    user=None,
) -> Page:
    """Find ``page_class`` under ``parent`` by ``match``, or create it; save a revision.

    Existing pages get a new revision with ``values`` applied (the live version is
    untouched unless ``publish``), so re-running an import never duplicates pages.
    Many-to-many values (lists) are assigned through modelcluster.
    """
    page = (
        page_class.objects.child_of(parent)
        .filter(locale=parent.locale, **match)
        .first()
    )
    plain = {k: v for k, v in values.items() if not _is_m2m(page_class, k)}
    m2m = {k: v for k, v in values.items() if _is_m2m(page_class, k)}
    if page is None:
        page = page_class(locale=parent.locale, **match, **plain)
        if not publish:
            page.live = False
        for name, items in m2m.items():
            getattr(page, name).set(items)
        parent.add_child(instance=page)
    else:
        page = page.get_latest_revision_as_object()
        for name, value in plain.items():
            setattr(page, name, value)
        for name, items in m2m.items():
            getattr(page, name).set(items)
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
        page.refresh_from_db()
    return page


def _is_m2m(page_class: type[Page], name: str) -> bool:
    try:
        return page_class._meta.get_field(name).many_to_many
    except Exception:
        return False
