"""`main.py import-attendees CODE FILE.xlsx [--dry-run]`, run as a user runs it, on real files."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from models import repository as repo
from models.entities import Organization, Person
from models.store.db import open_database, read_session
from tests.conftest import run_cli
from tests.test_roster_import import OLE2_MAGIC, write_huge, write_roster

CODE = "HKD-ALB-2026"
HEADER = ["Family name", "Given name", "氏名", "フリガナ", "Organization", "Title", "E-mail",
          "Mobile", "Nationality", "Role", "Dietary", "Notes", "Passport expiry"]
LONG_GIVEN = "Maria-" + "Alejandra" * 33                       # 303 characters
ROWS = [
    ["Smith", LONG_GIVEN, "", "", "Acme Widgets", "مدير المشروع", "a@example.com",
     "+81 90-1234-5678", "USA", "通訳", "=1+1", "@SUM(A1)", "2030/1/31"],
    ["O'Neil", "Zoë 😀", "", "", "Rapidus", "=1+1", "b@example.com", 9012345678, "Japan",
     "Speaker", "🍣🥜 no shellfish 🦐", "+81 90-1234-5678", "２０３１年２月３日"],
    ["", "", "本間　太郎", "ホンマ　タロウ", "北海道庁", "部長", "", "03-5572-1111", "日本", "団長",
     "", "", ""],
]


@pytest.fixture(params=["sqlite", "postgresql"])
def db_path(request, tmp_path):
    """A file made with the demo by a first verb, or a server database holding the demo."""
    if request.param == "postgresql":
        return request.getfixturevalue("pg_server").new_database("template_demo")
    path = tmp_path / "k.db"
    assert run_cli("--db", str(path), "missions").returncode == 0  # demo
    return path


def attendees(path):
    db = open_database(path)
    try:
        with read_session(db.engine) as session:
            mission = repo.get_mission_by_code(session, code=CODE)
            return repo.list_attendees(session, mission_id=mission.id)
    finally:
        db.dispose()


def person_by(path, **where):
    db = open_database(path)
    try:
        with read_session(db.engine) as session:
            query = select(Person, Organization).join(
                Organization, Organization.id == Person.organization_id, isouter=True)
            for name, value in where.items():
                query = query.where(getattr(Person, name) == value)
            return session.exec(query).one()
    finally:
        db.dispose()


def import_(db_path, file, *extra):
    return run_cli("--db", str(db_path), "import-attendees", CODE, str(file), *extra)


def test_an_import_writes_every_value_exactly_and_a_reimport_updates(db_path, tmp_path):
    roster = write_roster(tmp_path / "roster.xlsx", HEADER, ROWS)
    before = len(attendees(db_path))
    result = import_(db_path, roster)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "3 new, 0 updated"
    assert len(attendees(db_path)) == before + 3

    smith, org = person_by(db_path, email="a@example.com")
    assert (smith.family_name, smith.given_name) == ("Smith", LONG_GIVEN)
    assert smith.title_en == "مدير المشروع" and smith.dietary == "=1+1"
    assert smith.notes == "@SUM(A1)" and smith.phone == "+819012345678"
    assert smith.citizenship == "US" and smith.passport_expiry == date(2030, 1, 31)
    assert org.name_en == "Acme Widgets" and smith.latin_unconfirmed is False
    oneil, org = person_by(db_path, email="b@example.com")
    assert (oneil.family_name, oneil.given_name, oneil.title_en) == ("O'Neil", "Zoë 😀", "=1+1")
    assert oneil.dietary == "🍣🥜 no shellfish 🦐" and oneil.notes == "+81 90-1234-5678"
    # "Rapidus" is the demo's Rapidus Corporation (a legal form left out), not a new one.
    assert oneil.phone == "+819012345678" and org.name_en == "Rapidus Corporation"
    homma, org = person_by(db_path, family_name_ja="本間")
    assert (homma.family_name, homma.given_name, homma.latin_unconfirmed) == ("Homma", "Taro",
                                                                               True)
    assert (homma.family_kana, homma.title_ja, homma.phone) == ("ホンマ", "部長", "+81355721111")
    assert org.name_ja == "北海道庁"
    roles = {a.email or a.family_name: a.role for a in attendees(db_path)}
    assert roles["a@example.com"] == "interpreter" and roles["Homma"] == "head"

    again = import_(db_path, roster)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip().splitlines()[-1] == "0 new, 3 updated"
    assert len(attendees(db_path)) == before + 3


def test_a_dry_run_counts_and_writes_nothing(db_path, tmp_path):
    roster = write_roster(tmp_path / "roster.xlsx", HEADER, ROWS)
    before = attendees(db_path)
    result = import_(db_path, roster, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "3 new, 0 updated" in result.stdout and "Dry run" in result.stdout
    assert attendees(db_path) == before


def test_one_bad_row_means_nothing_is_written(db_path, tmp_path):
    rows = [*ROWS, ["Doe", "Jane", "", "", "", "", "jane@", "", "", "", "", "", "2026/02/30"]]
    roster = write_roster(tmp_path / "roster.xlsx", HEADER, rows)
    before = attendees(db_path)
    result = import_(db_path, roster)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert "row 7, column E-mail: not an e-mail address" in lines
    assert "row 7, column Passport expiry: not a real date" in lines
    assert lines[-1] == "1 row has errors, so nothing was imported."
    assert attendees(db_path) == before


def test_an_unknown_mission_or_a_bad_file_is_one_clear_line(db_path, tmp_path):
    roster = write_roster(tmp_path / "roster.xlsx", HEADER, ROWS)
    result = run_cli("--db", str(db_path), "import-attendees", "NO-SUCH", str(roster))
    assert result.returncode == 1 and result.stderr.strip() == "No mission has the code NO-SUCH."
    xls = tmp_path / "old.xls"
    xls.write_bytes(OLE2_MAGIC + bytes(2048))
    missing = tmp_path / "gone.xlsx"
    huge = write_huge(tmp_path / "huge.xlsx", 100_000)
    for path, words in ((xls, "save it as"), (missing, "not there any more"),
                        (huge, "more than 5000 rows")):
        result = import_(db_path, path)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_wrong_usage_exits_2(db_path, tmp_path):
    assert run_cli("--db", str(db_path), "import-attendees", CODE).returncode == 2


def test_row_messages_follow_the_language(db_path, tmp_path):
    roster = write_roster(tmp_path / "roster.xlsx", ["氏名", "メール"], [["Taro Yamada", "x@"]])
    result = run_cli("--db", str(db_path), "--lang", "ja", "import-attendees", CODE,
                     str(roster))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith("4 行目")
