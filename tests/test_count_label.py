"""The counts beside the Attendees and Itinerary tables keep one size whatever they count, so a
new count (a filter keystroke, a day or mission switch) lays nothing out again."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from ui.common.count_label import CountLabel
from ui.itinerary.item_count import ItemCount


class Layouts(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def shown_in_a_row(qtbot, label) -> tuple[QWidget, Layouts]:
    row = QWidget()
    qtbot.addWidget(row)
    layout = QHBoxLayout(row)
    layout.addWidget(QLineEdit(), 1)
    layout.addWidget(label)
    row.show()
    qtbot.waitExposed(row)
    qtbot.wait(20)                       # the first layout, done
    layouts = Layouts()
    row.installEventFilter(layouts)
    return row, layouts


def test_a_count_keeps_its_box_and_asks_for_no_layout(qtbot):
    label = CountLabel("count")
    widest = ("8888 attendees", "8888 of 8888 attendees")
    label.set_count_text("21 attendees", widest)
    _row, layouts = shown_in_a_row(qtbot, label)
    size = label.size()
    assert label.fontMetrics().horizontalAdvance(widest[1]) < size.width()
    for text in ("1 of 21 attendees", "200 attendees", "2000 of 2000 attendees"):
        label.set_count_text(text, widest)
        qtbot.wait(5)
        assert label.text() == text and label.size() == size
    assert layouts.count == 0
    # A longer widest text (a mission of 20,000) widens the box once.
    label.set_count_text("20000 attendees", ("88888 attendees", "88888 of 88888 attendees"))
    assert label.width() > size.width()


def test_the_itinerary_count_fits_five_digits_and_grows_past_them(qtbot):
    count = ItemCount()
    count.show_count(12, 300)
    _row, layouts = shown_in_a_row(qtbot, count)
    size = count.size()
    count.show_count(3000, 3000)
    count.show_count(280, 3000)
    qtbot.wait(5)
    assert count.text() == "280 of 3000 items" and count.size() == size
    assert layouts.count == 0
    count.show_count(10, 120000)
    assert count.width() > size.width()
