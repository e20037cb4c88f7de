"""Wagtail's database search backend, fed and queried with :mod:`search.analysis`.

SQLite's FTS5 ``unicode61`` tokenizer and PostgreSQL's parser keep a run of
Japanese as one token, so a word inside running text (英語 in 英語教育) is never
found. Here the index stores the analysed terms (bigrams and words) joined by
spaces, and queries are analysed the same way, so both engines see only
space-separated terms, and the admin's page search matches like the public one.

Nothing of Wagtail's is copied: the vendor backends are subclassed at two seams.

* Indexing: each vendor's ``add_items`` reads an object's search fields through
  ``obj.get_search_fields()`` and ``field.get_value(obj)``. We hand it each object
  wrapped so that its search fields return analysed text; the vendor code builds
  and writes the rows as usual (title kept apart from the body, boosts kept).
* Querying: the query compiler's query tree is rewritten once, in ``__init__``:
  each plain-text or phrase leaf becomes its analysed terms.

On SQLite the title is weighted by its field's boost in FTS5's ``bm25()``
(Wagtail's SQLite backend ignores boosts); PostgreSQL already maps boosts to
tsvector weights. PostgreSQL needs ``SEARCH_CONFIG: "simple"`` (settings): no
stemming or stop words on top of our own analysis.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import Model, QuerySet
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from modelsearch.query import And, MatchAll, Not, Or, Phrase, PlainText, SearchQuery
from wagtail.search.backends import get_search_backend

from search.analysis import normalise, term_spans, terms

# FTS5's bm25() of the title column when the title field declares no boost.
DEFAULT_TITLE_BOOST = 2.0


def flatten(value: Any) -> str:
    """A search field's value as one text (StreamFields give lists of strings)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return " ".join(flatten(item) for item in value)
    if isinstance(value, dict):
        return " ".join(flatten(item) for item in value.values())
    return str(value)


def analysed_text(value: Any) -> str:
    """What the index stores for a field: its terms, separated by spaces."""
    return " ".join(terms(flatten(value)))


# --- Indexing ----------------------------------------------------------------


class AnalysedSearchField(SearchField):
    """A search field whose value is its analysed text."""

    def __init__(self, field: SearchField) -> None:
        super().__init__(field.field_name, boost=field.boost, **field.kwargs)
        self.original = field

    def get_value(self, obj: Any) -> str:
        return analysed_text(self.original.get_value(_unwrapped(obj)))


class AnalysedAutocompleteField(AutocompleteField):
    """An autocomplete field whose value is its analysed text."""

    def __init__(self, field: AutocompleteField) -> None:
        super().__init__(field.field_name, **field.kwargs)
        self.original = field

    def get_value(self, obj: Any) -> str:
        return analysed_text(self.original.get_value(_unwrapped(obj)))


class AnalysedRelatedFields(RelatedFields):
    """Related fields whose search fields return analysed text."""

    def __init__(self, field: RelatedFields) -> None:
        super().__init__(field.field_name, analysed_fields(field.fields))
        self.original = field

    def get_value(self, obj: Any) -> Any:
        return self.original.get_value(_unwrapped(obj))


def analysed_fields(fields: list) -> list:
    """``fields`` with search and related fields analysed, the rest unchanged."""
    result = []
    for field in fields:
        if isinstance(field, SearchField):
            result.append(AnalysedSearchField(field))
        elif isinstance(field, AutocompleteField):
            result.append(AnalysedAutocompleteField(field))
        elif isinstance(field, RelatedFields):
            result.append(AnalysedRelatedFields(field))
        else:
            result.append(field)
    return result


@dataclass(frozen=True)
class AnalysedObject:
    """What the vendor's indexer reads of an object: its pk and analysed fields."""

    obj: Model

    @property
    def pk(self) -> Any:
        return self.obj.pk

    def get_search_fields(self) -> list:
        return analysed_fields(self.obj.get_search_fields())


def _unwrapped(obj: Any) -> Any:
    return obj.obj if isinstance(obj, AnalysedObject) else obj


class AnalysedIndexMixin:
    def add_items(self, model: type[Model], objs: list[Model]) -> None:
        super().add_items(model, [AnalysedObject(obj) for obj in objs])


# --- Querying ----------------------------------------------------------------

NOTHING = Not(MatchAll())


def _is_nothing(query: SearchQuery) -> bool:
    return isinstance(query, Not) and isinstance(query.subquery, MatchAll)


def _groups(text: str) -> list[list[str]]:
    """The query's terms grouped per run: one CJK run's bigrams, or one word."""
    groups: list[list[str]] = []
    previous_end = -1
    for term, start, end in term_spans(normalise(text)):
        # Bigrams of one run overlap: each starts before the previous one ends.
        if groups and start < previous_end:
            groups[-1].append(term)
        else:
            groups.append([term])
        previous_end = end
    return groups


def analysed_query(query: SearchQuery) -> SearchQuery:
    """``query`` with each text leaf replaced by its analysed terms.

    Within one run of Japanese all bigrams are required whatever the operator
    (``or`` between the bigrams of 英会話 would find every 会話); an empty leaf
    (only punctuation) matches nothing.
    """
    if isinstance(query, PlainText):
        groups = _groups(query.query_string)
        if not groups:
            return NOTHING
        if query.operator == "and" or len(groups) == 1:
            flat = [term for group in groups for term in group]
            return PlainText(" ".join(flat), operator="and")
        return Or([PlainText(" ".join(group), operator="and") for group in groups])
    if isinstance(query, Phrase):
        analysed = " ".join(terms(query.query_string))
        return Phrase(analysed) if analysed else NOTHING
    if isinstance(query, Not):
        return Not(analysed_query(query.subquery))
    if isinstance(query, (And, Or)):
        subqueries = [analysed_query(sub) for sub in query.subqueries]
        # Wagtail's SQLite normaliser reads Or(Not(MatchAll), x) as "everything":
        # an empty leaf is dropped from an Or, and empties an And.
        if isinstance(query, And) and any(map(_is_nothing, subqueries)):
            return NOTHING
        subqueries = [sub for sub in subqueries if not _is_nothing(sub)]
        return type(query)(subqueries) if subqueries else NOTHING
    return query


class AnalysedQueryMixin:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.query = analysed_query(self.query)


def _title_boost(model: type[Model]) -> float:
    for field in model.get_searchable_search_fields():
        if field.field_name == "title" and field.boost:
            return float(field.boost)
    return DEFAULT_TITLE_BOOST


class WeightedRankMixin:
    """Ranks each text leaf once with :meth:`bm25` (FTS5 column weights).

    Wagtail's SQLite compiler adds one bm25() per vector it lists (title scaled
    by ``title_norm``, then body), but bm25() scores the whole match whatever the
    vector, so the sum only rescales a page's score by the length of its title:
    a short title outranked a title match. One vector, weighted columns instead.
    """

    def bm25(self):
        raise NotImplementedError

    def get_index_vectors(self):
        return [(None, 1.0)]

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        if isinstance(query, (Phrase, PlainText, Not)):
            rank = self.bm25()
            return rank * boost if boost != 1.0 else rank
        return super().build_tsrank(vector, query, config=config, boost=boost)


# --- SQLite ------------------------------------------------------------------
# Each vendor's classes are built on first use: the SQLite modules cannot be
# imported on PostgreSQL (they look up a model only SQLite has), nor the reverse.


@cache
def _sqlite_backend_class() -> type:
    from modelsearch.backends.database.sqlite.query import BM25
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteAutocompleteQueryCompiler,
        SQLiteFTSIndexEntry,
        SQLiteIndex,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
    )

    class WeightedBM25(BM25):
        """bm25() with a weight per column, in the FTS table's order."""

        def __init__(self, autocomplete: float, body: float, title: float) -> None:
            super().__init__()
            self.weights = (float(autocomplete), float(body), float(title))

        def as_sql(self, compiler, connection, function=None, template=None):
            table = SQLiteFTSIndexEntry._meta.db_table
            weights = ", ".join(str(weight) for weight in self.weights)
            return f"bm25({table}, {weights})", []

    class AnalysedSQLiteIndex(AnalysedIndexMixin, SQLiteIndex):
        pass

    class AnalysedSQLiteQueryCompiler(
        WeightedRankMixin, AnalysedQueryMixin, SQLiteSearchQueryCompiler
    ):
        # Only title and body are matched; autocomplete's weight is irrelevant.
        def bm25(self):
            return WeightedBM25(0.0, 1.0, _title_boost(self.queryset.model))

    class AnalysedSQLiteAutocompleteCompiler(
        WeightedRankMixin, AnalysedQueryMixin, SQLiteAutocompleteQueryCompiler
    ):
        """Search-as-you-type (the admin's page search) over every indexed text.

        Wagtail's autocomplete matches only the autocomplete column (the title).
        With bigrams a partly typed Japanese word already matches as a prefix, so
        editors find what the public search finds: a word inside a body too.
        """

        FTS_TABLE_FIELDS = ["autocomplete", "title", "body"]

        def bm25(self):
            return WeightedBM25(1.0, 1.0, _title_boost(self.queryset.model))

    class AnalysedSQLiteBackend(SQLiteSearchBackend):
        query_compiler_class = AnalysedSQLiteQueryCompiler
        autocomplete_query_compiler_class = AnalysedSQLiteAutocompleteCompiler
        index_class = AnalysedSQLiteIndex
        # bm25() is negative: the best match has the lowest score.
        higher_score_is_better = False

    return AnalysedSQLiteBackend


# --- PostgreSQL --------------------------------------------------------------


@cache
def _postgres_backend_class() -> type:
    from modelsearch.backends.database.postgres.postgres import (
        PostgresAutocompleteQueryCompiler,
        PostgresIndex,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
    )

    class AnalysedPostgresIndex(AnalysedIndexMixin, PostgresIndex):
        pass

    class AnalysedPostgresQueryCompiler(
        AnalysedQueryMixin, PostgresSearchQueryCompiler
    ):
        pass

    class AnalysedPostgresAutocompleteCompiler(
        AnalysedQueryMixin, PostgresAutocompleteQueryCompiler
    ):
        # Every indexed text, as on SQLite (AnalysedSQLiteAutocompleteCompiler).
        def get_index_vectors(self, search_query):
            return [
                *super().get_index_vectors(search_query),
                *PostgresSearchQueryCompiler.get_index_vectors(self, search_query),
            ]

    class AnalysedPostgresBackend(PostgresSearchBackend):
        query_compiler_class = AnalysedPostgresQueryCompiler
        autocomplete_query_compiler_class = AnalysedPostgresAutocompleteCompiler
        index_class = AnalysedPostgresIndex
        higher_score_is_better = True

        def __init__(self, params: dict) -> None:
            if params.get("SEARCH_CONFIG", "simple") != "simple":
                # Another config would stem and drop stop words of analysed text.
                raise ImproperlyConfigured(
                    "search.backends needs SEARCH_CONFIG 'simple' on PostgreSQL."
                )
            super().__init__({**params, "SEARCH_CONFIG": "simple"})

    return AnalysedPostgresBackend


def SearchBackend(params: dict):  # the name Wagtail looks up in a module
    """The analysed backend for the default database's engine."""
    if connection.vendor == "postgresql":
        return _postgres_backend_class()(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.utils import fts5_available

        if not fts5_available():
            raise ImproperlyConfigured("search.backends needs SQLite with FTS5.")
        return _sqlite_backend_class()(params)
    raise ImproperlyConfigured(
        f"search.backends supports SQLite and PostgreSQL, not {connection.vendor}."
    )


def relevance(queryset: QuerySet, query: str) -> dict[int, float]:
    """Primary key → relevance (higher is better) of every match of ``query``.

    All required terms of ``query`` must match (``and``). Only primary keys and
    scores are read, in one query, as plain rows and unsorted: a broad word
    matches thousands of pages, and making a page object of each (and sorting
    them, which the caller does its own way) cost three times the query itself.
    """
    backend = get_search_backend()
    sign = 1.0 if getattr(backend, "higher_score_is_better", True) else -1.0
    results = backend.search(query, queryset.only("pk"), operator="and")
    results = results.annotate_score("_relevance")
    # The backends' results build their queryset in get_queryset(); read it as
    # rows when it is there, else as objects (a backend without it).
    if hasattr(results, "get_queryset"):
        rows = results.get_queryset().order_by().values_list("pk", "_relevance")
    else:
        rows = ((obj.pk, obj._relevance) for obj in results)
    return {pk: sign * float(score or 0.0) for pk, score in rows}
