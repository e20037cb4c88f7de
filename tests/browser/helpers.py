"""What the browser journeys share: the served site, logging in, screenshots, and
the check that a Japanese admin screen shows no English from Wagtail's UI."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from pathlib import Path

from tests.processes.running import manage

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "var" / "screenshots"
PASSWORD = "casebook-demo"

# Words of Wagtail's and wagtail-localize's UI that must not stay English on a
# Japanese admin screen. Whole words, case-sensitive as the UI writes them.
WAGTAIL_UI_WORDS = (
    "Page",
    "Pages",
    "Draft",
    "Live",
    "Publish",
    "Save",
    "Submit",
    "Workflow",
    "Review",
    "Moderation",
    "Delete",
    "Edit",
    "Preview",
    "Status",
    "Comments",
    "History",
    "Settings",
    "Search",
    "Password",
    "Username",
    "Sign in",
    "Log out",
    "Dashboard",
    "Images",
    "Documents",
    "Snippets",
    "Reports",
    "Help",
    "Actions",
    "Cancel",
    "Approve",
    "Reject",
    "Request changes",
    "Translate",
    "Translation",
    "Collapse all",
    "Expand all",
    "Set publishing schedule",
    "awaiting",
    "In moderation",
    "Remember me",
    "Choose",
    "Upload",
    "Add",
    "Close",
    "Title",
    "Slug",
    "Tags",
    "Content",
    "Promote",
    "Privacy",
    "Locked",
    "Unlocked",
    "Owner",
    "Updated",
    "Type",
    "Sort",
    "Filter",
    "Apply",
    "Next",
    "Previous",
)

# English that is right on a Japanese screen: names, and the language switch.
ALLOWED_ENGLISH = (
    "JET-ALT",
    "JET",
    "ALT",
    "Wagtail",
    "English Café",
    "English",
)


@dataclass
class Server:
    base: str
    env: dict[str, str]
    mail_dir: Path
    admin_language: dict[str, str] = field(default_factory=dict)

    def manage(self, *args: str) -> str:
        return manage(self.env, *args)

    def get_json(self, path: str) -> dict:
        with urllib.request.urlopen(self.base + path, timeout=30) as reply:
            return json.loads(reply.read())

    def up(self) -> bool:
        try:
            with urllib.request.urlopen(self.base + "/api/v1/version/", timeout=5):
                return True
        except (OSError, urllib.error.HTTPError):
            return False

    def mails(self) -> list[Message]:
        """Every mail sent so far; the file backend writes one file per connection,
        messages separated by a line of dashes."""
        messages = []
        for path in sorted(self.mail_dir.glob("*.log")):
            for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if chunk.strip():
                    messages.append(message_from_bytes(chunk.lstrip()))
        return messages


class Screens:
    """Full-page screenshots of every screen, in var/screenshots/<test>/<step>.png."""

    def __init__(self, test_name: str):
        self.folder = SCREENSHOTS / re.sub(r"[^\w.-]+", "_", test_name)
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob("*.png"):
            old.unlink()
        self.count = 0

    def shot(self, page, step: str) -> Path:
        self.count += 1
        path = self.folder / f"{self.count:02d}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path


class ResponseWatch:
    """Every response a page receives with a 5xx status, for 'no 500 anywhere'."""

    def __init__(self, *pages):
        self.failures: list[str] = []
        for page in pages:
            page.on("response", self._seen)

    def _seen(self, response) -> None:
        if response.status >= 500:
            self.failures.append(f"{response.status} {response.url}")


def login(page, server: Server, username: str) -> None:
    page.goto(server.base + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/(?!login)"))


def english_words_on(page) -> list[str]:
    """Wagtail UI words in English that the page's visible text shows."""
    text = page.locator("body").inner_text()
    for allowed in sorted(ALLOWED_ENGLISH, key=len, reverse=True):
        text = text.replace(allowed, " ")
    found = []
    for word in WAGTAIL_UI_WORDS:
        # ASCII letters bound a word: "reviewに" is the word "review" too.
        pattern = rf"(?<![A-Za-z-]){re.escape(word)}(?![A-Za-z-])"
        if re.search(pattern, text, re.IGNORECASE):
            found.append(word)
    return found


def assert_no_english(page) -> None:
    found = english_words_on(page)
    assert not found, f"English UI words on a Japanese screen {page.url}: {found}"
