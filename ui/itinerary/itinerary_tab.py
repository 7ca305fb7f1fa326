"""The Itinerary tab: a day and a person to look at, the items as a list and as the day's
timeline side by side, one item current in both. The actions on an item are announced as
signals for ui.itinerary.actions to carry out."""

from __future__ import annotations

import html
import math
from datetime import date

from PySide6.QtCore import QItemSelectionModel, QPoint, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

import i18n
from i18n import _
from i18n.formatting import format_date
from i18n.labels import ITEM_KINDS, label
from models.repository import AttendeeRow, ItemRow, MissionRow
from ui.common import retranslate
from ui.common.context import Context
from ui.common.events import ATTENDEES, ITEMS, MISSION, PARTICIPANTS, SITES
from ui.common.refresh import Pending, Refresher
from ui.common.row_history import show_changes
from ui.common.table_model import RowTableModel
from ui.common.tables import RowTable, fit_column_to, make_table
from ui.itinerary.columns import ITEM_COLUMNS, widest_times
from ui.itinerary.day_layout import item_day
from ui.itinerary.item_count import ItemCount
from ui.itinerary.menu_actions import ItineraryMenu
from ui.itinerary.person_combo import PersonCombo
from ui.itinerary.tab_data import ItineraryData, person_entries
from ui.itinerary.timeline import KIND_COLOURS, DayTimeline
from ui.itinerary.timeline_header import TimelineHeader, TimelineScroll


def _index_of(combo: QComboBox, value) -> int:
    """The entry holding `value`, else the first ("all"); findData cannot match a date."""
    return next((i for i in range(combo.count()) if combo.itemData(i) == value), 0)


def unbroken(text: str) -> str:
    """`text` that a wrapping label moves to the next line whole: Japanese may break between
    any two characters ("自由時" / "間"), English at its spaces ("Free" / "time"). A word
    joiner (U+2060, drawn as nothing) between the characters forbids the one, no-break spaces
    the other (Unicode's line-breaking rules, which Qt follows)."""
    return "\u2060".join(text.replace(" ", "\u00a0"))


class ItineraryTab(QWidget):
    add_requested = Signal()
    edit_requested = Signal(int)           # item id
    move_requested = Signal(int)
    shift_requested = Signal(int, int)     # item id, days
    duplicate_requested = Signal(int)
    delete_requested = Signal(int)

    def __init__(self, ctx: Context | None = None, actions: ItineraryMenu | None = None,
                 parent: QWidget | None = None):
        """Without `ctx`, a view only: show_mission() gives it what to show. `actions`: the
        window's, made before the tab (menu_actions.py); without, the tab's own."""
        super().__init__(parent)
        self.ctx = ctx
        self.editable = True
        self.mission: MissionRow | None = None
        self.data = ItineraryData(ctx.engine if ctx is not None else None)
        self.rows: list[ItemRow] = []
        self._day_entries: tuple | None = None    # what the day combo lists, and in which language
        self.days: list[date] = []
        self.shown_day: date | None = None          # the day the timeline draws
        self.current: int | None = None             # the current item, in list and timeline

        self.model = RowTableModel(ITEM_COLUMNS, self)
        if ctx is not None:
            show_changes(self.model, ctx, lambda row: (("items", row.id),))
        self.table = make_table(self.model, "itemTable", RowTable())
        self.day_label, self.person_label = QLabel(), QLabel()
        self.day_combo = QComboBox(objectName="dayCombo")
        # As wide as its longest day (_fill_days), no room kept for an icon: Qt widens a box
        # that adjusts to its contents 20 ms after they change, after the first paint, and the
        # window was laid out and painted again on each mission switch and first show.
        self.day_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.day_combo.setIconSize(QSize(0, 0))
        self.person_combo = PersonCombo(lambda: person_entries(self.data.people()))
        self.previous_day = QToolButton(text="◀", objectName="previousDay")
        self.next_day = QToolButton(text="▶", objectName="nextDay")
        self.count = ItemCount()
        self.timeline = DayTimeline()
        self.header = TimelineHeader(self.timeline)
        self.scroll = TimelineScroll(self.timeline)
        self.legend = QLabel(objectName="timelineLegend")
        self.legend.setWordWrap(True)
        self._build_layout()

        # One action per operation: the Itinerary menu shows these same actions.
        actions = actions or ItineraryMenu(self, lambda: self)
        self.act_add, self.act_edit = actions.act_add, actions.act_edit
        self.act_move, self.act_duplicate = actions.act_move, actions.act_duplicate
        self.act_delete = actions.act_delete
        self.act_earlier, self.act_later = actions.act_earlier, actions.act_later
        self.addActions([self.act_earlier, self.act_later])    # their shortcuts: on the tab

        self.day_combo.currentIndexChanged.connect(lambda _i: self._apply())
        self.person_combo.currentIndexChanged.connect(lambda _i: self._on_person())
        self.previous_day.clicked.connect(lambda: self.step_day(-1))
        self.next_day.clicked.connect(lambda: self.step_day(1))
        self.table.selectionModel().currentRowChanged.connect(self._on_row)
        self.table.doubleClicked.connect(lambda _index: self.act_edit.trigger())
        self.table.edit_pressed.connect(self.act_edit.trigger)
        self.table.delete_pressed.connect(self.act_delete.trigger)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._table_menu)
        self.timeline.item_clicked.connect(self.pick)
        self.timeline.item_activated.connect(lambda item_id: (
            self.pick(item_id), self.act_edit.trigger()))
        self.timeline.context_requested.connect(lambda _id, pos: self._show_menu(pos))
        self.refresher = None if ctx is None else Refresher(
            self, ctx, (MISSION, ITEMS, PARTICIPANTS, ATTENDEES, SITES), self._reload,
            forget=self._forget_current)
        retranslate.register(self)
        self.retranslate_ui()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 6, 0)
        for widget in (self.day_label, self.previous_day, self.day_combo, self.next_day):
            top.addWidget(widget)
        top.addSpacing(16)
        top.addWidget(self.person_label)
        top.addWidget(self.person_combo)
        top.addStretch(1)
        top.addWidget(self.count)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.header)
        column.addWidget(self.scroll, 1)
        column.addWidget(self.legend)
        self.splitter = QSplitter(objectName="itinerarySplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

    # language --------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.day_label.setText(_("Day:"))
        self.person_label.setText(_("Person:"))
        self.previous_day.setToolTip(_("Previous day"))
        self.next_day.setToolTip(_("Next day"))
        swatch = ('<span style="background-color:{c}; color:{c};">&nbsp;&nbsp;&nbsp;</span>'
                  '&nbsp;{name}')
        self.legend.setText("&nbsp;&nbsp; ".join(
            swatch.format(c=KIND_COLOURS[k], name=html.escape(unbroken(label(ITEM_KINDS, k))))
            for k in ITEM_KINDS))
        self.person_combo.retranslate_ui()
        keys = [c.key for c in self.model.columns]
        for key in ("start", "end"):             # times in full, zone and +1 day in the cell
            fit_column_to(self.table, keys.index(key), widest_times(later_day=key == "end"))
        # Room for a title of some forty letters ("Site visit: Albany NanoTech Complex"), half
        # of the demo's in full; the rest shows when the column is widened (and is kept so).
        header, title = self.table.horizontalHeader(), keys.index("title")
        header.resizeSection(title, max(header.sectionSize(title),
                                        45 * self.table.fontMetrics().averageCharWidth()))
        if self.refresher is not None:
            self.refresher.language()          # the rows' texts: now if shown, else when shown
        else:
            self._word_again()

    def _word_again(self) -> None:
        self.person_combo.invalidate()         # names and their order follow the language
        self._fill_days()
        self._apply()

    def _reload(self, pending: Pending) -> None:
        if not pending.needs_data():
            self._word_again()
            return
        people_changed = self.data.read(self.ctx.current_mission(), pending)
        self._show(people_changed or pending.language)   # names are worded in the language

    def reveal_item(self, item_id: int) -> bool:
        """Bring the tab up to date, then select_item."""
        if self.refresher is not None:
            self.refresher.flush()
        return self.select_item(item_id)

    # data ------------------------------------------------------------------------------------
    def show_mission(self, mission: MissionRow | None, rows: list[ItemRow],
                     attendees: list[AttendeeRow], links: dict[int, frozenset[int]]) -> None:
        """Show these rows (a view without a context: nothing is read)."""
        self.data.show(mission, rows, attendees, links)
        self._show(people_changed=True)

    def _show(self, people_changed: bool) -> None:
        mission = self.data.mission
        if mission is None or self.mission is None or mission.id != self.mission.id:
            self.current, self.shown_day = None, None
        self.mission, self.rows = mission, self.data.rows
        if self.current not in self.data.by_id:
            self.current = None                        # deleted, or undone
        self.days = self.data.all.mission_days(mission.start_date, mission.end_date) \
            if mission else []
        if people_changed:
            self.person_combo.invalidate()            # a chosen person: listed again now
        self._fill_days()
        self._apply()

    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        self._update_actions()

    def _fill_days(self) -> None:
        """The day combo from the days, keeping the day chosen; only when they or the
        language changed."""
        entries = (tuple(self.days), i18n.current_language())
        if entries == self._day_entries:
            return
        self._day_entries = entries
        day = self.selected_day()
        self.day_combo.blockSignals(True)
        self.day_combo.clear()
        self.day_combo.addItem(_("All days"), None)
        for d in self.days:
            self.day_combo.addItem(format_date(d), d)
        self.day_combo.setCurrentIndex(_index_of(self.day_combo, day))
        self.day_combo.blockSignals(False)
        metrics = self.day_combo.fontMetrics()
        widest = max(metrics.boundingRect(self.day_combo.itemText(n)).width()
                     for n in range(self.day_combo.count()))
        self.day_combo.setMinimumContentsLength(math.ceil(widest / metrics.horizontalAdvance("X")))

    def _on_person(self) -> None:
        self.data.choose(self.selected_person())
        self._apply()

    def selected_day(self) -> date | None:
        return self.day_combo.currentData()

    def selected_person(self) -> int | None:
        return self.person_combo.person_id()

    def set_day(self, day: date | None) -> None:
        self.day_combo.setCurrentIndex(_index_of(self.day_combo, day))

    def set_person(self, participant_id: int | None) -> None:
        self.person_combo.set_person_id(participant_id)

    def step_day(self, step: int) -> None:
        if not self.days:
            return
        day = self.selected_day() or self.shown_day or self.days[0]
        index = self.days.index(day) + step if day in self.days else 0
        self.set_day(self.days[max(0, min(len(self.days) - 1, index))])

    def person_rows(self) -> list[ItemRow]:
        """The items of the chosen person (every item when nobody is chosen)."""
        return self.data.index().rows

    def _apply(self) -> None:
        """Filter the list and redraw the timeline for the chosen day and person."""
        if not hasattr(self, "act_edit"):
            return                                     # still building
        index = self.data.index()
        day = self.selected_day()
        listed = index.rows if day is None else index.own(day)
        self.model.set_rows(listed)
        # Laid out now, before the paint: the view's own delayed layout after a reset came
        # after the first paint and painted the whole table a second time.
        self.table.doItemsLayout()
        if day is not None:
            self.shown_day = day
        elif self.shown_day not in self.days:
            self.shown_day = self.days[0] if self.days else None
        self._draw_day()
        self._restore_current()
        shown, total = len(listed), len(self.rows)
        self.count.show_count(shown, total)
        self.previous_day.setEnabled(bool(self.days) and self.shown_day != self.days[0])
        self.next_day.setEnabled(bool(self.days) and self.shown_day != self.days[-1])
        self._update_actions()

    def _draw_day(self) -> None:
        if self.mission is None or self.shown_day is None:
            self.timeline.set_layout(None)
        else:
            self.timeline.set_layout(self.data.index().layout(self.shown_day,
                                                              self.mission.home_tz))
        self.timeline.set_selected(self.current)
        self.header.update()

    # the current item ------------------------------------------------------------------------
    def current_item_id(self) -> int | None:
        return self.current

    def select_item(self, item_id: int | None) -> bool:
        """Show the item and make it current (after a change, or from a readiness finding):
        its day when one day is listed, everyone's items when the chosen person is not in it.
        False when the mission has no such item."""
        row = self.data.by_id.get(item_id)
        if row is None:
            return False
        if not self.data.takes_part(row):
            self.set_person(None)
        if self.selected_day() not in (None, item_day(row)):
            self.set_day(item_day(row))
        self.pick(item_id)
        return True

    def pick(self, item_id: int | None) -> None:
        """Make the item current in the list and the timeline, filters unchanged (switching
        the drawn day when all days are listed)."""
        self.current = item_id
        row = self.data.by_id.get(item_id)
        if row is not None and self.selected_day() is None and item_day(row) != self.shown_day:
            self.shown_day = item_day(row)
            self._draw_day()
        self.timeline.set_selected(item_id)
        self._restore_current()
        self._scroll_to_current()
        self._update_actions()

    def _restore_current(self) -> None:
        selection = self.table.selectionModel()
        rows = self.model.rows()
        index = next((i for i, r in enumerate(rows) if r.id == self.current), None)
        selection.blockSignals(True)
        if index is None:
            self.table.clearSelection()
            selection.setCurrentIndex(self.model.index(-1, -1),
                                      QItemSelectionModel.SelectionFlag.NoUpdate)
        else:
            model_index = self.model.index(index, 0)
            selection.setCurrentIndex(model_index, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.selectRow(index)
            self.table.scrollTo(model_index)
        selection.blockSignals(False)
        self.table.viewport().update()

    def _on_row(self, current, _previous) -> None:
        if current.isValid():
            self.pick(self.model.row_at(current.row()).id)

    def _scroll_to_current(self) -> None:
        drawn = next((d for d in self.timeline.blocks_drawn()
                      if d.block.row.id == self.current), None)
        if drawn is not None:
            rect = drawn.rect
            self.scroll.ensureVisible(int(rect.center().x()), int(rect.top()), 10,
                                      int(min(rect.height(), 100)))

    # actions ---------------------------------------------------------------------------------
    def emit_for_current(self, signal: str) -> None:
        """Emit the signal named `signal` for the current item, if there is one."""
        if self.current is not None:
            getattr(self, signal).emit(self.current)

    def shift_current(self, days: int) -> None:
        if self.current is not None and self.act_move.isEnabled():
            self.shift_requested.emit(self.current, days)

    def _forget_current(self) -> None:
        self.current = None
        self._update_actions()

    def _update_actions(self) -> None:
        on_item = self.editable and self.current in self.data.by_id
        # With a context the window says (set_editable) whether a mission is shown: the tab
        # may not have read it yet, and Add item works from the menu all the same.
        self.act_add.setEnabled(self.editable and (self.ctx is not None
                                                   or self.mission is not None))
        for action in (self.act_edit, self.act_move, self.act_duplicate, self.act_delete,
                       self.act_earlier, self.act_later):
            action.setEnabled(on_item)

    def menu(self) -> QMenu:
        menu = QMenu(self)
        menu.addAction(self.act_add)
        menu.addSeparator()
        menu.addActions([self.act_edit, self.act_move, self.act_duplicate, self.act_delete])
        return menu

    def _table_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        self.pick(self.model.row_at(index.row()).id if index.isValid() else None)
        self._show_menu(self.table.viewport().mapToGlobal(pos))

    def _show_menu(self, global_pos: QPoint) -> None:
        menu = self.menu()
        menu.exec(global_pos)
        menu.deleteLater()
