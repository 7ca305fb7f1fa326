"""The plan at a glance: list times in full with their zone and day mark, the timeline's clocks
in one order (the mission's home side first), zones named as people call them, a toolbar."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QToolButton

import i18n
from i18n.formatting import zone_name
from tests.test_window import switch_language
from ui.common.zones import ZoneCombo, zone_label
from ui.itinerary.day_layout import clock_order


@pytest.mark.parametrize("language, tokyo, new_york", [
    ("en", "Japan Time", "Eastern Time"), ("ja", "日本時間", "米国東部時間")])
def test_zones_are_named_for_people_from_cldr(language, tokyo, new_york):
    i18n.set_language(language)
    assert zone_name("Asia/Tokyo") == tokyo and zone_name("America/New_York") == new_york
    assert zone_label("America/New_York") == f"{new_york} (America/New_York)"
    assert zone_name("UTC") == "UTC" and zone_label("UTC") == "UTC"   # the id is its name


def test_the_zone_field_gives_ids_however_the_zone_was_chosen(qtbot):
    combo = ZoneCombo()
    qtbot.addWidget(combo)
    combo.set_zone("America/Chicago")
    assert combo.currentText() == "Central Time (America/Chicago)"
    assert combo.zone() == "America/Chicago"
    combo.setCurrentText("Europe/Paris")                # typed: any IANA id
    assert combo.zone() == "Europe/Paris"
    combo.set_zone("America/Chicago")
    i18n.set_language("ja")
    combo.retranslate_ui()
    assert combo.currentText() == "米国中部時間 (America/Chicago)"
    assert combo.zone() == "America/Chicago"


def test_the_home_side_clock_comes_first_every_day():
    assert clock_order("Asia/Tokyo", "Asia/Tokyo") == ("Asia/Tokyo", "America/New_York")
    assert clock_order("America/New_York", "Asia/Tokyo") == ("Asia/Tokyo", "America/New_York")
    assert clock_order("America/Chicago", "Asia/Tokyo") == ("Asia/Tokyo", "America/Chicago")
    assert clock_order("Asia/Tokyo", "America/New_York") == ("America/New_York", "Asia/Tokyo")


def test_timeline_clocks_keep_their_order_across_the_pacific(window):
    tab = window.itinerary
    window.tabs.setCurrentWidget(tab)
    seen = set()
    for day in (date(2026, 12, 7), date(2026, 12, 9), date(2026, 12, 11), date(2026, 12, 13)):
        tab.set_day(day)
        seen.add(tab.timeline.layout_.clocks)
    assert seen == {("Asia/Tokyo", "America/New_York")}


@pytest.mark.parametrize("language", ["en", "ja"])
def test_every_start_and_end_shows_in_full_in_its_column(qtbot, window, language):
    if language == "ja":
        switch_language(qtbot, window, "ja")
    tab = window.itinerary
    window.tabs.setCurrentWidget(tab)
    tab.refresher.flush()
    model, table = tab.model, tab.table
    keys = [c.key for c in model.columns]
    metrics = table.fontMetrics()
    marks = 0
    for key in ("start", "end"):
        column = keys.index(key)
        width = table.columnWidth(column)
        for row in range(model.rowCount()):
            text = model.index(row, column).data()
            marks += "+1" in text
            assert metrics.horizontalAdvance(text) + 8 <= width, text
    assert marks >= 3                                     # the overnight stays and flight


def test_the_toolbar_holds_the_main_actions_in_both_languages(qtbot, window):
    bar = window.toolbar
    actions = bar.actions()
    for action in (window.act_new, window.attendees.act_add, window.itinerary.act_add,
                   window.act_import, window.act_export, window.act_undo, window.act_find):
        assert action in actions and not action.icon().isNull()
    texts = {bar.widgetForAction(a).text() for a in actions if isinstance(
        bar.widgetForAction(a), QToolButton)}
    assert {"New mission", "Add attendee", "Find", "Undo"} <= texts
    switch_language(qtbot, window, "ja")
    texts = {bar.widgetForAction(a).text() for a in actions if isinstance(
        bar.widgetForAction(a), QToolButton)}
    assert {"新規ミッション", "参加者の追加", "検索", "元に戻す"} <= texts
