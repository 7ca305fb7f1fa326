"""The visitor list of one site visit: when it is due, each visitor's missing fields (what the
host requires and the record lacks) and clearance status, changed with a combo per row."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from i18n import _, ngettext
from i18n.formatting import format_date, format_list, name_sort_key, person_name
from i18n.labels import CLEARANCES, VISITOR_FIELDS, label
from models.entities import Clearance
from models.sites import VisitRow
from models.visits import VisitorRow
from ui.common import clock, retranslate

ID_ROLE = Qt.ItemDataRole.UserRole
MISSING_COLOUR = "#b00020"
NAME, MISSING, CLEARANCE = range(3)


class VisitorsTable(QWidget):
    # participant id, status before, status chosen, the visitor's name (for the undo text)
    clearance_chosen = Signal(int, str, str, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.visit: VisitRow | None = None
        self.rows: list[VisitorRow] = []
        self.editable = False
        self.deadline = QLabel(objectName="visitorDeadline")
        self.deadline.setWordWrap(True)
        self.summary = QLabel(objectName="visitorSummary")
        self.table = QTableWidget(0, 3, objectName="visitorTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MISSING, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CLEARANCE, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.deadline)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        retranslate.register(self)
        self.retranslate_ui()

    def show_visit(self, visit: VisitRow | None, rows: list[VisitorRow], editable: bool) -> None:
        self.visit, self.rows, self.editable = visit, list(rows), editable
        self._fill()

    def retranslate_ui(self) -> None:
        self.table.setHorizontalHeaderLabels([_("Visitor"), _("Missing for this host"),
                                              _("Clearance")])
        self._fill()

    def row_of(self, participant_id: int) -> int:
        return next((r for r in range(self.table.rowCount())
                     if self.table.item(r, NAME).data(ID_ROLE) == participant_id), -1)

    def combo(self, participant_id: int) -> QComboBox | None:
        row = self.row_of(participant_id)
        return self.table.cellWidget(row, CLEARANCE) if row >= 0 else None

    def _fill(self) -> None:
        self._fill_deadline()
        current = self.table.currentRow()
        self.table.setRowCount(0)
        rows = sorted(self.rows, key=lambda r: name_sort_key(
            family=r.family_name, given=r.given_name, family_kana=r.family_kana,
            given_kana=r.given_kana))
        self.table.setRowCount(len(rows))
        for n, row in enumerate(rows):
            name = QTableWidgetItem(visitor_name(row))
            name.setData(ID_ROLE, row.participant_id)
            self.table.setItem(n, NAME, name)
            missing = QTableWidgetItem(format_list([label(VISITOR_FIELDS, f)
                                                    for f in row.missing]) or "—")
            if row.missing:
                missing.setForeground(QBrush(QColor(MISSING_COLOUR)))
            self.table.setItem(n, MISSING, missing)
            self.table.setCellWidget(n, CLEARANCE, self._combo(row))
        if 0 <= current < len(rows):
            self.table.selectRow(current)

    def _combo(self, row: VisitorRow) -> QComboBox:
        combo = QComboBox(objectName=f"clearance_{row.participant_id}")
        for key in CLEARANCES:
            combo.addItem(label(CLEARANCES, key), key)
        combo.setCurrentIndex(max(0, combo.findData(row.clearance)))
        combo.setEnabled(self.editable)
        combo.currentIndexChanged.connect(
            lambda _i, row=row, combo=combo: self._chosen(row, combo))
        return combo

    def _chosen(self, row: VisitorRow, combo: QComboBox) -> None:
        status = combo.currentData()
        if status != row.clearance:
            # Later, not inside the combo's own signal: the change reloads this table, which
            # deletes the combo.
            QTimer.singleShot(0, lambda: self.clearance_chosen.emit(
                row.participant_id, row.clearance, status, visitor_name(row)))

    def _fill_deadline(self) -> None:
        visit = self.visit
        if visit is None:
            self.deadline.setText(_("Choose a site visit to see its visitor list."))
            self.summary.clear()
            return
        unsent = sum(1 for r in self.rows if r.clearance == Clearance.NOT_SENT.value)
        days = visit.notice_days
        when = format_date(visit.deadline)
        if visit.deadline < clock.today():
            text = ngettext("The visitor list was due on {date} ({n} day of notice).",
                            "The visitor list was due on {date} ({n} days of notice).", days)
        else:
            text = ngettext("The visitor list is due on {date} ({n} day of notice).",
                            "The visitor list is due on {date} ({n} days of notice).", days)
        # Red only while someone is still to be sent: a past date with all sent is done.
        late = visit.deadline < clock.today() and unsent
        self.deadline.setStyleSheet(f"color: {MISSING_COLOUR}; font-weight: 600;" if late
                                    else "font-weight: 600;")
        self.deadline.setText(text.format(date=when, n=days))
        counts = {key: sum(1 for r in self.rows if r.clearance == key) for key in CLEARANCES}
        self.summary.setText(" · ".join([
            ngettext("{n} visitor", "{n} visitors", len(self.rows)).format(n=len(self.rows)),
            *(_("{status}: {n}").format(status=_(CLEARANCES[k]), n=v)
              for k, v in counts.items() if v)]))


def visitor_name(row) -> str:
    return person_name(family=row.family_name, given=row.given_name,
                       family_ja=row.family_name_ja, given_ja=row.given_name_ja)
