"""The dialog for who interprets at an item (a meal, a visit, a courtesy call), and whether the
item needs an interpreter at all (the readiness panel reports one that has none)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from i18n import _, pick
from ui.common import retranslate
from ui.common.form_dialog import KeyboardDialog
from ui.common.styles import NOTE_STYLE
from ui.meetings.tab_data import Person

ID_ROLE = Qt.ItemDataRole.UserRole


class InterpreterDialog(KeyboardDialog):
    """Read `value()` after accept: (needed, interpreter ids)."""

    def __init__(self, title: tuple[str, str], interpreters: list[Person], needed: bool,
                 chosen: tuple[int, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("interpreterDialog")
        self.title = title
        self.needed = QCheckBox(objectName="interpreter_needed", checked=needed)
        self.people = QListWidget(objectName="interpreter_people")
        for p in interpreters:
            item = QListWidgetItem(p.name())
            item.setData(ID_ROLE, p.participant_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if p.participant_id in chosen
                               else Qt.CheckState.Unchecked)
            self.people.addItem(item)
        self.hint = QLabel(wordWrap=True)
        self.hint.setStyleSheet(NOTE_STYLE)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.needed)
        layout.addWidget(self.people, 1)
        layout.addWidget(buttons)
        self.setMinimumWidth(400)
        retranslate.register(self)
        self.retranslate_ui()
        self.finish_form()

    def value(self) -> tuple[bool, tuple[int, ...]]:
        items = [self.people.item(i) for i in range(self.people.count())]
        return self.needed.isChecked(), tuple(sorted(
            i.data(ID_ROLE) for i in items if i.checkState() == Qt.CheckState.Checked))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Interpreters"))
        self.hint.setText(_("Who interprets at “{item}”. Attendees of the role Interpreter "
                            "are listed.").format(item=pick(*self.title)[0]))
        self.needed.setText(_("This item &needs an interpreter"))
