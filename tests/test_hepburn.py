"""Passport Hepburn from a kana reading, checked on real names as passport offices write them."""

from __future__ import annotations

import pytest

from documents.roster.hepburn import to_hepburn, to_name_case

PASSPORT_SPELLINGS = [
    # long vowels: ou, oo -> O; uu -> U
    ("トウキョウ", "TOKYO"), ("オオノ", "ONO"), ("サトウ", "SATO"), ("ユウコ", "YUKO"),
    ("オオタ", "OTA"), ("イトウ", "ITO"), ("コウノ", "KONO"), ("ヨウコ", "YOKO"),
    ("カトウ", "KATO"), ("サイトウ", "SAITO"), ("リョウタロウ", "RYOTARO"),
    ("ショウイチ", "SHOICHI"), ("ウリュウ", "URYU"), ("コオリ", "KORI"), ("ユウイチ", "YUICHI"),
    # ei and ii stay
    ("ケイコ", "KEIKO"), ("ニイガタ", "NIIGATA"),
    # ン: M before B, M, P; N before a vowel or Y, without an apostrophe
    ("ホンマ", "HOMMA"), ("ナンバ", "NAMBA"), ("サンペイ", "SAMPEI"), ("シンバシ", "SHIMBASHI"),
    ("ケンイチ", "KENICHI"), ("ジュンイチロウ", "JUNICHIRO"), ("シンヤ", "SHINYA"),
    ("カンダ", "KANDA"),
    # ッ doubles the consonant, T before CH
    ("ハッチョウ", "HATCHO"), ("ホッチ", "HOTCHI"), ("ハットリ", "HATTORI"),
    ("キッカワ", "KIKKAWA"), ("テッペイ", "TEPPEI"),
    # the consonants Hepburn spells its own way
    ("シバタ", "SHIBATA"), ("サチコ", "SACHIKO"), ("ツルタ", "TSURUTA"), ("フジタ", "FUJITA"),
    ("ジュンコ", "JUNKO"), ("シュンスケ", "SHUNSUKE"), ("チャヤ", "CHAYA"), ("シャチ", "SHACHI"),
    ("ミズノ", "MIZUNO"), ("ヂ", "JI"), ("ヅ", "ZU"), ("ジャ", "JA"),
    # a name ending in オオ keeps OO; ウエ is its own word, not a long vowel
    ("セノオ", "SENOO"), ("タカトオ", "TAKATOO"), ("ヨコオ", "YOKOO"), ("イノウエ", "INOUE"),
    ("オオウチ", "OUCHI"),
    # ー is dropped
    ("ニーナ", "NINA"), ("サリー", "SARI"),
]


@pytest.mark.parametrize(("kana", "passport"), PASSPORT_SPELLINGS)
def test_passport_spelling_of_real_names(kana, passport):
    assert to_hepburn(kana) == passport


def test_hiragana_half_width_and_two_words_are_all_read():
    assert to_hepburn("ほんま たろう") == "HOMMA TARO"
    assert to_hepburn("ﾔﾏﾀﾞ ﾀﾛｳ") == "YAMADA TARO"
    assert to_hepburn("サトウ　ジュンイチロウ") == "SATO JUNICHIRO"


def test_anything_but_kana_is_refused():
    for text in ("山田", "Yamada", "", "   "):
        with pytest.raises(ValueError):
            to_hepburn(text)


def test_a_derived_name_is_stored_in_title_case():
    assert to_name_case(to_hepburn("ホンマ")) == "Homma"
    assert to_name_case("JUNICHIRO") == "Junichiro"
