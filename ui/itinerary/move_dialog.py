"""Moving an item by whole days and hours, its duration kept, and the small dialog that asks how
far. A move by days keeps the start's local clock time (9:00 stays 9:00 across a DST change);
hours are hours of absolute time."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from i18n import _
from i18n.formatting import format_datetime
from models.wallclock import shift_keeping_local_time
from ui.common import retranslate
from ui.common.reading_order import set_reading_order


def moved(start: datetime, end: datetime, start_tz: str, *, days: int = 0,
          hours: int = 0) -> tuple[datetime, datetime]:
    """The new (start, end) instants; the end follows the start, so the duration is kept."""
    new_start = shift_keeping_local_time(start, start_tz, days) if days else start
    new_start += timedelta(hours=hours)
    return new_start, new_start + (end - start)


class MoveDialog(QDialog):
    def __init__(self, title: str, start: datetime, end: datetime, start_tz: str, end_tz: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("moveDialog")
        self._item = (start, end, start_tz, end_tz)
        self.title = QLabel(title)
        self.title.setWordWrap(True)
        self.days, self.hours = QSpinBox(objectName="days"), QSpinBox(objectName="hours")
        self.days.setRange(-366, 366)
        self.hours.setRange(-23, 23)
        self.preview = QLabel(objectName="preview")
        self.preview.setWordWrap(True)
        self.form = QFormLayout()
        self.form.addRow(self.title)
        self.days_label, self.hours_label = QLabel(), QLabel()
        self.form.addRow(self.days_label, self.days)
        self.form.addRow(self.hours_label, self.hours)
        self.form.addRow(self.preview)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.days.valueChanged.connect(self._update)
        self.hours.valueChanged.connect(self._update)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 60)
        retranslate.register(self)
        self.retranslate_ui()
        set_reading_order(self)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Move item"))
        self.days_label.setText(_("Days later (negative: earlier)"))
        self.hours_label.setText(_("Hours later (negative: earlier)"))
        self._update()

    def times(self) -> tuple[datetime, datetime]:
        start, end, start_tz, _end_tz = self._item
        return moved(start, end, start_tz, days=self.days.value(), hours=self.hours.value())

    def _update(self) -> None:
        start, end = self.times()
        _s, _e, start_tz, end_tz = self._item
        self.preview.setText(_("New time: {start} – {end}").format(
            start=format_datetime(start, start_tz), end=format_datetime(end, end_tz)))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.days.value() or self.hours.value()))
