"""Issue 9's journey through the admin, in order, one server for the module: an
editor writes a Japanese case study and submits it, a reviewer sends it back with a
comment and then approves it, a publisher signs off and the API lists it."""

from __future__ import annotations

import json
import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import (
    ResponseWatch,
    Screens,
    english_words_on,
    login,
)

pytestmark = pytest.mark.browser

TITLE = "雪まつりで英語の案内所"
SUMMARY = "雪まつりの会場でALTと高校生が観光客を英語で案内しました。"


def _shell(server, code: str):
    """The last line a `manage.py shell -c` prints, as JSON."""
    return json.loads(server.manage("shell", "-c", code).splitlines()[-1])


@pytest.fixture(scope="module")
def facts(server) -> dict:
    """Ids the journey needs: the Japanese school section, a lead and a
    participants tag."""
    return _shell(
        server,
        "import json;"
        "from casestudies.models import CaseStudyIndexPage;"
        "from cms.models import Tag;"
        "print(json.dumps({"
        "'section': CaseStudyIndexPage.objects.get("
        "locale__language_code='ja', slug='school').pk,"
        "'lead': Tag.objects.filter(group__slug='lead').first().pk,"
        "'participants': Tag.objects.filter(group__slug='participants')"
        ".first().pk}))",
    )


@pytest.fixture(scope="module")
def journey() -> dict:
    """What one step leaves for the next, and the English seen on the way."""
    return {"english": {}}


def _context(browser):
    return browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900})


def _signed_in(browser, server, username: str):
    """A fresh Japanese browser context, its page logged in as ``username``, and a
    watch for 5xx answers that starts before the login."""
    page = _context(browser).new_page()
    watch = ResponseWatch(page)
    login(page, server, username)
    return page, watch


def _note_english(journey, screen: str, page) -> None:
    found = english_words_on(page)
    if found:
        journey["english"][screen] = found


def _more_actions(page):
    return (
        page.locator("[data-w-dropdown-target=toggle]")
        .filter(has_text="他のアクション")
        .last
    )


def _submit_for_review(page) -> None:
    _more_actions(page).click()
    page.locator("button[name=action-submit]").click()
    page.wait_for_load_state()


PARAGRAPH = "会場の地図を英語と日本語で作り、生徒が案内役を務めました。"
ALT_TEXT = "雪像の前で観光客に地図を渡す高校生"
QUOTE = "英語で道を教えられて、自信がつきました。"


def _add_block(page, label: str) -> None:
    """Wagtail's StreamField: the last "+" of the body, then the block's label."""
    page.locator("[data-contentpath=body] button.c-sf-add-button").last.click()
    page.get_by_role("option", name=label, exact=True).click()


def _write_body(page) -> None:
    """A paragraph, an image with its alt text and a quote, as an editor adds
    them: through the block menu, Draftail, and the image chooser."""
    _add_block(page, "段落")
    editor = page.locator("[data-contentpath=body] [contenteditable=true]").last
    editor.click()
    editor.type(PARAGRAPH)
    _add_block(page, "画像")
    page.locator("[data-contentpath=body] button:has-text('画像を選択')").last.click()
    page.locator(".modal [data-chooser-modal-choice]").first.click()
    page.locator("[data-contentpath=body] input[id$='-alt_text']").last.fill(ALT_TEXT)
    _add_block(page, "引用・コメント")
    page.locator("[data-contentpath=body] textarea[id$='-text']").last.fill(QUOTE)
    page.locator("[data-contentpath=body] input[id$='-speaker']").last.fill("高校2年生")


def test_editor_writes_a_japanese_case_study(server, browser, facts, journey, request):
    screens = Screens(request.node.name)
    page, watch = _signed_in(browser, server, "demo-editor")
    screens.shot(page, "dashboard")
    _note_english(journey, "dashboard", page)

    page.goto(
        f"{server.base}/admin/pages/add/casestudies/casestudypage/{facts['section']}/"
    )
    screens.shot(page, "new-case-study")
    _note_english(journey, "editor", page)
    # The submit button lives in the closed actions menu: open it so its
    # workflow wording (「…」に提出する) is checked too, then close it again.
    _more_actions(page).click()
    expect(page.locator("button[name=action-submit]")).to_be_visible()
    screens.shot(page, "actions-menu")
    _note_english(journey, "actions-menu", page)
    page.keyboard.press("Escape")
    expect(page.locator("button[name=action-submit]")).to_be_hidden()
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", SUMMARY)
    page.select_option("#id_prefecture", index=1)
    page.check(f"input[name=tags][value='{facts['participants']}']")
    _write_body(page)
    screens.shot(page, "body-written")

    # No lead tag: the publishing rule refuses the submission, in Japanese.
    _submit_for_review(page)
    screens.shot(page, "rule-error")
    _note_english(journey, "rule-error", page)
    assert "取組の主体" in page.content()
    assert "Choose at least one tag" not in page.content()

    page.check(f"input[name=tags][value='{facts['lead']}']")
    _submit_for_review(page)
    screens.shot(page, "submitted")
    _note_english(journey, "submitted", page)
    # Submitting leads back to the section's listing: find the page by its title.
    journey["page_id"] = _shell(
        server,
        "from wagtail.models import Page;"
        f"print(Page.objects.filter(title='{TITLE}').latest('pk').pk)",
    )
    state = _shell(
        server,
        "import json; from wagtail.models import Page;"
        f"p = Page.objects.get(pk={journey['page_id']}).specific;"
        "print(json.dumps([p.title, p.slug, p.live,"
        " p.current_workflow_state.status if p.current_workflow_state else None]))",
    )
    assert state[0] == TITLE
    assert re.fullmatch(r"[a-z0-9-]+", state[1]), state
    assert state[2:] == [False, "in_progress"]
    body = _shell(
        server,
        "import json; from wagtail.models import Page;"
        f"p = Page.objects.get(pk={journey['page_id']});"
        "body = p.get_latest_revision_as_object().body;"
        "print(json.dumps([[b.block_type, b.block.get_api_representation(b.value)"
        " if b.block_type != 'image' else dict(b.value, image=bool(b.value['image']))]"
        " for b in body], default=str))",
    )
    assert [kind for kind, _value in body] == ["paragraph", "image", "quote"], body
    assert PARAGRAPH in str(body[0][1])
    assert body[1][1]["image"] and body[1][1]["alt_text"] == ALT_TEXT
    assert body[2][1]["text"] == QUOTE
    assert not watch.failures
    page.context.close()


def _workflow_state(server, page_id: int):
    return _shell(
        server,
        "import json; from wagtail.models import Page;"
        f"p = Page.objects.get(pk={page_id}).specific;"
        "s = p.current_workflow_state;"
        "print(json.dumps([p.live, s.status if s else None,"
        " s.current_task_state.task.name if s and s.current_task_state else None]))",
    )


def _workflow_action(page, server, page_id: int, action: str, comment: str | None):
    """Open the page's editor and take a workflow action through its dialog."""
    page.goto(f"{server.base}/admin/pages/{page_id}/edit/")
    page.locator("[data-w-dropdown-target=toggle]").filter(
        has_text="他のアクション"
    ).last.click()
    page.locator(
        f"button[data-workflow-action-name='{action}'][data-workflow-action-modal-url]"
    ).click()
    dialog = page.locator("form:has(textarea[name=comment])").last
    dialog.wait_for()
    if comment is not None:
        dialog.locator("textarea[name=comment]").fill(comment)
    dialog.locator("[type=submit]").last.click()
    page.wait_for_load_state("networkidle")


def test_reviewer_requests_changes_then_approves(server, browser, journey, request):
    page_id = journey["page_id"]
    screens = Screens(request.node.name)
    reviewer, watch = _signed_in(browser, server, "demo-reviewer")
    screens.shot(reviewer, "dashboard")
    _note_english(journey, "reviewer-dashboard", reviewer)

    # Without a comment the request for changes is refused and nothing moves.
    _workflow_action(reviewer, server, page_id, "reject", comment=None)
    screens.shot(reviewer, "reject-without-comment")
    _note_english(journey, "reject-without-comment", reviewer)
    assert _workflow_state(server, page_id)[1] == "in_progress"

    _workflow_action(
        reviewer, server, page_id, "reject", comment="写真の説明を追加してください。"
    )
    screens.shot(reviewer, "changes-requested")
    assert _workflow_state(server, page_id)[1] == "needs_changes"

    editor, watch_editor = _signed_in(browser, server, "demo-editor")
    editor.goto(f"{server.base}/admin/pages/{page_id}/edit/")
    screens.shot(editor, "editor-sees-request")
    _note_english(journey, "editor-sees-request", editor)
    editor.fill("#id_municipality", "札幌市")
    _submit_for_review(editor)
    screens.shot(editor, "resubmitted")
    assert _workflow_state(server, page_id)[1] == "in_progress"

    _workflow_action(reviewer, server, page_id, "approve", comment="")
    screens.shot(reviewer, "approved")
    state = _workflow_state(server, page_id)
    journey["after_review"] = state
    assert state[1] == "in_progress", "the publisher's sign-off comes next"
    assert not watch.failures + watch_editor.failures
    reviewer.context.close()
    editor.context.close()


def test_publisher_signs_off_and_the_api_lists_it(server, browser, journey, request):
    page_id = journey["page_id"]
    screens = Screens(request.node.name)
    page, watch = _signed_in(browser, server, "demo-publisher")
    _workflow_action(page, server, page_id, "approve", comment="")
    screens.shot(page, "signed-off")
    _note_english(journey, "signed-off", page)
    assert _workflow_state(server, page_id)[0] is True
    ids = [
        item["id"]
        for item in server.get_json("/api/v1/case-studies/?limit=100")["items"]
    ]
    assert page_id in ids
    assert not watch.failures
    page.context.close()


ENGLISH = {
    TITLE: "English guides at the snow festival",
    SUMMARY: "At the snow festival, the ALT and high school students guided "
    "visitors in English.",
    "札幌市": "Sapporo",
}
REPUBLISHED_SUMMARY = SUMMARY + "翌年も続けます。"


def _translation_progress(server, page_id: int) -> dict:
    """The English translation of a Japanese page: its page id, whether it is
    live, and which source segments have no English yet (wagtail-localize's
    own records, read for the latest synced source)."""
    return _shell(
        server,
        "import json; from wagtail.models import Page, Locale;"
        "from wagtail_localize.models import Translation, StringSegment,"
        " StringTranslation;"
        f"p = Page.objects.get(pk={page_id});"
        "en = Locale.objects.get(language_code='en');"
        "t = p.get_translation_or_none(en);"
        "tr = Translation.objects.filter(source__object_id=p.translation_key,"
        " target_locale=en).first();"
        "segments = StringSegment.objects.filter(source=tr.source) if tr else [];"
        "done = set(StringTranslation.objects.filter(locale=en,"
        " translation_of__in=[s.string_id for s in segments], has_error=False)"
        ".values_list('translation_of_id', flat=True));"
        "print(json.dumps({'id': t.pk if t else None, 'live': bool(t and t.live),"
        " 'untranslated': sorted(s.string.data for s in segments"
        " if s.string_id not in done)}))",
    )


def _translate_segments(page) -> int:
    """Give every untranslated segment of wagtail-localize's editor its English,
    as a translator does: Translate, type, Enter. Returns how many."""
    count = 0
    pending = page.locator("li.incomplete").filter(
        has=page.get_by_role("button", name="Translate", exact=True)
    )
    while pending.count():
        # A handle, not a locator: once editing, the segment no longer matches
        # the filter above.
        segment = pending.first.element_handle()
        source = segment.query_selector("p").inner_text().strip()
        segment.query_selector("button:text-is('Translate')").click()
        box = page.locator(".js-translation-editor textarea")
        box.fill(ENGLISH.get(source, f"English for: {source}"))
        box.press("Enter")
        expect(box).to_have_count(0)
        page.wait_for_function("(li) => li.className === 'complete'", arg=segment)
        count += 1
    return count


def test_translator_translates_and_a_reviewer_approves(
    server, browser, journey, request
):
    """Step 4: from the sources listing into wagtail-localize's editor, submit
    through the footer's main button; a reviewer approves; English is live."""
    page_id = journey["page_id"]
    screens = Screens(request.node.name)
    translator, watch = _signed_in(browser, server, "demo-translator")
    translator.goto(f"{server.base}/admin/")
    translator.get_by_role("link", name="Sources to translate").first.click()
    translator.fill("#sources-q", TITLE)
    translator.get_by_role("button", name="Filter").click()
    row = translator.locator(f"[data-source-row='{page_id}']")
    screens.shot(translator, "sources")
    row.locator("[data-action=preview]").click()
    expect(translator.get_by_text(SUMMARY).first).to_be_visible()
    screens.shot(translator, "source-read-only")
    translator.go_back()
    row.locator("[data-action=translate]").click()
    screens.shot(translator, "submit-translation")
    translator.get_by_label("English").check()
    translator.locator("form [type=submit]").last.click()
    translator.wait_for_load_state()
    expect(translator.locator(".js-translation-editor li").first).to_be_visible()

    # The 日本語 link above the editor opens the read-only source, not a 403.
    source_link = translator.locator(".header-meta--locales a").first
    assert "/admin/translators/sources/" in source_link.get_attribute("href")

    # No machine translator unless one is configured (the dummy one reverses
    # words, which would look like work done).
    expect(translator.get_by_text("Dummy translator")).to_have_count(0)
    translated = _translate_segments(translator)
    expect(translator.get_by_text("Saving...")).to_have_count(0)
    assert translated >= 3
    screens.shot(translator, "translated")
    footer = translator.locator("footer .w-dropdown-button")
    main = footer.locator("> :visible").first
    expect(main).to_have_text(
        re.compile("Save draft and submit for translation review")
    )
    main.click()
    translator.wait_for_load_state()
    screens.shot(translator, "submitted")
    # In review, the main button says so and cannot submit twice.
    main = footer.locator("> :visible").first
    expect(main).to_have_text(re.compile("Awaiting translation review"))
    expect(main).to_be_disabled()
    progress = _translation_progress(server, page_id)
    assert progress["untranslated"] == [], progress
    assert progress["live"] is False
    english_id = journey["english_id"] = progress["id"]
    assert _workflow_state(server, english_id)[1:] == [
        "in_progress",
        "Translation review",
    ]

    reviewer, watch_reviewer = _signed_in(browser, server, "demo-reviewer")
    screens.shot(reviewer, "dashboard")
    _note_english(journey, "reviewer-dashboard-translation", reviewer)
    approve = reviewer.locator(
        f"[data-workflow-action-url*='/workflow/action/{english_id}/approve/']"
    ).first
    # The dashboard keeps a row's actions in its "…" menu.
    reviewer.locator("tr", has=approve).locator(
        "[data-w-dropdown-target=toggle]"
    ).click()
    # The first "approve" is Wagtail's one without a comment dialog: it posts
    # at once and reloads the dashboard.
    with reviewer.expect_navigation():
        approve.click()
    screens.shot(reviewer, "approved")
    assert _workflow_state(server, english_id)[0] is True
    english = server.get_json(f"/api/v1/case-studies/{english_id}/")
    assert english["title"] == ENGLISH[TITLE]
    assert english["summary"] == ENGLISH[SUMMARY]
    assert not watch.failures + watch_reviewer.failures
    translator.context.close()
    reviewer.context.close()


def test_republished_source_shows_out_of_date_then_syncs(
    server, browser, journey, request
):
    """Step 5: the publisher republishes the source with a new summary; the
    translator's dashboard lists the translation as out of date and an email
    goes out; after a sync only the changed summary is untranslated."""
    page_id = journey["page_id"]
    screens = Screens(request.node.name)
    mails_before = len(server.mails())
    publisher, watch = _signed_in(browser, server, "demo-publisher")
    publisher.goto(f"{server.base}/admin/pages/{page_id}/edit/")
    publisher.fill("#id_summary", REPUBLISHED_SUMMARY)
    _more_actions(publisher).click()
    publisher.locator("button[name=action-publish]").click()
    publisher.wait_for_load_state()
    screens.shot(publisher, "republished")
    assert (
        server.get_json(f"/api/v1/case-studies/{page_id}/")["summary"]
        == REPUBLISHED_SUMMARY
    )

    translator, watch_translator = _signed_in(browser, server, "demo-translator")
    out_of_date = translator.locator("[data-translators-group=out_of_date]")
    expect(out_of_date).to_contain_text(ENGLISH[TITLE])
    screens.shot(translator, "dashboard-out-of-date")
    mails = server.mails()[mails_before:]
    to_translator = [m for m in mails if "demo-translator@example.org" in m["To"]]
    assert len(to_translator) == 1, [m["To"] for m in mails]
    body = to_translator[0].get_payload(decode=True).decode()
    assert f"{server.base}/admin/localize/update/" in body, body

    out_of_date.locator("[data-translators-action=out_of_date]").first.click()
    screens.shot(translator, "sync")
    translator.locator("form [type=submit]").last.click()
    translator.wait_for_load_state()
    screens.shot(translator, "synced")
    progress = _translation_progress(server, page_id)
    assert progress["untranslated"] == [REPUBLISHED_SUMMARY], progress
    # The editor shows the same: one segment to translate, the rest kept.
    translator.goto(f"{server.base}/admin/pages/{journey['english_id']}/edit/")
    pending = translator.locator(".js-translation-editor li.incomplete")
    expect(pending).to_have_count(1)
    expect(pending).to_contain_text(REPUBLISHED_SUMMARY)
    screens.shot(translator, "editor-after-sync")
    assert not watch.failures + watch_translator.failures
    publisher.context.close()
    translator.context.close()


def _sessions_notice(page):
    """Wagtail's editing-sessions module: an avatar per other person in the editor
    ("… has unsaved changes" / "… saved a new version")."""
    return page.locator("#w-editing-sessions .w-editing-sessions__session")


def _autosave_states(*pages, seconds: float = 30) -> list[str]:
    """Each page's autosave indicator once none is still idle or saving."""
    deadline = time.monotonic() + seconds
    while True:
        states = [
            page.locator("#w-autosave-indicator").get_attribute(
                "data-w-autosave-state-value"
            )
            for page in pages
        ]
        if all(state in {"saved", "paused"} for state in states):
            return states
        assert time.monotonic() < deadline, states
        pages[0].wait_for_timeout(500)


def test_two_people_edit_the_same_page_at_once(server, browser, journey, request):
    """Step 6: an editor and a site admin in the same editor, autosave running."""
    page_id = journey["page_id"]
    screens = Screens(request.node.name)
    contexts = [_context(browser), _context(browser)]
    editor, admin = (context.new_page() for context in contexts)
    watch = ResponseWatch(editor, admin)
    login(editor, server, "demo-editor")
    login(admin, server, "demo-site-admin")
    for person in (editor, admin):
        person.goto(f"{server.base}/admin/pages/{page_id}/edit/")
        expect(person.locator("#id_municipality")).to_be_visible()
    edits = {
        "editor": (editor, "#id_municipality", "municipality", "札幌市中央区"),
        "site admin": (admin, "#id_summary", "summary", SUMMARY + "新聞に載りました。"),
    }
    for person, selector, _field, value in edits.values():
        person.fill(selector, value)
    # The one who opened the editor second sees the first at once; the first sees
    # the second at the next ping (10 s). Either is Wagtail's concurrent notice.
    deadline = time.monotonic() + 25
    while not any(_sessions_notice(p).first.is_visible() for p in (editor, admin)):
        assert time.monotonic() < deadline, "no concurrent-editing notice shown"
        editor.wait_for_timeout(500)
    # Let both autosaves (and a conflict, if any) run their course: each
    # indicator ends "saved" or, refused as out of date, "paused".
    states = _autosave_states(editor, admin)
    screens.shot(editor, "editor")
    screens.shot(admin, "site-admin")
    # Nobody's edit is lost silently: it is in the latest revision, or its
    # author's autosave is paused (Wagtail refused to overwrite a newer
    # version) and the text is still in their form, unsaved.
    latest = _shell(
        server,
        "import json; from wagtail.models import Page;"
        f"p = Page.objects.get(pk={page_id}).get_latest_revision_as_object();"
        "print(json.dumps({'municipality': p.municipality, 'summary': p.summary}))",
    )
    for (who, (person, selector, field, value)), state in zip(
        edits.items(), states, strict=True
    ):
        if latest[field] != value:
            assert state == "paused", (who, state, latest)
            expect(person.locator(selector)).to_have_value(value)
    assert "saved" in states, (states, latest)
    _note_english(journey, "concurrent-editor", editor)
    _note_english(journey, "concurrent-site-admin", admin)
    assert not watch.failures
    for context in contexts:
        context.close()


def test_reviewer_who_edited_cannot_approve(server, browser, journey, request):
    """Step 7: a reviewer who wrote a revision since the live one gets no approve
    action for it, neither in the editor nor on the dashboard."""
    page_id = journey["page_id"]
    screens = Screens(request.node.name)
    reviewer_context, editor_context = _context(browser), _context(browser)
    reviewer = reviewer_context.new_page()
    editor = editor_context.new_page()
    watch = ResponseWatch(reviewer, editor)
    login(reviewer, server, "demo-reviewer")
    reviewer.goto(f"{server.base}/admin/pages/{page_id}/edit/")
    reviewer.fill("#id_municipality", "札幌市北区")
    reviewer.locator("button.action-save").first.click()
    reviewer.wait_for_load_state()
    expect(reviewer.locator("#id_municipality")).to_have_value("札幌市北区")
    screens.shot(reviewer, "reviewer-saved-draft")
    _note_english(journey, "reviewer-saved-draft", reviewer)

    login(editor, server, "demo-editor")
    editor.goto(f"{server.base}/admin/pages/{page_id}/edit/")
    _submit_for_review(editor)
    screens.shot(editor, "submitted")
    assert _workflow_state(server, page_id)[1] == "in_progress"

    reviewer.goto(f"{server.base}/admin/pages/{page_id}/edit/")
    screens.shot(reviewer, "editor-without-approve")
    assert reviewer.locator("[data-workflow-action-name=approve]").count() == 0
    reviewer.goto(f"{server.base}/admin/")
    # Listed apart, with the reason, not as a row without actions.
    expect(reviewer.locator(f"[data-own-submission='{page_id}']")).to_be_visible()
    screens.shot(reviewer, "dashboard-without-approve")
    _note_english(journey, "dashboard-own-submission", reviewer)
    approve_url = f"/workflow/action/{page_id}/approve/"
    approve_here = f"[data-workflow-action-url*='{approve_url}']"
    assert reviewer.locator(approve_here).count() == 0
    assert _workflow_state(server, page_id)[1] == "in_progress"

    # Control: someone who wrote nothing of it (the superuser) is offered the
    # very actions looked for above, in the editor and on the dashboard.
    admin, watch_admin = _signed_in(browser, server, "demo-admin")
    admin.goto(f"{server.base}/admin/pages/{page_id}/edit/")
    assert admin.locator("[data-workflow-action-name=approve]").count() > 0
    admin.goto(f"{server.base}/admin/")
    screens.shot(admin, "control-dashboard-with-approve")
    assert admin.locator(approve_here).count() > 0
    assert not watch.failures + watch_admin.failures
    admin.context.close()
    reviewer_context.close()
    editor_context.close()


def test_autosave_and_submit_make_one_page(server, journey):
    """The add view autosaves a draft; submitting must not create a second page."""
    pages = _shell(
        server,
        "import json; from wagtail.models import Page;"
        f"print(json.dumps(list(Page.objects.filter(title='{TITLE}')"
        ".values_list('pk', 'slug'))))",
    )
    assert len(pages) == 1, pages


def test_japanese_screens_show_no_english(journey):
    assert not journey["english"], journey["english"]
