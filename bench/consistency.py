"""Consistency probe: do server workers serve a change made by another process?

``python -m bench.consistency [--db sqlite|postgres] [--seconds 60] [--root DIR]``

Builds a fresh database with the demo content, serves it with gunicorn (2 sync
workers, production settings, the default per-process cache), and runs reader
threads against the list and the detail of one case study while a *separate*
process (``manage.py shell``, as an operator would) unpublishes and republishes
that case. A read is checked when it started after the writer's change had
committed and ended before the next change began; it is inconsistent when it
shows the other state. ``--root`` probes another checkout (e.g. an older commit
in a ``git worktree``) with this checkout's virtualenv, for before/after figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
PY = str(HERE / ".venv" / "bin" / "python")
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


@dataclass
class Read:
    started: float
    ended: float
    present: bool


def _env(root: Path, db: str, work: Path) -> dict[str, str]:
    url = (
        f"sqlite:///{work / 'probe.sqlite3'}"
        if db == "sqlite"
        else PG_ADMIN.rsplit("/", 1)[0] + "/casebook_probe"
    )
    env = {k: v for k, v in os.environ.items() if k != "CACHE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="probe-only-secret-key-" + "x" * 40,
        DATABASE_URL=url,
        ALLOWED_HOSTS="127.0.0.1",
        MEDIA_ROOT=str(work / "media"),
        LOG_LEVEL="ERROR",
        PYTHONPATH=str(root),
    )
    return env


def _manage(root: Path, env: dict, *args: str) -> str:
    done = subprocess.run(
        [PY, "manage.py", *args], cwd=root, env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    return done.stdout


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as reply:
            return reply.status, reply.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def probe(root: Path, db: str, seconds: float, readers: int, toggles: int) -> dict:
    work = HERE / "var" / "bench" / "consistency"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    env = _env(root, db, work)
    if db == "postgres":
        for sql in (
            "DROP DATABASE IF EXISTS casebook_probe WITH (FORCE)",
            "CREATE DATABASE casebook_probe",
        ):
            subprocess.run(["psql", PG_ADMIN, "-qc", sql], check=True)
    _manage(root, env, "migrate", "--noinput")
    _manage(root, env, "load_demo_content")
    port = 8790
    base = f"http://127.0.0.1:{port}/api/v1/"
    server = subprocess.Popen(
        [PY, "-m", "gunicorn", "config.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                if _get(base + "case-studies/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.3)
        listing = json.loads(_get(base + "case-studies/?limit=100")[1])
        page_id = listing["items"][0]["id"]
        reads: list[Read] = []
        stop = threading.Event()

        def reader(kind: str) -> None:
            while not stop.is_set():
                started = time.monotonic()
                if kind == "list":
                    _status, body = _get(base + "case-studies/?limit=100")
                    ids = [item["id"] for item in json.loads(body)["items"]]
                    present = page_id in ids
                else:
                    present = _get(base + f"case-studies/{page_id}/")[0] == 200
                reads.append(Read(started, time.monotonic(), present))

        threads = [
            threading.Thread(target=reader, args=("list" if n % 2 else "detail",))
            for n in range(readers)
        ]
        for thread in threads:
            thread.start()
        # (committed at, state) after each toggle; a change is "in flight" between
        # its start and its commit.
        changes: list[tuple[float, float, bool]] = []
        state = True
        pause = seconds / toggles
        for _ in range(toggles):
            time.sleep(pause / 2)
            state = not state
            code = (
                "from wagtail.models import Page; "
                f"p = Page.objects.get(pk={page_id}).specific; "
                + ("p.get_latest_revision().publish()" if state else "p.unpublish()")
            )
            began = time.monotonic()
            _manage(root, env, "shell", "-c", code)
            changes.append((began, time.monotonic(), state))
            time.sleep(pause / 2)
        stop.set()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait()
    checked = inconsistent = 0
    for read in reads:
        for index, (_began, committed, expected) in enumerate(changes):
            next_began = (
                changes[index + 1][0] if index + 1 < len(changes) else float("inf")
            )
            if read.started >= committed and read.ended <= next_began:
                checked += 1
                inconsistent += read.present != expected
                break
    return {
        "db": db,
        "root": str(root),
        "readers": readers,
        "toggles": toggles,
        "reads": len(reads),
        "checked": checked,
        "inconsistent": inconsistent,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--toggles", type=int, default=14)
    parser.add_argument("--root", type=Path, default=HERE)
    args = parser.parse_args()
    result = probe(
        args.root.resolve(), args.db, args.seconds, args.readers, args.toggles
    )
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
