"""The content version: one database row that changes with every public change.

Every cache of public output (API bodies, selector snapshots, the site's and the
booklet's caches) is keyed by this value. It lives in the database, not in a
cache, so that every process (each server worker, the scheduler, the importer, a
shell) reads the same value, and it changes in the same transaction as the content
it describes: a reader sees the new version exactly when it can see the new
content, never before. See ``cms.api.version`` for reading and bumping it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """The single row (``pk=1``) that holds the current content version."""

    SINGLETON_PK = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON_PK)
    # A fresh random token at every bump, not a counter: a bump in a transaction
    # that rolls back can never be handed out again for other content.
    value = models.CharField(_("version"), max_length=32)
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content version")

    def __str__(self) -> str:
        return self.value
