"""File > Duplicate mission: a new code and first day, local times kept, the copy selected, and
undo deletes it."""

from __future__ import annotations

from datetime import date

import pytest

from models import repository as repo
from models.store.db import read_session
from models.times import to_local
from tests.demo_today import fix_today
from tests.dialogs import when_modal
from tests.test_window import switch_language


@pytest.fixture(autouse=True)
def demo_today(monkeypatch, window):
    fix_today(monkeypatch, window)


def albany_visit(window, code: str):
    with read_session(window.db.engine) as session:
        mission = repo.get_mission_by_code(session, code=code)
        return next(i for i in repo.list_items(session, mission_id=mission.id)
                    if i.title_en == "Site visit: Albany NanoTech Complex")


def test_the_dialog_suggests_next_year_and_refuses_a_taken_code(qtbot, window):
    seen = {}

    def look(dialog):
        seen["code"] = dialog.code()
        seen["start"] = dialog.start()
        seen["end"] = dialog.end.text()
        dialog.code_edit.setText("HKD-ALB-2026")
        dialog.accept()
        seen["error"] = dialog.error.text()
        dialog.reject()

    when_modal(look)
    window.mission_actions.act_duplicate.trigger()
    assert seen["code"] == "HKD-ALB-2027"
    assert seen["start"] == date(2027, 12, 6)          # 52 weeks on: a Monday again
    assert seen["end"].startswith("Sun, Dec 12, 2027 (7 days")
    assert seen["error"] == "Another mission already has this code."
    assert window.mission_list.count() == 1


def test_a_duplicate_keeps_local_times_is_selected_and_undone(qtbot, window):
    def fill(dialog):
        dialog.code_edit.setText("HKD-ALB-2027")
        dialog.start_edit.set_value(date(2027, 11, 8))   # Albany after the clocks went back
        dialog.people.setChecked(False)
        dialog.accept()

    when_modal(fill)
    window.mission_actions.act_duplicate.trigger()
    assert window.current_mission().code == "HKD-ALB-2027"
    assert window.current_mission().end_date == date(2027, 11, 14)
    assert window.mission_list.currentItem().text().startswith("HKD-ALB-2027")
    visit = albany_visit(window, "HKD-ALB-2027")
    local = to_local(visit.start_utc, visit.start_tz)
    assert (local.date(), local.hour, local.minute) == (date(2027, 11, 11), 9, 0)
    assert window.attendee_model.rowCount() == 0                 # people not copied
    assert window.act_undo.text() == "&Undo: Duplicate mission as HKD-ALB-2027"
    window.act_undo.trigger()
    assert window.mission_list.count() == 1
    assert window.current_mission().code == "HKD-ALB-2026"
    window.act_redo.trigger()
    assert window.current_mission().code == "HKD-ALB-2027"
    assert to_local(albany_visit(window, "HKD-ALB-2027").start_utc, "America/New_York").hour == 9


def test_the_copy_with_people_brings_the_attendees_invited_again(qtbot, window):
    def fill(dialog):
        dialog.code_edit.setText("HKD-ALB-2027")
        dialog.accept()

    when_modal(fill)
    window.mission_actions.act_duplicate.trigger()
    window.tabs.setCurrentWidget(window.attendees)
    rows = window.attendee_model.rows()
    assert len(rows) == 21 and {r.status for r in rows} == {"invited"}


def test_the_dialog_speaks_japanese(qtbot, window):
    switch_language(qtbot, window, "ja")
    seen = {}

    def look(dialog):
        seen["title"] = dialog.windowTitle()
        seen["end"] = dialog.end.text()
        dialog.reject()

    when_modal(look)
    window.mission_actions.act_duplicate.trigger()
    assert window.mission_actions.act_duplicate.text() == "ミッションを複製(&U)…"
    assert seen["title"] == "ミッションの複製"
    assert seen["end"].startswith("2027年12月12日(日)")
