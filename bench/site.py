"""Public-site page renders beside the API calls they are built from.

``python -m bench.site [--seconds 5] [--rounds 3]`` (also run by ``make bench``)
builds once (``--rebuild`` to redo) a SQLite database with the bilingual demo
content under ``var/bench/site/``, then serves it with gunicorn (2 sync workers,
production settings) and loads, with ``bench.load`` (4 threads):

* the home page, a section listing filtered by a tag (with its facets) and a case
  page, and beside each the API call it is built from;
* in two configurations: ``cached`` (the defaults: pages and API bodies kept per
  content version, what readers get between publishes) and ``uncached``
  (``CACHE_URL=dummy://``: every page rendered and every API body built, with the
  per-process snapshots warm, what the first reader after a publish costs);
* in two client modes: ``in-process`` (the default: the site calls the API's views
  in its own process) and ``http`` (``CMS_API_URL`` set: a second gunicorn serves
  the API and the site reaches it over HTTP; CPU is both servers' workers).

CPU ms per request is the workers' user + system time (``/proc``) over the
requests served: the robust figure on this shared machine. Rounds are interleaved
and reported as medians. Raw rounds go to ``var/bench/site/results.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import time
import urllib.request
from pathlib import Path

from bench import load
from bench.layers import worker_cpu_seconds

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench" / "site"
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
HOST = "127.0.0.1"
SITE_PORT = int(os.environ.get("BENCH_PORT", "8765"))
API_PORT = SITE_PORT + 1
CONFIGS = ("cached", "uncached")
MODES = ("in-process", "http")
# Measured on this machine beside Wagtail 8, as the issue reports it (bakerydemo
# is not on PyPI, so it cannot be installed here to rerun).
REFERENCE = "bakerydemo's server-rendered blog page: 57–70 req/s, ~30 ms CPU"


def environment() -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-use-0123456789",
        "DATABASE_URL": f"sqlite:///{VAR / 'site.sqlite3'}",
        "DB_CONN_MAX_AGE": "60",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
        "MEDIA_ROOT": str(VAR / "media"),
    }


def prepare(rebuild: bool) -> None:
    database = VAR / "site.sqlite3"
    if database.exists() and not rebuild:
        return
    VAR.mkdir(parents=True, exist_ok=True)
    database.unlink(missing_ok=True)
    env = {
        **environment(),
        # Renditions made while loading, so pages show their images.
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    }
    for args in (("migrate", "--noinput"), ("load_demo_content",)):
        subprocess.run(
            [PY, "manage.py", *args],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def serve(port: int, env: dict[str, str], *options: str) -> subprocess.Popen:
    """gunicorn (2 sync workers) on ``port``, once it answers; ``options`` are
    more gunicorn options (``bench.pdf`` gives builds a longer ``--timeout``)."""
    process = subprocess.Popen(
        [
            *(GUNICORN, "config.wsgi:application", "-w", "2"),
            *("-b", f"{HOST}:{port}", "--log-level", "warning", *options),
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://{HOST}:{port}/api/v1/version/", timeout=2)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"gunicorn on {port} did not start")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=30)


def get_json(path: str, port: int = SITE_PORT) -> dict:
    with urllib.request.urlopen(f"http://{HOST}:{port}{path}", timeout=30) as r:
        return json.load(r)


def targets() -> dict[str, tuple[str, str]]:
    """name → (page path, the API call it is built from), found on the demo."""
    listing = get_json("/api/v1/case-studies/?locale=ja&limit=1")
    case = listing["items"][0]
    # A tag shared by several cases of the section: a listing with results.
    facets = get_json(
        f"/api/v1/case-studies/?locale=ja&section={case['section']}&limit=1"
    )["facets"]
    group, tag = next(
        (name, value["value"])
        for name in ("participants", "features", "internationalisation")
        for value in facets[name]
        if value["count"] > 1
    )
    section_value = case["section"]
    # The case's section page is its parent in the URL tree.
    section_url = case["url"].rstrip("/").rsplit("/", 1)[0] + "/"
    return {
        "home": ("/ja/", "/api/v1/home/?locale=ja"),
        "listing": (
            f"{section_url}?tag={tag}",
            f"/api/v1/case-studies/?locale=ja&section={section_value}&{group}={tag}",
        ),
        "case": (case["url"], f"/api/v1/case-studies/{case['id']}/?locale=ja"),
    }


def measure(port: int, path: str, pids: list[int], seconds: float) -> dict:
    load.run(HOST, port, path, seconds=1.0)  # warm both workers
    cpu0 = sum(worker_cpu_seconds(pid) for pid in pids)
    result = load.run(HOST, port, path, seconds=seconds)
    cpu1 = sum(worker_cpu_seconds(pid) for pid in pids)
    return {
        "rps": result.rps,
        "p50_ms": result.p50,
        "cpu_ms": 1000 * (cpu1 - cpu0) / max(result.requests, 1),
        "requests": result.requests,
        "errors": result.errors,
    }


def one_round(seconds: float) -> dict:
    cells: dict = {}
    order = [(mode, config) for mode in MODES for config in CONFIGS]
    random.shuffle(order)
    for mode, config in order:
        env = environment()
        if config == "uncached":
            env["CACHE_URL"] = "dummy://"
        servers = []
        try:
            if mode == "http":
                api = serve(API_PORT, env)
                servers.append(api)
                env = {**env, "CMS_API_URL": f"http://{HOST}:{API_PORT}/api/v1/"}
            site = serve(SITE_PORT, env)
            servers.append(site)
            pids = [server.pid for server in servers]
            for name, (page, api_call) in targets().items():
                cells[f"{name}|page|{mode}|{config}"] = measure(
                    SITE_PORT, page, pids, seconds
                )
                if mode == "in-process":
                    cells[f"{name}|api|{config}"] = measure(
                        SITE_PORT, api_call, pids, seconds
                    )
        finally:
            for server in servers:
                stop(server)
    return cells


def medians(rounds: list[dict]) -> dict[str, dict[str, float]]:
    return {
        key: {
            field: statistics.median(r[key][field] for r in rounds)
            for field in ("rps", "p50_ms", "cpu_ms", "errors")
        }
        for key in rounds[0]
    }


def table(result: dict[str, dict[str, float]]) -> str:
    lines = [
        "| request | client | cache | req/s | p50 ms | CPU ms/req |",
        "|---|---|---|---|---|---|",
    ]
    for name in ("home", "listing", "case"):
        for config in CONFIGS:
            for key, client in (
                (f"{name}|api|{config}", "API call"),
                (f"{name}|page|in-process|{config}", "page, in-process"),
                (f"{name}|page|http|{config}", "page, HTTP"),
            ):
                cell = result[key]
                errors = f" ({cell['errors']:.0f} errors)" if cell["errors"] else ""
                lines.append(
                    f"| {name} | {client} | {config} | {cell['rps']:.0f}{errors} "
                    f"| {cell['p50_ms']:.1f} | {cell['cpu_ms']:.1f} |"
                )
    lines.append(f"\nReference: {REFERENCE}.")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    prepare(args.rebuild)
    rounds = [one_round(args.seconds) for _ in range(args.rounds)]
    (VAR / "results.json").write_text(json.dumps(rounds, indent=1))
    print(table(medians(rounds)))


if __name__ == "__main__":
    main()
