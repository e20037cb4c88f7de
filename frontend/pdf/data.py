"""What the booklet says, collected through the public API and nothing else.

Everything here is plain data (dataclasses of strings, numbers and lists): the
Typst template receives it as JSON and prints it, so no content value is ever
read as markup. Images are local files resolved from their rendition URLs
(``frontend.pdf.media``); rich text is converted to spans
(``frontend.pdf.richtext``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from frontend.client import api
from frontend.pdf.labels import labels_for
from frontend.pdf.media import best_rendition
from frontend.pdf.richtext import Block, rich_text_blocks
from frontend.templatetags.frontend_case import (
    MatrixGroup,
    build_tag_matrix,
    place_name,
)

PAGE_LIMIT = 100  # the API's largest page


@dataclass
class PrintedImage:
    path: str  # absolute, under MEDIA_ROOT (media.best_rendition checked it)
    width: int
    height: int
    alt: str
    caption: str = ""


@dataclass
class Figure:
    label: str
    value: str  # already written the way the language writes numbers
    as_of: str  # "2024年7月1日時点", "as of 1 July 2024"
    source: str
    source_url: str


@dataclass
class Case:
    id: int
    title: str
    place: str
    summary: str
    hero_image: PrintedImage | None
    tag_matrix: list[MatrixGroup]
    themes: list[str]
    # Stream blocks as printable dicts: rich / image / quote / video / link.
    body: list[dict[str, Any]]
    devised: list[Block]
    challenges: list[Block]
    outcomes: list[Block]
    untranslated_fields: list[str]


@dataclass
class Section:
    title: str
    heading: str  # the printed heading of the divider (多彩！教室で活躍するJET-ALT)
    intro: list[Block]
    cases: list[Case] = field(default_factory=list)


@dataclass
class Column:
    id: int
    title: str
    author_name: str
    home_country: str
    placement: str
    portrait: PrintedImage | None
    body: list[dict[str, Any]]
    untranslated_fields: list[str]


@dataclass
class Booklet:
    kind: str  # "booklet", or "case" for one case printed alone
    locale: str
    title: str
    author: str
    publisher: str  # printed on the cover; may be empty
    edition: str  # the content version's date, written in the language
    edition_date: str  # the same, ISO (PDF metadata)
    labels: dict[str, str]
    intro: list[Block] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    columns_title: str = ""
    columns_heading: str = ""  # the series' printed heading, when it has one
    columns_intro: list[Block] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)


def collect_booklet(locale: str) -> Booklet:
    """The whole casebook in ``locale``: home, both sections with every public
    case, the columns, as the API serves them now."""
    home = api().get("home/", {"locale": locale}).data
    tag_groups = _tag_groups(locale)
    booklet = _booklet("booklet", locale, home)
    booklet.intro = rich_text_blocks(home.get("intro", ""))
    booklet.figures = [
        _figure(block["value"], locale)
        for block in home.get("figures", [])
        if block.get("type") == "figure"
    ]
    for link in home.get("sections", []):
        if link.get("type") == "case_study_index" and link.get("url"):
            booklet.sections.append(_section(link["url"], locale, tag_groups))
        elif link.get("type") == "column_index" and link.get("url"):
            index = api().find(link["url"]).data
            booklet.columns_title = index["title"]
            booklet.columns_heading = index.get("heading", "")
            booklet.columns_intro = rich_text_blocks(index.get("intro", ""))
            booklet.columns = [
                _column(api().get(f"columns/{item['id']}/", {"locale": locale}).data)
                for item in _all_items("columns/", {"locale": locale})
            ]
    return booklet


def collect_case(case_id: int, locale: str) -> Booklet:
    """One case in ``locale`` (an ``ApiError`` 404 if it is not public there),
    in the booklet's layout."""
    item = api().get(f"case-studies/{case_id}/", {"locale": locale}).data
    home = api().get("home/", {"locale": locale}).data
    booklet = _booklet("case", locale, home)
    booklet.title = item["title"]
    booklet.sections = [
        Section(
            title="", heading="", intro=[], cases=[_case(item, _tag_groups(locale))]
        )
    ]
    return booklet


def _booklet(kind: str, locale: str, home: Mapping[str, Any]) -> Booklet:
    changed = _edition_day(api().get("version/").data.get("changed_at"))
    return Booklet(
        kind=kind,
        locale=locale,
        title=home["title"],
        # The PDF's author: the publisher the home page names, else the casebook.
        author=home.get("publisher") or home["title"],
        publisher=home.get("publisher", ""),
        edition=_written_date(changed, locale),
        edition_date=changed.isoformat(),
        labels=labels_for(locale),
    )


def _section(url: str, locale: str, tag_groups: list[dict[str, Any]]) -> Section:
    index = api().find(url).data
    section = Section(
        title=index["title"],
        heading=index.get("heading", ""),
        intro=rich_text_blocks(index.get("intro", "")),
    )
    if not index.get("section"):
        return section  # without its filter value the list would be every case
    listing = _all_items(
        "case-studies/", {"locale": locale, "section": index["section"]}
    )
    for summary in listing:
        detail = api().get(f"case-studies/{summary['id']}/", {"locale": locale}).data
        section.cases.append(_case(detail, tag_groups))
    return section


def _case(item: Mapping[str, Any], tag_groups: list[dict[str, Any]]) -> Case:
    return Case(
        id=item["id"],
        title=item["title"],
        place=place_name(item),
        summary=item.get("summary", ""),
        hero_image=_image(item.get("hero_image")),
        tag_matrix=build_tag_matrix(tag_groups, item.get("tags", [])),
        themes=[theme["name"] for theme in item.get("themes", [])],
        body=_stream(item.get("body", [])),
        devised=rich_text_blocks(item.get("devised", "")),
        challenges=rich_text_blocks(item.get("challenges", "")),
        outcomes=rich_text_blocks(item.get("outcomes", "")),
        untranslated_fields=list(item.get("untranslated_fields", [])),
    )


def _column(item: Mapping[str, Any]) -> Column:
    return Column(
        id=item["id"],
        title=item["title"],
        author_name=item.get("author_name", ""),
        home_country=item.get("home_country", ""),
        placement=item.get("placement", ""),
        portrait=_image(item.get("portrait")),
        body=_stream(item.get("body", [])),
        untranslated_fields=list(item.get("untranslated_fields", [])),
    )


def _stream(blocks: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """A StreamField as printable blocks; a block type the booklet does not know
    yet is left out rather than printed raw."""
    printed: list[dict[str, Any]] = []
    for block in blocks:
        kind, value = block.get("type"), block.get("value")
        if kind == "paragraph":
            printed.append({"type": "rich", "blocks": rich_text_blocks(value or "")})
        elif kind == "image":
            image = _image(value.get("image"), caption=value.get("caption", ""))
            if image is not None:
                printed.append({"type": "image", "image": image})
            elif value.get("caption"):
                # Not public or not rendered yet: the caption still tells the story.
                printed.append({"type": "caption", "text": value["caption"]})
        elif kind == "quote":
            printed.append(
                {
                    "type": "quote",
                    "text": value.get("text", ""),
                    "speaker": value.get("speaker", ""),
                    "role": value.get("role", ""),
                }
            )
        elif kind == "video" and _is_web_url(value.get("url")):
            printed.append(
                {
                    "type": "video",
                    "url": value["url"],
                    "title": value.get("caption", ""),
                }
            )
        elif kind == "link" and _is_web_url(value.get("url")):
            printed.append(
                {
                    "type": "link",
                    "url": value["url"],
                    "title": value.get("title", ""),
                    "description": value.get("description", ""),
                }
            )
    return printed


def _image(image: Mapping[str, Any] | None, caption: str = "") -> PrintedImage | None:
    path = best_rendition(image)
    if image is None or path is None:
        return None
    return PrintedImage(
        path=str(path),
        width=int(image.get("width") or 0),
        height=int(image.get("height") or 0),
        alt=image.get("alt", ""),
        caption=caption,
    )


def _figure(value: Mapping[str, Any], locale: str) -> Figure:
    number = float(value.get("value") or 0)
    text = f"{number:,.0f}" if number.is_integer() else f"{number:,}"
    unit = value.get("unit", "")
    source_url = value.get("source_url", "")
    # 5,861人 / 5,861 people
    written = f"{text}{unit}" if locale == "ja" else f"{text} {unit}".strip()
    try:
        day = _written_date(dt.date.fromisoformat(value.get("as_of", "")), locale)
    except ValueError:
        as_of = ""
    else:
        # 2024年7月1日時点 / as of 1 July 2024
        as_of = f"{day}時点" if locale == "ja" else f"as of {day}"
    return Figure(
        label=value.get("label", ""),
        value=written,
        as_of=as_of,
        source=value.get("source", ""),
        source_url=source_url if _is_web_url(source_url) else "",
    )


def _tag_groups(locale: str) -> list[dict[str, Any]]:
    return api().get("taxonomy/", {"locale": locale}).data.get("tag_groups", [])


def _all_items(path: str, params: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """Every item of a listing, page after page, in the API's own order."""
    offset = 0
    while True:
        page = api().get(path, {**params, "limit": PAGE_LIMIT, "offset": offset}).data
        yield from page["items"]
        offset += len(page["items"])
        if not page["items"] or offset >= page["count"]:
            return


def _is_web_url(url: Any) -> bool:
    return isinstance(url, str) and url.startswith(("http://", "https://"))


def _edition_day(timestamp: str | None) -> dt.date:
    """The day the content last changed: the same content prints the same edition."""
    try:
        return dt.datetime.fromisoformat(timestamp or "").date()
    except ValueError:
        return dt.date.today()


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _written_date(day: dt.date, locale: str) -> str:
    if locale == "ja":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
