"""The Lodging tab: hotel stays, their rooms (add, edit, delete with undo) and the rooming list
night by night, in both languages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from models import lodging
from models.store.db import read_session
from tests.demo_today import fix_today
from tests.dialogs import when_modal
from tests.tabs import on_tab
from tests.test_window import switch_language

window = on_tab("lodging_tab")


@pytest.fixture(autouse=True)
def demo_today(monkeypatch, window):
    fix_today(monkeypatch, window)


def choose_stay(window, prefix: str):
    tab = window.lodging_tab
    stay = next(s for s in tab.stays if s.title_en.startswith(prefix))
    assert tab.select_stay(stay.item_id)
    window.tabs.setCurrentWidget(tab)
    return stay


def choose_room(tab, label: str) -> int:
    row = next(r for r in range(tab.room_model.rowCount())
               if tab.room_model.row_at(r).label == label)
    tab.room_table.selectRow(row)
    return tab.room_model.row_at(row).id


def rooming(tab) -> list[tuple[str, str, str, str]]:
    model = tab.night_model
    return [tuple(model.index(r, c).data() for c in range(4)) for r in range(model.rowCount())]


def tick(dialog, *names: str) -> None:
    for i in range(dialog.guests.count()):
        item = dialog.guests.item(i)
        if item.text() in names:
            item.setCheckState(Qt.CheckState.Checked)


def test_the_stays_and_the_rooming_list_per_night_are_shown(window):
    tab = window.lodging_tab
    assert [s.title_en.split(" (")[0] for s in tab.stays] == [
        "Hotel: Sapporo Kitagate Hotel", "Hotel: Akasaka Hills Hotel Tokyo",
        "Hotel: Fuller Road Suites Albany"]
    choose_stay(window, "Hotel: Fuller Road")
    lines = rooming(tab)
    assert len(lines) == 3 * tab.room_model.rowCount()          # three nights, every room
    assert {line[0] for line in lines} == {"Wed, Dec 9", "Thu, Dec 10", "Fri, Dec 11"}
    assert ("Wed, Dec 9", "408", "Twin", "Shun Kimura and Kenji Sato") in lines


def test_a_room_for_two_guests_is_added_for_every_night_and_undone(qtbot, window):
    tab = window.lodging_tab
    choose_stay(window, "Hotel: Fuller Road")
    choose_room(tab, "408")
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    tab.delete_button.click()                    # frees Shun Kimura and Kenji Sato
    assert "Shun Kimura" in tab.unroomed.text()
    seen = {}

    def fill(dialog):
        tick(dialog, "Shun Kimura", "Kenji Sato", "Emi Kato (in room 410)")
        dialog.room_type.setCurrentIndex(dialog.room_type.findData("single"))
        dialog.accept()                          # two guests in a single room
        seen["error"] = dialog.error.text()
        dialog.room_type.setCurrentIndex(dialog.room_type.findData("twin"))
        dialog.room_label.setText("415")
        dialog.accept()

    when_modal(fill)
    tab.add_button.click()
    assert seen["error"] == "“Single” sleeps 1 guest; 2 are ticked."
    lines = [line for line in rooming(tab) if line[1] == "415"]
    assert lines == [(night, "415", "Twin", "Shun Kimura and Kenji Sato")
                     for night in ("Wed, Dec 9", "Thu, Dec 10", "Fri, Dec 11")]
    assert not tab.unroomed.isVisible()
    assert window.act_undo.text() == "&Undo: Add room 415"
    window.act_undo.trigger()
    assert not [line for line in rooming(tab) if line[1] == "415"]
    window.act_undo.trigger()                    # the deleted room 408 comes back
    assert ("Wed, Dec 9", "408", "Twin", "Shun Kimura and Kenji Sato") in rooming(tab)


def test_a_room_is_edited_and_the_edit_undone(qtbot, window):
    tab = window.lodging_tab
    stay = choose_stay(window, "Hotel: Akasaka")
    assert "Sarah Miller" in tab.unroomed.text()
    room_id = choose_room(tab, tab.room_model.row_at(0).label)
    with read_session(window.db.engine) as session:
        before = lodging.get_room(session, room_id=room_id)

    def fill(dialog):
        dialog.room_type.setCurrentIndex(dialog.room_type.findData("suite"))
        tick(dialog, "Sarah Miller")
        dialog.notes.setText("Late check-out")
        dialog.accept()

    when_modal(fill)
    tab.edit_button.click()
    with read_session(window.db.engine) as session:
        room = lodging.get_room(session, room_id=room_id)
    assert room.room_type == "suite" and room.notes == "Late check-out"
    assert not tab.unroomed.isVisible()
    window.act_undo.trigger()
    with read_session(window.db.engine) as session:
        assert lodging.get_room(session, room_id=room_id) == before
    assert tab.current_stay().item_id == stay.item_id
    assert "Sarah Miller" in tab.unroomed.text()


def test_the_lodging_tab_speaks_japanese(qtbot, window):
    tab = window.lodging_tab
    choose_stay(window, "Hotel: Fuller Road")
    switch_language(qtbot, window, "ja")
    assert window.tabs.tabText(window.tabs.indexOf(tab)) == "宿泊"
    assert tab.add_button.text() == "部屋を追加(&A)…"
    assert ("12月9日(水)", "408", "ツイン", "木村 駿、佐藤 健二") in rooming(tab)
    assert tab.nights_group.title().startswith("ルーミングリスト：")
