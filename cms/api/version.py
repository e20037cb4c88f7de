"""Reading and bumping the content version (``cms.models.ContentVersion``).

* ``bump()`` gives the row a new random token. Signal receivers call it for every
  change that can alter public output (see ``cms.api.signals``); because it is an
  ``UPDATE`` in the caller's transaction, the new version commits together with
  the change, or not at all.
* ``deferred()`` holds the bumps made inside it back to a single one at its end,
  still inside the transaction. A long import or a request that publishes several
  pages then takes the row's write lock once, late, instead of holding it from its
  first change against every other publisher.
* ``pinned()`` reads the version once for a whole request: every cache lookup in
  that request uses the same value, and the database is asked once.
* ``content_version_changed`` is sent, with ``version=<token>``, once the
  transaction that wrote a new token has committed (never for one rolled back).
  It names no receiver: whoever keeps work per version (built files, say) may
  listen, and a receiver that fails is logged without undoing the commit.

Readers never cache pre-commit state under a post-commit version: a reader learns
the new token only by reading the committed row, after which its own reads see
the committed content too. A token read inside a transaction that later rolls
back is never issued again.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone

from cms.models import ContentVersion

_pinned: ContextVar[str | None] = ContextVar("cms_content_version", default=None)
# None outside ``deferred()``; inside it, a one-item list: "a bump is pending".
_pending: ContextVar[list[bool] | None] = ContextVar(
    "cms_content_version_pending", default=None
)

# Sent after the commit of a new version; ``version`` is its token.
content_version_changed = Signal()


@dataclass(frozen=True)
class VersionInfo:
    value: str
    changed_at: datetime


def new_token() -> str:
    # Time first, so tokens sort by age when someone reads them in a log.
    return f"{time.time_ns():016x}{secrets.token_hex(4)}"


def current() -> str:
    """The version this request uses: the pinned one, else the committed row."""
    pinned_value = _pinned.get()
    if pinned_value is not None:
        return pinned_value
    return read().value


def read() -> VersionInfo:
    """The row as committed (or as written by the caller's own transaction)."""
    row = (
        ContentVersion.objects.filter(pk=ContentVersion.SINGLETON_PK)
        .values_list("value", "changed_at")
        .first()
    )
    if row is None:
        # A flushed or hand-made database: start a version rather than fail.
        return _write(new_token())
    return VersionInfo(*row)


def bump(**_signal_kwargs) -> None:
    """Start a new version (a signal receiver, hence the ignored keywords)."""
    pending = _pending.get()
    if pending is not None:
        pending[0] = True
        return
    _write(new_token())


def _write(token: str) -> VersionInfo:
    now = timezone.now()
    updated = ContentVersion.objects.filter(pk=ContentVersion.SINGLETON_PK).update(
        value=token, changed_at=now
    )
    if not updated:
        try:
            with transaction.atomic():
                ContentVersion.objects.create(
                    pk=ContentVersion.SINGLETON_PK, value=token, changed_at=now
                )
        except IntegrityError:  # another process created it first
            ContentVersion.objects.filter(pk=ContentVersion.SINGLETON_PK).update(
                value=token, changed_at=now
            )
    transaction.on_commit(
        lambda: content_version_changed.send(sender=ContentVersion, version=token),
        robust=True,
    )
    return VersionInfo(token, now)


@contextmanager
def deferred() -> Iterator[None]:
    """Collapse the bumps inside into one at the end (skipped on an exception).

    Use it inside the transaction whose changes it covers, so that the final bump
    commits with them: ``with transaction.atomic(), version.deferred(): …``.
    """
    if _pending.get() is not None:  # nested: the outermost one bumps
        yield
        return
    flag = [False]
    token = _pending.set(flag)
    try:
        yield
    finally:
        _pending.reset(token)
    if flag[0]:
        _write(new_token())


@contextmanager
def pinned() -> Iterator[str]:
    """Read the version once and use it for everything inside."""
    token = _pinned.set(None)
    value = current()
    _pinned.set(value)
    try:
        yield value
    finally:
        _pinned.reset(token)
