"""Leak probe: drafts, moderation, private pages and restricted images never show.

Every seeded secret carries MARKER; the secrets that are one publishing state
each (a draft of a live translation, a page in moderation, an expired page, a
scheduled page) carry their own marker too, ``marker(kind)``, so a failure
names what leaked. Every endpoint is requested with many parameter
combinations, anonymously, with garbage or revoked credentials and even with a
superuser's session: no response body may contain any marker.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupApprovalTask,
    PageViewRestriction,
    Workflow,
    WorkflowTask,
)

from cms.api.endpoints.preview import issue_token
from cms.translation import translate_page
from cms.workflows.scheduling import run_due
from tests.api.helpers import API
from tests.factories import (
    ImageFactory,
    locale,
    make_case_study,
    make_column,
    png_bytes,
    tags,
)

MARKER = "zqleakmarker"
MARKERS: list[str] = []  # every marker(kind), for naming what leaked


def marker(kind: str) -> str:
    """A marker unique to one seeded secret (lower case: bodies are lowered)."""
    value = f"{MARKER}{kind}"
    if value not in MARKERS:
        MARKERS.append(value)
    return value


@pytest.fixture
def secrets(api_content):
    site = api_content.site
    user = get_user_model().objects.create_superuser("probe", "p@example.com", "pw")
    secret_title = f"{MARKER} title"
    pages = {}
    # 1. A draft that was never published.
    pages["draft"] = make_case_study(
        site.school, slug="draft-case", title=secret_title, publish=False
    )
    # 2. A live page with newer unpublished changes …
    live = make_case_study(site.school, slug="live-with-draft", title="公開中")
    revision = live.get_latest_revision_as_object()
    revision.title = secret_title
    revision.summary = MARKER
    revision.save_revision(user=user)
    pages["live_with_draft"] = live
    # 3. … and one whose changes are in moderation.
    workflow = Workflow.objects.create(name="Probe review")
    task = GroupApprovalTask.objects.create(name="Probe task")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    moderated = make_case_study(site.community, slug="in-review", title="審査中")
    draft = moderated.get_latest_revision_as_object()
    draft.title = f"{marker('inreview')} title"
    draft.summary = marker("inreview")
    draft.save_revision(user=user)
    workflow.start(moderated, user)
    pages["moderated"] = moderated
    # 4. Private (login) and 5. password-protected live pages.
    for kind, extra in (
        ("private", {"restriction_type": PageViewRestriction.LOGIN}),
        (
            "password",
            {"restriction_type": PageViewRestriction.PASSWORD, "password": "pw"},
        ),
    ):
        page = make_case_study(
            site.school,
            slug=f"{kind}-case",
            title=secret_title,
            summary=MARKER,
            tags=tags("with-cir", "preschool", "long-holidays"),
            prefecture="JP-47",
        )
        PageViewRestriction.objects.create(page=page, **extra)
        pages[kind] = page
    # A private column, and an unpublished English translation.
    column = make_column(site.columns, slug="private-column", title=secret_title)
    PageViewRestriction.objects.create(
        page=column, restriction_type=PageViewRestriction.LOGIN
    )
    pages["private_column"] = column
    pages["draft_translation"] = translate_page(
        api_content.ibaraki, locale("en"), values={"title": secret_title}
    )
    # 6. A live English translation with a newer, unpublished draft: through
    # wagtail-localize, whose save_target writes drafts into the live row
    # (wagtail-localize #634, cms/workflows/wagtail_localize_634.py).
    translate_page(
        api_content.miyagi,
        locale("en"),
        values={
            "title": f"{marker('draftoflive')} title",
            "summary": marker("draftoflive"),
            "devised": f"<p>{marker('draftoflive')}</p>",
        },
    )
    pages["draft_of_live_translation"] = api_content.miyagi_en
    # 7. An expired page, unpublished by the scheduler as in production.
    expired = make_case_study(
        site.school,
        slug="expired-case",
        title=f"{marker('expired')} title",
        summary=marker("expired"),
    )
    type(expired).objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - dt.timedelta(hours=1)
    )
    assert run_due().expired == [expired.pk]
    pages["expired"] = expired
    # 8. Scheduled: a new page and a live page's next revision, approved for a
    # go-live date in the future, so neither is live content yet.
    go_live_at = timezone.now() + dt.timedelta(days=3)
    scheduled = make_case_study(
        site.community,
        slug="scheduled-case",
        title=f"{marker('scheduled')} title",
        summary=marker("scheduled"),
        publish=False,
    )
    scheduled.go_live_at = go_live_at
    scheduled.save_revision(user=user).publish(user=user)
    pages["scheduled"] = scheduled
    live_scheduled = make_case_study(
        site.community, slug="live-with-schedule", title="予約あり"
    )
    next_version = live_scheduled.get_latest_revision_as_object()
    next_version.title = f"{marker('scheduledrevision')} title"
    next_version.summary = marker("scheduledrevision")
    next_version.go_live_at = go_live_at
    next_version.save_revision(user=user).publish(user=user)
    pages["live_with_schedule"] = live_scheduled
    # 9. An image in a restricted collection, used by public pages.
    restricted = Collection.get_first_root_node().add_child(name="Restricted")
    CollectionViewRestriction.objects.create(
        collection=restricted, restriction_type=CollectionViewRestriction.LOGIN
    )
    secret_image = ImageFactory(
        title=MARKER,
        collection=restricted,
        file=ImageFile(io.BytesIO(png_bytes()), name=f"{MARKER}.png"),
    )
    make_case_study(
        site.community,
        slug="public-with-secret-image",
        title="公開事例",
        hero_image=secret_image,
        hero_image_alt="写真",
        body=[
            {
                "type": "image",
                "value": {
                    "image": secret_image.pk,
                    "alt_text": "写真",
                    "decorative": False,
                    "caption": "",
                },
            }
        ],
    )
    # The home page features a draft and a private page.
    home = site.home
    home.featured = [
        {"type": "case_study", "value": pages["draft"].pk},
        {"type": "case_study", "value": pages["private"].pk},
    ]
    home.save_revision().publish()
    # A token issued to a user who is then deactivated (revoked).
    revoked = get_user_model().objects.create_superuser("gone", "g@example.com", "pw")
    revoked_token = issue_token(pages["draft"], revoked)
    revoked.is_active = False
    revoked.save()
    return {"pages": pages, "user": user, "revoked_token": revoked_token}


def _requests(api_content, secrets):
    ids = [page.pk for page in secrets["pages"].values()]
    ids += [api_content.miyagi.pk, api_content.column.pk, 999999]
    filters = [
        {},
        {"section": "school"},
        {"prefecture": "JP-47"},
        {"lead": "with-cir"},
        {"participants": "preschool"},
        {"features": "long-holidays"},
        {"ordering": "title", "limit": "100"},
    ]
    for params, language in itertools.product(filters, ("ja", "en")):
        yield "case-studies/", {**params, "locale": language, "fallback": "ja"}
        yield "case-studies/", {**params, "locale": language}
        yield "search/", {**params, "locale": language, "q": MARKER}
    yield "search/", {"q": "title"}
    for language in ("ja", "en"):
        yield "search/suggest/", {"q": MARKER[:20], "locale": language}
        yield "search/suggest/", {"q": "a", "locale": language, "limit": "20"}
    for pk, language in itertools.product(ids, ("ja", "en")):
        for kind in ("case-studies", "columns"):
            yield f"{kind}/{pk}/", {}
            yield f"{kind}/{pk}/", {"locale": language, "fallback": "ja"}
        yield f"case-studies/{pk}/related/", {"locale": language, "limit": "12"}
    for language in ("ja", "en"):
        yield "columns/", {"locale": language, "fallback": "ja"}
        yield "taxonomy/", {"locale": language}
        yield "home/", {"locale": language}
        yield "pages/sitemap/", {"limit": "100"}
        for page in secrets["pages"].values():
            url = page.url_path.split("/", 2)[-1]
            yield "pages/find/", {"path": f"/{language}/{url}"}
    yield "preview/", {"token": "garbage"}
    yield "preview/", {"token": secrets["revoked_token"]}
    yield "schema/", {}


CREDENTIALS = [
    {},
    {"HTTP_AUTHORIZATION": "Token garbage"},
    {"HTTP_AUTHORIZATION": "Bearer eyJhbGciOiJIUzI1NiJ9.e30.garbage"},
    {"HTTP_AUTHORIZATION": "Basic cHJvYmU6cHc="},  # the superuser's real password
]


def _leaked(response) -> list[str]:
    text = _text(response)
    return [m for m in [*MARKERS, MARKER] if m in text]


def _text(response) -> str:
    """The body, less search's echo of the query the probe itself sent."""
    text = response.content.decode()
    if response.get("Content-Type") == "application/json" and '"q":' in text:
        body = json.loads(text)
        body.pop("q", None)
        text = json.dumps(body, ensure_ascii=False)
    return text.lower()


def test_no_marker_in_any_response(client, api_content, secrets):
    requests = list(_requests(api_content, secrets))
    assert len(requests) > 100
    checked = 0
    for headers in CREDENTIALS:
        for path, params in requests:
            response = client.get(API + path, params, **headers)
            assert response.status_code < 500, (path, params)
            assert not _leaked(response), (path, params, _leaked(response))
            checked += 1
    # Even a superuser's session changes nothing on the public endpoints.
    client.force_login(secrets["user"])
    for path, params in requests:
        if path == "preview/":
            continue
        response = client.get(API + path, params)
        assert not _leaked(response), (path, params, _leaked(response))
    assert checked == len(requests) * len(CREDENTIALS)


def test_probe_content_is_really_there(client, api_content, secrets):
    """Guard against a probe that passes because nothing was seeded."""
    pages = secrets["pages"]
    assert pages["draft"].get_latest_revision_as_object().title.startswith(MARKER)
    assert pages["moderated"].workflow_in_progress
    assert (
        marker("inreview")
        in (
            pages[
                "moderated"
            ].current_workflow_state.current_task_state.revision.content["title"]
        )
    )
    english = type(pages["draft_of_live_translation"]).objects.get(
        pk=pages["draft_of_live_translation"].pk
    )
    assert english.live and english.has_unpublished_changes
    assert english.get_latest_revision().content["summary"] == marker("draftoflive")
    expired = type(pages["expired"]).objects.get(pk=pages["expired"].pk)
    assert expired.expired and not expired.live
    for key in ("scheduled", "live_with_schedule"):
        page = type(pages[key]).objects.get(pk=pages[key].pk)
        assert page.live == (key == "live_with_schedule")
        assert page.revisions.filter(approved_go_live_at__isnull=False).exists()
    assert len(MARKERS) == 5
    body = client.get(API + "case-studies/", {"limit": 100}).json()
    titles = [item["title"] for item in body["items"]]
    assert {"公開中", "審査中", "公開事例", "予約あり"} <= set(titles)
    english = client.get(API + "case-studies/", {"limit": 100, "locale": "en"}).json()
    assert "Making the ALT Journal" in [item["title"] for item in english["items"]]
    secret_image_case = next(i for i in body["items"] if i["title"] == "公開事例")
    assert secret_image_case["hero_image"] is None
