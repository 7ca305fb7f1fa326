"""The Lodging tab: the mission's hotel stays; for the chosen stay its rooms (who shares which
room), who on the stay has no room yet, and the rooming list night by night.

The tab reads what it shows; adding, editing and deleting rooms is asked for with signals and
carried out by ui.lodging.actions as undoable commands.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from i18n import N_, _, ngettext, pick
from i18n.formatting import format_date, format_list, person_name
from i18n.labels import ROOM_TYPES, label
from models.lodging import Guest, RoomRow, StayRow, rooming_list
from models.store.db import read_session
from ui.common import retranslate
from ui.common.context import Context
from ui.common.events import ATTENDEES, ITEMS, PARTICIPANTS, ROOMS
from ui.common.refresh import Pending, Refresher
from ui.common.styles import WARNING_STYLE
from ui.common.table_model import Column, RowTableModel
from ui.common.tables import make_table

ID_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class NightRoom:
    """One line of the rooming list: a room on a night."""

    night: date
    room: RoomRow


def guest_name(guest: Guest) -> str:
    return person_name(family=guest.family_name, given=guest.given_name,
                       family_ja=guest.family_name_ja, given_ja=guest.given_name_ja)


def guest_names(guests) -> str:
    return format_list([guest_name(g) for g in guests])


def _room_key(room: RoomRow) -> tuple:
    # Room numbers as numbers where they are (1202 before 12010), labels as text otherwise.
    return (not room.label.isdigit(), int(room.label) if room.label.isdigit() else 0,
            room.label.casefold(), room.id)


ROOM_COLUMNS = [
    Column("label", N_("Room"), lambda r: r.label, _room_key),
    Column("type", N_("Room type"), lambda r: label(ROOM_TYPES, r.room_type)),
    Column("guests", N_("Guests"), lambda r: guest_names(r.guests)),
    Column("notes", N_("Notes"), lambda r: r.notes),
]
NIGHT_COLUMNS = [
    Column("night", N_("Night of"), lambda r: format_date(r.night, "day"),
           lambda r: (r.night, _room_key(r.room))),
    Column("room", N_("Room"), lambda r: r.room.label, lambda r: (_room_key(r.room), r.night)),
    Column("type", N_("Room type"), lambda r: label(ROOM_TYPES, r.room.room_type)),
    Column("guests", N_("Guests"), lambda r: guest_names(r.room.guests)),
]


class LodgingTab(QWidget):
    add_requested = Signal(int)         # the stay (hotel item) id
    assign_requested = Signal(int)      # the stay: rooms for all its guests without one
    edit_requested = Signal(int)        # room id
    delete_requested = Signal(int)
    add_stay_requested = Signal()       # a new hotel stay (an itinerary item of kind hotel)

    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lodgingTab")
        self.ctx = ctx
        self.editable = False
        self.stays: list[StayRow] = []
        self._stay_id: int | None = None       # the stay to keep chosen across reloads
        self.stay_list = QListWidget(objectName="stayList")
        self.stay_list.setWordWrap(True)
        self.stay_list.setSpacing(3)
        self.stay_list.currentItemChanged.connect(lambda *_a: self._fill_stay())
        self.no_stays = QLabel(objectName="noStays")
        self.no_stays.setWordWrap(True)
        self.no_stays.setStyleSheet("color: palette(placeholder-text);")
        self.room_model = RowTableModel(ROOM_COLUMNS, self)
        self.room_table = make_table(self.room_model, "roomTable")
        self.room_table.doubleClicked.connect(lambda _i: self._emit_for(self.edit_requested))
        self.room_table.selectionModel().currentRowChanged.connect(
            lambda *_a: self._update_buttons())
        self.night_model = RowTableModel(NIGHT_COLUMNS, self)
        self.night_table = make_table(self.night_model, "roomingTable")
        # Night by night, each night's date once beside its rooms: a fixed order, no sorting.
        self.night_table.setSortingEnabled(False)
        self.night_table.horizontalHeader().setSortIndicatorShown(False)
        self.unroomed = QLabel(objectName="unroomed")
        self.unroomed.setWordWrap(True)
        self.unroomed.setStyleSheet(WARNING_STYLE)
        self.add_stay_button = QPushButton(objectName="addStay",
                                           clicked=lambda: self._add_stay())
        self.add_button = QPushButton(objectName="addRoom", clicked=lambda: self._add())
        self.assign_button = QPushButton(objectName="assignRooms", clicked=lambda: self._add(
            self.assign_requested))
        self.edit_button = QPushButton(objectName="editRoom", clicked=lambda: self._emit_for(
            self.edit_requested))
        self.delete_button = QPushButton(objectName="deleteRoom", clicked=lambda: self._emit_for(
            self.delete_requested))
        self._build_layout()
        self.refresher = Refresher(self, ctx, (ROOMS, ITEMS, ATTENDEES, PARTICIPANTS),
                                   self._reload)
        retranslate.register(self)
        self.retranslate_ui()

    def _build_layout(self) -> None:
        self.stays_group = QGroupBox()
        stays = QVBoxLayout(self.stays_group)
        stays.addWidget(self.add_stay_button, 0, Qt.AlignmentFlag.AlignLeft)
        stays.addWidget(self.stay_list, 1)
        stays.addWidget(self.no_stays)
        self.rooms_group = QGroupBox()
        buttons = QHBoxLayout()
        for button in (self.add_button, self.assign_button, self.edit_button,
                       self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        rooms = QVBoxLayout(self.rooms_group)
        rooms.addLayout(buttons)
        rooms.addWidget(self.room_table, 1)
        rooms.addWidget(self.unroomed)
        self.nights_group = QGroupBox()
        QVBoxLayout(self.nights_group).addWidget(self.night_table)
        right = QSplitter(Qt.Orientation.Vertical, objectName="roomsSplitter")
        right.addWidget(self.rooms_group)
        right.addWidget(self.nights_group)
        split = QSplitter(Qt.Orientation.Horizontal, objectName="lodgingSplitter")
        split.addWidget(self.stays_group)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([320, 800])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(split)

    def retranslate_ui(self) -> None:
        self.stays_group.setTitle(_("Hotel stays"))
        self.rooms_group.setTitle(_("Rooms"))
        self.add_button.setText(_("&Add room…"))
        self.assign_button.setText(_("A&ssign rooms for the stay…"))
        self.edit_button.setText(_("&Edit room…"))
        self.delete_button.setText(_("&Delete room…"))
        self.add_stay_button.setText(_("Add hotel &stay…"))
        self.no_stays.setText(_("This mission has no hotel stay yet: add one here (it is an "
                                "itinerary item of the kind “Hotel”)."))
        self.refresher.language()

    @property
    def engine(self):
        return self.ctx.engine

    # data ------------------------------------------------------------------------------------
    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        self._update_buttons()

    def _reload(self, pending: Pending) -> None:
        if not pending.needs_data():
            for model in (self.room_model, self.night_model):
                model.retranslate()
            self._fill_stays()
            return
        mission_id = self.ctx.mission_id()
        self.stays = []
        if mission_id is not None:
            with read_session(self.engine) as session:
                self.stays = rooming_list(session, mission_id=mission_id)
        self._fill_stays()

    def current_stay(self) -> StayRow | None:
        item = self.stay_list.currentItem()
        stay_id = item.data(ID_ROLE) if item is not None else None
        return next((s for s in self.stays if s.item_id == stay_id), None)

    def current_room_id(self) -> int | None:
        index = self.room_table.currentIndex()
        return self.room_model.row_at(index.row()).id if index.isValid() else None

    def select_stay(self, item_id: int, participant_id: int | None = None) -> bool:
        """Choose the stay, and the room of `participant_id` when they have one."""
        self.refresher.flush()
        ids = [s.item_id for s in self.stays]
        if item_id not in ids:
            return False
        self.stay_list.setCurrentRow(ids.index(item_id))
        for row in range(self.room_model.rowCount()):
            room = self.room_model.row_at(row)
            if any(g.participant_id == participant_id for g in room.guests):
                self.room_table.selectionModel().setCurrentIndex(
                    self.room_model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
        return True

    def select_room(self, room_id: int) -> bool:
        for row in range(self.room_model.rowCount()):
            if self.room_model.row_at(row).id == room_id:
                self.room_table.selectRow(row)
                return True
        return False

    def _fill_stays(self) -> None:
        keep = self._stay_id
        self.stay_list.blockSignals(True)
        self.stay_list.clear()
        day = cache(lambda d: format_date(d, "day"))      # stays share their dates
        for stay in self.stays:
            nights = len(stay.nights)
            rooms = len(stay.nights[0].rooms) if stay.nights else 0
            text = "\n".join((
                pick(stay.title_en, stay.title_ja)[0],
                f"{day(stay.check_in)} – {day(stay.check_out)}",
                " · ".join((ngettext("{n} night", "{n} nights", nights).format(n=nights),
                            ngettext("{n} room", "{n} rooms", rooms).format(n=rooms)))))
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, stay.item_id)
            item.setToolTip(pick(stay.location_en, stay.location_ja)[0])
            self.stay_list.addItem(item)
        self.stay_list.blockSignals(False)
        ids = [s.item_id for s in self.stays]
        self.stay_list.setVisible(bool(ids))
        self.no_stays.setVisible(not ids)
        if ids:
            self.stay_list.setCurrentRow(ids.index(keep) if keep in ids else 0)
        self._fill_stay()

    def _fill_stay(self) -> None:
        stay = self.current_stay()
        keep_room = self.current_room_id()
        if stay is not None:
            self._stay_id = stay.item_id
        rooms = list(stay.nights[0].rooms) if stay and stay.nights else []
        self.room_model.set_rows(rooms)
        if keep_room is not None:
            self.select_room(keep_room)
        self.night_model.set_rows([NightRoom(n.night, r) for n in stay.nights for r in n.rooms]
                                  if stay else [])
        self._span_nights()
        for table in (self.room_table, self.night_table):
            for column in range(table.model().columnCount() - 1):   # the last one stretches
                table.resizeColumnToContents(column)
        title = pick(stay.title_en, stay.title_ja)[0] if stay else ""
        self.nights_group.setTitle(_("Rooming list: {hotel}").format(hotel=title) if stay
                                   else _("Rooming list"))
        names = guest_names(stay.unroomed) if stay else ""
        self.unroomed.setText(_("On this stay without a room: {names}").format(names=names)
                              if names else "")
        self.unroomed.setVisible(bool(names))
        self._update_buttons()

    def _span_nights(self) -> None:
        self.night_table.clearSpans()
        rows = self.night_model.rows()
        start = 0
        for row in range(1, len(rows) + 1):
            if row == len(rows) or rows[row].night != rows[start].night:
                if row - start > 1:
                    self.night_table.setSpan(start, 0, row - start, 1)
                start = row

    # actions ---------------------------------------------------------------------------------
    def _add(self, signal=None) -> None:
        stay = self.current_stay()
        if stay is not None and self.editable:
            (signal or self.add_requested).emit(stay.item_id)

    def _emit_for(self, signal) -> None:
        room_id = self.current_room_id()
        if room_id is not None and self.editable:
            signal.emit(room_id)

    def _add_stay(self) -> None:
        if self.editable:
            self.add_stay_requested.emit()

    def _update_buttons(self) -> None:
        self.add_stay_button.setEnabled(self.editable)
        self.add_button.setEnabled(self.editable and self.current_stay() is not None)
        self.assign_button.setEnabled(self.add_button.isEnabled())
        on_row = self.editable and self.room_table.currentIndex().isValid()
        self.edit_button.setEnabled(on_row)
        self.delete_button.setEnabled(on_row)
