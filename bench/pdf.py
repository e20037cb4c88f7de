"""The casebook PDF: a cold build per locale, the cached edition, growth with size.

``python -m bench.pdf [--rounds 3] [--sizes 30,100,300]`` (also run by
``make bench``) builds once (``--rebuild`` to redo) databases under
``var/bench/pdf/`` and measures what the issue asks of the booklet:

* ``cold`` — on the bilingual demo content, with its images and their
  renditions made (``build_renditions --now`` after loading, so none is
  missing), per locale: a fresh child process (production settings) calls
  ``frontend.pdf.render.render_booklet(locale)``: the build's wall time inside
  the child, the child's peak RSS (``ru_maxrss``, Django's own imports
  included), the page count (``pdfinfo``) and the images printed
  (``pdfimages``). Nothing is warm in a fresh process — not the font scan, not
  the API's snapshots or body cache — which is what the first download after a
  deploy or a publish costs. The child also times the build's phases (collect
  through the API, font scan, staging, Typst compile) by wrapping the functions
  ``render_booklet`` calls, so a missed target says where the time went;
* ``cached`` — gunicorn (2 sync workers, production settings, as
  ``bench.site``) serves the demo with no edition on disk
  (``PDF_EDITIONS_DIR`` under ``var/bench/pdf/``, emptied first); the first
  request, which builds the edition, is timed on its own, then the median over
  ``--requests`` sequential ``GET /ja/casebook.pdf`` (and ``/en/``), the body
  size and the workers' CPU per request. A 404 is recorded as pending (the
  cached delivery is not there), never faked;
* ``scaling`` — databases with N synthetic cases for each N in ``--sizes``
  (``generate_synthetic_casestudies``: text only, no images), the cold ``ja``
  build per N, ms per case and the ratio time(largest)/time(smallest) against
  the linear one (size ratio; 10 for 300/30).

Rounds are interleaved (a new random order each round) and reported as
medians; targets are printed beside the figures as ratios, never pass/fail.
Raw numbers go to ``var/bench/pdf/results.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.layers import worker_cpu_seconds
from bench.site import serve

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench" / "pdf"
PY = str(ROOT / ".venv" / "bin" / "python")
HOST = "127.0.0.1"
PORT = int(os.environ.get("BENCH_PORT", "8767"))
EDITIONS = VAR / "editions"
LOCALES = ("ja", "en")
# The targets, printed beside the measured medians.
TARGET_COLD_S = 2.0
TARGET_RSS_MB = 300.0
TARGET_CACHED_MS = 20.0
MACHINE = "shared 2-core VM (other sessions use the CPU: compare ratios, not ms)"


def environment(database: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-use-0123456789",
        "DATABASE_URL": f"sqlite:///{database}",
        "DB_CONN_MAX_AGE": "60",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
        "MEDIA_ROOT": str(VAR / "media"),
        # Built editions stay with the benchmark, never in the dev site's var/pdf.
        "PDF_EDITIONS_DIR": str(EDITIONS),
    }


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


# --- databases ----------------------------------------------------------------


def demo_database(rebuild: bool) -> Path:
    """The demo content with every rendition made, built once."""
    database = VAR / "demo.sqlite3"
    if database.exists() and not rebuild:
        return database
    VAR.mkdir(parents=True, exist_ok=True)
    database.unlink(missing_ok=True)
    print("   building the demo database", file=sys.stderr, flush=True)
    env = {
        **environment(database),
        # Renditions made as the demo loader saves each image, as a worker would.
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    }
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo_content")
    # Whatever the loader's tasks did not make (made 0 when they made all).
    made = manage(env, "build_renditions", "--now").strip()
    print(f"   {made}", file=sys.stderr, flush=True)
    return database


def synthetic_database(size: int, rebuild: bool) -> Path:
    database = VAR / f"synthetic-{size}.sqlite3"
    if database.exists() and not rebuild:
        return database
    VAR.mkdir(parents=True, exist_ok=True)
    database.unlink(missing_ok=True)
    print(f"   building {size} synthetic cases", file=sys.stderr, flush=True)
    env = environment(database)
    manage(env, "migrate", "--noinput")
    manage(env, "generate_synthetic_casestudies", "--count", str(size))
    return database


# --- cold build (a child process) ---------------------------------------------


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def cold_worker(locale: str, out: Path) -> dict:
    """In a fresh child: build the booklet once, timing each phase on the way."""
    import django

    django.setup()
    import typst

    from frontend.client.in_process import InProcessClient
    from frontend.pdf import render

    phases: dict[str, dict[str, float]] = {}

    def timed(name: str, function):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                phase = phases.setdefault(name, {"s": 0.0, "calls": 0})
                phase["s"] += time.perf_counter() - started
                phase["calls"] += 1
                phase["peak_rss_mb_after"] = peak_rss_mb()

        return wrapper

    # The names render_booklet looks up at call time: wrapping them measures the
    # real path, not a copy of it. API calls are inside "collect".
    render.collect_booklet = timed("collect", render.collect_booklet)
    render.booklet_fonts = timed("fonts", render.booklet_fonts)
    render.stage = timed("stage", render.stage)
    typst.compile = timed("typst", typst.compile)
    InProcessClient.fetch = timed("api", InProcessClient.fetch)

    rss_before = peak_rss_mb()
    started = time.perf_counter()
    pdf = render.render_booklet(locale)
    wall = time.perf_counter() - started
    out.write_bytes(pdf)
    return {
        "wall_s": wall,
        "peak_rss_mb": peak_rss_mb(),
        "rss_before_build_mb": rss_before,
        "bytes": len(pdf),
        "phases": phases,
    }


def pdf_pages(path: Path) -> int:
    info = subprocess.run(
        ["pdfinfo", str(path)], check=True, capture_output=True, text=True
    ).stdout
    return int(next(line for line in info.splitlines() if line.startswith("Pages:"))
               .split()[1])  # fmt: skip


def pdf_images(path: Path) -> int:
    listing = subprocess.run(
        ["pdfimages", "-list", str(path)], check=True, capture_output=True, text=True
    ).stdout
    return max(len(listing.splitlines()) - 2, 0)  # two header lines


def cold_build(database: Path, locale: str, name: str) -> dict:
    out = VAR / f"{name}-{locale}.pdf"
    done = subprocess.run(
        [PY, "-m", "bench.pdf", "--cold-worker", locale, "--out", str(out)],
        cwd=ROOT,
        env=environment(database),
        check=True,
        capture_output=True,
        text=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["pages"] = pdf_pages(out)
    result["images"] = pdf_images(out)
    return result


# --- cached delivery (gunicorn) -----------------------------------------------


def get(path: str) -> tuple[int, float, bytes, str]:
    """Status, ms to the last byte, body, Content-Type."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(f"http://{HOST}:{PORT}{path}", timeout=120) as r:
            body = r.read()
            status, kind = r.status, r.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        body, status, kind = error.read(), error.code, ""
    return status, 1000 * (time.perf_counter() - started), body, kind


def cached(database: Path, requests: int) -> dict:
    # No edition on disk: the first request builds it, as after a deploy.
    shutil.rmtree(EDITIONS, ignore_errors=True)
    server = serve(PORT, environment(database), "--timeout", "120")
    try:
        results = {}
        for locale in LOCALES:
            path = f"/{locale}/casebook.pdf"
            status, first_ms, body, kind = get(path)
            if status != 200 or not body.startswith(b"%PDF"):
                results[locale] = {"pending": True, "status": status, "path": path}
                continue
            # Each sync worker answers its own first request: warm the other too.
            get(path)
            cpu0 = worker_cpu_seconds(server.pid)
            timings = []
            for _ in range(requests):
                status, ms, again, _kind = get(path)
                assert status == 200 and again == body, (path, status, len(again))
                timings.append(ms)
            cpu1 = worker_cpu_seconds(server.pid)
            results[locale] = {
                "pending": False,
                "path": path,
                "content_type": kind,
                "first_ms": first_ms,
                "median_ms": statistics.median(timings),
                "p90_ms": sorted(timings)[int(0.9 * (len(timings) - 1))],
                "cpu_ms": 1000 * (cpu1 - cpu0) / requests,
                "bytes": len(body),
                "requests": requests,
                "timings_ms": timings,
            }
        return results
    finally:
        server.terminate()
        server.wait(timeout=30)


# --- report -------------------------------------------------------------------


def median_of(rounds: list[dict], field: str) -> float:
    return statistics.median(r[field] for r in rounds)


def ratio(value: float, target: float) -> str:
    return f"{value / target:.2f}× target"


def table(results: dict) -> str:
    lines = [
        "| measurement | median | target | vs target |",
        "|---|---|---|---|",
    ]
    for locale in LOCALES:
        rounds = results["cold"][locale]
        wall, rss = median_of(rounds, "wall_s"), median_of(rounds, "peak_rss_mb")
        pages, images = median_of(rounds, "pages"), median_of(rounds, "images")
        lines += [
            f"| cold {locale}: build wall time | {wall:.2f} s | ≤ {TARGET_COLD_S:.0f} s"
            f" | {ratio(wall, TARGET_COLD_S)} |",
            f"| cold {locale}: child peak RSS | {rss:.0f} MiB "
            f"| ≤ {TARGET_RSS_MB:.0f} MB | {ratio(rss, TARGET_RSS_MB)} |",
            f"| cold {locale}: pages / images printed | {pages:.0f} / {images:.0f}"
            " | – | – |",
        ]
    for locale in LOCALES:
        cell = results["cached"].get(locale) or {"pending": True, "status": "–"}
        if cell["pending"]:
            lines.append(
                f"| cached GET /{locale}/casebook.pdf | pending "
                f"(HTTP {cell['status']}) | ≤ {TARGET_CACHED_MS:.0f} ms | – |"
            )
            continue
        lines.append(
            f"| cached GET /{locale}/casebook.pdf ({cell['requests']} req, "
            f"{cell['bytes'] / 1024:.0f} KiB; first {cell['first_ms']:.0f} ms, "
            f"p90 {cell['p90_ms']:.1f} ms, CPU {cell['cpu_ms']:.1f} ms/req) "
            f"| {cell['median_ms']:.1f} ms | ≤ {TARGET_CACHED_MS:.0f} ms "
            f"| {ratio(cell['median_ms'], TARGET_CACHED_MS)} |"
        )
    sizes = sorted(int(size) for size in results["scaling"])
    previous: tuple[int, float] | None = None
    for size in sizes:
        rounds = results["scaling"][str(size)]
        wall = median_of(rounds, "wall_s")
        cases = median_of(rounds, "cases")
        pages = median_of(rounds, "pages")
        rss = median_of(rounds, "peak_rss_mb")
        # The cost of each case added since the smaller size: the fixed start
        # (font scan, Typst's first page) is left out, so this is what grows.
        marginal = (
            f", +{1000 * (wall - previous[1]) / (size - previous[0]):.1f} ms per "
            f"case above {previous[0]}"
            if previous
            else ""
        )
        lines.append(
            f"| scaling ja, {size} synthetic cases ({cases:.0f} printed, "
            f"{pages:.0f} pages, peak RSS {rss:.0f} MiB): cold build | {wall:.2f} s "
            f"({1000 * wall / max(cases, 1):.1f} ms/case{marginal}) | – | – |"
        )
        previous = (size, wall)
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        t_small = median_of(results["scaling"][str(small)], "wall_s")
        t_large = median_of(results["scaling"][str(large)], "wall_s")
        marginal = 1000 * (t_large - t_small) / (large - small)
        growth, linear = t_large / t_small, large / small
        lines.append(
            f"| scaling: time({large}) / time({small}) (marginal "
            f"{marginal:.1f} ms/case) | {growth:.2f}× "
            f"| {linear:.0f}× (linear) | {growth / linear:.2f} of linear |"
        )
    return "\n".join(lines)


def phase_table(results: dict) -> str:
    """Where a cold build's time goes: the phases of the median-wall round."""
    lines = [
        "| cold build | phase: s (peak RSS MiB after) | API calls |",
        "|---|---|---|",
    ]
    cells = [(f"demo {locale}", results["cold"][locale]) for locale in LOCALES] + [
        (f"{size} synthetic ja", rounds)
        for size, rounds in sorted(
            results["scaling"].items(), key=lambda item: int(item[0])
        )
    ]
    for name, rounds in cells:
        ordered = sorted(rounds, key=lambda r: r["wall_s"])
        median_round = ordered[len(ordered) // 2]
        phases = median_round["phases"]
        shown = ", ".join(
            f"{step} {phase['s']:.2f} ({phase['peak_rss_mb_after']:.0f})"
            for step, phase in (
                (step, phases[step])
                for step in ("collect", "fonts", "stage", "typst")
                if step in phases
            )
        )
        api = phases.get("api", {"calls": 0, "s": 0.0})
        lines.append(
            f"| {name} (total {median_round['wall_s']:.2f} s; RSS before "
            f"{median_round['rss_before_build_mb']:.0f}) | {shown} "
            f"| {api['calls']} in {api['s']:.2f} s |"
        )
    return "\n".join(lines)


def code_digest() -> str:
    """A short hash of ``frontend/pdf/`` as measured: the booklet code is still
    moving, and a figure is only comparable with one from the same code."""
    digest = hashlib.sha256()
    for file in sorted((ROOT / "frontend" / "pdf").glob("*.*")):
        digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:12]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--sizes",
        type=lambda text: [int(size) for size in text.split(",")],
        default=[30, 100, 300],
    )
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--cold-worker", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cold_worker:
        print(json.dumps(cold_worker(args.cold_worker, args.out)))
        return

    demo = demo_database(args.rebuild)
    synthetic = {size: synthetic_database(size, args.rebuild) for size in args.sizes}
    cases = {size: case_count(database) for size, database in synthetic.items()}
    results: dict = {
        "machine": MACHINE,
        "command": " ".join(["python -m bench.pdf", *sys.argv[1:]]),
        "frontend_pdf_sha256": code_digest(),
        "cold": {locale: [] for locale in LOCALES},
        "scaling": {str(size): [] for size in args.sizes},
    }
    for number in range(args.rounds):
        print(f"== round {number + 1}/{args.rounds}", file=sys.stderr, flush=True)
        jobs = [("demo", demo, locale) for locale in LOCALES] + [
            (size, database, "ja") for size, database in synthetic.items()
        ]
        random.shuffle(jobs)
        for name, database, locale in jobs:
            result = cold_build(database, locale, str(name))
            if name == "demo":
                results["cold"][locale].append(result)
            else:
                result["cases"] = cases[name]
                results["scaling"][str(name)].append(result)
    print("== cached delivery", file=sys.stderr, flush=True)
    results["cached"] = cached(demo, args.requests)
    (VAR / "results.json").write_text(json.dumps(results, indent=1))
    print(table(results))
    print()
    print(phase_table(results))
    print(
        f"\nMachine: {MACHINE}. frontend/pdf/ sha256 {results['frontend_pdf_sha256']}."
    )


def case_count(database: Path) -> int:
    """Public ja cases, as the API counts them (what the booklet prints)."""
    done = subprocess.run(
        [
            PY,
            "-c",
            "import django, json; django.setup();"
            "from frontend.client import api;"
            "print(api().get('case-studies/', {'locale': 'ja', 'limit': 1})"
            ".data['count'])",
        ],
        cwd=ROOT,
        env=environment(database),
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
