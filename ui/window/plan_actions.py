"""The window's parts for the plan around the itinerary: the Readiness panel on the Overview, the
Sites tab with its visitor lists, the Lodging tab, and File > Duplicate mission. Builds them into
the window, reloads them with the mission, and turns their requests into undoable commands.

Every change goes through window.run_command, so a storage error is shown and the step is
recorded for undo only once it is committed.
"""

from __future__ import annotations

from PySide6.QtGui import QAction

from i18n import _, ngettext
from models import lodging, sites
from models import repository as repo
from models.entities import AttendanceStatus
from models.store.db import read_session
from ui.common.dialogs import confirm, exec_until_saved
from ui.lodging.lodging_tab import LodgingTab
from ui.missions.readiness_links import ReadinessController
from ui.missions.readiness_panel import ReadinessPanel
from ui.sites.sites_tab import SitesTab
from ui.window.plan_commands import (
    AddRoom,
    AddSite,
    DeleteRoom,
    DeleteSite,
    DuplicateMission,
    EditRoom,
    EditSite,
    SetClearance,
    room_name,
    site_name,
)


class PlanActions:
    def __init__(self, window):
        self.window = window
        engine, tabs = window.db.engine, window.tabs
        self.readiness_panel = ReadinessPanel()
        window.overview.add_panel(self.readiness_panel)
        self.readiness = ReadinessController(window, self.readiness_panel)
        # The Sites tab takes the window's site table into its own page, at the same place.
        index = tabs.indexOf(window.site_table)
        if index >= 0:
            tabs.removeTab(index)
        self.sites_tab = SitesTab(engine, window.site_table, window.site_model)
        window.site_table.show()                  # a removed tab page is left hidden
        tabs.insertTab(index if index >= 0 else tabs.count(), self.sites_tab, "")
        self.lodging_tab = LodgingTab(engine)
        tabs.addTab(self.lodging_tab, "")
        self.act_duplicate = QAction(window, triggered=lambda: self.duplicate())

        self.sites_tab.add_requested.connect(self.add_site)
        self.sites_tab.edit_requested.connect(self.edit_site)
        self.sites_tab.delete_requested.connect(self.delete_site)
        self.sites_tab.clearance_chosen.connect(self.set_clearance)
        self.lodging_tab.add_requested.connect(self.add_room)
        self.lodging_tab.edit_requested.connect(self.edit_room)
        self.lodging_tab.delete_requested.connect(self.delete_room)

    def show_mission(self, mission_id: int | None) -> None:
        """The window calls this whenever it shows a mission, after every change too."""
        editable = mission_id is not None and not self.window.db.read_only
        self.sites_tab.show_mission(mission_id, editable)
        self.lodging_tab.show_mission(mission_id, editable)
        self.readiness.refresh(mission_id)
        self.act_duplicate.setEnabled(editable)

    def retranslate_ui(self) -> None:
        tabs = self.window.tabs
        self.act_duplicate.setText(_("D&uplicate mission…"))
        tabs.setTabText(tabs.indexOf(self.sites_tab), _("Sites"))
        tabs.setTabText(tabs.indexOf(self.lodging_tab), _("Lodging"))
        self.readiness.update_title()

    # helpers ---------------------------------------------------------------------------------
    def _mission_id(self) -> int | None:
        mission = self.window.current_mission()
        return None if mission is None or self.window.db.read_only else mission.id

    def _run(self, command) -> bool:
        return self.window.run_command(command)

    # sites -----------------------------------------------------------------------------------
    def add_site(self) -> None:
        mission_id = self._mission_id()
        if mission_id is None:
            return
        from ui.sites.site_dialog import SiteDialog

        dialog = SiteDialog(parent=self.window)
        commands = []

        def save() -> bool:
            commands.append(AddSite(self.window.db.engine, self.window.events, mission_id,
                                    dialog.values()))
            return self._run(commands[-1])

        if exec_until_saved(dialog, save):
            self.sites_tab.select_site(commands[-1].site_id)

    def edit_site(self, site_id: int) -> None:
        mission_id = self._mission_id()
        if mission_id is None:
            return
        with read_session(self.window.db.engine) as session:
            before = sites.get_site(session, site_id=site_id)
        from ui.sites.site_dialog import SiteDialog

        dialog = SiteDialog(before, editing=True, parent=self.window)
        exec_until_saved(dialog, lambda: dialog.values() == before or self._run(EditSite(
            self.window.db.engine, self.window.events, mission_id, site_id, before,
            dialog.values())))

    def delete_site(self, site_id: int) -> None:
        mission_id = self._mission_id()
        if mission_id is None:
            return
        with read_session(self.window.db.engine) as session:
            name = site_name(sites.get_site(session, site_id=site_id))
            usage = sites.site_usage(session, site_id=site_id, mission_id=mission_id)
        n, others = usage.items_here, usage.missions_elsewhere
        text = _("Delete the site {name}?").format(name=name)
        if n:
            text = ngettext(
                "Delete the site {name}? {n} item of this mission takes place there: it keeps "
                "its place but will no longer name the site.",
                "Delete the site {name}? {n} items of this mission take place there: they keep "
                "their place but will no longer name the site.", n).format(name=name, n=n)
        if others:
            text += " " + ngettext("Items of {n} other mission lose the site too.",
                                   "Items of {n} other missions lose the site too.",
                                   others).format(n=others)
        text += " " + _("You can undo this.")
        if confirm(self.window, _("Delete site"), text):
            self._run(DeleteSite(self.window.db.engine, self.window.events, mission_id,
                                 site_id, name))

    def set_clearance(self, item_id: int, participant_id: int, before: str, after: str,
                      name: str) -> None:
        mission_id = self._mission_id()
        if mission_id is not None:
            self._run(SetClearance(self.window.db.engine, self.window.events, mission_id,
                                   item_id, participant_id, name, before, after))

    # rooms -----------------------------------------------------------------------------------
    def _room_dialog(self, stay, data=None):
        from ui.lodging.room_dialog import RoomDialog

        with read_session(self.window.db.engine) as session:
            people = repo.list_attendees(session, mission_id=self.window.mission_id)
        kana = {p.participant_id: (p.family_kana, p.given_kana) for p in people
                if p.status != AttendanceStatus.CANCELLED.value}
        return RoomDialog(stay, data, kana=kana, parent=self.window)

    def _stay(self, item_id: int):
        return next((s for s in self.lodging_tab.stays if s.item_id == item_id), None)

    def add_room(self, item_id: int) -> None:
        mission_id, stay = self._mission_id(), self._stay(item_id)
        if mission_id is None or stay is None:
            return
        dialog = self._room_dialog(stay)
        commands = []

        def save() -> bool:
            commands.append(AddRoom(self.window.db.engine, self.window.events, mission_id,
                                    dialog.room()))
            return self._run(commands[-1])

        if exec_until_saved(dialog, save):
            self.lodging_tab.select_room(commands[-1].data.id)

    def edit_room(self, room_id: int) -> None:
        mission_id, stay = self._mission_id(), self.lodging_tab.current_stay()
        if mission_id is None or stay is None:
            return
        with read_session(self.window.db.engine) as session:
            before = lodging.get_room(session, room_id=room_id)
        dialog = self._room_dialog(stay, before)
        exec_until_saved(dialog, lambda: dialog.room() == before or self._run(EditRoom(
            self.window.db.engine, self.window.events, mission_id, before, dialog.room())))

    def delete_room(self, room_id: int) -> None:
        mission_id = self._mission_id()
        if mission_id is None:
            return
        with read_session(self.window.db.engine) as session:
            data = lodging.get_room(session, room_id=room_id)
        if confirm(
            self.window, _("Delete room"),
            _("Delete room {room} and its guest list? You can undo this.").format(
                room=room_name(data))):
            self._run(DeleteRoom(self.window.db.engine, self.window.events, mission_id, data))

    # missions --------------------------------------------------------------------------------
    def _code_taken(self, code: str) -> bool:
        with read_session(self.window.db.engine) as session:
            return repo.code_in_use(session, code=code)

    def duplicate(self) -> None:
        mission = self.window.current_mission()
        if mission is None or self.window.db.read_only:
            return
        from ui.missions.duplicate_dialog import DuplicateDialog

        dialog = DuplicateDialog(mission, code_taken=self._code_taken, parent=self.window)
        exec_until_saved(dialog, lambda: self._run(DuplicateMission(
            self.window.db.engine, self.window.events, mission.id, dialog.code(),
            dialog.start(), dialog.copy_people())))
