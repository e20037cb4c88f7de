"""The OpenSearch path without a cluster: the index settings and the synonyms."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from search.models import GlossaryEntry
from search.opensearch import (
    SYNONYM_FILTER,
    index_settings,
    settings_for_new_index,
    synonyms_export,
)

pytestmark = pytest.mark.django_db


def analysis(language: str) -> dict:
    return index_settings(language)["settings"]["analysis"]


def test_the_export_has_one_equivalence_rule_per_seeded_entry():
    lines = synonyms_export()
    assert "英会話, 英語, English conversation, spoken English" in lines
    assert "外国語指導助手, ALT, assistant language teacher" in lines
    # ALT is a form in both languages of its entry: listed once.
    assert all(len(line.split(", ")) == len(set(line.split(", "))) for line in lines)
    assert len(lines) == GlossaryEntry.objects.count()


def test_an_entry_without_synonyms_gives_no_rule_and_an_edit_gives_a_new_one():
    before = synonyms_export()
    # One form in both languages, after normalisation: nothing to be equal to.
    GlossaryEntry.objects.create(term_ja="Ｚｏｏｍ", term_en="zoom")
    assert synonyms_export() == before
    GlossaryEntry.objects.create(term_ja="給食", term_en="school lunch")
    after = synonyms_export()
    assert sorted(after) == sorted([*before, "給食, school lunch"])


def test_japanese_index_uses_kuromoji_width_case_stop_and_the_glossary():
    ja = analysis("ja")
    assert ja["tokenizer"]["casebook_kuromoji"]["type"] == "kuromoji_tokenizer"
    index_chain = ja["analyzer"]["default"]["filter"]
    search_chain = ja["analyzer"]["default_search"]["filter"]
    for name in ("cjk_width", "lowercase", "ja_stop"):
        assert name in index_chain and name in search_chain
    assert ja["filter"]["ja_stop"]["type"] == "ja_stop"
    # Synonyms at search time only, after normalisation, before stop words.
    assert SYNONYM_FILTER not in index_chain
    at = search_chain.index(SYNONYM_FILTER)
    assert search_chain.index("lowercase") < at < search_chain.index("ja_stop")
    synonyms = ja["filter"][SYNONYM_FILTER]
    assert synonyms["type"] == "synonym_graph"
    assert synonyms["synonyms"] == synonyms_export()


def test_english_index_uses_the_english_chain_with_the_glossary():
    en = analysis("en")
    search_chain = en["analyzer"]["default_search"]["filter"]
    assert en["analyzer"]["default"]["tokenizer"] == "standard"
    assert SYNONYM_FILTER not in en["analyzer"]["default"]["filter"]
    assert en["filter"]["english_stemmer"] == {"type": "stemmer", "language": "english"}
    assert search_chain.index(SYNONYM_FILTER) < search_chain.index("english_stemmer")
    assert "kuromoji" not in str(en)


def test_every_filter_an_analyser_names_is_defined_or_built_in():
    built_in = {"lowercase", "cjk_width", "kuromoji_baseform"}
    wagtail = {"edgengram"}  # defined in Wagtail's own index settings
    for language in ("ja", "en"):
        settings = analysis(language)
        for analyser in settings["analyzer"].values():
            for name in analyser["filter"]:
                assert name in settings["filter"] or name in built_in | wagtail, name


def test_an_unknown_language_is_an_error():
    with pytest.raises(ValueError):
        index_settings("fr")


def test_merging_into_wagtails_settings_keeps_its_analysers():
    base = {
        "settings": {
            "analysis": {"analyzer": {"ngram_analyzer": {"type": "custom"}}},
            "index": {"max_ngram_diff": 12},
        }
    }
    merged = settings_for_new_index(base, "ja")
    assert set(merged["settings"]["analysis"]["analyzer"]) >= {
        "ngram_analyzer",
        "default",
        "default_search",
    }
    assert merged["settings"]["index"] == {"max_ngram_diff": 12}
    assert "default" not in base["settings"]["analysis"]["analyzer"]  # a copy
    assert settings_for_new_index(merged, "ja") == merged  # a rebuild repeats it


def test_the_command_writes_the_export_as_utf8_lines(tmp_path):
    out = tmp_path / "synonyms.txt"
    call_command("export_search_synonyms", "--out", str(out))
    assert out.read_text(encoding="utf-8").splitlines() == synonyms_export()
    assert out.read_bytes().endswith(b"\n")
