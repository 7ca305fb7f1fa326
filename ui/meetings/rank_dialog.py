"""The dialog for protocol ranks: each attendee's place within their side (1 first: the head
of delegation, the chief host). A blank rank orders by role and name."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from i18n import _
from i18n.labels import ROLES, label
from models import protocol
from ui.common import retranslate
from ui.common.form_dialog import KeyboardDialog
from ui.common.styles import NOTE_STYLE
from ui.meetings.tab_data import Person


class RankDialog(KeyboardDialog):
    """Read `ranks()` after accept: participant -> rank or None, for those changed."""

    def __init__(self, people: dict[int, Person], ranks: dict[int, int],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("rankDialog")
        self.before = dict(ranks)
        order = protocol.precedence(protocol.Ranked(p.participant_id, p.role, p.sort_key,
                                                    ranks.get(p.participant_id))
                                    for p in people.values())
        self.rows = [(side, pid) for side in (protocol.GUEST, protocol.HOST)
                     for pid in order[side]]
        self.table = QTableWidget(len(self.rows), 3, objectName="rankTable")
        self.spins: dict[int, QSpinBox] = {}
        for n, (_side, pid) in enumerate(self.rows):
            self.table.setItem(n, 0, QTableWidgetItem(people[pid].name()))
            self.table.setItem(n, 1, QTableWidgetItem(label(ROLES, people[pid].role)))
            spin = QSpinBox(minimum=0, maximum=999)
            spin.setValue(ranks.get(pid, 0))
            self.spins[pid] = spin
            self.table.setCellWidget(n, 2, spin)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.hint = QLabel(wordWrap=True)
        self.hint.setStyleSheet(NOTE_STYLE)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(520, 520)
        retranslate.register(self)
        self.retranslate_ui()
        self.finish_form()

    def ranks(self) -> dict[int, int | None]:
        out = {}
        for pid, spin in self.spins.items():
            value = spin.value() or None
            if value != self.before.get(pid):
                out[pid] = value
        return out

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Protocol ranks"))
        self.table.setHorizontalHeaderLabels([_("Name"), _("Role"), _("Rank")])
        self.hint.setText(_("Rank within each side, 1 first (the head of delegation, the "
                            "chief host). Hosts are ranked among hosts, the delegation among "
                            "itself. 0 leaves it to role and name."))
        for spin in self.spins.values():
            spin.setSpecialValueText(_("—"))
        self.table.resizeColumnsToContents()
