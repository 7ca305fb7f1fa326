"""The Readiness panel of the Overview tab: what the checks found, most urgent first, each line
clickable to what it concerns.

The panel holds Finding objects, not text: a language switch words them again.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QListView, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from i18n import N_, _, ngettext
from models import findings as F
from models.findings import Finding, finding_text
from ui.common import retranslate

FINDING_ROLE = Qt.ItemDataRole.UserRole
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


class ReadinessPanel(QWidget):
    finding_activated = Signal(object)      # the Finding clicked

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("readinessPanel")
        self.findings: list[Finding] = []
        self._icons: dict[int, QIcon] = {}
        self.heading = QLabel(objectName="readinessHeading")
        self.heading.setStyleSheet("font-size: 12pt; font-weight: 600;")
        self.hint = QLabel(objectName="readinessHint")
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.hint.setWordWrap(True)
        self.list = QListWidget(objectName="readinessList")
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)   # re-wrap when the tab resizes
        self.list.setIconSize(QSize(14, 14))
        self.list.setSpacing(2)
        self.list.setAlternatingRowColors(True)
        self.list.itemClicked.connect(self._activated)
        self.list.itemActivated.connect(self._activated)       # Enter on the current line
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        layout.addStretch(0)       # takes the room when there is no list to show
        retranslate.register(self)
        self.retranslate_ui()

    def set_findings(self, findings: list[Finding]) -> None:
        self.findings = list(findings)
        self._fill()

    def count(self) -> int:
        return len(self.findings)

    def retranslate_ui(self) -> None:
        self._fill()

    def _icon(self, rank: int) -> QIcon:
        if rank not in self._icons:   # not at import: a pixmap needs the application
            self._icons[rank] = _dot(RANKS.get(rank, ("#777777", ""))[0])
        return self._icons[rank]

    def _fill(self) -> None:
        n = len(self.findings)
        self.heading.setText(ngettext("Readiness: {n} open finding", "Readiness: {n} open findings",
                                      n).format(n=n) if n else _("Readiness: nothing to fix"))
        self.hint.setText(_("Click a finding to go to the item or person it concerns.") if n
                          else _("The itinerary, visitor lists, passports and lodging pass "
                                 "every check."))
        current = self.list.currentRow()
        self.list.clear()
        for finding in self.findings:
            item = QListWidgetItem(self._icon(finding.rank), finding_text(finding))
            item.setData(FINDING_ROLE, finding)
            rank = RANKS.get(finding.rank)
            item.setToolTip(_(rank[1]) if rank else "")
            self.list.addItem(item)
        if 0 <= current < self.list.count():
            self.list.setCurrentRow(current)
        self.list.setVisible(n > 0)

    def _activated(self, item: QListWidgetItem) -> None:
        self.finding_activated.emit(item.data(FINDING_ROLE))

    def texts(self) -> list[str]:
        """The findings as shown, top to bottom."""
        return [self.list.item(i).text() for i in range(self.list.count())]
