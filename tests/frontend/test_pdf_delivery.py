"""The casebook PDFs on the site: kept per content version, rebuilt after a publish.

Every PDF here is really built (Typst) and read back with poppler; a build costs
seconds, so the tests build few, and count builds with a spy on the renderer
that still renders.
"""

from __future__ import annotations

import socket

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django_tasks import default_task_backend
from django_tasks.signals import task_enqueued

from cms.api.version import content_version_changed
from frontend.client import api
from frontend.pdf import editions, render
from frontend.pdf.tasks import rebuild_editions
from tests.factories import make_case_study
from tests.frontend.pdf_tools import needs_poppler, pdf_text

pytestmark = [pytest.mark.django_db, needs_poppler]

CAFE = "教職員向け英会話教室"
FESTIVAL = "住民と作る国際交流フェスタ"
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def cases(site_tree):
    cafe = make_case_study(site_tree.school, slug="english-cafe", title=CAFE)
    festival = make_case_study(site_tree.community, slug="festival", title=FESTIVAL)
    return cafe, festival


@pytest.fixture
def builds(monkeypatch) -> list[tuple[str, tuple]]:
    """Each PDF rendered, as (function, arguments); the PDF is still real."""
    calls: list[tuple[str, tuple]] = []
    for name in ("render_booklet", "render_case"):
        real = getattr(render, name)

        def spy(*args, _real=real, _name=name):
            calls.append((_name, args))
            return _real(*args)

        monkeypatch.setattr(render, name, spy)
    return calls


@pytest.fixture
def enqueued() -> list[str]:
    """The name of each task queued, whichever backend runs it."""
    names: list[str] = []

    def record(sender, task_result, **kwargs):
        names.append(task_result.task.name)

    task_enqueued.connect(record)
    yield names
    task_enqueued.disconnect(record)


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def case_url(case, language: str = "ja") -> str:
    with translation.override(language):
        return reverse("frontend-case-pdf", kwargs={"case_id": case.pk})


def kept_versions() -> list[str]:
    return sorted(
        editions.version_of(path) for path in settings.PDF_EDITIONS_DIR.glob("*.pdf")
    )


def queued_rebuilds() -> int:
    """Rebuilds queued on the dummy backend (Wagtail queues its own tasks too)."""
    return sum(
        r.task.func is rebuild_editions.func for r in default_task_backend.results
    )


def republish(case, title: str, capture) -> None:
    """A new title, published, with the after-commit work run as on a server."""
    with capture(execute=True):
        make_case_study(case.get_parent().specific, slug=case.slug, title=title)


def test_both_urls_answer_the_pdf_with_the_titles(client, cases, builds):
    cafe, festival = cases
    with translation.override("ja"):
        booklet_url = reverse("frontend-casebook-pdf")
    assert booklet_url == "/ja/casebook.pdf"
    assert case_url(cafe) == f"/ja/casebook/cases/{cafe.pk}.pdf"

    booklet = client.get(booklet_url)
    assert booklet.status_code == 200
    assert booklet["Content-Type"] == "application/pdf"
    assert (
        booklet["Content-Disposition"] == 'inline; filename="jet-alt-casebook-ja.pdf"'
    )
    version = api().version()
    assert booklet["X-Content-Version"] == version
    assert booklet["ETag"] == f'"pdf-{version}"'
    # The API's policy, as on every page (frontend.page_cache).
    policy = api().get("version/").cache_control
    assert booklet["Cache-Control"] == policy != ""
    text = pdf_text(body(booklet))
    assert CAFE in text and FESTIVAL in text

    one = client.get(case_url(festival))
    assert one.status_code == 200 and one["Content-Type"] == "application/pdf"
    assert one["Content-Disposition"] == (
        f'inline; filename="jet-alt-casebook-case-{festival.pk}-ja.pdf"'
    )
    text = pdf_text(body(one))
    assert FESTIVAL in text and CAFE not in text

    # The language is the URL's: no case is translated, the frame is English.
    english = client.get("/en/casebook.pdf")
    assert english.status_code == 200
    assert english["Content-Disposition"].endswith('"jet-alt-casebook-en.pdf"')
    assert "Contents" in (text := pdf_text(body(english))) and CAFE not in text
    assert builds == [
        ("render_booklet", ("ja",)),
        ("render_case", (festival.pk, "ja")),
        ("render_booklet", ("en",)),
    ]


def test_the_file_is_sent_again_without_a_build_and_other_requests_build_nothing(
    client, cases, builds, enqueued
):
    cafe, _festival = cases
    first = client.get(case_url(cafe))
    pdf = body(first)
    assert len(builds) == 1

    again = client.get(case_url(cafe))
    assert body(again) == pdf and again["ETag"] == first["ETag"]
    revalidated = client.get(case_url(cafe), HTTP_IF_NONE_MATCH=first["ETag"])
    assert revalidated.status_code == 304
    assert revalidated["X-Content-Version"] == first["X-Content-Version"]
    assert len(builds) == 1
    assert rebuild_editions.name not in enqueued  # current: nothing to rebuild

    # A new version (its after-commit work not run), then a page and an API
    # list read it: neither builds or touches the kept PDF.
    make_case_study(cafe.get_parent().specific, slug="another", title="別の事例")
    assert api().version() != first["X-Content-Version"]
    assert client.get("/ja/").status_code == 200
    assert client.get("/api/v1/case-studies/", {"locale": "ja"}).status_code == 200
    assert len(builds) == 1 and rebuild_editions.name not in enqueued
    assert kept_versions() == [first["X-Content-Version"]]


def test_a_republished_case_is_rebuilt_after_the_commit_and_sent_from_the_file(
    client, cases, builds, django_capture_on_commit_callbacks
):
    cafe, _festival = cases
    first = client.get(case_url(cafe))
    old_version = first["X-Content-Version"]
    assert CAFE in pdf_text(body(first))

    republish(cafe, "教職員と続ける英会話教室", django_capture_on_commit_callbacks)

    # Rebuilt by the task the commit queued (run at once in tests); the older
    # file is gone.
    new_version = api().version()
    assert new_version != old_version
    assert kept_versions() == [new_version]
    assert len(builds) == 2
    response = client.get(case_url(cafe), HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200
    assert response["X-Content-Version"] == new_version
    assert response["ETag"] != first["ETag"]
    assert "教職員と続ける英会話教室" in pdf_text(body(response))
    assert len(builds) == 2  # sent from the rebuilt file


def test_a_publish_builds_nothing_when_no_pdf_is_kept(
    cases, builds, enqueued, django_capture_on_commit_callbacks
):
    cafe, _festival = cases
    signalled: list[str] = []

    def record(sender, version, **kwargs):
        signalled.append(version)

    content_version_changed.connect(record)
    try:
        republish(cafe, "誰も頼んでいない版", django_capture_on_commit_callbacks)
    finally:
        content_version_changed.disconnect(record)
    assert signalled == [api().version()]  # the premise: the signal was sent
    assert rebuild_editions.name not in enqueued
    assert builds == [] and kept_versions() == []


def test_a_stale_file_is_sent_while_one_rebuild_is_pending(
    client, cases, builds, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DUMMY_TASKS  # tasks are queued, never run
    cafe, festival = cases
    first = client.get(case_url(cafe))
    pdf = body(first)

    # Published by another process: no signal here, the request sees it first.
    make_case_study(cafe.get_parent().specific, slug=cafe.slug, title="新しい題名")
    assert api().version() != first["X-Content-Version"]
    for _ in range(2):
        stale = client.get(case_url(cafe))
        assert stale.status_code == 200
        assert body(stale) == pdf
        assert stale["X-Content-Version"] == first["X-Content-Version"]
    assert queued_rebuilds() == 1

    # Published here: the commit queues the rebuild, and the request after it
    # does not queue another.
    republish(festival, "もう一つの新しい題名", django_capture_on_commit_callbacks)
    assert queued_rebuilds() == 2
    assert body(client.get(case_url(cafe))) == pdf
    assert queued_rebuilds() == 2
    assert len(builds) == 1


def test_a_case_not_public_in_english_is_the_sites_404(client, cases, builds):
    cafe, _festival = cases
    response = client.get(case_url(cafe, "en"))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    with translation.override("en"):
        assert "Page not found" in response.text
    assert kept_versions() == []


def test_only_get_and_head_are_allowed(client, cases, builds):
    response = client.post("/ja/casebook.pdf")
    assert response.status_code == 405
    assert builds == []


def test_an_unavailable_api_is_a_503(client, settings, builds):
    with socket.socket() as probe:  # a port nobody listens on once closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CMS_API_URL = f"http://127.0.0.1:{port}/api/v1/"
    response = client.get("/ja/casebook.pdf")
    assert response.status_code == 503
    assert response["Retry-After"]
    assert builds == []


def test_a_pdf_built_while_the_content_changed_is_not_kept(cases, monkeypatch, caplog):
    cafe, _festival = cases
    real = render.render_case

    def published_meanwhile(*args):
        pdf = real(*args)
        make_case_study(cafe.get_parent().specific, slug="late", title="途中の公開")
        return pdf

    monkeypatch.setattr(render, "render_case", published_meanwhile)
    before = api().version()
    with caplog.at_level("INFO", logger="frontend.pdf.editions"):
        built = editions.build(editions.Edition.case(cafe.pk, "ja"))
    assert built.path is None and built.version == before != api().version()
    assert built.pdf.startswith(b"%PDF")
    assert kept_versions() == []
    assert "Not keeping" in caplog.text


def test_a_case_withdrawn_since_its_file_was_built_is_a_404(
    client, cases, builds, settings
):
    settings.TASKS = DUMMY_TASKS  # the stale file stays while its rebuild waits
    cafe, _festival = cases
    assert client.get(case_url(cafe)).status_code == 200
    cafe.unpublish()
    assert client.get(case_url(cafe)).status_code == 404
    assert len(builds) == 1 and queued_rebuilds() == 0
    # The rebuild, when it runs, removes the file instead of keeping it.
    rebuild_editions.call()
    assert kept_versions() == []
