"""Every dialog walked with the keyboard only: Tab and Shift+Tab visit each field once in reading
order and come back; dates and times are typed as a person writes them; Escape asks before
dropping what was typed; messages never move the buttons; each dialog fits a 1280x720 screen."""

from __future__ import annotations

import re
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
from models.entities import Site
from models.lodging import RoomData, StayRow
from tests.dialogs import when_modal
from tests.test_recovery import damaged  # noqa: F401  (a fixture)
from ui.attendees.attendee_dialog import AttendeeDialog
from ui.attendees.bulk_edit import BulkEditDialog
from ui.common.form_dialog import FormDialog, form_state
from ui.common.merge_dialog import MergeDialog
from ui.common.reading_order import reading_order
from ui.find.find_dialog import FindDialog
from ui.find.find_index import FindIndex
from ui.itinerary.item_dialog import ItemDialog
from ui.itinerary.move_dialog import MoveDialog
from ui.lodging.assign_rooms import AssignRoomsDialog
from ui.lodging.room_dialog import RoomDialog
from ui.meetings.gift_dialog import GiftDialog
from ui.meetings.protocol_dialogs import BreakRuleDialog, SeatMoveDialog, SpeakerDialog
from ui.missions.consulate_dialog import ConsulateDialog
from ui.missions.duplicate_dialog import DuplicateDialog
from ui.missions.mission_dialog import MissionDialog
from ui.sharing.share_dialog import JoinDialog, ShareDialog
from ui.sites.site_dialog import SiteDialog
from ui.sites.site_picker import SitePicker

LAPTOP = QRect(0, 0, 1280, 720)


_SETTINGS_FOLDER: list[Path] = []       # this test's tmp_path, for the dialogs' settings


@pytest.fixture(autouse=True)
def settings_folder(tmp_path):
    _SETTINGS_FOLDER[:] = [tmp_path]
    yield
    _SETTINGS_FOLDER.clear()


def _settings():
    from PySide6.QtCore import QSettings
    return QSettings(str(_SETTINGS_FOLDER[0] / "settings.ini"), QSettings.Format.IniFormat)


def _mission_row():
    from models.repository import MissionRow
    return MissionRow(id=1, code="HKD-ALB-2026", title_en="Albany", title_ja="オールバニ",
                      start_date=date(2026, 12, 7), end_date=date(2026, 12, 13),
                      home_tz="Asia/Tokyo", status="planning", organizer_ids=())


DIALOGS = {
    "attendee": lambda: AttendeeDialog([], mission_end=date(2026, 12, 13), countries={"US"}),
    "item": lambda: ItemDialog(sites=[], attendees=[], zones=[]),
    "mission": lambda: MissionDialog([]),
    "consulate": lambda: ConsulateDialog(),
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
    "assign_rooms": lambda: AssignRoomsDialog(None, [RoomData(None, 1, "twin", guest_ids=(1, 2))],
                                              {1: "Sato Hanako", 2: "Abe Mai"},
                                              unknown_sex=frozenset({2})),
    "site_picker": lambda: SitePicker([Site(id=1, name_en="Albany NanoTech Complex",
                                            address_en="257 Fuller Rd, Albany, NY 12203")]),
    "merge": lambda: MergeDialog(lambda: "Merge organizations", "Kioxia",
                                 [(1, "Kioxia Corporation"), (2, "KIOXIA")], lambda _i: ""),
    "gift": lambda: GiftDialog([(1, "Courtesy call", "表敬訪問",
                                 datetime(2026, 12, 10, 14, tzinfo=UTC), "America/New_York")],
                               {1: ("Masayuki Takahashi", False), 2: ("Michael Reynolds", True)}),
    "break": lambda: BreakRuleDialog((180, 30)),
    "seat": lambda: SeatMoveDialog([(1, "Masayuki Takahashi")], [(1, 0, ""), (1, 1, "Sato")]),
    "speaker": lambda: SpeakerDialog([(1, "Masayuki Takahashi"), (2, "Michael Reynolds")]),
}

# The fields in the order the eye reads them: rows left to right, the left column before the
# right one, the buttons last.
READING = {
    "attendee": ["family_name", "family_name_ja", "family_kana", "given_name", "given_name_ja",
                 "given_kana", "organization", "title_en", "title_ja", "role", "status", "email",
                 "phone", "citizenship", "visa_type", "date_of_birth", "sex", "passport_number",
                 "passport_issued", "passport_expiry", "dietary", "dietary_codes", "dietary_code",
                 "dietary_severity", "dietary_add", "dietary_read", "notes", "birth_country",
                 "passport_country",
                 "us_person", "employer", "visit_purpose", "escort"],
    "item": ["kind", "title_en", "title_ja", "notes_en", "notes_ja", "start.date", "start.time",
             "start.zone", "end.date", "end.time", "end.zone", "site", "location_en",
             "location_ja", "dropoff_en", "dropoff_ja", "vehicle_ja", "pickup_ja",
             "driver_notes_en", "driver_notes_ja", "confirmation", "hotel_phone", "carrier",
             "flight_number",
             "from_code", "to_code", "vehicle",
             "pickup", "driver_name", "driver_name_ja", "driver_phone", "everyone"],
    "mission": ["code", "title_en", "title_ja", "start", "end", "zone", "status", "organizers",
                "consulates", "consulate_add"],
    "consulate": ["country", "nationality", "name_en", "name_ja", "address_en", "address_ja",
                  "phone"],
    "gift": ["gift_item", "gift_gift_en", "gift_gift_ja", "gift_giver", "gift_recipient",
             "gift_recipient_en", "gift_recipient_ja", "gift_notes", "gift_bought",
             "gift_handed"],
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


def _check_walk(dialog, name: str) -> None:
    chain = _stops(dialog)
    forward = _walk(dialog)
    assert forward[:-1] == chain and forward[-1] is chain[0], name   # round, nothing trapped
    names = [_name(w, dialog) for w in forward[:-1]]
    if name in READING:
        fields = [n for n in names if not n.startswith("QPushButton")]
        assert fields == READING[name]
    assert len(set(forward[:-1])) == len(chain), name                # each once
    backward = _walk(dialog, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert backward[:-1] == [chain[0], *reversed(chain[1:])], name
    inputs = [w for w in dialog.findChildren(QWidget) if _is_input(w, dialog)]
    missing = {_name(w, dialog) for w in inputs} - set(names)
    assert not missing, f"{name}: fields Tab never reaches: {missing}"
    _check_mnemonics(dialog, name)


def _check_mnemonics(dialog, name: str) -> None:
    """Each Alt+letter of the dialog's labels, boxes and buttons is used once, and a label's
    letter goes to its field."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    letters: dict[str, str] = {}
    for widget in dialog.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, (QLabel, QAbstractButton)):
            continue
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue
        found = re.search(r"&([^&\s])", widget.text().replace("&&", ""))
        if found is None:
            continue
        letter = found[1].casefold()
        assert letter not in letters, f"{name}: Alt+{letter} on {letters.get(letter)!r} and " \
                                      f"{widget.text()!r}"
        letters[letter] = widget.text()
        if isinstance(widget, QLabel) and widget.buddy().isEnabled():
            _stops(dialog)[-1].setFocus()
            QTest.keyClick(dialog, found[1], Qt.KeyboardModifier.AltModifier)
            QApplication.processEvents()
            here = QApplication.focusWidget()
            assert here is widget.buddy() or widget.buddy().isAncestorOf(here), \
                f"{name}: Alt+{letter} ({widget.text()!r}) went to {here}"


@pytest.mark.parametrize("name", DIALOGS)
@pytest.mark.parametrize("language", ["en", "ja"])
def test_tab_visits_every_field_once_and_shift_tab_goes_back(qtbot, name, language):
    i18n.set_language(language)
    dialog = DIALOGS[name]()
    _show(qtbot, dialog)
    _check_walk(dialog, name)


def test_typing_a_birth_date_then_tab_leaves_the_field(qtbot):
    dialog = DIALOGS["attendee"]()
    _show(qtbot, dialog)
    dialog.fields["visa_type"].setFocus()
    for text in ("ESTA", "1/2/1990", "F", "X"):          # F picks Female in the Sex list
        QTest.keyClicks(QApplication.focusWidget(), text)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.date_of_birth.value() == date(1990, 1, 2)
    assert dialog.sex.currentData() == "F"
    assert dialog.date_of_birth.text() == "1/2/1990"
    assert dialog.fields["passport_number"].text() == "X"


def test_alt_down_opens_a_calendar_on_the_date_and_enter_picks_a_day(qtbot):
    dialog = DIALOGS["attendee"]()
    _show(qtbot, dialog)
    field = dialog.passport_expiry
    # Made when first asked for: a dialog's date fields that are only typed in make none.
    assert field.calendar is None and field.menu is None
    field.setFocus()
    QTest.keyClicks(field, "3/8/2031")
    QTest.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(field.menu.isVisible, timeout=2000)
    assert field.calendar.selectedDate().toPython() == date(2031, 3, 8)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)      # the next day
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert not field.menu.isVisible()
    assert field.value() == date(2031, 3, 9) and field.text() == "3/9/2031"
    assert QApplication.focusWidget() is field
    made = field.calendar
    QTest.keyClick(field, Qt.Key.Key_F4)                    # again: the same calendar
    qtbot.waitUntil(field.menu.isVisible, timeout=2000)
    assert field.calendar is made
    assert field.calendar.selectedDate().toPython() == date(2031, 3, 9)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert field.value() == date(2031, 3, 9)


def test_the_calendars_heading_puts_the_year_where_the_language_does(qtbot):
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QToolButton

    dialog = DIALOGS["attendee"]()
    _show(qtbot, dialog)
    field = dialog.passport_expiry
    field.set_value(date(2031, 3, 8))

    def heading() -> list[str]:
        field.show_calendar()
        qtbot.waitUntil(field.menu.isVisible, timeout=2000)
        bar = field.calendar.findChild(QWidget, "qt_calendar_navigationbar")
        shown = [bar.layout().itemAt(n).widget() for n in range(bar.layout().count())]
        field.menu.hide()
        return [w.text() for w in shown if isinstance(w, QToolButton) and w.objectName() in (
            "qt_calendar_monthbutton", "qt_calendar_yearbutton")]

    before = QLocale()
    try:
        assert heading() == ["March", "2031"]
        for code, locale, expected in (("ja", "ja_JP", ["2031年", "3月"]),   # 2031年3月
                                       ("en", "en_US", ["March", "2031"])):  # and back
            i18n.set_language(code)
            QLocale.setDefault(QLocale(locale))     # as the window's language keeper does
            assert heading() == expected
    finally:
        QLocale.setDefault(before)


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
    """Within the screen, its buttons in view, and a form whole across (it scrolls only up
    and down)."""
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
    if isinstance(dialog, FormDialog):                      # a form: as wide as its fields
        assert not dialog.scroll.horizontalScrollBar().isVisible()


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


MEETING_EDITS = {    # one change a person makes in each of the meetings dialogs added late
    "gift": lambda d: QTest.keyClicks(d.edits["gift_en"], "Sake cups"),
    "break": lambda d: d.pause.setValue(45),
    "seat": lambda d: d.seat.setCurrentIndex(1),
    "speaker": lambda d: d.person.setCurrentIndex(1),
}


@pytest.mark.parametrize("name", MEETING_EDITS)
def test_escape_on_a_meetings_dialog_asks_before_dropping_a_change(qtbot, name):
    dialog = DIALOGS[name]()
    _show(qtbot, dialog)
    _stops(dialog)[0].setFocus()
    _escape(dialog)                                   # nothing changed: closes at once
    assert not dialog.isVisible() and dialog.result() == 0
    dialog = DIALOGS[name]()
    _show(qtbot, dialog)
    _stops(dialog)[0].setFocus()
    MEETING_EDITS[name](dialog)
    before = form_state(dialog)
    asked = []
    when_modal(lambda box: (asked.append(box.text()), box.button(
        QMessageBox.StandardButton.Cancel).click()), QMessageBox)
    _escape(dialog)
    assert asked and dialog.isVisible() and form_state(dialog) == before, name
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Discard).click(),
               QMessageBox)
    _escape(dialog)
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


# The dialogs that show what the mission holds, made from the demo mission of a real window.
def _export(window):
    from ui.files.export_dialog import ExportDialog
    return ExportDialog(window.ctx.settings, window.ctx.current_mission().code)


def _receivers(window):
    from documents.workbook.for_receiver import Receivers
    from ui.files.export_dialog import export_folder
    from ui.files.receivers_dialog import ReceiversDialog
    code = window.ctx.current_mission().code
    return ReceiversDialog(window.ctx.settings, code, Receivers(window.ctx.engine, code=code),
                           export_folder(window.ctx.settings))


def _handouts(window):
    from documents.handouts.export import load
    from ui.files.handouts_dialog import HandoutsDialog
    loaded = load(window.ctx.engine, code=window.ctx.current_mission().code)
    return HandoutsDialog(window.ctx.settings, loaded)


def _organizations(window):
    from ui.attendees.organizations_dialog import OrganizationsDialog
    return OrganizationsDialog(window.ctx)


def _import(window, tmp_path):
    from documents.roster.reader import read_roster
    from models.repository import list_attendees
    from models.store.db import read_session
    from tests.test_roster_import import write_roster
    from ui.attendees.import_dialog import ImportDialog
    path = write_roster(tmp_path / "roster.xlsx", ["Name", "E-mail", "生年月日"], [
        ["Taro Yamada", "taro@example.jp", "昭和45年4月1日"],
        ["Hanako Sato", "not-an-address", "1980-02-03"]])
    with read_session(window.ctx.engine) as session:
        existing = list_attendees(session, mission_id=window.ctx.mission_id())
    return ImportDialog(read_roster(path), existing)


def _restore(window, tmp_path):
    from models.store.backup import BackupInfo
    from ui.files.restore_dialog import RestoreDialog
    return RestoreDialog([BackupInfo(tmp_path / f"b{n}.db", datetime(2026, 12, n + 1, 9),
                                     "daily", 1, 40_000) for n in range(3)])


def _save_mission(window, tmp_path):
    from ui.files.mission_file_dialog import SaveMissionDialog
    return SaveMissionDialog("HKD-ALB-2026", tmp_path)


def _changes(window, tmp_path):
    from ui.files.mission_file_dialog import ChangesDialog
    return ChangesDialog(tmp_path / "HKD.kakehashi", ["New attendee: Taro Yamada",
                                                      "Changed item: Fab tour"])


def _meetings(window):
    from models.meetings_demo import seed_meetings_demo
    from models.store.db import read_session
    from ui.meetings import tab_data
    with read_session(window.ctx.engine) as session:
        sessions = tab_data.load(session, mission_id=window.ctx.mission_id(),
                                 item_id=None).sessions
    if not sessions:
        seed_meetings_demo(window.ctx.engine, window.ctx.mission_id())
    with read_session(window.ctx.engine) as session:
        return tab_data.load(session, mission_id=window.ctx.mission_id(), item_id=None)


def _session(window):
    from ui.meetings.session_dialog import SessionDialog
    return SessionDialog(_meetings(window).sessions[0])


def _request(window):
    from ui.meetings.request_dialog import RequestDialog
    data = _meetings(window)
    return RequestDialog(data, data.sessions[0].item_id)


def _counterpart(window):
    from ui.meetings.counterpart_dialog import CounterpartDialog
    return CounterpartDialog(next(iter(_meetings(window).counterparts.values())))


def _counterparts(window):
    from ui.meetings.counterpart_dialog import CounterpartsDialog
    return CounterpartsDialog(list(_meetings(window).counterparts.values()))


def _interpreters(window):
    from ui.meetings.interpreter_dialog import InterpreterDialog
    people = list(_meetings(window).people.values())
    return InterpreterDialog(("Dinner", "夕食会"), people[:3], True,
                             (people[0].participant_id,))


def _ranks(window):
    from ui.meetings.rank_dialog import RankDialog
    people = _meetings(window).people
    return RankDialog(people, {next(iter(people)): 1})


WINDOW_DIALOGS = {
    "export": _export, "receivers": _receivers, "handouts": _handouts,
    "organizations": _organizations, "import": _import, "restore": _restore,
    "save_mission": _save_mission, "mission_changes": _changes, "session": _session,
    "request": _request, "counterpart": _counterpart, "counterparts": _counterparts,
    "interpreters": _interpreters, "ranks": _ranks,
}


def _make(name, window, tmp_path):
    make = WINDOW_DIALOGS[name]
    return make(window, tmp_path) if make.__code__.co_argcount == 2 else make(window)


@pytest.mark.parametrize("name", WINDOW_DIALOGS)
def test_the_mission_dialogs_walk_round_with_tab_and_back(qtbot, window, tmp_path, name):
    dialog = _make(name, window, tmp_path)
    _show(qtbot, dialog)
    _check_walk(dialog, name)


def test_the_mission_dialogs_walk_round_in_japanese_too(qtbot, window, tmp_path):
    window.ctx.settings.setValue("language", "ja")
    i18n.set_language("ja")
    for name in WINDOW_DIALOGS:
        dialog = _make(name, window, tmp_path)
        _show(qtbot, dialog)
        _check_walk(dialog, name)
        dialog.close()


EDITS = {    # one change a person makes in each dialog that holds something to lose
    "export": lambda d: d.path.setText("/tmp/elsewhere.xlsx"),
    "receivers": lambda d: d.unconfirmed.setChecked(True),
    "handouts": lambda d: d.kind.setCurrentIndex(1),
    "import": lambda d: d.combos[1].setCurrentIndex(0),
    "save_mission": lambda d: d.sensitive.setChecked(True),
    "session": lambda d: d.slot.setValue(d.slot.value() + 5),
    "request": lambda d: d.priority.setCurrentIndex(0),
    "counterpart": lambda d: QTest.keyClicks(d.edits["notes"], "Tea as a gift"),
    "interpreters": lambda d: d.people.item(1).setCheckState(Qt.CheckState.Checked),
    "ranks": lambda d: next(iter(d.spins.values())).setValue(7),
}


def _escape(dialog) -> None:
    QTest.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)
    QApplication.processEvents()


@pytest.mark.parametrize("name", WINDOW_DIALOGS)
def test_escape_on_a_mission_dialog_asks_only_when_something_was_changed(qtbot, window,
                                                                           tmp_path, name):
    dialog = _make(name, window, tmp_path)
    _show(qtbot, dialog)
    _stops(dialog)[0].setFocus()
    _escape(dialog)                                   # nothing changed: closes at once
    assert not dialog.isVisible() and dialog.result() == 0
    if name not in EDITS:             # lists whose changes are saved as they are made
        return
    dialog = _make(name, window, tmp_path)
    _show(qtbot, dialog)
    _stops(dialog)[0].setFocus()
    EDITS[name](dialog)
    asked = []
    when_modal(lambda box: (asked.append(box.text()), box.button(
        QMessageBox.StandardButton.Cancel).click()), QMessageBox)
    _escape(dialog)
    assert asked and dialog.isVisible(), name
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Discard).click(),
               QMessageBox)
    _escape(dialog)
    assert not dialog.isVisible() and dialog.result() == 0


def test_a_file_name_the_dialog_proposes_is_no_change_to_ask_about(qtbot, window):
    dialog = _receivers(window)
    _show(qtbot, dialog)
    first = dialog.path.text()
    dialog.receivers.setCurrentRow(dialog.receivers.count() - 1)     # another receiver
    assert dialog.path.text() != first and not dialog.has_changes()
    dialog.path.setText(dialog.path.text() + ".copy.xlsx")           # a name the user typed
    assert dialog.has_changes()


def test_the_recovery_question_is_answered_with_the_keyboard_and_escape_changes_nothing(
        qtbot, damaged):  # noqa: F811  (the fixture imported above)
    """Recovery asks in a message box at start-up: Tab reaches both answers, each has its
    Alt+letter, and Escape is "Quit", which leaves the damaged file as it was."""
    from models.store.db import open_database
    from models.store.errors import NotADatabase
    from ui.files.recovery_dialog import offer_backup

    seen = {}

    def answer(box) -> None:
        buttons = [b for b in box.buttons() if b.isVisible()]
        buttons[0].setFocus()
        QApplication.processEvents()
        for _step in buttons:
            seen.setdefault("visited", []).append(QApplication.focusWidget())
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            QApplication.processEvents()
        seen["buttons"], seen["texts"] = buttons, [b.text() for b in buttons]
        QTest.keyClick(box, Qt.Key.Key_Escape)

    before = damaged.read_bytes()
    when_modal(answer, must_close=True)
    assert offer_backup(damaged, error=NotADatabase(str(damaged)), db=None,
                        opener=open_database) is None
    assert set(seen["visited"]) == set(seen["buttons"]) and len(seen["buttons"]) == 2
    assert sorted(re.findall(r"&(\w)", " ".join(seen["texts"]))) == ["Q", "R"]
    assert damaged.read_bytes() == before


@pytest.mark.parametrize("name", ["site_picker", "merge"])
def test_a_picker_closes_on_escape_without_asking_since_it_holds_no_edit(qtbot, name):
    dialog = DIALOGS[name]()
    _show(qtbot, dialog)
    if name == "site_picker":
        QTest.keyClicks(dialog.filter, "Albany")
    else:
        dialog.target.setCurrentIndex(1)
    _escape(dialog)                          # a question here would fail the test unanswered
    assert not dialog.isVisible() and dialog.result() == 0
