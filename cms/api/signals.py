"""Start a new content version whenever public output may have changed.

Publish, unpublish (scheduled expiry included), scheduled go-live, move, delete
(translation publishing is a publish too), privacy settings on pages and
collections, sites, taxonomy labels, images and documents all bump the version
(``cms.api.version``) inside the transaction that makes the change. A front-end
cache (CDN), if configured, is purged of the pages by
``wagtail.contrib.frontend_cache`` and of the API URLs by ``purge``, after commit.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.api import version
from cms.api.purge import purge_api
from cms.models import CasebookImage, Tag, TagGroup, Theme
from cms.tasks import enqueue_renditions
from cms.translation_state import record_published_state

DISPATCH = "cms.api.bump"


def connect() -> None:
    # What a published translation left untranslated, stored with it (read by the
    # item builders), in the same transaction as the publish.
    page_published.connect(record_published_state, dispatch_uid="cms.api.untranslated")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(version.bump, dispatch_uid=f"{DISPATCH}.{id(signal)}")
        signal.connect(purge_api, dispatch_uid=f"cms.api.purge.{id(signal)}")
    post_delete.connect(
        _page_deleted, dispatch_uid=f"{DISPATCH}.page_delete", weak=False
    )
    # Renditions are made by the task worker after the save commits (cms.tasks);
    # its commit bumps the version again, when they exist.
    post_save.connect(
        enqueue_renditions, sender=CasebookImage, dispatch_uid="cms.renditions"
    )
    for model in (
        PageViewRestriction,
        CollectionViewRestriction,
        Collection,
        Site,
        CasebookImage,
        get_document_model(),
        Tag,
        TagGroup,
        Theme,
    ):
        for signal in (post_save, post_delete):
            signal.connect(
                version.bump,
                sender=model,
                dispatch_uid=f"{DISPATCH}.{model.__name__}.{id(signal)}",
            )


def _page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        version.bump()
