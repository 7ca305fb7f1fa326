"""Sensible defaults for a new item: it starts where the one before it ended (time, zone, the
airport or place), an airport code sets its end's zone, a flight's titles are made from its
carrier, number and airports unless typed, and hotel stays are added from the Lodging tab."""

from __future__ import annotations

import os
from datetime import date, datetime, time

import pytest

import i18n
from models import repository as repo
from models.store.db import read_session
from tests.dialogs import when_modal
from tests.test_window import switch_language
from ui.itinerary.item_defaults import flight_titles

SHOTS = os.environ.get("KAKEHASHI_SHOTS")


def _shot(widget, name: str) -> None:
    if SHOTS:
        widget.grab().save(os.path.join(SHOTS, f"{name}-{i18n.current_language()}.png"))


@pytest.mark.parametrize("fields, titles", [
    (("ANA", "NH 110", "hnd", "jfk"), ("Flight NH 110 HND → JFK", "NH 110便 HND → JFK")),
    (("JL", "4", "JFK", "ALB"), ("Flight JL 4 JFK → ALB", "JL 4便 JFK → ALB")),
    (("DL", "123", "", ""), ("Flight DL 123", "DL 123便")),
    (("", "", "HND", "JFK"), ("", "")),
])
def test_flight_titles_are_made_in_both_languages(fields, titles):
    assert flight_titles(*fields) == titles


def _row(window, title_start: str):
    with read_session(window.db.engine) as s:
        return next(r for r in repo.list_items(s, mission_id=window.mission_id)
                    if r.title_en.startswith(title_start))


def _count(window) -> int:
    with read_session(window.db.engine) as s:
        return len(repo.list_items(s, mission_id=window.mission_id))


def _add_after(qtbot, window, title_start: str, act) -> dict:
    window.tabs.setCurrentWidget(window.itinerary)
    assert window.itinerary.select_item(_row(window, title_start).id)
    seen: dict = {}
    when_modal(lambda dialog: act(dialog, seen))
    window.itinerary.act_add.trigger()
    return seen


def test_an_item_added_after_a_flight_starts_where_it_landed(qtbot, window):
    def act(dialog, seen):
        start, end = dialog.start.end(), dialog.end.end()
        seen["start"] = (start.local, start.zone)
        seen["end"] = (end.local, end.zone)
        seen["from"] = dialog.fields["from_code"].text()
        dialog.kind.setCurrentIndex(dialog.kind.findData("transfer"))
        qtbot.keyClicks(dialog.fields["to_code"], "alb")      # Albany: its end's zone
        seen["end_zone"] = dialog.end.end().zone
        _shot(dialog, "item-after-flight")
        dialog.reject()

    seen = _add_after(qtbot, window, "Flight Tokyo Haneda to New York", act)
    assert seen["start"] == (datetime(2026, 12, 9, 16, 45), "America/New_York")
    assert seen["end"] == (datetime(2026, 12, 9, 17, 45), "America/New_York")
    assert seen["from"] == "JFK" and seen["end_zone"] == "America/New_York"


def test_an_item_after_a_visit_keeps_its_place_and_site(qtbot, window):
    visit = _row(window, "Site visit: Rapidus")

    def act(dialog, seen):
        seen["site"] = dialog.site.currentData()
        seen["zone"] = dialog.start.end().zone
        seen["start"] = dialog.start.end().instant()
        dialog.reject()

    seen = _add_after(qtbot, window, "Site visit: Rapidus", act)
    with read_session(window.db.engine) as s:
        from models.items import get_item
        before = get_item(s, item_id=visit.id).values
    assert seen == {"site": before["site_id"], "zone": "Asia/Tokyo",
                    "start": before["end_utc"]}


def test_a_flights_title_is_made_until_one_is_typed_and_saved(qtbot, window):
    count = _count(window)

    def act(dialog, seen):
        dialog.kind.setCurrentIndex(dialog.kind.findData("flight"))
        dialog.fields["from_code"].clear()
        qtbot.keyClicks(dialog.fields["carrier"], "JL")
        qtbot.keyClicks(dialog.fields["flight_number"], "4")
        qtbot.keyClicks(dialog.fields["from_code"], "JFK")
        qtbot.keyClicks(dialog.fields["to_code"], "HND")
        seen["made"] = (dialog.fields["title_en"].text(), dialog.fields["title_ja"].text())
        dialog.fields["title_en"].setText("JL 4 home")             # typed by hand: kept
        qtbot.keyClicks(dialog.fields["flight_number"], "4")       # JL 44
        seen["typed"] = (dialog.fields["title_en"].text(), dialog.fields["title_ja"].text())
        dialog.end.set_local(date(2026, 12, 13), time(18, 0))
        dialog.accept()

    seen = _add_after(qtbot, window, "Flight Tokyo Haneda to New York", act)
    assert seen["made"] == ("Flight JL 4 JFK → HND", "JL 4便 JFK → HND")
    assert seen["typed"] == ("JL 4 home", "JL 44便 JFK → HND")
    assert _count(window) == count + 1
    assert _row(window, "JL 4 home").title_ja == "JL 44便 JFK → HND"


def test_a_hotel_stay_is_added_from_the_lodging_tab(qtbot, window):
    window.tabs.setCurrentWidget(window.lodging_tab)
    tab = window.lodging_tab
    before = len(tab.stays)

    def act(dialog, seen):
        seen["kind"] = dialog.kind.currentData()
        start, end = dialog.start.end(), dialog.end.end()
        seen["times"] = (start.local.time(), end.local.time(),
                         (end.local.date() - start.local.date()).days)
        dialog.fields["title_en"].setText("Hotel: Albany Marriott")
        _shot(dialog, "stay-from-lodging")
        dialog.accept()

    when_modal(lambda dialog: act(dialog, seen))
    seen: dict = {}
    tab.add_stay_button.click()
    assert seen["kind"] == "hotel" and seen["times"] == (time(15), time(11), 1)
    tab.refresher.flush()
    assert len(tab.stays) == before + 1
    assert window.tabs.currentWidget() is tab                  # it stays on the Lodging tab
    window.undo()
    tab.refresher.flush()
    assert len(tab.stays) == before


def test_the_lodging_tab_button_speaks_japanese(qtbot, window):
    switch_language(qtbot, window, "ja")
    window.tabs.setCurrentWidget(window.lodging_tab)
    assert window.lodging_tab.add_stay_button.text() == "宿泊を追加(&S)…"
    _shot(window.lodging_tab, "lodging-tab")
