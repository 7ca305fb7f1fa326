"""A mission code is found whatever its case and width, by every verb and by the dialogs' "code
taken" check: one lookup, models.repository.find_mission_by_code."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

import main
from models import repository as repo
from models.store.db import read_session
from tests.test_roster_import import write_roster

pytestmark = pytest.mark.both_engines    # SQLite and PostgreSQL (tests/conftest.py)

SPELLINGS = ["HKD-ALB-2026", "hkd-alb-2026", "ＨＫＤ-ＡＬＢ-２０２６", " Hkd-Alb-2026 "]


@pytest.mark.parametrize("code", SPELLINGS)
def test_every_spelling_of_the_demo_code_finds_the_demo_mission(demo_db, code):
    with read_session(demo_db.engine) as session:
        found = repo.find_mission_by_code(session, code=code)
        assert found is not None and found.code == "HKD-ALB-2026"
        assert repo.code_in_use(session, code=code)
        assert not repo.code_in_use(session, code=code, except_id=found.id)
        assert repo.find_mission_by_code(session, code="HKD-ALB-2027") is None


@pytest.mark.parametrize("code", ["hkd-alb-2026", "ＨＫＤ-ＡＬＢ-２０２６"])
def test_export_finds_the_mission_in_any_case_and_width(tmp_path, capsys, code):
    out = tmp_path / "out.xlsx"
    result = main.main(["--db", str(tmp_path / "k.db"), "export", code, "--out", str(out)])
    printed = capsys.readouterr()
    assert result == main.EXIT_OK, printed.err
    assert str(out) in printed.out
    assert "HKD-ALB-2026" in load_workbook(out).properties.keywords


@pytest.mark.parametrize("code", ["hkd-alb-2026", "ＨＫＤ-ＡＬＢ-２０２６"])
def test_readiness_and_import_find_the_mission_in_any_case_and_width(tmp_path, capsys, code):
    db = str(tmp_path / "k.db")
    assert main.main(["--db", db, "readiness", code]) == main.EXIT_OK, capsys.readouterr().err
    assert capsys.readouterr().out.strip()
    roster = write_roster(tmp_path / "r.xlsx", ["Name", "E-mail"],
                          [["Jane Smith", "jane@example.com"]])
    result = main.main(["--db", db, "import-attendees", code, str(roster), "--dry-run"])
    printed = capsys.readouterr()
    assert result == main.EXIT_OK, printed.err
    assert "1 new, 0 updated" in printed.out


def test_an_unknown_code_is_still_a_clear_message_in_every_verb(tmp_path, capsys):
    db = str(tmp_path / "k.db")
    for argv in (["export", "ＨＫＤ-ＡＬＢ-２０２７", "--out", str(tmp_path / "o.xlsx")],
                 ["readiness", "hkd-alb-2027"]):
        assert main.main(["--db", db, *argv]) == main.EXIT_BAD_INPUT
        err = capsys.readouterr().err
        assert "No mission has the code" in err and "Traceback" not in err


def test_one_spelling_of_an_address_finds_the_same_person_everywhere(demo_db, tmp_path, capsys):
    from models import attendees as att
    from models.rules import email_key

    spelled = "mailto:Ｍ.ＴＡＫＡＨＡＳＨＩ＠jetro.example.jp"
    assert email_key(spelled) == email_key("m.takahashi@jetro.example.jp")
    with read_session(demo_db.engine) as session:
        mission = repo.find_mission_by_code(session, code="HKD-ALB-2026")
        assert att.find_duplicates(session, mission_id=mission.id, family="Other",
                                   given="Person", email=spelled)
    out = tmp_path / "mine.xlsx"
    assert main.main(["--db", demo_db.location, "export", "hkd-alb-2026", "--person", spelled,
                      "--out", str(out)]) == main.EXIT_OK, capsys.readouterr().err
    assert out.exists()
