"""Create-or-update of pages by a stable lookup, for importers and site setup.

Writes that turn out to change nothing are rolled back, so running an import or
the demo setup again adds no revisions.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import FieldDoesNotExist
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
    except FieldDoesNotExist:  # a plain attribute, not a model field
        return False


# Page fields compared (besides the specific model's own) to tell whether a write
# changed anything.
PAGE_FIELDS_COMPARED = ("title", "slug", "seo_title", "search_description")


class _Unchanged(Exception):
    """Rolls back a page write whose content turned out identical."""


def write_unless_unchanged(
    existing: Page | None,
    write: Callable[[], Page],
    *,
    publish: bool,
    compare: bool = True,
) -> tuple[Page, str]:
    """Run ``write`` and say whether it ``created``, ``updated`` or left the page
    ``unchanged``; an unchanged write is rolled back (no new revision).

    ``compare=False`` forces the write (e.g. a translation whose source changed
    must be synced even when its own words are the same).
    """
    if existing is None:
        return write(), "created"
    existing = existing.specific
    if not compare:
        return write(), "updated"
    before = content_snapshot(existing)
    already_published = existing.live and not existing.has_unpublished_changes
    try:
        with transaction.atomic():
            page = write()
            after = content_snapshot(Page.objects.get(pk=page.pk).specific)
            if after == before and (already_published or not publish):
                raise _Unchanged
    except _Unchanged:
        return existing, "unchanged"
    return page, "updated"


def content_snapshot(page: Page) -> dict[str, Any]:
    """The editable content of ``page``'s latest revision, without block ids."""
    revision = page.get_latest_revision()
    content = revision.content if revision else {}
    names = list(PAGE_FIELDS_COMPARED)
    for model_field in page._meta.get_fields():
        if getattr(model_field, "model", None) is Page or not model_field.concrete:
            continue
        if model_field.name.endswith("_ptr"):
            continue
        names.append(model_field.name)
    snapshot = {}
    for name in names:
        value = content.get(name)
        if value is None:
            value = content.get(f"{name}_id")
        snapshot[name] = _without_block_ids(value)
    return snapshot


def _without_block_ids(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("[{"):
        try:
            value = json.loads(value)
        except ValueError:
            return value
    if isinstance(value, list):
        return [_without_block_ids(item) for item in value]
    if isinstance(value, dict):
        return {k: _without_block_ids(v) for k, v in value.items() if k != "id"}
    return value
