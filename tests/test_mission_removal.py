"""Deleting a mission can be undone: every row comes back as it was, with its id; people in no
other mission leave with it (their personal data too); undo refuses, changing nothing, when
the mission's code or ids were taken meanwhile. Real files, the demo mission, the real window."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from models import repository as repo
from models.duplicate import duplicate_mission
from models.entities import Person
from models.mission_removal import CannotRestore, remove_mission, restore_mission
from models.store.db import read_session, write_session
from tests.conftest import every_row
from tests.dialogs import when_modal

pytestmark = pytest.mark.both_engines    # SQLite and PostgreSQL (tests/conftest.py)

CODE = "HKD-ALB-2026"


def dump(db) -> dict[str, list[tuple]]:
    return every_row(db.engine)


def mission_id(db, code: str = CODE) -> int:
    with read_session(db.engine) as session:
        return repo.get_mission_by_code(session, code=code).id


def test_a_removed_mission_comes_back_row_for_row(demo_db):
    before = dump(demo_db)
    assert before["room_guest"] and before["visit_clearance"] and before["item_participant"]
    with write_session(demo_db.engine) as session:
        removed = remove_mission(session, mission_id=mission_id(demo_db))
    gone = dump(demo_db)
    for table in ("mission", "participant", "itinerary_item", "room", "room_guest",
                  "visit_clearance", "item_participant", "mission_organizer", "person"):
        assert gone[table] == [], table
    assert gone["organization"] == before["organization"] and gone["site"] == before["site"]
    with write_session(demo_db.engine) as session:
        restore_mission(session, removed)
    assert dump(demo_db) == before


def test_people_in_another_mission_stay_and_the_others_personal_data_goes(demo_db):
    source = mission_id(demo_db)
    with write_session(demo_db.engine) as session:
        copy = duplicate_mission(session, mission_id=source, new_code="HKD-ALB-2027",
                                 new_start=date(2027, 12, 6), copy_people=True)
        person = repo.create_person(session, family_name="Solo", given_name="Only",
                                    passport_number="TZ9988776")
        repo.add_participant(session, mission_id=copy, person_id=person, role="delegate",
                             status="invited")
        people = len(repo.list_attendees(session, mission_id=source))
    with write_session(demo_db.engine) as session:
        repo.delete_mission(session, mission_id=copy)
    with read_session(demo_db.engine) as session:
        assert len(repo.list_attendees(session, mission_id=source)) == people
    with read_session(demo_db.engine) as session:
        assert session.execute(select(Person.id).where(
            Person.passport_number == "TZ9988776")).first() is None


def test_undo_refuses_when_the_code_was_taken_meanwhile_and_changes_nothing(demo_db):
    with write_session(demo_db.engine) as session:
        removed = remove_mission(session, mission_id=mission_id(demo_db))
    with write_session(demo_db.engine) as session:  # say, from another window
        repo.create_mission(session, code=CODE.lower(), title_en="Other", title_ja="",
                            start_date=date(2027, 1, 1), end_date=date(2027, 1, 2),
                            home_tz="UTC")
    before = dump(demo_db)
    with pytest.raises(CannotRestore) as raised, write_session(demo_db.engine) as session:
        restore_mission(session, removed)
    assert CODE in raised.value.user_message()
    assert dump(demo_db) == before


def test_an_organization_deleted_meanwhile_is_left_out_of_the_restored_mission(demo_db):
    with write_session(demo_db.engine) as session:
        removed = remove_mission(session, mission_id=mission_id(demo_db))
    with write_session(demo_db.engine) as session:
        org = next(o for o in repo.list_organizations(session)
                   if repo.organization_usage(session, organization_id=o.id) == (0, 0))
        repo.delete_organization(session, organization_id=org.id)
    with write_session(demo_db.engine) as session:
        mission = repo.get_mission(session, mission_id=restore_mission(session, removed))
        assert org.id not in mission.organizer_ids
        assert all(a.organization_id != org.id for a in repo.list_attendees(
            session, mission_id=mission.id))


def test_deleting_a_mission_in_the_window_is_undone_and_redone(qtbot, window):
    before = dump(window.db)
    seen = {}

    def confirm(box) -> None:
        seen["text"] = box.text()
        box.button(QMessageBox.StandardButton.Yes).click()

    when_modal(confirm)
    window.mission_actions.delete_mission()
    assert "Edit > Undo brings it back" in seen["text"]
    assert window.mission_list.count() == 0
    assert window.act_undo.text() == f"&Undo: Delete mission {CODE}"
    window.act_undo.trigger()
    assert window.current_mission().code == CODE
    window.tabs.setCurrentWidget(window.attendees)
    assert window.attendee_model.total_count() == len(before["participant"])
    assert dump(window.db) == before
    window.act_redo.trigger()
    assert window.mission_list.count() == 0
