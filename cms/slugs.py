"""Readable ASCII slugs for pages whose titles are Japanese.

Slugs are ASCII (``WAGTAIL_ALLOW_UNICODE_SLUGS = False``), and both Django's
``slugify`` and Wagtail's client-side slug script drop every Japanese character: a
Japanese-only title gets no slug at all, and 「ALTと英語カフェ」 gets ``alt``. Here
the Japanese is romanised (pykakasi, Hepburn) and Latin words are kept as they are:

    英語カフェで自己紹介  -> eigo-kafe-de-jikoshoukai
    ALTと英語カフェ       -> alt-to-eigo-kafe

``romaji_slug`` makes the base slug, ``available_slug`` makes it unique among the
page's siblings the way Wagtail does (``-2``, ``-3``, …), and
``client_side_slug`` says what Wagtail's admin script would have put in the slug
field for a title, so the form can tell a lossy auto-filled slug from a typed one.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache

import pykakasi
from django.utils.text import slugify
from wagtail.models import Page

# Long enough to read, short enough for a URL one can quote in a printed booklet.
MAX_SLUG_LENGTH = 80
FALLBACK_PREFIX = "page"

# What JavaScript's \s matches (Wagtail's urlify keeps these and turns them into
# hyphens, the ideographic space U+3000 included).
_JS_WHITESPACE = frozenset(
    "\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
)
_JS_WORD = re.compile(r"[A-Za-z0-9_]")


@cache
def _kakasi() -> pykakasi.kakasi:
    # Loading the dictionaries takes a while; one converter serves every call.
    return pykakasi.kakasi()


def _fold_accents(text: str) -> str:
    """é to e, letter by letter: decomposing the whole title would split ガ into カ
    and a combining mark and spoil the reading of the kana."""
    return "".join(
        unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
        if not char.isascii() and unicodedata.name(char, "").startswith("LATIN")
        else char
        for char in text
    )


def _fold_latin(text: str) -> str:
    """Full-width ASCII to ASCII and half-width kana to full-width (NFKC), then
    accents folded."""
    return _fold_accents(unicodedata.normalize("NFKC", text))


def romanise(text: str) -> str:
    """The title with its Japanese words in Hepburn romaji, Latin text unchanged."""
    words = []
    for token in _kakasi().convert(_fold_latin(text)):
        original = token["orig"]
        if original.isascii():
            # Latin text keeps its own spacing: "JET-ALT" stays one word.
            words.append(original)
        else:
            words.append(f" {token['hepburn']} ")
    return "".join(words)


def _shorten(slug: str, limit: int) -> str:
    """Cut on a hyphen so no word is chopped; only a single long word is cut."""
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1].rfind("-")
    return (slug[:cut] if cut > 0 else slug[:limit]).strip("-")


def fallback_slug(title: str) -> str:
    """A stable slug for a title that has nothing to romanise (emoji, symbols)."""
    digest = hashlib.sha256(title.encode("utf-8")).hexdigest()[:8]
    return f"{FALLBACK_PREFIX}-{digest}"


def romaji_slug(title: str, *, limit: int = MAX_SLUG_LENGTH) -> str:
    """An ASCII slug of at most ``limit`` characters for ``title``, never empty."""
    slug = _shorten(slugify(romanise(title or "")), limit)
    return slug or fallback_slug(title or "")


def available_slug(
    base_slug: str, parent: Page | None, page: Page | None = None
) -> str:
    """``base_slug``, or it with the first free ``-2``, ``-3``… among ``parent``'s
    children (``page`` itself excluded), kept within ``MAX_SLUG_LENGTH``.

    One query for the siblings' slugs instead of one per candidate.
    """
    if parent is None:
        return base_slug
    siblings = parent.get_children()
    if page is not None and page.pk:
        siblings = siblings.not_page(page)
    stem = _shorten(base_slug, MAX_SLUG_LENGTH - 4)
    taken = set(siblings.filter(slug__startswith=stem).values_list("slug", flat=True))
    if base_slug not in taken:
        return base_slug
    suffix = 2
    while True:
        suffix_text = f"-{suffix}"
        candidate = _shorten(stem, MAX_SLUG_LENGTH - len(suffix_text)) + suffix_text
        if candidate not in taken:
            return candidate
        suffix += 1


def client_side_slug(title: str) -> str:
    """What Wagtail 8's admin script writes into an ASCII slug field for ``title``.

    A port of ``urlify`` falling back to ``slugify`` (client/src/utils/urlify.ts and
    slugify.ts, the ``w-clean`` controller). Its transliteration tables cover
    European scripts, not Japanese; Latin accents are folded the same way here.
    """
    value = title.strip()
    kept = "".join(
        char
        for char in _fold_accents(value).lower()
        if char == "-" or char in _JS_WHITESPACE or _JS_WORD.match(char)
    )
    urlified = re.sub(r"[-\s]+", "-", kept)[:255].rstrip("-")
    if urlified:
        return urlified
    return re.sub(r"[^A-Za-z0-9\-_]", "", re.sub(r"\s+", "-", value)).lower()


def has_non_ascii(text: str) -> bool:
    return not (text or "").isascii()
