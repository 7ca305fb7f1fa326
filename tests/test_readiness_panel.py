"""The Readiness panel on the Overview tab: it lists what the checks find, counts it in the tab
title, follows a click to the item or person, and speaks the chosen language."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from models import findings as F
from models import repository as repo
from models.store.db import read_session, write_session
from tests.demo_today import fix_today
from tests.test_window import switch_language
from ui.common.events import ITEMS
from ui.common.table_model import ROW_ROLE


@pytest.fixture(autouse=True)
def demo_today(monkeypatch, window):
    fix_today(monkeypatch, window)


def overview_title(window) -> str:
    return window.tabs.tabText(window.tabs.indexOf(window.overview))


def selected_item_id(window) -> int | None:
    tab = getattr(window, "itinerary", None)
    if tab is not None and callable(getattr(tab, "current_item_id", None)):
        return tab.current_item_id()
    index = window.item_table.currentIndex()
    return index.data(ROW_ROLE).id if index.isValid() else None


def add_double_booking(window) -> int:
    """A meeting for one delegate that starts half an hour before the Albany site visit."""
    with write_session(window.db.engine) as session:
        mission_id = window.mission_id
        visit = next(i for i in repo.list_items(session, mission_id=mission_id)
                     if i.kind == "site_visit" and i.everyone)
        person = next(a for a in repo.list_attendees(session, mission_id=mission_id)
                      if a.status == "confirmed" and a.family_name == "Takahashi")
        item_id = repo.create_item(
            session, mission_id=mission_id, participant_ids=[person.participant_id],
            kind="meeting", title_en="Breakfast with the consul", title_ja="総領事との朝食会",
            start_utc=visit.start_utc - timedelta(minutes=30),
            end_utc=visit.start_utc + timedelta(minutes=30),
            start_tz=visit.start_tz, end_tz=visit.end_tz, everyone=False)
    window.events.announce(mission_id, ITEMS)
    window.readiness.flush()
    return item_id


def click_finding(qtbot, window, row: int) -> None:
    panel = window.readiness_panel
    rect = panel.row_rect(row)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_demo_findings_are_listed_most_urgent_first_and_counted_in_the_tab(window):
    panel = window.readiness_panel
    assert panel.count() == 4     # with the Sunday debrief at Haneda
    assert overview_title(window) == "Overview (4)"
    assert panel.heading.text() == "Readiness: 4 open findings"
    assert [f.rank for f in panel.findings] == sorted(f.rank for f in panel.findings)
    assert panel.texts()[0].startswith("Visitor list for Albany NanoTech Complex")


def test_a_double_booking_is_listed_and_clicking_it_selects_the_item(qtbot, window):
    item_id = add_double_booking(window)
    panel = window.readiness_panel
    assert overview_title(window) == "Overview (5)"
    row = next(i for i, f in enumerate(panel.findings) if f.kind == F.OVERLAP)
    assert "Double booking: Masayuki Takahashi" in panel.texts()[row]
    assert "Breakfast with the consul" in panel.texts()[row]
    click_finding(qtbot, window, row)
    assert selected_item_id(window) == item_id
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Itinerary"


def test_removing_the_clash_takes_the_finding_and_the_count_away(qtbot, window):
    item_id = add_double_booking(window)
    assert overview_title(window) == "Overview (5)"
    with write_session(window.db.engine) as session:
        from models.entities import ItineraryItem

        session.delete(session.get(ItineraryItem, item_id))
    window.events.announce(window.mission_id, ITEMS)
    window.readiness.flush()
    assert overview_title(window) == "Overview (4)"


def test_a_missing_visitor_field_leads_to_the_person(qtbot, window):
    panel = window.readiness_panel
    row = next(i for i, f in enumerate(panel.findings) if f.kind == F.MISSING_VISITOR_FIELDS)
    click_finding(qtbot, window, row)
    assert window.tabs.currentWidget() is window.attendees
    current = window.attendees.current_participant_id()
    assert current == panel.findings[row].participant_id
    with read_session(window.db.engine) as session:
        person = next(a for a in repo.list_attendees(session, mission_id=window.mission_id)
                      if a.participant_id == current)
    assert person.family_name == "Kato"


def test_a_missed_visitor_list_leads_to_the_visit_on_the_sites_tab(qtbot, window):
    panel = window.readiness_panel
    row = next(i for i, f in enumerate(panel.findings) if f.kind == F.DEADLINE_PASSED)
    click_finding(qtbot, window, row)
    sites = window.sites_tab
    assert window.tabs.currentWidget() is sites
    assert sites.visit_list.currentItem().data(Qt.ItemDataRole.UserRole) == \
        panel.findings[row].item_id
    assert "was due on" in sites.visitors.deadline.text()


def test_a_guest_without_a_room_leads_to_the_hotel_stay(qtbot, window):
    panel = window.readiness_panel
    row = next(i for i, f in enumerate(panel.findings) if f.kind == F.NO_LODGING)
    click_finding(qtbot, window, row)
    lodging = window.lodging_tab
    assert window.tabs.currentWidget() is lodging
    assert lodging.current_stay().item_id == panel.findings[row].item_id
    assert "Sarah Miller" in lodging.unroomed.text()


def test_the_panel_and_the_tab_title_speak_japanese(qtbot, window):
    switch_language(qtbot, window, "ja")
    panel = window.readiness_panel
    assert overview_title(window) == "概要 (4)"
    assert panel.heading.text() == "準備状況：未解決 4件"
    assert "見学者名簿" in panel.texts()[0]
    switch_language(qtbot, window, "en")
    assert overview_title(window) == "Overview (4)"


def test_checks_that_find_what_they_found_before_leave_the_list_and_the_tabs_alone(
        qtbot, window):
    """The checks run after every burst of changes; when they find the same, the list is not
    reset (its current line stays, nothing is laid out again) and the tab bar is not relaid
    (Qt repaints the whole shown page for a tab text set again, even the same one)."""
    from PySide6.QtCore import QEvent, QObject

    class Layouts(QObject):
        count = 0

        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.LayoutRequest:
                Layouts.count += 1
            return False

    panel = window.readiness_panel
    window.readiness.refresh()
    qtbot.wait(10)
    before = list(panel.findings)
    assert before
    panel.list.setCurrentIndex(panel.model.index(1))
    resets = []
    panel.model.modelReset.connect(lambda: resets.append(1))
    layouts = Layouts()
    window.tabs.installEventFilter(layouts)
    title = overview_title(window)
    window.readiness.refresh()                      # nothing changed since
    qtbot.wait(10)
    window.tabs.removeEventFilter(layouts)
    assert panel.findings == before and overview_title(window) == title
    assert resets == [] and panel.list.currentIndex().row() == 1
    assert Layouts.count == 0
    # Something found otherwise: the list and the count follow.
    add_double_booking(window)
    assert resets == [1]
    assert len(panel.findings) == len(before) + 1
    assert overview_title(window) != title
