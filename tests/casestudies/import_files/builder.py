"""A valid import document and a helper that writes it, with its images, to disk.

Tests start from this document and break one thing at a time, so each bad-file test
shows exactly which mistake it is about.
"""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

from django.core.management import call_command

from tests.factories import png_bytes

# How the importer names the valid document's records in its messages.
CASE = "case_studies[0] (key=miyagi-alt-journal)"
CASE_EN = "case_studies[1] (key=miyagi-alt-journal-en)"
COLUMN = "columns[0] (key=journal-column)"

IMAGES = {
    "images/hero.png": "#3a7",
    "images/classroom.png": "#a73",
    "images/portrait.png": "#37a",
}

_DOCUMENT: dict[str, Any] = {
    "version": 1,
    "themes": [
        {
            "slug": "local-appeal",
            "name_ja": "地域の魅力発見・発信",
            "name_en": "Local appeal",
        }
    ],
    "case_studies": [
        {
            "key": "miyagi-alt-journal",
            "section": "school",
            "title": "ALT目線の読み物「ALT Journal」",
            "slug": "alt-journal",
            "prefecture": "JP-04",
            "summary": "ALTが県内で見つけた場所や行事を紹介する読み物を作った。",
            "hero_image": {"file": "images/hero.png", "alt": "読み物の表紙"},
            "body": [
                {"type": "paragraph", "value": "<p>毎号、写真とクイズを載せる。</p>"},
                {
                    "type": "image",
                    "value": {
                        "file": "images/classroom.png",
                        "alt_text": "読み物を読む生徒",
                        "caption": "授業での活用",
                    },
                },
                {
                    "type": "quote",
                    "value": {"text": "ふるさとを見直した。", "speaker": "生徒"},
                },
                {
                    "type": "video",
                    "value": {
                        "url": "https://www.youtube.com/watch?v=casebook1",
                        "caption": "紹介動画",
                    },
                },
                {
                    "type": "link",
                    "value": {"url": "https://example.org/", "title": "県のページ"},
                },
            ],
            "devised": "<p>ALTに質問したくなる問いを入れた。</p>",
            "challenges": "<p>題材選び。</p>",
            "outcomes": "<p>教員も児童生徒も使える。</p>",
            "tags": {
                "lead": ["jet-alt"],
                "participants": ["elementary", "junior-high"],
                "internationalisation": ["intercultural-understanding"],
                "features": ["digital-tools"],
            },
            "themes": ["local-appeal"],
        },
        {
            "key": "miyagi-alt-journal-en",
            "translation_of": "miyagi-alt-journal",
            "locale": "en",
            "title": "The ALT Journal, seen through an ALT's eyes",
            "summary": "An ALT wrote a reader about places and events nearby.",
            "hero_image": {"alt": "The reader's cover"},
            "body": [
                {
                    "type": "paragraph",
                    "value": "<p>Each issue has photos and a quiz.</p>",
                },
                {
                    "type": "image",
                    "value": {
                        "alt_text": "Pupils reading the journal",
                        "caption": "Used in class",
                    },
                },
                {
                    "type": "quote",
                    "value": {"text": "I saw my home town anew.", "speaker": "Pupil"},
                },
                {"type": "video", "value": {"caption": "Introduction video"}},
                {"type": "link", "value": {"title": "The prefecture's page"}},
            ],
            "devised": "<p>Questions invite pupils to ask the ALT.</p>",
            "challenges": "<p>Choosing topics.</p>",
            "outcomes": "<p>Teachers and pupils can both use it.</p>",
        },
    ],
    "columns": [
        {
            "key": "journal-column",
            "locale": "en",
            "title": "Why I write the journal",
            "slug": "why-i-write",
            "author_name": "Sam Example",
            "home_country": "Canada",
            "placement": "A junior high school in Miyagi",
            "portrait": {"file": "images/portrait.png", "alt": "Sam smiling"},
            "summary": "A column written in English first.",
            "body": [{"type": "paragraph", "value": "<p>I love local festivals.</p>"}],
            "related_case_study": "miyagi-alt-journal",
        },
        {
            "key": "journal-column-ja",
            "translation_of": "journal-column",
            "locale": "ja",
            "title": "読み物を書く理由",
            "home_country": "カナダ",
            "placement": "宮城県の中学校",
            "portrait": {"alt": "笑顔のサム"},
            "body": [{"type": "paragraph", "value": "<p>地域の祭りが好きです。</p>"}],
        },
    ],
}


def valid_document() -> dict[str, Any]:
    return copy.deepcopy(_DOCUMENT)


def write_import(directory: Path, document: Any, *, images: bool = True) -> Path:
    """Write ``document`` (or raw text) as import.json beside its image files."""
    if images:
        for name, colour in IMAGES.items():
            path = directory / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(png_bytes(colour=colour))
    target = directory / "import.json"
    text = document if isinstance(document, str) else json.dumps(document, indent=2)
    target.write_text(text, encoding="utf-8")
    return target


def run_import(path, *args: str) -> str:
    """Run ``import_casestudies`` on ``path`` with ``args``; what it printed."""
    out = io.StringIO()
    call_command("import_casestudies", str(path), *args, stdout=out)
    return out.getvalue()
