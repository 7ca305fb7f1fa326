"""The Itinerary tab in the window on the demo database: a flight added by airport codes shows
on its day beside the other side's clock, undo and redo keep its id, each person sees their own
items, deleting asks first, and the tab speaks Japanese."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import event

from i18n.labels import ITEM_KINDS, label
from models import items
from models import repository as repo
from models.store.db import read_session
from tests.dialogs import when_modal
from tests.tabs import on_tab
from tests.test_itinerary_dialog import tick_shown
from tests.test_window import switch_language
from ui.itinerary.day_layout import item_day, layout_day
from ui.itinerary.timeline import DayTimeline

KOBAYASHI_ITEMS = [
    "Transfer JFK Airport to Albany",
    "Hotel: Fuller Road Suites Albany (3 nights)",
    "Site visit: Albany NanoTech Complex",
    "Lunch at the Albany NanoTech Complex",
    "Visit and discussion: TEL Technology Center America",
    "Delegation dinner hosted by JETRO New York",
    "US-Japan Semiconductor Collaboration Seminar",
    "Networking reception",
    "Transfer Albany to JFK Airport",
]

window = on_tab("itinerary")


def _rows(window):
    with read_session(window.db.engine) as session:
        return repo.list_items(session, mission_id=window.mission_id)


def _drawn(window, item_id):
    return next((d for d in window.itinerary.timeline.blocks_drawn()
                 if d.block.row.id == item_id), None)


def _add_flight(qtbot, window) -> int:
    """A second group's JL 4, Haneda 10:55 to JFK 10:15 the same morning, typed by codes."""
    def fill(dialog):
        dialog.kind.setCurrentIndex(dialog.kind.findData("flight"))
        dialog.fields["title_en"].setText("JL 4 Tokyo Haneda to New York JFK")
        dialog.fields["carrier"].setText("JAL")
        dialog.fields["flight_number"].setText("JL 4")
        dialog.start.set_zone("UTC")
        dialog.end.set_zone("UTC")
        qtbot.keyClicks(dialog.fields["from_code"], "HND")
        qtbot.keyClicks(dialog.fields["to_code"], "JFK")
        dialog.start.set_local(date(2026, 12, 14), time(10, 55))
        dialog.end.set_local(date(2026, 12, 14), time(10, 15))
        dialog.accept()

    before = {r.id for r in _rows(window)}
    when_modal(fill)
    window.itinerary.act_add.trigger()
    (new_id,) = {r.id for r in _rows(window)} - before
    return new_id


def test_a_flight_added_by_airport_codes_shows_on_its_day_with_both_clocks(qtbot, window):
    window.tabs.setCurrentWidget(window.itinerary)
    flight_id = _add_flight(qtbot, window)
    row = next(r for r in _rows(window) if r.id == flight_id)
    assert (row.start_tz, row.end_tz, row.from_code, row.to_code) == (
        "Asia/Tokyo", "America/New_York", "HND", "JFK")
    tab = window.itinerary
    assert tab.current_item_id() == flight_id
    assert tab.shown_day == date(2026, 12, 14)                  # the Tokyo date it leaves on
    assert tab.timeline.column_zones() == ("JST", "EST")
    drawn = _drawn(window, flight_id)
    assert drawn.times == "10:55 AM JST → 10:15 AM EST"         # lands "before" it left
    assert drawn.mark == ""                                     # ... on the same date
    assert tab.timeline.layout_.at(drawn.block.top) == row.start_utc
    assert tab.model.row_at(tab.table.currentIndex().row()).id == flight_id

    window.act_undo.trigger()
    assert flight_id not in {r.id for r in _rows(window)}
    assert _drawn(window, flight_id) is None
    window.act_redo.trigger()
    assert flight_id in {r.id for r in _rows(window)}          # the same id, back again
    tab.set_day(date(2026, 12, 14))
    assert _drawn(window, flight_id) is not None


def test_the_return_flight_carries_a_plus_one_day_mark(window):
    tab = window.itinerary
    tab.set_day(date(2026, 12, 12))
    back = next(d for d in tab.timeline.blocks_drawn() if "NH 109" in d.block.row.title_en)
    assert back.mark == "+1 day"
    assert tab.timeline.column_zones() == ("JST", "EST")        # home side first, every day
    assert back.times.endswith("Sun, Dec 13 5:15 PM JST")      # the date it lands on
    tab.set_day(date(2026, 12, 9))
    out = next(d for d in tab.timeline.blocks_drawn() if "NH 110" in d.block.row.title_en)
    assert out.mark == "" and out.times == "5:55 PM JST → 4:45 PM EST"


def test_a_block_too_narrow_for_its_day_mark_draws_none_outside_itself(qtbot, window):
    tab = window.itinerary
    tab.set_day(date(2026, 12, 12))
    wide = next(d for d in tab.timeline.blocks_drawn() if "NH 109" in d.block.row.title_en)
    assert wide.mark == "+1 day" and wide.pill is not None
    assert wide.rect.contains(wide.pill)                 # in its own lower right corner
    # Forty groups on the same flight, side by side (a large mission's busy hour): each block
    # is narrower than the mark, which is not drawn at all, where it once spilled over its
    # neighbours and the clocks. Each block still carries it, for the tooltip.
    flight = wide.block.row
    rows = [flight._replace(id=flight.id * 1000 + n) for n in range(40)]
    busy = DayTimeline()
    qtbot.addWidget(busy)
    busy.resize(tab.timeline.size())
    busy.set_layout(layout_day(date(2026, 12, 12), rows, "Asia/Tokyo"))
    slivers = busy.blocks_drawn()
    assert len(slivers) == 40
    assert all(d.mark == "+1 day" and d.pill is None for d in slivers)
    assert all(d.rect.width() < wide.pill.width() for d in slivers)



def test_clicking_a_block_selects_its_row_and_double_clicking_edits(qtbot, window):
    window.tabs.setCurrentWidget(window.itinerary)
    tab = window.itinerary
    tab.set_day(date(2026, 12, 10))
    qtbot.waitExposed(tab.timeline)
    drawn = next(d for d in tab.timeline.blocks_drawn() if d.block.row.kind == "site_visit")
    point = drawn.rect.center().toPoint()
    qtbot.mouseClick(tab.timeline, Qt.MouseButton.LeftButton, pos=point)
    assert tab.model.row_at(tab.table.currentIndex().row()).id == drawn.block.row.id
    seen = {}
    when_modal(lambda dialog: (seen.setdefault("title", dialog.windowTitle()), dialog.reject()))
    qtbot.mouseDClick(tab.timeline, Qt.MouseButton.LeftButton, pos=point)
    assert seen["title"] == "Edit item"


def test_each_person_sees_exactly_the_items_they_take_part_in(window):
    tab = window.itinerary
    with read_session(window.db.engine) as session:
        people = {a.family_name: a for a in repo.list_attendees(session,
                                                                 mission_id=window.mission_id)}
        links = items.item_people(session, mission_id=window.mission_id)
    rows = _rows(window)
    kobayashi, hayashi = people["Kobayashi"], people["Hayashi"]        # Hayashi cancelled
    tab.set_person(kobayashi.participant_id)
    shown = {r.id for r in tab.model.rows()}
    assert shown == {r.id for r in rows
                     if r.everyone or kobayashi.participant_id in links.get(r.id, ())}
    # The demo's Kobayashi (JETRO New York) meets the group at JFK and sees it off there.
    assert [r.title_en for r in tab.model.rows()] == KOBAYASHI_ITEMS
    assert not any("Chitose" in r.title_en for r in tab.model.rows())  # not on the Hokkaido leg
    tab.set_day(date(2026, 12, 10))
    drawn = [(d.block.row.title_en, d.times) for d in tab.timeline.blocks_drawn()]
    assert {d.block.row.id for d in tab.timeline.blocks_drawn()} <= shown
    assert drawn == [                                       # Albany's clock, from the demo file
        ("Hotel: Fuller Road Suites Albany (3 nights)", ""),      # a stay spans the day
        ("Site visit: Albany NanoTech Complex", "9:00 AM – 12:00 PM"),
        ("Lunch at the Albany NanoTech Complex", "12:00 PM – 1:00 PM"),
        ("Visit and discussion: TEL Technology Center America", "1:15 PM – 4:00 PM"),
        ("Delegation dinner hosted by JETRO New York", "6:30 PM – 8:30 PM")]
    tab.set_day(None)
    tab.set_person(hayashi.participant_id)
    assert {r.id for r in tab.model.rows()} == {
        r.id for r in rows if hayashi.participant_id in links.get(r.id, ())}
    assert all(not r.everyone for r in tab.model.rows())
    assert tab.model.rowCount() == 0                # cancelled: not even the items for everyone
    tab.set_person(None)
    assert tab.model.rowCount() == len(rows)


def test_deleting_an_item_asks_first_and_undo_puts_it_back_with_its_people(qtbot, window):
    tab = window.itinerary
    visit = next(r for r in _rows(window) if "Rapidus IIM-1 2 nm" in r.title_en)
    assert tab.select_item(visit.id)
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Cancel).click())
    tab.act_delete.trigger()
    assert visit.id in {r.id for r in _rows(window)}
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    tab.act_delete.trigger()
    assert visit.id not in {r.id for r in _rows(window)}
    assert window.act_undo.text() == "&Undo: Delete Site visit: Rapidus IIM-1 2 nm pilot fab"
    window.act_undo.trigger()
    back = next(r for r in _rows(window) if r.id == visit.id)
    assert back.participant_count == visit.participant_count


def test_ctrl_down_moves_the_current_item_a_day_later_and_undo_moves_it_back(qtbot, window):
    window.tabs.setCurrentWidget(window.itinerary)
    tab = window.itinerary
    seminar = next(r for r in _rows(window) if r.kind == "seminar")
    tab.select_item(seminar.id)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    moved = next(r for r in _rows(window) if r.id == seminar.id)
    assert (moved.start_utc - seminar.start_utc).days == 1
    assert moved.end_utc - moved.start_utc == seminar.end_utc - seminar.start_utc
    window.act_undo.trigger()
    assert next(r for r in _rows(window) if r.id == seminar.id).start_utc == seminar.start_utc


def test_duplicating_opens_a_filled_dialog_and_adds_a_copy(qtbot, window):
    tab = window.itinerary
    dinner = next(r for r in _rows(window) if "Delegation dinner" in r.title_en)
    tab.select_item(dinner.id)

    def later(dialog):
        assert dialog.fields["title_en"].text() == dinner.title_en
        dialog.start.set_local(date(2026, 12, 11), time(20, 0))
        dialog.end.set_local(date(2026, 12, 11), time(21, 0))
        dialog.accept()

    when_modal(later)
    tab.act_duplicate.trigger()
    copies = [r for r in _rows(window) if r.title_en == dinner.title_en]
    assert len(copies) == 2
    assert window.act_undo.text().startswith("&Undo: Duplicate Delegation dinner")


def test_the_tab_in_japanese_shows_japanese_labels_and_day_names(qtbot, window):
    window.tabs.setCurrentWidget(window.itinerary)
    switch_language(qtbot, window, "ja")
    tab = window.itinerary
    days = [tab.day_combo.itemText(i) for i in range(tab.day_combo.count())]
    assert "2026年12月9日(水)" in days
    tab.set_day(date(2026, 12, 9))
    assert tab.day_combo.currentText() == "2026年12月9日(水)"
    legend = tab.legend.text().replace("\u2060", "")      # the joiners that keep names whole
    assert "航空便" in legend and "宿泊" in legend
    out = next(d for d in tab.timeline.blocks_drawn() if "NH 110" in d.block.row.title_en)
    assert out.times == "17:55 JST → 16:45 EST"
    assert out.title.startswith("羽田発")
    assert tab.day_combo.itemText(0) == "全日程"
    assert tab.day_label.text() == "日付："
    assert tab.person_label.text() == "参加者："
    assert tab.person_combo.itemText(0) == "参加者全員"
    assert window.itinerary_menu.title() == "行程(&I)"


def test_the_move_dialog_shifts_by_days_and_hours_keeping_the_duration(qtbot, window):
    tab = window.itinerary
    dinner = next(r for r in _rows(window) if "Delegation dinner" in r.title_en)
    tab.select_item(dinner.id)

    def move(dialog):
        dialog.days.setValue(1)
        dialog.hours.setValue(-2)
        assert "Fri, Dec 11, 4:30 PM EST" in dialog.preview.text()
        dialog.accept()

    when_modal(move)
    tab.act_move.trigger()
    moved = next(r for r in _rows(window) if r.id == dinner.id)
    assert (moved.start_utc - dinner.start_utc).total_seconds() == 22 * 3600
    assert moved.end_utc - moved.start_utc == dinner.end_utc - dinner.start_utc
    assert tab.selected_day() in (None, date(2026, 12, 11))
    assert window.act_undo.text() == "&Undo: Move Delegation dinner hosted by JETRO New York"


def test_saving_an_item_unchanged_records_nothing_and_an_edit_undoes(qtbot, window):
    tab = window.itinerary
    transfer = next(r for r in _rows(window) if "Transfer JFK Airport to Albany" in r.title_en)
    steps = window.undo_stack.count()
    when_modal(lambda dialog: dialog.accept())
    window.item_actions.edit(transfer.id)
    assert window.undo_stack.count() == steps            # opening it changed no zone either

    def only_kobayashi(dialog):
        dialog.chosen.setChecked(True)
        dialog.people.set_chosen([])
        dialog.people.filter.setText("Kobayashi")
        tick_shown(dialog.people)
        dialog.accept()

    when_modal(only_kobayashi)
    tab.select_item(transfer.id)
    tab.act_edit.trigger()
    assert next(r for r in _rows(window) if r.id == transfer.id).participant_count == 1
    window.act_undo.trigger()
    assert next(r for r in _rows(window) if r.id == transfer.id).participant_count == \
        transfer.participant_count


def test_a_day_switch_reads_nothing_and_the_people_are_listed_only_when_wanted(window):
    tab = window.itinerary
    with read_session(window.db.engine) as session:
        people = repo.list_attendees(session, mission_id=window.mission_id)
    kobayashi = next(a for a in people if a.family_name == "Kobayashi")
    # Everyone's items shown: the person filter holds "All attendees" only, nothing read.
    assert tab.person_combo.count() == 1 and tab.person_combo.fills == 0
    tab.person_combo.showPopup()
    tab.person_combo.hidePopup()
    names = [tab.person_combo.itemText(i) for i in range(1, tab.person_combo.count())]
    assert tab.person_combo.fills == 1
    # By family name in English, given name first, the cancelled marked.
    assert names == [f"{a.given_name} {a.family_name}"
                     + (" (cancelled)" if a.status == "cancelled" else "")
                     for a in sorted(people, key=lambda a: (a.family_name.casefold(),
                                                            a.given_name.casefold()))]
    assert any(n.endswith("Hayashi (cancelled)") for n in names)
    tab.set_person(kobayashi.participant_id)
    shown = {r.id for r in tab.model.rows()}
    reloads, fills = tab.refresher.reloads, tab.person_combo.fills

    # Every statement any connection runs from now on (the pooled ones closed first).
    statements: list[str] = []
    engine = window.db.engine
    engine.dispose()

    def trace(dbapi_connection, _record):
        dbapi_connection.set_trace_callback(statements.append)

    event.listen(engine, "connect", trace)
    try:
        for day in tab.days:
            tab.set_day(day)
            assert {r.id for r in tab.model.rows()} == {
                r.id for r in tab.person_rows() if item_day(r) == day}
        tab.set_day(None)
    finally:
        event.remove(engine, "connect", trace)
    assert statements == []
    assert (tab.refresher.reloads, tab.person_combo.fills) == (reloads, fills)
    assert tab.selected_person() == kobayashi.participant_id
    assert {r.id for r in tab.model.rows()} == shown


def test_an_item_moved_is_read_again_alone_and_the_other_rows_are_kept(window):
    tab = window.itinerary
    seminar = next(r for r in tab.rows if r.kind == "seminar")
    before = {r.id: r for r in tab.rows}
    tab.select_item(seminar.id)
    tab.act_later.trigger()
    after = {r.id: r for r in tab.rows}
    assert after.keys() == before.keys()
    assert (after[seminar.id].start_utc - seminar.start_utc).days == 1
    assert all(after[i] is row for i, row in before.items() if i != seminar.id)
    assert tab.rows == sorted(tab.rows, key=lambda r: (r.start_utc, r.id))
    assert tab.rows == _rows(window)                   # what a full read gives
    window.act_undo.trigger()
    assert tab.rows == _rows(window) and tab.data.by_id[seminar.id] == seminar


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_wide_window_shows_each_items_time_and_title_before_scrolling(qtbot, window,
                                                                          language):
    """On a desktop screen the list shows when each item is and what it is, its title at some
    forty letters, in view beside the timeline: the start is as wide as a start (no day mark),
    and the title comes before the kind (the timeline shows the kind by its colour)."""
    if language == "ja":
        switch_language(qtbot, window, language)
    window.resize(1900, 900)
    qtbot.wait(50)
    table, tab = window.itinerary.table, window.itinerary
    keys = [c.key for c in tab.model.columns]
    header = table.horizontalHeader()
    title = keys.index("title")
    right = header.sectionViewportPosition(title) + header.sectionSize(title)
    assert right <= table.viewport().width()
    titles = [tab.model.index(r, title).data() for r in range(tab.model.rowCount())]
    typical = sorted(table.fontMetrics().horizontalAdvance(t) for t in titles)[len(titles) // 2]
    assert header.sectionSize(title) > typical                   # half of them in full
    start, end = keys.index("start"), keys.index("end")
    assert header.sectionSize(start) < header.sectionSize(end)


@pytest.mark.parametrize("code", ["en", "ja"])
def test_the_legend_wraps_between_kinds_never_inside_one(qtbot, window, code):
    """At 1280 px the Japanese legend ended a line with "自由時" and began the next with "間"."""
    window.tabs.setCurrentWidget(window.itinerary)
    switch_language(qtbot, window, code)
    legend = window.itinerary.legend
    names = [label(ITEM_KINDS, k) for k in ITEM_KINDS]
    doc = QTextDocument()
    doc.setDefaultFont(legend.font())
    doc.setHtml(legend.text())
    text = doc.toPlainText().replace("\u2060", "").replace("\u00a0", " ")
    assert all(name in text for name in names)
    cut, lines = {}, set()
    for width in range(200, 801, 10):          # as the divider or the window narrows it
        doc.setTextWidth(width)
        doc.size()                             # laid out now
        block = doc.begin()
        layout = block.layout()
        lines.add(layout.lineCount())
        joined = block.text()
        plain = joined.replace("\u2060", "")
        # Where each name's characters are in the laid-out text (joiners between them).
        positions = [i for i, ch in enumerate(joined) if ch != "\u2060"]
        for name in names:
            start = plain.replace("\u00a0", " ").index(name)
            first, last = positions[start], positions[start + len(name) - 1]
            if layout.lineForTextPosition(first).lineNumber() != \
                    layout.lineForTextPosition(last).lineNumber():
                cut.setdefault(name, width)
    assert len(lines) > 1, "the legend never wrapped: the widths tried were too wide"
    assert not cut, f"a kind's name broken across two lines (at px): {cut}"
