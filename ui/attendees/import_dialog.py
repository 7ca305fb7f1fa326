"""The roster import window: which column maps to which field (changeable), each row as new,
update or error with the reason, and nothing written until the user confirms. Rows with errors
can be left out (the rest imported, the user told which), note rows below the data are listed
as left out, and a file with several visible rosters asks which sheet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from documents.roster.apply import note_lines, row_message
from documents.roster.headers import FIELD_LABELS
from documents.roster.match import classify
from documents.roster.reader import RosterPreview
from i18n import _, ngettext
from i18n.formatting import format_list, person_name
from models.repository import AttendeeRow
from ui.common import retranslate
from ui.common.form_dialog import KeyboardDialog
from ui.common.layout_memory import remember
from ui.common.reading_order import set_reading_order

STATUS_COLOURS = {"new": "#1b7f3b", "update": "#1f5fa8", "error": "#b00020"}


class ImportDialog(KeyboardDialog):
    def __init__(self, preview: RosterPreview, existing: list[AttendeeRow],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.preview, self.existing = preview, existing
        self.resize(1000, 640)
        self.intro = QLabel(wordWrap=True)
        self.mapping = QTableWidget(0, 2, objectName="mappingTable")
        self.mapping.verticalHeader().hide()
        self.mapping.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.combos: list[QComboBox] = []
        self.rows = QTableWidget(0, 5, objectName="rowsTable")
        self.rows.verticalHeader().hide()
        self.rows.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel(objectName="importSummary", wordWrap=True)
        self.skip_errors = QCheckBox(objectName="skipErrors")
        self.skip_errors.toggled.connect(lambda _on: self._fill_rows())
        self.sheet_label = QLabel()
        self.sheet_choice = QComboBox(objectName="sheetChoice")
        self.sheet_label.setBuddy(self.sheet_choice)
        self._fill_sheets()
        self.sheet_choice.currentTextChanged.connect(self._switch_sheet)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                       | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        splitter = QSplitter(Qt.Orientation.Vertical, objectName="importSplitter")
        splitter.addWidget(self.mapping)
        splitter.addWidget(self.rows)
        splitter.setSizes([200, 440])
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.sheet_label)
        sheet_row.addWidget(self.sheet_choice, 1)
        layout.addLayout(sheet_row)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.skip_errors)
        layout.addWidget(self.buttons)
        self._build_mapping()
        retranslate.register(self)
        self.retranslate_ui()
        self.finish_form()

    def _fill_sheets(self) -> None:
        # Only when several visible sheets have headers: which one is the roster is asked.
        several = len(self.preview.sheets) > 1
        self.sheet_label.setVisible(several)
        self.sheet_choice.setVisible(several)
        self.sheet_choice.blockSignals(True)
        self.sheet_choice.clear()
        self.sheet_choice.addItems(self.preview.sheets)
        self.sheet_choice.setCurrentText(self.preview.sheet)
        self.sheet_choice.blockSignals(False)

    def _switch_sheet(self, name: str) -> None:
        from documents.roster.reader import RosterError, read_roster

        if not name or name == self.preview.sheet:
            return
        try:
            preview = read_roster(self.preview.path, sheet=name)
        except RosterError as exc:
            show_roster_error(self, exc.user_message())
            self.sheet_choice.setCurrentText(self.preview.sheet)
            return
        self.preview = preview
        self.combos.clear()
        self._build_mapping()
        self._fill_sheets()
        self.retranslate_ui()
        set_reading_order(self)              # the new sheet's column choices take their place

    def _build_mapping(self) -> None:
        self.mapping.setRowCount(len(self.preview.columns))
        for i, column in enumerate(self.preview.columns):
            self.mapping.setItem(i, 0, QTableWidgetItem(column.label))
            combo = QComboBox()
            combo.addItem("", None)
            for key in FIELD_LABELS:
                combo.addItem("", key)
            combo.setCurrentIndex(max(0, combo.findData(column.field)))
            combo.currentIndexChanged.connect(lambda _i, c=column.index, w=combo:
                                              self._remap(c, w.currentData()))
            self.mapping.setCellWidget(i, 1, combo)
            self.combos.append(combo)

    def _remap(self, column_index: int, field: str | None) -> None:
        self.preview.remap({column_index: field})
        self._fill_rows()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Import attendees"))
        self.intro.setText(_("{file}, sheet “{sheet}”, headers in row {row}. Check which column "
                             "goes where; nothing is saved until you press Import.").format(
            file=self.preview.path.name, sheet=self.preview.sheet,
            row=self.preview.header_row))
        self.sheet_label.setText(_("&Sheet:"))
        self.mapping.setHorizontalHeaderLabels([_("Column in the file"), _("Imported as")])
        for combo in self.combos:
            combo.setItemText(0, _("(not imported)"))
            for i, key in enumerate(FIELD_LABELS, start=1):
                combo.setItemText(i, _(FIELD_LABELS[key]))
        self.rows.setHorizontalHeaderLabels(
            [_("Row"), _("Result"), _("Name"), _("E-mail"), _("Problems")])
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Import"))
        self._fill_rows()

    def _fill_rows(self) -> None:
        classify(self.preview.rows, self.existing)
        rows = self.preview.rows
        skipping = self.skip_errors.isChecked() and any(r.errors for r in rows)
        labels = {"new": _("New"), "update": _("Update"),
                  "error": _("Left out") if skipping else _("Error")}
        self.rows.setRowCount(len(rows))
        for i, row in enumerate(rows):
            v = row.values
            name = person_name(family=v.get("family_name", ""), given=v.get("given_name", ""),
                               family_ja=v.get("family_name_ja", ""),
                               given_ja=v.get("given_name_ja", ""))
            problems = [row_message(row.number, c, r) for c, r in row.errors + row.warnings]
            status = "error" if row.errors else row.status
            cells = [str(row.number), labels.get(status, status), name, v.get("email", ""),
                     "\n".join(problems)]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j == 1:
                    item.setForeground(QBrush(QColor(STATUS_COLOURS.get(status, "#000"))))
                self.rows.setItem(i, j, item)
        self.rows.resizeColumnsToContents()
        self.rows.resizeRowsToContents()
        errors = sum(bool(r.errors) for r in rows)
        new = sum(r.status == "new" and not r.errors for r in rows)
        updated = sum(r.status == "update" and not r.errors for r in rows)
        text = _("{new} new, {updated} updated, {errors} with errors.").format(
            new=new, updated=updated, errors=errors)
        if errors and not skipping:
            text += " " + _("Correct the file or the column choices, or leave out the rows "
                            "with errors: as they are, they stop the whole import.")
        self.skip_errors.setVisible(bool(errors))
        self.skip_errors.setText(ngettext(
            "&Leave out the {n} row with errors and import the rest",
            "&Leave out the {n} rows with errors and import the rest", errors).format(n=errors))
        self.summary.setText("\n".join([text, *self.preview.problems,
                                        *note_lines(self.preview)]))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled((errors == 0 or skipping) and new + updated > 0)

    def left_out(self) -> list[int]:
        """The row numbers with errors that the import leaves out (the user chose so)."""
        if not self.skip_errors.isChecked():
            return []
        return [row.number for row in self.preview.rows if row.errors]

    def import_rows(self) -> list[dict]:
        skip = self.skip_errors.isChecked()
        return [row.to_import() for row in self.preview.rows if not (skip and row.errors)]


def ask_for_roster(parent: QWidget, folder: str = "") -> Path | None:
    path, _filter = QFileDialog.getOpenFileName(
        parent, _("Import attendees"), folder, _("Excel workbooks (*.xlsx);;All files (*)"))
    return Path(path) if path else None


def show_roster_error(parent: QWidget, message: str) -> None:
    QMessageBox.warning(parent, _("Import attendees"), message)


def run_import(ctx, path: Path | None = None) -> bool:
    """File > Import attendees, or a file dropped on the table: read, preview, confirm, import
    as one undoable step."""
    from PySide6.QtWidgets import QApplication

    from documents.roster.reader import RosterError, read_roster

    mission = ctx.current_mission()
    if mission is None or ctx.read_only:
        return False
    if path is None:
        path = ask_for_roster(ctx.parent, str(ctx.settings.value("import/folder", "")))
        if path is None:
            return False
    ctx.settings.setValue("import/folder", str(path.parent))
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        preview = read_roster(path)
    except RosterError as exc:
        QApplication.restoreOverrideCursor()
        show_roster_error(ctx.parent, exc.user_message())
        return False
    QApplication.restoreOverrideCursor()
    return import_preview(ctx, mission, preview)


def import_preview(ctx, mission, preview) -> bool:
    """Show what will be imported; import it as one undoable step once confirmed."""
    from models import repository as repo
    from models.store.db import read_session
    from ui.attendees.commands import ImportAttendees
    from ui.common.dialogs import exec_until_saved

    with read_session(ctx.engine) as session:
        existing = repo.list_attendees(session, mission_id=mission.id)
    dialog = remember(ctx.settings, ImportDialog(preview, existing, ctx.parent))
    # A failed write opens the preview again with the user's column choices kept.
    saved = exec_until_saved(dialog, lambda: ctx.run_command(ImportAttendees(
        ctx.engine, ctx.events, mission.id, dialog.import_rows())))
    if saved and dialog.left_out():
        numbers = dialog.left_out()
        QMessageBox.information(ctx.parent, _("Import attendees"), ngettext(
            "Imported; row {rows} had errors and was left out.",
            "Imported; rows {rows} had errors and were left out.", len(numbers)).format(
            rows=format_list([str(n) for n in numbers])))
    return saved


def run_paste(ctx, text: str) -> bool:
    """Rows pasted on the Attendees tab (Ctrl+V): the same preview as a file's."""
    from documents.roster.pasted import read_pasted
    from documents.roster.reader import RosterError

    mission = ctx.current_mission()
    if mission is None or ctx.read_only:
        return False
    try:
        preview = read_pasted(text, title=_("pasted rows"))
    except RosterError as exc:
        show_roster_error(ctx.parent, exc.user_message())
        return False
    return import_preview(ctx, mission, preview)
