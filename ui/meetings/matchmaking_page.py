"""The 商談会 page of the Meetings tab: the mission's sessions, the chosen one's grid of slots by
tables, and its meeting requests with where each was placed or why it was not.

The page reads and shows; what the user asks for goes out as signals that ui.meetings.actions
turns into dialogs and undoable commands.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
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

from i18n import N_, _, pick
from i18n.formatting import format_date
from models.store.db import read_session
from ui.common import retranslate
from ui.common.context import Context
from ui.common.events import (
    ATTENDEES,
    ITEMS,
    MEETINGS,
    ORGANIZATIONS,
    PARTICIPANTS,
    PLACEMENTS,
)
from ui.common.refresh import Pending, Refresher
from ui.common.styles import NOTE_STYLE
from ui.common.table_model import Column, RowTableModel
from ui.common.tables import RowTable, make_table
from ui.meetings import tab_data
from ui.meetings.slot_grid import SlotGrid

ID_ROLE = Qt.ItemDataRole.UserRole


def _columns(page: MatchmakingPage) -> list[Column]:
    d = lambda: page.data  # noqa: E731 - the data changes under the columns
    return [
        Column("priority", N_("Priority"), lambda r: tab_data.priority_text(r.priority),
               lambda r: (r.priority, r.id)),
        Column("delegate", N_("Delegate side"), lambda r: d().delegate_side(r)),
        Column("counterpart", N_("Counterpart"), lambda r: d().counterpart(r.counterpart_id)),
        Column("interpreter", N_("Interpreter"), lambda r: _("Needed") if r.interpreter
               else ""),
        Column("status", N_("Meeting slot"), lambda r: d().status(r),
               lambda r: (r.id not in d().view.meetings, d().status(r))),
    ]


class MatchmakingPage(QWidget):
    schedule_requested = Signal(int)            # session (item) id
    settings_requested = Signal(int)
    move_requested = Signal(int, int, int, int)  # session, request, slot, table
    pin_requested = Signal(int, list, bool)      # session, request ids, pin or unpin
    swap_requested = Signal(int, int, int)       # session, two request ids
    add_request = Signal(int)
    edit_request = Signal(int)                   # request id
    delete_request = Signal(int)
    counterparts_requested = Signal()

    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("matchmakingPage")
        self.ctx = ctx
        self.editable = False
        self.data = tab_data.MeetingsData()
        self._session_id: int | None = None
        self.session_list = QListWidget(objectName="sessionList")
        self.session_list.setWordWrap(True)
        self.session_list.setSpacing(3)
        self.session_list.currentItemChanged.connect(self._on_session_picked)
        self.no_sessions = QLabel(objectName="noSessions", wordWrap=True)
        self.no_sessions.setStyleSheet(NOTE_STYLE)
        self.grid = SlotGrid()
        self.grid.move_requested.connect(lambda rid, slot, table: self._emit_session(
            self.move_requested, rid, slot, table))
        self.grid.itemSelectionChanged.connect(self._update_buttons)
        self.summary = QLabel(objectName="sessionSummary", wordWrap=True)
        self.model = RowTableModel(_columns(self), self)
        self.requests = make_table(self.model, "requestTable", RowTable())
        self.requests.doubleClicked.connect(lambda _i: self._emit_request(self.edit_request))
        self.requests.edit_pressed.connect(lambda: self._emit_request(self.edit_request))
        self.requests.delete_pressed.connect(lambda: self._emit_request(self.delete_request))
        self.requests.selectionModel().currentRowChanged.connect(self._on_request_row)
        self.buttons = {key: QPushButton(objectName=key) for key in (
            "schedule", "settings", "pin", "unpin", "swap", "addRequest", "editRequest",
            "deleteRequest", "counterparts")}
        b = self.buttons
        b["schedule"].clicked.connect(lambda: self._emit_session(self.schedule_requested))
        b["settings"].clicked.connect(lambda: self._emit_session(self.settings_requested))
        b["pin"].clicked.connect(lambda: self._pin(True))
        b["unpin"].clicked.connect(lambda: self._pin(False))
        b["swap"].clicked.connect(self._swap)
        b["addRequest"].clicked.connect(lambda: self._emit_session(self.add_request))
        b["editRequest"].clicked.connect(lambda: self._emit_request(self.edit_request))
        b["deleteRequest"].clicked.connect(lambda: self._emit_request(self.delete_request))
        b["counterparts"].clicked.connect(self.counterparts_requested.emit)
        self._cell_texts: dict[tuple[int, int | None], str] = {}
        self._slot_titles: list[str] = []
        self._build_layout()
        self.refresher = Refresher(self, ctx, (MEETINGS, PLACEMENTS, ITEMS, ATTENDEES,
                                               PARTICIPANTS, ORGANIZATIONS), self._reload,
                                   forget=self._forget)
        retranslate.register(self)
        self.retranslate_ui()

    def _build_layout(self) -> None:
        b = self.buttons
        self.sessions_group = QGroupBox()
        left = QVBoxLayout(self.sessions_group)
        left.addWidget(self.session_list, 1)
        left.addWidget(self.no_sessions)
        left.addWidget(b["settings"])
        left.addWidget(b["counterparts"])
        self.grid_group = QGroupBox()
        grid_buttons = QHBoxLayout()
        for key in ("schedule", "pin", "unpin", "swap"):
            grid_buttons.addWidget(b[key])
        grid_buttons.addStretch(1)
        grid = QVBoxLayout(self.grid_group)
        grid.addLayout(grid_buttons)
        grid.addWidget(self.summary)
        grid.addWidget(self.grid, 1)
        self.requests_group = QGroupBox()
        request_buttons = QHBoxLayout()
        for key in ("addRequest", "editRequest", "deleteRequest"):
            request_buttons.addWidget(b[key])
        request_buttons.addStretch(1)
        requests = QVBoxLayout(self.requests_group)
        requests.addLayout(request_buttons)
        requests.addWidget(self.requests, 1)
        right = QSplitter(Qt.Orientation.Vertical, objectName="slotsSplitter")
        right.addWidget(self.grid_group)
        right.addWidget(self.requests_group)
        right.setSizes([420, 260])
        split = QSplitter(Qt.Orientation.Horizontal, objectName="matchmakingSplitter")
        split.addWidget(self.sessions_group)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([240, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(split)

    def retranslate_ui(self) -> None:
        self.sessions_group.setTitle(_("B2B matchmaking sessions"))
        self.grid_group.setTitle(_("Meeting slots by table"))
        self.requests_group.setTitle(_("Meeting requests"))
        b = self.buttons
        for key, text in (("schedule", _("&Schedule")), ("settings", _("Slots and &tables…")),
                          ("pin", _("&Pin")), ("unpin", _("U&npin")), ("swap", _("S&wap")),
                          ("addRequest", _("&Add request…")),
                          ("editRequest", _("&Edit request…")),
                          ("deleteRequest", _("&Delete request…")),
                          ("counterparts", _("&Counterparts…"))):
            b[key].setText(text)
        b["schedule"].setToolTip(_("Fill the slots from the requests, by priority, around "
                                   "the pinned meetings."))
        b["swap"].setToolTip(_("Swap the two chosen meetings. Drag a meeting onto another "
                               "cell to move it; Ctrl+arrow moves it one cell."))
        self.no_sessions.setText(_("This mission has no B2B matchmaking session yet: add an "
                                   "itinerary item of the kind “B2B matchmaking session”."))
        self.refresher.language()

    # data ------------------------------------------------------------------------------------
    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        self._update_buttons()

    def session_id(self) -> int | None:
        view = self.data.view
        return view.session.item_id if view else None

    def _forget(self) -> None:
        self._session_id = None

    def _reload(self, pending: Pending) -> None:
        mission_id = self.ctx.mission_id()
        if (not pending.everything and not pending.language and pending.kinds == {PLACEMENTS}
                and self.data.view is not None and mission_id is not None):
            # Only where meetings sit changed (a move, a swap, a pin): read the meetings and
            # touch the cells and request rows that changed.
            with read_session(self.ctx.engine) as session:
                changed = tab_data.reread_meetings(session, self.data)
            self._fill_view(changed)
            return
        self._cell_texts = {}
        if pending.needs_data() or self.data.view is None:
            # Only meetings, requests or counterparts changed: the people, the sessions and
            # who is busy when stay as read (a slot or table change announces items too).
            previous = self.data if (not pending.everything
                                     and pending.kinds <= {MEETINGS, PLACEMENTS}) else None
            self.data = tab_data.MeetingsData()
            if mission_id is not None:
                with read_session(self.ctx.engine) as session:
                    self.data = tab_data.load(session, mission_id=mission_id,
                                              item_id=self._session_id, previous=previous)
        else:
            self.model.retranslate()
        self._fill()

    def _fill(self) -> None:
        self.session_list.blockSignals(True)
        self.session_list.clear()
        current = self.session_id()
        for s in self.data.sessions:
            item = QListWidgetItem("\n".join((
                pick(s.title_en, s.title_ja)[0], format_date(s.start.date(), "day"),
                _("{slot} min slots, {tables} tables").format(slot=s.settings.slot_minutes,
                                                             tables=s.settings.tables))))
            item.setData(ID_ROLE, s.item_id)
            self.session_list.addItem(item)
            if s.item_id == current:
                self.session_list.setCurrentItem(item)
        self.session_list.blockSignals(False)
        has = bool(self.data.sessions)
        self.session_list.setVisible(has)
        self.no_sessions.setVisible(not has)
        self._fill_view()

    def _cell_text(self, r, interpreter: int | None) -> str:
        """A meeting's text in the grid, kept while only placements change (the names of
        hundreds of meetings need not be worded again for a move)."""
        key = (r.id, interpreter)
        text = self._cell_texts.get(key)
        if text is None:
            d = self.data
            lines = [d.delegate_side(r), d.counterpart(r.counterpart_id)]
            if interpreter is not None:
                lines.append(_("Interpreter: {name}").format(name=d.person(interpreter)))
            text = self._cell_texts[key] = "\n".join(lines)
        return text

    def _fill_view(self, changed: set[int] | None = None) -> None:
        """Show the session; `changed`: only these requests' rows need wording again."""
        view, d = self.data.view, self.data
        if view is None:
            self.grid.fill([], 0, {})
            self.model.set_rows([])
            self.summary.setText("")
            self._update_buttons()
            return
        self._session_id = view.session.item_id
        requests = {r.id: r for r in view.requests}
        cells = {}
        for m in view.meetings.values():
            r = requests[m.request_id]
            cells[(m.slot, m.table)] = (r.id, self._cell_text(r, m.interpreter), m.pinned,
                                        r.interpreter and m.interpreter is None)
        if changed is None or not self._slot_titles:      # the same slots after a move
            self._slot_titles = [d.slot_text(n) for n in range(len(view.slots))]
        self.grid.fill(self._slot_titles, view.session.settings.tables, cells)
        if changed is None:
            self.model.set_rows(view.requests)
        elif changed:
            self.model.update_rows([requests[i] for i in changed], ids=changed,
                                   key=lambda r: r.id)
        met, total = len(view.meetings), len(view.requests)
        self.summary.setText(_("{met} of {total} requests met; {unmet} unmet.").format(
            met=met, total=total, unmet=total - met))
        self._update_buttons()

    def _on_session_picked(self, current, _previous) -> None:
        if current is not None and current.data(ID_ROLE) != self.session_id():
            self._session_id = current.data(ID_ROLE)
            self._reload(Pending(everything=True))

    def _on_request_row(self, current, _previous) -> None:
        if current.isValid():
            self.grid.select_request(self.model.row_at(current.row()).id)
        self._update_buttons()

    # asking ----------------------------------------------------------------------------------
    def current_request_id(self) -> int | None:
        index = self.requests.currentIndex()
        return self.model.row_at(index.row()).id if index.isValid() else None

    def _emit_session(self, signal, *args) -> None:
        if self.editable and self.session_id() is not None:
            signal.emit(self.session_id(), *args)

    def _emit_request(self, signal) -> None:
        rid = self.current_request_id()
        if self.editable and rid is not None:
            signal.emit(rid)

    def _pin(self, pin: bool) -> None:
        chosen = self.grid.selected_requests()
        if chosen:
            self._emit_session(self.pin_requested, chosen, pin)

    def _swap(self) -> None:
        chosen = self.grid.selected_requests()
        if len(chosen) == 2:
            self._emit_session(self.swap_requested, *chosen)

    def _update_buttons(self) -> None:
        b, on = self.buttons, self.editable and self.session_id() is not None
        chosen = self.grid.selected_requests()
        view = self.data.view
        pins = [view.meetings[r].pinned for r in chosen if view and r in view.meetings]
        b["schedule"].setEnabled(on)
        b["settings"].setEnabled(on)
        b["addRequest"].setEnabled(on and bool(self.data.counterparts))
        b["counterparts"].setEnabled(self.editable)
        b["pin"].setEnabled(on and not all(pins) if pins else False)
        b["unpin"].setEnabled(on and any(pins))
        b["swap"].setEnabled(on and len(chosen) == 2)
        row = on and self.requests.currentIndex().isValid()
        b["editRequest"].setEnabled(row)
        b["deleteRequest"].setEnabled(row)
