"""Search quality on our judged set (``python -m bench.search_quality``).

Imports ``tests/search/eval_set.py`` (26 short case pages, 28 judged queries)
into a fresh SQLite file (a temporary directory, migrated first; test settings,
so index updates run at save), then prints, per method: recall@10, MRR@10, the
queries with no result, the non-relevant results in the top 10 (summed over
queries) and the mean time per query; ``--misses`` lists, per method and
query, the relevant pages missed and the non-relevant ones returned.

Methods:

* ``substring``: the search before issue #11, reimplemented here: every
  whitespace-separated word must occur (case-insensitive substring) in the
  title, summary or municipality; newest first.
* ``bigrams``: the analysed index (search.backends), literal query only.
* ``bigrams+glossary``: what ``search/`` ranks: literal query plus the glossary's
  expansions at half weight (search.api.endpoint.scores).
* ``sudachi A`` (only if ``sudachipy`` and ``sudachidict_core`` are installed;
  they are not dependencies): SudachiPy's mode A morphemes as terms instead of
  bigrams, literal query, same backend (its term functions swapped for the
  run, the index rebuilt before and after).

The test ``tests/search/test_search_quality.py`` runs the same functions on the
test database.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOP = 10

Ranking = Callable[[str, str], list[int]]


@dataclass(frozen=True)
class Scores:
    method: str
    recall: float
    mrr: float
    no_result: int
    non_relevant: int
    ms_per_query: float


def import_pages(sections: Mapping[tuple[str, str], object]) -> dict[str, int]:
    """Publish every eval page under its (language, section) index; key → page id."""
    from casestudies.models import CaseStudyPage
    from cms.models import Tag
    from cms.pages import upsert_child_page
    from tests.search.eval_set import PAGES

    tags = list(Tag.objects.filter(slug__in=("jet-alt", "junior-high")))
    ids: dict[str, int] = {}
    for page in PAGES:
        created = upsert_child_page(
            sections[(page.language, page.section)],
            CaseStudyPage,
            match={"slug": page.key.replace("_", "-")},
            values={
                "title": page.title,
                "prefecture": "JP-04",
                "summary": page.summary,
                "body": [{"type": "paragraph", "value": f"<p>{page.body}</p>"}],
                "tags": tags,
            },
            publish=True,
        )
        ids[page.key] = created.pk
    return ids


def _live(language: str):
    from casestudies.models import CaseStudyPage

    return CaseStudyPage.objects.live().filter(locale__language_code=language)


def substring_ranking(q: str, language: str) -> list[int]:
    """The pre-#11 ``matching_ids``: substrings of title, summary, municipality."""
    from django.db.models import Q

    condition = Q()
    for word in q.split():
        either = Q()
        for field in ("title", "summary", "municipality"):
            either |= Q(**{f"{field}__icontains": word})
        condition &= either
    pages = _live(language).filter(condition).order_by("-first_published_at", "-pk")
    return list(pages.values_list("pk", flat=True)[:TOP])


def _ranked(by_id: Mapping[int, float], language: str) -> list[int]:
    # Relevance, then the most recently first published, as the endpoint does.
    recent = list(
        _live(language)
        .filter(pk__in=list(by_id))
        .order_by("-first_published_at", "-pk")
        .values_list("pk", flat=True)
    )
    recent.sort(key=lambda pk: -by_id[pk])
    return recent[:TOP]


def bigram_ranking(q: str, language: str) -> list[int]:
    from casestudies.models import CaseStudyPage
    from search.backends import relevance

    # Both languages searched; _ranked keeps the query's.
    return _ranked(relevance(CaseStudyPage.objects.live(), q), language)


def glossary_ranking(q: str, language: str) -> list[int]:
    from search.api.endpoint import glossary_expansions, scores

    return _ranked(scores(q, glossary_expansions(q, language), [language]), language)


METHODS: dict[str, Ranking] = {
    "substring": substring_ranking,
    "bigrams": bigram_ranking,
    "bigrams+glossary": glossary_ranking,
}


def misses(rank: Ranking, ids: Mapping[str, int]) -> list[str]:
    """Per query, the relevant pages missed and the non-relevant ones found."""
    from tests.search.eval_set import QUERIES

    keys = {pk: key for key, pk in ids.items()}
    lines = []
    for query in QUERIES:
        found = [keys.get(pk, str(pk)) for pk in rank(query.q, query.language)]
        missed = sorted(query.relevant - set(found))
        extra = [key for key in found if key not in query.relevant]
        if missed or extra:
            lines.append(
                f"{query.q!r} ({query.language}): missed {missed} extra {extra}"
            )
    return lines


def sudachi_term_spans():
    """Terms from SudachiPy's mode A morphemes instead of bigrams (None if absent).

    Japanese morphemes are terms as they are; anything else is cut as our own
    analysis does (words); symbols and spaces are dropped.
    """
    try:
        from sudachipy import Dictionary, SplitMode
    except ImportError:
        return None
    from search.analysis import is_cjk, term_spans

    tokenizer = Dictionary(dict="core").tokenizer(mode=SplitMode.A)

    def spans(normalised: str):
        for morpheme in tokenizer.tokenize(normalised):
            if morpheme.part_of_speech()[0] in ("補助記号", "空白"):
                continue
            surface, begin = morpheme.surface(), morpheme.begin()
            if any(is_cjk(char) for char in surface):
                yield surface, begin, morpheme.end()
            else:
                for term, start, end in term_spans(surface):
                    yield term, begin + start, begin + end

    return spans


@contextmanager
def analysis_swapped(spans):
    """The backend indexes and queries with ``spans``, then bigrams again."""
    from search import backends
    from search.analysis import normalise

    saved = backends.term_spans, backends.terms
    backends.term_spans = spans
    backends.terms = lambda text: [term for term, _, _ in spans(normalise(text))]
    try:
        yield
    finally:
        backends.term_spans, backends.terms = saved


def timed_update_index() -> float:
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("update_index", verbosity=0)
    return 1000 * (time.perf_counter() - started)


def evaluate(method: str, rank: Ranking, ids: Mapping[str, int]) -> Scores:
    from tests.search.eval_set import QUERIES

    recalls, reciprocal_ranks = [], []
    no_result = non_relevant = 0
    started = time.perf_counter()
    for query in QUERIES:
        relevant = {ids[key] for key in query.relevant}
        found = rank(query.q, query.language)[:TOP]
        recalls.append(len(relevant & set(found)) / len(relevant))
        first = next((i for i, pk in enumerate(found, 1) if pk in relevant), None)
        reciprocal_ranks.append(1 / first if first else 0.0)
        no_result += not found
        non_relevant += sum(pk not in relevant for pk in found)
    elapsed = time.perf_counter() - started
    return Scores(
        method=method,
        recall=sum(recalls) / len(recalls),
        mrr=sum(reciprocal_ranks) / len(reciprocal_ranks),
        no_result=no_result,
        non_relevant=non_relevant,
        ms_per_query=1000 * elapsed / len(QUERIES),
    )


def table(rows: list[Scores]) -> str:
    lines = [
        "| method | recall@10 | MRR@10 | no result | non-relevant in top 10 "
        "| ms/query |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r.method} | {r.recall:.3f} | {r.mrr:.3f} | {r.no_result} | "
            f"{r.non_relevant} | {r.ms_per_query:.1f} |"
        )
    return "\n".join(lines)


def _sections() -> dict[tuple[str, str], object]:
    from wagtail.models import Locale

    from casestudies.site_structure import ensure_section
    from home.site_structure import ensure_home_page

    home = ensure_home_page(
        ja={"title": "JET-ALT 活動事例集", "slug": "home"},
        en={"title": "JET-ALT Casebook"},
    )
    found = {}
    for section, ja, en in (
        ("school", "学校における取組", "In schools"),
        ("community", "地域の国際化に資する取組", "In the community"),
    ):
        page = ensure_section(
            home,
            section,
            ja={"title": ja, "heading": ja},
            en={"title": en, "heading": en},
        )
        found[("ja", section)] = page
        found[("en", section)] = page.get_translation(
            Locale.objects.get(language_code="en")
        )
    return found


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="search-quality-") as work:
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(work) / 'db.sqlite3'}"
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        sections = _sections()
        started = time.perf_counter()
        ids = import_pages(sections)
        import_ms = 1000 * (time.perf_counter() - started)
        index_ms = {"bigrams": timed_update_index()}
        rows = [evaluate(name, rank, ids) for name, rank in METHODS.items()]
        found = {name: misses(rank, ids) for name, rank in METHODS.items()}
        spans = sudachi_term_spans()
        if spans is not None:
            with analysis_swapped(spans):
                index_ms["sudachi A"] = timed_update_index()
                rows.append(evaluate("sudachi A", bigram_ranking, ids))
                found["sudachi A"] = misses(bigram_ranking, ids)
            timed_update_index()
        print(table(rows))
        if "--misses" in sys.argv:
            for name, lines in found.items():
                print(f"\n{name}:", *lines, sep="\n  ")
        timings = ", ".join(f"{name} {ms:.0f} ms" for name, ms in index_ms.items())
        print(
            f"\n{len(ids)} pages published in {import_ms:.0f} ms; "
            f"update_index (every page of the site): {timings}."
        )


if __name__ == "__main__":
    main()
