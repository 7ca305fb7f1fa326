"""The seating plan drawn: tables, seats with who sits there, the door, and the seat of honour.
A person is moved by dragging them onto another seat (onto someone: the two swap), or from the
keyboard: the arrow keys choose a seat (a ring marks it), Space or Enter picks up who sits
there and again seats them on the chosen seat, Escape puts them back. The view only asks; the
page's actions store the change as the same undoable command as a drag."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsScene, QGraphicsView

from i18n import _
from models.protocol import GUEST
from models.seating import Spot

UNIT = 120.0                         # pixels per seat width
SEAT = 46.0                          # seat circle radius
GUEST_FILL, HOST_FILL = QColor("#dbe9f7"), QColor("#f6e3c9")
TABLE_FILL = QColor("#eeeeee")
SEAT_ROLE = 0                        # QGraphicsItem.data key: (table, seat)
_STEPS = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1),
          Qt.Key.Key_Down: (0, 1)}
_TAKE = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)


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
        self.current: tuple[int, int] | None = None      # the seat the keyboard is on
        self.held: int | None = None                     # the participant picked up by key
        self.focus_mark: QGraphicsEllipseItem | None = None
        self.held_mark: QGraphicsEllipseItem | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def show_plan(self, spots: list[Spot], seats: dict[int, tuple[int, int]],
                  names: dict[int, str], shape: str) -> None:
        scene = self.scene()
        scene.clear()
        self.spots = spots
        self.seats = {spot: pid for pid, spot in seats.items()}
        self.focus_mark = self.held_mark = None
        if self.held is not None and self.held not in seats:
            self.held = None                             # taken off the plan meanwhile
        if not spots:
            self.current = None
            return
        if self.current not in {(s.table, s.seat) for s in spots}:
            self.current = None
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
        self._marks()

    # the keyboard ----------------------------------------------------------------------------
    def _spot(self, key: tuple[int, int] | None) -> Spot | None:
        return next((s for s in self.spots if (s.table, s.seat) == key), None)

    def _ring(self, spot: Spot, grow: float, pen: QPen) -> QGraphicsEllipseItem:
        r = SEAT + grow
        ring = self.scene().addEllipse(QRectF(spot.x * UNIT - r, spot.y * UNIT - r, 2 * r,
                                              2 * r), pen)
        ring.setZValue(10)
        return ring

    def _marks(self) -> None:
        """A ring round the chosen seat while the view has the focus; the seat of a person
        picked up is filled with the selection colour until they are put down."""
        for mark in (self.focus_mark, self.held_mark):
            if mark is not None:
                self.scene().removeItem(mark)
        self.focus_mark = self.held_mark = None
        colour = self.palette().highlight().color()
        held_at = next((spot for spot, pid in self.seats.items() if pid == self.held), None)
        if self.held is not None and self._spot(held_at) is not None:
            self.held_mark = self._ring(self._spot(held_at), 2, QPen(colour, 4))
            fill = QColor(colour)
            fill.setAlpha(90)
            self.held_mark.setBrush(QBrush(fill))
        spot = self._spot(self.current)
        if spot is not None and self.hasFocus():
            self.focus_mark = self._ring(spot, 10, QPen(colour, 5, Qt.PenStyle.DashLine))

    def _step(self, dx: int, dy: int) -> None:
        here = self._spot(self.current)
        if here is None:
            return
        # The nearest seat that way, a seat in the same row or column before one aslant.
        ahead = [s for s in self.spots if (s.x - here.x) * dx + (s.y - here.y) * dy > 0.01]
        if ahead:
            best = min(ahead, key=lambda s: abs((s.x - here.x) * dx + (s.y - here.y) * dy)
                       + 3 * abs((s.x - here.x) * dy + (s.y - here.y) * dx))
            self.current = (best.table, best.seat)

    def _take_or_put(self) -> None:
        if not self.editable or self.current is None:
            return
        if self.held is None:
            self.held = self.seats.get(self.current)        # an empty seat: nothing to take
            return
        held, self.held = self.held, None
        if self.seats.get(self.current) != held:
            self.drop(held, *self.current)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                      Qt.KeyboardModifier.KeypadModifier)
        if not plain or not self.spots:
            super().keyPressEvent(event)
            return
        if self.current is None and (key in _STEPS or key in _TAKE):
            self._start()
        elif key in _STEPS:
            self._step(*_STEPS[key])
        elif key in _TAKE:
            self._take_or_put()
        elif key == Qt.Key.Key_Escape and self.held is not None:
            self.held = None
        else:
            super().keyPressEvent(event)
            return
        self._marks()
        event.accept()

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        if self.current is None and self.spots:
            self._start()
        self._marks()

    def _start(self) -> None:
        """The keyboard starts on the seat of honour."""
        honour = [s for s in self.spots if s.honour == 0] or self.spots
        self.current = (honour[0].table, honour[0].seat)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self._marks()

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
