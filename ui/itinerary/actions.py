"""What the window does when someone adds, edits, moves, duplicates or deletes an itinerary
item: the Itinerary menu's actions, the dialogs, and the undoable commands they end in.

Every change goes through window.run_command, so a storage error is shown and the step is
recorded for undo only once it is committed.
"""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from i18n import _
from models import items
from models import repository as repo
from models.store.db import read_session
from ui.common.dialogs import confirm, exec_until_saved
from ui.itinerary.commands import (
    AddItem,
    DeleteItem,
    DuplicateItem,
    EditItem,
    MoveItem,
    item_title,
)
from ui.itinerary.day_layout import day_zone
from ui.itinerary.move_dialog import MoveDialog, moved


class ItemActions:
    def __init__(self, window):
        self.window = window
        tab = window.itinerary
        self.act_add = QAction(window, shortcut=QKeySequence("Ctrl+Shift+I"),
                               triggered=lambda: self.add())
        self.act_edit = QAction(window, triggered=tab.act_edit.trigger)
        self.act_move = QAction(window, triggered=tab.act_move.trigger)
        self.act_duplicate = QAction(window, triggered=tab.act_duplicate.trigger)
        self.act_delete = QAction(window, triggered=tab.act_delete.trigger)
        # Ctrl+Up/Down only while the tab has the focus: elsewhere they move through lists.
        self.act_earlier = QAction(window, shortcut=QKeySequence("Ctrl+Up"),
                                   triggered=lambda: self._shift_current(-1))
        self.act_later = QAction(window, shortcut=QKeySequence("Ctrl+Down"),
                                 triggered=lambda: self._shift_current(1))
        for action in (self.act_earlier, self.act_later):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            tab.addAction(action)
        for mine, theirs in ((self.act_add, tab.act_add), (self.act_edit, tab.act_edit),
                             (self.act_move, tab.act_move), (self.act_earlier, tab.act_move),
                             (self.act_later, tab.act_move),
                             (self.act_duplicate, tab.act_duplicate),
                             (self.act_delete, tab.act_delete)):
            mine.setEnabled(theirs.isEnabled())
            theirs.enabledChanged.connect(mine.setEnabled)
        tab.add_requested.connect(self.add)
        tab.edit_requested.connect(self.edit)
        tab.move_requested.connect(self.move)
        tab.duplicate_requested.connect(self.duplicate)
        tab.delete_requested.connect(self.delete)

    def menu_actions(self) -> list[QAction | None]:
        """The Itinerary menu, None for a separator."""
        return [self.act_add, self.act_edit, self.act_duplicate, self.act_delete, None,
                self.act_move, self.act_earlier, self.act_later]

    def retranslate_ui(self) -> None:
        self.act_add.setText(_("&Add item…"))
        self.act_edit.setText(_("&Edit item…"))
        self.act_duplicate.setText(_("D&uplicate item…"))
        self.act_delete.setText(_("&Delete item…"))
        self.act_move.setText(_("&Move item…"))
        self.act_earlier.setText(_("Move a day &earlier"))
        self.act_later.setText(_("Move a day &later"))

    # helpers ---------------------------------------------------------------------------------
    def _writable_mission(self):
        mission = self.window.current_mission()
        return None if mission is None or self.window.db.read_only else mission

    def _dialog(self, mission, data: items.ItemData | None, *, editing: bool):
        from ui.itinerary.item_dialog import ItemDialog  # when first used: not needed to start

        tab = self.window.itinerary
        with read_session(self.window.db.engine) as session:
            sites = items.list_all_sites(session)
            attendees = repo.list_attendees(session, mission_id=mission.id)
        zones = list(dict.fromkeys([mission.home_tz] + [z for r in tab.rows
                                                        for z in (r.start_tz, r.end_tz)]))
        day = tab.selected_day() or tab.shown_day or mission.start_date
        zone = day_zone(day, tab.rows, mission.home_tz)
        return ItemDialog(sites=sites, attendees=attendees, zones=zones, data=data,
                          editing=editing, default_start=datetime.combine(day, time(9)),
                          default_zone=zone, parent=self.window)

    def _load(self, item_id: int) -> items.ItemData:
        with read_session(self.window.db.engine) as session:
            return items.get_item(session, item_id=item_id)

    def _run(self, command) -> bool:
        if not self.window.run_command(command):
            return False
        self.window.itinerary.select_item(command.item_id)
        return True

    # handlers --------------------------------------------------------------------------------
    def add(self) -> None:
        mission = self._writable_mission()
        if mission is None:
            return
        self.window.tabs.setCurrentWidget(self.window.itinerary)
        dialog = self._dialog(mission, None, editing=False)
        exec_until_saved(dialog, lambda: self._run(AddItem(
            self.window.db.engine, self.window.events, mission.id, dialog.item())))

    def edit(self, item_id: int) -> None:
        mission = self._writable_mission()
        if mission is None:
            return
        before = self._load(item_id)
        dialog = self._dialog(mission, before, editing=True)

        def save() -> bool:
            after = dialog.item()
            if after == before:
                return True                          # nothing changed: no empty undo step
            return self._run(EditItem(self.window.db.engine, self.window.events, mission.id,
                                      item_id, before, after))

        exec_until_saved(dialog, save)

    def duplicate(self, item_id: int) -> None:
        mission = self._writable_mission()
        if mission is None:
            return
        dialog = self._dialog(mission, self._load(item_id), editing=False)
        exec_until_saved(dialog, lambda: self._run(DuplicateItem(
            self.window.db.engine, self.window.events, mission.id, dialog.item())))

    def move(self, item_id: int) -> None:
        mission = self._writable_mission()
        if mission is None:
            return
        values = self._load(item_id).values
        dialog = MoveDialog(item_title(values), values["start_utc"], values["end_utc"],
                            values["start_tz"], values["end_tz"], parent=self.window)
        exec_until_saved(dialog, lambda: self._run(MoveItem(
            self.window.db.engine, self.window.events, mission.id, item_id, item_title(values),
            (values["start_utc"], values["end_utc"]), dialog.times())))

    def _shift_current(self, days: int) -> None:
        item_id = self.window.itinerary.current_item_id()
        mission = self._writable_mission()
        if item_id is None or mission is None:
            return
        values = self._load(item_id).values
        before = (values["start_utc"], values["end_utc"])
        self._run(MoveItem(self.window.db.engine, self.window.events, mission.id, item_id,
                           item_title(values), before,
                           moved(*before, values["start_tz"], days=days)))

    def delete(self, item_id: int) -> None:
        mission = self._writable_mission()
        if mission is None:
            return
        title = item_title(self._load(item_id).values)
        if confirm(
            self.window, _("Delete item"),
            _("Delete “{title}” from the itinerary? You can undo this.").format(title=title)):
            self.window.run_command(DeleteItem(self.window.db.engine, self.window.events,
                                               mission.id, item_id, title))
