"""The glossary snippet: validation, the seed, the version bump and expansions."""

from __future__ import annotations

import importlib

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation

from cms.api import version
from search.glossary import MAX_EXPANSIONS, expansions, matched_entries
from search.models import GlossaryEntry

pytestmark = pytest.mark.django_db

seed_migration = importlib.import_module("search.migrations.0002_seed_glossary")


def entry(term_ja: str, term_en: str, ja: str = "", en: str = "") -> GlossaryEntry:
    made = GlossaryEntry(
        term_ja=term_ja, term_en=term_en, synonyms_ja=ja, synonyms_en=en
    )
    made.full_clean()
    made.save()
    return made


# --- the seed ----------------------------------------------------------------


def test_the_migration_seeded_the_casebook_terms_once():
    assert GlossaryEntry.objects.count() == len(seed_migration.SEED) >= 20
    # Run again (as a re-applied migration would): nothing new, nothing lost.
    assert seed_migration.seed(GlossaryEntry) == 0
    assert GlossaryEntry.objects.count() == len(seed_migration.SEED)


def test_every_seeded_entry_passes_the_admin_validation():
    for seeded in GlossaryEntry.objects.all():
        seeded.full_clean()


def test_the_seed_keeps_a_staff_edit():
    GlossaryEntry.objects.filter(term_ja="防災").update(synonyms_en="bousai")
    seed_migration.seed(GlossaryEntry)
    assert GlossaryEntry.objects.get(term_ja="防災").synonyms_en == "bousai"


# --- validation --------------------------------------------------------------


def test_a_blank_term_is_a_form_error():
    with pytest.raises(ValidationError) as raised:
        GlossaryEntry(term_ja="　", term_en="x").full_clean()
    assert "term_ja" in raised.value.message_dict


def test_a_form_of_another_entry_is_an_error_naming_that_entry():
    with pytest.raises(ValidationError) as raised:
        # Full-width ＡＬＴ is the seeded entry's ALT after normalisation.
        entry("補助教員", "assistant teacher", ja="ＡＬＴ")
    with translation.override("en"):  # the messages are lazy, in the admin's language
        messages = raised.value.message_dict["synonyms_ja"]
    assert messages == [
        "“ＡＬＴ” is already in the glossary entry “外国語指導助手 / ALT”."
    ]


def test_an_english_term_of_another_entry_is_an_error_on_that_field():
    with pytest.raises(ValidationError) as raised:
        entry("新しい用語", "Board of Education")
    assert list(raised.value.message_dict) == ["term_en"]


def test_a_form_listed_twice_in_one_language_is_an_error():
    with pytest.raises(ValidationError) as raised:
        entry("給食", "school lunch", ja="学校給食\n学校給食")
    with translation.override("en"):
        assert "listed twice" in raised.value.message_dict["synonyms_ja"][0]


def test_an_entry_may_be_saved_again_and_lists_are_stored_one_per_line():
    made = entry("給食", "school lunch", ja="学校給食、 給食の時間", en="lunch, ")
    assert made.synonyms_ja == "学校給食\n給食の時間"
    assert made.synonyms_en == "lunch"
    made.note = "edited"
    made.full_clean()  # its own forms are not "another entry's"


# --- the content version -----------------------------------------------------


def test_saving_and_deleting_an_entry_bump_the_content_version():
    before = version.read().value
    with transaction.atomic():
        made = entry("給食", "school lunch")
    after_save = version.read().value
    assert after_save != before
    made.delete()
    assert version.read().value != after_save


# --- expansions --------------------------------------------------------------


def test_an_abbreviation_expands_to_the_full_terms_of_both_languages():
    assert expansions("ALT", "ja") == ["外国語指導助手", "assistant language teacher"]
    # The query's language first.
    assert expansions("ALT", "en") == ["assistant language teacher", "外国語指導助手"]


def test_a_japanese_term_expands_to_its_synonym_and_its_english_term():
    assert expansions("英会話", "ja") == [
        "英語",
        "English conversation",
        "spoken English",
    ]


def test_english_matches_whole_words_after_normalisation():
    assert expansions("Ｍｕｌｔｉｃｕｌｔｕｒａｌ   COEXISTENCE", "en") == [
        "multicultural society",
        "多文化共生",
    ]
    # "alt" inside a word is not the abbreviation.
    assert expansions("alternative", "en") == []
    assert expansions("ALTs", "en") == []


def test_a_form_inside_a_longer_entry_does_not_count_on_its_own():
    # ALT lies inside JET-ALT; 英語 inside 英語カフェ.
    assert [e.forms[0].text for e, _ in matched_entries("JET-ALTの活動")] == ["JET-ALT"]
    assert "外国語指導助手" not in expansions("JET-ALT", "ja")
    assert "英会話" not in expansions("英語カフェ", "ja")


def test_most_specific_entry_first_and_nothing_the_query_already_has():
    found = expansions("防災とALT", "ja")
    # The longer match first: ALT (3 characters) before 防災 (2).
    assert found[:2] == ["外国語指導助手", "assistant language teacher"]
    assert "disaster preparedness" in found
    assert "防災" not in found and "ALT" not in found
    # 防災教育 contains the matched 防災: any page with it matches already.
    assert "防災教育" not in found


def test_expansions_are_deduplicated_and_capped():
    query = "ALT CIR 防災 英会話 国際理解 小学校"
    found = expansions(query, "ja")
    assert len(found) == MAX_EXPANSIONS
    assert len({text.casefold() for text in found}) == len(found)


def test_no_match_no_expansion():
    assert expansions("", "ja") == []
    assert expansions("宮城県の取組", "ja") == []


def test_an_edit_reaches_expansions_through_the_new_version():
    assert expansions("給食", "ja") == []
    entry("給食", "school lunch", ja="ランチ\n学校給食")
    # 学校給食 contains 給食: a page with it matches the literal query already.
    assert expansions("給食", "ja") == ["ランチ", "school lunch"]


# --- the admin ---------------------------------------------------------------

ADD = "wagtailsnippets_casebook_search_glossaryentry:add"
LIST = "wagtailsnippets_casebook_search_glossaryentry:list"


def form_data(**values: str) -> dict[str, str]:
    return {
        "term_ja": "",
        "term_en": "",
        "synonyms_ja": "",
        "synonyms_en": "",
        "note": "",
        **values,
    }


def test_staff_add_an_entry_in_the_admin_and_see_a_clash_named(admin_client):
    from django.urls import reverse

    assert "外国語指導助手" in admin_client.get(reverse(LIST)).content.decode()
    clash = admin_client.post(
        reverse(ADD),
        form_data(term_ja="給食", term_en="school lunch", synonyms_en="BOE"),
    )
    assert clash.status_code == 200
    assert "教育委員会 / board of education" in clash.content.decode()
    assert not GlossaryEntry.objects.filter(term_ja="給食").exists()

    before = version.read().value
    added = admin_client.post(
        reverse(ADD),
        form_data(term_ja="給食", term_en="school lunch", synonyms_ja="ランチ"),
    )
    assert added.status_code == 302
    assert GlossaryEntry.objects.get(term_ja="給食").synonyms_ja == "ランチ"
    assert version.read().value != before
