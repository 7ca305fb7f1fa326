"""One rule, one verdict: the same values run through models.rules, the roster import (a real
workbook read back), the attendee dialog and the mission dialogs, which must agree on what is
wrong and say so each in its own words."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from documents.roster.values import REASONS
from i18n import _
from models import rules
from models.countries import citizenship_problem, country_code
from models.repository import MissionRow
from models.rules import Problem
from tests.test_roster_import import errors_of, rows_of, write_roster
from ui.attendees.attendee_checks import MESSAGES, not_a_phone
from ui.attendees.attendee_dialog import AttendeeDialog
from ui.missions.duplicate_dialog import DuplicateDialog
from ui.missions.mission_dialog import MissionDialog

TODAY = date.today()      # for what no case's verdict turns on (a mission's dates)
HEADERS = {"email": "E-mail", "phone": "Mobile", "citizenship": "Citizenship",
           "date_of_birth": "Date of birth", "passport_expiry": "Passport expiry",
           "passport_number": "Passport number"}

CASES = [
    # The two addresses the copies disagreed on: the import took a@b.c, the dialog a@b..jp.
    ("email", "a@b.c", Problem.EMAIL_SHORT_TLD),
    ("email", "a@b..jp", Problem.EMAIL_DOUBLE_DOT),
    ("email", "a@.example.jp", Problem.EMAIL_DOUBLE_DOT),
    ("email", "a@example.jp.", Problem.EMAIL_DOUBLE_DOT),
    ("email", "a@localhost", Problem.EMAIL_NO_DOMAIN_DOT),
    ("email", "chidi@", Problem.EMAIL_SHAPE),
    ("email", "not-an-address", Problem.EMAIL_SHAPE),
    ("email", "taro yamada@example.jp", Problem.EMAIL_SHAPE),
    ("email", "a@b@example.jp", Problem.EMAIL_SHAPE),
    ("email", "a@b.co", None),
    ("email", "taro..yamada.@docomo.ne.jp", None),    # an old carrier address: delivered
    ("email", "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", None),
    ("email", "mailto:taro@example.jp", None),
    ("phone", "12345", Problem.PHONE_INVALID),
    ("phone", "call me", Problem.PHONE_INVALID),
    ("phone", "090-1234-5678", None),
    ("citizenship", "Atlantis", Problem.COUNTRY_UNKNOWN),
    ("citizenship", "XX", Problem.COUNTRY_UNKNOWN),
    ("citizenship", "EU", Problem.COUNTRY_UNKNOWN),      # a union, not a nationality
    ("citizenship", "日本", None),
    ("citizenship", "ng", None),
    ("citizenship", "Nigeria", None),
    ("date_of_birth", "{tomorrow}", Problem.BIRTH_IN_FUTURE),
    ("date_of_birth", "{year_121_ago}", Problem.BIRTH_TOO_OLD),
    ("date_of_birth", "1975-04-15", None),
    ("date_of_birth", "{today}", None),          # born today: a baby can travel
    ("passport_expiry", "{year_12_on}", Problem.PASSPORT_EXPIRY_TOO_FAR),
    ("passport_expiry", "{year_9_on}", None),
    ("passport_expiry", "2020-01-01", None),             # expired: a warning against the trip
    ("passport_number", "TK-12#", Problem.PASSPORT_NUMBER_SHAPE),
    ("passport_number", "tk 123 4567", None),
]
IDS = [f"{field}={value}" for field, value, _problem in CASES]


def _dated(value: str) -> str:
    """A case's value with its dates counted from the day the test runs, as the rules count
    them: dates taken when the cases were collected were a day old in a run that went past
    midnight, and "tomorrow" was then a birth date like any other."""
    today = date.today()
    return value.format(today=today.isoformat(),
                        tomorrow=(today + timedelta(days=1)).isoformat(),
                        year_121_ago=date(today.year - 121, 1, 1).isoformat(),
                        year_12_on=date(today.year + 12, 1, 1).isoformat(),
                        year_9_on=date(today.year + 9, 1, 1).isoformat())


def _rule(field: str, value: str) -> Problem | None:
    if field == "email":
        return rules.email_problem(rules.normalize_email(value))
    if field == "phone":
        return rules.phone_problem(value)
    if field == "citizenship":
        return citizenship_problem(value)
    if field == "date_of_birth":
        return rules.birth_date_problem(date.fromisoformat(value), today=date.today())
    if field == "passport_expiry":
        return rules.passport_expiry_problem(date.fromisoformat(value), today=date.today())
    return rules.passport_number_problem(rules.normalize_passport_number(value))


def _dialog(qtbot, field: str, value: str) -> AttendeeDialog:
    dialog = AttendeeDialog([], mission_end=TODAY + timedelta(days=30), countries={"JP", "US"})
    qtbot.addWidget(dialog)
    dialog.fields["family_name"].setText("Yamada")
    dialog.fields["given_name"].setText("Taro")
    if field == "citizenship":
        dialog.citizenship.setCurrentText(value)
    elif field in ("date_of_birth", "passport_expiry"):
        getattr(dialog, field).setText(value)
    else:
        dialog.fields[field].setText(value)
    return dialog


@pytest.mark.parametrize(("field", "value", "problem"), CASES, ids=IDS)
def test_models_the_roster_import_and_the_dialog_agree(qtbot, tmp_path, field, value, problem):
    value = _dated(value)
    assert _rule(field, value) == problem

    header = HEADERS[field]
    (row,) = rows_of(write_roster(tmp_path / "r.xlsx", ["Name", header],
                                  [["Taro Yamada", value]]))
    if problem is None:
        assert header not in errors_of(row), errors_of(row)
    else:
        assert errors_of(row).get(header) == _(REASONS[problem])

    errors, _warnings = _dialog(qtbot, field, value).check()
    if problem is None:
        assert field not in errors, errors
    else:
        words = not_a_phone() if problem is Problem.PHONE_INVALID else _(MESSAGES[problem])
        assert errors.get(field) == words


@pytest.mark.parametrize(("field", "value", "stored"), [
    ("email", "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", "taro@example.jp"),
    ("email", "mailto:taro@example.jp", "taro@example.jp"),
    ("citizenship", "日本", "JP"),
    ("citizenship", "アメリカ", "US"),
    ("citizenship", "ng", "NG"),
    ("passport_number", "tk 123 4567", "TK1234567"),
])
def test_a_good_value_is_stored_the_same_from_a_roster_and_from_the_dialog(
        qtbot, tmp_path, field, value, stored):
    (row,) = rows_of(write_roster(tmp_path / "r.xlsx", ["Name", HEADERS[field]],
                                  [["Taro Yamada", value]]))
    assert row.values[field] == stored
    assert _dialog(qtbot, field, value).attendee().person[field] == stored


def test_every_problem_has_words_in_each_caller_and_in_japanese():
    attendee_problems = set(Problem) - {Problem.MISSION_CODE_MISSING,
                                        Problem.MISSION_CODE_SHAPE}
    assert set(REASONS) == attendee_problems
    assert set(MESSAGES) | {Problem.PHONE_INVALID} == attendee_problems
    import i18n

    i18n.set_language("ja")
    for words in (*REASONS.values(), *MESSAGES.values()):
        assert _(words) != words, words


def test_every_old_roster_name_of_a_country_still_reads_the_same():
    old = {"JP": ["Japan", "Japanese", "日本", "日本国", "JPN", "ニッポン"],
           "US": ["USA", "US", "U.S.", "U.S.A.", "United States", "United States of America",
                  "America", "American", "米国", "アメリカ", "アメリカ合衆国", "合衆国"],
           "GB": ["United Kingdom", "UK", "Great Britain", "British", "GBR", "英国", "イギリス"],
           "KR": ["Korea", "South Korea", "Republic of Korea", "Korean", "KOR", "韓国"],
           "CN": ["China", "Chinese", "CHN", "中国", "中華人民共和国"], "TW": ["Taiwan", "台湾"]}
    assert {name: country_code(name) for names in old.values() for name in names} == {
        name: code for code, names in old.items() for name in names}
    assert country_code("JP — 日本") == "JP"          # the dialog's own display, in Japanese
    assert country_code("") == ""


MISSION = MissionRow(id=1, code="HKD-ALB-2026", title_en="Mission", title_ja="", start_date=TODAY,
                     end_date=TODAY + timedelta(days=6), home_tz="Asia/Tokyo", status="planning",
                     organizer_ids=())


@pytest.mark.parametrize(("code", "problem"), [
    ("", Problem.MISSION_CODE_MISSING),
    ("   ", Problem.MISSION_CODE_MISSING),
    ("H", Problem.MISSION_CODE_SHAPE),
    ("HKD ALB 2027", Problem.MISSION_CODE_SHAPE),
    ("-HKD", Problem.MISSION_CODE_SHAPE),
    ("ＨＫＤ-ＡＬＢ-２０２７", Problem.MISSION_CODE_SHAPE),
    ("X" * 41, Problem.MISSION_CODE_SHAPE),
    ("HKD-ALB-2027", None),
    ("hkd_alb_2027", None),
])
def test_the_mission_dialog_and_the_duplicate_dialog_word_one_code_rule(qtbot, code, problem):
    assert rules.mission_code_problem(code) == problem
    mission_dialog = MissionDialog([], code_taken=lambda _c: False)
    duplicate = DuplicateDialog(MISSION, code_taken=lambda _c: False)
    qtbot.addWidget(mission_dialog)
    qtbot.addWidget(duplicate)
    mission_dialog.code.setText(code)
    duplicate.code_edit.setText(code)
    said = mission_dialog.validate().get("code", "")
    assert said == duplicate.check()
    assert bool(said) == (problem is not None)
    taken = DuplicateDialog(MISSION, code_taken=lambda _c: True)
    qtbot.addWidget(taken)
    taken.code_edit.setText(code)
    assert taken.check() == said or (problem is None and "already" in taken.check())


def test_the_command_line_refuses_both_addresses_in_the_words_of_the_import(tmp_path, capsys):
    import main

    path = write_roster(tmp_path / "r.xlsx", ["Name", "E-mail", "Date of birth"], [
        ["Taro Yamada", "a@b.c", "1975-04-15"],
        ["Hanako Sato", "a@b..jp", "1980-01-02"],
        ["Ken Ito", "ken@example.jp", _dated("{tomorrow}")],
    ])
    code = main.main(["--db", str(tmp_path / "k.db"), "--lang", "ja", "import-attendees",
                      "HKD-ALB-2026", str(path), "--dry-run"])
    err = capsys.readouterr().err
    assert code == main.EXIT_BAD_INPUT and "Traceback" not in err
    import i18n

    i18n.set_language("ja")
    for row, column, problem in ((4, "E-mail", Problem.EMAIL_SHORT_TLD),
                                 (5, "E-mail", Problem.EMAIL_DOUBLE_DOT),
                                 (6, "Date of birth", Problem.BIRTH_IN_FUTURE)):
        line = _("row {row}, column {column}: {reason}").format(
            row=row, column=column, reason=_(REASONS[problem]))
        assert line in err.splitlines()
    assert "メールアドレスではありません（1文字で終わるドメインはありません）" in err
