"""The painted timeline of one day: the day's place's clock and the other side's clock on the
left, the items as blocks coloured by kind, hotel stays as thin bands beside them.

The layout (itinerary_layout) is computed once per change of data; the pixel rectangles and
elided texts once per size or language; paintEvent only draws what is cached, so redrawing a
busy day stays well under a frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QLineF, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QPen,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import QToolTip, QWidget

import i18n
from i18n import _, pick
from i18n.formatting import format_date, zone_abbreviation
from ui.itinerary.block_texts import block_times, clock, day_mark, tooltip
from ui.itinerary.day_layout import Block, DayLayout

# Light fills under dark text: readable in a light and a dark theme alike.
KIND_COLOURS = {
    "flight": "#8cc4f5", "transfer": "#c3ccd6", "meeting": "#ffd27a", "seminar": "#cdb8f5",
    "site_visit": "#98d99c", "meal": "#ffb4a6", "ceremony": "#f4a9d3", "hotel": "#6f6fa0",
    "free_time": "#a6dfdb", "matchmaking": "#e8c07a", "courtesy_call": "#d9b3a0",
}
TEXT = QColor("#151515")
MIN_PX_PER_HOUR = 36
BAND = 8                                  # width of a hotel band

@dataclass(slots=True)
class _Drawn:
    block: Block
    rect: QRectF
    title: str
    times: str
    mark: str
    title_text: QStaticText | None = None
    times_text: QStaticText | None = None
    plain: bool = False              # a box and its outline only, drawn with its kind's
    pill: QRectF | None = None       # where the mark is drawn; None: the block cannot hold it


class DayTimeline(QWidget):
    item_clicked = Signal(int)
    item_activated = Signal(int)
    context_requested = Signal(int, QPoint)     # item id (0: none), global position

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dayTimeline")
        self.setMouseTracking(False)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.layout_: DayLayout | None = None
        self.selected: int | None = None
        self._drawn: list[_Drawn] = []
        self._labels: list[tuple[float, float, str, bool, bool]] = []  # x, y, text, bold, other
        self._lines: list[tuple[float, bool]] = []                       # y, midnight
        self._axis = (0.0, 0.0, 0.0)               # right edges of both columns, items' left
        self._key: tuple | None = None
        self._fonts: dict[str, QFont] = {}
        self._texts: dict[tuple, tuple[str, QStaticText]] = {}
        self._text_key: tuple | None = None
        self._top, self._per_hour = 0.0, float(MIN_PX_PER_HOUR)
        self._line = 0

    # data ------------------------------------------------------------------------------------
    def set_layout(self, layout: DayLayout | None) -> None:
        self.layout_ = layout
        self._key = None
        self.updateGeometry()
        self.update()

    def set_selected(self, item_id: int | None) -> None:
        if item_id != self.selected:
            self.selected = item_id
            self.update()

    def column_zones(self) -> tuple[str, str]:
        """The abbreviations heading the two clock columns (EDT/EST across a change)."""
        if self.layout_ is None:
            return "", ""
        out = []
        for zone in self.layout_.clocks:
            names = [zone_abbreviation(local) for _h, local in self.layout_.ticks[zone]]
            out.append("/".join(dict.fromkeys(names)))
        return out[0], out[1]

    def axis(self) -> tuple[float, float, float]:
        """Right edges of the two clock columns and the left edge of the items, in pixels."""
        self._ensure_geometry()
        return self._axis

    def blocks_drawn(self) -> list[_Drawn]:
        """What is on screen, in drawing order (tests and the bench look at it)."""
        self._ensure_geometry()
        return list(self._drawn)

    # geometry --------------------------------------------------------------------------------
    def _pads(self) -> tuple[float, float]:
        half = self.fontMetrics().height() / 2 + 3
        return half, half

    def sizeHint(self) -> QSize:
        return QSize(420, self.minimumSizeHint().height())

    def minimumSizeHint(self) -> QSize:
        top, bottom = self._pads()
        hours = self.layout_.hours if self.layout_ else 8
        return QSize(260, int(hours * MIN_PX_PER_HOUR + top + bottom))

    def y_of(self, hours: float) -> float:
        """The pixel row of a time, `hours` after the picture's start."""
        return self._top + hours * self._per_hour

    def _scale(self) -> None:
        top, bottom = self._pads()
        span = self.layout_.hours if self.layout_ else 8
        self._top = top
        self._per_hour = max(MIN_PX_PER_HOUR, (self.height() - top - bottom) / span)

    def _ensure_geometry(self) -> None:
        key = (self.width(), self.height(), self.font().key(), i18n.current_language())
        if key == self._key:
            return
        self._key = key
        self._scale()
        self._drawn, self._labels, self._lines = [], [], []
        if key[2:] != self._text_key:                 # another font or language
            self._texts, self._text_key = {}, key[2:]
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.88))
        # Made once per size and language: a QFont per block and paint cost a millisecond.
        self._fonts = {"title": self._bold(self.font()), "small": small,
                       "small_bold": self._bold(small)}
        layout = self.layout_
        if layout is None:
            return
        metrics, bold_metrics = QFontMetrics(small), QFontMetrics(self._fonts["small_bold"])
        columns = []
        for zone in layout.clocks:
            texts = [(h, local.hour, *self._tick_text(local)) for h, local in layout.ticks[zone]]
            width = max([(bold_metrics if bold else metrics).horizontalAdvance(t)
                         for _h, _hour, t, bold in texts]
                        + [metrics.horizontalAdvance("00:00")]) + 10
            columns.append((texts, width))
        first, second = columns[0][1], columns[0][1] + columns[1][1]
        items_left = second + 6 + BAND * max((b.column + 1 for b in layout.bands), default=0)
        self._axis = (first, second, items_left + 4)
        # Every other hour when the hours are too close for a label each; midnight always.
        every = 1 if self.y_of(1) - self.y_of(0) >= metrics.height() * 1.2 else 2
        for n, (texts, _width) in enumerate(columns):
            right = first if n == 0 else second
            for h, hour, text, bold in texts:
                if bold or hour % every == 0:
                    self._labels.append((right - 5, self.y_of(h), text, bold, n == 1))
                if n == 0:
                    self._lines.append((self.y_of(h), bold))
        self._place_blocks(layout, items_left + 4, second + 6)

    def _place_blocks(self, layout: DayLayout, left: float, band_left: float) -> None:
        width = max(40.0, self.width() - left - 6)
        metrics = QFontMetrics(self._fonts["title"])
        self._line = metrics.height()
        # Narrower than a letter and an ellipsis, a block shows no text: a busy day of a large
        # mission has hundreds of such slivers side by side, each text elided for nothing.
        narrowest = metrics.horizontalAdvance("M…")
        mark_metrics = QFontMetrics(self._fonts["small_bold"])
        top0, per_hour, drawn = self._top, self._per_hour, self._drawn   # y_of, inlined
        for block in layout.bands:
            top = top0 + block.top * per_hour
            rect = QRectF(band_left + block.column * BAND, top, BAND - 2,
                          max(3.0, (block.bottom - block.top) * per_hour))
            drawn.append(_Drawn(block, rect, "", "", "", plain=True))
        for block in layout.blocks:
            column_width = width / block.columns
            top = top0 + block.top * per_hour
            rect = QRectF(left + block.column * column_width, top, column_width - 2,
                          max(3.0, (block.bottom - block.top) * per_hour))
            mark = day_mark(block.shift) if block.shift else ""
            pill = self._pill(rect, mark, mark_metrics) if mark else None
            inner = max(0, int(column_width - 2) - 8)
            if inner < narrowest:
                plain = pill is None and not block.cut_top and not block.cut_bottom
                drawn.append(_Drawn(block, rect, "", "", mark, plain=plain, pill=pill))
                continue
            title, title_text = self._text("title", pick(block.row.title_en,
                                                         block.row.title_ja)[0], inner)
            times, times_text = self._text("small", block_times(block, layout.zone), inner)
            drawn.append(_Drawn(block, rect, title, times, mark, title_text, times_text,
                                pill=pill))

    @staticmethod
    def _pill(rect: QRectF, mark: str, metrics: QFontMetrics) -> QRectF | None:
        """Where the day mark ("+1 day") sits in the block's lower right corner; None when the
        block is too narrow to hold it. The table and the tooltip still say the day: a hundred
        slivers of one busy hour each drew its mark wider than itself, into one black bar
        across the clocks."""
        pill = QRectF(0, 0, metrics.horizontalAdvance(mark) + 8, metrics.height())
        if pill.width() > rect.width() - 6:
            return None
        pill.moveBottomRight(rect.bottomRight() - QPointF(3, 3))
        return pill

    def _text(self, font: str, text: str, width: int) -> tuple[str, QStaticText]:
        """The text elided to `width`, laid out once: after an edit only the changed item's
        texts are new, so a day's redraw shapes no glyphs again."""
        key = (font, text, width)
        hit = self._texts.get(key)
        if hit is None:
            if len(self._texts) > 5_000:
                self._texts.clear()
            elided = QFontMetrics(self._fonts[font]).elidedText(
                text, Qt.TextElideMode.ElideRight, width)
            static = QStaticText(elided)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(QTransform(), self._fonts[font])
            hit = self._texts[key] = (elided, static)
        return hit

    def _tick_text(self, local: datetime) -> tuple[str, bool]:
        if local.hour == 0 and local.minute == 0:
            return format_date(local.date(), "day"), True
        return clock(local, str(local.tzinfo), False), False

    @staticmethod
    def _bold(font: QFont) -> QFont:
        bold = QFont(font)
        bold.setBold(True)
        return bold

    # painting --------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        self._ensure_geometry()
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(event.rect(), palette.color(QPalette.ColorRole.Base))
        layout = self.layout_
        if layout is None:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, _("No day to show"))
            return
        first, second, _items_left = self._axis
        painter.fillRect(QRectF(first, 0, second - first, self.height()),
                         palette.color(QPalette.ColorRole.AlternateBase))
        grid = palette.color(QPalette.ColorRole.Mid)
        grid.setAlpha(90)
        # Over the items only: a line through the clock columns would strike their labels.
        # Midnight solid and darker: a dashed pen costs more than all the blocks' text.
        for midnight, pen in ((False, QPen(grid)),
                              (True, QPen(palette.color(QPalette.ColorRole.Text), 1))):
            # Cosmetic, as wide in device pixels as one unit: drawn as a line, not stroked as
            # a shape (half the cost, a millisecond per paint on a busy machine).
            pen.setCosmetic(True)
            pen.setWidthF(self.devicePixelRatioF())
            painter.setPen(pen)
            painter.drawLines([QLineF(second + 2, y, self.width(), y)
                               for y, is_midnight in self._lines if is_midnight == midnight])
        self._paint_labels(painter, palette)
        exposed = QRectF(event.rect())
        plain: dict[str, list[QRectF]] = {}
        others = []
        for drawn in self._drawn:
            if not drawn.rect.intersects(exposed):     # a scrolled view repaints a strip
                continue
            if drawn.plain and drawn.block.row.id != self.selected:
                plain.setdefault(drawn.block.row.kind, []).append(drawn.rect)
            else:
                others.append(drawn)
        self._paint_plain(painter, plain)
        for drawn in others:                           # the selected one over its neighbours
            self._paint_block(painter, drawn, palette)

    @staticmethod
    def _paint_plain(painter: QPainter, plain: dict[str, list[QRectF]]) -> None:
        """Boxes without text, mark or cut, one call per kind: a busy day of a large mission
        has hundreds of slivers, and three calls each cost more than all the rest."""
        for kind, rects in plain.items():
            fill = QColor(KIND_COLOURS.get(kind, "#dddddd"))
            painter.setPen(QPen(fill.darker(160), 1))
            painter.setBrush(fill)
            painter.drawRects([r.adjusted(0.5, 0.5, -0.5, -0.5) for r in rects])
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_labels(self, painter: QPainter, palette: QPalette) -> None:
        height = QFontMetrics(self._fonts["small"]).height()
        main, other = palette.color(QPalette.ColorRole.Text), \
            palette.color(QPalette.ColorRole.PlaceholderText)
        for right, y, text, bold, is_other in self._labels:
            painter.setFont(self._fonts["small_bold" if bold else "small"])
            painter.setPen(other if is_other else main)
            painter.drawText(QRectF(0, y - height / 2, right, height),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)

    def _paint_block(self, painter: QPainter, drawn: _Drawn, palette: QPalette) -> None:
        block, rect = drawn.block, drawn.rect
        fill = QColor(KIND_COLOURS.get(block.row.kind, "#dddddd"))
        selected = block.row.id == self.selected
        painter.fillRect(rect, fill.darker(112) if selected else fill)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2) if selected
                       else QPen(fill.darker(160), 1))
        painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        if block.row.kind != "hotel" and (block.cut_top or block.cut_bottom):
            painter.setPen(QPen(fill.darker(200), 2))  # the item goes on beyond the picture
            painter.drawLines([QLineF(rect.left(), y, rect.right(), y) for cut, y in (
                (block.cut_top, rect.top() + 1), (block.cut_bottom, rect.bottom() - 1)) if cut])
        text_rect = rect.adjusted(4, 1, -4, -1)
        if block.row.kind == "hotel" or text_rect.height() < self._line * 0.75:
            return                                     # half a line of text is a smudge
        if drawn.title_text is not None:               # None: too narrow for any text
            self._paint_texts(painter, drawn, text_rect)
        if drawn.pill is not None:
            self._paint_mark(painter, drawn.pill, drawn.mark, self._fonts["small_bold"])

    def _paint_texts(self, painter: QPainter, drawn: _Drawn, text_rect: QRectF) -> None:
        painter.setPen(TEXT)
        short = text_rect.height() < self._line       # only then is clipping worth its cost
        if short:
            painter.save()
            painter.setClipRect(text_rect)
        painter.setFont(self._fonts["title"])
        painter.drawStaticText(text_rect.topLeft(), drawn.title_text)
        if text_rect.height() >= self._line * 2:
            painter.setFont(self._fonts["small"])
            painter.drawStaticText(text_rect.topLeft() + QPointF(0, self._line),
                                   drawn.times_text)
        if short:
            painter.restore()

    @staticmethod
    def _paint_mark(painter: QPainter, pill: QRectF, mark: str, font: QFont) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#202020"))
        painter.drawRoundedRect(pill, 4, 4)
        painter.setPen(QColor("#ffffff"))
        painter.setFont(font)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, mark)
        painter.setBrush(Qt.BrushStyle.NoBrush)       # or the next block's outline fills dark

    # mouse -----------------------------------------------------------------------------------
    def item_at(self, pos: QPoint) -> int | None:
        self._ensure_geometry()
        for drawn in reversed(self._drawn):
            if drawn.rect.adjusted(-1, -1, 1, 1).contains(pos.toPointF()):
                return drawn.block.row.id
        return None

    def mousePressEvent(self, event) -> None:
        item_id = self.item_at(event.position().toPoint())
        if item_id is not None and event.button() == Qt.MouseButton.LeftButton:
            self.set_selected(item_id)
            self.item_clicked.emit(item_id)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        item_id = self.item_at(event.position().toPoint())
        if item_id is not None:
            self.item_activated.emit(item_id)

    def contextMenuEvent(self, event) -> None:
        item_id = self.item_at(event.pos())
        if item_id is not None:
            self.set_selected(item_id)
            self.item_clicked.emit(item_id)
        self.context_requested.emit(item_id or 0, event.globalPos())

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            item_id = self.item_at(event.pos())
            drawn = next((d for d in self._drawn if d.block.row.id == item_id), None)
            if drawn is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), tooltip(drawn.block), self)
            return True
        return super().event(event)
