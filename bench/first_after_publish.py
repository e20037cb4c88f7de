"""The first list request after a publish, measured in-process.

``DATABASE_URL=… python -m bench.first_after_publish [--rounds 7]`` against a
database filled by ``generate_synthetic_casestudies`` (it publishes pages there).

Each round warms the list (the case index of the current version is built), then
republishes one case from its latest revision — a new content version — and times
the next uncached list request (``case-studies/?limit=20`` with facets): what the
first reader after any publish waits for. Prints the median and the spread, in
wall and CPU milliseconds, and the SQL queries of that request (each one a round
trip, which on a loaded machine costs milliseconds of wall time).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ.setdefault("DEBUG", "false")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from casestudies.models import CaseStudyPage

    client = Client(HTTP_HOST="127.0.0.1")
    url = "/api/v1/case-studies/?limit=20"
    cases = list(
        CaseStudyPage.objects.live()
        .filter(locale__language_code="ja")
        .order_by("pk")[: args.rounds]
    )
    wall, cpu, queries = [], [], []

    def counted(execute, sql, params, many, context):
        queries[-1] += 1  # only counts: no timing overhead added to the request
        return execute(sql, params, many, context)

    for page in cases:
        assert client.get(url).status_code == 200  # warm: this version's index
        page.save_revision().publish()
        queries.append(0)
        with connection.execute_wrapper(counted):
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200
    total = client.get(url).json()["count"]
    print(
        f"cases={total} rounds={len(wall)} first request after a publish: "
        f"wall median {statistics.median(wall):.1f} ms "
        f"(min {min(wall):.1f}, max {max(wall):.1f}); "
        f"CPU median {statistics.median(cpu):.1f} ms; "
        f"{statistics.median(queries):.0f} queries"
    )


if __name__ == "__main__":
    main()
