"""Run the project's own commands and server as separate processes, for tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def manage(env: dict[str, str], *args: str) -> str:
    """``manage.py <args>`` in its own process; fails the test with its stderr."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def gunicorn(port: int, env: dict[str, str], *options: str) -> subprocess.Popen:
    """The production server with two workers on 127.0.0.1:<port>."""
    command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "2"]
    return subprocess.Popen(
        [*command, *options, "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
