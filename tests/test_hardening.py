"""Every traceback of the attack a message (issue 13 item 7) and clean text (item 6): the
command line's odd arguments and files, a failed creation, implausible dates and invisible
characters, each refused or cleaned by the one rule in models.rules."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import date

import pytest
from sqlalchemy import event

from i18n.formatting import fold_kana
from models import attendees as att
from models import repository as repo
from models import rules
from models.organization_names import lookup_keys, name_index, split_aliases
from models.rules import Problem
from models.store.db import open_database, read_session, write_session
from models.store.errors import InvalidInput
from tests.conftest import run_cli

pytestmark = pytest.mark.both_engines    # SQLite and PostgreSQL (tests/conftest.py)

TODAY = date(2026, 12, 1)


def test_an_empty_db_option_is_a_usage_error_not_the_default_database(tmp_path):
    result = run_cli("--db", "", "missions")
    assert result.returncode == 2 and "--db needs a file name" in result.stderr
    result = run_cli("missions", "--db", "  ")
    assert result.returncode == 2


@pytest.mark.file_only
def test_a_device_or_an_unknown_schema_label_is_a_message(tmp_path, demo_db):
    result = run_cli("missions", "--db", "/dev/null")
    assert result.returncode == 1 and "not a Kakehashi database" in result.stderr
    demo_db.dispose()
    with sqlite3.connect(demo_db.path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0004x'")
    result = run_cli("missions", "--db", str(demo_db.path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "not a Kakehashi database" in result.stderr


@pytest.mark.file_only
@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_backup_out_refuses_to_replace_a_read_only_file(tmp_path, demo_db):
    target = tmp_path / "keep.db"
    target.write_bytes(b"someone else's file")
    target.chmod(stat.S_IRUSR)
    result = run_cli("backup", "--out", str(target), "--db", str(demo_db.path))
    assert result.returncode == 1 and "read-only" in result.stderr
    assert target.read_bytes() == b"someone else's file"
    assert run_cli("backup", "--out", str(tmp_path), "--db", str(demo_db.path)).returncode == 1


def test_a_failed_creation_leaves_no_file(tmp_path):
    # SQLite's page limit gives the SQLITE_FULL a full disk does, while the schema is made.
    import models.store.db as db_module

    real = db_module.make_engine

    def tiny(path, **kwargs):
        engine = real(path, **kwargs)
        event.listen(engine, "connect",
                     lambda c, _r: c.execute("PRAGMA max_page_count=3"))
        return engine

    path = tmp_path / "new.db"
    db_module.make_engine = tiny
    try:
        with pytest.raises(Exception) as caught:
            open_database(path)
    finally:
        db_module.make_engine = real
    assert "full" in caught.value.user_message()
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    # An existing empty file someone made is not ours to remove.
    path.touch()
    db = open_database(path)
    assert db.created
    db.dispose()


@pytest.mark.parametrize(("born", "problem"), [
    (date(1, 1, 1), Problem.BIRTH_TOO_OLD), (date(1899, 12, 31), Problem.BIRTH_TOO_OLD),
    (date(2087, 1, 1), Problem.BIRTH_IN_FUTURE), (date(1975, 4, 12), None)])
def test_implausible_birth_dates_are_one_rule(born, problem):
    assert rules.birth_date_problem(born, today=TODAY) == problem
    # 1,900 years ahead, the 120-year rule still refuses year 1 (and 1900 is the floor).
    assert rules.birth_date_problem(date(1899, 1, 1), today=date(1990, 1, 1)) == \
        Problem.BIRTH_TOO_OLD


def test_a_passport_cannot_expire_before_its_issue_or_its_holders_birth():
    born = date(1990, 5, 1)
    assert rules.passport_expiry_problem(date(1989, 1, 1), today=TODAY, born=born) == \
        Problem.PASSPORT_EXPIRY_BEFORE_ISSUE
    assert rules.passport_expiry_problem(date(2020, 1, 1), today=TODAY,
                                         issued=date(2021, 1, 1)) == \
        Problem.PASSPORT_EXPIRY_BEFORE_ISSUE
    assert rules.passport_expiry_problem(date(2030, 1, 1), today=TODAY, born=born) is None


def test_japanese_punctuation_is_kept_as_typed_and_still_matches_in_either_width(demo_db):
    """NFKC made 日本貿易振興機構（ジェトロ） into 日本貿易振興機構(ジェトロ), in the window and in
    every document; letters, digits and half-width katakana are still folded."""
    assert rules.clean("部長（技術担当）：営業～") == "部長（技術担当）：営業～"
    assert rules.clean("ＴＥＬ（ﾃｸﾉﾛｼﾞｰ）１号") == "TEL（テクノロジー）1号"
    assert rules.clean("Tokyo Electron (TEL)") == "Tokyo Electron (TEL)"
    # An address is folded in full: ！ in one is the ! it was typed for.
    wide = "ｔａｒｏ！ｙ＠ｅｘａｍｐｌｅ．ｊｐ"
    assert rules.normalize_email(wide) == "taro!y@example.jp"
    assert rules.email_key(wide) == rules.email_key("taro!y@example.jp")
    with read_session(demo_db.engine) as session:
        orgs = repo.list_organizations(session)
    jetro = next(o for o in orgs if "JETRO" in o.name_en)
    assert jetro.name_ja == "日本貿易振興機構（ジェトロ）"       # the demo file's own text
    # Found as before from a roster or a filter that has the other width.
    index = name_index((o.id, o.name_en, o.name_ja, o.aliases) for o in orgs)
    assert {index.get(k) for k in lookup_keys("日本貿易振興機構(ジェトロ)")} & {jetro.id}
    assert index.get(lookup_keys("ジェトロ")[0]) == jetro.id
    assert fold_kana("(ジェトロ)") in fold_kana(jetro.name_ja)
    assert split_aliases("ジェトロ（東京）；ＪＥＴＲＯ") == ["ジェトロ（東京）", "JETRO"]


def test_models_refuse_what_the_rules_refuse_whatever_the_caller(demo_db):
    for person in ({"family_name": "Old", "date_of_birth": date(1, 1, 1)},
                   {"family_name": "Future", "date_of_birth": date(2087, 1, 1)},
                   {"family_name": "Swap", "date_of_birth": date(1990, 1, 1),
                    "passport_expiry": date(1980, 1, 1)},
                   {"family_name": "\u200b\u200d\ufeff"}):
        with pytest.raises(InvalidInput) as caught, write_session(demo_db.engine) as session:
            att.add_attendee(session, mission_id=1, data=att.AttendeeData(person=person))
        assert "not saved" in caught.value.user_message()


def test_zero_width_and_control_characters_are_gone_before_compare_and_store(demo_db):
    assert rules.clean("Ta\u200bro\u0007 ") == "Taro"
    assert rules.clean("ＹＡＭＡＤＡ\ufeff") == "YAMADA"
    assert rules.clean("line one\nline two") == "line one\nline two"
    assert rules.email_key("taro\u200b@example.jp") == rules.email_key("TARO@example.jp")
    with write_session(demo_db.engine) as session:
        pid = att.add_attendee(session, mission_id=1, data=att.AttendeeData(person={
            "family_name": "Ya\u200bmada", "given_name": "Ta\u2060ro",
            "email": "yamada\u200b@example.jp", "notes": "window\nseat"}))
    with read_session(demo_db.engine) as session:
        person = att.get_attendee(session, participant_id=pid).person
        dupes = att.find_duplicates(session, mission_id=1, family="Yamada", given="Taro",
                                    email="yamada@example.jp")
    assert (person["family_name"], person["given_name"], person["email"]) == (
        "Yamada", "Taro", "yamada@example.jp")
    assert person["notes"] == "window\nseat"
    assert dupes


def test_a_roster_with_a_zero_width_twin_updates_instead_of_adding(tmp_path, demo_db):
    from openpyxl import Workbook

    with read_session(demo_db.engine) as session:
        first = att.get_attendee(session, participant_id=1).person
    wb = Workbook()
    ws = wb.active
    ws.append(["Family name", "Given name", "E-mail"])
    email = first["email"]
    ws.append([first["family_name"], first["given_name"], email[:2] + "\u200b" + email[2:]])
    ws.append(["\u200b", "Nobody", "nobody@example.jp"])     # empty once cleaned
    wb.save(tmp_path / "twin.xlsx")
    result = run_cli("import-attendees", "HKD-ALB-2026", str(tmp_path / "twin.xlsx"),
                     "--db", demo_db.location, "--dry-run")
    assert "row 3" in result.stderr and result.returncode == 1
    result = run_cli("import-attendees", "HKD-ALB-2026", str(tmp_path / "twin.xlsx"),
                     "--db", demo_db.location, "--skip-errors")
    assert result.returncode == 0, result.stderr
    assert "0 new, 1 updated" in result.stdout and "(left out)" in result.stdout
