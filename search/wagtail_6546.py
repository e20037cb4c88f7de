"""Wagtail #6546 (PR #6548, closed unmerged): no index serves a PostgreSQL search.

The PostgreSQL backend (django-modelsearch, Wagtail's search since 7.x) matches
with ``WHERE (title || body) @@ query``. The index entry table has a GIN index on
``title`` and one on ``body``, but none on their concatenation, so every search
reads and tests every row: 20–45 ms per query at 10,000 cases even when two pages
match, and once more for each glossary expansion. A GIN index on the expression
itself serves that predicate: 4.3 ms for the same query
(``python -m bench.search_speed``, docs/search.md).

The migration ``search/migrations/0003_indexentry_title_body_gin.py`` calls these
functions. SQLite's FTS5 table needs nothing. When upstream adds the index, delete
this module and squash the migration into a no-op.
"""

from __future__ import annotations

INDEX_NAME = "search_indexentry_title_body_gin"
TABLE = "wagtailsearch_indexentry"


def create_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS "{INDEX_NAME}" ON "{TABLE}" '
        'USING gin (("title" || "body"))'
    )


def drop_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX_NAME}"')
