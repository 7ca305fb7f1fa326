"""The passport's issue date (issue 13 item 7): stored, entered, imported, and held to the rules:
issued on a day that has come and after the holder's birth, and never after the expiry."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook

from documents.roster.reader import read_roster
from models import attendees as att
from models import rules
from models.rules import Problem
from models.store.db import read_session, write_session
from models.store.errors import InvalidInput

pytestmark = pytest.mark.both_engines    # SQLite and PostgreSQL (tests/conftest.py)

TODAY = date(2026, 12, 1)


def test_an_issue_date_to_come_or_before_the_birth_is_refused():
    born = date(1980, 5, 1)
    assert rules.passport_issue_problem(date(2027, 1, 1), today=TODAY) == \
        Problem.PASSPORT_ISSUE_IMPLAUSIBLE
    assert rules.passport_issue_problem(date(1979, 1, 1), today=TODAY, born=born) == \
        Problem.PASSPORT_ISSUE_IMPLAUSIBLE
    assert rules.passport_issue_problem(date(2020, 3, 1), today=TODAY, born=born) is None
    person = {"family_name": "Sato", "date_of_birth": born, "passport_issued": date(2024, 4, 1),
              "passport_expiry": date(2024, 3, 1)}
    assert dict(rules.person_problems(person, today=TODAY)) == {
        "passport_expiry": Problem.PASSPORT_EXPIRY_BEFORE_ISSUE}


def test_models_store_the_issue_date_and_refuse_an_expiry_before_it(demo_db):
    with write_session(demo_db.engine) as session:
        pid = att.add_attendee(session, mission_id=1, data=att.AttendeeData(person={
            "family_name": "Sato", "passport_issued": date(2021, 6, 1),
            "passport_expiry": date(2031, 6, 1)}))
    with read_session(demo_db.engine) as session:
        assert att.get_attendee(session, participant_id=pid).person["passport_issued"] == \
            date(2021, 6, 1)
    with pytest.raises(InvalidInput), write_session(demo_db.engine) as session:
        att.add_attendee(session, mission_id=1, data=att.AttendeeData(person={
            "family_name": "Swap", "passport_issued": date(2021, 6, 1),
            "passport_expiry": date(2020, 6, 1)}))


def test_the_roster_reads_the_issue_date_and_says_when_the_expiry_comes_before_it(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Family name", "Given name", "旅券発行日", "Passport expiry"])
    ws.append(["Sato", "Ken", date(2022, 2, 1), date(2032, 2, 1)])
    ws.append(["Ito", "Aya", date(2022, 2, 1), date(2021, 2, 1)])
    path = tmp_path / "roster.xlsx"
    wb.save(path)
    good, swapped = read_roster(path).rows
    assert good.values["passport_issued"] == date(2022, 2, 1) and not good.errors
    assert [label for label, _reason in swapped.errors] == ["Passport expiry"]
