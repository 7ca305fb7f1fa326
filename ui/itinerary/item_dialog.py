"""The dialog to add or edit an itinerary item: kind, titles and notes in both languages, each
end in its own place's clock and zone, place or site, transport, and who takes part.

Typing an airport code in From or To sets that end's zone. The times are checked as they are
typed: a local time that never happens, an unknown zone and an end that is not after the start
are said beside the field and keep the dialog open; an hour that happens twice asks which one.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from i18n import _, pick
from i18n.formatting import zone_name
from i18n.labels import ITEM_KINDS, label
from models.airports import airport, normalize_code
from models.entities import Site
from models.items import ItemData
from models.repository import AttendeeRow
from models.rules import normalize_phone
from models.zone_countries import zone_country
from ui.common import retranslate
from ui.common.form_dialog import FormDialog
from ui.common.styles import ERROR_STYLE, NOTE_STYLE
from ui.common.wording import not_a_phone
from ui.itinerary.people_picker import PeoplePicker
from ui.itinerary.time_checks import end_message, end_state, find_problems
from ui.itinerary.when_field import WhenField

TEXTS = ("title_en", "title_ja", "location_en", "location_ja", "carrier", "flight_number",
         "from_code", "to_code", "vehicle", "pickup", "driver_name", "driver_phone")
# A transfer's other end and its texts for the driver in Japanese, a stay's booking number:
# what the coach company's and the hotel's own documents print (issue 11).
GROUND_TEXTS = ("dropoff_en", "dropoff_ja", "vehicle_ja", "pickup_ja", "operator_en",
                "operator_ja", "driver_notes_en", "driver_notes_ja", "confirmation", "hotel_phone",
                "driver_name_ja")
# Who runs the leg: a flight's airline (the one-language "carrier"), a ground leg's company in
# both languages. Only the kind's own is shown, and the other is emptied on save.
FLIGHT_ONLY = ("carrier",)
GROUND_ONLY = ("operator_en", "operator_ja")
# Shown in Transport, beside their English twins; the rest of GROUND_TEXTS in their own group.
_IN_TRANSPORT = ("operator_en", "operator_ja", "driver_name_ja")
# Phone numbers, read in the country of the item's start and stored in E.164.
PHONES = ("driver_phone", "hotel_phone")


def _message() -> QLabel:
    text = QLabel()
    text.setWordWrap(True)
    text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    text.hide()
    return text


class ItemDialog(FormDialog):
    """Read `item()` after accept. `data` fills the fields (an edit or a duplicate); without
    it the item starts at 9:00 on `day` in `zone`."""

    def __init__(self, *, sites: list[Site], attendees: list[AttendeeRow], zones: list[str],
                 data: ItemData | None = None, editing: bool = False,
                 default_start: datetime | None = None, default_zone: str = "Asia/Tokyo",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("itemDialog")
        self._editing, self._checked = editing, False
        self.kind = QComboBox(objectName="kind")
        for key in ITEM_KINDS:
            self.kind.addItem("", key)
        self.fields = {k: QLineEdit(objectName=k) for k in TEXTS}
        self.fields.update({k: QLineEdit(objectName=k) for k in GROUND_TEXTS})
        self.notes = {k: QPlainTextEdit(objectName=k) for k in ("notes_en", "notes_ja")}
        for edit in self.notes.values():
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.start, self.end = WhenField(zones), WhenField(zones)
        self.start.setObjectName("start")
        self.end.setObjectName("end")
        self.site = QComboBox(objectName="site")
        self.site.addItem("", None)
        self._sites = {s.id: s for s in sites}
        for s in sites:
            self.site.addItem("", s.id)
        self.everyone, self.chosen = QRadioButton(), QRadioButton()
        self.people = PeoplePicker(attendees)
        self.people.list.setMinimumHeight(self.fontMetrics().lineSpacing() * 10)
        self.labels: dict[str, QLabel] = {}
        self.errors = {k: _message() for k in ("title", "start", "end", "driver_phone",
                                                "hotel_phone", "who")}
        self.airport_notes = {k: _message() for k in ("from_code", "to_code")}
        for note in self.airport_notes.values():
            note.setStyleSheet(NOTE_STYLE)
        self.groups = {k: QGroupBox() for k in ("item", "when", "place", "transport", "who",
                                                "ground")}
        self._build_layout()
        self._fill(data, default_start, default_zone)
        for field in (self.start, self.end):
            field.changed.connect(self._recheck)
        for key in ("title_en", "title_ja", *PHONES):
            self.fields[key].textChanged.connect(self._recheck)
        self.fields["from_code"].textEdited.connect(lambda t: self._airport("from_code", t))
        self.fields["to_code"].textEdited.connect(lambda t: self._airport("to_code", t))
        for key in PHONES:
            self.fields[key].editingFinished.connect(lambda key=key: self._tidy_phone(key))
        self.site.currentIndexChanged.connect(self._site_picked)
        self.kind.currentIndexChanged.connect(self._kind_picked)
        self._kind_picked()
        self.everyone.toggled.connect(lambda on: (self.people.setEnabled(not on),
                                                  self._recheck()))
        self.people.changed.connect(self._recheck)
        retranslate.register(self)
        self.retranslate_ui()
        self.finish_form()

    # layout ----------------------------------------------------------------------------------
    def _grid(self, rows) -> QGridLayout:
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        for key, widget, message in rows:
            self.labels[key] = QLabel()
            self.labels[key].setBuddy(widget)
            row = grid.rowCount()
            grid.addWidget(self.labels[key], row, 0, Qt.AlignmentFlag.AlignTop
                           if isinstance(widget, QPlainTextEdit) else Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(widget, row, 1)
            if message is not None:
                grid.addWidget(message, row + 1, 1)
        return grid

    def _build_layout(self) -> None:
        f = self.fields
        self.groups["item"].setLayout(self._grid([
            ("kind", self.kind, None), ("title_en", f["title_en"], None),
            ("title_ja", f["title_ja"], self.errors["title"]),
            ("notes_en", self.notes["notes_en"], None),
            ("notes_ja", self.notes["notes_ja"], None)]))
        self.groups["when"].setLayout(self._grid([
            ("start", self.start, self.errors["start"]), ("end", self.end, self.errors["end"])]))
        self.groups["place"].setLayout(self._grid([
            ("site", self.site, None), ("location_en", f["location_en"], None),
            ("location_ja", f["location_ja"], None)]))
        self.groups["transport"].setLayout(self._grid([
            ("carrier", f["carrier"], None), ("flight_number", f["flight_number"], None),
            ("from_code", f["from_code"], self.airport_notes["from_code"]),
            ("to_code", f["to_code"], self.airport_notes["to_code"]),
            ("vehicle", f["vehicle"], None), ("pickup", f["pickup"], None),
            ("operator_en", f["operator_en"], None), ("operator_ja", f["operator_ja"], None),
            ("driver_name", f["driver_name"], None),
            ("driver_name_ja", f["driver_name_ja"], None),
            ("driver_phone", f["driver_phone"], self.errors["driver_phone"])]))
        self.groups["ground"].setLayout(self._grid([(k, f[k], self.errors.get(k))
                                                    for k in GROUND_TEXTS
                                                    if k not in _IN_TRANSPORT]))
        who = QVBoxLayout()
        who.addWidget(self.everyone)
        who.addWidget(self.chosen)
        who.addWidget(self.people, 1)
        who.addWidget(self.errors["who"])
        self.groups["who"].setLayout(who)
        left, right = QVBoxLayout(), QVBoxLayout()
        for key in ("item", "when", "place", "ground"):
            left.addWidget(self.groups[key])
        left.addStretch(1)
        right.addWidget(self.groups["transport"])
        right.addWidget(self.groups["who"], 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.set_form(columns, self.buttons)
        metrics = self.fontMetrics()
        self.setMinimumWidth(metrics.horizontalAdvance("x") * 150)

    def _fill(self, data: ItemData | None, default_start: datetime | None, zone: str) -> None:
        if data is None:
            start = default_start or datetime.combine(datetime.now().date(), time(9))
            self.start.set_local(start.date(), start.time())
            self.end.set_local(start.date(), (start + timedelta(hours=1)).time())
            self.start.set_zone(zone)
            self.end.set_zone(zone)
            self.everyone.setChecked(True)
            self.people.setEnabled(False)
            return
        values = data.values
        self.kind.setCurrentIndex(max(0, self.kind.findData(values["kind"])))
        for key, edit in self.fields.items():
            edit.setText(values.get(key) or "")
            edit.setCursorPosition(0)      # a long text shows its start, not its end
        f = self.fields
        if values["kind"] != "flight" and f["carrier"].text() \
                and not (f["operator_en"].text() or f["operator_ja"].text()):
            # A ground leg's company typed as "carrier" before the transport company existed:
            # shown where it now belongs, so that saving moves it there.
            f["operator_en"].setText(f["carrier"].text())
            f["carrier"].clear()
        for key, edit in self.notes.items():
            edit.setPlainText(values.get(key) or "")
        self.start.set_instant(values["start_utc"], values["start_tz"])
        self.end.set_instant(values["end_utc"], values["end_tz"])
        self.site.setCurrentIndex(max(0, self.site.findData(values.get("site_id"))))
        (self.everyone if values.get("everyone", True) else self.chosen).setChecked(True)
        self.people.set_chosen(data.participant_ids)
        self.people.setEnabled(not values.get("everyone", True))

    # language --------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Edit item") if self._editing else _("Add item"))
        texts = {
            "kind": _("Kind"), "title_en": _("Title (English)"), "title_ja": _("Title (Japanese)"),
            "notes_en": _("Notes (English)"), "notes_ja": _("Notes (Japanese)"),
            "start": _("Start"), "end": _("End"), "site": _("Site"),
            "location_en": _("Place (English)"), "location_ja": _("Place (Japanese)"),
            "carrier": _("Carrier"), "flight_number": _("Flight number"),
            "from_code": _("From (airport)"), "to_code": _("To (airport)"),
            "vehicle": _("Vehicle"), "pickup": _("Pick-up point"),
            "driver_name": _("Driver"), "driver_phone": _("Driver's phone"),
            "driver_name_ja": _("Driver (Japanese)"),
        }
        texts.update({
            "dropoff_en": _("Drop-off (English)"), "dropoff_ja": _("Drop-off (Japanese)"),
            "vehicle_ja": _("Vehicle (Japanese)"), "pickup_ja": _("Pick-up point (Japanese)"),
            "operator_en": _("Transport company (English)"),
            "operator_ja": _("Transport company (Japanese)"),
            "driver_notes_en": _("Notes for the driver (English)"),
            "driver_notes_ja": _("Notes for the driver (Japanese)"),
            "confirmation": _("Hotel confirmation number"),
            "hotel_phone": _("Hotel phone")})
        self.groups["ground"].setTitle(_("Transfer and stay details for the receivers"))
        for key, text in texts.items():
            self.labels[key].setText(text)
        for key, text in (("item", _("Item")), ("when", _("When (each end in its own place's "
                                                             "clock)")),
                          ("place", _("Place")), ("transport", _("Transport")),
                          ("who", _("Who takes part"))):
            self.groups[key].setTitle(text)
        for i, key in enumerate(ITEM_KINDS):
            self.kind.setItemText(i, label(ITEM_KINDS, key))
        self.site.setItemText(0, _("(no site)"))
        for i in range(1, self.site.count()):
            s = self._sites[self.site.itemData(i)]
            self.site.setItemText(i, pick(s.name_en, s.name_ja)[0])
        self.everyone.setText(_("Everyone in the mission"))
        self.chosen.setText(_("Only the people ticked below"))
        self.fields["from_code"].setPlaceholderText(_("e.g. HND"))
        self.fields["to_code"].setPlaceholderText(_("e.g. JFK"))
        for field in (self.start, self.end):
            field.retranslate_ui()
        self.people.retranslate_ui()
        for key in self.airport_notes:            # the names change language, not the zones
            self._airport(key, self.fields[key].text(), set_zone=False)
        self._recheck()

    # reactions -------------------------------------------------------------------------------
    def _airport(self, key: str, text: str, *, set_zone: bool = True) -> None:
        """A known code names its airport beside the field and, as it is typed, sets that
        end's zone."""
        note = self.airport_notes[key]
        code = normalize_code(text)
        found = airport(code) if code else None
        if found is not None:
            if set_zone:
                (self.start if key == "from_code" else self.end).set_zone(found.tz)
            note.setText(_("{airport}: times in {zone}").format(
                airport=pick(found.name_en, found.name_ja)[0], zone=zone_name(found.tz)))
        elif len(code) >= 3:
            note.setText(_("Not in the airport table: pick the zone yourself."))
        note.setVisible(bool(code) and (found is not None or len(code) >= 3))

    def _kind_picked(self, _index: int = 0) -> None:
        flight = self.kind.currentData() == "flight"
        for key in FLIGHT_ONLY + GROUND_ONLY:
            shown = flight == (key in FLIGHT_ONLY)
            self.fields[key].setVisible(shown)
            self.labels[key].setVisible(shown)

    def _site_picked(self, _index: int) -> None:
        site = self._sites.get(self.site.currentData())
        # A visit is on the site's clock; a flight or transfer keeps its airports' zones.
        if site is not None and self.kind.currentData() not in ("flight", "transfer"):
            self.start.set_zone(site.tz)
            self.end.set_zone(site.tz)

    def check(self) -> dict[str, str]:
        errors = find_problems(title_en=self.fields["title_en"].text(),
                               title_ja=self.fields["title_ja"].text(),
                               start=self.start.end(), end=self.end.end())
        for key, field in (("start", self.start), ("end", self.end)):
            if typed := field.problem():          # what cannot be read comes before the rest
                errors[key] = typed
        for key in PHONES:
            if self._phone(key) is None:
                errors[key] = not_a_phone()
        if self.chosen.isChecked() and not self.people.chosen():
            errors["who"] = _("Tick at least one person, or choose everyone.")
        return errors

    def _tidy_phone(self, key: str) -> None:
        phone = self._phone(key)
        if phone:
            self.fields[key].setText(phone)

    def _phone(self, key: str) -> str | None:
        """The driver's or the hotel's number in E.164; a national number is read in the
        country of the item's start (a Japanese coach company gives 090-…, a Sapporo hotel
        011-…), None when it is not a number."""
        country = zone_country(self.start.end().zone) or ""
        return normalize_phone(self.fields[key].text(), country)

    def _recheck(self) -> None:
        """Times are checked as they are typed; a missing title only after a save attempt."""
        errors = self.check()
        if not self._checked:
            errors.pop("title", None)
            errors.pop("driver_phone", None)
            errors.pop("hotel_phone", None)
            errors.pop("who", None)
        for key, message in self.errors.items():
            text = errors.get(key, "")
            style = ERROR_STYLE
            if not text and key in ("start", "end"):
                field = self.start if key == "start" else self.end
                if end_state(field.end()) == "twice":
                    text, style = end_message(field.end()), NOTE_STYLE
            message.setText(text)
            message.setStyleSheet(style)
            message.setVisible(bool(text))

    # result ----------------------------------------------------------------------------------
    def item(self) -> ItemData:
        start, end = self.start.end(), self.end.end()
        values = {key: edit.text().strip() for key, edit in self.fields.items()}
        for key in GROUND_ONLY if self.kind.currentData() == "flight" else FLIGHT_ONLY:
            values[key] = ""          # hidden for this kind: nothing the organizer cannot see
        values["from_code"] = normalize_code(values["from_code"])
        values["to_code"] = normalize_code(values["to_code"])
        for key in PHONES:
            values[key] = self._phone(key) or ""
        values.update({key: edit.toPlainText().strip() for key, edit in self.notes.items()})
        values.update(kind=self.kind.currentData(), site_id=self.site.currentData(),
                      start_utc=start.instant(), start_tz=start.zone,
                      end_utc=end.instant(), end_tz=end.zone,
                      everyone=self.everyone.isChecked())
        return ItemData(values, tuple(self.people.chosen()))

    def accept(self) -> None:
        self._checked = True
        self._recheck()
        errors = self.check()
        if errors:
            first = min(errors, key=list(self.errors).index)
            {"title": self.fields["title_en"], "start": self.start.time,
             "end": self.end.time, "driver_phone": self.fields["driver_phone"],
             "hotel_phone": self.fields["hotel_phone"], "who": self.people.filter}[first].setFocus()
            return
        super().accept()
