"""The glossary at query time: expansions, and the forms suggestions offer.

Entries are read once per content version (``snapshot``; a glossary edit bumps
the version), already normalised, so a query costs no database read.

:func:`expansions` is what search ORs into a query, ranked below the literal
terms: for each glossary entry the normalised query contains *as a whole* (any
of its forms, in either language), the entry's other forms. Whole entries only,
and a Latin form only between word boundaries, so "ALT" expands but "alternative"
does not; where one matched form lies inside a longer one (ALT in JET-ALT), only
the longer, more specific entry counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from cms.api.selectors import snapshot
from search.models import LANGUAGES, GlossaryEntry, normalised_form

MAX_EXPANSIONS = 8


@dataclass(frozen=True)
class Form:
    text: str  # as staff typed it
    key: str  # normalised_form(text)
    language: str


@dataclass(frozen=True)
class Entry:
    """One concept's forms: Japanese term, its synonyms, English term, its synonyms."""

    forms: tuple[Form, ...]

    def in_language(self, language: str) -> list[Form]:
        return [form for form in self.forms if form.language == language]


@dataclass(frozen=True)
class GlossarySnapshot:
    entries: tuple[Entry, ...]
    # Every form's key → the index of its entry (validation keeps keys unique
    # across entries; within one, ja and en may share a form such as ALT).
    owner: dict[str, int]


def glossary_snapshot() -> GlossarySnapshot:
    return snapshot("glossary", _load)


def _load() -> GlossarySnapshot:
    entries: list[Entry] = []
    owner: dict[str, int] = {}
    for row in GlossaryEntry.objects.order_by("term_ja"):
        forms: list[Form] = []
        for language in LANGUAGES:
            for text in row.forms(language):
                key = normalised_form(text)
                if key:
                    forms.append(Form(text, key, language))
        # A form typed into two entries before validation existed (or by a
        # data load) goes to the first: one form, one concept.
        index = len(entries)
        for form in forms:
            owner.setdefault(form.key, index)
        entries.append(Entry(tuple(forms)))
    return GlossarySnapshot(tuple(entries), owner)


def _is_word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _occurrences(text: str, key: str) -> list[tuple[int, int]]:
    """Where ``key`` occurs in ``text``; Latin edges must fall on word boundaries
    (CJK has no spaces, so a CJK edge may touch anything)."""
    spans = []
    start = text.find(key)
    while start != -1:
        end = start + len(key)
        before_ok = not (
            _is_word_char(key[0]) and start > 0 and _is_word_char(text[start - 1])
        )
        after_ok = not (
            _is_word_char(key[-1]) and end < len(text) and _is_word_char(text[end])
        )
        if before_ok and after_ok:
            spans.append((start, end))
        start = text.find(key, start + 1)
    return spans


def matched_entries(query: str) -> list[tuple[Entry, str]]:
    """The entries ``query`` contains as a whole, with the form that matched:
    longest match first, then by position."""
    glossary = glossary_snapshot()
    text = normalised_form(query)
    if not text:
        return []
    # (start, end, entry index, key) of every form occurring in the query.
    found = [
        (start, end, index, key)
        for key, index in glossary.owner.items()
        for start, end in _occurrences(text, key)
    ]
    # A match inside a longer match of another entry is part of that longer
    # term (ALT in JET-ALT, 英語 in 英語カフェ), not a concept of its own.
    kept = [
        match
        for match in found
        if not any(
            other[2] != match[2]
            and other[0] <= match[0]
            and match[1] <= other[1]
            and other[1] - other[0] > match[1] - match[0]
            for other in found
        )
    ]
    kept.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
    result: list[tuple[Entry, str]] = []
    seen: set[int] = set()
    for _start, _end, index, key in kept:
        if index not in seen:
            seen.add(index)
            result.append((glossary.entries[index], key))
    return result


def expansions(query: str, language: str) -> list[str]:
    """Extra query strings for the glossary entries ``query`` contains.

    For each matched entry (most specific first), its forms in ``language``
    then in the other language, as written; never a form the query already
    contains, nor one containing the form that matched or a form already added
    (a page with 多文化共生社会 already matches 多文化共生). So de-duplicated;
    at most MAX_EXPANSIONS.
    """
    text = normalised_form(query)
    order = (language, *(other for other in LANGUAGES if other != language))
    out: list[str] = []
    for entry, matched in matched_entries(query):
        # What a form must not contain to be worth adding: the matched form
        # and every form added so far (多文化共生社会 adds nothing after 多文化共生).
        covered = [matched, *(normalised_form(added) for added in out)]
        for lang in order:
            for form in entry.in_language(lang):
                if form.key in text or any(
                    _occurrences(form.key, key) for key in covered
                ):
                    continue
                covered.append(form.key)
                out.append(form.text)
                if len(out) == MAX_EXPANSIONS:
                    return out
    return out


def forms_of_language(language: str) -> list[Form]:
    """Every glossary form in ``language`` (terms and synonyms), for suggestions."""
    return [
        form
        for entry in glossary_snapshot().entries
        for form in entry.in_language(language)
    ]
