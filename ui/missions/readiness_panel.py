"""The Readiness panel of the Overview tab: what the checks found, most urgent first, each line
clickable to what it concerns.

The panel holds Finding objects, not text: a language switch words them again, each when it is
next drawn.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QListView, QVBoxLayout, QWidget

from i18n import N_, _, ngettext
from models import findings as F
from models.findings import Finding, finding_text
from ui.common import retranslate

FINDING_ROLE = Qt.ItemDataRole.UserRole
_ROOT = QModelIndex()
# Colour says how urgent at a glance; the tooltip says it in words (colour is not enough alone).
RANKS = {
    F.RANK_OVERDUE: ("#b00020", N_("Overdue")),
    F.RANK_CONFLICT: ("#d84315", N_("Cannot happen as planned")),
    F.RANK_DUE_SOON: ("#e69500", N_("Due soon")),
    F.RANK_MISSING: ("#8d6e00", N_("Missing information")),
    F.RANK_LODGING: ("#1f6fb2", N_("Lodging")),
}


def _dot(colour: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(1, 1, 12, 12)
    painter.end()
    return QIcon(pixmap)


class FindingsModel(QAbstractListModel):
    """The findings as list rows; a row is worded when first drawn (a mission of 2,000 people
    may have thousands of findings, and a switch of language words them again)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.findings: list[Finding] = []
        self._texts: list[str | None] = []
        self._icons: dict[int, QIcon] = {}

    def set_findings(self, findings: list[Finding]) -> None:
        self.beginResetModel()
        self.findings = list(findings)
        self._texts = [None] * len(self.findings)
        self.endResetModel()

    def reword(self) -> None:
        self._texts = [None] * len(self.findings)
        if self.findings:
            self.dataChanged.emit(self.index(0), self.index(len(self.findings) - 1))

    def text(self, row: int) -> str:
        if self._texts[row] is None:
            self._texts[row] = finding_text(self.findings[row])
        return self._texts[row]

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.findings)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:          # in full, and the urgency in words
            rank = RANKS.get(self.findings[row].rank)
            return f"{_(rank[1])}: {self.text(row)}" if rank else self.text(row)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(self.findings[row].rank)
        if role == FINDING_ROLE:
            return self.findings[row]
        return None

    def _icon(self, rank: int) -> QIcon:
        if rank not in self._icons:   # not at import: a pixmap needs the application
            self._icons[rank] = _dot(RANKS.get(rank, ("#777777", ""))[0])
        return self._icons[rank]


class ReadinessPanel(QWidget):
    finding_activated = Signal(object)      # the Finding clicked

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("readinessPanel")
        self.model = FindingsModel(self)
        self.heading = QLabel(objectName="readinessHeading")
        self.heading.setStyleSheet("font-size: 12pt; font-weight: 600;")
        self.hint = QLabel(objectName="readinessHint")
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.hint.setWordWrap(True)
        self.list = QListView(objectName="readinessList")
        self.list.setModel(self.model)
        # One line a finding, cut with "…" (the tooltip has it in full): the list then never
        # measures thousands of wrapped texts to lay itself out.
        self.list.setUniformItemSizes(True)
        self.list.setWordWrap(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setIconSize(QSize(14, 14))
        self.list.setSpacing(2)
        self.list.setAlternatingRowColors(True)
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list.clicked.connect(self._activated)
        self.list.activated.connect(self._activated)           # Enter on the current line
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        layout.addStretch(0)       # takes the room when there is no list to show
        retranslate.register(self)
        self.retranslate_ui()

    @property
    def findings(self) -> list[Finding]:
        return self.model.findings

    def set_findings(self, findings: list[Finding]) -> None:
        if findings == self.model.findings:
            # The checks run after every burst of changes and most find what they found
            # before: comparing costs 2 ms at 5,000 findings, a reset lays out and paints the
            # whole list again (and loses nothing here to skip).
            return
        current = self.list.currentIndex().row()
        self.model.set_findings(findings)
        if 0 <= current < self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(current))
        self._fill()

    def count(self) -> int:
        return len(self.findings)

    def retranslate_ui(self) -> None:
        self.model.reword()
        self._fill()

    def _fill(self) -> None:
        n = len(self.findings)
        self.heading.setText(ngettext("Readiness: {n} open finding", "Readiness: {n} open findings",
                                      n).format(n=n) if n else _("Readiness: nothing to fix"))
        self.hint.setText(_("Click a finding to go to the item or person it concerns.") if n
                          else _("The itinerary, visitor lists, passports and lodging pass "
                                 "every check."))
        self.list.setVisible(n > 0)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.finding_activated.emit(self.findings[index.row()])

    def row_rect(self, row: int):
        """Where the row is drawn, in the list's viewport."""
        return self.list.visualRect(self.model.index(row))

    def texts(self) -> list[str]:
        """The findings as worded, top to bottom."""
        return [self.model.text(i) for i in range(self.model.rowCount())]
