"""The language layer: real Japanese output, locale formats, name order, kana order, catalogs."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

import i18n
from i18n import _, ngettext
from i18n.formatting import (
    fold_kana,
    format_date,
    format_datetime,
    format_list,
    name_sort_key,
    person_name,
)
from models.times import from_local

LOCALE = Path(i18n.__file__).with_name("locale")
ROOT = Path(__file__).resolve().parents[1]


def test_japanese_catalog_gives_real_japanese():
    i18n.set_language("ja")
    assert _("&File") == "ファイル(&F)"
    assert _("Attendees") == "参加者"
    assert ngettext("{n} attendee", "{n} attendees", 3).format(n=3) == "3名"
    i18n.set_language("en")
    assert _("&File") == "&File"
    assert ngettext("{n} attendee", "{n} attendees", 1).format(n=1) == "1 attendee"


def test_dates_follow_the_language():
    day = date(2026, 12, 9)
    assert format_date(day) == "Wed, Dec 9, 2026"
    i18n.set_language("ja")
    assert format_date(day) == "2026年12月9日(水)"
    assert format_date(day, "short_date") == "2026/12/09"


def test_times_show_the_place_clock_and_zone():
    instant = from_local(datetime(2026, 12, 9, 18, 30), "Asia/Tokyo")
    assert format_datetime(instant, "America/New_York") == "Wed, Dec 9, 4:30 AM EST"
    i18n.set_language("ja")
    assert format_datetime(instant, "Asia/Tokyo") == "12月9日(水) 18:30 JST"


def test_names_are_family_first_in_japanese_and_given_first_in_english():
    name = dict(family="Yamada", given="Taro", family_ja="山田", given_ja="太郎")
    assert person_name(**name) == "Taro Yamada"
    i18n.set_language("ja")
    assert person_name(**name) == "山田 太郎"
    assert person_name(family="Miller", given="Sarah") == "Sarah Miller"


def test_japanese_lists_sort_by_kana_reading_not_code_point():
    people = [  # 渡辺 (U+6E21) sorts before 山田 (U+5C71)? No: code points put 山 first.
        dict(family="Watanabe", given="Hanako", family_kana="ワタナベ", given_kana="ハナコ"),
        dict(family="Yamada", given="Taro", family_kana="ヤマダ", given_kana="タロウ"),
        dict(family="Abe", given="Ken", family_kana="あべ", given_kana="けん"),
        dict(family="Miller", given="Sarah"),
    ]
    i18n.set_language("ja")
    ordered = [p["family"] for p in sorted(people, key=lambda p: name_sort_key(**p))]
    assert ordered == ["Abe", "Yamada", "Watanabe", "Miller"]
    i18n.set_language("en")
    ordered = [p["family"] for p in sorted(people, key=lambda p: name_sort_key(**p))]
    assert ordered == ["Abe", "Miller", "Watanabe", "Yamada"]


def test_half_width_full_width_katakana_and_hiragana_fold_together():
    assert fold_kana("ﾔﾏﾀﾞ") == fold_kana("ヤマダ") == fold_kana("やまだ")
    assert fold_kana("ＡＢＣ１２３") == fold_kana("abc123")
    # The ends of the katakana that have a hiragana, and what is left as it is: the letters
    # beyond them (ヷ, ー, ・), kanji, a character beyond the BMP, a lone surrogate.
    assert fold_kana("ァヶ") == "ぁゖ"
    assert fold_kana("ヷー・小林𠮷\udcff") == "ヷー・小林𠮷\udcff"


def test_lists_use_the_language_separator():
    assert format_list(["JETRO", "NY CREATES"]) == "JETRO and NY CREATES"
    i18n.set_language("ja")
    assert format_list(["ジェトロ", "NY CREATES"]) == "ジェトロ、NY CREATES"


def test_babel_gets_one_locale_object_per_language_that_follows_every_switch():
    english = i18n.babel_locale()
    assert str(english) == "en_US" and i18n.babel_locale() is english
    with i18n.temporary_language("ja"):
        japanese = i18n.babel_locale()
        assert str(japanese) == "ja_JP" and format_list(["a", "b"]) == "a、b"
    assert i18n.babel_locale() is english and format_list(["a", "b"]) == "a and b"
    i18n.set_language("ja")
    assert i18n.babel_locale() is japanese


def test_importing_i18n_loads_no_babel():
    code = "import sys, i18n; i18n.set_language('ja'); print('babel' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "False"


def test_a_temporary_language_tells_no_listener_and_always_ends():
    heard = []
    i18n.add_listener(heard.append)
    try:
        with i18n.temporary_language("ja"):
            assert _("&Quit") == "終了(&Q)" and i18n.current_locale() == "ja_JP"
        assert _("&Quit") == "&Quit" and i18n.current_language() == "en"
        try:
            with i18n.temporary_language("ja"):
                raise OSError("disk full while writing the workbook")
        except OSError:
            pass
        assert i18n.current_language() == "en" and _("&Quit") == "&Quit"
        assert heard == []  # the window is not retranslated, the setting not saved
    finally:
        i18n.remove_listener(heard.append)


def test_column_titles_are_translated_when_drawn_not_at_import():
    from ui.attendees.columns import ATTENDEE_COLUMNS

    assert ATTENDEE_COLUMNS[0].title == "Name"
    i18n.set_language("ja")
    assert ATTENDEE_COLUMNS[0].title == "Name"
    assert _(ATTENDEE_COLUMNS[0].title) == "氏名"


def _catalog(path: Path):
    with open(path, "rb") as f:
        return read_po(f, locale="ja_JP")


def test_the_catalog_holds_every_string_in_the_code(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F",
                    str(ROOT / "i18n" / "babel.cfg"), "-k", "N_", "-k", "ngettext:1,2",
                    "--no-location", "-o", str(pot), "main.py", "models", "ui", "i18n",
                    "documents"], cwd=ROOT, check=True, capture_output=True)
    with open(pot, "rb") as f:
        in_code = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    in_catalog = {m.id if isinstance(m.id, str) else m.id[0]
                  for m in _catalog(LOCALE / "ja" / "LC_MESSAGES" / "messages.po") if m.id}
    assert in_code - in_catalog == set(), "run `make catalogs` and translate the new strings"


def test_no_japanese_message_is_empty_or_fuzzy():
    bad = []
    for m in _catalog(LOCALE / "ja" / "LC_MESSAGES" / "messages.po"):
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if m.fuzzy or not all(s.strip() for s in strings):
            bad.append(m.id)
    assert bad == []


def test_the_compiled_catalog_is_current():
    po = _catalog(LOCALE / "ja" / "LC_MESSAGES" / "messages.po")
    with open(LOCALE / "ja" / "LC_MESSAGES" / "messages.mo", "rb") as f:
        mo = read_mo(f)
    def table(catalog) -> dict:
        def frozen(x):
            return tuple(x) if isinstance(x, list | tuple) else x
        return {frozen(m.id): frozen(m.string) for m in catalog if m.id}

    assert table(po) == table(mo), "run `make catalogs` to recompile the .mo files"


def test_every_stored_enumeration_value_has_a_label_in_both_languages():
    from i18n import labels
    from models import entities as e

    pairs = [(labels.ROLES, e.Role), (labels.ATTENDANCE, e.AttendanceStatus),
             (labels.MISSION_STATUS, e.MissionStatus), (labels.ITEM_KINDS, e.ItemKind),
             (labels.ROOM_TYPES, e.RoomType), (labels.CLEARANCES, e.Clearance),
             (labels.SEATING_CONVENTIONS, e.SeatingConvention),
             (labels.TABLE_SHAPES, e.TableShape)]
    for table, enum in pairs:
        assert list(table) == [member.value for member in enum], enum.__name__
    i18n.set_language("ja")
    for table, _enum in pairs:
        for key, english in table.items():
            assert labels.label(table, key) not in ("", english), key
