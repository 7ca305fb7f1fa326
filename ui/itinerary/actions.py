"""What happens when someone adds, edits, moves, duplicates or deletes an itinerary item: the
dialogs, and the undoable commands they end in.

Every change goes through ctx.run_command, so a storage error is shown and the step is
recorded for undo only once it is committed.
"""

from __future__ import annotations

from datetime import datetime, time

from i18n import _
from models import airports, items
from models import repository as repo
from models.entities import ItemKind
from models.sites import list_tab_sites
from models.store.db import read_session
from ui.common.context import Context
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
from ui.itinerary.item_defaults import FlightTitles, new_item, new_stay, previous_item
from ui.itinerary.itinerary_tab import ItineraryTab
from ui.itinerary.move_dialog import MoveDialog, moved


class ItemActions:
    """Carries out what the Itinerary tab's actions ask for; the menu shows the same actions."""

    def __init__(self, ctx: Context, tab: ItineraryTab):
        self.ctx, self.tab = ctx, tab
        tab.add_requested.connect(self.add)
        tab.edit_requested.connect(self.edit)
        tab.move_requested.connect(self.move)
        tab.shift_requested.connect(self.shift)
        tab.duplicate_requested.connect(self.duplicate)
        tab.delete_requested.connect(self.delete)

    def _dialog(self, mission, data: items.ItemData | None, *, editing: bool):
        from ui.itinerary.item_dialog import ItemDialog  # when first used: not needed to start

        tab = self.tab
        airports.warm_up()
        with read_session(self.ctx.engine) as session:
            # The mission's own sites first, then the rest of the shared library.
            own = {site.id for site in list_tab_sites(session, mission_id=mission.id)}
            sites = sorted(items.list_all_sites(session), key=lambda site: site.id not in own)
            attendees = repo.list_attendees(session, mission_id=mission.id)
        zones = list(dict.fromkeys([mission.home_tz] + [z for r in tab.rows
                                                        for z in (r.start_tz, r.end_tz)]))
        day = tab.selected_day() or tab.shown_day or mission.start_date
        zone = day_zone(day, tab.rows, mission.home_tz)
        dialog = ItemDialog(sites=sites, attendees=attendees, zones=zones, data=data,
                            editing=editing, default_start=datetime.combine(day, time(9)),
                            default_zone=zone, parent=self.ctx.parent)
        FlightTitles(dialog)
        return dialog

    def _new_item(self, mission, kind: str | None) -> items.ItemData:
        """Where the item before it ended (item_defaults), or a stay of the day shown."""
        tab = self.tab
        day = tab.selected_day() or tab.shown_day
        if kind == ItemKind.HOTEL.value:
            return new_stay(tab.rows, day=day or mission.start_date, home_tz=mission.home_tz)
        row = previous_item(tab.rows, current_id=tab.current_item_id(), day=day)
        previous = self._load(row.id) if row is not None else None
        return new_item(tab.rows, previous=previous, previous_row=row, day=day,
                        home_tz=mission.home_tz, first_day=mission.start_date)

    def _load(self, item_id: int) -> items.ItemData:
        with read_session(self.ctx.engine) as session:
            return items.get_item(session, item_id=item_id)

    def _run(self, command) -> bool:
        if not self.ctx.run_command(command):
            return False
        self.tab.select_item(command.item_id)
        return True

    # handlers --------------------------------------------------------------------------------
    def add(self, kind: str | None = None) -> None:
        """A new item (of `kind`: "hotel" from the Lodging tab), its fields filled from the
        item before it; the window stays on the page it was asked from."""
        mission = self.ctx.writable_mission()
        if mission is None:
            return
        if kind is None:
            self.ctx.show_page(self.tab)
        dialog = self._dialog(mission, self._new_item(mission, kind), editing=False)
        exec_until_saved(dialog, lambda: self._run(AddItem(
            self.ctx.engine, self.ctx.events, mission.id, dialog.item())))

    def edit(self, item_id: int) -> None:
        mission = self.ctx.writable_mission()
        if mission is None:
            return
        before = self._load(item_id)
        dialog = self._dialog(mission, before, editing=True)

        def save() -> bool:
            after = dialog.item()
            if after == before:
                return True                          # nothing changed: no empty undo step
            return self._run(EditItem(self.ctx.engine, self.ctx.events, mission.id,
                                      item_id, before, after))

        exec_until_saved(dialog, save)

    def duplicate(self, item_id: int) -> None:
        mission = self.ctx.writable_mission()
        if mission is None:
            return
        dialog = self._dialog(mission, self._load(item_id), editing=False)
        exec_until_saved(dialog, lambda: self._run(DuplicateItem(
            self.ctx.engine, self.ctx.events, mission.id, dialog.item())))

    def move(self, item_id: int) -> None:
        mission = self.ctx.writable_mission()
        if mission is None:
            return
        values = self._load(item_id).values
        dialog = MoveDialog(item_title(values), values["start_utc"], values["end_utc"],
                            values["start_tz"], values["end_tz"], parent=self.ctx.parent)
        exec_until_saved(dialog, lambda: self._run(MoveItem(
            self.ctx.engine, self.ctx.events, mission.id, item_id, item_title(values),
            (values["start_utc"], values["end_utc"]), dialog.times())))

    def shift(self, item_id: int, days: int) -> None:
        """Ctrl+Up/Down: the item a day earlier or later, at the same local times."""
        mission = self.ctx.writable_mission()
        if mission is None:
            return
        values = self._load(item_id).values
        before = (values["start_utc"], values["end_utc"])
        self._run(MoveItem(self.ctx.engine, self.ctx.events, mission.id, item_id,
                           item_title(values), before,
                           moved(*before, values["start_tz"], days=days)))

    def delete(self, item_id: int) -> None:
        mission = self.ctx.writable_mission()
        if mission is None:
            return
        title = item_title(self._load(item_id).values)
        if confirm(
            self.ctx.parent, _("Delete item"),
            _("Delete “{title}” from the itinerary? You can undo this.").format(title=title)):
            self.ctx.run_command(DeleteItem(self.ctx.engine, self.ctx.events,
                                               mission.id, item_id, title))
