"""A person's sex (F, M, X as the passport prints it, optional): read from rosters in both
languages, entered in the attendee dialog, stored as a code, carried by mission files and
backups, printed only for a site that asks for it (never on a rooming list), and used to pair
rooms by organization and sex."""

from __future__ import annotations

import sqlite3

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update

import i18n
from documents.mission_file import open_mission_file, save_mission_file
from documents.workbook.for_receiver import export_for
from models.attendees import checked_person
from models.demo import DEMO_CODE
from models.entities import Participant, Person, Site
from models.room_plan import PlanGuest, propose_rooms
from models.store.backup import make_backup
from models.store.db import read_session, write_session
from models.store.errors import InvalidInput
from tests.conftest import copy_template
from tests.test_roster_import import errors_of, rows_of, write_roster


def _set_sexes(db, sexes: dict[str, str]) -> None:
    """Family name -> code, on the demo's people."""
    with write_session(db.engine) as session:
        for family, code in sexes.items():
            session.execute(update(Person).where(Person.family_name == family).values(sex=code))


@pytest.mark.parametrize("header", ["性別", "Sex", "Gender", "男女"])
def test_a_roster_gives_codes_in_both_languages_and_leaves_out_what_is_none(tmp_path, header):
    path = write_roster(tmp_path / "r.xlsx", ["Name", header], [
        ["Taro Yamada", "男"], ["Hanako Sato", "女性"], ["Sarah Miller", "F"],
        ["John Smith", "Male"], ["Alex Kim", "x"], ["Ken Ito", "?"], ["Mai Abe", ""]])
    rows = rows_of(path)
    assert [r.values.get("sex", "") for r in rows] == ["M", "F", "F", "M", "X", "", ""]
    assert not any(errors_of(r) for r in rows)
    assert any("not F, M or X" in w for _c, w in rows[5].warnings)     # said, not stopped


def test_only_a_code_is_stored():
    assert checked_person({"family_name": "Sato", "sex": "F"})["sex"] == "F"
    with pytest.raises(InvalidInput) as refused:
        checked_person({"family_name": "Sato", "sex": "female"})
    assert refused.value.fields == ["sex"]
    assert refused.value.user_message() == (
        "The attendee was not saved: check the sex (F, M or X).")


def test_the_attendee_dialog_offers_the_codes_in_words_and_keeps_the_choice(qtbot):
    from datetime import date

    from models.attendees import AttendeeData
    from ui.attendees.attendee_dialog import AttendeeDialog
    for language, words in (("en", ["Not given", "Female", "Male", "X (unspecified)"]),
                            ("ja", ["未記入", "女性", "男性", "X（指定なし）"])):
        i18n.set_language(language)
        dialog = AttendeeDialog([], mission_end=date(2026, 12, 13), countries={"JP"},
                                data=AttendeeData(person={"family_name": "Sato", "sex": "F"}))
        qtbot.addWidget(dialog)
        assert [dialog.sex.itemText(i) for i in range(dialog.sex.count())] == words
        assert dialog.sex.currentData() == "F" and not dialog.has_changes()
        dialog.sex.setCurrentIndex(dialog.sex.findData("M"))
        assert dialog.attendee().person["sex"] == "M" and dialog.has_changes()
        dialog.sex.setCurrentIndex(0)
        assert dialog.attendee().person["sex"] == ""


def test_rooms_pair_by_organization_and_sex_where_known():
    guests = [PlanGuest(1, "delegate", 10, "F"), PlanGuest(2, "delegate", 10, "M"),
              PlanGuest(3, "delegate", 10, "F"), PlanGuest(4, "delegate", 10, "M"),
              PlanGuest(5, "delegate", 10, ""), PlanGuest(6, "delegate", 10, ""),
              PlanGuest(7, "head", 10, "F")]
    rooms = {(r.room_type, r.guest_ids) for r in propose_rooms(item_id=1, guests=guests)}
    assert rooms == {("twin", (1, 3)), ("twin", (2, 4)), ("twin", (5, 6)), ("single", (7,))}


def test_the_assign_dialog_pairs_by_sex_and_names_those_without_one(qtbot, window):
    from models import lodging
    from tests.dialogs import when_modal
    from ui.lodging.assign_rooms import AssignRoomsDialog

    with write_session(window.db.engine) as session:
        stay = next(s for s in lodging.rooming_list(session, mission_id=window.mission_id)
                    if s.item_id == 19)
        for room in stay.nights[0].rooms:
            lodging.delete_room(session, room_id=room.id)
        ids = session.execute(select(Participant.id, Person.id, Person.organization_id).join(
            Person, Person.id == Participant.person_id).where(
            Participant.mission_id == window.mission_id).order_by(Person.organization_id)).all()
        sexes, seen_in = {}, {}
        for pid, person_id, org in ids:     # in each organization F, M, blank, M, F, ...
            n = seen_in[org] = seen_in.get(org, -1) + 1
            code = "" if n == 2 else ("F", "M")[n % 2]
            sexes[pid] = code
            session.execute(update(Person).where(Person.id == person_id).values(sex=code))
    window.tabs.setCurrentWidget(window.lodging_tab)
    window.lodging_tab.refresher.flush()
    window.lodging_tab.select_stay(19)
    seen = {}

    def look(dialog):
        seen["rooms"], seen["note"] = list(dialog.rooms), dialog.note.text()
        dialog.reject()

    when_modal(look, AssignRoomsDialog)
    window.lodging_tab.assign_button.click()
    twins = [r.guest_ids for r in seen["rooms"] if len(r.guest_ids) == 2]
    assert twins and all(sexes[a] == sexes[b] for a, b in twins)
    assert "no sex recorded" in seen["note"] and "organization and sex" in seen["note"]


def test_a_rooming_list_never_prints_it_and_a_site_that_asks_gets_it(demo_db, tmp_path):
    _set_sexes(demo_db, {"Miller": "F", "Takahashi": "M"})
    for language in ("en", "ja"):
        path = tmp_path / f"hotel-{language}.xlsx"
        export_for(demo_db.engine, code=DEMO_CODE, kind="hotel", name="sapporo", path=path,
                   language=language)
        text = "\n".join(str(c.value) for ws in load_workbook(path) for row in ws.iter_rows()
                         for c in row if c.value is not None)
        assert not {"Sex", "性別", "Female", "Male", "女性", "男性"} & set(text.split("\n"))
        assert "MILLER SARAH" in text                 # the list itself is there
    with write_session(demo_db.engine) as session:
        session.execute(update(Site).where(Site.name_en == "Albany NanoTech Complex").values(
            required_fields="full_legal_name,sex"))
    path = tmp_path / "site.xlsx"
    export_for(demo_db.engine, code=DEMO_CODE, kind="site",
               name="albany nanotech complex (albany", path=path, language="en")
    ws = load_workbook(path).active
    header = [c.value for c in ws[2]]
    assert "Sex" in header
    column = header.index("Sex")
    values = {r[column].value for r in ws.iter_rows(min_row=3)}
    assert "Female" in values and not {"F", "M"} & values        # words, not codes


def test_mission_files_and_backups_keep_it(demo_db, tmp_path, db_templates):
    _set_sexes(demo_db, {"Miller": "F", "Takahashi": "M"})
    path = tmp_path / "m.kakehashi"
    save_mission_file(demo_db.engine, code=DEMO_CODE, path=path, sensitive=False)
    other = copy_template(db_templates, "empty", tmp_path / "other.db")
    try:
        open_mission_file(other.engine, path=path)
        with read_session(other.engine) as session:
            got = dict(session.execute(select(Person.family_name, Person.sex).where(
                Person.sex != "")).all())
    finally:
        other.dispose()
    assert got == {"Miller": "F", "Takahashi": "M"}       # the receiving organizer pairs rooms
    backup = make_backup(demo_db.path, tmp_path / "backup.db")
    with sqlite3.connect(backup) as conn:
        kept = dict(conn.execute("SELECT family_name, sex FROM person WHERE sex != ''"))
    assert kept == {"Miller": "F", "Takahashi": "M"}
