"""One end of an itinerary item in the item dialog: its local date, time and own zone, and
which of a repeated hour is meant."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

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
