"""Japanese era dates: read from a roster and typed into a date field, on japanera's era table;
impossible ones refused with a clear message in both languages."""

from __future__ import annotations

from datetime import date

import pytest
from japanera import ERA_DATA_GENERAL

import i18n
from models.japanese_eras import EraDateError, era_date
from tests.test_roster_import import errors_of, rows_of, write_roster
from ui.common.when_text import EntryError, parse_date


@pytest.mark.parametrize("text, day", [
    ("令和6年4月1日", date(2024, 4, 1)), ("令和元年5月1日", date(2019, 5, 1)),
    ("R6.4.1", date(2024, 4, 1)), ("R06/04/01", date(2024, 4, 1)), ("r6-4-1", date(2024, 4, 1)),
    ("㋿6年4月1日", date(2024, 4, 1)), ("令和６年４月１日", date(2024, 4, 1)),
    ("平成31年4月30日", date(2019, 4, 30)), ("H元.1.8", date(1989, 1, 8)),
    ("昭和45年4月1日", date(1970, 4, 1)), ("S64.1.7", date(1989, 1, 7)),
    ("大正15年12月24日", date(1926, 12, 24)), ("T1.7.30", date(1912, 7, 30)),
    ("平成32年1月1日", date(2020, 1, 1)),       # past its end: counted on, as old forms print
    ("令和六年四月一日", date(2024, 4, 1)), ("平成三十一年四月三十日", date(2019, 4, 30)),
    ("昭和四十五年十二月二十四日", date(1970, 12, 24)),
    ("2026/12/9", None), ("Dec 9, 2026", None), ("X6.4.1", None), ("R6", None)])
def test_era_dates_are_read_by_the_era_table(text, day):
    assert era_date(text) == day


@pytest.mark.parametrize("text, english, japanese", [
    ("令和0年4月1日", "Reiwa has no year 0", "令和に0年はありません"),
    ("令和元年4月30日", "Reiwa began on Wed, May 1, 2019",
     "令和は2019年5月1日(水)に始まりました"),
    ("H1.1.7", "Heisei began on Sun, Jan 8, 1989", "平成は1989年1月8日(日)に始まりました"),
    ("令和6年2月30日", "There is no such day: 令和6年2月30日",
     "存在しない日付です：令和6年2月30日"),
])
def test_an_impossible_era_date_is_refused_with_a_clear_message(text, english, japanese):
    for language, words in (("en", english), ("ja", japanese)):
        i18n.set_language(language)
        with pytest.raises(EraDateError):
            era_date(text)
        with pytest.raises(EntryError) as typed:
            parse_date(text)
        assert words in typed.value.message()


def test_every_modern_era_begins_on_its_first_day_and_not_the_day_before():
    for era in (e for e in ERA_DATA_GENERAL if e.since.year >= 1868):
        first = era.since
        assert era_date(f"{era.kanji}元年{first.month}月{first.day}日") == first
        letter = era.english_head
        assert era_date(f"{letter}1.{first.month}.{first.day}") == first
        if first.day > 1:
            with pytest.raises(EraDateError):
                era_date(f"{era.kanji}元年{first.month}月{first.day - 1}日")


def test_a_roster_reads_era_dates_and_refuses_impossible_ones(tmp_path):
    path = write_roster(tmp_path / "r.xlsx", ["Name", "生年月日", "旅券有効期限"], [
        ["Taro Yamada", "昭和45年4月1日", "平成42年4月1日"],
        ["Hanako Sato", "令和0年1月1日", "令和10年1月1日"],
        ["Ichiro Suzuki", "H2.13.1", "令和9年5月1日"]])
    rows = rows_of(path)
    assert rows[0].values["date_of_birth"] == date(1970, 4, 1)
    assert rows[0].values["passport_expiry"] == date(2030, 4, 1)      # counted on, and said
    assert [w for _c, w in rows[0].warnings] == [
        "平成42年4月1日 is after the end of Heisei: read as 2030-04-01."]
    assert "Reiwa has no year 0" in errors_of(rows[1])["生年月日"]
    assert "There is no such day" in errors_of(rows[2])["生年月日"]


def test_an_era_date_typed_into_a_date_field_is_read_and_shown_as_a_date(qtbot):
    from ui.attendees.attendee_dialog import AttendeeDialog

    i18n.set_language("ja")
    dialog = AttendeeDialog([], mission_end=date(2026, 12, 13), countries={"US"})
    qtbot.addWidget(dialog)
    dialog.date_of_birth.setText("昭和45年4月1日")
    dialog.date_of_birth.editingFinished.emit()
    assert dialog.date_of_birth.value() == date(1970, 4, 1)
    assert dialog.date_of_birth.text() == "1970/04/01"
    dialog.date_of_birth.setText("令和0年1月1日")
    dialog.date_of_birth.editingFinished.emit()
    assert dialog.date_of_birth.problem() == (
        "令和に0年はありません。最初の年は「元年」または「1年」と書きます。")
    assert dialog.date_of_birth.text() == "令和0年1月1日"            # kept as typed, to fix
