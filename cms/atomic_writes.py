"""One transaction per unsafe-method request; reads stay in autocommit.

Why not ``ATOMIC_REQUESTS``: it wraps *every* view in a transaction. On SQLite our
transactions begin ``IMMEDIATE`` (``config/settings/base.py``) and so take the
database's single write lock when they begin: every GET (API, admin pages) would
queue behind every save, and hold up the next one. A read needs no transaction.
On PostgreSQL nothing is lost either: at READ COMMITTED each statement of a
transaction sees a fresh snapshot anyway, as each autocommit statement does.

What ``ATOMIC_REQUESTS`` guaranteed is kept for writes: a POST/PUT/PATCH/DELETE
runs in one transaction and, if it fails, writes nothing (a publish touches the
page, its revision and the audit log together; ``tests/workflows/
test_fault_sweep.py`` checks it at every query).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.http import HttpRequest, HttpResponseBase

# As CSRF protection (RFC 9110 §9.2.1): these must not change anything.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def failed(response: HttpResponseBase) -> bool:
    """Whether the request failed, so that what it wrote must not be kept.

    A view's exception reaches this middleware already turned into a 500 by
    Django's inner handler, hence the status code. DRF marks a response it built
    from an exception (``response.exception``, e.g. a validation error) and rolls
    such a request back itself, but only under ``ATOMIC_REQUESTS``: honour it here.
    """
    return response.status_code >= 500 or getattr(response, "exception", False) is True


class AtomicWritesMiddleware:
    """Wrap unsafe-method requests in ``transaction.atomic()`` (default database)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method in SAFE_METHODS:
            return self.get_response(request)
        # An exception raised through here (from a middleware further in) leaves
        # the block and rolls back like any other.
        with transaction.atomic():
            response = self.get_response(request)
            if failed(response):
                transaction.set_rollback(True)
        return response
