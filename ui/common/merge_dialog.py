"""Asking which of two records to keep when joining two that are one (two sites, two
organizations): the other is picked from a list, most likely first, and what will move is said
before anything is done."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from i18n import _
from ui.common import retranslate
from ui.common.form_dialog import KeyboardDialog


class MergeDialog(KeyboardDialog):
    """`choices`: (id, label) of the records to merge into, the likeliest first; `describe(id)`
    says what the merge into that one moves."""

    def __init__(self, title: Callable[[], str], name: str, choices: list[tuple[int, str]],
                 describe: Callable[[int], str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self._title, self.name, self.describe = title, name, describe
        self.target = QComboBox(objectName="mergeTarget")
        for target_id, text in choices:
            self.target.addItem(text, target_id)
        self.target.currentIndexChanged.connect(self._explain)
        self.intro, self.label, self.effect = QLabel(), QLabel(), QLabel(objectName="mergeEffect")
        for label in (self.intro, self.effect):
            label.setWordWrap(True)
        self.label.setBuddy(self.target)
        # Our own button, not a standard one: a language change resets those to "OK".
        self.merge_button = QPushButton(objectName="merge")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.label, self.target)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.effect)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        retranslate.register(self)
        self.retranslate_ui()
        self.finish_form()

    def has_changes(self) -> bool:
        return False              # choosing what to merge into is no edit: Escape just cancels

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self._title())
        self.intro.setText(_("Merge “{name}” into another record that is the same. You can "
                             "undo this.").format(name=self.name))
        self.label.setText(_("&Keep:"))
        self.merge_button.setText(_("&Merge"))
        self._explain()

    def _explain(self, _index: int = 0) -> None:
        target = self.chosen()
        self.effect.setText(self.describe(target) if target is not None else "")

    def chosen(self) -> int | None:
        return self.target.currentData()
