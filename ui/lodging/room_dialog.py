"""The dialog to add or edit a hotel room: its type, number, notes and who sleeps in it.

The guests to choose from are the people on the stay; someone already in another room of the
stay is shown with that room and cannot be ticked (one bed a night: models.lodging refuses it).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from i18n import _, ngettext, pick
from i18n.formatting import name_sort_key
from i18n.labels import ROOM_TYPES, label
from models import rules
from models.lodging import Guest, RoomData, StayRow
from ui.common import retranslate
from ui.common.form_dialog import FormDialog
from ui.common.styles import ERROR_STYLE
from ui.lodging.lodging_tab import guest_name

ID_ROLE = Qt.ItemDataRole.UserRole
BEDS = {"single": 1, "twin": 2, "double": 2}     # a suite takes as many as it is booked for


class RoomDialog(FormDialog):
    """Read `room()` after accept."""

    def __init__(self, stay: StayRow, data: RoomData | None = None,
                 kana: dict[int, tuple[str, str]] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("roomDialog")
        self.stay, self.data = stay, data
        self._checked = False
        self.room_type = QComboBox(objectName="room_type")
        for key in ROOM_TYPES:
            self.room_type.addItem("", key)
        self.room_label = QLineEdit(objectName="room_label")
        self.notes = QLineEdit(objectName="room_notes")
        self.guests = QListWidget(objectName="room_guests")
        self.error = QLabel(objectName="room_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.labels = {k: QLabel() for k in ("type", "label", "notes", "guests")}
        form = QFormLayout()
        for key, widget in (("type", self.room_type), ("label", self.room_label),
                            ("notes", self.notes), ("guests", self.guests)):
            self.labels[key].setBuddy(widget)
            form.addRow(self.labels[key], widget)
        form.addRow("", self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        body = QVBoxLayout()
        body.addWidget(self.hint)
        body.addLayout(form)
        self.set_form(body, self.buttons)
        self.setMinimumWidth(460)
        self._others: dict[int, str] = {}          # guest in another room -> that room
        self._fill_guests(kana or {})
        if data is not None:
            self.room_type.setCurrentIndex(max(0, self.room_type.findData(data.room_type)))
            self.room_label.setText(data.label)
            self.notes.setText(data.notes)
        retranslate.register(self)
        self.retranslate_ui()
        self.finish_form()

    def _fill_guests(self, kana: dict[int, tuple[str, str]]) -> None:
        mine = set(self.data.guest_ids) if self.data else set()
        rooms = self.stay.nights[0].rooms if self.stay.nights else ()
        people: dict[int, Guest] = {g.participant_id: g for g in self.stay.unroomed}
        for room in rooms:
            for guest in room.guests:
                people[guest.participant_id] = guest
                if room.id != (self.data.id if self.data else None):
                    self._others[guest.participant_id] = room.label or label(
                        ROOM_TYPES, room.room_type)

        def key(g: Guest) -> tuple:
            family_kana, given_kana = kana.get(g.participant_id, ("", ""))
            return name_sort_key(family=g.family_name, given=g.given_name,
                                 family_kana=family_kana, given_kana=given_kana)

        for guest in sorted(people.values(), key=key):
            item = QListWidgetItem()
            item.setData(ID_ROLE, guest.participant_id)
            item.setData(Qt.ItemDataRole.UserRole + 1, guest)
            flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
            if guest.participant_id in self._others:
                flags &= ~Qt.ItemFlag.ItemIsEnabled
            item.setFlags(flags)
            item.setCheckState(Qt.CheckState.Checked if guest.participant_id in mine
                               else Qt.CheckState.Unchecked)
            self.guests.addItem(item)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Edit room") if self.data else _("Add room"))
        self.hint.setText(_("A room is booked for every night of the stay: {hotel}.").format(
            hotel=pick(self.stay.title_en, self.stay.title_ja)[0]))
        for key, text in (("type", _("Room type")), ("label", _("Room number")),
                          ("notes", _("Notes")), ("guests", _("Guests"))):
            self.labels[key].setText(text)
        self.room_label.setPlaceholderText(_("e.g. 1203, or the booking reference"))
        for i, key in enumerate(ROOM_TYPES):
            self.room_type.setItemText(i, label(ROOM_TYPES, key))
        for i in range(self.guests.count()):
            item = self.guests.item(i)
            name = guest_name(item.data(Qt.ItemDataRole.UserRole + 1))
            other = self._others.get(item.data(ID_ROLE))
            item.setText(_("{name} (in room {room})").format(name=name, room=other) if other
                         else name)
        if self._checked:
            self._show(self.check())

    def guest_ids(self) -> tuple[int, ...]:
        """The ticked guests; someone in another room never counts, even if ticked."""
        items = [self.guests.item(i) for i in range(self.guests.count())]
        return tuple(item.data(ID_ROLE) for item in items
                     if item.checkState() == Qt.CheckState.Checked
                     and item.data(ID_ROLE) not in self._others)

    def room(self) -> RoomData:
        return RoomData(id=self.data.id if self.data else None, item_id=self.stay.item_id,
                        room_type=self.room_type.currentData(),
                        label=rules.clean(self.room_label.text()),
                        notes=rules.clean(self.notes.text()), guest_ids=self.guest_ids())

    def check(self) -> str:
        """What is wrong, in the current language; "" when all is well."""
        beds = BEDS.get(self.room_type.currentData())
        n = len(self.guest_ids())
        if beds is not None and n > beds:
            return ngettext("“{type}” sleeps {beds} guest; {n} are ticked.",
                            "“{type}” sleeps {beds} guests; {n} are ticked.", beds).format(
                type=self.room_type.currentText(), beds=beds, n=n)
        return ""

    def _show(self, problem: str) -> None:
        self.error.setText(problem)
        self.error.setVisible(bool(problem))

    def accept(self) -> None:
        problem = self.check()
        self._checked = True
        self._show(problem)
        if problem:
            self.guests.setFocus()
            return
        super().accept()
