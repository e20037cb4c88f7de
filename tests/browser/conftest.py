"""Browser journeys: Playwright drives Debian's Chromium against a real server.

One server per test module: gunicorn with two workers and threads, on a database
of the suite's kind (a temporary SQLite file, or a temporary PostgreSQL database
when the suite runs on PostgreSQL), migrated, with the demo content and the demo
users. Mail goes to files (tests/browser/server_settings.py) the tests read.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.test_cross_process import _free_port, database_url  # noqa: F401
from tests.browser.helpers import Server
from tests.processes.running import gunicorn

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "browser: drives Debian's Chromium against a served site"
    )


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="module")
def server(database_url, tmp_path_factory) -> Iterator[Server]:  # noqa: F811
    mail_dir = tmp_path_factory.mktemp("browser-mail")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CACHE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    port = _free_port()
    env.update(
        DJANGO_SETTINGS_MODULE="tests.browser.server_settings",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(tmp_path_factory.mktemp("browser-media")),
        BROWSER_TEST_MAIL_DIR=str(mail_dir),
        ALLOWED_HOSTS="127.0.0.1",
        WAGTAILADMIN_BASE_URL=f"http://127.0.0.1:{port}",
        LOG_LEVEL="WARNING",
    )
    served = Server(base=f"http://127.0.0.1:{port}", env=env, mail_dir=mail_dir)
    served.manage("migrate", "--noinput")
    served.manage("load_demo_content")
    served.manage("setup_roles", "--demo-users")
    process = gunicorn(port, env, "--threads", "4", "--timeout", "120")
    try:
        deadline = time.monotonic() + 60
        while not served.up():
            assert process.poll() is None, "gunicorn exited"
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.3)
        yield served
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def browser(server) -> Iterator:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make deb` installs Debian's chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        yield browser
        browser.close()
