"""Every dialog walked with the keyboard only: Tab and Shift+Tab visit each field once in reading
order and come back; dates and times are typed as a person writes them; Escape asks before
dropping what was typed; messages never move the buttons; each dialog fits a 1280x720 screen."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QMessageBox,
    QRadioButton,
    QScrollArea,
    QScrollBar,
    QWidget,
)

import i18n
from models.lodging import StayRow
from tests.dialogs import when_modal
from ui.attendees.attendee_dialog import AttendeeDialog
from ui.attendees.bulk_edit import BulkEditDialog
from ui.common.reading_order import reading_order
from ui.find.find_dialog import FindDialog
from ui.find.find_index import FindIndex
from ui.itinerary.item_dialog import ItemDialog
from ui.itinerary.move_dialog import MoveDialog
from ui.lodging.room_dialog import RoomDialog
from ui.missions.duplicate_dialog import DuplicateDialog
from ui.missions.mission_dialog import MissionDialog
from ui.sharing.share_dialog import JoinDialog, ShareDialog
from ui.sites.site_dialog import SiteDialog

LAPTOP = QRect(0, 0, 1280, 720)


def _settings():
    import tempfile

    from PySide6.QtCore import QSettings
    return QSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"), QSettings.Format.IniFormat)


def _mission_row():
    from models.repository import MissionRow
    return MissionRow(id=1, code="HKD-ALB-2026", title_en="Albany", title_ja="オールバニ",
                      start_date=date(2026, 12, 7), end_date=date(2026, 12, 13),
                      home_tz="Asia/Tokyo", status="planning", organizer_ids=())


DIALOGS = {
    "attendee": lambda: AttendeeDialog([], mission_end=date(2026, 12, 13), countries={"US"}),
    "item": lambda: ItemDialog(sites=[], attendees=[], zones=[]),
    "mission": lambda: MissionDialog([]),
    "duplicate": lambda: DuplicateDialog(_mission_row(), code_taken=lambda _c: False),
    "site": lambda: SiteDialog(),
    "room": lambda: RoomDialog(StayRow(item_id=1, title_en="Hotel", title_ja="", location_en="",
                                       location_ja="", check_in=date(2026, 12, 7),
                                       check_out=date(2026, 12, 9), nights=(), unroomed=())),
    "bulk": lambda: BulkEditDialog(3, []),
    "find": lambda: FindDialog(FindIndex([])),
    "share": lambda: ShareDialog("HKD-ALB-2026", "Albany", _settings()),
    "join": lambda: JoinDialog(_settings(), Path("/tmp")),
    "move": lambda: MoveDialog("Flight", datetime(2026, 12, 7, 1, tzinfo=UTC),
                               datetime(2026, 12, 7, 13, tzinfo=UTC), "Asia/Tokyo",
                               "America/New_York"),
}

# The fields in the order the eye reads them: rows left to right, the left column before the
# right one, the buttons last.
READING = {
    "attendee": ["family_name", "family_name_ja", "family_kana", "given_name", "given_name_ja",
                 "given_kana", "organization", "title_en", "title_ja", "role", "status", "email",
                 "phone", "citizenship", "visa_type", "date_of_birth", "passport_number",
                 "passport_issued", "passport_expiry", "dietary", "notes", "birth_country",
                 "passport_country",
                 "us_person", "employer", "visit_purpose", "escort"],
    "item": ["kind", "title_en", "title_ja", "notes_en", "notes_ja", "start.date", "start.time",
             "start.zone", "end.date", "end.time", "end.zone", "site", "location_en",
             "location_ja", "dropoff_en", "dropoff_ja", "vehicle_ja", "pickup_ja",
             "driver_notes_en", "driver_notes_ja", "confirmation", "carrier", "flight_number",
             "from_code", "to_code", "vehicle",
             "pickup", "driver_name", "driver_phone", "everyone"],
    "mission": ["code", "title_en", "title_ja", "start", "end", "zone", "status", "organizers"],
    "share": ["server_url", "organizer", "password"],
    "join": ["server_url", "organizer", "password", "code", "location", "browse"],
}


def _name(widget: QWidget, dialog) -> str:
    for attr in ("start", "end"):
        field = getattr(dialog, attr, None)
        if hasattr(field, "zone") and widget in (getattr(field, "date", None),
                                                 getattr(field, "time", None), field.zone):
            part = "zone" if widget is field.zone else widget.objectName()
            return f"{attr}.{part}"
    for attr, value in vars(dialog).items():
        if value is widget and not widget.objectName():
            return attr
    return widget.objectName() or type(widget).__name__


def _show(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    QApplication.processEvents()


def _stops(dialog) -> list:
    """Where Tab stops: a group of radio buttons is one stop, at its chosen button."""
    return [w for w in reading_order(dialog) if w.isVisible() and w.isEnabled() and not (
        isinstance(w, QRadioButton) and w.autoExclusive() and not w.isChecked())]


def _is_input(widget: QWidget, dialog) -> bool:
    """A field a person fills, as Qt sees it (not the inner box of a combo or spin box)."""
    inner = isinstance(widget.parent(), (QComboBox, QAbstractSpinBox))
    return (widget.isVisible() and widget.isEnabled() and not inner
            and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
            and not isinstance(widget, (QScrollBar, QScrollArea))
            and not (isinstance(widget, QRadioButton) and not widget.isChecked()))


def _walk(dialog, key=Qt.Key.Key_Tab, modifier=Qt.KeyboardModifier.NoModifier) -> list:
    chain = _stops(dialog)
    chain[0].setFocus()
    QApplication.processEvents()
    seen = []
    for _step in range(len(chain) + 1):
        seen.append(QApplication.focusWidget())
        QTest.keyClick(QApplication.focusWidget(), key, modifier)
        QApplication.processEvents()
    return seen


@pytest.mark.parametrize("name", DIALOGS)
@pytest.mark.parametrize("language", ["en", "ja"])
def test_tab_visits_every_field_once_and_shift_tab_goes_back(qtbot, name, language):
    i18n.set_language(language)
    dialog = DIALOGS[name]()
    _show(qtbot, dialog)
    chain = _stops(dialog)
    forward = _walk(dialog)
    assert forward[:-1] == chain and forward[-1] is chain[0]     # round, nothing trapped
    names = [_name(w, dialog) for w in forward[:-1]]
    if name in READING:
        fields = [n for n in names if not n.startswith("QPushButton")]
        assert fields == READING[name]
    assert len(set(forward[:-1])) == len(chain)                 # each once
    backward = _walk(dialog, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert backward[:-1] == [chain[0], *reversed(chain[1:])]
    inputs = [w for w in dialog.findChildren(QWidget) if _is_input(w, dialog)]
    missing = {_name(w, dialog) for w in inputs} - set(names)
    assert not missing, f"fields Tab never reaches: {missing}"


def test_typing_a_birth_date_then_tab_leaves_the_field(qtbot):
    dialog = DIALOGS["attendee"]()
    _show(qtbot, dialog)
    dialog.fields["visa_type"].setFocus()
    for text in ("ESTA", "1/2/1990", "X"):
        QTest.keyClicks(QApplication.focusWidget(), text)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.date_of_birth.value() == date(1990, 1, 2)
    assert dialog.date_of_birth.text() == "1/2/1990"
    assert dialog.fields["passport_number"].text() == "X"


@pytest.mark.parametrize("typed, expected", [
    ("3/8/2027", date(2027, 3, 8)), ("2027-03-08", date(2027, 3, 8)),
    ("2027/3/8", date(2027, 3, 8)), ("Mar 8, 2027", date(2027, 3, 8)),
    ("20270308", date(2027, 3, 8))])
def test_a_first_day_typed_in_any_form_is_read_and_shown_with_four_digits(qtbot, typed,
                                                                           expected):
    dialog = DIALOGS["mission"]()
    _show(qtbot, dialog)
    dialog.start.setFocus()
    dialog.start.selectAll()
    QTest.keyClicks(dialog.start, typed)
    QTest.keyClick(dialog.start, Qt.Key.Key_Tab)
    assert dialog.values()["start_date"] == expected
    assert dialog.start.text() == "3/8/2027"
    assert QApplication.focusWidget() is dialog.end


def test_japanese_shows_and_reads_the_year_first(qtbot):
    i18n.set_language("ja")
    dialog = DIALOGS["mission"]()
    _show(qtbot, dialog)
    dialog.start.setText("2027年3月8日")
    dialog.start.editingFinished.emit()
    assert dialog.start.text() == "2027/03/08"
    assert dialog.values()["start_date"] == date(2027, 3, 8)


@pytest.mark.parametrize("typed, words", [
    ("3/8/27", "four digits"), ("2/30/2027", "no such day"), ("next week", "Not a date")])
def test_an_ambiguous_or_impossible_day_is_refused_beside_the_field(qtbot, typed, words):
    dialog = DIALOGS["mission"]()
    _show(qtbot, dialog)
    dialog.code.setText("ALB-2027")
    dialog.title_en.setText("Albany")
    dialog.start.setText(typed)
    dialog.accept()
    assert dialog.isVisible() and dialog.result() == 0
    assert words.casefold() in dialog.errors["start"].text().casefold()
    assert dialog.errors["start"].isVisible()
    dialog.start.setText("3/8/2027")                  # fixed: the message goes as it is fixed
    assert not dialog.errors["start"].isVisible()


@pytest.mark.parametrize("typed, expected", [
    ("14:30", time(14, 30)), ("2:30 pm", time(14, 30)), ("1430", time(14, 30)),
    ("9", time(9, 0))])
def test_typing_the_hour_takes_effect(qtbot, typed, expected):
    dialog = DIALOGS["item"]()
    _show(qtbot, dialog)
    dialog.start.set_zone("UTC")
    dialog.end.set_zone("UTC")
    dialog.start.set_local(date(2026, 12, 8), time(8))
    dialog.end.set_local(date(2026, 12, 8), time(23))
    dialog.start.time.setFocus()
    dialog.start.time.selectAll()
    QTest.keyClicks(dialog.start.time, typed)
    QTest.keyClick(dialog.start.time, Qt.Key.Key_Tab)
    dialog.fields["title_en"].setText("Meeting")
    assert dialog.item().values["start_utc"].replace(tzinfo=None) == datetime.combine(
        date(2026, 12, 8), expected)
    QTest.keyClick(dialog.start.time, Qt.Key.Key_Up)    # the arrows still step it
    assert dialog.start.local() == datetime.combine(date(2026, 12, 8), expected) + timedelta(
        minutes=15)


def test_a_time_that_is_no_time_is_refused_beside_the_field(qtbot):
    dialog = DIALOGS["item"]()
    _show(qtbot, dialog)
    dialog.fields["title_en"].setText("Meeting")
    dialog.start.time.setText("25:00")
    assert "no such time" in dialog.errors["start"].text()
    dialog.accept()
    assert dialog.isVisible() and QApplication.focusWidget() is dialog.start.time
    dialog.start.time.setText("10:00")
    assert not dialog.errors["start"].isVisible()


def test_messages_do_not_move_the_buttons(qtbot):
    dialog = DIALOGS["item"]()
    _show(qtbot, dialog)
    size, save = dialog.size(), dialog.buttons.geometry()
    dialog.start.set_local(date(2026, 12, 8), time(10))
    dialog.end.set_local(date(2026, 12, 8), time(9))       # ends before it starts
    dialog.fields["from_code"].setText("ZZZ")
    dialog._airport("from_code", "ZZZ")
    dialog.accept()                                          # no title either
    QApplication.processEvents()
    assert dialog.errors["end"].isVisible() and dialog.errors["title"].isVisible()
    assert dialog.size() == size and dialog.buttons.geometry() == save


@pytest.mark.parametrize("name", DIALOGS)
@pytest.mark.parametrize("language", ["en", "ja"])
def test_every_dialog_fits_a_1280_by_720_laptop(qtbot, name, language):
    i18n.set_language(language)
    dialog = DIALOGS[name]()
    _show(qtbot, dialog)
    if hasattr(dialog, "fit_to"):
        dialog.fit_to(LAPTOP)
        QApplication.processEvents()
    frame = dialog.frameGeometry().size() - dialog.geometry().size()
    assert dialog.width() + frame.width() <= LAPTOP.width()
    assert dialog.height() + frame.height() <= LAPTOP.height()
    buttons = getattr(dialog, "buttons", None)              # Find has none: Enter goes
    assert buttons is None or (buttons.isVisible()
                               and dialog.rect().contains(buttons.geometry()))


def test_escape_with_changes_asks_first(qtbot):
    dialog = DIALOGS["attendee"]()
    _show(qtbot, dialog)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)                  # nothing typed: just closes
    assert not dialog.isVisible()
    dialog = DIALOGS["attendee"]()
    _show(qtbot, dialog)
    QTest.keyClicks(dialog.fields["family_name"], "Sato")
    asked = []
    when_modal(lambda box: (asked.append(box.text()), box.button(
        QMessageBox.StandardButton.Cancel).click()), QMessageBox)
    QTest.keyClick(dialog.fields["family_name"], Qt.Key.Key_Escape)
    assert asked and dialog.isVisible() and dialog.fields["family_name"].text() == "Sato"
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Discard).click(),
               QMessageBox)
    QTest.keyClick(dialog.fields["family_name"], Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == 0


def test_the_first_run_window_fits_the_screen(window):
    window.fit_first_run(LAPTOP)
    frame = window.frameGeometry().size() - window.geometry().size()
    assert window.width() + frame.width() <= 1280 and window.height() + frame.height() <= 720
    window.fit_first_run(QRect(0, 0, 3840, 2160))
    assert 1280 <= window.width() < 3840 and window.height() < 2160


def test_a_date_committed_by_a_japanese_input_method_is_read(qtbot):
    from tests.test_window import type_japanese

    i18n.set_language("ja")
    dialog = DIALOGS["mission"]()
    _show(qtbot, dialog)
    dialog.start.selectAll()
    type_japanese(dialog.start, "２０２７年３月８日")       # full-width digits, as an IME types
    QTest.keyClick(dialog.start, Qt.Key.Key_Tab)
    assert dialog.values()["start_date"] == date(2027, 3, 8)
    assert dialog.start.text() == "2027/03/08" and QApplication.focusWidget() is dialog.end
