"""Video blocks take https links to YouTube and Vimeo only."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.functional import Promise
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from casestudies.models import CaseStudyPage
from cms.blocks import VideoBlock
from cms.blocks.media import VIDEO_HOSTS, validate_video_url
from tests.casestudies.import_files.builder import valid_document, write_import

ALLOWED = [
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    "https://youtube.com/watch?v=dQw4w9WgXcQ",
    "https://m.youtube.com/watch?v=dQw4w9WgXcQ",
    "https://youtu.be/dQw4w9WgXcQ",
    "https://www.youtube.com/results?search_query=%E5%AE%AE%E5%B4%8E",  # demo data
    "https://vimeo.com/76979871",
    "https://player.vimeo.com/video/76979871",
    "https://YouTube.com/watch?v=x",  # host names are case-insensitive
    "https://youtu.be:443/x",
]

REFUSED = [
    "http://www.youtube.com/watch?v=x",  # not https
    "http://youtu.be/x",
    "https://example.com/v",
    "https://evil.example/youtube.com",
    "https://youtube.com.evil.example/x",
    "https://www.youtube.com.evil.example/x",
    "https://notyoutube.com/x",
    "https://music.youtube.com/x",  # a subdomain not on the list
    "https://vimeo.com.evil.example/1",
    "https://youtube.com@evil.example/x",  # user info: the host is evil.example
    "https://user:pw@youtube.com/x",
    "https://youtube.com:8443/x",
    "ftp://youtube.com/x",
    "javascript:alert(1)",
    "//youtube.com/x",
    "",
]


def test_the_allow_list():
    assert {
        "youtube.com",
        "www.youtube.com",
        "m.youtube.com",
        "youtu.be",
        "vimeo.com",
        "player.vimeo.com",
    } == VIDEO_HOSTS


@pytest.mark.parametrize("url", ALLOWED)
def test_allowed_urls_pass_the_block(url):
    value = VideoBlock().clean(VideoBlock().to_python({"url": url, "caption": "動画"}))
    assert value["url"] == url


@pytest.mark.parametrize("url", REFUSED)
def test_other_urls_are_refused_by_the_validator(url):
    with pytest.raises(ValidationError) as caught:
        validate_video_url(url)
    assert caught.value.code == "video_provider"


def test_a_scheme_relative_url_is_stored_as_https():
    # Django's URLField adds the scheme before the validators run.
    block = VideoBlock()
    value = block.clean(block.to_python({"url": "//youtu.be/x", "caption": "動画"}))
    assert value["url"] == "https://youtu.be/x"


@pytest.mark.parametrize("url", [u for u in REFUSED if u and not u.startswith("//")])
def test_other_urls_are_refused_by_the_block(url):
    block = VideoBlock()
    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(block.to_python({"url": url, "caption": "動画"}))
    assert "url" in caught.value.block_errors


def test_the_message_is_translatable_and_clear():
    with pytest.raises(ValidationError) as caught:
        validate_video_url("https://example.com/v")
    message = caught.value.message
    assert isinstance(message, Promise)  # gettext_lazy: shown in the editor's language
    assert "YouTube" in str(message) and "Vimeo" in str(message)
    assert "https" in str(message)


def test_the_page_body_refuses_it():
    """The editor form validates the body through the stream block's clean."""
    stream_block = CaseStudyPage._meta.get_field("body").stream_block
    bad = stream_block.to_python(
        [
            {"type": "paragraph", "value": "<p>本文</p>"},
            {
                "type": "video",
                "value": {"url": "https://evil.example/v", "caption": "動画"},
            },
        ]
    )
    with pytest.raises(StreamBlockValidationError) as caught:
        stream_block.clean(bad)
    assert 1 in caught.value.block_errors
    good = stream_block.to_python(
        [
            {
                "type": "video",
                "value": {"url": "https://youtu.be/x", "caption": "動画"},
            }
        ]
    )
    stream_block.clean(good)


@pytest.mark.django_db
def test_the_importer_refuses_it(site_tree, tmp_path):
    document = valid_document()
    for record in document["case_studies"]:
        for block in record.get("body", []):
            if block["type"] == "video" and "url" in block["value"]:
                block["value"]["url"] = "https://evil.example/video"
    with pytest.raises(CommandError, match=re.escape("body[3].value.url")):
        call_command("import_casestudies", str(write_import(tmp_path, document)))
