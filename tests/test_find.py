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


def test_the_find_box_paints_before_it_reads_the_mission_and_still_finds_at_once(qtbot, window):
    """At 2,000 attendees reading and folding every name takes about 100 ms: the box shows
    first, reads once it has painted, and a search typed sooner reads then."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import event

    statements: list[str] = []
    seen: dict = {}

    def count(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    class FirstPaint(QObject):
        def eventFilter(self, watched, ev) -> bool:
            if ev.type() == QEvent.Type.Paint and isinstance(watched, FindDialog) \
                    and "painted" not in seen:
                seen["painted"] = len(statements)
            return False

    def look(dialog):
        qtbot.waitUntil(lambda: len(statements) > seen.get("painted", 10**6))
        QTest.keyClicks(dialog.query, "kobayashi")
        seen["first"] = dialog.results.item(0).text()
        dialog.reject()

    painted = FirstPaint()
    QApplication.instance().installEventFilter(painted)
    event.listen(window.db.engine, "before_cursor_execute", count)
    try:
        when_modal(look, FindDialog)
        window.act_find.trigger()
    finally:
        event.remove(window.db.engine, "before_cursor_execute", count)
        QApplication.instance().removeEventFilter(painted)
    assert seen["painted"] == 0, "the mission was read before the box first painted"
    assert seen["first"].startswith("Daisuke Kobayashi")

    def at_once(dialog):
        QTest.keyClicks(dialog.query, "kobayashi")       # before the first paint's read
        seen["at once"] = dialog.results.item(0).text()
        dialog.reject()

    when_modal(at_once, FindDialog)
    window.act_find.trigger()
    assert seen["at once"].startswith("Daisuke Kobayashi")
