"""The seating plan drawn: tables, seats with who sits there, the door, and the seat of honour.
A person is moved by dragging them onto another seat (onto someone: the two swap). The view
only asks; the page's actions store the change as an undoable command."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

from i18n import _
from models.protocol import GUEST
from models.seating import Spot

UNIT = 120.0                         # pixels per seat width
SEAT = 46.0                          # seat circle radius
GUEST_FILL, HOST_FILL = QColor("#dbe9f7"), QColor("#f6e3c9")
TABLE_FILL = QColor("#eeeeee")
SEAT_ROLE = 0                        # QGraphicsItem.data key: (table, seat)


class SeatingView(QGraphicsView):
    seat_dropped = Signal(int, int, int)        # participant, table, seat

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("seatingView")
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.spots: list[Spot] = []
        self.seats: dict[tuple[int, int], int] = {}      # (table, seat) -> participant
        self._dragged: int | None = None
        self.editable = False

    def show_plan(self, spots: list[Spot], seats: dict[int, tuple[int, int]],
                  names: dict[int, str], shape: str) -> None:
        scene = self.scene()
        scene.clear()
        self.spots = spots
        self.seats = {spot: pid for pid, spot in seats.items()}
        if not spots:
            return
        small = QFont(self.font())
        for table in sorted({s.table for s in spots}):
            mine = [s for s in spots if s.table == table]
            xs, ys = [s.x for s in mine], [s.y for s in mine]
            box = QRectF(QPointF(min(xs) * UNIT, min(ys) * UNIT),
                         QPointF(max(xs) * UNIT, max(ys) * UNIT))
            if shape == "round":
                shrink = SEAT * 1.4
                scene.addEllipse(box.adjusted(shrink, shrink, -shrink, -shrink),
                                 QPen(Qt.GlobalColor.darkGray), QBrush(TABLE_FILL))
            else:
                scene.addRect(box.adjusted(SEAT * 0.4, SEAT * 1.2, -SEAT * 0.4, -SEAT * 1.2),
                              QPen(Qt.GlobalColor.darkGray), QBrush(TABLE_FILL))
            label = scene.addText(_("Table {n}").format(n=table), small)
            label.setPos(box.center() - QPointF(label.boundingRect().width() / 2,
                                                label.boundingRect().height() / 2))
        for spot in spots:
            centre = QPointF(spot.x * UNIT, spot.y * UNIT)
            pid = self.seats.get((spot.table, spot.seat))
            fill = GUEST_FILL if spot.side == GUEST else HOST_FILL
            circle = scene.addEllipse(QRectF(centre.x() - SEAT, centre.y() - SEAT, 2 * SEAT,
                                             2 * SEAT), QPen(QColor("#666666"), 2 if (
                                                 spot.honour == 0 and spot.table == 1) else 1),
                                      QBrush(fill))
            circle.setData(SEAT_ROLE, (spot.table, spot.seat))
            text = names.get(pid, "") if pid is not None else ""
            if spot.honour == 0 and spot.table == 1 and spot.side == GUEST:
                text = (text + "\n" if text else "") + _("(seat of honour)")
            item = scene.addText(text, small)
            item.setTextWidth(2 * SEAT + 8)
            option = item.document().defaultTextOption()
            option.setAlignment(Qt.AlignmentFlag.AlignCenter)
            item.document().setDefaultTextOption(option)
            rect = item.boundingRect()
            item.setPos(centre - QPointF(rect.width() / 2, rect.height() / 2))
            item.setData(SEAT_ROLE, (spot.table, spot.seat))
            circle.setToolTip(text)
        bounds = scene.itemsBoundingRect()
        door = scene.addText(_("Door"), small)
        door.setPos(bounds.center().x() - door.boundingRect().width() / 2,
                    bounds.bottom() + SEAT)
        scene.addLine(bounds.center().x() - UNIT, bounds.bottom() + SEAT * 0.8,
                      bounds.center().x() + UNIT, bounds.bottom() + SEAT * 0.8,
                      QPen(QColor("#8a5300"), 4))
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-20, -20, 20, 20))
        self.fitInView(scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.scene().items():
            self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def seat_at(self, pos) -> tuple[int, int] | None:
        for item in self.items(pos):
            spot = item.data(SEAT_ROLE)
            if spot is not None:
                return tuple(spot)
        return None

    def drop(self, participant_id: int, table: int, seat: int) -> None:
        if (table, seat) in {(s.table, s.seat) for s in self.spots}:
            self.seat_dropped.emit(participant_id, table, seat)

    def mousePressEvent(self, event) -> None:
        spot = self.seat_at(event.position().toPoint())
        self._dragged = self.seats.get(spot) if spot and self.editable else None
        if self._dragged is not None:
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        self.viewport().unsetCursor()
        dragged, self._dragged = self._dragged, None
        spot = self.seat_at(event.position().toPoint())
        if dragged is not None and spot is not None and self.seats.get(spot) != dragged:
            self.drop(dragged, *spot)
        super().mouseReleaseEvent(event)
