"""The item dialog's choice of people: the mission's attendees as a checkable list, in the
language's name order, filtered by any part of a name, reading or organization.

The list is a model over the attendee rows, not a widget per person: at 2,000 attendees the
item dialog made 2,000 list items on each opening, and read each one's text and box back to
tell whether anything had changed. A line is worded when first drawn, and the ticks are a set.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from i18n import _, current_language, ngettext
from i18n.formatting import fold_kana
from models.repository import AttendeeRow
from ui.itinerary.tab_data import by_name, listed_name

_ROOT = QModelIndex()
_CHECKED, _UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked
_FLAGS = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
          | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemNeverHasChildren)


class PeopleModel(QAbstractListModel):
    """The attendees in the order of their names, each with a box; `ticked` holds the
    participant ids whose box is ticked."""

    ticked_by_hand = Signal(int, bool)     # participant id, ticked: a click or Space

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[AttendeeRow] = []
        self.ticked: set[int] = set()
        self._lines: list[str | None] = []

    def set_rows(self, rows: list[AttendeeRow], ticked: set[int]) -> None:
        self.beginResetModel()
        self.rows, self.ticked = rows, ticked
        self._lines = [None] * len(rows)
        self.endResetModel()

    def set_ticked(self, ticked: set[int]) -> None:
        """Tick exactly these; only the lines whose box changes are drawn again."""
        changed, self.ticked = self.ticked ^ ticked, ticked
        for n, row in enumerate(self.rows):
            if row.participant_id in changed:
                index = self.index(n)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])

    def line(self, n: int) -> str:
        if self._lines[n] is None:
            self._lines[n] = listed_name(self.rows[n])
        return self._lines[n]

    def rowCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.line(index.row())
        if role == Qt.ItemDataRole.CheckStateRole:
            return _CHECKED if self.rows[index.row()].participant_id in self.ticked else _UNCHECKED
        if role == Qt.ItemDataRole.UserRole:
            return self.rows[index.row()].participant_id
        return None

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        pid = self.rows[index.row()].participant_id
        on = Qt.CheckState(value) == _CHECKED      # the view sends the state as a number
        if on:
            self.ticked.add(pid)
        else:
            self.ticked.discard(pid)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.ticked_by_hand.emit(pid, on)
        return True


class PeoplePicker(QWidget):
    """The mission's attendees to tick, with a filter and a count of those chosen. The order
    follows the language (built again when it changes); the ticks and the filter are kept."""

    changed = Signal()

    def __init__(self, attendees: list[AttendeeRow], parent: QWidget | None = None):
        super().__init__(parent)
        self.attendees = attendees
        self.filter = QLineEdit(objectName="peopleFilter")
        self.filter.setClearButtonEnabled(True)
        self.model = PeopleModel(self)
        self.list = QListView(objectName="peopleList")
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)      # one line each: no size asked of every row
        self.count = QLabel(objectName="peopleCount")
        self._hay: dict[int, str] | None = None        # what a filter looks in, once it does
        self._built_for: str | None = None             # the language the order is of
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        self.filter.textChanged.connect(self._filter)
        self.model.ticked_by_hand.connect(self._ticked_by_hand)
        self.retranslate_ui()

    def _fill(self, chosen: set[int]) -> None:
        self._built_for = current_language()
        rows = by_name(self.attendees)
        self.model.set_rows(rows, {a.participant_id for a in rows} & chosen)
        if self.filter.text().strip():
            self._filter(self.filter.text())
        else:
            self._update_count()             # new lines are all shown

    def retranslate_ui(self) -> None:
        self.filter.setPlaceholderText(_("Filter people…"))
        if self._built_for != current_language():
            self._fill(set(self.model.ticked))   # names change order and form with the language
        else:
            self._update_count()

    def chosen(self) -> list[int]:
        """The ticked people, in the list's order."""
        ticked = self.model.ticked
        return [a.participant_id for a in self.model.rows if a.participant_id in ticked]

    def set_chosen(self, participant_ids) -> None:
        """Tick exactly these people (as the list shows them: the filter is kept)."""
        known = {a.participant_id for a in self.model.rows}
        self.model.set_ticked(set(participant_ids) & known)
        self._update_count()

    def form_value(self) -> tuple[int, ...]:
        """What the dialog compares to tell whether anything was changed (form_state)."""
        return tuple(sorted(self.model.ticked))

    def shown(self) -> list[int]:
        """The rows the filter lets through, by position in the list."""
        return [n for n in range(self.model.rowCount()) if not self.list.isRowHidden(n)]

    def _ticked_by_hand(self, _pid: int, _on: bool) -> None:
        self._update_count()
        self.changed.emit()

    def _haystacks(self) -> dict[int, str]:
        if self._hay is None:               # the same in either language: folded once
            self._hay = {a.participant_id: fold_kana(" ".join((
                a.family_name, a.given_name, a.family_name_ja, a.given_name_ja, a.family_kana,
                a.given_kana, a.organization_en, a.organization_ja))) for a in self.attendees}
        return self._hay

    def _filter(self, text: str) -> None:
        words = fold_kana(text).split()
        hay = self._haystacks() if words else {}
        for n, a in enumerate(self.model.rows):
            self.list.setRowHidden(n, not all(w in hay[a.participant_id] for w in words))
        self._update_count()

    def _update_count(self) -> None:
        total, chosen = self.model.rowCount(), len(self.model.ticked)
        self.count.setText(ngettext("{n} of {total} chosen", "{n} of {total} chosen",
                                    total).format(n=chosen, total=total))
