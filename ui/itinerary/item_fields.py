"""Input widgets of the item dialog: one end of an item (local date, time, its own zone, and
which of a repeated hour), and a checkable list of the mission's people with a filter."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from i18n import _, current_language, ngettext
from i18n.formatting import fold_kana, name_sort_key, person_name
from models.entities import AttendanceStatus
from models.repository import AttendeeRow
from models.times import to_local
from ui.common.date_time_fields import DateEdit, TimeEdit
from ui.common.zones import ZoneCombo
from ui.itinerary.time_checks import End, end_state, fold_choices


class WhenField(QWidget):
    """Local date and time in their own zone; when the hour happens twice (fall-back night) a
    choice of the two readings appears, the first chosen unless told otherwise."""

    changed = Signal()

    def __init__(self, extra_zones: list[str] = (), parent: QWidget | None = None):
        super().__init__(parent)
        self.date = DateEdit(objectName="date")
        self.time = TimeEdit(objectName="time")
        self.time.setMaximumWidth(self.time.fontMetrics().horizontalAdvance("00:00 PM") * 2)
        self.zone = ZoneCombo(extra_zones)
        self.fold = QComboBox()
        self.fold.setObjectName("foldChoice")
        self.fold.addItems(["", ""])
        self.fold.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget, stretch in ((self.date, 2), (self.time, 1), (self.zone, 3), (self.fold, 0)):
            row.addWidget(widget, stretch)
        self.date.changed.connect(self._changed)
        self.time.changed.connect(self._changed)
        self.zone.currentTextChanged.connect(self._changed)
        self.fold.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        # Numeric forms a person types quickly; the long form shows in the list and messages.
        self.date.retranslate_ui()
        self.time.retranslate_ui()
        self.zone.retranslate_ui()
        self._update_fold()

    def local(self) -> datetime:
        """The date and time as last readable (a half-typed text keeps the previous value)."""
        return datetime.combine(self.date.last_value(), self.time.last_value())

    def problem(self) -> str:
        """What the typed date or time cannot be read as, in the current language; "" if fine."""
        return self.date.problem() or self.time.problem()

    def end(self) -> End:
        fold = self.fold.currentIndex() if self.fold.property("shown") else 0
        return End(self.local(), self.zone.zone(), max(0, fold))

    def set_local(self, day: date, clock: time) -> None:
        self.date.set_value(day)
        self.time.set_value(clock.replace(second=0, microsecond=0))

    def set_instant(self, instant: datetime, zone: str) -> None:
        local = to_local(instant, zone)
        self.zone.set_zone(zone)
        self.set_local(local.date(), local.time())
        self._update_fold()
        self.fold.setCurrentIndex(local.fold)

    def set_zone(self, zone: str) -> None:
        self.zone.set_zone(zone)

    def _changed(self) -> None:
        self._update_fold()
        self.changed.emit()

    def _update_fold(self) -> None:
        end = End(self.local(), self.zone.zone())
        twice = end_state(end) == "twice"
        if twice:
            first, second = fold_choices(end.local, end.zone)
            self.fold.setItemText(0, first)
            self.fold.setItemText(1, second)
        elif self.fold.currentIndex() != 0:
            self.fold.setCurrentIndex(0)
        # Remembered apart from visibility: a dialog not yet shown has no visible children.
        self.fold.setProperty("shown", twice)
        self.fold.setVisible(twice)


class PeoplePicker(QWidget):
    """The mission's attendees as a checkable list, in the language's name order, filtered by
    any part of a name, reading or organization.

    The list is built once per language: at 2,000 attendees a build is tens of milliseconds
    (names, sort keys, foldings), and the dialog's opening once built it four times."""

    changed = Signal()

    def __init__(self, attendees: list[AttendeeRow], parent: QWidget | None = None):
        super().__init__(parent)
        self.attendees = attendees
        self.filter = QLineEdit(objectName="peopleFilter")
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget(objectName="peopleList")
        self.count = QLabel(objectName="peopleCount")
        self._items: dict[int, QListWidgetItem] = {}   # participant id -> its line
        self._ticked: set[int] = set()                 # kept as the boxes change: read often
        self._hay: dict[int, str] | None = None        # what a filter looks in, once it does
        self._built_for: str | None = None             # the language the lines are in
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        self.filter.textChanged.connect(self._filter)
        self.list.itemChanged.connect(self._ticked_or_not)
        self.retranslate_ui()

    def _fill(self, chosen: set[int]) -> None:
        self._built_for = current_language()
        self.list.blockSignals(True)
        self.list.clear()
        self._items = {}
        self._ticked = {a.participant_id for a in self.attendees} & chosen
        for a in sorted(self.attendees, key=lambda a: name_sort_key(
                family=a.family_name, given=a.given_name, family_kana=a.family_kana,
                given_kana=a.given_kana)):
            name = person_name(family=a.family_name, given=a.given_name,
                               family_ja=a.family_name_ja, given_ja=a.given_name_ja)
            if a.status == AttendanceStatus.CANCELLED.value:
                name = _("{name} (cancelled)").format(name=name)
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if a.participant_id in chosen
                               else Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, a.participant_id)
            self.list.addItem(item)
            self._items[a.participant_id] = item
        self.list.blockSignals(False)
        if self.filter.text().strip():
            self._filter(self.filter.text())
        else:
            self._update_count()             # new lines are all shown

    def retranslate_ui(self) -> None:
        self.filter.setPlaceholderText(_("Filter people…"))
        if self._built_for != current_language():
            self._fill(set(self.chosen()))      # names change order and form with the language
        else:
            self._update_count()

    def chosen(self) -> list[int]:
        """The ticked people, in the list's order."""
        return [pid for pid in self._items if pid in self._ticked]

    def set_chosen(self, participant_ids) -> None:
        """Tick exactly these people (as the list shows them: the filter is kept)."""
        before, self._ticked = self._ticked, set(participant_ids) & self._items.keys()
        self.list.blockSignals(True)
        for pid in before ^ self._ticked:                  # only the boxes that change
            self._items[pid].setCheckState(Qt.CheckState.Checked if pid in self._ticked
                                           else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        self._update_count()

    def _ticked_or_not(self, item: QListWidgetItem) -> None:
        pid = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() == Qt.CheckState.Checked:
            self._ticked.add(pid)
        else:
            self._ticked.discard(pid)
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
        for pid, item in self._items.items():
            item.setHidden(not all(w in hay[pid] for w in words))
        self._update_count()

    def _update_count(self) -> None:
        total, chosen = self.list.count(), len(self._ticked)
        self.count.setText(ngettext("{n} of {total} chosen", "{n} of {total} chosen",
                                    total).format(n=chosen, total=total))
