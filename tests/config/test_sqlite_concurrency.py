"""SQLite with several processes: concurrent saves wait their turn, reads never block.

Why this module exists: on the default SQLite file database, three processes saving
revisions at once lost most of their saves to "database is locked" (the admin
answered 500 when two people edited). The fix is in two places:

* ``config/settings/base.py``: WAL journal, a busy timeout and ``BEGIN IMMEDIATE``
  transactions, so a writer takes the write lock when its transaction starts and
  waits for it instead of failing when a read transaction cannot be upgraded;
* ``cms/atomic_writes.py``: only unsafe-method requests run in a transaction, so a
  GET never takes that write lock (``ATOMIC_REQUESTS`` would wrap every GET in a
  ``BEGIN IMMEDIATE``).

Neither can be shown inside one test process on the in-memory test database, so
these tests migrate a temporary SQLite *file* once per module and then run real OS
processes (``manage.py shell -c``, production settings) against it. They are
skipped when the suite's database is not SQLite (the PostgreSQL CI run).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
WORKERS = 3
SAVES_PER_WORKER = 25
PUBLISH_EVERY = 5  # every fifth save publishes (page, revision, log entry, aliases)
USERNAME = "concurrency-editor"
# A GET that had to wait for the write lock would wait the whole busy timeout
# (20 s); an autocommit read answers in well under a second even on a busy machine.
READ_DEADLINE_SECONDS = 5.0

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason=(
        "SQLite file-locking behaviour: only meaningful when the test database is "
        "SQLite (this run uses "
        f"{settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]})"
    ),
)


@dataclass(frozen=True)
class FileDatabase:
    path: Path
    env: dict[str, str]
    page_ids: list[int]
    migrate_seconds: float


def _env(tmp: Path, db_path: Path) -> dict[str, str]:
    """Production settings against the file database, as a deployment runs them."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="sqlite-concurrency-test-key-not-for-production-0123456789",
        DATABASE_URL=f"sqlite:///{db_path}",
        ALLOWED_HOSTS="testserver,localhost,127.0.0.1",
        SECURE_COOKIES="false",
        MEDIA_ROOT=str(tmp / "media"),
        CACHE_URL="locmem://",
        # The 500s of a failing run are counted from the worker's report; their
        # tracebacks on stderr would only bury it.
        LOG_LEVEL="CRITICAL",
    )
    return env


def _shell(env: dict[str, str], code: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def _run_shell(env: dict[str, str], code: str, timeout: float = 300) -> str:
    process = _shell(env, code)
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, err[-4000:]
    return out


def _last_json(out: str):
    return json.loads(out.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def file_db(tmp_path_factory) -> FileDatabase:
    """A migrated SQLite file with a superuser and one case study per worker."""
    tmp = tmp_path_factory.mktemp("sqlite-concurrency")
    db_path = tmp / "db.sqlite3"
    env = _env(tmp, db_path)
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=600,
    )
    migrate_seconds = time.monotonic() - started
    print(f"\nsqlite concurrency: migrate took {migrate_seconds:.1f} s")
    out = _run_shell(env, f"from {__name__} import set_up; set_up({WORKERS})")
    return FileDatabase(db_path, env, _last_json(out), migrate_seconds)


# --- Code run inside the child processes ----------------------------------------


def set_up(pages: int) -> None:
    """The site tree, an editor who may publish, and ``pages`` published cases."""
    from django.contrib.auth import get_user_model

    from casestudies.site_structure import ensure_section
    from home.site_structure import ensure_home_page
    from tests.factories import make_case_study

    home = ensure_home_page(
        ja={"title": "JET-ALT 活動事例集", "slug": "home"},
        en={"title": "JET-ALT Casebook"},
    )
    school = ensure_section(
        home,
        "school",
        ja={"title": "学校における取組", "heading": "教室で活躍するJET-ALT"},
        en={"title": "In schools", "heading": "JET-ALTs in the classroom"},
    )
    get_user_model().objects.create_superuser(
        USERNAME, f"{USERNAME}@example.org", "unused-password"
    )
    ids = [
        make_case_study(school, slug=f"concurrent-{n}", title=f"同時編集 {n}").pk
        for n in range(pages)
    ]
    print(json.dumps(ids))


def save_loop(page_id: int, saves: int, start_at: float) -> None:
    """Save ``saves`` revisions of one page through the admin editor, as a person.

    Prints one JSON line: how many saves succeeded, how many failed with
    "database is locked", and any other failure.
    """
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse
    from wagtail.models import Page

    from tests.workflows.pages import edit_data

    client = Client()
    # Logging in writes the session and last_login: done before the start line so
    # that only the saves race.
    client.force_login(get_user_model().objects.get(username=USERNAME))
    page = Page.objects.get(pk=page_id).specific
    url = reverse("wagtailadmin_pages:edit", args=[page_id])
    base = edit_data(page)
    time.sleep(max(0.0, start_at - time.time()))
    report: dict = {"ok": 0, "locked": 0, "other": []}
    for n in range(saves):
        data = {**base, "title": f"同時編集 {page_id}-{n}"}
        if n % PUBLISH_EVERY == PUBLISH_EVERY - 1:
            data["action-publish"] = "1"
        try:
            response = client.post(url, data)
        except Exception as exc:  # what a person sees as a 500
            key = "locked" if "database is locked" in str(exc) else "other"
            if key == "other":
                report["other"].append(f"{type(exc).__name__}: {exc}")
            report[key] += 1
            continue
        if response.status_code == 302:
            report["ok"] += 1
        else:
            report["other"].append(f"status {response.status_code}")
    print(json.dumps(report))


def hold_write_lock(page_id: int) -> None:
    """Open a write transaction, say so, and keep it open until stdin closes."""
    from django.db import transaction
    from wagtail.models import Page

    with transaction.atomic():
        Page.objects.filter(pk=page_id).update(title="書き込み中")
        print("holding", flush=True)
        sys.stdin.read()
        transaction.set_rollback(True)


def timed_get(path: str) -> None:
    """One anonymous GET through the whole middleware stack, timed."""
    from django.test import Client

    client = Client()
    started = time.monotonic()
    try:
        status, error = client.get(path).status_code, ""
    except Exception as exc:
        status, error = 500, f"{type(exc).__name__}: {exc}"
    seconds = time.monotonic() - started
    print(json.dumps({"status": status, "seconds": seconds, "error": error}))


# --- The tests --------------------------------------------------------------------


def test_concurrent_admin_saves_do_not_fail_with_database_is_locked(file_db):
    # Interpreters start at different speeds: all workers wait for one start line.
    start_at = time.time() + 8
    workers = [
        _shell(
            file_db.env,
            f"from {__name__} import save_loop; "
            f"save_loop({page_id}, {SAVES_PER_WORKER}, {start_at})",
        )
        for page_id in file_db.page_ids
    ]
    reports = []
    for worker in workers:
        out, err = worker.communicate(timeout=600)
        assert worker.returncode == 0, err[-4000:]
        reports.append(_last_json(out))
    total = WORKERS * SAVES_PER_WORKER
    failed = total - sum(r["ok"] for r in reports)
    locked = sum(r["locked"] for r in reports)
    print(
        f"\nsqlite concurrency: {failed} of {total} saves failed "
        f"({locked} 'database is locked') across {WORKERS} processes"
    )
    assert locked == 0, reports
    assert failed == 0, reports

    # Every save left its revision: nothing was lost quietly either.
    connection = sqlite3.connect(file_db.path)
    try:
        for page_id in file_db.page_ids:
            (revisions,) = connection.execute(
                "SELECT COUNT(*) FROM wagtailcore_revision WHERE object_id = ?",
                (str(page_id),),
            ).fetchone()
            assert revisions >= SAVES_PER_WORKER + 1  # + the one made at set-up
    finally:
        connection.close()


def test_a_get_does_not_wait_for_another_process_write_transaction(file_db):
    # Warm up first so that the timed request does no one-off work (e.g. caches).
    _run_shell(
        file_db.env, f"from {__name__} import timed_get; timed_get('/api/v1/taxonomy/')"
    )
    holder = _shell(
        file_db.env,
        f"from {__name__} import hold_write_lock; "
        f"hold_write_lock({file_db.page_ids[0]})",
        stdin=subprocess.PIPE,
    )
    try:
        assert holder.stdout.readline().strip() == "holding", holder.stderr.read()
        # The holder really has the write lock: another writer cannot start.
        probe = sqlite3.connect(file_db.path, timeout=0.1)
        with pytest.raises(sqlite3.OperationalError, match="database is locked"):
            probe.execute("BEGIN IMMEDIATE")
        probe.close()

        for path in ("/api/v1/taxonomy/", "/api/v1/case-studies/?limit=20"):
            result = _last_json(
                _run_shell(
                    file_db.env,
                    f"from {__name__} import timed_get; timed_get({path!r})",
                )
            )
            assert result["error"] == "", result
            assert result["status"] == 200, result
            assert result["seconds"] < READ_DEADLINE_SECONDS, result
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
    assert holder.returncode == 0, holder.stderr.read()[-4000:]
