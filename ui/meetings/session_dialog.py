"""The dialog for a 商談会's slots: slot length, break between slots and number of tables, with
how many slots the session's time then holds."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from i18n import _, ngettext
from models import meetings as mt
from ui.common import retranslate
from ui.common.form_dialog import KeyboardDialog
from ui.common.styles import NOTE_STYLE


class SessionDialog(KeyboardDialog):
    """Read `settings()` after accept."""

    def __init__(self, row: mt.SessionRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sessionDialog")
        self.row = row
        self.slot = QSpinBox(objectName="slot_minutes", minimum=5, maximum=240, singleStep=5)
        self.pause = QSpinBox(objectName="break_minutes", minimum=0, maximum=120, singleStep=5)
        self.tables = QSpinBox(objectName="tables", minimum=1, maximum=500)
        self.slot.setValue(row.settings.slot_minutes)
        self.pause.setValue(row.settings.break_minutes)
        self.tables.setValue(row.settings.tables)
        self.labels = {k: QLabel() for k in ("slot", "pause", "tables")}
        self.count = QLabel(objectName="slotCount", wordWrap=True)
        self.count.setStyleSheet(NOTE_STYLE)
        form = QFormLayout()
        for key, widget in (("slot", self.slot), ("pause", self.pause),
                            ("tables", self.tables)):
            self.labels[key].setBuddy(widget)
            form.addRow(self.labels[key], widget)
        form.addRow("", self.count)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        for spin in (self.slot, self.pause, self.tables):
            spin.valueChanged.connect(self._update_count)
        self.setMinimumWidth(380)
        retranslate.register(self)
        self.retranslate_ui()
        self.finish_form()

    def settings(self) -> mt.SessionData:
        return mt.SessionData(self.row.item_id, self.slot.value(), self.pause.value(),
                              self.tables.value())

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Slots and tables"))
        for key, text in (("slot", _("&Slot length")), ("pause", _("&Break between slots")),
                          ("tables", _("&Tables"))):
            self.labels[key].setText(text)
        for spin in (self.slot, self.pause):
            spin.setSuffix(_(" min"))
        self._update_count()

    def _update_count(self) -> None:
        n = len(mt.slot_times(self.row.start, self.row.end, self.settings()))
        self.count.setText(ngettext(
            "The session's time holds {n} slot: {meetings} meetings at most.",
            "The session's time holds {n} slots: {meetings} meetings at most.", n).format(
            n=n, meetings=n * self.tables.value()))
