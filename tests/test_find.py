"""Find (Ctrl+F / Ctrl+K): any form of a name finds the attendee, item, hotel stay, site or
organization of the mission, and picking it goes there."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from models.search import findables
from models.store.db import read_session
from tests.dialogs import when_modal
from tests.test_window import type_japanese
from ui.find.find_dialog import FindDialog
from ui.find.find_index import FindIndex


def _index(window) -> FindIndex:
    with read_session(window.db.engine) as session:
        return FindIndex(findables(session, mission_id=window.mission_id))


def _first(index: FindIndex, text: str):
    found, _total = index.search(text)
    return found[0] if found else None


def test_every_name_form_of_a_person_finds_them(window):
    index = _index(window)
    for text in ("takahashi", "Masayuki Takahashi", "高橋", "たかはし", "タカハシ", "ﾀｶﾊｼ",
                 "ＴＡＫＡＨＡＳＨＩ", "takahashi masa"):
        entry = _first(index, text)
        assert entry is not None and entry.kind == "person" and entry.name_ja == "高橋 正之", text


def test_items_hotels_sites_and_organizations_are_found(window):
    index = _index(window)
    # The hotel is found as its stay first, then as the site holding its phone and address.
    assert [e.kind for e in index.search("北ゲート")[0]][:2] == ["stay", "site"]
    assert _first(index, "NanoTech").kind == "site"
    assert "organization" in {e.kind for e in index.search("jetro")[0]}
    found, total = index.search("zzzz-nothing")
    assert found == [] and total == 0


def test_ctrl_f_and_ctrl_k_open_find(window):
    keys = [s.toString() for s in window.act_find.shortcuts()]
    assert QKeySequence("Ctrl+F").toString() in keys and "Ctrl+K" in keys


def test_picking_a_person_goes_to_them_on_the_attendees_tab(qtbot, window):
    window.tabs.setCurrentWidget(window.itinerary)

    def pick(dialog):
        assert isinstance(dialog, FindDialog)
        QTest.keyClicks(dialog.query, "sato")
        assert "Sato" in dialog.results.item(0).text()
        dialog.query.returnPressed.emit()

    when_modal(pick, FindDialog)
    window.act_find.trigger()
    assert window.tabs.currentWidget() is window.attendees
    row = window.attendee_table.currentIndex().row()
    assert window.attendee_model.row_at(row).family_name == "Sato"


def test_picking_a_hotel_in_japanese_goes_to_its_stay(qtbot, window):
    def pick(dialog):
        type_japanese(dialog.query, "札幌北ゲート")
        rows = [dialog.results.item(i).text() for i in range(dialog.results.count())]
        # The hotel's site (its name starts with the words) and then its stay are listed.
        assert "— Site" in rows[0]
        stay = next(i for i, r in enumerate(rows) if "— Hotel stay" in r)
        dialog.results.setCurrentRow(stay)
        dialog.accept()

    when_modal(pick, FindDialog)
    window.act_find.trigger()
    assert window.tabs.currentWidget() is window.lodging_tab


def test_picking_an_organization_shows_its_attendees(qtbot, window):
    def pick(dialog):
        QTest.keyClicks(dialog.query, "rapidus")
        rows = [dialog.results.item(i).text() for i in range(dialog.results.count())]
        org = next(i for i, text in enumerate(rows) if "Organization" in text)
        dialog.results.setCurrentRow(org)
        dialog.accept()

    when_modal(pick, FindDialog)
    window.act_find.trigger()
    assert window.tabs.currentWidget() is window.attendees
    assert window.attendees.filter.text().startswith("Rapidus")
    assert 0 < window.attendee_model.rowCount() < 21
