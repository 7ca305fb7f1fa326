"""The date and time fields of every dialog: plain text boxes (so Tab always leaves them and
digits go where they are typed) that read either language's form or ISO, with a calendar on
Alt+Down, a day or a quarter hour on the arrow keys, and the four-digit year always shown."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QLineEdit,
    QMenu,
    QSpinBox,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from i18n import _
from i18n.formatting import format_clock, format_date, month_heading_order
from ui.common.icons import icon
from ui.common.when_text import NO_DATE, EntryError, parse_date, parse_time

EXAMPLE_DATE = date(2026, 12, 9)
EXAMPLE_TIME = time(14, 30)


def _popup_keys(event: QKeyEvent) -> bool:
    alt_down = (event.key() == Qt.Key.Key_Down
                and event.modifiers() & Qt.KeyboardModifier.AltModifier)
    return bool(alt_down) or event.key() == Qt.Key.Key_F4


def _head_as_written(calendar: QCalendarWidget) -> None:
    """The calendar's heading in the language's order: Qt always puts the month first ("3月
    2031"), and Japanese writes the year first with 年 ("2031年 3月"). Left as Qt made it when
    its heading is not the one known here (another Qt version)."""
    bar = calendar.findChild(QWidget, "qt_calendar_navigationbar")
    month = bar and bar.findChild(QToolButton, "qt_calendar_monthbutton")
    year = bar and bar.findChild(QToolButton, "qt_calendar_yearbutton")
    edit = bar and bar.findChild(QSpinBox, "qt_calendar_yearedit")
    layout = bar and bar.layout()
    if not (month and year and edit and layout) or layout.indexOf(month) < 0 \
            or layout.indexOf(year) < 0:
        return
    year_first, suffix = month_heading_order()
    edit.setSuffix(suffix)                       # the year button shows the box's text
    at_month, at_year = layout.indexOf(month), layout.indexOf(year)
    if (at_year < at_month) != year_first:
        low, high = sorted((at_month, at_year))
        first, second = (year, month) if year_first else (month, year)
        layout.removeWidget(month)
        layout.removeWidget(year)
        layout.insertWidget(low, first)
        layout.insertWidget(high, second)
    year.setText(edit.text())                    # as Qt does on each new page


class DateEdit(QLineEdit):
    """A date typed as 12/9/2026, 2026/12/09, 2026-12-09, 2026年12月9日 or Dec 9, 2026; empty
    only when `optional`. `value()` raises EntryError for what it cannot read."""

    changed = Signal()

    def __init__(self, *, optional: bool = False, parent: QWidget | None = None, **props):
        super().__init__(parent, **props)
        self.optional = optional
        self.default_page = date.today()
        self._last = None if optional else date.today()
        # The calendar is made when first asked for: it is most of a date field's making, and
        # an attendee dialog has three date fields that are mostly typed in or left alone.
        self.calendar: QCalendarWidget | None = None
        self.menu: QMenu | None = None
        self.pick = QAction(icon("x-office-calendar", "calendar"), "", self)
        self.pick.triggered.connect(self.show_calendar)
        self.addAction(self.pick, QLineEdit.ActionPosition.TrailingPosition)
        self.editingFinished.connect(self._tidy)
        self.textChanged.connect(self._typed)
        if not optional:
            self.set_value(self._last)

    # values ----------------------------------------------------------------------------------
    def value(self) -> date | None:
        """The date, None when empty and optional; EntryError when it is not one."""
        value = parse_date(self.text(), format_date(EXAMPLE_DATE, "short_date"))
        if value is None and not self.optional:
            raise EntryError(NO_DATE, example=format_date(EXAMPLE_DATE, "short_date"))
        return value

    def problem(self) -> str:
        """What is wrong with the text as typed, in the current language; "" when fine."""
        try:
            self.value()
        except EntryError as exc:
            return exc.message()
        return ""

    def last_value(self) -> date | None:
        """The last date the text could be read as (for checks that run while typing)."""
        return self._last

    def set_value(self, value: date | None) -> None:
        self.setText(format_date(value, "short_date") if value else "")
        self.setCursorPosition(0)

    def retranslate_ui(self) -> None:
        example = format_date(EXAMPLE_DATE, "short_date")
        self.setPlaceholderText(_("e.g. {example}").format(example=example))
        self.pick.setToolTip(_("Pick a date (Alt+Down)"))
        self.pick.setText(_("Pick a date"))
        self._tidy()                                      # shown in the new language's form

    # reactions -------------------------------------------------------------------------------
    def _typed(self, _text: str) -> None:
        try:
            value = self.value()
        except EntryError:
            pass
        else:
            self._last = value
        self.changed.emit()

    def _tidy(self) -> None:
        try:
            value = self.value()
        except EntryError:
            return                                        # left as typed; the dialog says why
        if self.text() != (format_date(value, "short_date") if value else ""):
            self.set_value(value)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _popup_keys(event):
            self.show_calendar()
            return
        step = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1}.get(event.key())
        if step and self._last is not None and not event.modifiers():
            self.set_value(self._last + timedelta(days=step))
            return
        super().keyPressEvent(event)

    def show_calendar(self) -> None:
        if self.calendar is None:
            self.calendar = QCalendarWidget()
            self.calendar.clicked.connect(self._picked)
            self.calendar.activated.connect(self._picked)
            self.menu = QMenu(self)
            holder = QWidgetAction(self.menu)
            holder.setDefaultWidget(self.calendar)
            self.menu.addAction(holder)
        self.calendar.setLocale(QLocale())                # month names of the current language
        value = self._last or self.default_page
        self.calendar.setSelectedDate(QDate(value.year, value.month, value.day))
        _head_as_written(self.calendar)
        self.menu.popup(self.mapToGlobal(self.rect().bottomLeft()))
        self.calendar.setFocus()

    def _picked(self, day: QDate) -> None:
        self.set_value(day.toPython())
        self.menu.hide()
        self.setFocus()


class TimeEdit(QLineEdit):
    """A clock time typed as 9:30, 930, 21:30, 9:30 pm or 午後9時30分; the arrow keys move it by
    a quarter of an hour. `value()` raises EntryError for what it cannot read."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, **props):
        super().__init__(parent, **props)
        self._last = time(9)
        self.set_value(self._last)
        self.editingFinished.connect(self._tidy)
        self.textChanged.connect(self._typed)
        self.setMaxLength(16)

    @staticmethod
    def format(value: time) -> str:
        return format_clock(value)

    def value(self) -> time:
        return parse_time(self.text(), self.format(EXAMPLE_TIME))

    def problem(self) -> str:
        try:
            self.value()
        except EntryError as exc:
            return exc.message()
        return ""

    def last_value(self) -> time:
        return self._last

    def set_value(self, value: time) -> None:
        self.setText(self.format(value))

    def retranslate_ui(self) -> None:
        self.setPlaceholderText(_("e.g. {example}").format(example=self.format(EXAMPLE_TIME)))
        self._tidy()

    def _typed(self, _text: str) -> None:
        try:
            self._last = self.value()
        except EntryError:
            pass
        self.changed.emit()

    def _tidy(self) -> None:
        try:
            value = self.value()
        except EntryError:
            return
        if self.text() != self.format(value):
            self.set_value(value)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = {Qt.Key.Key_Up: 15, Qt.Key.Key_Down: -15}.get(event.key())
        if step and not event.modifiers():
            moved = datetime.combine(EXAMPLE_DATE, self._last) + timedelta(minutes=step)
            self.set_value(moved.time())
            return
        super().keyPressEvent(event)
