"""The Gifts page of the Meetings tab: every gift (手土産) of the mission, at which item, by
whom to whom, bought or not, handed over or not, and the courtesy calls that have none yet.

Keys (the table focused): Insert adds, Enter edits, Delete deletes, B marks the gift bought or
not, H handed over or not. The page reads and shows; ui.meetings.gift_actions does the work.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from i18n import N_, _, pick
from i18n.formatting import format_datetime, format_list
from models import gifts
from models import repository as repo
from models.entities import ItemKind, Role
from models.store.db import read_session
from ui.common import retranslate
from ui.common.context import Context
from ui.common.events import ATTENDEES, GIFTS, ITEMS
from ui.common.refresh import Pending, Refresher
from ui.common.styles import NOTE_STYLE, WARNING_STYLE
from ui.common.table_model import Column, RowTableModel
from ui.common.tables import RowTable, make_table
from ui.meetings import tab_data

# Items a gift is given at: not travel, stays or free time.
_NOT_AT = {ItemKind.FLIGHT.value, ItemKind.TRANSFER.value, ItemKind.HOTEL.value,
           ItemKind.FREE_TIME.value}


@dataclass
class GiftsData:
    gifts: list[gifts.GiftData] = field(default_factory=list)
    items: dict[int, repo.ItemRow] = field(default_factory=dict)
    people: dict[int, tab_data.Person] = field(default_factory=dict)

    def item_choices(self) -> list[tuple]:
        return [(i.id, i.title_en, i.title_ja, i.start_utc, i.start_tz)
                for i in self.items.values() if i.kind not in _NOT_AT]

    def people_choices(self) -> dict[int, tuple[str, bool]]:
        return {p.participant_id: (p.name(), p.role == Role.HOST.value)
                for p in self.people.values() if not p.cancelled}

    def without_gift(self) -> list[repo.ItemRow]:
        given = {g.item_id for g in self.gifts}
        return [i for i in self.items.values()
                if i.kind == ItemKind.COURTESY_CALL.value and i.id not in given]


def load(session, *, mission_id: int) -> GiftsData:
    people, _orgs = tab_data.load_people(session, mission_id=mission_id)
    return GiftsData(gifts.list_gifts(session, mission_id=mission_id),
                     {i.id: i for i in repo.list_items(session, mission_id=mission_id)}, people)


@dataclass(frozen=True)
class GiftRow:
    """A gift as the table shows it."""

    gift: gifts.GiftData
    item: repo.ItemRow
    giver: str
    recipient: str

    @property
    def id(self) -> int:
        return self.gift.id


def _yes_no(value: bool) -> str:
    return "✓" if value else "—"


COLUMNS = [
    Column("when", N_("When"), lambda r: format_datetime(r.item.start_utc, r.item.start_tz),
           sort_key=lambda r: (r.item.start_utc, r.gift.id)),
    Column("item", N_("At"), lambda r: pick(r.item.title_en, r.item.title_ja)),
    Column("gift", N_("Gift"), lambda r: pick(r.gift.gift_en, r.gift.gift_ja)),
    Column("giver", N_("Given by"), lambda r: r.giver),
    Column("recipient", N_("Given to"), lambda r: r.recipient),
    Column("bought", N_("Bought"), lambda r: _yes_no(r.gift.bought)),
    Column("handed", N_("Handed over"), lambda r: _yes_no(r.gift.handed)),
    Column("notes", N_("Notes"), lambda r: r.gift.notes),
]


class GiftTable(RowTable):
    """Insert adds; B and H flip bought and handed over on the current row."""

    insert_pressed = Signal()
    flip_pressed = Signal(str)          # "bought" or "handed"

    def keyPressEvent(self, event) -> None:
        key, plain = event.key(), event.modifiers() == Qt.KeyboardModifier.NoModifier
        if key == Qt.Key.Key_Insert:
            self.insert_pressed.emit()
            return
        if plain and self.currentIndex().isValid() and key in (Qt.Key.Key_B, Qt.Key.Key_H):
            self.flip_pressed.emit("bought" if key == Qt.Key.Key_B else "handed")
            return
        super().keyPressEvent(event)


class GiftsPage(QWidget):
    add_requested = Signal()
    edit_requested = Signal(int)               # gift id
    delete_requested = Signal(int)
    flip_requested = Signal(int, str)          # gift id, "bought" or "handed"

    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("giftsPage")
        self.ctx, self.editable, self.data = ctx, False, GiftsData()
        self.model = RowTableModel(COLUMNS, self)
        self.table = make_table(self.model, "giftTable", GiftTable())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._name_flips())
        self.table.doubleClicked.connect(lambda _i: self._emit(self.edit_requested))
        self.table.edit_pressed.connect(lambda: self._emit(self.edit_requested))
        self.table.delete_pressed.connect(lambda: self._emit(self.delete_requested))
        self.table.insert_pressed.connect(self._add)
        self.table.flip_pressed.connect(lambda what: self._emit(self.flip_requested, what))
        self.buttons = {k: QPushButton(objectName=f"gift_{k}") for k in (
            "add", "edit", "delete", "bought", "handed")}
        self.buttons["add"].clicked.connect(self._add)
        for key, signal in (("edit", self.edit_requested), ("delete", self.delete_requested)):
            self.buttons[key].clicked.connect(lambda _c=False, s=signal: self._emit(s))
        for key in ("bought", "handed"):
            self.buttons[key].clicked.connect(
                lambda _c=False, k=key: self._emit(self.flip_requested, k))
        self.missing = QLabel(objectName="giftsMissing", wordWrap=True)
        self.missing.setStyleSheet(WARNING_STYLE)
        self.keys = QLabel(objectName="giftKeys", wordWrap=True)
        self.keys.setStyleSheet(NOTE_STYLE)
        row = QHBoxLayout()
        for key in ("add", "edit", "delete", "bought", "handed"):
            row.addWidget(self.buttons[key])
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.missing)
        layout.addWidget(self.keys)
        self.refresher = Refresher(self, ctx, (GIFTS, ITEMS, ATTENDEES), self._reload)
        retranslate.register(self)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        for key, text in (("add", _("&Add gift…")), ("edit", _("&Edit…")),
                          ("delete", _("&Delete"))):
            self.buttons[key].setText(text)
        self._name_flips()
        self.keys.setText(_("Keys: Insert adds a gift, Enter edits it, Delete deletes it, "
                            "B marks it bought or not, H handed over or not."))
        self.model.retranslate()
        self.refresher.language()

    def _name_flips(self) -> None:
        """The buttons that act on the chosen gift: usable only when one is chosen, the two
        flips saying what they will do to it."""
        gift = self.current()
        self.buttons["bought"].setText(_("Mark not &bought") if gift and gift.bought
                                       else _("Mark &bought"))
        self.buttons["handed"].setText(_("Mark not &handed over") if gift and gift.handed
                                       else _("Mark &handed over"))
        for key in ("edit", "delete", "bought", "handed"):
            self.buttons[key].setEnabled(self.editable and gift is not None)

    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        self.buttons["add"].setEnabled(editable)
        self._name_flips()

    def current(self) -> gifts.GiftData | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()).gift if index.isValid() else None

    def _add(self) -> None:
        if self.editable:
            self.add_requested.emit()

    def _emit(self, signal, *args) -> None:
        gift = self.current()
        if self.editable and gift is not None:
            signal.emit(gift.id, *args)

    def _reload(self, _pending: Pending) -> None:
        mission_id = self.ctx.mission_id()
        self.data = GiftsData()
        if mission_id is not None:
            with read_session(self.ctx.engine) as session:
                self.data = load(session, mission_id=mission_id)
        self._fill()

    def _fill(self) -> None:
        d, current, at = self.data, self.current(), self.table.currentIndex().row()
        names = {pid: p.name() for pid, p in d.people.items()}
        rows = [GiftRow(g, d.items[g.item_id], names.get(g.giver_id, "—"),
                        names.get(g.recipient_id) if g.recipient_id is not None
                        else pick(g.recipient_en, g.recipient_ja)[0] or "—")
                for g in d.gifts if g.item_id in d.items]
        self.model.set_rows(rows)
        for column in range(self.model.columnCount() - 1):
            self.table.resizeColumnToContents(column)
        # The same gift again; gone (deleted), the one now in its place; else the first.
        same = next((n for n in range(self.model.rowCount())
                     if current is not None and self.model.row_at(n).id == current.id), None)
        if same is None and rows:
            same = min(max(at, 0), len(rows) - 1)
        if same is not None:
            self.table.selectRow(same)
        self._name_flips()
        missing = d.without_gift()
        self.missing.setText(_("Courtesy calls without a gift: {items}").format(
            items=format_list([pick(i.title_en, i.title_ja)[0] for i in missing]))
            if missing else "")
        self.missing.setVisible(bool(missing))
