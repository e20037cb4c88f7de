"""The API's rich-text HTML as plain data the booklet template prints.

The template must never see markup it could interpret: a paragraph is a list of
spans (text plus bold / italic / link), so whatever a title or paragraph
contains (Typst syntax, HTML entities, stray tags) reaches the page as text.
Only the few structures Wagtail's editor produces are kept: paragraphs,
headings, lists, bold, italic, links and line breaks; anything else
contributes its text.
"""

from __future__ import annotations

from typing import Any, TypedDict

from bs4 import BeautifulSoup, NavigableString, Tag


class Span(TypedDict, total=False):
    text: str
    bold: bool
    italic: bool
    href: str  # a link: the template prints its URL, paper cannot be clicked
    linebreak: bool


Block = dict[str, Any]  # {"type": "paragraph" | "heading", "spans": [...]} or a list

_BOLD = {"b", "strong"}
_ITALIC = {"i", "em"}
_HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
_LISTS = {"ul", "ol"}


def rich_text_blocks(html: str) -> list[Block]:
    """``html`` (the API's display-ready rich text) as printable blocks."""
    if not html or not html.strip():
        return []
    soup = BeautifulSoup(html, "html.parser")
    blocks: list[Block] = []
    loose: list[Span] = []  # inline content outside any paragraph
    for node in soup.children:
        if isinstance(node, Tag) and node.name in _LISTS:
            _flush(loose, blocks)
            blocks.append(_list_block(node))
        elif isinstance(node, Tag) and node.name in _HEADINGS | {"p", "blockquote"}:
            _flush(loose, blocks)
            kind = "heading" if node.name in _HEADINGS else "paragraph"
            spans = _spans(node)
            if _has_text(spans):
                blocks.append({"type": kind, "spans": spans})
        else:
            loose.extend(_spans_of(node, bold=False, italic=False, href=""))
    _flush(loose, blocks)
    return blocks


def plain_text(blocks: list[Block]) -> str:
    """The text of ``blocks`` without formatting (for tests and metadata)."""
    parts: list[str] = []
    for block in blocks:
        rows = block["items"] if block["type"] == "list" else [block["spans"]]
        for spans in rows:
            parts.append("".join(span.get("text", "") for span in spans))
    return "\n".join(parts)


def _has_text(spans: list[Span]) -> bool:
    # Editors leave empty paragraphs (<p> </p>, <p><br></p>): no blank lines.
    return any(span.get("text", "").strip() for span in spans)


def _flush(loose: list[Span], blocks: list[Block]) -> None:
    if _has_text(loose):
        blocks.append({"type": "paragraph", "spans": list(loose)})
    loose.clear()


def _list_block(node: Tag) -> Block:
    items = [_spans(item) for item in node.find_all("li", recursive=False)]
    return {
        "type": "list",
        "ordered": node.name == "ol",
        "items": [spans for spans in items if _has_text(spans)],
    }


def _spans(node: Tag) -> list[Span]:
    spans: list[Span] = []
    for child in node.children:
        spans.extend(_spans_of(child, bold=False, italic=False, href=""))
    return _merged(spans)


def _spans_of(node: Any, *, bold: bool, italic: bool, href: str) -> list[Span]:
    if isinstance(node, NavigableString):
        text = str(node)
        if not text:
            return []
        span: Span = {"text": text}
        if bold:
            span["bold"] = True
        if italic:
            span["italic"] = True
        if href:
            span["href"] = href
        return [span]
    if not isinstance(node, Tag):
        return []
    if node.name == "br":
        return [{"text": "", "linebreak": True}]
    bold = bold or node.name in _BOLD
    italic = italic or node.name in _ITALIC
    if node.name == "a":
        href = _printable_href(node.get("href")) or href
    spans: list[Span] = []
    for child in node.children:
        spans.extend(_spans_of(child, bold=bold, italic=italic, href=href))
    return spans


def _printable_href(value: Any) -> str:
    """A link target worth printing: a web or mail address. The API gives
    internal links as site paths; a reader cannot follow a bare path on paper,
    so those print as plain text."""
    href = str(value or "").strip()
    if href.startswith(("http://", "https://", "mailto:")):
        return href
    return ""


def _merged(spans: list[Span]) -> list[Span]:
    """Neighbouring spans with the same formatting as one (fewer Typst nodes)."""
    merged: list[Span] = []
    for span in spans:
        if (
            merged
            and not span.get("linebreak")
            and not merged[-1].get("linebreak")
            and {k: v for k, v in span.items() if k != "text"}
            == {k: v for k, v in merged[-1].items() if k != "text"}
        ):
            merged[-1] = {**merged[-1], "text": merged[-1]["text"] + span["text"]}
        else:
            merged.append(span)
    return merged
