"""search.analysis: normalisation, terms and the way back to the text as written."""

from __future__ import annotations

import unicodedata

import pytest

from search.analysis import normalise, normalised_with_offsets, original_span, terms


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("ＡＬＴ", "alt"),  # full-width Latin
        ("ALT", "alt"),
        ("ｲﾝｸﾞﾘｯｼｭ", "イングリッシュ"),  # half-width katakana, voiced mark merged
        (unicodedata.normalize("NFD", "Café"), "café"),  # decomposed accent
        ("Café", "café"),
        ("Straße", "strasse"),  # case folding, not just lower()
        ("１２３", "123"),
    ],
)
def test_normalise_folds_width_case_and_composition(written, folded):
    assert normalise(written) == folded


def test_cjk_runs_become_overlapping_bigrams():
    assert terms("英会話") == ["英会", "会話"]
    assert terms("英語教育") == ["英語", "語教", "教育"]


def test_single_character_run_stays_a_unigram():
    assert terms("ALTと話す") == ["alt", "と話", "話す"]
    assert terms("夏 冬") == ["夏", "冬"]


def test_long_vowel_mark_stays_inside_katakana_words():
    assert terms("カフェー") == ["カフ", "フェ", "ェー"]


def test_latin_words_and_digits_punctuation_dropped():
    assert terms("JET-ALT, 2024年!") == ["jet", "alt", "2024", "年"]
    assert terms("「・」、。！？") == []


def test_words_lose_accents_but_kana_keep_their_marks():
    assert terms("Café Über") == ["cafe", "uber"]
    assert terms("ガイド") == ["ガイ", "イド"]
    assert terms("ｶﾞｲﾄﾞ") == ["ガイ", "イド"]


def test_query_and_text_meet_whatever_the_width():
    assert terms("ｲﾝｸﾞﾘｯｼｭ") == terms("イングリッシュ")
    assert terms("ＡＬＴ") == terms("alt")
    assert terms(unicodedata.normalize("NFD", "Café")) == terms("café")


def test_offsets_point_each_character_back_to_the_original():
    text = "ＡＬＴとｲﾝｸﾞﾘｯｼｭ"
    normalised, offsets = normalised_with_offsets(text)
    assert normalised == "altとイングリッシュ"
    assert len(offsets) == len(normalised)
    # "グ" came from "ｸﾞ" (two characters of the original).
    start = normalised.index("グ")
    assert original_span(offsets, start, start + 1, len(text)) == (6, 8)
    assert text[slice(*original_span(offsets, 0, 3, len(text)))] == "ＡＬＴ"
    whole = original_span(offsets, 4, len(normalised), len(text))
    assert text[slice(*whole)] == "ｲﾝｸﾞﾘｯｼｭ"


def test_offsets_of_decomposed_accent_and_expanding_fold():
    text = "Cafe\u0301 Straße"
    normalised, offsets = normalised_with_offsets(text)
    assert normalised == "café strasse"
    assert text[slice(*original_span(offsets, 0, 4, len(text)))] == "Cafe\u0301"
    start = normalised.index("ss")
    assert text[slice(*original_span(offsets, start, start + 2, len(text)))] == "ß"
