"""Counterparts: the dialog that lists a mission's counterparts (add, edit, delete, import), and
the dialog for one counterpart with its contact person in both languages."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from i18n import N_, _, pick
from models import counterparts as cps
from ui.common import retranslate
from ui.common.form_dialog import KeyboardDialog
from ui.common.styles import ERROR_STYLE
from ui.common.table_model import Column, RowTableModel
from ui.common.tables import RowTable, make_table
from ui.common.wording import not_a_phone

_FIELDS = (("name_en", N_("&Organization name (English)")),
           ("name_ja", N_("Organization name (&Japanese)")),
           ("contact_en", N_("&Contact person (English)")),
           ("contact_ja", N_("Contact &person (Japanese)")),
           ("contact_title_en", N_("Contact's &title (English)")),
           ("contact_title_ja", N_("Contact's tit&le (Japanese)")),
           ("email", N_("&E-mail")), ("phone", N_("P&hone")), ("notes", N_("&Notes")))


def problem_text(code: str) -> str:
    if code == "name_missing":
        return _("Give the counterpart a name, in English or in Japanese.")
    if code == "phone_invalid":
        return not_a_phone()
    if code == "duplicate":
        return _("A counterpart of this name is already on the mission.")
    return _("Not an e-mail address.")


class CounterpartDialog(KeyboardDialog):
    """Read `counterpart()` after accept."""

    def __init__(self, data: cps.CounterpartData | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("counterpartDialog")
        self.data = data
        self.edits = {key: QLineEdit(objectName=f"counterpart_{key}") for key, _t in _FIELDS}
        self.labels = {key: QLabel() for key, _t in _FIELDS}
        form = QFormLayout()
        for key, _title in _FIELDS:
            self.labels[key].setBuddy(self.edits[key])
            form.addRow(self.labels[key], self.edits[key])
            if data is not None:
                self.edits[key].setText(getattr(data, key))
        self.error = QLabel(objectName="counterpart_error", wordWrap=True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        form.addRow("", self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        retranslate.register(self)
        self.retranslate_ui()
        self.finish_form()

    def counterpart(self) -> cps.CounterpartData:
        return cps.cleaned(cps.CounterpartData(
            id=self.data.id if self.data else None,
            **{key: self.edits[key].text() for key, _t in _FIELDS}))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Edit counterpart") if self.data else _("Add counterpart"))
        for key, title in _FIELDS:
            self.labels[key].setText(_(title))
        self.edits["name_en"].setPlaceholderText(_("e.g. GlobalFoundries"))
        self.edits["name_ja"].setPlaceholderText(_("e.g. グローバルファウンドリーズ"))
        if self.error.isVisible():
            self._check()

    def _check(self) -> bool:
        code = cps.problem(self.counterpart())
        self.error.setText(problem_text(code) if code else "")
        self.error.setVisible(bool(code))
        return code is None

    def accept(self) -> None:
        if self._check():
            super().accept()


COLUMNS = [
    Column("name", N_("Counterpart"), lambda c: pick(c.name_en, c.name_ja)),
    Column("contact", N_("Contact person"), lambda c: pick(c.contact_en, c.contact_ja)),
    Column("title", N_("Contact's title"), lambda c: pick(c.contact_title_en,
                                                          c.contact_title_ja)),
    Column("email", N_("E-mail"), lambda c: c.email),
    Column("phone", N_("Phone"), lambda c: c.phone),
]


class CounterpartsDialog(KeyboardDialog):
    """The mission's counterparts; the buttons ask, ui.meetings.actions does the work and
    calls `set_rows` again."""

    add_requested = Signal()
    edit_requested = Signal(int)
    delete_requested = Signal(int)
    import_requested = Signal()

    def __init__(self, rows: list[cps.CounterpartData], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("counterpartsDialog")
        self.model = RowTableModel(COLUMNS, self)
        self.table = make_table(self.model, "counterpartTable", RowTable())
        self.table.doubleClicked.connect(lambda _i: self._emit(self.edit_requested))
        self.table.edit_pressed.connect(lambda: self._emit(self.edit_requested))
        self.table.delete_pressed.connect(lambda: self._emit(self.delete_requested))
        self.buttons = {k: QPushButton(objectName=k) for k in ("add", "edit", "delete",
                                                               "import")}
        self.buttons["add"].clicked.connect(self.add_requested.emit)
        self.buttons["edit"].clicked.connect(lambda: self._emit(self.edit_requested))
        self.buttons["delete"].clicked.connect(lambda: self._emit(self.delete_requested))
        self.buttons["import"].clicked.connect(self.import_requested.emit)
        row = QHBoxLayout()
        for key in ("add", "edit", "delete", "import"):
            row.addWidget(self.buttons[key])
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(close)
        self.resize(760, 420)
        self.set_rows(rows)
        retranslate.register(self)
        self.retranslate_ui()
        self.finish_form()

    def set_rows(self, rows: list[cps.CounterpartData]) -> None:
        self.model.set_rows(rows)
        for column in range(self.model.columnCount() - 1):
            self.table.resizeColumnToContents(column)

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()).id if index.isValid() else None

    def _emit(self, signal) -> None:
        if self.current_id() is not None:
            signal.emit(self.current_id())

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Counterparts"))
        for key, text in (("add", _("&Add…")), ("edit", _("&Edit…")), ("delete", _("&Delete…")),
                          ("import", _("&Import from a spreadsheet…"))):
            self.buttons[key].setText(text)
        self.model.retranslate()
