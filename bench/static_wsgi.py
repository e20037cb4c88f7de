"""The production WSGI app plus ``/bench-static/…`` served straight from disk.

The benchmark's baseline: the same JSON bytes as the API returns, served by the
same gunicorn workers without Django, so "API vs static file" compares like with
like on this machine.
"""

from __future__ import annotations

import os
from pathlib import Path

from config.wsgi import application as django_application

STATIC_DIR = Path(os.environ.get("BENCH_STATIC_DIR", "var/bench/static")).resolve()
PREFIX = "/bench-static/"


def application(environ, start_response):
    path = environ.get("PATH_INFO", "")
    if not path.startswith(PREFIX):
        return django_application(environ, start_response)
    file = (STATIC_DIR / path[len(PREFIX) :]).resolve()
    if STATIC_DIR not in file.parents or not file.is_file():
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]
    body = file.read_bytes()
    start_response(
        "200 OK",
        [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
    )
    return [body]
