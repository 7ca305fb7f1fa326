"""The Protocol page of the Meetings tab: for a meal, ceremony, courtesy call or visit, who
interprets there, the order of greetings by rank, and the seating plan drawn and editable.

The page reads and shows; what the user asks for goes out as signals that ui.meetings.actions
turns into dialogs and undoable commands. Keys on the greetings list: Ctrl+Up and Ctrl+Down
move the chosen speaker, Delete takes them off, Insert adds one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from i18n import _, pick
from i18n.formatting import format_datetime, format_list
from i18n.labels import ITEM_KINDS, SEATING_CONVENTIONS, TABLE_SHAPES, label
from models import interpreting, protocol, seating
from models import repository as repo
from models.findings import duration_text
from models.items import item_people
from models.store.db import read_session
from ui.common import retranslate
from ui.common.context import Context
from ui.common.events import ATTENDEES, ITEMS, MEETINGS, PARTICIPANTS, PROTOCOL
from ui.common.refresh import Pending, Refresher
from ui.common.styles import NOTE_STYLE, WARNING_STYLE
from ui.common.wrapped_list import wrapped_list
from ui.meetings import tab_data
from ui.meetings.seating_view import SeatingView

ID_ROLE = Qt.ItemDataRole.UserRole
KINDS = ("courtesy_call", "ceremony", "meal", "meeting", "seminar", "site_visit")


@dataclass
class ProtocolData:
    items: list[repo.ItemRow] = field(default_factory=list)
    people: dict[int, tab_data.Person] = field(default_factory=dict)
    ranks: dict[int, int] = field(default_factory=dict)
    item_id: int | None = None
    taking_part: list[int] = field(default_factory=list)
    needed: bool = False
    interpreters: tuple[int, ...] = ()
    settings: seating.PlanSettings | None = None
    seats: dict[int, tuple[int, int]] = field(default_factory=dict)
    greetings: list[int] = field(default_factory=list)     # set by hand; empty: by rank
    break_rule: tuple[int, int] = (interpreting.WORK_MINUTES, interpreting.BREAK_MINUTES)

    def greeting_order(self) -> list[int]:
        """Who greets, in order: as set by hand, else by rank."""
        if self.greetings:
            return [p for p in self.greetings if p in self.people]
        return protocol.greeting_order(self.ranked(self.taking_part))

    def ranked(self, pids) -> list[protocol.Ranked]:
        return [protocol.Ranked(p, self.people[p].role, self.people[p].sort_key,
                                self.ranks.get(p)) for p in pids if p in self.people]


def load(session, *, mission_id: int, item_id: int | None) -> ProtocolData:
    people, _orgs = tab_data.load_people(session, mission_id=mission_id)
    data = ProtocolData(items=[i for i in repo.list_items(session, mission_id=mission_id)
                               if i.kind in KINDS], people=people,
                        ranks=protocol.get_ranks(session, mission_id=mission_id),
                        break_rule=interpreting.get_break_rule(session, mission_id=mission_id))
    ids = [i.id for i in data.items]
    data.item_id = item_id if item_id in ids else (ids[0] if ids else None)
    if data.item_id is None:
        return data
    row = next(i for i in data.items if i.id == data.item_id)
    links = item_people(session, mission_id=mission_id).get(data.item_id, frozenset())
    data.taking_part = [p for p, person in people.items() if not person.cancelled
                        and (row.everyone or p in links)]
    data.needed = interpreting.interpreter_needed(session, item_id=data.item_id)
    data.interpreters = interpreting.assigned_interpreters(session, item_id=data.item_id)
    data.settings = seating.get_settings(session, item_id=data.item_id)
    data.seats = seating.get_seats(session, item_id=data.item_id)
    data.greetings = protocol.get_greetings(session, item_id=data.item_id)
    return data


class GreetingList(QListWidget):
    """Ctrl+Up / Ctrl+Down move the current speaker; Delete removes, Insert adds one."""

    move_pressed = Signal(int)           # -1 up, +1 down
    remove_pressed = Signal()
    insert_pressed = Signal()

    def keyPressEvent(self, event) -> None:
        key, ctrl = event.key(), event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_pressed.emit(-1 if key == Qt.Key.Key_Up else 1)
        elif key == Qt.Key.Key_Delete and self.currentRow() >= 0:
            self.remove_pressed.emit()
        elif key == Qt.Key.Key_Insert:
            self.insert_pressed.emit()
        else:
            super().keyPressEvent(event)


class ProtocolPage(QWidget):
    interpreters_requested = Signal(int)         # item id
    ranks_requested = Signal()
    seat_by_rank = Signal(int, object)           # item id, PlanSettings
    seat_dropped = Signal(int, int, int, int)    # item id, participant, table, seat
    pdf_requested = Signal(int)                  # item id
    cards_requested = Signal(int)                # item id: the seated people's table cards
    greetings_changed = Signal(int, object)      # item id, the new order (list of ids)
    add_greeter = Signal(int)                    # item id
    seat_move_requested = Signal(int)            # item id
    break_rule_requested = Signal()

    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("protocolPage")
        self.ctx, self.editable, self.data = ctx, False, ProtocolData()
        self._item_id: int | None = None
        self._chosen_row = 0              # the speaker to choose after a move in the list
        self.item_list = wrapped_list("protocolItems")      # long titles wrap, never cut
        self.item_list.currentItemChanged.connect(self._on_item_picked)
        self.no_items = QLabel(objectName="noProtocolItems", wordWrap=True)
        self.no_items.setStyleSheet(NOTE_STYLE)
        self.interpreting = QLabel(objectName="interpreting", wordWrap=True)
        self.greetings = GreetingList(objectName="greetings")
        self.greetings.move_pressed.connect(self._move_greeter)
        self.greetings.remove_pressed.connect(self._remove_greeter)
        self.greetings.insert_pressed.connect(lambda: self._emit(self.add_greeter))
        self.greetings.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.greeting_note = QLabel(objectName="greetingNote", wordWrap=True)
        self.greeting_note.setStyleSheet(NOTE_STYLE)
        self.convention = QComboBox(objectName="convention")
        for key in SEATING_CONVENTIONS:
            self.convention.addItem("", key)
        self.shape = QComboBox(objectName="shape")
        for key in TABLE_SHAPES:
            self.shape.addItem("", key)
        self.tables = QSpinBox(objectName="seatTables", minimum=1, maximum=50)
        self.per_table = QSpinBox(objectName="seatsPerTable", minimum=2, maximum=40)
        self.view = SeatingView()
        self.view.seat_dropped.connect(lambda pid, t, s: self._emit(self.seat_dropped, pid, t,
                                                                    s))
        self.unseated = QLabel(objectName="unseated", wordWrap=True)
        self.unseated.setStyleSheet(WARNING_STYLE)
        self.buttons = {k: QPushButton(objectName=k) for k in (
            "interpreters", "ranks", "seatByRank", "seatingPdf", "tableCards", "greetUp",
            "greetDown",
            "greetAdd", "greetRemove", "greetByRank", "moveSeat", "breakRule")}
        self.buttons["greetUp"].clicked.connect(lambda: self._move_greeter(-1))
        self.buttons["greetDown"].clicked.connect(lambda: self._move_greeter(1))
        self.buttons["greetRemove"].clicked.connect(self._remove_greeter)
        self.buttons["greetAdd"].clicked.connect(lambda: self._emit(self.add_greeter))
        self.buttons["greetByRank"].clicked.connect(
            lambda: self.data.greetings and self._emit(self.greetings_changed, []))
        self.buttons["moveSeat"].clicked.connect(
            lambda: self.data.seats and self._emit(self.seat_move_requested))
        self.buttons["breakRule"].clicked.connect(
            lambda: self.editable and self.break_rule_requested.emit())
        self.buttons["seatingPdf"].clicked.connect(self._ask_pdf)
        self.buttons["tableCards"].clicked.connect(
            lambda: self.data.item_id is not None and self.data.seats
            and self.cards_requested.emit(self.data.item_id))       # read-only missions too
        self.buttons["interpreters"].clicked.connect(lambda: self._emit(
            self.interpreters_requested))
        self.buttons["ranks"].clicked.connect(self.ranks_requested.emit)
        self.buttons["seatByRank"].clicked.connect(lambda: self._emit(self.seat_by_rank,
                                                                      self.chosen_settings()))
        self._build_layout()
        self.refresher = Refresher(self, ctx, (PROTOCOL, MEETINGS, ITEMS, ATTENDEES,
                                               PARTICIPANTS), self._reload,
                                   forget=self._forget)
        retranslate.register(self)
        self.retranslate_ui()

    def _build_layout(self) -> None:
        self.items_group = QGroupBox()
        left = QVBoxLayout(self.items_group)
        left.addWidget(self.item_list, 1)
        left.addWidget(self.no_items)
        left.addWidget(self.buttons["ranks"])
        self.interp_group = QGroupBox()
        interp = QVBoxLayout(self.interp_group)
        interp.addWidget(self.interpreting, 1)
        row = QHBoxLayout()
        row.addWidget(self.buttons["interpreters"])
        row.addWidget(self.buttons["breakRule"])
        row.addStretch(1)
        interp.addLayout(row)
        self.greet_group = QGroupBox()
        greet = QHBoxLayout(self.greet_group)
        listing = QVBoxLayout()
        listing.addWidget(self.greetings)
        listing.addWidget(self.greeting_note)
        greet.addLayout(listing, 1)
        moves = QVBoxLayout()
        for key in ("greetUp", "greetDown", "greetAdd", "greetRemove", "greetByRank"):
            moves.addWidget(self.buttons[key])
        moves.addStretch(1)
        greet.addLayout(moves)
        self.seat_group = QGroupBox()
        self.form_labels = {k: QLabel() for k in ("convention", "shape", "tables", "per")}
        # Two fields a row, the actions beneath: the picture keeps the page's width.
        form = QGridLayout()
        for n, (key, widget) in enumerate((("convention", self.convention),
                                           ("shape", self.shape), ("tables", self.tables),
                                           ("per", self.per_table))):
            self.form_labels[key].setBuddy(widget)
            form.addWidget(self.form_labels[key], n // 2, (n % 2) * 2)
            form.addWidget(widget, n // 2, (n % 2) * 2 + 1)
        form.setColumnStretch(1, 2)
        form.setColumnStretch(3, 1)
        actions = QHBoxLayout()
        for key in ("seatByRank", "moveSeat", "seatingPdf", "tableCards"):
            actions.addWidget(self.buttons[key])
        actions.addStretch(1)
        self.greetings.setMaximumHeight(self.fontMetrics().lineSpacing() * 6 + 8)
        seat = QVBoxLayout(self.seat_group)
        seat.addLayout(form)
        seat.addLayout(actions)
        seat.addWidget(self.view, 1)
        seat.addWidget(self.unseated)
        # The speakers on a row of their own: names and sides need the width.
        upper = QHBoxLayout()
        upper.addWidget(self.interp_group, 1)
        upper.addWidget(self.greet_group, 2)
        right = QVBoxLayout()
        right.addLayout(upper)
        right.addWidget(self.seat_group, 1)
        holder = QWidget()
        holder.setLayout(right)
        split = QSplitter(Qt.Orientation.Horizontal, objectName="protocolSplitter")
        split.addWidget(self.items_group)
        split.addWidget(holder)
        split.setStretchFactor(1, 1)
        split.setSizes([260, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(split)

    def retranslate_ui(self) -> None:
        self.items_group.setTitle(_("Meals, ceremonies, courtesy calls and visits"))
        self.interp_group.setTitle(_("Interpreters"))
        self.greet_group.setTitle(_("Order of greetings"))
        self.seat_group.setTitle(_("Seating plan"))
        for key, text in (("convention", _("Convention")), ("shape", _("Tables")),
                          ("tables", _("Number of tables")), ("per", _("Seats per table"))):
            self.form_labels[key].setText(text)
        for key, text in (("interpreters", _("&Interpreters…")),
                          ("ranks", _("Protocol &ranks…")), ("seatByRank", _("Seat &by rank")),
                          ("seatingPdf", _("Seating chart as &PDF…")),
                          ("tableCards", _("Table &cards…")),
                          ("greetUp", _("Speak &earlier")), ("greetDown", _("Speak &later")),
                          ("greetAdd", _("&Add a speaker…")), ("greetRemove", _("Re&move")),
                          ("greetByRank", _("Order by ran&k")),
                          ("moveSeat", _("&Move to another seat…")),
                          ("breakRule", _("Brea&ks…"))):
            self.buttons[key].setText(text)
        self.greetings.setToolTip(_("Ctrl+Up and Ctrl+Down move the chosen speaker, Delete "
                                    "takes them off the list, Insert adds one."))
        self.buttons["breakRule"].setToolTip(_("How long an interpreter may work without a "
                                               "break, for this mission."))
        self.buttons["seatByRank"].setToolTip(_(
            "Lay out the tables as chosen and seat everyone taking part by rank; drag a "
            "person onto another seat to change it."))
        self.view.setToolTip(_(
            "Drag a person onto another seat, or with the keyboard: the arrow keys choose a "
            "seat, Space picks up who sits there and Space again seats them on the chosen "
            "seat (onto someone: the two swap); Escape puts them back."))
        for combo, table in ((self.convention, SEATING_CONVENTIONS),
                             (self.shape, TABLE_SHAPES)):
            for i in range(combo.count()):
                combo.setItemText(i, label(table, combo.itemData(i)))
        self.no_items.setText(_("This mission has no meal, ceremony, courtesy call or visit "
                                "yet."))
        self.refresher.language()

    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        self.view.editable = editable
        self._update_buttons()

    def _update_buttons(self) -> None:
        """A button is usable only when it has something to act on (the chosen item, speaker
        or seats), never clicked to no effect. The PDFs change nothing: open to a read-only
        mission too."""
        d, edit = self.data, self.editable
        item = d.item_id is not None
        seated = item and bool(d.seats)
        row, count = self.greetings.currentRow(), self.greetings.count()
        usable = {"interpreters": edit and item, "breakRule": edit, "ranks": edit,
                  "seatByRank": edit and item, "moveSeat": edit and seated,
                  "seatingPdf": seated, "tableCards": seated,
                  "greetUp": edit and row > 0, "greetDown": edit and 0 <= row < count - 1,
                  "greetAdd": edit and item,
                  # The last speaker stays (see _remove_greeter).
                  "greetRemove": edit and row >= 0 and count > 1,
                  "greetByRank": edit and bool(d.greetings)}
        for key, button in self.buttons.items():
            button.setEnabled(usable[key])

    def _ask_pdf(self) -> None:
        if self.data.item_id is not None and self.data.seats:
            self.pdf_requested.emit(self.data.item_id)

    def seat_lines(self) -> list[str]:
        """Who sits where, a line each, by table and seat."""
        d = self.data
        out = []
        for pid, (table, seat) in sorted(d.seats.items(), key=lambda kv: kv[1]):
            if pid in d.people:
                side = _("Host") if d.people[pid].role == "host" else _("Delegation")
                out.append(_("Table {table}, seat {seat}: {name} ({side})").format(
                    table=table, seat=seat + 1, name=d.people[pid].name(), side=side))
        return out

    def _move_greeter(self, step: int) -> None:
        order, row = self.data.greeting_order(), self.greetings.currentRow()
        if not 0 <= row < len(order) or not 0 <= row + step < len(order):
            return
        order[row], order[row + step] = order[row + step], order[row]
        self._chosen_row = row + step
        self._emit(self.greetings_changed, order)

    def _remove_greeter(self) -> None:
        order, row = self.data.greeting_order(), self.greetings.currentRow()
        if 0 <= row < len(order):
            del order[row]
            self._chosen_row = min(row, len(order) - 1)
            # Taking off the last speaker by hand leaves nobody: an empty hand-set list
            # would mean "by rank", so the last one stays.
            if order:
                self._emit(self.greetings_changed, order)

    def _forget(self) -> None:
        self._item_id = None

    def chosen_settings(self) -> seating.PlanSettings:
        return seating.PlanSettings(self.data.item_id or 0, self.convention.currentData(),
                                    self.shape.currentData(), self.tables.value(),
                                    self.per_table.value())

    def _emit(self, signal, *args) -> None:
        if self.editable and self.data.item_id is not None:
            signal.emit(self.data.item_id, *args)

    def _reload(self, _pending: Pending) -> None:
        mission_id = self.ctx.mission_id()
        self.data = ProtocolData()
        if mission_id is not None:
            with read_session(self.ctx.engine) as session:
                self.data = load(session, mission_id=mission_id, item_id=self._item_id)
        self._fill()

    def _on_item_picked(self, current, _previous) -> None:
        if current is not None and current.data(ID_ROLE) != self.data.item_id:
            self._item_id = current.data(ID_ROLE)
            self._reload(Pending(everything=True))

    def _fill(self) -> None:
        d = self.data
        self._item_id = d.item_id
        self.item_list.blockSignals(True)
        self.item_list.clear()
        for row in d.items:
            item = QListWidgetItem("\n".join((pick(row.title_en, row.title_ja)[0],
                                              f"{label(ITEM_KINDS, row.kind)} · "
                                              f"{format_datetime(row.start_utc, row.start_tz)}")))
            item.setData(ID_ROLE, row.id)
            self.item_list.addItem(item)
            if row.id == d.item_id:
                self.item_list.setCurrentItem(item)
        self.item_list.blockSignals(False)
        self.item_list.setVisible(bool(d.items))
        self.no_items.setVisible(not d.items)
        names = {p: d.people[p].name() for p in d.people}
        assigned = format_list([names[p] for p in d.interpreters if p in names])
        if d.item_id is None:
            text = ""
        elif assigned:
            text = _("Interpreting: {names}").format(names=assigned)
        else:
            text = (_("Needs an interpreter and has none.") if d.needed
                    else _("No interpreter assigned."))
        self.interpreting.setText(text)
        self.interpreting.setToolTip(_("This mission's rule: at most {work} at work without "
                                       "a break of {pause}.").format(
            work=duration_text(d.break_rule[0]), pause=duration_text(d.break_rule[1])))
        self.greetings.clear()
        for n, pid in enumerate(d.greeting_order(), start=1):
            side = _("Host") if d.people[pid].role == "host" else _("Delegation")
            self.greetings.addItem(f"{n}. {names[pid]} ({side})")
        self.greetings.setCurrentRow(min(self._chosen_row, self.greetings.count() - 1))
        self._chosen_row = 0
        self.greeting_note.setText(_("Order set by hand.") if d.greetings else
                                   _("Order by rank: the host side first, then alternating."))
        settings = d.settings or seating.PlanSettings(0)
        for combo, value in ((self.convention, settings.convention),
                             (self.shape, settings.shape)):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.tables.setValue(settings.tables)
        self.per_table.setValue(settings.seats_per_table)
        spots = seating.layout(settings) if d.item_id is not None else []
        self.view.show_plan(spots, d.seats, names, settings.shape)
        seated = set(d.seats)
        waiting = [names[p] for p in d.taking_part if p not in seated
                   and d.people[p].role != "interpreter"]
        self.unseated.setText(_("Without a seat: {names}").format(names=format_list(waiting))
                              if waiting and d.seats else "")
        self.unseated.setVisible(bool(waiting and d.seats))
        self._update_buttons()
