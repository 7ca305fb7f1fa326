"""How a change reaches the views: it names its mission, kinds of rows and ids; only the views
that show those rows reload, a hidden one when it is next shown; the readiness checks run once
per burst; a language switch retranslates each widget once."""

from __future__ import annotations

import copy
import time

import pytest
import shiboken6

import i18n
from models import repository as repo
from models.attendees import get_attendee
from models.store.db import read_session
from tests.test_window import switch_language
from ui.attendees.commands import EditAttendee
from ui.common import retranslate
from ui.common.events import ATTENDEES, ITEMS, Change
from ui.common.refresh import Pending, Refresher
from ui.missions.readiness_links import COALESCE_MS


def reloads(window) -> dict[str, int]:
    return {name: getattr(window, name).refresher.reloads
            for name in ("overview", "attendees", "itinerary", "sites_tab", "lodging_tab")}


def edit_title(window, participant_id: int, title: str) -> None:
    with read_session(window.db.engine) as session:
        before = get_attendee(session, participant_id=participant_id)
    after = copy.deepcopy(before)
    after.person["title_en"] = title
    window.run_command(EditAttendee(window.db.engine, window.events, window.mission_id,
                                    participant_id, before, after, ""))


def test_an_edit_names_its_mission_kinds_and_ids(qtbot, window):
    window.tabs.setCurrentWidget(window.attendees)
    pid = window.attendee_model.rows()[0].participant_id
    seen: list[Change] = []
    window.events.changed.connect(seen.append)
    edit_title(window, pid, "Chief negotiator")
    assert seen == [Change(window.mission_id, frozenset({ATTENDEES}), frozenset({pid}))]


def test_only_the_visible_view_reloads_and_a_hidden_one_catches_up_when_shown(qtbot, window):
    window.tabs.setCurrentWidget(window.attendees)
    pid = window.attendee_model.rows()[0].participant_id
    before = reloads(window)
    edit_title(window, pid, "Chief negotiator")
    after = reloads(window)
    assert after["attendees"] == before["attendees"] + 1
    assert {k: v for k, v in after.items() if k != "attendees"} == \
        {k: v for k, v in before.items() if k != "attendees"}
    # The Itinerary's person list shows attendees: it reads them when shown, once.
    window.tabs.setCurrentWidget(window.itinerary)
    assert reloads(window)["itinerary"] == before["itinerary"] + 1
    window.tabs.setCurrentWidget(window.attendees)
    window.tabs.setCurrentWidget(window.itinerary)
    assert reloads(window)["itinerary"] == before["itinerary"] + 1    # nothing new: no reload


def test_an_attendee_edit_rereads_that_attendee_only(qtbot, window, monkeypatch):
    window.tabs.setCurrentWidget(window.attendees)
    table = window.attendee_table
    table.selectRow(3)
    chosen = window.attendee_model.rows()[3]
    asked = []
    real = repo.list_attendees

    def listing(session, **kwargs):
        asked.append(kwargs.get("participant_ids"))
        return real(session, **kwargs)

    monkeypatch.setattr(repo, "list_attendees", listing)
    edit_title(window, chosen.participant_id, "Chief negotiator")
    assert asked == [{chosen.participant_id}]
    assert window.attendee_model.rows()[3].title_en == "Chief negotiator"
    assert table.currentIndex().row() == 3          # the selection stays on the person
    window.act_undo.trigger()
    assert window.attendee_model.rows()[3].title_en == chosen.title_en


def test_a_change_to_another_mission_is_not_the_views(qtbot, window):
    window.tabs.setCurrentWidget(window.attendees)
    before = reloads(window)
    window.events.announce(window.mission_id + 1000, ATTENDEES, ITEMS)
    assert reloads(window) == before


def test_the_readiness_wait_counts_from_the_loop_not_from_the_change(qtbot, window):
    """A change whose own work outlasts the wait still gets its paint before the checks run."""
    from PySide6.QtWidgets import QApplication

    runs = window.readiness.runs
    window.events.announce(window.mission_id, ITEMS)
    time.sleep(COALESCE_MS * 2 / 1000)                  # the change's work, still going on
    QApplication.processEvents()                         # the pass that paints the change
    assert window.readiness.runs == runs
    qtbot.waitUntil(lambda: window.readiness.runs == runs + 1, timeout=2000)


def test_the_readiness_checks_run_once_per_burst_of_changes(qtbot, window):
    runs = window.readiness.runs
    for _ in range(5):
        window.events.announce(window.mission_id, ITEMS)
    assert window.readiness.runs == runs                 # not while the burst goes on
    qtbot.waitUntil(lambda: window.readiness.runs == runs + 1, timeout=2000)
    qtbot.wait(100)
    assert window.readiness.runs == runs + 1


def test_a_mission_switch_fills_only_the_tab_shown(qtbot, window, demo_db):
    from ui.missions.commands import DuplicateMission

    window.run_command(DuplicateMission(window.db.engine, window.events, window.mission_id,
                                        "HKD-ALB-2027", window.current_mission().end_date,
                                        True))
    window.tabs.setCurrentWidget(window.attendees)
    first = window.mission_id
    before = reloads(window)
    window.show_mission(next(m.id for m in window.missions if m.id != first))
    after = reloads(window)
    assert after["attendees"] == before["attendees"] + 1
    assert all(after[k] == before[k] for k in ("itinerary", "sites_tab", "lodging_tab"))


@pytest.mark.parametrize("code", ["ja", "en"])
def test_a_language_switch_retranslates_each_widget_once(qtbot, window, monkeypatch, code):
    if code == "en":
        switch_language(qtbot, window, "ja")
    calls: dict[int, int] = {}
    widgets = [w for ref in retranslate._registered.values()
               if (w := ref()) is not None and shiboken6.isValid(w)]
    assert len(widgets) >= 8            # the window, its tabs, their panels and actions
    for key, widget in enumerate(widgets):
        real = widget.retranslate_ui

        def counted(real=real, key=key):
            calls[key] = calls.get(key, 0) + 1
            real()

        monkeypatch.setattr(widget, "retranslate_ui", counted)
    switch_language(qtbot, window, code)
    qtbot.wait(50)                       # LanguageChange events Qt posts must not add calls
    assert sorted(calls.values()) == [1] * len(widgets)
    i18n.set_language("en")


def test_pending_sums_what_a_hidden_view_missed():
    pending = Pending()
    pending.add(Change(1, frozenset({ATTENDEES}), frozenset({4})))
    pending.add(Change(1, frozenset({ATTENDEES}), frozenset({7})))
    assert pending.ids == {4, 7} and pending.needs_data()
    pending.add(Change(1, frozenset({ITEMS})))         # no ids: every row of the kind
    assert pending.ids is None and pending.kinds == {ATTENDEES, ITEMS}
    assert Refresher.__doc__


def test_the_menus_act_on_a_hidden_tab_without_a_row_of_another_mission(qtbot, window):
    from ui.missions.commands import DuplicateMission

    # Add item and Add attendee work from the Overview, before their tabs have read anything.
    assert window.itinerary.refresher.reloads == 0
    assert window.itinerary.act_add.isEnabled() and window.attendees.act_add.isEnabled()
    window.tabs.setCurrentWidget(window.itinerary)
    window.itinerary.pick(window.item_model.rows()[0].id)
    window.tabs.setCurrentWidget(window.attendees)
    window.attendee_table.selectRow(0)
    assert window.itinerary.act_edit.isEnabled() and window.attendees.act_edit.isEnabled()
    window.tabs.setCurrentWidget(window.overview)
    window.run_command(DuplicateMission(window.db.engine, window.events, window.mission_id,
                                        "HKD-ALB-2027", window.current_mission().end_date,
                                        False))
    # Another mission is shown: the hidden tabs' current rows were the old mission's.
    assert window.current_mission().code == "HKD-ALB-2027"
    assert not window.itinerary.act_edit.isEnabled()
    assert not window.attendees.act_edit.isEnabled()
    assert window.itinerary.act_add.isEnabled()
