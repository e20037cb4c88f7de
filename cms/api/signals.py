"""Invalidate every cached API response when public content may have changed.

Publish, unpublish, move, delete (translation publishing is a publish too), privacy
settings on pages and collections, taxonomy labels and images all bump the content
version (see ``caching``); a front-end cache (CDN), if configured, is purged of
the pages by ``wagtail.contrib.frontend_cache`` and of the API URLs by ``purge``.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
)
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.api.caching import bump_content_version
from cms.api.purge import purge_api
from cms.models import CasebookImage, Tag, TagGroup, Theme

DISPATCH = "cms.api.bump"


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump_content_version, dispatch_uid=f"{DISPATCH}.{id(signal)}")
        signal.connect(purge_api, dispatch_uid=f"cms.api.purge.{id(signal)}")
    post_delete.connect(
        _page_deleted, dispatch_uid=f"{DISPATCH}.page_delete", weak=False
    )
    for model in (
        PageViewRestriction,
        CollectionViewRestriction,
        Collection,
        CasebookImage,
        Tag,
        TagGroup,
        Theme,
    ):
        for signal in (post_save, post_delete):
            signal.connect(
                bump_content_version,
                sender=model,
                dispatch_uid=f"{DISPATCH}.{model.__name__}.{id(signal)}",
            )


def _page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        bump_content_version()
