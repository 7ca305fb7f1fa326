"""The frame of the day timeline: the strip above it (the zone abbreviations over its two clock
columns, the day and its public holiday over its items), outside the scroll area so it stays in
view while the hours scroll, and that scroll area."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QScrollArea, QToolTip, QWidget

from i18n.formatting import zone_name
from ui.itinerary.day_heading import day_heading
from ui.itinerary.timeline import DayTimeline


class TimelineHeader(QWidget):
    """Aligned with the columns of `timeline`, which it follows."""

    def __init__(self, timeline: DayTimeline, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("timelineHeader")
        self.timeline = timeline
        self.setFixedHeight(self.fontMetrics().height() + 8)

    def sizeHint(self) -> QSize:
        return QSize(200, self.fontMetrics().height() + 8)

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.FontChange:   # the Japanese font is taller
            self.setFixedHeight(self.fontMetrics().height() + 8)
        super().changeEvent(event)

    def event(self, event) -> bool:
        # The abbreviations fit the narrow clock columns; the zones' names come on hovering.
        if event.type() == QEvent.Type.ToolTip and self.timeline.layout_ is not None:
            names = " / ".join(zone_name(z) for z in self.timeline.layout_.clocks)
            QToolTip.showText(event.globalPos(), names, self)
            return True
        return super().event(event)

    def paintEvent(self, event) -> None:
        timeline = self.timeline
        painter = QPainter(self)
        layout = timeline.layout_
        if layout is None:
            return
        first, second, items_left = timeline.axis()
        zones = timeline.column_zones()
        painter.setFont(DayTimeline._bold(self.font()))
        for (left, right), text, other in (((0, first), zones[0], False),
                                           ((first, second), zones[1], True)):
            painter.setPen(self.palette().color(
                QPalette.ColorRole.PlaceholderText if other else QPalette.ColorRole.Text))
            painter.drawText(QRectF(left, 0, right - left - 5, self.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        painter.drawText(QRectF(items_left, 0, self.width() - items_left, self.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         day_heading(layout.day, layout.zone, [
                             b.row.site_address for b in layout.blocks
                             if b.row.kind == "site_visit" and b.row.site_address]))


class TimelineScroll(QScrollArea):
    """The scroll area the timeline's hours scroll in. Its size hint does not follow the day's:
    a day of more hours than the last would otherwise relay out, and so repaint, the window."""

    def __init__(self, timeline: DayTimeline, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("timelineScroll")
        self.setWidget(timeline)
        self.setWidgetResizable(True)
        # The scroll bar always there, for the same reason: one shown or hidden as days grow
        # and shrink resized the items' column and relaid out the window.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)

    def sizeHint(self) -> QSize:
        return QSize(440, 400)
