"""SQL queries per uncached request, counted in-process (``python -m bench.queries``).

Run with the same environment as the server (DATABASE_URL, production settings);
prints ``{"list": n, "detail": n, "find": n}`` as JSON.
"""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def count(client: Client, path: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200, (path, response.status_code)
    return len(captured)


def main(paths: dict[str, str]) -> None:
    client = Client()
    print(json.dumps({name: count(client, path) for name, path in paths.items()}))


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
