"""Text analysis for Japanese-aware search: one analysis for the index and the query.

Japanese has no spaces between words, and no word splitter is kept here, so a run
of kanji/kana is cut into overlapping character bigrams (英会話 → 英会 会話): any
word of two characters or more inside running text then matches the bigrams of the
query, whatever the word boundaries. Runs of Latin letters and digits stay words.

Both sides are first normalised with Unicode NFKC and case folding, so full- and
half-width forms (ＡＬＴ, ｲﾝｸﾞﾘｯｼｭ), composed and decomposed accents (Café) and case
all meet on one form; words also lose their accents (café → cafe).
:func:`normalised_with_offsets` keeps the way back to the
text as written, for highlights.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

# Characters that form CJK runs: kana (the long-vowel mark ー and the iteration
# marks included), kanji and 々/〆. The katakana middle dot ・ is punctuation.
_CJK_RANGES = (
    (0x3005, 0x3007),  # 々 〆 〇
    (0x3041, 0x309F),  # hiragana
    (0x30A1, 0x30FA),  # katakana
    (0x30FC, 0x30FF),  # ー ヽ ヾ ヿ
    (0x31F0, 0x31FF),  # katakana phonetic extensions
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x3FFFF),  # CJK extensions B and later
)


def normalise(text: str) -> str:
    """NFKC, then case folding: the one form the index and queries are compared in."""
    return unicodedata.normalize("NFKC", text).casefold()


def is_cjk(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _CJK_RANGES)


def _kind(char: str) -> str:
    if is_cjk(char):
        return "cjk"
    if char.isalnum():
        return "word"
    return ""


def _unaccented(word: str) -> str:
    # café and cafe are one word to a reader, and SQLite's unicode61 folds them
    # while PostgreSQL's parser does not: fold here so both engines agree. Only
    # words: the dakuten of ガ are combining marks too, and must stay.
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFD", word)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


def term_spans(normalised: str) -> Iterator[tuple[str, int, int]]:
    """``(term, start, end)`` of each term of already normalised text.

    A CJK run gives its overlapping bigrams (a one-character run itself), a run of
    letters/digits one word; anything else separates terms and is dropped.
    """
    position = 0
    length = len(normalised)
    while position < length:
        kind = _kind(normalised[position])
        if not kind:
            position += 1
            continue
        end = position + 1
        while end < length and _kind(normalised[end]) == kind:
            end += 1
        if kind == "word":
            yield _unaccented(normalised[position:end]), position, end
        elif end - position == 1:
            yield normalised[position], position, end
        else:
            for start in range(position, end - 1):
                yield normalised[start : start + 2], start, start + 2
        position = end


def terms(text: str) -> list[str]:
    """The index/query terms of ``text``, in order (repeats kept: they weigh)."""
    return [term for term, _, _ in term_spans(normalise(text))]


def _attaches_to_previous(char: str) -> bool:
    # A combining mark (e + U+0301) or a half-width voiced mark (ｶ + ﾞ) merges
    # with the character before it under NFKC, so both must be normalised together.
    if unicodedata.combining(char):
        return True
    folded = unicodedata.normalize("NFKC", char)
    return bool(folded) and unicodedata.combining(folded[0]) != 0


def normalised_with_offsets(text: str) -> tuple[str, list[int]]:
    """The normalised text, and for each of its characters its index in ``text``.

    Characters are normalised in clusters (a base character with the marks that
    combine into it), so each output character points at the start of the cluster
    it came from; ``ß`` → ``ss`` gives two characters pointing at the same index.
    """
    clusters: list[tuple[int, int]] = []
    for index, char in enumerate(text):
        if clusters and _attaches_to_previous(char):
            start, _ = clusters[-1]
            clusters[-1] = (start, index + 1)
        else:
            clusters.append((index, index + 1))
    pieces: list[str] = []
    offsets: list[int] = []
    for start, end in clusters:
        piece = normalise(text[start:end])
        pieces.append(piece)
        offsets.extend([start] * len(piece))
    return "".join(pieces), offsets


def original_span(
    offsets: list[int], start: int, end: int, text_length: int
) -> tuple[int, int]:
    """The span of the original text that normalised ``[start, end)`` came from."""
    original_start = offsets[start]
    last = offsets[end - 1]
    # The cluster of the last character ends where the next cluster starts.
    for following in offsets[end:]:
        if following > last:
            return original_start, following
    return original_start, text_length
