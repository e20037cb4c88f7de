"""Search quality on the judged set (tests/search/eval_set.py), as the bench measures.

The bigram index must find at least 3 in 4 of the relevant pages in its top 10,
and more than the substring match it replaced.
"""

from __future__ import annotations

import pytest
from wagtail.models import Locale

from bench.search_quality import (
    bigram_ranking,
    evaluate,
    glossary_ranking,
    import_pages,
    substring_ranking,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def eval_ids(site_tree) -> dict[str, int]:
    en = Locale.objects.get(language_code="en")
    sections = {}
    for name in ("school", "community"):
        page = getattr(site_tree, name)
        sections[("ja", name)] = page
        sections[("en", name)] = page.get_translation(en)
    return import_pages(sections)


def test_bigrams_beat_the_substring_match(eval_ids):
    substring = evaluate("substring", substring_ranking, eval_ids)
    bigrams = evaluate("bigrams", bigram_ranking, eval_ids)
    assert bigrams.recall >= 0.75
    assert bigrams.recall > substring.recall
    assert bigrams.no_result < substring.no_result


def test_glossary_adds_recall_without_losing_rank(eval_ids):
    bigrams = evaluate("bigrams", bigram_ranking, eval_ids)
    glossary = evaluate("bigrams+glossary", glossary_ranking, eval_ids)
    assert glossary.recall >= bigrams.recall
    assert glossary.mrr >= bigrams.mrr
