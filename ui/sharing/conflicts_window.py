"""The Conflicts window: the fields both this computer and a colleague changed since they last
synced, each with the value before (base), this computer's (mine) and the colleague's
(theirs); one is settled by keeping mine, taking theirs or typing a third value. Keyboard
only: the list has focus first; Alt+M keeps mine, Alt+T takes theirs, Alt+O goes to the other
value and Enter (or Alt+U) uses it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from i18n import N_, _, ngettext
from ui.common import retranslate
from ui.common.styles import ERROR_STYLE, NOTE_STYLE
from ui.common.table_model import Column, RowTableModel
from ui.common.tables import make_table
from ui.sharing.field_names import field_label, kind_label, value_text


def shown(value, conflict) -> str:
    return value_text(value, conflict.kind, conflict.field)


COLUMNS = (
    Column("what", N_("What"), lambda c: f"{kind_label(c.kind)}: {c.row_label}"),
    Column("field", N_("Field"), lambda c: field_label(c.field, c.what, c.kind)),
    Column("base", N_("Before"), lambda c: shown(c.base, c)),
    Column("mine", N_("Mine"), lambda c: shown(c.mine, c)),
    Column("theirs", N_("Theirs"), lambda c: shown(c.theirs, c)),
)


class ConflictsWindow(QDialog):
    """`load()` reads the mission's open conflicts through `read`; a choice emits `chosen`
    (number, take: "mine", "theirs" or the typed value), answered by `settled()` or
    `refused(message)` once the server has it."""

    chosen = Signal(int, str, bool)     # number, "mine"/"theirs" or the text, typed

    def __init__(self, read: Callable[[], tuple[str, list]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("conflictsWindow")
        self.read = read
        self.code = ""
        self.waiting = False
        self.intro, self.count = QLabel(wordWrap=True), QLabel(objectName="conflictCount")
        self.model = RowTableModel(COLUMNS, self)
        self.table = make_table(self.model, "conflictTable")
        self.table.setTabKeyNavigation(False)        # Tab leaves the list for the choices
        self.table.horizontalHeader().setMaximumSectionSize(
            self.fontMetrics().horizontalAdvance("x") * 28)
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * 10)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_current())
        self.base, self.mine, self.theirs = (QLineEdit(objectName=n, readOnly=True)
                                             for n in ("base", "mine", "theirs"))
        for shown_value in (self.base, self.mine, self.theirs):
            # Read, not typed: Tab goes from the list straight to the value to type.
            shown_value.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.other = QLineEdit(objectName="other")
        self.other.returnPressed.connect(self.take_other)
        self.keep_mine = QPushButton(objectName="keepMine", clicked=lambda: self.take("mine"))
        self.take_theirs = QPushButton(objectName="takeTheirs",
                                       clicked=lambda: self.take("theirs"))
        self.use_other = QPushButton(objectName="useOther", clicked=self.take_other)
        for button in (self.keep_mine, self.take_theirs, self.use_other):
            button.setAutoDefault(False)
        self.error = QLabel(objectName="error", wordWrap=True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.note = QLabel(wordWrap=True)
        self.note.setStyleSheet(NOTE_STYLE)
        self.labels = {k: QLabel() for k in ("base", "mine", "theirs", "other")}
        values = QFormLayout()
        for key, field in (("base", self.base), ("mine", self.mine), ("theirs", self.theirs),
                           ("other", self.other)):
            self.labels[key].setBuddy(field)
            values.addRow(self.labels[key], field)
        choices = QHBoxLayout()
        for button in (self.keep_mine, self.take_theirs, self.use_other):
            choices.addWidget(button)
        choices.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addLayout(values)
        layout.addLayout(choices)
        layout.addWidget(self.error)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        metrics = self.fontMetrics()
        self.resize(metrics.horizontalAdvance("x") * 120, metrics.lineSpacing() * 36)
        retranslate.register(self)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Conflicts — {code}").format(code=self.code) if self.code
                            else _("Conflicts"))
        self.intro.setText(_(
            "You and a colleague both changed these fields since you last synced, or one of "
            "you deleted what the other changed. Nothing was applied: choose the value to keep "
            "for each, or type another one."))
        self.labels["base"].setText(_("Before:"))
        self.labels["mine"].setText(_("Mine (this computer):"))
        self.labels["theirs"].setText(_("Theirs (from the server):"))
        self.labels["other"].setText(_("&Other value:"))
        self.keep_mine.setText(_("Keep &mine"))
        self.take_theirs.setText(_("Take &theirs"))
        self.use_other.setText(_("&Use the other value"))
        self.note.setText(_("Your choice is settled on the server at once, for the whole "
                            "team, so it has no undo: to change the value later, edit it as "
                            "usual. Without the server, the conflicts wait until it is "
                            "back."))
        current = self.current()
        self.model.retranslate()
        if self.model.rowCount():
            self.load()           # the rows' names in the new language (山田 太郎)
        self._choose(current.number if current is not None else None)
        self._show_count()
        self._show_current()

    # reading -----------------------------------------------------------------------------
    def load(self) -> None:
        """Read the open conflicts again, keeping the one chosen when it is still open."""
        current = self.current()
        self.code, conflicts = self.read()
        self.model.set_rows(conflicts)
        self._choose(current.number if current is not None else None)
        self.table.resizeColumnsToContents()
        self.setWindowTitle(_("Conflicts — {code}").format(code=self.code) if self.code
                            else _("Conflicts"))
        self._show_count()
        self._show_current()

    def _choose(self, number: int | None) -> None:
        """Make conflict `number` current again (the first when it is settled or None)."""
        row = next((i for i, c in enumerate(self.model.rows()) if c.number == number), 0)
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(row, 0))

    def current(self):
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _show_count(self) -> None:
        n = self.model.rowCount()
        self.count.setText(ngettext("{n} open conflict", "{n} open conflicts", n).format(n=n)
                           if n else _("No open conflicts: everything is settled."))

    def _show_current(self) -> None:
        conflict = self.current()
        for field, value in ((self.base, conflict and conflict.base),
                             (self.mine, conflict and conflict.mine),
                             (self.theirs, conflict and conflict.theirs)):
            field.setText(shown(value, conflict) if conflict is not None else "")
            field.setCursorPosition(0)
        whole_row = conflict is not None and not conflict.field
        for widget in (self.keep_mine, self.take_theirs, self.use_other, self.other):
            widget.setEnabled(conflict is not None and not self.waiting
                              and not (whole_row and widget in (self.use_other, self.other)))

    # choosing ----------------------------------------------------------------------------
    def take(self, take: str, typed: bool = False) -> None:
        conflict = self.current()
        if conflict is None or self.waiting:
            return
        self.error.setText(_("Settling it on the server…"))
        self.error.setStyleSheet(NOTE_STYLE)
        self.waiting = True
        self._show_current()
        self.chosen.emit(conflict.number, take, typed)

    def settled(self) -> None:
        self.waiting = False
        self.error.clear()
        self.other.clear()
        self.load()
        self.table.setFocus()

    def refused(self, message: str) -> None:
        self.waiting = False
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setText(message)
        self._show_current()

    def take_other(self) -> None:
        text = self.other.text().strip()
        if not text:
            self.error.setText(_("Type the value to keep in the Other value field first."))
            self.other.setFocus()
            return
        self.take(text, typed=True)       # a typed "mine" is the word, not a choice

    def showEvent(self, event) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        super().showEvent(event)
