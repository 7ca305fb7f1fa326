"""The item dialog driven as a user would, in the window on the demo database: airport codes
fill the zones, times are checked beside the fields, a repeated hour asks which one."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from models import repository as repo
from models.items import get_item
from models.store.db import read_session
from tests.dialogs import when_modal
from tests.tabs import on_tab
from tests.test_window import type_japanese

window = on_tab("itinerary")


def lines(picker, shown_only=False) -> list[tuple[str, bool]]:
    """The people list as it is drawn: each line's text and whether its box is ticked."""
    rows = picker.shown() if shown_only else range(picker.model.rowCount())
    return [(picker.model.index(n).data(),
             picker.model.index(n).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked)
            for n in rows]


def tick_shown(picker, n: int = 0) -> None:
    """Tick or untick the n-th line the filter shows, as a person does: Space on it."""
    picker.list.setCurrentIndex(picker.model.index(picker.shown()[n]))
    QTest.keyClick(picker.list, Qt.Key.Key_Space)


def click_box(picker, n: int = 0) -> None:
    """Click the box of the n-th line the filter shows, where the style draws it."""
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    index = picker.model.index(picker.shown()[n])
    option = QStyleOptionViewItem()
    picker.list.initViewItemOption(option)
    option.rect = picker.list.visualRect(index)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    box = picker.list.style().subElementRect(
        QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, picker.list)
    QTest.mouseClick(picker.list.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, box.center())


def _items(window):
    with read_session(window.db.engine) as session:
        return repo.list_items(session, mission_id=window.mission_id)


def _open_add(qtbot, window, act) -> dict:
    """Open the Add item dialog, run `act(dialog)` in it; what it saw is returned."""
    seen: dict = {}
    when_modal(lambda dialog: act(dialog, seen))
    window.itinerary.act_add.trigger()
    return seen


def test_typing_airport_codes_fills_each_end_zone(qtbot, window):
    def act(dialog, seen):
        dialog.start.set_zone("UTC")
        dialog.end.set_zone("UTC")
        qtbot.keyClicks(dialog.fields["from_code"], "hnd")
        qtbot.keyClicks(dialog.fields["to_code"], "ALB")
        seen["zones"] = (dialog.start.zone.zone(), dialog.end.zone.zone())
        seen["note"] = dialog.airport_notes["to_code"].text()
        qtbot.keyClicks(dialog.fields["to_code"], "X")           # ALBX: not an airport
        seen["unknown"] = dialog.airport_notes["to_code"].text()
        dialog.reject()

    seen = _open_add(qtbot, window, act)
    assert seen["zones"] == ("Asia/Tokyo", "America/New_York")
    assert seen["note"] == "Albany International Airport: times in Eastern Time"
    assert "Not in the airport table" in seen["unknown"]


def test_an_end_before_the_start_is_said_beside_the_end_with_both_zones(qtbot, window):
    count = len(_items(window))

    def act(dialog, seen):
        dialog.fields["title_en"].setText("NH 109 back to Tokyo")
        qtbot.keyClicks(dialog.fields["from_code"], "JFK")
        qtbot.keyClicks(dialog.fields["to_code"], "HND")
        dialog.start.set_local(date(2026, 12, 12), time(13, 0))
        dialog.end.set_local(date(2026, 12, 12), time(17, 15))  # forgot that it lands next day
        dialog.accept()
        seen["open"] = dialog.isVisible()
        seen["message"] = dialog.errors["end"].text()
        seen["shown"] = dialog.errors["end"].isVisible()
        dialog.end.set_local(date(2026, 12, 13), time(17, 15))
        seen["after"] = dialog.errors["end"].isVisible()
        dialog.reject()

    seen = _open_add(qtbot, window, act)
    assert seen["open"] and seen["shown"] and not seen["after"]
    assert "(Sat, Dec 12, 5:15 PM JST)" in seen["message"]
    assert "(Sat, Dec 12, 1:00 PM EST)" in seen["message"]
    assert "3:15 AM EST" in seen["message"]
    assert len(_items(window)) == count


def test_the_fall_back_hour_asks_which_one_and_saves_the_choice(qtbot, window):
    def act(dialog, seen):
        type_japanese(dialog.fields["title_ja"], "早朝の電話会議")
        dialog.start.set_zone("America/New_York")
        dialog.end.set_zone("America/New_York")
        dialog.start.set_local(date(2026, 11, 1), time(1, 30))
        dialog.end.set_local(date(2026, 11, 1), time(2, 30))
        fold = dialog.start.fold
        seen["visible"] = fold.isVisible()
        seen["choices"] = [fold.itemText(i) for i in range(fold.count())]
        seen["default"] = fold.currentIndex()
        seen["note"] = dialog.errors["start"].text()
        seen["end_asks"] = dialog.end.fold.isVisible()           # 2:30 happens once
        fold.setCurrentIndex(1)
        dialog.accept()

    seen = _open_add(qtbot, window, act)
    assert seen["visible"] and seen["default"] == 0 and not seen["end_asks"]
    assert seen["choices"] == ["1:30 AM EDT (UTC\u22124)", "1:30 AM EST (UTC\u22125)"]
    assert "happens twice" in seen["note"]
    added = next(r for r in _items(window) if r.title_ja == "早朝の電話会議")
    assert added.start_utc == datetime(2026, 11, 1, 6, 30, tzinfo=UTC)   # 1:30 EST


def test_a_time_in_the_spring_forward_gap_is_refused_with_the_next_valid_time(qtbot, window):
    def act(dialog, seen):
        dialog.fields["title_en"].setText("Early call")
        dialog.start.set_zone("America/New_York")
        dialog.end.set_zone("America/New_York")
        dialog.start.set_local(date(2026, 3, 8), time(2, 30))
        dialog.end.set_local(date(2026, 3, 8), time(4, 0))
        seen["message"] = dialog.errors["start"].text()
        dialog.accept()
        seen["open"] = dialog.isVisible()
        dialog.start.set_local(date(2026, 3, 8), time(3, 0))
        seen["after"] = dialog.errors["start"].isVisible()
        dialog.accept()

    count = len(_items(window))
    seen = _open_add(qtbot, window, act)
    assert seen["open"] and not seen["after"]
    assert seen["message"] == ("2:30 AM does not exist on Sun, Mar 8, 2026 in Eastern Time: "
                               "the clocks go forward that night. The next valid time is "
                               "3:00 AM EDT.")
    assert len(_items(window)) == count + 1


def test_a_missing_title_and_nobody_chosen_keep_the_dialog_open(qtbot, window):
    def act(dialog, seen):
        dialog.chosen.setChecked(True)
        dialog.accept()
        seen["title"] = dialog.errors["title"].isVisible()
        seen["who"] = dialog.errors["who"].text()
        dialog.people.filter.setText("kobayashi")
        seen["filtered"] = [text for text, _ticked in lines(dialog.people, shown_only=True)]
        tick_shown(dialog.people)
        dialog.fields["title_en"].setText("Consulate briefing")
        dialog.accept()

    seen = _open_add(qtbot, window, act)
    assert seen["title"] and seen["who"] == "Tick at least one person, or choose everyone."
    assert seen["filtered"] == ["Daisuke Kobayashi"]
    added = next(r for r in _items(window) if r.title_en == "Consulate briefing")
    assert not added.everyone and added.participant_count == 1


def test_editing_keeps_the_repeated_hour_that_was_chosen(qtbot, window):
    test_the_fall_back_hour_asks_which_one_and_saves_the_choice(qtbot, window)
    added = next(r for r in _items(window) if r.title_ja == "早朝の電話会議")
    seen = {}

    def look(dialog):
        seen["fold"] = dialog.start.fold.currentIndex()
        dialog.reject()

    when_modal(look)
    window.item_actions.edit(added.id)
    assert seen["fold"] == 1


def test_a_drivers_phone_is_read_in_the_country_of_the_ride_and_checked_on_saving(
        qtbot, window):
    def act(dialog, seen):
        dialog.kind.setCurrentIndex(dialog.kind.findData("transfer"))
        dialog.fields["title_en"].setText("Transfer to the hotel")
        dialog.start.set_zone("Asia/Tokyo")
        dialog.end.set_zone("Asia/Tokyo")
        qtbot.keyClicks(dialog.fields["driver_name"], "Sapporo Taxi (Mr. Ono)")
        qtbot.keyClicks(dialog.fields["driver_phone"], "12345")
        seen["while_typing"] = dialog.errors["driver_phone"].isVisible()
        dialog.accept()                                      # refused: not a number
        seen["open"] = dialog.isVisible()
        seen["error"] = dialog.errors["driver_phone"].text()
        seen["focus"] = dialog.focusWidget() is dialog.fields["driver_phone"]
        dialog.fields["driver_phone"].setText("090-5550-1999")  # as a Japanese driver gives it
        dialog.accept()

    seen = _open_add(qtbot, window, act)
    assert not seen["while_typing"] and seen["open"] and seen["focus"]
    assert seen["error"].startswith("Not a phone number")
    with read_session(window.db.engine) as session:
        item_id = next(r.id for r in _items(window) if r.title_en == "Transfer to the hotel")
        values = get_item(session, item_id=item_id).values
    assert (values["driver_name"], values["driver_phone"]) == ("Sapporo Taxi (Mr. Ono)",
                                                               "+819055501999")


def test_a_flight_shows_its_carrier_and_a_ground_leg_its_company_with_the_drivers_japanese(
        qtbot, window):
    def act(dialog, seen):
        dialog.kind.setCurrentIndex(dialog.kind.findData("flight"))
        seen["flight"] = {k: dialog.fields[k].isVisible()
                          for k in ("carrier", "operator_en", "operator_ja")}
        qtbot.keyClicks(dialog.fields["carrier"], "JAL")       # then the kind is changed
        dialog.kind.setCurrentIndex(dialog.kind.findData("transfer"))
        seen["transfer"] = {k: dialog.fields[k].isVisible()
                            for k in ("carrier", "operator_en", "operator_ja")}
        seen["label"] = dialog.labels["driver_name_ja"].text()
        dialog.fields["title_en"].setText("Transfer to the dinner")
        dialog.start.set_zone("Asia/Tokyo")
        dialog.end.set_zone("Asia/Tokyo")
        qtbot.keyClicks(dialog.fields["operator_en"], "Sapporo Taxi")
        qtbot.keyClicks(dialog.fields["driver_name"], "Mr. Ono")
        type_japanese(dialog.fields["driver_name_ja"], "小野様")
        dialog.accept()

    seen = _open_add(qtbot, window, act)
    assert seen["flight"] == {"carrier": True, "operator_en": False, "operator_ja": False}
    assert seen["transfer"] == {"carrier": False, "operator_en": True, "operator_ja": True}
    assert seen["label"] == "Driver (Japanese)"
    with read_session(window.db.engine) as session:
        item_id = next(r.id for r in _items(window) if r.title_en == "Transfer to the dinner")
        values = get_item(session, item_id=item_id).values
    # The carrier typed while it was a flight is not kept hidden in a transfer.
    assert (values["carrier"], values["operator_en"]) == ("", "Sapporo Taxi")
    assert (values["driver_name"], values["driver_name_ja"]) == ("Mr. Ono", "小野様")


def test_a_ground_legs_old_carrier_is_shown_and_saved_as_its_transport_company(qtbot):
    from models.items import ItemData
    from ui.itinerary.item_dialog import ItemDialog

    start = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)
    values = {"kind": "transfer", "title_en": "Coach", "carrier": "Chitose Coach Lines",
              "start_utc": start, "start_tz": "Asia/Tokyo",
              "end_utc": start.replace(hour=2), "end_tz": "Asia/Tokyo", "everyone": True}
    dialog = ItemDialog(sites=[], attendees=[], zones=[], data=ItemData(values), editing=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.fields["carrier"].isVisible()
    assert dialog.fields["operator_en"].text() == "Chitose Coach Lines"
    saved = dialog.item().values
    assert (saved["carrier"], saved["operator_en"]) == ("", "Chitose Coach Lines")


def test_the_people_list_keeps_its_ticks_through_a_filter_a_reset_and_a_language_switch(
        qtbot, window):
    """The list is built once per language and ticked in place: what is ticked, shown and
    counted must still follow every way of changing it."""
    import i18n
    from ui.itinerary.people_picker import PeoplePicker

    with read_session(window.db.engine) as session:
        attendees = repo.list_attendees(session, mission_id=window.mission_id)
    picker = PeoplePicker(attendees)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)
    ids = [a.participant_id for a in attendees]
    kobayashi = next(a.participant_id for a in attendees if a.family_name == "Kobayashi")
    others = [pid for pid in ids if pid != kobayashi][:2]

    picker.set_chosen([*others, kobayashi])
    assert sorted(picker.chosen()) == sorted([*others, kobayashi])
    assert sum(ticked for _text, ticked in lines(picker)) == 3
    assert picker.count.text() == f"3 of {len(ids)} chosen"
    picker.filter.setText("kobayashi")
    picker.set_chosen(others)                       # the filter stays, Kobayashi unticked
    assert lines(picker, shown_only=True) == [("Daisuke Kobayashi", False)]
    assert sorted(picker.chosen()) == sorted(others)
    with qtbot.waitSignal(picker.changed):
        tick_shown(picker)
    assert kobayashi in picker.chosen() and picker.count.text() == f"3 of {len(ids)} chosen"
    with qtbot.waitSignal(picker.changed):
        click_box(picker)                           # the mouse on the box: unticked again
    assert kobayashi not in picker.chosen() and picker.count.text() == f"2 of {len(ids)} chosen"
    click_box(picker)
    assert kobayashi in picker.chosen()
    i18n.set_language("ja")
    picker.retranslate_ui()
    assert ("小林 大輔", True) in lines(picker)
    assert sorted(picker.chosen()) == sorted([*others, kobayashi])
    assert picker.count.text() == f"{len(ids)}名中3名を選択"
    assert lines(picker, shown_only=True) == [("小林 大輔", True)]    # the filter holds in Japanese


def test_a_tick_counts_as_a_change_and_escape_asks_before_dropping_it(qtbot, window):
    from PySide6.QtWidgets import QMessageBox

    def act(dialog, seen):
        dialog.chosen.setChecked(True)
        dialog.mark_unchanged()                      # "only the people ticked", none yet
        tick_shown(dialog.people)
        seen["ticked"] = dialog.people.chosen()
        asked = []
        when_modal(lambda box: (asked.append(box.text()), box.button(
            QMessageBox.StandardButton.Cancel).click()), QMessageBox)
        QTest.keyClick(dialog.people.list, Qt.Key.Key_Escape)
        seen["asked"], seen["open"] = bool(asked), dialog.isVisible()
        tick_shown(dialog.people)                    # untick: as it was
        QTest.keyClick(dialog.people.list, Qt.Key.Key_Escape)
        seen["closed"] = not dialog.isVisible()

    count = len(_items(window))
    seen = _open_add(qtbot, window, act)
    assert len(seen["ticked"]) == 1
    assert seen["asked"] and seen["open"] and seen["closed"]
    assert len(_items(window)) == count
