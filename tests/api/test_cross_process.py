"""A change made by any process is served by every server worker on its next request.

Real processes against a real database file (SQLite) or server (PostgreSQL), the
same one the suite runs on: gunicorn with two workers and the default per-process
local-memory cache, under production settings; a writer process standing in for a
shell; the scheduler and the importer as the commands ``make run`` and operators
start. Each check is made right after the writer reports its change committed.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

from tests.casestudies.import_files.builder import valid_document, write_import
from tests.processes.running import gunicorn, manage

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
# Enough requests that both gunicorn workers answer some of each kind.
READS = 8


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body)


@dataclass
class Served:
    base: str
    env: dict[str, str]
    writer: subprocess.Popen

    def get(self, path: str, etag: str | None = None) -> Response:
        request = urllib.request.Request(self.base + path)
        if etag:
            request.add_header("If-None-Match", etag)
        try:
            with urllib.request.urlopen(request, timeout=30) as reply:
                return Response(reply.status, dict(reply.headers), reply.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, dict(error.headers), error.read())

    def tell(self, command: str) -> str:
        """Send a command to the writer; its answer comes once it has committed."""
        self.writer.stdin.write(command + "\n")
        self.writer.stdin.flush()
        answer = self.writer.stdout.readline().strip()
        assert not answer.startswith("error"), answer
        return answer

    def manage(self, *args: str) -> str:
        return manage(self.env, *args)

    def case_ids(self) -> list[int]:
        body = self.get("/api/v1/case-studies/?limit=100").json()
        return [item["id"] for item in body["items"]]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def database_url(tmp_path_factory) -> Iterator[str]:
    """A database of the suite's kind, apart from the test database."""
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        yield f"sqlite:///{tmp_path_factory.mktemp('xproc') / 'db.sqlite3'}"
        return
    import psycopg

    name = f"casebook_xproc_{os.getpid()}"
    server = {
        "host": db.get("HOST") or "127.0.0.1",
        "port": db.get("PORT") or 5432,
        "user": db.get("USER") or "postgres",
        "password": db.get("PASSWORD") or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    auth = server["user"] + (f":{server['password']}" if server["password"] else "")
    yield f"postgres://{auth}@{server['host']}:{server['port']}/{name}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def served(database_url, tmp_path_factory) -> Iterator[Served]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CACHE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="cross-process-test-" + "x" * 40,
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(tmp_path_factory.mktemp("xproc-media")),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_COOKIES="false",
        LOG_LEVEL="WARNING",
    )
    port = _free_port()
    served = Served(base=f"http://127.0.0.1:{port}", env=env, writer=None)
    served.manage("migrate", "--noinput")
    served.manage("load_demo_content")
    server = gunicorn(port, env)
    writer = subprocess.Popen(
        [PYTHON, "-m", "tests.processes.writer"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    served.writer = writer
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if served.get("/api/v1/version/").status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.3)
        yield served
    finally:
        writer.stdin.close()
        writer.wait(timeout=30)
        server.terminate()
        server.wait(timeout=30)


def _in_list(served: Served, page_id: int) -> list[bool]:
    return [page_id in served.case_ids() for _ in range(READS)]


def _warm(served: Served, page_id: int, path: str) -> None:
    """Fill both workers' caches, so a stale cache would show."""
    for _ in range(READS):
        served.case_ids()
        served.get(f"/api/v1/case-studies/{page_id}/")
        served.get(f"/api/v1/pages/find/?path={path}")


def test_a_change_from_another_process_is_served_on_the_next_request(served):
    page_id = served.case_ids()[0]
    detail = f"/api/v1/case-studies/{page_id}/"
    path = served.get(detail).json()["url"]
    inconsistent = 0
    for _ in range(3):
        _warm(served, page_id, path)
        old_list_etag = served.get("/api/v1/case-studies/?limit=100").headers["ETag"]
        old_detail_etag = served.get(detail).headers["ETag"]

        served.tell(f"unpublish {page_id}")
        inconsistent += sum(_in_list(served, page_id))
        for _ in range(READS):
            inconsistent += served.get(detail).status != 404
            inconsistent += served.get(f"/api/v1/pages/find/?path={path}").status != 404
            inconsistent += served.get(detail, etag=old_detail_etag).status == 304
            stale = served.get("/api/v1/case-studies/?limit=100", etag=old_list_etag)
            inconsistent += stale.status != 200

        served.tell(f"publish {page_id}")
        inconsistent += READS - sum(_in_list(served, page_id))
        for _ in range(READS):
            inconsistent += served.get(detail).status != 200
    assert inconsistent == 0


def test_no_reader_caches_the_state_from_before_the_commit(served):
    page_id = served.case_ids()[1]
    detail = f"/api/v1/case-studies/{page_id}/"
    _warm(served, page_id, served.get(detail).json()["url"])
    before = served.get("/api/v1/version/").json()["version"]

    assert served.tell(f"hold-unpublish {page_id}") == "held"
    # The change is written but not committed: everyone still serves the old state,
    # under the old version.
    assert all(_in_list(served, page_id))
    assert served.get("/api/v1/case-studies/").headers["X-Content-Version"] == before
    assert served.tell("commit") == "ok"

    assert not any(_in_list(served, page_id))
    assert served.get(detail).status == 404
    assert served.get("/api/v1/version/").json()["version"] != before
    served.tell(f"publish {page_id}")


def test_scheduled_expiry_by_the_scheduler_process_is_served(served):
    page_id = served.case_ids()[2]
    _warm(served, page_id, served.get(f"/api/v1/case-studies/{page_id}/").json()["url"])
    served.tell(f"expire {page_id}")
    assert all(_in_list(served, page_id)), "still live until the scheduler runs"
    served.manage("run_scheduler", "--once")
    assert not any(_in_list(served, page_id))
    assert served.get(f"/api/v1/case-studies/{page_id}/").status == 404


def test_an_import_by_another_process_is_served(served, tmp_path):
    document = valid_document()
    record = dict(document["case_studies"][0])
    record.update(key="cross-process", slug="cross-process", title="プロセス間の取組")
    document["case_studies"] = [record]
    document["columns"] = []
    before = len(served.case_ids())
    served.get("/api/v1/case-studies/?limit=100")  # cached in a worker at least
    served.manage(
        "import_casestudies", str(write_import(tmp_path, document)), "--publish"
    )
    for _ in range(READS):
        body = served.get("/api/v1/case-studies/?limit=100").json()
        assert body["count"] == before + 1
        assert "プロセス間の取組" in [item["title"] for item in body["items"]]


def test_site_pages_follow_a_change_from_another_process(served):
    """The public site's page cache is keyed by the same version: a case
    unpublished by a shell is gone from its page and its section at once."""
    page_id = served.case_ids()[2]
    path = served.get(f"/api/v1/case-studies/{page_id}/").json()["url"]
    section = path.rstrip("/").rsplit("/", 1)[0] + "/"
    for _ in range(READS):  # both workers hold the page and the section
        page = served.get(path)
        assert page.status == 200
        assert path.encode() in served.get(section).body
    old_etag = page.headers["ETag"]

    served.tell(f"unpublish {page_id}")
    inconsistent = 0
    for _ in range(READS):
        inconsistent += served.get(path).status != 404
        inconsistent += served.get(path, etag=old_etag).status == 304
        inconsistent += path.encode() in served.get(section).body

    served.tell(f"publish {page_id}")
    for _ in range(READS):
        inconsistent += served.get(path).status != 200
        inconsistent += path.encode() not in served.get(section).body
    assert inconsistent == 0
