"""``make bench``: the API under gunicorn against the same JSON as a static file.

For each database (SQLite, PostgreSQL) and size (30 and 10,000 synthetic cases):
a fresh database, ``migrate``, ``generate_synthetic_casestudies``; then gunicorn
(2 sync workers, production settings) twice — once with no cache at all
(``CACHE_URL=dummy://``: every request computes everything, the "uncached"
figures) and once with the default per-process cache (cached 200s and 304s) —
and the same bytes from disk through the same workers as the baseline. The
uncached list and detail are measured once more while another process saves
drafts (``bench/writer.py``): reads under a concurrent writer.
Writes ``var/bench/results.json`` and prints two Markdown tables.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench import load

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
HOST, PORT = "127.0.0.1", int(os.environ.get("BENCH_PORT", "8765"))
PG_ADMIN = os.environ.get(
    "BENCH_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres"
)
PG_DB = "casebook_bench"


def database_url(db: str) -> str:
    if db == "sqlite":
        return f"sqlite:///{VAR / 'bench.sqlite3'}"
    return PG_ADMIN.rsplit("/", 1)[0] + "/" + PG_DB


def base_env(db: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-use-0123456789",
        "DATABASE_URL": database_url(db),
        "DB_CONN_MAX_AGE": "60",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
        "MEDIA_ROOT": str(VAR / "media"),
        "BENCH_STATIC_DIR": str(VAR / "static"),
    }


def fresh_database(db: str) -> None:
    if db == "sqlite":
        (VAR / "bench.sqlite3").unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {PG_DB}")


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def start_server(env: dict[str, str]) -> subprocess.Popen:
    import socket

    with socket.socket() as probe:
        if probe.connect_ex((HOST, PORT)) == 0:
            raise RuntimeError(f"port {PORT} is taken: set BENCH_PORT")
    process = subprocess.Popen(
        [
            GUNICORN,
            "bench.static_wsgi:application",
            "-w",
            "2",
            "-b",
            f"{HOST}:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://{HOST}:{PORT}/api/v1/taxonomy/", timeout=2)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start")


def stop_server(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)


def fetch(path: str) -> tuple[bytes, str]:
    with urllib.request.urlopen(f"http://{HOST}:{PORT}{path}", timeout=30) as r:
        return r.read(), r.headers["ETag"]


def measure(path: str, seconds: float, **kwargs) -> dict:
    result = load.run(HOST, PORT, path, seconds=seconds, **kwargs)
    return {
        "rps": round(result.rps, 1),
        "p50_ms": round(result.p50, 1),
        "p99_ms": round(result.p99, 1),
        "requests": result.requests,
        "errors": result.errors,
    }


def measure_with_writer(env: dict[str, str], path: str, seconds: float) -> dict:
    """``measure`` while ``bench.writer`` saves drafts in another process."""
    writer = subprocess.Popen(
        [PY, "-m", "bench.writer", str(seconds)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        if writer.stdout.readline().strip() != "ready":
            raise RuntimeError("bench.writer did not start")
        out = measure(path, seconds)
        out["writer"] = json.loads(writer.stdout.readline())
    finally:
        writer.wait(timeout=seconds + 60)
    return out


def bench_one(db: str, size: int, seconds: float, *, reuse: bool = False) -> dict:
    env = base_env(db)
    if not reuse:
        fresh_database(db)
        manage(env, "migrate", "--noinput")
        manage(env, "generate_synthetic_casestudies", "--count", str(size))
    out: dict = {"db": db, "size": size}

    # "cold": no cache at all, every request reads everything from the database.
    server = start_server({**env, "CACHE_URL": "dummy://"})
    try:
        first = json.loads(fetch("/api/v1/case-studies/?limit=1")[0])["items"][0]
        paths = {
            "list": "/api/v1/case-studies/?limit=20",
            "detail": f"/api/v1/case-studies/{first['id']}/",
            "find": f"/api/v1/pages/find/?path={first['url']}",
        }
        for name, path in paths.items():
            out[f"{name}_cold"] = measure(path, seconds)
    finally:
        stop_server(server)
    # "uncached": no response cache (every body is computed), while the per-version
    # snapshots (taxonomy, case index) stay warm as they do between publishes.
    server = start_server({**env, "CMS_API_CACHE_BODIES": "false"})
    try:
        for name, path in paths.items():
            fetch(path)
            out[f"{name}_uncached"] = measure(path, seconds)
        for name in ("list", "detail"):
            out[f"{name}_uncached_writer"] = measure_with_writer(
                env, paths[name], seconds
            )
    finally:
        stop_server(server)
    out["queries"] = json.loads(
        subprocess.run(
            [PY, "-m", "bench.queries", json.dumps(paths)],
            cwd=ROOT,
            env={**env, "CACHE_URL": "dummy://"},
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )

    static = VAR / "static"
    shutil.rmtree(static, ignore_errors=True)
    static.mkdir(parents=True)
    server = start_server(env)
    try:
        for name, path in paths.items():
            body, etag = fetch(path)
            (static / f"{name}.json").write_bytes(body)
            out[f"{name}_cached"] = measure(path, seconds)
            out[f"{name}_304"] = measure(
                path, seconds, headers={"If-None-Match": etag}, expect=304
            )
            out[f"{name}_static"] = measure(f"/bench-static/{name}.json", seconds)
            out[f"{name}_bytes"] = len(body)
    finally:
        stop_server(server)
    return out


def table(results: list[dict]) -> str:
    lines = [
        "| db | cases | endpoint | queries | cold req/s (p50/p99 ms) "
        "| uncached req/s (p50/p99 ms) | cached 200 req/s | 304 req/s (p50 ms) "
        "| static req/s (p50 ms) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        for name in ("list", "detail", "find"):
            cold, unc, hit, nm, st = (
                r[f"{name}_{kind}"]
                for kind in ("cold", "uncached", "cached", "304", "static")
            )
            lines.append(
                f"| {r['db']} | {r['size']:,} | {name} | {r['queries'][name]} "
                f"| {cold['rps']} ({cold['p50_ms']}/{cold['p99_ms']}) "
                f"| {unc['rps']} ({unc['p50_ms']}/{unc['p99_ms']}) | {hit['rps']} "
                f"| {nm['rps']} ({nm['p50_ms']}) | {st['rps']} ({st['p50_ms']}) |"
            )
    return "\n".join(lines)


def writer_table(results: list[dict]) -> str:
    lines = [
        "| db | cases | endpoint | uncached req/s (p50/p99 ms) "
        "| same, writer saving drafts | errors | writer saves (failed) |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        for name in ("list", "detail"):
            idle, busy = r[f"{name}_uncached"], r[f"{name}_uncached_writer"]
            w = busy["writer"]
            lines.append(
                f"| {r['db']} | {r['size']:,} | {name} "
                f"| {idle['rps']} ({idle['p50_ms']}/{idle['p99_ms']}) "
                f"| {busy['rps']} ({busy['p50_ms']}/{busy['p99_ms']}) "
                f"| {busy['errors']} | {w['saves']} ({w['locked'] + w['other']}) |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dbs", nargs="+", default=["sqlite", "postgres"])
    parser.add_argument("--sizes", nargs="+", type=int, default=[30, 10_000])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="Measure the database as it is (one db and size) without rebuilding.",
    )
    args = parser.parse_args()
    VAR.mkdir(parents=True, exist_ok=True)
    results = []
    for db in args.dbs:
        for size in args.sizes:
            print(f"== {db}, {size} cases", file=sys.stderr, flush=True)
            results.append(bench_one(db, size, args.seconds, reuse=args.reuse))
            name = "results.json" if not args.reuse else f"results-{db}-{size}.json"
            (VAR / name).write_text(json.dumps(results, indent=2))
    print(table(results))
    print()
    print(writer_table(results))


if __name__ == "__main__":
    main()
