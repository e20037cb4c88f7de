"""Built PDFs kept on disk per content version, so a download never waits on Typst.

An edition is one PDF the site offers: the whole booklet in a language, or one
case in a language. Like a page (``frontend.page_cache``) it is a function of the
content version, so its file is named by the version it was built from and is
current exactly while the API reports that version; it needs no invalidation.

A booklet takes seconds to build, so nothing builds one unless a PDF was asked
for. Serving an edition (``serve``):

* a file at the current version: sent as it is;
* only an older file: sent at once while a rebuild is queued (once per edition
  and version: ``cache.add`` is the marker), so a publish never makes a reader
  wait; a single case is first checked to be public still, so a withdrawn case
  is never sent from an old file;
* no file yet: built in the request, the only time a reader waits.

The task worker keeps the files current (``frontend.pdf.tasks``). Files are
written to a temporary name and renamed into place, so a reader never sees half
a PDF; a reader that has opened a file keeps it even if a newer build removes it.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.core.cache import cache

from frontend.client import api
from frontend.pdf import render

logger = logging.getLogger(__name__)

BOOKLET = "booklet"
CASE = "case"
# A queued rebuild that never ran (a worker down, a build that failed) is queued
# again by the first request after this many seconds.
REBUILD_MARKER_SECONDS = 600
# booklet.ja.<version>.pdf, case-12.en.<version>.pdf: dots separate the parts,
# and none of them can hold one.
FILE_NAME = re.compile(
    r"^(booklet|case-(\d+))\.([a-z]{2,3}(?:-[a-z0-9]+)*)\.([\w-]+)\.pdf$", re.ASCII
)
SAFE_VERSION = re.compile(r"^[\w-]{1,64}$", re.ASCII)


@dataclass(frozen=True)
class Edition:
    kind: str  # BOOKLET or CASE
    locale: str
    case_id: int | None = None

    @classmethod
    def booklet(cls, locale: str) -> Edition:
        return cls(BOOKLET, locale)

    @classmethod
    def case(cls, case_id: int, locale: str) -> Edition:
        return cls(CASE, locale, case_id)

    @property
    def stem(self) -> str:
        """How its files are named before the version: ``case-12.ja``."""
        kind = BOOKLET if self.kind == BOOKLET else f"{CASE}-{self.case_id}"
        return f"{kind}.{self.locale}"

    @property
    def download_name(self) -> str:
        if self.kind == BOOKLET:
            return f"jet-alt-casebook-{self.locale}.pdf"
        return f"jet-alt-casebook-case-{self.case_id}-{self.locale}.pdf"

    def render(self) -> bytes:
        """The PDF as the API serves the content now (``ApiError`` 404 for a
        case not public in the locale)."""
        if self.kind == BOOKLET:
            return render.render_booklet(self.locale)
        return render.render_case(self.case_id, self.locale)


@dataclass(frozen=True)
class Built:
    pdf: bytes
    version: str  # the version it was built from
    path: Path | None  # None: the content changed while it was built; not kept


@dataclass
class Served:
    file: BinaryIO  # open, so a newer build removing the file cannot cut it off
    version: str  # the version the edition was built from


def editions_dir() -> Path:
    return Path(settings.PDF_EDITIONS_DIR)


def content_version() -> str:
    return api().get("version/").data["version"]


def file_version(version: str) -> str:
    """``version`` as it appears in a file name. The API's tokens are already
    safe; anything else (an API over HTTP answers what it likes) is hashed."""
    if SAFE_VERSION.match(version):
        return version
    return hashlib.sha256(version.encode()).hexdigest()[:32]


def etag_for(version: str) -> str:
    return f'"pdf-{file_version(version)}"'


def current_file(edition: Edition, version: str) -> Path | None:
    """The edition's file at ``version``, if it was built."""
    path = editions_dir() / f"{edition.stem}.{file_version(version)}.pdf"
    return path if path.is_file() else None


def files_of(edition: Edition) -> list[Path]:
    """The edition's files, newest first (normally one; two only while a build
    that raced another has not cleaned up yet)."""
    prefix = f"{edition.stem}."
    found = [p for p in _pdf_files() if p.name.startswith(prefix)]
    return sorted(found, key=_mtime_ns, reverse=True)


def latest_file(edition: Edition) -> Path | None:
    files = files_of(edition)
    return files[0] if files else None


def version_of(path: Path) -> str:
    match = FILE_NAME.match(path.name)
    return match.group(4) if match else ""


def kept() -> list[Edition]:
    """Every edition that has a file, whatever its version."""
    languages = {code for code, _name in settings.LANGUAGES}
    found: set[Edition] = set()
    for path in _pdf_files():
        match = FILE_NAME.match(path.name)
        if match is None or match.group(3) not in languages:
            continue  # not ours: never built, never served
        case_id = match.group(2)
        locale = match.group(3)
        found.add(
            Edition.case(int(case_id), locale) if case_id else Edition.booklet(locale)
        )
    return sorted(found, key=lambda e: e.stem)


def any_kept() -> bool:
    """Cheap: one directory listing, no PDF read."""
    return next(_pdf_files(), None) is not None


def build(edition: Edition) -> Built:
    """Render the edition and keep it under the version it was built from.

    The version is read before and after rendering: if it changed meanwhile the
    PDF mixes two versions, so it is not kept (whoever changed the content also
    started a newer rebuild, or the next request will)."""
    before = content_version()
    pdf = edition.render()
    after = content_version()
    if after != before:
        logger.info(
            "Not keeping %s built at version %s: the content changed to %s "
            "meanwhile, and a rebuild for that version is coming",
            edition.stem,
            before,
            after,
        )
        return Built(pdf, before, None)
    return Built(pdf, before, store(edition, before, pdf))


def store(edition: Edition, version: str, pdf: bytes) -> Path:
    """Write the file for ``version`` in place, then remove the older ones."""
    path = editions_dir() / f"{edition.stem}.{file_version(version)}.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_file(path) as file:
        file.write(pdf)
    mine = _mtime_ns(path)
    for other in files_of(edition):
        # Only older ones: a build that finished after ours is newer.
        if other != path and _mtime_ns(other) < mine:
            other.unlink(missing_ok=True)
    logger.info("Kept %s at version %s (%d bytes)", edition.stem, version, len(pdf))
    return path


def discard(edition: Edition) -> None:
    """Remove every file of the edition (a case no longer public)."""
    for path in files_of(edition):
        path.unlink(missing_ok=True)


def serve(edition: Edition, version: str) -> Served:
    """What to send for ``edition`` when the content is at ``version`` (see the
    module docstring). ``ApiError`` 404 for a case not public in the locale."""
    # Twice: a file found may be removed by a newer build before it is opened.
    for _attempt in range(2):
        path = current_file(edition, version)
        if path is not None and (file := _open(path)) is not None:
            return Served(file, version_of(path))
        older = latest_file(edition)
        if older is None:
            break
        if edition.kind == CASE:
            # Withdrawn since that file was built: the API's 404, not the file.
            api().get(f"case-studies/{edition.case_id}/", {"locale": edition.locale})
        if (file := _open(older)) is not None:
            # Opened first: an immediate task backend rebuilds (and removes
            # this file) before the enqueue returns.
            request_rebuild([edition], version)
            return Served(file, version_of(older))
    built = build(edition)
    return Served(io.BytesIO(built.pdf), built.version)


def request_rebuild(editions: Iterable[Edition], version: str) -> bool:
    """Queue one rebuild for the editions not yet queued at ``version``; True
    if it was queued. The marker is shared by every process using the cache."""
    newly_marked = [
        edition
        for edition in editions
        if cache.add(_marker(edition, version), True, timeout=REBUILD_MARKER_SECONDS)
    ]
    if not newly_marked:
        return False
    # Here, not at the top: the task module imports this one.
    from frontend.pdf.tasks import rebuild_editions

    rebuild_editions.enqueue()
    return True


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A file that appears at ``path`` whole when the block ends, or not at all.

    The temporary file is made on entry, in the same folder (``os.replace`` is
    atomic only within one file system), so an unwritable path fails before any
    work is done."""
    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".part"
    )
    try:
        with os.fdopen(handle, "wb") as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _marker(edition: Edition, version: str) -> str:
    return f"frontend:pdf:rebuild:{file_version(version)}:{edition.stem}"


def _pdf_files() -> Iterator[Path]:
    # Not the ".….part" files of builds in progress.
    return (p for p in editions_dir().glob("[!.]*.pdf") if p.is_file())


def _open(path: Path) -> BinaryIO | None:
    try:
        return path.open("rb")
    except FileNotFoundError:
        return None


def _mtime_ns(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return 0
