"""Small dialogs of the Protocol page: the mission's rule for interpreters' breaks, moving a
person to another seat (the picture also takes a drag or the keyboard), and adding a speaker."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from i18n import _
from ui.common import retranslate
from ui.common.form_dialog import KeyboardDialog
from ui.common.styles import NOTE_STYLE


def _buttons(dialog: KeyboardDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class BreakRuleDialog(KeyboardDialog):
    """Read `rule()` after accept: (minutes at work at most, minutes of a break)."""

    def __init__(self, rule: tuple[int, int], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("breakRuleDialog")
        self.work = QDoubleSpinBox(objectName="workHours", minimum=0.5, maximum=16,
                                   singleStep=0.25, decimals=2)
        self.work.setValue(rule[0] / 60)
        self.pause = QSpinBox(objectName="breakMinutes", minimum=5, maximum=240, singleStep=5)
        self.pause.setValue(rule[1])
        self.labels = {k: QLabel() for k in ("work", "pause")}
        self.note = QLabel(wordWrap=True)
        self.note.setStyleSheet(NOTE_STYLE)
        form = QFormLayout()
        for key, widget in (("work", self.work), ("pause", self.pause)):
            self.labels[key].setBuddy(widget)
            form.addRow(self.labels[key], widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(_buttons(self))
        self.setMinimumWidth(420)
        retranslate.register(self)
        self.retranslate_ui()
        self.finish_form()

    def rule(self) -> tuple[int, int]:
        return round(self.work.value() * 60), self.pause.value()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Interpreters' breaks"))
        self.labels["work"].setText(_("&Hours at work at most"))
        self.labels["pause"].setText(_("&Break of at least"))
        self.work.setSuffix(_(" h"))
        self.pause.setSuffix(_(" min"))
        self.note.setText(_("An interpreter working longer than this without a break of this "
                            "length is listed on the Overview, for each day."))


class SeatMoveDialog(KeyboardDialog):
    """Read `choice()` after accept: (participant, table, seat). `people`: (id, name) of
    those taking part; `seats`: (table, seat, text saying who sits there now)."""

    def __init__(self, people: list[tuple[int, str]], seats: list[tuple[int, int, str]],
                 current: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("seatMoveDialog")
        self.person = QComboBox(objectName="seatPerson")
        for pid, name in people:
            self.person.addItem(name, pid)
        self.person.setCurrentIndex(max(0, self.person.findData(current)))
        self.seat = QComboBox(objectName="seatTarget")
        self._seats = seats
        for n, (_table, _seat, _who) in enumerate(seats):
            self.seat.addItem("", n)
        self.labels = {k: QLabel() for k in ("person", "seat")}
        form = QFormLayout()
        for key, widget in (("person", self.person), ("seat", self.seat)):
            self.labels[key].setBuddy(widget)
            form.addRow(self.labels[key], widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self))
        self.setMinimumWidth(460)
        retranslate.register(self)
        self.retranslate_ui()
        self.finish_form()

    def choice(self) -> tuple[int, int, int]:
        table, seat, _who = self._seats[self.seat.currentData()]
        return self.person.currentData(), table, seat

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Move to another seat"))
        self.labels["person"].setText(_("&Who"))
        self.labels["seat"].setText(_("&To seat"))
        for n, (table, seat, who) in enumerate(self._seats):
            text = _("Table {table}, seat {seat}").format(table=table, seat=seat + 1)
            self.seat.setItemText(n, _("{seat} (now: {who})").format(seat=text, who=who)
                                  if who else _("{seat} (free)").format(seat=text))


class SpeakerDialog(KeyboardDialog):
    """Read `choice()` after accept: the participant who also greets, added last. `people`:
    (id, name) of those taking part who are not on the list of speakers yet."""

    def __init__(self, people: list[tuple[int, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("speakerDialog")
        self.person = QComboBox(objectName="speakerPerson")
        for pid, name in people:
            self.person.addItem(name, pid)
        self.label = QLabel()
        self.label.setBuddy(self.person)
        form = QFormLayout()
        form.addRow(self.label, self.person)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self))
        self.setMinimumWidth(420)
        retranslate.register(self)
        self.retranslate_ui()
        self.finish_form()

    def choice(self) -> int:
        return self.person.currentData()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Add a speaker"))
        self.label.setText(_("&Who also greets (added last)"))
