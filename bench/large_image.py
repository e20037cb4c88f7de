"""The first request after publishing a case with a large image, in-process.

``python -m bench.large_image [--rounds 5]``: in a fresh SQLite database under
``var/bench/large-image/``, each round uploads a 3000×2000 photo-like JPEG,
publishes a case study with it as hero and body image, and times the first
anonymous GET of its detail. Tasks go to the database queue and no worker runs,
as right after a publish in production: the request must not make renditions
(target: no public request spends more than 50 ms on images). It then runs the
rendition task and times the next request too.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench" / "large-image"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if os.environ.get("BENCH_LARGE_IMAGE_CHILD") != "1":
        shutil.rmtree(WORK, ignore_errors=True)
        WORK.mkdir(parents=True)
        env = {
            **os.environ,
            "BENCH_LARGE_IMAGE_CHILD": "1",
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DEBUG": "false",
            "DATABASE_URL": f"sqlite:///{WORK / 'db.sqlite3'}",
            "MEDIA_ROOT": str(WORK / "media"),
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "LOG_LEVEL": "WARNING",
        }
        python = str(ROOT / ".venv" / "bin" / "python")
        for command in (["migrate", "--noinput"], ["load_demo_content"]):
            subprocess.run(
                [python, "manage.py", *command],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
            )
        sys.exit(
            subprocess.run(
                [python, "-m", "bench.large_image", *sys.argv[1:]], cwd=ROOT, env=env
            ).returncode
        )
    measure(args.rounds)


def measure(rounds: int) -> None:
    import django

    django.setup()
    from django.core.files.images import ImageFile
    from django.test import Client
    from PIL import Image

    from casestudies.models import CaseStudyIndexPage, CaseStudyPage
    from cms.models import CasebookImage, Tag
    from cms.pages import upsert_child_page
    from cms.tasks import build_renditions

    section = CaseStudyIndexPage.objects.filter(locale__language_code="ja").first()
    tags = list(Tag.objects.filter(slug__in=["jet-alt", "elementary"]))
    client = Client(HTTP_HOST="127.0.0.1")
    first, after_task = [], []
    for n in range(rounds):
        buffer = io.BytesIO()
        Image.effect_noise((3000, 2000), 50 + n).convert("RGB").save(
            buffer, "JPEG", quality=85
        )
        image = CasebookImage(
            title=f"large {n}", file=ImageFile(buffer, name=f"large-{n}.jpg")
        )
        image.save()
        page = upsert_child_page(
            section,
            CaseStudyPage,
            match={"slug": f"large-image-{n}"},
            values={
                "title": f"大きな写真 {n}",
                "prefecture": "JP-04",
                "summary": "大きな写真のある事例。",
                "hero_image": image,
                "hero_image_alt": "写真",
                "body": [
                    {
                        "type": "image",
                        "value": {
                            "image": image.pk,
                            "alt_text": "写真",
                            "decorative": False,
                            "caption": "",
                        },
                    }
                ],
                "tags": tags,
            },
            publish=True,
        )
        url = f"/api/v1/case-studies/{page.pk}/"
        started = time.perf_counter()
        response = client.get(url)
        first.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
        assert response.json()["hero_image"]["ready"] is False
        build_renditions.call(image.pk)
        started = time.perf_counter()
        response = client.get(url)
        after_task.append((time.perf_counter() - started) * 1000)
        assert response.json()["hero_image"]["ready"] is True
    print(
        f"first GET after publishing a 3000x2000 image: median "
        f"{statistics.median(first):.1f} ms (max {max(first):.1f}); after the "
        f"rendition task: median {statistics.median(after_task):.1f} ms "
        f"({rounds} rounds)"
    )


if __name__ == "__main__":
    main()
