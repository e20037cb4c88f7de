"""Import benchmark: 300 case studies with images, wall time and peak memory.

``python -m bench.import_300 [--count 300] [--db sqlite|postgres]``

Builds a fresh database (migrate, the site skeleton from ``load_demo_content``),
writes an import file of ``--count`` published case studies, each with a
1600×1200 JPEG hero image of its own and a body of paragraphs, an image block and
a video, then runs ``manage.py import_casestudies FILE --publish`` in a child
process and reports its wall time and peak resident memory (``ru_maxrss``).
Targets (issue): 300 cases in at most 60 s and 300 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench" / "import"
PY = str(ROOT / ".venv" / "bin" / "python")
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
TAGS = {
    "lead": ["jet-alt", "contracting-organisation", "with-cir"],
    "participants": ["elementary", "junior-high", "senior-high", "teachers"],
}


def _env(db: str) -> dict[str, str]:
    url = (
        f"sqlite:///{WORK / 'import.sqlite3'}"
        if db == "sqlite"
        else PG_ADMIN.rsplit("/", 1)[0] + "/casebook_import_bench"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DEBUG="false",
        DATABASE_URL=url,
        MEDIA_ROOT=str(WORK / "media"),
        # Renditions are the worker's job: queue them, as in production.
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        LOG_LEVEL="WARNING",
    )
    return env


def _manage(env: dict, *args: str) -> None:
    subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


def write_document(directory: Path, count: int) -> Path:
    images = directory / "images"
    images.mkdir(parents=True)
    rng = random.Random(7)
    records = []
    for n in range(count):
        name = f"images/case-{n}.jpg"
        # Noise, so each file is a real photo-sized JPEG of its own.
        Image.effect_noise((1600, 1200), 40 + n % 20).convert("RGB").save(
            directory / name, "JPEG", quality=80
        )
        records.append(
            {
                "key": f"bench-{n}",
                "section": "school" if n % 2 else "community",
                "title": f"ベンチマーク事例 {n}",
                "slug": f"bench-{n}",
                "prefecture": f"JP-{rng.randint(1, 47):02d}",
                "summary": "読み込みの速さを測るための事例。" * 3,
                "hero_image": {"file": name, "alt": f"事例 {n} の写真"},
                "body": [
                    {
                        "type": "paragraph",
                        "value": "<p>" + "本文の段落。" * 80 + "</p>",
                    },
                    {
                        "type": "image",
                        "value": {"file": name, "alt_text": "写真", "caption": ""},
                    },
                    {
                        "type": "video",
                        "value": {
                            "url": "https://www.youtube.com/watch?v=bench",
                            "caption": "動画",
                        },
                    },
                    {"type": "paragraph", "value": "<p><b>工夫</b>した点。</p>"},
                ],
                "devised": "<p>" + "工夫した点。" * 20 + "</p>",
                "challenges": "<p>" + "苦労した点。" * 20 + "</p>",
                "tags": {group: [rng.choice(s)] for group, s in TAGS.items()},
            }
        )
    path = directory / "import.json"
    document = {"version": 1, "case_studies": records, "columns": []}
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    args = parser.parse_args()
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    env = _env(args.db)
    if args.db == "postgres":
        for sql in (
            "DROP DATABASE IF EXISTS casebook_import_bench WITH (FORCE)",
            "CREATE DATABASE casebook_import_bench",
        ):
            subprocess.run(["psql", PG_ADMIN, "-qc", sql], check=True)
    _manage(env, "migrate", "--noinput")
    _manage(env, "load_demo_content")
    path = write_document(WORK / "file", args.count)
    size = sum(p.stat().st_size for p in (WORK / "file").rglob("*") if p.is_file())
    # Through a small parent of its own, whose only child is the import, so the
    # peak memory is the import's and not that of the set-up commands above.
    measure = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "print(time.perf_counter() - t, "
        "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
        "sys.stderr.write(done.stderr[-3000:]); sys.exit(done.returncode)"
    )
    done = subprocess.run(
        [
            PY,
            "-c",
            measure,
            PY,
            "manage.py",
            "import_casestudies",
            str(path),
            "--publish",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.exit(done.stderr[-3000:])
    wall_text, peak_kb = done.stdout.split()[-2:]
    wall, peak_mb = float(wall_text), int(peak_kb) / 1024
    print(
        f"db={args.db} cases={args.count} file={size / 2**20:.0f} MB "
        f"import wall={wall:.1f} s peak RSS={peak_mb:.0f} MB "
        f"(targets: 60 s, 300 MB)"
    )


if __name__ == "__main__":
    main()
