"""Which cache layers earn their keep: each one on and off, back to back.

``python -m bench.layers`` builds (once; ``--rebuild`` to redo) a database per
database engine and size under ``var/bench/layers/`` (SQLite files, PostgreSQL
``casebook_layers_<size>``), then measures the list (``case-studies/?limit=20``)
and a detail (``case-studies/{id}/``) in these configurations:

* ``cached`` — the defaults: response bodies, snapshots and list items all kept;
* ``items`` — ``CMS_API_CACHE_BODIES=false``: every body computed, snapshots
  and list items warm (the normal cost of a request the body cache has not seen);
* ``none`` — also ``CMS_API_CACHE_LIST_ITEMS=false``: every list item built;
* ``cold`` — (in-process only) like ``none`` and, before every request, Django's
  cache, the per-process snapshots (``cms.api.selectors._LOCAL``) and the list
  items cleared: nothing kept at all.

Two ways, each interleaved (the configurations in a new random order every
round) and reported as medians over the rounds:

* ``inproc`` — one process, ``django.test.Client``, production settings; the
  settings are switched between configurations; CPU ms per request from
  ``time.process_time()`` around N requests, req/s from the wall clock (one
  thread, no HTTP);
* ``http`` — gunicorn as ``bench.run`` runs it (2 sync workers), restarted per
  configuration with the settings in its environment, loaded by ``bench.load``
  (4 threads); CPU ms per request is the workers' user+system time
  (``/proc/<pid>/stat``) over the requests served, req/s what the client saw.

CPU time is the robust figure on a shared machine; req/s moves with the load.
Prints one Markdown table per way; raw rounds go to ``var/bench/layers/*.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench" / "layers"
PY = str(ROOT / ".venv" / "bin" / "python")
CONFIGS = {
    # name: (CMS_API_CACHE_BODIES, CMS_API_CACHE_LIST_ITEMS, cold)
    "cached": (True, True, False),
    "items": (False, True, False),
    "none": (False, False, False),
    "cold": (False, False, True),
}
HTTP_CONFIGS = ("cached", "items", "none")


def database_url(db: str, size: int) -> str:
    if db == "sqlite":
        return f"sqlite:///{VAR / f'sqlite-{size}.sqlite3'}"
    from bench.run import PG_ADMIN

    return PG_ADMIN.rsplit("/", 1)[0] + f"/casebook_layers_{size}"


def environment(db: str, size: int) -> dict[str, str]:
    from bench.run import base_env

    return {
        **base_env(db),
        "DATABASE_URL": database_url(db, size),
        "MEDIA_ROOT": str(VAR / "media"),
    }


def prepare(db: str, size: int, *, rebuild: bool) -> None:
    """A migrated database with ``size`` synthetic cases, unless one exists."""
    from bench.run import PG_ADMIN, manage

    env = environment(db, size)
    if db == "sqlite":
        file = VAR / f"sqlite-{size}.sqlite3"
        if file.exists() and not rebuild:
            return
        file.unlink(missing_ok=True)
    else:
        import psycopg

        name = f"casebook_layers_{size}"
        with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
            ).fetchone()
            if exists and not rebuild:
                return
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            connection.execute(f"CREATE DATABASE {name}")
    print(f"   building {db} with {size:,} cases", file=sys.stderr, flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "generate_synthetic_casestudies", "--count", str(size))


# --- in-process ---------------------------------------------------------------


def inproc_worker(spec: dict) -> dict:
    """Runs in a child process (its own DATABASE_URL); returns the raw rounds."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client

    from casestudies.api.endpoints import case_studies
    from cms.api import selectors

    client = Client()

    def get(path: str) -> None:
        response = client.get(path, HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, (path, response.status_code)

    first = client.get("/api/v1/case-studies/?limit=1", HTTP_HOST="127.0.0.1")
    paths = {
        "list": "/api/v1/case-studies/?limit=20",
        "detail": f"/api/v1/case-studies/{first.json()['items'][0]['id']}/",
    }

    def forget() -> None:
        cache.clear()
        selectors._LOCAL.clear()
        case_studies._ITEMS.clear()

    rounds: list[dict] = []
    for _ in range(spec["rounds"]):
        order = list(spec["configs"])
        random.shuffle(order)
        this_round: dict = {}
        for name in order:
            bodies, items, cold = CONFIGS[name]
            settings.CMS_API_CACHE_BODIES = bodies
            settings.CMS_API_CACHE_LIST_ITEMS = items
            for endpoint, path in paths.items():
                n = spec["cold_requests"] if cold else spec["requests"]
                forget()
                get(path)  # warm whatever this configuration keeps
                cpu = wall = 0.0
                for _ in range(n):
                    if cold:
                        forget()
                    c0, w0 = time.process_time(), time.perf_counter()
                    get(path)
                    cpu += time.process_time() - c0
                    wall += time.perf_counter() - w0
                this_round[f"{endpoint}_{name}"] = {
                    "cpu_ms": 1000 * cpu / n,
                    "rps": n / wall,
                    "requests": n,
                }
        rounds.append(this_round)
    return {"paths": paths, "rounds": rounds}


def run_inproc(db: str, size: int, args) -> dict:
    spec = {
        "rounds": args.rounds,
        "requests": args.requests,
        "cold_requests": 3 if size >= 1000 else 20,
        "configs": list(CONFIGS),
    }
    done = subprocess.run(
        [PY, "-m", "bench.layers", "--inproc-worker", json.dumps(spec)],
        cwd=ROOT,
        env=environment(db, size),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- gunicorn -----------------------------------------------------------------


def worker_cpu_seconds(master_pid: int) -> float:
    """User + system CPU of gunicorn's workers (the master's children)."""
    tick = os.sysconf("SC_CLK_TCK")
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text()
    total = 0
    for pid in children.split():
        stat = Path(f"/proc/{pid}/stat").read_text()
        fields = stat[stat.rindex(")") + 2 :].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def run_http(db: str, size: int, args) -> dict:
    from bench import load
    from bench.run import HOST, PORT, fetch, start_server, stop_server

    env = environment(db, size)
    rounds: list[dict] = []
    paths: dict[str, str] = {}
    for _ in range(args.rounds):
        order = list(HTTP_CONFIGS)
        random.shuffle(order)
        this_round: dict = {}
        for name in order:
            bodies, items, _cold = CONFIGS[name]
            server = start_server(
                {
                    **env,
                    "CMS_API_CACHE_BODIES": str(bodies).lower(),
                    "CMS_API_CACHE_LIST_ITEMS": str(items).lower(),
                }
            )
            try:
                if not paths:
                    first = json.loads(fetch("/api/v1/case-studies/?limit=1")[0])
                    paths = {
                        "list": "/api/v1/case-studies/?limit=20",
                        "detail": f"/api/v1/case-studies/{first['items'][0]['id']}/",
                    }
                for endpoint, path in paths.items():
                    # Warm both workers: snapshots, items, bodies as configured.
                    load.run(HOST, PORT, path, seconds=1.0)
                    cpu0 = worker_cpu_seconds(server.pid)
                    result = load.run(HOST, PORT, path, seconds=args.seconds)
                    cpu1 = worker_cpu_seconds(server.pid)
                    this_round[f"{endpoint}_{name}"] = {
                        "cpu_ms": 1000 * (cpu1 - cpu0) / max(result.requests, 1),
                        "rps": result.rps,
                        "p50_ms": result.p50,
                        "requests": result.requests,
                        "errors": result.errors,
                    }
            finally:
                stop_server(server)
        rounds.append(this_round)
    return {"paths": paths, "rounds": rounds}


# --- report -------------------------------------------------------------------


def medians(rounds: list[dict]) -> dict[str, dict[str, float]]:
    keys = rounds[0].keys()
    return {
        key: {
            field: statistics.median(r[key][field] for r in rounds)
            for field in ("cpu_ms", "rps")
        }
        for key in keys
    }


def ratio(slow: float, fast: float) -> str:
    return f"{slow / fast:.2f}×" if fast else "–"


def table(results: list[dict], way: str) -> str:
    configs = [c for c in CONFIGS if way == "inproc" or c in HTTP_CONFIGS]
    head = " | ".join(f"{c} CPU ms (req/s)" for c in configs)
    lines = [
        f"| db | cases | endpoint | {head} | list items: none/items "
        "| bodies: items/cached"
        + (" | snapshots: cold/none |" if "cold" in configs else " |"),
        "|---|---|---|" + "---|" * (len(configs) + 2 + ("cold" in configs)),
    ]
    for r in results:
        m = medians(r[way]["rounds"])
        for endpoint in ("list", "detail"):
            cells = [m[f"{endpoint}_{c}"] for c in configs]
            row = " | ".join(f"{c['cpu_ms']:.2f} ({c['rps']:.0f})" for c in cells)
            cpu = {c: m[f"{endpoint}_{c}"]["cpu_ms"] for c in configs}
            line = (
                f"| {r['db']} | {r['size']:,} | {endpoint} | {row} "
                f"| {ratio(cpu['none'], cpu['items'])} "
                f"| {ratio(cpu['items'], cpu['cached'])} |"
            )
            if "cold" in cpu:
                line += f" {ratio(cpu['cold'], cpu['none'])} |"
            lines.append(line)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dbs", nargs="+", default=["sqlite", "postgres"])
    parser.add_argument("--sizes", nargs="+", type=int, default=[30, 10_000])
    parser.add_argument("--ways", nargs="+", default=["inproc", "http"])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--requests", type=int, default=100, help="in-process requests per cell"
    )
    parser.add_argument(
        "--seconds", type=float, default=3.0, help="HTTP seconds per cell"
    )
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument(
        "--report", action="store_true", help="Print the tables of saved results."
    )
    parser.add_argument("--inproc-worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inproc_worker:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
        print(json.dumps(inproc_worker(json.loads(args.inproc_worker))))
        return
    VAR.mkdir(parents=True, exist_ok=True)
    if args.report:
        saved = [
            VAR / f"results-{db}-{size}.json" for db in args.dbs for size in args.sizes
        ]
        results = [json.loads(file.read_text()) for file in saved if file.exists()]
        for way in args.ways:
            print(f"\n{way}: median of the interleaved rounds, CPU ms/request")
            print(table([r for r in results if way in r], way))
        return
    results = []
    for db in args.dbs:
        for size in args.sizes:
            print(f"== {db}, {size:,} cases", file=sys.stderr, flush=True)
            prepare(db, size, rebuild=args.rebuild)
            out: dict = {"db": db, "size": size}
            for way in args.ways:
                started = time.perf_counter()
                out[way] = (run_inproc if way == "inproc" else run_http)(db, size, args)
                print(
                    f"   {way}: {time.perf_counter() - started:.0f} s",
                    file=sys.stderr,
                    flush=True,
                )
            results.append(out)
            (VAR / f"results-{db}-{size}.json").write_text(json.dumps(out, indent=2))
    for way in args.ways:
        print(f"\n{way}: median of {args.rounds} interleaved rounds, CPU ms/request")
        print(table([r for r in results if way in r], way))


if __name__ == "__main__":
    main()
