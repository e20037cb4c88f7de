"""The scale-out path: Wagtail's OpenSearch backend with Japanese analysis.

The database backend (``search.backends``) serves the casebook's size. When it
outgrows it, settings switch to OpenSearch (``SEARCH_ENGINE=opensearch`` and
``OPENSEARCH_URL``, see ``docs/search.md``): one backend per language, each
``{"BACKEND": "search.opensearch", "LANGUAGE": "ja" | "en", …}``, whose indexes
are created with :func:`index_settings` — kuromoji for Japanese (the
``analysis-kuromoji`` plugin), the English analysis chain for English, and the
glossary as a ``synonym_graph`` filter at search time.

Synonyms are inline in the index settings, read from the glossary when an index
is created, so a glossary edit reaches OpenSearch at the next
``manage.py update_index`` (Wagtail's atomic rebuild makes a new index and
swaps the alias). ``manage.py export_search_synonyms`` writes the same rules as
a Solr-format file, for a cluster that reads ``synonyms_path`` instead.

Nothing here imports an OpenSearch client until a backend is built, so the
settings and the export work (and are tested) without one.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from search.glossary import glossary_snapshot
from search.models import normalised_form

SYNONYM_FILTER = "casebook_glossary_synonyms"


def synonyms_export() -> list[str]:
    """One Solr-format rule per glossary entry with more than one form:
    ``英会話, 英語, English conversation, spoken English`` (all equivalent).

    Forms are as written (the filter analyses each rule with the analyser's own
    chain, so width and case are normalised there), each once, in entry order.
    """
    lines = []
    for entry in glossary_snapshot().entries:
        forms: list[str] = []
        seen: set[str] = set()
        for form in entry.forms:
            key = normalised_form(form.text)
            if key not in seen:
                seen.add(key)
                # Commas separate forms in the format; validation splits
                # on them, so none is left inside a form.
                forms.append(form.text)
        if len(forms) > 1:
            lines.append(", ".join(forms))
    return lines


def _synonym_filter() -> dict[str, Any]:
    return {
        "type": "synonym_graph",
        "synonyms": synonyms_export(),
        # A rule one analyser cannot parse (a Japanese form under the English
        # tokenizer, a form that is all stop words) is skipped, not a failed
        # index creation.
        "lenient": True,
    }


def _japanese_analysis() -> dict[str, Any]:
    # Normalise before the synonyms (so rules match as the text does) and
    # drop stop words after them (so a rule with の in it still parses).
    normalise = ["kuromoji_baseform", "cjk_width", "lowercase"]
    return {
        "tokenizer": {
            "casebook_kuromoji": {
                "type": "kuromoji_tokenizer",
                # Search mode also splits long compounds (多文化共生 → 多文化 共生).
                "mode": "search",
                "discard_punctuation": True,
            }
        },
        "filter": {
            "ja_stop": {"type": "ja_stop", "stopwords": "_japanese_"},
            SYNONYM_FILTER: _synonym_filter(),
        },
        "analyzer": {
            # "default" / "default_search" apply to every text field Wagtail
            # maps without an analyser of its own.
            "default": {
                "type": "custom",
                "tokenizer": "casebook_kuromoji",
                "filter": [*normalise, "ja_stop"],
            },
            "default_search": {
                "type": "custom",
                "tokenizer": "casebook_kuromoji",
                "filter": [*normalise, SYNONYM_FILTER, "ja_stop"],
            },
            # Wagtail's autocomplete analyser, on Japanese words rather than
            # the standard tokenizer's single characters.
            "edgengram_analyzer": {
                "type": "custom",
                "tokenizer": "casebook_kuromoji",
                "filter": ["cjk_width", "lowercase", "edgengram"],
            },
        },
    }


def _english_analysis() -> dict[str, Any]:
    # The built-in "english" analyser, spelled out so the synonyms can go in.
    normalise = ["english_possessive_stemmer", "lowercase"]
    stem = ["english_stop", "english_stemmer"]
    return {
        "filter": {
            "english_possessive_stemmer": {
                "type": "stemmer",
                "language": "possessive_english",
            },
            "english_stop": {"type": "stop", "stopwords": "_english_"},
            "english_stemmer": {"type": "stemmer", "language": "english"},
            SYNONYM_FILTER: _synonym_filter(),
        },
        "analyzer": {
            "default": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": [*normalise, *stem],
            },
            "default_search": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": [*normalise, SYNONYM_FILTER, *stem],
            },
        },
    }


def index_settings(language: str) -> dict[str, Any]:
    """What Wagtail's ``INDEX_SETTINGS`` adds to its own index settings for
    ``language`` (``ja`` or ``en``), with the glossary's current synonyms."""
    if language == "ja":
        analysis = _japanese_analysis()
    elif language == "en":
        analysis = _english_analysis()
    else:
        raise ValueError(f"no analysis for language {language!r}")
    return {"settings": {"analysis": analysis}}


def settings_for_new_index(base: dict[str, Any], language: str) -> dict[str, Any]:
    """Wagtail's index settings ``base`` with ``language``'s analysis merged in."""
    from modelsearch.utils import deep_update

    return deep_update(deepcopy(base), index_settings(language))


def SearchBackend(params: dict[str, Any]):
    """Wagtail's OpenSearch 2 backend whose indexes get ``LANGUAGE``'s analysis
    (the name Wagtail looks up in a backend module).

    The analysis is merged when an index is created, not when settings are
    read: settings load before the database is there, and a rebuild should
    take the glossary as it is then.
    """
    from modelsearch.backends.opensearch2 import (
        OpenSearch2Index,
        OpenSearch2SearchBackend,
    )

    language = params.pop("LANGUAGE", "ja")

    class GlossaryIndex(OpenSearch2Index):
        def put(self) -> None:
            # Idempotent: the analysis keys are replaced, not appended to.
            self.backend.settings = settings_for_new_index(
                self.backend.settings, language
            )
            super().put()

    class GlossarySearchBackend(OpenSearch2SearchBackend):
        index_class = GlossaryIndex

    return GlossarySearchBackend(params)
