"""The public site as readers meet it: every page type, both languages, in Chromium.

Each page is audited with axe-core (npm, injected from node_modules) and must have
no violations; its HTML must stay under 50 KB before images; it must make no
request outside this site; and a full-page screenshot of it is written under
var/screenshots/ (git-ignored) for a person to look at. Without JavaScript, the
section filters still work as a plain GET form.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

import pytest

from tests.browser.helpers import ROOT, ResponseWatch, Screens

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
MAX_HTML_BYTES = 50 * 1024


def _first(server, resource: str, language: str) -> dict:
    items = server.get_json(f"/api/v1/{resource}?locale={language}&limit=1")["items"]
    assert items, f"the demo content has no {resource} in {language}"
    return items[0]


def _site_pages(server) -> list[tuple[str, str, str]]:
    """(name, language, path) of one page of every type, in both languages."""
    pages = []
    for language in ("ja", "en"):
        home = server.get_json(f"/api/v1/home/?locale={language}")
        sections = {link["type"]: link["url"] for link in reversed(home["sections"])}
        case = _first(server, "case-studies/", language)
        column = _first(server, "columns/", language)
        word = "英語" if language == "ja" else "English"
        pages += [
            ("home", language, home["url"]),
            ("section", language, sections["case_study_index"]),
            ("case", language, case["url"]),
            ("columns", language, sections["column_index"]),
            ("column", language, column["url"]),
            ("search", language, f"/{language}/search/?q={quote(word)}"),
            ("not-found", language, f"/{language}/no-such-page/"),
        ]
    return pages


@pytest.fixture(scope="module")
def site_pages(server):
    return _site_pages(server)


def _axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(" ".join(node["target"]) for node in v["nodes"][:3])
        for v in result["violations"]
    ]


def test_every_page_type_passes_axe_stays_light_and_local(server, browser, site_pages):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make test` installs it (npm ci)")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = ResponseWatch(page)
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if urlsplit(request.url).hostname not in ("127.0.0.1", None)
            and not request.url.startswith("data:")
            else None
        ),
    )
    screens = Screens("site")
    problems: dict[str, list[str]] = {}
    for name, language, path in site_pages:
        response = page.goto(server.base + path)
        expected = 404 if name == "not-found" else 200
        assert response.status == expected, (path, response.status)
        assert page.locator("html").get_attribute("lang") == language, path
        size = len(response.body())
        assert size <= MAX_HTML_BYTES, f"{path}: {size} bytes of HTML"
        assert page.locator("h1").count() == 1, f"{path}: not exactly one h1"
        screens.shot(page, f"{language}-{name}")
        violations = _axe_violations(page)
        if violations:
            problems[path] = violations
    context.close()
    assert not problems, problems
    assert not outside, f"requests outside the site: {outside}"
    assert not watch.failures, watch.failures


def test_the_section_filters_work_without_javascript(server, browser, site_pages):
    section = next(
        path for name, lang, path in site_pages if name == "section" and lang == "ja"
    )
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.base + section)
    before = _count(page.locator("[role=status]").first.inner_text())
    boxes = page.locator("form input[type=checkbox]:not([disabled])")
    assert boxes.count() > 0, "no tag filter checkboxes"
    name, value = boxes.first.get_attribute("name"), boxes.first.get_attribute("value")
    boxes.first.check()
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert f"{name}={quote(value)}" in page.url, page.url
    assert page.locator("form input[type=checkbox]:checked").count() == 1
    after = _count(page.locator("[role=status]").first.inner_text())
    assert 0 < after <= before, (before, after)
    assert page.locator(".cards > li").count() == min(after, 20)
    context.close()


def _count(status: str) -> int:
    """The result count a listing's status line announces."""
    found = re.search(r"\d+", status)
    assert found, f"no count in {status!r}"
    return int(found.group())


def test_keyboard_reaches_the_filters_with_a_visible_focus(server, browser, site_pages):
    section = next(
        path for name, lang, path in site_pages if name == "section" and lang == "en"
    )
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.base + section)
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "checkbox":
            break
    else:
        pytest.fail("Tab never reached a filter checkbox")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), "the focused checkbox shows no outline"
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked") is True
    context.close()
