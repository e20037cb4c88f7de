"""Template helpers of the case-study and column pages.

* ``tag_matrix``: the casebook's printed tag matrix, every tag of every group
  with the case's own marked, built from the API's taxonomy and the case's tags;
* ``json_ld``: structured data as the text of a ``<script>`` element, escaped so
  a title can never close it;
* ``place_name``, ``api_datetime``, ``video_provider`` and ``section_of``:
  small lookups the templates need.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django import template
from django.utils.dateparse import parse_datetime
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@dataclass
class MatrixTag:
    slug: str
    name: str
    applies: bool


@dataclass
class MatrixRow:
    """Tags printed together: under a subgroup heading (児童・生徒), or alone."""

    subgroup: str
    tags: list[MatrixTag] = field(default_factory=list)


@dataclass
class MatrixGroup:
    slug: str
    name: str
    rows: list[MatrixRow] = field(default_factory=list)


def build_tag_matrix(
    taxonomy_groups: Sequence[Mapping[str, Any]],
    case_groups: Sequence[Mapping[str, Any]],
) -> list[MatrixGroup]:
    """Every taxonomy group with all its tags, the case's own marked as applying.

    Consecutive tags sharing a subgroup share one row, as the booklet prints
    them. A tag of the case the taxonomy does not list (it could only be a
    stale taxonomy answer) is still shown, at the end of its group, so the
    page never hides what the case says about itself.
    """
    own = {
        group["group"]: {tag["slug"]: tag for tag in group.get("tags", [])}
        for group in case_groups
    }
    labels = {group["group"]: group.get("label", "") for group in case_groups}
    matrix: list[MatrixGroup] = []
    seen_groups: set[str] = set()
    for group in taxonomy_groups:
        slug = group["slug"]
        seen_groups.add(slug)
        applied = own.get(slug, {})
        listed = [
            (tag["slug"], tag["name"], tag.get("subgroup", ""))
            for tag in group.get("tags", [])
        ]
        known = {tag_slug for tag_slug, _name, _sub in listed}
        listed += [
            (tag_slug, tag["name"], tag.get("subgroup", ""))
            for tag_slug, tag in applied.items()
            if tag_slug not in known
        ]
        matrix.append(MatrixGroup(slug, group["name"], _rows(listed, applied.keys())))
    for slug, tags in own.items():  # a group the taxonomy did not answer with
        if slug not in seen_groups and tags:
            listed = [(s, t["name"], t.get("subgroup", "")) for s, t in tags.items()]
            matrix.append(MatrixGroup(slug, labels[slug], _rows(listed, tags.keys())))
    return matrix


def _rows(
    tags: Iterable[tuple[str, str, str]], applied: Iterable[str]
) -> list[MatrixRow]:
    applied = set(applied)
    rows: list[MatrixRow] = []
    for slug, name, subgroup in tags:
        if not rows or not subgroup or rows[-1].subgroup != subgroup:
            rows.append(MatrixRow(subgroup))
        rows[-1].tags.append(MatrixTag(slug, name, slug in applied))
    return rows


@register.simple_tag
def tag_matrix(
    taxonomy_groups: Sequence[Mapping[str, Any]] | None,
    case_groups: Sequence[Mapping[str, Any]] | None,
) -> list[MatrixGroup]:
    return build_tag_matrix(taxonomy_groups or [], case_groups or [])


# What a JSON string must not contain raw inside <script>: "</script>" or "<!--"
# would end or confuse the element, and "&" matters to XHTML parsers. JSON reads
# the \u escapes back as the same characters.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data: Mapping[str, Any]) -> SafeString:
    """``data`` as JSON safe to put between ``<script type="application/ld+json">``
    tags (the same escaping as Django's ``json_script``, without its element)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # escaped above


# The hosts the CMS accepts video links from, by provider name: a copy of
# cms.blocks.media's list, since nothing under frontend/ may import the CMS.
_VIDEO_HOSTS = {
    "youtube.com": "YouTube",
    "www.youtube.com": "YouTube",
    "m.youtube.com": "YouTube",
    "youtu.be": "YouTube",
    "vimeo.com": "Vimeo",
    "player.vimeo.com": "Vimeo",
}


@register.filter
def video_provider(url: str) -> str:
    """The provider's name for a video link ("YouTube"), or "" if unknown."""
    try:
        host = urlsplit(url or "").hostname or ""
    except ValueError:
        return ""
    return _VIDEO_HOSTS.get(host, "")


@register.simple_tag
def section_of(
    navigation: Sequence[Mapping[str, Any]] | None, url: str | None
) -> Mapping[str, Any] | None:
    """The navigation entry (a section or the column list) ``url`` lives under."""
    url = url or ""
    for entry in navigation or []:
        entry_url = entry.get("url") or ""
        if entry_url and url != entry_url and url.startswith(entry_url):
            return entry
    return None


@register.filter
def place_name(item: Mapping[str, Any]) -> str:
    """Prefecture and municipality as each language writes an address:
    熊本県熊本市 (largest first, no space), "Kumamoto City, Kumamoto"
    (smallest first)."""
    prefecture = (item.get("prefecture") or {}).get("name", "")
    municipality = item.get("municipality", "")
    if item.get("locale") == "ja":
        return prefecture + municipality
    return ", ".join(part for part in (municipality, prefecture) if part)


@register.filter
def api_datetime(value: str | None) -> dt.datetime | None:
    """An API timestamp (ISO 8601) as a datetime, for Django's ``date`` filter
    to write the way each language does (2026年12月3日, Dec. 3, 2026)."""
    try:
        return parse_datetime(value or "")
    except ValueError:
        return None
