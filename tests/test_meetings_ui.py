"""The Meetings tab on the demo mission with its 商談会: schedule, move by dragging, swap, pin,
requests and counterparts through their dialogs, interpreters, ranks and seats, every change
undone and redone, in both languages."""

from __future__ import annotations

import re
from datetime import date
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QMessageBox

from models import meetings as mt
from models import seating
from models.meetings_demo import seed_meetings_demo
from models.readiness import run_checks
from models.store.db import read_session
from tests.dialogs import when_modal
from tests.test_window import switch_language
from ui.meetings.seating_view import UNIT


@pytest.fixture
def window(window):
    fair = seed_meetings_demo(window.db.engine, window.mission_id)
    window.show_mission(window.mission_id)      # as after an outside change: read again
    window.tabs.setCurrentWidget(window.meetings_tab)
    window.fair = fair
    return window


def stored(window) -> dict[int, mt.mm.Placed]:
    with read_session(window.db.engine) as session:
        return {m.request_id: m for m in mt.get_meetings(session, item_id=window.fair)}


def finding_kinds(window) -> set[str]:
    with read_session(window.db.engine) as session:
        return {f.kind for f in run_checks(session, mission_id=window.mission_id,
                                           today=date(2026, 11, 27))}


def cells(page) -> dict[tuple[int, int], int]:
    grid = page.grid
    return {(r, c + 1): grid.item(r, c).data(Qt.ItemDataRole.UserRole)
            for r in range(grid.rowCount()) for c in range(grid.columnCount())
            if grid.item(r, c) is not None}


def test_the_grid_shows_every_stored_meeting_in_its_slot_and_table(window):
    page = window.meetings_tab.matchmaking
    meetings = stored(window)
    assert cells(page) == {(m.slot, m.table): rid for rid, m in meetings.items()}
    assert page.grid.rowCount() == 4 and page.grid.columnCount() == 4
    assert page.summary.text() == f"{len(meetings)} of 14 requests met; {14 - len(meetings)} unmet."
    statuses = [page.model.index(r, 4).data() for r in range(page.model.rowCount())]
    assert any("table" in s for s in statuses)


def test_schedule_again_after_clearing_is_one_undoable_step(window):
    page = window.meetings_tab.matchmaking
    first = stored(window)
    with read_session(window.db.engine) as session:
        before = mt.get_meetings(session, item_id=window.fair)
    from ui.meetings.commands import SetMeetings

    window.run_command(SetMeetings("clear", window.ctx.engine, window.events, window.mission_id,
                                   window.fair, before, []))
    assert cells(page) == {}
    page.buttons["schedule"].click()
    assert stored(window).keys() == first.keys()
    assert window.act_undo.text() == "&Undo: Schedule meetings"
    window.undo()
    assert stored(window) == {} and cells(page) == {}
    window.redo()
    assert stored(window).keys() == first.keys()


def test_dropping_a_meeting_on_a_free_cell_moves_it_and_undo_puts_it_back(window):
    page = window.meetings_tab.matchmaking
    before = stored(window)
    taken = cells(page)
    # Any free table in a meeting's own slot keeps every rule.
    rid, free = next((rid, (m.slot, t)) for rid, m in before.items() for t in range(1, 5)
                     if (m.slot, t) not in taken)
    page.grid.drop(rid, *free)
    assert (stored(window)[rid].slot, stored(window)[rid].table) == free
    assert cells(page)[free] == rid
    window.undo()
    assert stored(window) == before


def test_a_drop_that_would_double_book_someone_is_refused_with_a_message(window):
    page = window.meetings_tab.matchmaking
    before = stored(window)
    with read_session(window.db.engine) as session:
        requests = {r.id: r for r in mt.list_requests(session, item_id=window.fair)}
    # Two meetings of the same delegate: moving one into the other's slot, at another table.
    by_person: dict[int, list[int]] = {}
    for rid in before:
        by_person.setdefault(requests[rid].participant_id, []).append(rid)
    a, b = next(v for v in by_person.values() if len(v) > 1)[:2]
    table = next(t for t in range(1, 5) if t != before[b].table)
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Ok).click(), QMessageBox,
               must_close=True)
    page.grid.drop(a, before[b].slot, table)
    assert stored(window) == before


def test_swap_and_pin_two_chosen_meetings(window):
    page = window.meetings_tab.matchmaking
    before = stored(window)
    same_slot = sorted((m for m in before.values() if m.slot == 0), key=lambda m: m.table)
    a, b = same_slot[0], same_slot[1]
    page.grid.item(a.slot, a.table - 1).setSelected(True)
    page.grid.item(b.slot, b.table - 1).setSelected(True)
    assert page.buttons["swap"].isEnabled()
    page.buttons["swap"].click()
    after = stored(window)
    assert (after[a.request_id].table, after[b.request_id].table) == (b.table, a.table)
    page.grid.clearSelection()
    page.grid.select_request(a.request_id)
    page.buttons["pin"].click()
    assert stored(window)[a.request_id].pinned
    page.buttons["schedule"].click()
    assert stored(window)[a.request_id] == mt.mm.Placed(a.request_id, a.slot, b.table,
                                                         after[a.request_id].interpreter, True)
    for _step in range(3):
        window.undo()
    assert stored(window) == before


def test_a_request_added_in_its_dialog_is_listed_unscheduled_until_schedule(window):
    page = window.meetings_tab.matchmaking
    n = page.model.rowCount()

    def fill(dialog):
        dialog.who.setCurrentIndex(dialog.who.findText("Hokkaido Government (all delegates)"))
        dialog.counterpart.setCurrentIndex(dialog.counterpart.findText("IBM Research Albany"))
        dialog.priority.setCurrentIndex(0)
        dialog.accept()

    when_modal(fill, must_close=True)
    page.buttons["addRequest"].click()
    assert page.model.rowCount() == n + 1
    row = next(page.model.row_at(r) for r in range(page.model.rowCount())
               if page.model.row_at(r).organization_id is not None)
    assert row.priority == 1 and not row.interpreter
    assert page.data.status(row) == "Not scheduled yet: a slot is free for it"
    window.undo()
    assert page.model.rowCount() == n


def test_counterparts_are_added_in_their_dialog_and_undo_removes_them(window):
    from ui.meetings.counterpart_dialog import CounterpartDialog, CounterpartsDialog

    page = window.meetings_tab.matchmaking

    def add_one(listing):
        def fill(dialog):
            dialog.edits["name_en"].setText("=cmd|' /C calc'!A0")   # kept as text, harmless
            dialog.edits["email"].setText("not an address")
            dialog.accept()
            assert dialog.isVisible() and "e-mail" in dialog.error.text()
            dialog.edits["email"].setText("ＩＮＦＯ＠ｅｘａｍｐｌｅ．ｃｏｍ")
            dialog.accept()

        when_modal(fill, CounterpartDialog, must_close=True)
        listing.buttons["add"].click()
        assert listing.model.rowCount() == 7
        listing.reject()

    when_modal(add_one, CounterpartsDialog, must_close=True)
    page.buttons["counterparts"].click()
    assert "=cmd|' /C calc'!A0" in [c.name_en for c in page.data.counterparts.values()]
    assert "INFO@example.com" in [c.email for c in page.data.counterparts.values()]
    window.undo()
    assert len(page.data.counterparts) == 6


def test_interpreters_ranks_and_seats_on_the_protocol_page_undo(window, qtbot):
    proto = window.meetings_tab.protocol
    window.meetings_tab.pages.setCurrentWidget(proto)
    dinner = next(i.id for i in proto.data.items if i.title_en.startswith("Delegation dinner"))
    row = next(r for r in range(proto.item_list.count())
               if proto.item_list.item(r).data(Qt.ItemDataRole.UserRole) == dinner)
    proto.item_list.setCurrentRow(row)
    assert proto.interpreting.text() == "Interpreting: Shun Kimura"
    seats = dict(proto.data.seats)
    chief = next(p for p, spot in seats.items() if spot == (1, 3))   # the seat of honour
    assert proto.data.people[chief].family == "Takahashi"
    other = next(p for p, spot in seats.items() if spot == (1, 0))
    proto.view.drop(other, 1, 3)                                       # swap the two
    assert proto.data.seats[other] == (1, 3) and proto.data.seats[chief] == (1, 0)
    window.undo()
    assert proto.data.seats == seats

    def untick(dialog):
        for i in range(dialog.people.count()):
            dialog.people.item(i).setCheckState(Qt.CheckState.Unchecked)
        dialog.accept()

    when_modal(untick, must_close=True)
    proto.buttons["interpreters"].click()
    assert proto.interpreting.text() == "Needs an interpreter and has none."
    assert "interpreter_missing" in finding_kinds(window)
    window.undo()
    assert "interpreter_missing" not in finding_kinds(window)
    assert proto.interpreting.text() == "Interpreting: Shun Kimura"

    proto.convention.setCurrentIndex(proto.convention.findData("western"))
    proto.shape.setCurrentIndex(proto.shape.findData("round"))
    proto.tables.setValue(2)
    proto.per_table.setValue(8)
    proto.buttons["seatByRank"].click()
    assert proto.data.settings == seating.PlanSettings(dinner, "western", "round", 2, 8)
    assert proto.data.seats[chief] == (1, 1)              # at the host's right, head table
    window.undo()
    assert proto.data.seats == seats


def test_the_tab_speaks_japanese_after_a_language_switch(window, qtbot):
    page = window.meetings_tab.matchmaking
    switch_language(qtbot, window, "ja")
    assert window.tabs.tabText(window.tabs.indexOf(window.meetings_tab)) == "商談・儀典"
    assert page.buttons["schedule"].text() == "自動割当(&S)"
    assert page.grid.horizontalHeaderItem(0).text() == "テーブル1"
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "優先度"


def test_editing_a_request_opens_on_its_own_delegate_and_keeps_it(window):
    page = window.meetings_tab.matchmaking
    with read_session(window.db.engine) as session:
        before = mt.list_requests(session, item_id=window.fair)[0]
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).id == before.id)
    page.requests.selectRow(row)

    def check_and_save(dialog):
        assert dialog.who.currentText() == page.data.person(before.participant_id)
        assert dialog.request() == before
        dialog.priority.setCurrentIndex(2)
        dialog.accept()

    when_modal(check_and_save, must_close=True)
    page.buttons["editRequest"].click()
    with read_session(window.db.engine) as session:
        after = next(r for r in mt.list_requests(session, item_id=window.fair)
                     if r.id == before.id)
    assert after.priority == 3 and after.participant_id == before.participant_id
    window.undo()
    with read_session(window.db.engine) as session:
        assert before in mt.list_requests(session, item_id=window.fair)


def test_the_seating_chart_pdf_holds_the_plan_and_every_seat(window, tmp_path):
    import subprocess

    from ui.meetings.seating_pdf import save_seating_pdf

    proto, _dinner_id = _dinner(window)
    path = tmp_path / "seating.pdf"
    save_seating_pdf(path, proto.view.scene(), "Seating plan: dinner", proto.seat_lines(),
                     "America/New_York")
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Seating plan: dinner" in text and "Door" in text
    assert "Table 1, seat 4: Masayuki Takahashi (Delegation)" in text
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "612 x 792" in info or "792 x 612" in info          # Letter, for Albany


def test_a_seating_pdf_over_a_folder_is_refused_and_changes_nothing(window, tmp_path):
    from documents.workbook.save import ExportError
    from ui.meetings.seating_pdf import save_seating_pdf

    folder = tmp_path / "out"
    (folder / "plan.pdf").mkdir(parents=True)
    with pytest.raises(ExportError) as err:
        save_seating_pdf(folder / "plan.pdf", window.meetings_tab.protocol.view.scene(),
                         "x", [], "Asia/Tokyo")
    assert "folder" in err.value.user_message()
    assert list(folder.iterdir()) == [folder / "plan.pdf"]


def _gift_rows(page) -> list:
    return [page.model.row_at(r).gift for r in range(page.model.rowCount())]


def test_gifts_are_kept_by_keyboard_and_every_change_undoes(window, qtbot):
    from models import gifts
    from ui.meetings.gift_dialog import GiftDialog

    page = window.meetings_tab.gifts
    window.meetings_tab.pages.setCurrentWidget(page)
    rows = _gift_rows(page)
    assert [g.gift_en for g in rows] == ["Kutani ware sake cups, pair",
                                         "Hokkaido sweets assortment"]
    assert page.model.index(1, 4).data() == "Mayor of Albany"
    assert not page.missing.isVisible() and "gift_missing" not in finding_kinds(window)
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_H)                 # handed over
    assert _gift_rows(page)[0].handed and page.model.index(0, 6).data() == "✓"
    assert window.act_undo.text() == "&Undo: Mark gift handed over"
    window.undo()
    assert not _gift_rows(page)[0].handed

    call = rows[0].item_id
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click(), must_close=True)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)            # asks first; Yes deletes
    assert len(_gift_rows(page)) == 1
    assert "gift_missing" in finding_kinds(window) and page.missing.isVisible()
    assert "Courtesy call on NY CREATES leadership" in page.missing.text()
    window.undo()
    assert _gift_rows(page) == rows                           # the same row, uuid and all

    def fill(dialog):
        dialog.item.setCurrentIndex(dialog.item.findData(call))
        dialog.accept()                                       # no gift named: refused
        assert dialog.isVisible() and "what the gift is" in dialog.error.text()
        dialog.edits["gift_en"].setText("=HYPERLINK(\"x\")")
        dialog.recipient.setCurrentIndex(0)                   # off the roster, no name
        dialog.accept()
        assert dialog.isVisible() and "recipient" in dialog.error.text()
        dialog.edits["recipient_ja"].setText("知事")
        dialog.bought.setChecked(True)
        dialog.accept()

    when_modal(fill, GiftDialog, must_close=True)
    qtbot.keyClick(page.table, Qt.Key.Key_Insert)
    added = next(g for g in _gift_rows(page) if g.recipient_ja == "知事")
    assert added.bought and added.gift_en == "=HYPERLINK(\"x\")" and added.item_id == call
    with read_session(window.db.engine) as session:
        assert added in gifts.list_gifts(session, mission_id=window.mission_id)
    window.undo()
    assert _gift_rows(page) == rows
    window.redo()
    assert len(_gift_rows(page)) == 3


def test_the_gift_buttons_act_only_on_a_chosen_gift(window, qtbot):
    """Edit, Delete and the two marks need a gift: with none chosen, or none left, they are
    greyed instead of doing nothing when clicked. Add needs only a mission that can change.
    A deleted gift leaves the one now in its place chosen, so Delete twice deletes two."""
    from PySide6.QtCore import QModelIndex

    page = window.meetings_tab.gifts
    window.meetings_tab.pages.setCurrentWidget(page)
    acting = [page.buttons[k] for k in ("edit", "delete", "bought", "handed")]
    assert page.current() is not None and all(b.isEnabled() for b in acting)
    page.table.setCurrentIndex(QModelIndex())
    assert page.buttons["add"].isEnabled() and not any(b.isEnabled() for b in acting)
    page.table.selectRow(1)
    assert all(b.isEnabled() for b in acting)
    page.table.setFocus()
    for _ in range(2):
        when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click(),
                   must_close=True)
        qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.model.rowCount() == 0 and not any(b.isEnabled() for b in acting)
    window.undo()
    assert page.model.rowCount() == 1 and all(b.isEnabled() for b in acting)
    page.set_editable(False)                                     # a mission read only
    assert not any(b.isEnabled() for b in [page.buttons["add"], *acting])
    page.set_editable(True)
    assert all(b.isEnabled() for b in [page.buttons["add"], *acting])


def test_the_gifts_page_speaks_japanese(window, qtbot):
    page = window.meetings_tab.gifts
    window.meetings_tab.pages.setCurrentWidget(page)
    switch_language(qtbot, window, "ja")
    assert window.meetings_tab.pages.tabText(2) == "手土産"
    assert page.model.index(0, 2).data() == "九谷焼 ペア盃"
    assert page.model.index(1, 4).data() == "オールバニ市長"
    assert page.model.headerData(6, Qt.Orientation.Horizontal) == "お渡し済み"


def _dinner(window):
    proto = window.meetings_tab.protocol
    window.meetings_tab.pages.setCurrentWidget(proto)
    dinner = next(i.id for i in proto.data.items if i.title_en.startswith("Delegation dinner"))
    proto.item_list.setCurrentRow(next(
        r for r in range(proto.item_list.count())
        if proto.item_list.item(r).data(Qt.ItemDataRole.UserRole) == dinner))
    return proto, dinner


def _speakers(proto) -> list[str]:
    return [proto.greetings.item(r).text() for r in range(proto.greetings.count())]


def test_the_order_of_greetings_is_set_by_keyboard_and_undone(window, qtbot):
    from models import protocol

    proto, dinner = _dinner(window)
    by_rank = _speakers(proto)
    assert by_rank[0].startswith("1. Michael Reynolds")       # the host welcomes first
    proto.greetings.setFocus()
    proto.greetings.setCurrentRow(1)
    qtbot.keyClick(proto.greetings, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert _speakers(proto)[0].startswith("1. Masayuki Takahashi")
    assert proto.greetings.currentRow() == 0 and proto.greeting_note.text() == \
        "Order set by hand."
    with read_session(window.db.engine) as session:
        stored = protocol.get_greetings(session, item_id=dinner)
    assert [proto.data.people[p].family for p in stored][:2] == ["Takahashi", "Reynolds"]
    qtbot.keyClick(proto.greetings, Qt.Key.Key_Delete)       # Takahashi off the list
    assert not any("Takahashi" in s for s in _speakers(proto))
    window.undo()
    window.undo()
    assert _speakers(proto) == by_rank
    with read_session(window.db.engine) as session:
        assert protocol.get_greetings(session, item_id=dinner) == []
    window.redo()
    assert _speakers(proto)[0].startswith("1. Masayuki Takahashi")
    proto.buttons["greetByRank"].click()
    assert _speakers(proto) == by_rank


def test_the_protocol_buttons_act_only_on_what_there_is(window, qtbot):
    """A button has something to act on or is greyed, never clicked to no effect: a speaker's
    moves follow the speaker chosen, Order by rank needs an order set by hand, the seat move
    and both PDFs need someone seated. A read-only mission keeps the PDFs (they change
    nothing)."""
    proto, dinner = _dinner(window)
    b = proto.buttons
    assert proto.data.seats and all(b[k].isEnabled() for k in ("moveSeat", "seatingPdf",
                                                                 "tableCards"))
    proto.greetings.setFocus()
    proto.greetings.setCurrentRow(0)
    assert not b["greetUp"].isEnabled() and b["greetDown"].isEnabled()
    proto.greetings.setCurrentRow(proto.greetings.count() - 1)
    assert b["greetUp"].isEnabled() and not b["greetDown"].isEnabled()
    assert not b["greetByRank"].isEnabled()                    # by rank already
    qtbot.keyClick(proto.greetings, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert b["greetByRank"].isEnabled() and b["greetDown"].isEnabled()
    unseated = next(r for r in range(proto.item_list.count())
                    if proto.item_list.item(r).data(Qt.ItemDataRole.UserRole) != dinner
                    and (proto.item_list.setCurrentRow(r) or not proto.data.seats))
    assert proto.item_list.currentRow() == unseated and b["seatByRank"].isEnabled()
    assert not any(b[k].isEnabled() for k in ("moveSeat", "seatingPdf", "tableCards"))
    _dinner(window)
    proto.set_editable(False)                                  # a mission read only
    assert [k for k in b if b[k].isEnabled()] == ["seatingPdf", "tableCards"]


def test_a_person_moves_to_another_seat_without_a_mouse(window, qtbot):
    from ui.meetings.protocol_dialogs import SeatMoveDialog

    proto, _dinner_id = _dinner(window)
    seats = dict(proto.data.seats)
    sato = next(p for p in seats if proto.data.people[p].family == "Sato")
    free = next((t, s) for t, s in ((1, n) for n in range(14)) if (t, s) not in seats.values())

    def choose(dialog):
        dialog.person.setCurrentIndex(dialog.person.findData(sato))
        target = next(n for n in range(dialog.seat.count())
                      if dialog._seats[dialog.seat.itemData(n)][:2] == free)
        assert "(free)" in dialog.seat.itemText(target)
        dialog.seat.setCurrentIndex(target)
        qtbot.keyClick(dialog, Qt.Key.Key_Return)                # Save by keyboard

    when_modal(choose, SeatMoveDialog, must_close=True)
    proto.buttons["moveSeat"].setFocus()
    qtbot.keyClick(proto.buttons["moveSeat"], Qt.Key.Key_Space)
    assert proto.data.seats[sato] == free
    assert window.act_undo.text() == "&Undo: Move seat"
    window.undo()
    assert proto.data.seats == seats


def test_the_break_rule_is_the_missions_and_the_check_follows_it(window):
    from models import findings as F
    from ui.meetings.protocol_dialogs import BreakRuleDialog

    proto, _dinner_id = _dinner(window)
    assert "3 hours" in proto.interpreting.toolTip()
    def tired() -> int:
        with read_session(window.db.engine) as session:
            return sum(f.kind == F.INTERPRETER_NO_BREAK for f in run_checks(
                session, mission_id=window.mission_id, today=date(2026, 11, 27)))

    before = tired()

    def set_rule(dialog):
        dialog.work.setValue(0.5)            # half an hour: the dinner is longer
        dialog.pause.setValue(45)
        dialog.accept()

    when_modal(set_rule, BreakRuleDialog, must_close=True)
    proto.buttons["breakRule"].click()
    assert proto.data.break_rule == (30, 45)
    assert "30 minutes" in proto.interpreting.toolTip()
    assert tired() > before
    window.undo()
    assert proto.data.break_rule == (180, 30) and tired() == before


def test_a_move_reads_only_the_meetings_and_rewords_only_the_rows_it_changed(window):
    page = window.meetings_tab.matchmaking
    before = stored(window)
    taken = cells(page)
    rid, free = next((rid, (m.slot, t)) for rid, m in before.items() for t in range(1, 5)
                     if (m.slot, t) not in taken)
    requests, counterparts = page.data.view.requests, page.data.counterparts
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).id == rid)
    page.grid.drop(rid, *free)
    assert page.data.view.requests is requests and page.data.counterparts is counterparts
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).id == rid)
    assert page.model.index(row, 4).data().endswith(f"table {free[1]}")
    assert cells(page) == {(m.slot, m.table): i for i, m in stored(window).items()}
    window.undo()
    assert cells(page) == taken and page.data.view.requests is requests


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize("width", [200, 260, 330, 480])
def test_every_entry_of_the_protocol_list_is_shown_whole_at_any_width(window, qtbot, language,
                                                                      width):
    """A long title ("Courtesy call on NY CREATES leadership") wraps, and its row grows for
    every line, the day beneath included: nothing is cut or elided when the list narrows."""
    from PySide6.QtWidgets import QApplication, QSplitter

    if language == "ja":
        switch_language(qtbot, window, "ja")
    proto = window.meetings_tab.protocol
    window.meetings_tab.pages.setCurrentWidget(proto)
    split = proto.findChild(QSplitter, "protocolSplitter")
    split.setSizes([480, 700])
    QApplication.processEvents()
    split.setSizes([width, 1180 - width])            # laid out wide first, then narrowed
    QApplication.processEvents()
    qtbot.wait(20)                                   # the list lays its rows out again
    listing = proto.item_list
    titles = [listing.item(r).text() for r in range(listing.count())]
    assert any("NY CREATES" in t for t in titles)
    below = 0                                        # where the row above ends
    for row in range(listing.count()):
        index = listing.model().index(row, 0)
        rect = listing.visualRect(index)
        assert rect.x() + rect.width() <= listing.viewport().width(), titles[row]
        assert shown_whole(listing, index, rect), (titles[row], rect)
        assert rect.top() >= below, (titles[row], rect.top(), below)   # not drawn over
        below = rect.bottom() + 1


def shown_whole(listing, index, rect) -> bool:
    """Whether the row draws all its text within `rect`: drawn again with room to spare below,
    it looks the same inside the row (no "…") and leaves nothing below it (no lost line)."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem

    def drawn(height: int) -> QImage:
        image = QImage(rect.width(), height, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        option = QStyleOptionViewItem()
        listing.initViewItemOption(option)
        option.rect = QRect(0, 0, rect.width(), height)
        painter = QPainter(image)
        listing.itemDelegate().paint(painter, option, index)
        painter.end()
        return image

    spare = 10 * listing.fontMetrics().lineSpacing()
    short, tall = drawn(rect.height()), drawn(rect.height() + spare)
    below = tall.copy(0, rect.height(), rect.width(), spare)
    blank = all(below.pixel(x, y) == below.pixel(0, 0) for x in range(0, below.width(), 2)
                for y in range(0, below.height(), 2))
    return blank and tall.copy(0, 0, rect.width(), rect.height()) == short


def test_seats_are_swapped_with_the_keyboard_in_the_picture_and_undone(window, qtbot):
    """Arrow keys choose a seat (a ring shows it), Space picks up who sits there, arrows and
    Space again seat them: onto someone the two swap, as one undo step, as a drag does."""
    proto, _dinner_id = _dinner(window)
    view = proto.view
    seats = dict(proto.data.seats)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    honour = next(s for s in view.spots if s.honour == 0)
    assert view.current == (honour.table, honour.seat)           # starts on the seat of honour
    assert view.focus_mark is not None and view.focus_mark.isVisible()
    assert view.focus_mark.rect().center() == QPointF(honour.x * UNIT, honour.y * UNIT)
    chief = view.seats[view.current]
    qtbot.keyClick(view, Qt.Key.Key_Space)                       # pick up the chief guest
    assert view.held == chief and view.held_mark is not None
    qtbot.keyClick(view, Qt.Key.Key_Right)
    target = view.current
    assert target != (honour.table, honour.seat)
    here = next(s for s in view.spots if (s.table, s.seat) == target)
    assert here.y == honour.y and here.x > honour.x             # the next seat to the right
    neighbour = view.seats[target]
    assert view.focus_mark.rect().center() == QPointF(here.x * UNIT, here.y * UNIT)
    qtbot.keyClick(view, Qt.Key.Key_Space)                       # seat them there: a swap
    assert proto.data.seats[chief] == target
    assert proto.data.seats[neighbour] == (honour.table, honour.seat)
    assert view.held is None and view.held_mark is None and view.current == target
    assert window.act_undo.text() == "&Undo: Move seat"
    window.undo()
    assert proto.data.seats == seats
    qtbot.keyClick(view, Qt.Key.Key_Space)                       # picked up, then put back
    qtbot.keyClick(view, Qt.Key.Key_Left)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    qtbot.keyClick(view, Qt.Key.Key_Space)                       # picks up, does not drop
    assert proto.data.seats == seats and view.held is not None
    proto.set_editable(False)                                    # a mission read only
    view.held = None
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert view.held is None and proto.data.seats == seats
    proto.buttons["seatingPdf"].setFocus()                      # still enabled: it reads
    qtbot.waitUntil(lambda: not view.hasFocus())
    assert view.focus_mark is None                               # the ring goes with the focus


def test_a_speaker_is_added_from_the_keyboard_in_its_dialog_and_undone(window, qtbot):
    from ui.meetings.protocol_dialogs import SpeakerDialog

    proto, _dinner_id = _dinner(window)
    before = _speakers(proto)
    chosen = {}

    def choose(dialog):
        assert isinstance(dialog, SpeakerDialog) and dialog.person.count() > 1
        dialog.person.setCurrentIndex(1)
        chosen["name"] = dialog.person.currentText()
        qtbot.keyClick(dialog, Qt.Key.Key_Return)                # Save by keyboard

    when_modal(choose, SpeakerDialog, must_close=True)
    proto.greetings.setFocus()
    qtbot.keyClick(proto.greetings, Qt.Key.Key_Insert)
    after = _speakers(proto)
    assert len(after) == len(before) + 1 and after[-1].startswith(
        f"{len(after)}. {chosen['name']} (")
    window.undo()
    assert _speakers(proto) == before


def test_table_cards_of_a_seated_dinner_follow_the_seats_and_hold_no_one_else(
        window, tmp_path, qtbot):
    import subprocess

    from PySide6.QtWidgets import QFileDialog

    from documents.handouts import export_badges
    from tests.dialogs import when_modal

    proto, _dinner_id = _dinner(window)
    path = tmp_path / "cards.pdf"

    def save_here(dialog):
        dialog.selectFile(str(path))
        dialog.accept()

    when_modal(save_here, QFileDialog, must_close=True)
    proto.buttons["tableCards"].click()                          # Table cards…, then Save
    assert path.exists()
    code = window.current_mission().code
    result = SimpleNamespace(pages=int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True).stdout)[1]))
    seated = [line.split(": ", 1)[1].split(" (")[0] for line in proto.seat_lines()]
    assert result.pages == len(seated) >= 4                     # one folded card a person
    pages = [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(path), "-"],
                            capture_output=True, text=True, check=True).stdout
             for n in range(1, result.pages + 1)]
    for name, page in zip(seated, pages, strict=True):          # in seat order
        assert name.split()[-1] in page, (name, page)
    # In Japanese each card is written in Japanese order: the Latin name goes in capitals,
    # family name first, under the large name.
    export_badges(window.db.engine, code=code, path=tmp_path / "ja.pdf", language="ja",
                  layout="tent", item_id=proto.data.item_id)
    for n, name in enumerate(seated, start=1):
        page = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(tmp_path / "ja.pdf"),
                               "-"], capture_output=True, text=True, check=True).stdout
        assert name.split()[-1].upper() in page, (name, page)
    everyone = export_badges(window.db.engine, code=code, path=tmp_path / "all.pdf",
                             language="en", layout="tent")
    assert everyone.pages > result.pages                         # the rest are not there


def test_with_no_session_left_and_one_back_the_requests_name_their_delegates(window):
    """With no 商談会 the page reads no one (at 2,000 attendees that was a third of its first
    show); a session that comes back, here by undo, reads them again and names them."""
    from ui.itinerary.commands import DeleteItem

    page = window.meetings_tab.matchmaking

    def delegates() -> list[str]:
        return sorted(page.model.data(page.model.index(r, 1))
                      for r in range(page.model.rowCount()))

    before = delegates()
    assert before and all(before)
    assert window.run_command(DeleteItem(window.db.engine, window.events, window.mission_id,
                                         window.fair, "Business matching"))
    assert page.model.rowCount() == 0 and page.session_id() is None
    window.undo()
    assert page.session_id() == window.fair
    assert delegates() == before


@pytest.mark.parametrize("language", ["en", "ja"])
def test_each_meeting_in_the_grid_shows_every_line_when_the_tables_are_narrow(
        window, qtbot, language):
    """Who meets, with whom and the interpreter: a line each, a long name cut with "…" (whole
    in the tooltip), never wrapped onto the next line, which then lost the interpreter. Each
    cell whose name is too long for it is drawn as it would be with a short name below it."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem

    if language == "ja":
        switch_language(qtbot, window, "ja")
    page = window.meetings_tab.matchmaking
    window.meetings_tab.pages.setCurrentWidget(page)
    window.resize(900, 700)
    qtbot.wait(50)
    grid = page.grid

    def drawn(index, rect) -> QImage:
        image = QImage(rect.width(), rect.height(), QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        option = QStyleOptionViewItem()
        grid.initViewItemOption(option)
        option.rect = QRect(0, 0, rect.width(), rect.height())
        painter = QPainter(image)
        grid.itemDelegate().paint(painter, option, index)
        painter.end()
        return image

    long_names = 0
    for item in [grid.item(r, c) for r in range(grid.rowCount())
                 for c in range(grid.columnCount()) if grid.item(r, c) is not None]:
        text, index = item.text(), grid.indexFromItem(item)
        rect, lines = grid.visualRect(index), item.text().split("\n")
        assert item.toolTip().startswith(text)
        if len(lines) < 3 or grid.fontMetrics().horizontalAdvance(lines[1]) < rect.width():
            continue
        long_names += 1
        as_drawn = drawn(index, rect)
        item.setText("\n".join([lines[0], "X", *lines[2:]]))
        short = drawn(index, rect)
        item.setText(text)
        band = grid.fontMetrics().lineSpacing() + 4       # the last line: the interpreter
        bottom = QRect(0, rect.height() - band, rect.width(), band)
        assert as_drawn.copy(bottom) == short.copy(bottom), text
    assert long_names                                     # the narrow tables cut some names
