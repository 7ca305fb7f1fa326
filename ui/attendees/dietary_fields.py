"""The attendee dialog's dietary needs as codes, each with its severity (models/dietary.py):
picked from the list of Japan's 28 allergens and the common diets, or read from the free text.

Until a code is picked or removed by hand, the codes follow the free text as it is typed (what
the roster import does too); after that they are the user's, and "Read from the text" hands
them back to the text. The whole dialog is one edit, undone with the others.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from i18n import _
from models.dietary import CODES, SEVERITIES, Need, decode, encode, read_dietary

_ROLE = Qt.ItemDataRole.UserRole


class DietaryCodes(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dietaryCodes")
        self.list = QListWidget(objectName="dietary_codes")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 10)
        self.list.currentItemChanged.connect(self._show_current)
        self.code = QComboBox(objectName="dietary_code")
        self.code.setMinimumContentsLength(14)     # "Buckwheat (soba)", "Salmon roe (ikura)"
        self.severity = QComboBox(objectName="dietary_severity")
        for key in CODES:
            self.code.addItem("", key)
        for key in SEVERITIES:
            self.severity.addItem("", key)
        self.add = QPushButton(objectName="dietary_add")
        self.remove = QPushButton(objectName="dietary_remove")
        self.read = QPushButton(objectName="dietary_read")
        self.add.clicked.connect(self._add)
        self.remove.clicked.connect(self._remove)
        self.code_label, self.severity_label = QLabel(), QLabel()
        self.code_label.setBuddy(self.code)
        self.severity_label.setBuddy(self.severity)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.list, 0, 0, 1, 4)
        grid.addWidget(self.code_label, 1, 0)
        grid.addWidget(self.code, 1, 1)
        grid.addWidget(self.severity_label, 1, 2)
        grid.addWidget(self.severity, 1, 3)
        grid.addWidget(self.add, 2, 1)
        grid.addWidget(self.remove, 2, 2)
        grid.addWidget(self.read, 2, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.following = True          # the codes are read from the free text as it changes
        self._needs: list[Need] = []

    # values ----------------------------------------------------------------------------------
    def needs(self) -> tuple[Need, ...]:
        return tuple(self._needs)

    def set_needs(self, needs, *, following: bool | None = None) -> None:
        self._needs = list(needs)
        if following is not None:
            self.following = following
        self._refill()

    def fill(self, person: dict) -> None:
        """The stored codes; they follow the text if they are what the text reads as."""
        needs = decode(person.get("dietary_codes") or "")
        read = read_dietary(person.get("dietary") or "").needs
        self.set_needs(needs, following=encode(needs) == encode(read))

    def text_changed(self, text: str) -> None:
        if self.following:
            self.set_needs(read_dietary(text).needs)

    def read_text(self, text: str) -> None:
        self.set_needs(read_dietary(text).needs, following=True)
        self.changed.emit()

    # editing ---------------------------------------------------------------------------------
    def _add(self) -> None:
        """Add the picked need, or give a listed one the picked severity."""
        code, severity = self.code.currentData(), self.severity.currentData()
        at = next((n for n, need in enumerate(self._needs) if need.code == code), None)
        if at is None:
            self._needs.append(Need(code, severity))
            at = len(self._needs) - 1
        else:
            self._needs[at] = Need(code, severity)
        self.following = False
        self._refill(select=at)
        self.changed.emit()

    def _remove(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self._needs):
            return
        del self._needs[row]
        self.following = False
        self._refill(select=min(row, len(self._needs) - 1))
        self.changed.emit()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.list.hasFocus():
            self._remove()
            return
        super().keyPressEvent(event)

    def _show_current(self, item: QListWidgetItem | None, _previous=None) -> None:
        """The chosen need's code and severity in the boxes below, to change its severity."""
        if item is None:
            return
        code, severity = item.data(_ROLE)
        self.code.setCurrentIndex(max(0, self.code.findData(code)))
        self.severity.setCurrentIndex(max(0, self.severity.findData(severity)))

    def _refill(self, select: int = -1) -> None:
        self.list.clear()
        for need in self._needs:
            item = QListWidgetItem(_("{need} — {severity}").format(
                need=_(CODES[need.code]), severity=_(SEVERITIES[need.severity])))
            item.setData(_ROLE, (need.code, need.severity))
            self.list.addItem(item)
        if select >= 0:
            self.list.setCurrentRow(select)
        self.remove.setEnabled(bool(self._needs))

    # language --------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        for n, key in enumerate(CODES):
            self.code.setItemText(n, _(CODES[key]))
        for n, key in enumerate(SEVERITIES):
            self.severity.setItemText(n, _(SEVERITIES[key]))
        self.code_label.setText(_("Need"))
        self.severity_label.setText(_("Severity"))
        self.add.setText(_("Add or change"))
        self.remove.setText(_("Remove"))
        self.read.setText(_("Read from the text"))
        self.list.setAccessibleName(_("Dietary needs as codes"))
        self.read.setToolTip(_("Replace the codes with those the free text names; they then "
                               "follow the text as it changes."))
        self._refill(self.list.currentRow())
